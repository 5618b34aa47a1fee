package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Tells a signature's scheme by its content and has the matching class check it against the key.
 * The scheme tests live here, not in the scheme classes, so that an SSH check never loads the
 * OpenPGP class (and Bouncy Castle with it).
 */
final class Signatures {
  private Signatures() {}

  static void verify(byte[] signature, PublicKey key, Subject subject, String label,
      Instant now) {
    String head = new String(signature, 0, Math.min(signature.length, 64),
        StandardCharsets.ISO_8859_1);
    if (head.contains("-----BEGIN SSH SIGNATURE-----")) {
      SshSignature.verify(signature, (PublicKey.Ssh) matching(key, PublicKey.Ssh.class,
          "an SSH", label), subject, label);
    } else if (head.startsWith("untrusted comment:")) {
      MinisignSignature.verify(signature, (PublicKey.Minisign) matching(key,
          PublicKey.Minisign.class, "a minisign", label), subject, label);
    } else if (head.contains("-----BEGIN PGP SIGNATURE-----")
        || (signature.length > 0 && (signature[0] & 0x80) != 0)) {
      OpenPgpSignature.verify(signature, (PublicKey.OpenPgp) matching(key,
          PublicKey.OpenPgp.class, "an OpenPGP", label), subject, label, now);
    } else {
      throw new LaunchException(Status.DATA, label + " is not a signature Liftoff reads"
          + " (OpenPGP, minisign or SSH), or it is empty or truncated; nothing was installed");
    }
  }

  private static PublicKey matching(PublicKey key, Class<? extends PublicKey> kind, String scheme,
      String label) {
    if (!kind.isInstance(key)) {
      throw new LaunchException(Status.DATA, label + " holds " + scheme + " signature, but"
          + " public-key is " + key.kind() + "; nothing was installed");
    }
    return key;
  }
}
