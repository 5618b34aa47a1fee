package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Checks a minisign signature ({@code .minisig}) as minisign does: the key id, the Ed25519
 * signature over the file ({@code Ed}, legacy) or over its BLAKE2b-512 ({@code ED}, prehashed, the
 * default since minisign 0.10), then the global signature that binds the trusted comment to it.
 */
final class MinisignSignature {
  private static final String UNTRUSTED = "untrusted comment:";
  private static final String TRUSTED = "trusted comment: ";

  private MinisignSignature() {}

  static void verify(byte[] file, PublicKey.Minisign key, Subject subject, String label) {
    String[] lines = new String(file, StandardCharsets.UTF_8).split("\\R");
    if (lines.length < 4 || !lines[0].startsWith(UNTRUSTED) || !lines[2].startsWith(TRUSTED)) {
      throw bad(label, subject, "it does not have minisign's four lines (it may be truncated)");
    }
    byte[] signature = base64(lines[1], label, subject);
    byte[] global = base64(lines[3], label, subject);
    if (signature.length != 74 || global.length != 64) {
      throw bad(label, subject, "a signature line has the wrong length (it may be truncated)");
    }
    String algorithm = new String(signature, 0, 2, StandardCharsets.US_ASCII);
    byte[] id = Arrays.copyOfRange(signature, 2, 10);
    byte[] ed25519 = Arrays.copyOfRange(signature, 10, 74);
    if (!Arrays.equals(id, key.id())) {
      throw new LaunchException(Status.DATA, label + ": the minisign signature of "
          + subject.name() + " was made by key " + keyId(id) + ", not by public-key ("
          + keyId(key.id()) + "); nothing was installed");
    }
    boolean valid;
    try (InputStream in = subject.open()) {
      valid = switch (algorithm) {
        case "ED" -> Ed25519.verify(key.key(), blake2b512(in), ed25519);
        case "Ed" -> Ed25519.verify(key.key(), in, ed25519);
        default -> throw bad(label, subject, "its algorithm is '" + algorithm + "', not Ed or ED");
      };
    } catch (IOException e) {
      throw subject.unreadable(e);
    }
    if (!valid) {
      throw new LaunchException(Status.DATA, label + ": minisign signature check failed for "
          + subject.name() + ": it is not what the vendor signed; nothing was installed");
    }
    byte[] comment = lines[2].substring(TRUSTED.length()).getBytes(StandardCharsets.UTF_8);
    byte[] signed = Arrays.copyOf(ed25519, ed25519.length + comment.length);
    System.arraycopy(comment, 0, signed, ed25519.length, comment.length);
    if (!Ed25519.verify(key.key(), signed, global)) {
      throw new LaunchException(Status.DATA, label + ": the trusted comment of the minisign"
          + " signature of " + subject.name() + " was altered; nothing was installed");
    }
  }

  private static byte[] blake2b512(InputStream in) throws IOException {
    Blake2bDigest blake2b = new Blake2bDigest(512);
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      blake2b.update(buffer, 0, n);
    }
    byte[] out = new byte[64];
    blake2b.doFinal(out, 0);
    return out;
  }

  /** As minisign prints it: the 8 bytes read as a little-endian number, in hex. */
  static String keyId(byte[] id) {
    byte[] reversed = new byte[id.length];
    for (int i = 0; i < id.length; i++) {
      reversed[i] = id[id.length - 1 - i];
    }
    return HexFormat.of().withUpperCase().formatHex(reversed);
  }

  private static byte[] base64(String line, String label, Subject subject) {
    try {
      return Base64.getDecoder().decode(line.strip());
    } catch (IllegalArgumentException e) {
      throw bad(label, subject, "a signature line is not base64 (it may be truncated)");
    }
  }

  private static LaunchException bad(String label, Subject subject, String why) {
    return new LaunchException(Status.DATA, label + ": not a usable minisign signature of "
        + subject.name() + ": " + why + "; nothing was installed");
  }
}
