package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The vendor's key from {@code public-key}, told apart by content: an {@code ssh-ed25519} line, a
 * minisign key ({@code RW...}, alone or as minisign writes its .pub file), an OpenPGP public key
 * block; or the path of a file holding one, since armored keys span many lines.
 */
sealed interface PublicKey {
  int MAX_FILE_BYTES = 1 << 20;
  Pattern MINISIGN = Pattern.compile("(?m)^(RW[A-Za-z0-9+/]{54})\\s*$");
  String ARMOR = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

  /** What the settings and messages call this kind of key. */
  String kind();

  record Ssh(byte[] key) implements PublicKey {
    public String kind() {
      return "an ssh-ed25519 key";
    }
  }

  /** @param id the 8 bytes minisign stores, which signatures repeat */
  record Minisign(byte[] id, byte[] key) implements PublicKey {
    public String kind() {
      return "a minisign key";
    }
  }

  /** The key block as given (armored or binary); {@link OpenPgp} reads it. */
  record OpenPgp(byte[] block) implements PublicKey {
    public String kind() {
      return "an OpenPGP key";
    }
  }

  static PublicKey parse(String value, Path cwd) {
    String text = value.strip();
    if (inline(text)) {
      return fromText(text, "public-key");
    }
    Path file = cwd.resolve(text);
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw config("public-key: '" + text + "' is neither a key (ssh-ed25519 line, minisign RW..."
            + " key, OpenPGP key block) nor a file holding one");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw config("public-key: " + text + " is larger than " + MAX_FILE_BYTES
            + " bytes: not a public key");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw config("public-key: cannot read " + text + ": " + Messages.cause(e));
    }
    if (bytes.length > 0 && (bytes[0] & 0x80) != 0) {
      return OpenPgpSignature.checked(new OpenPgp(bytes), "public-key " + text);
    }
    String content = new String(bytes, StandardCharsets.UTF_8).strip();
    if (!inline(content)) {
      throw config("public-key: " + text + " holds no key this launcher reads (an ssh-ed25519"
          + " line, a minisign RW... key, or an OpenPGP public key block)");
    }
    return fromText(content, "public-key " + text);
  }

  private static boolean inline(String text) {
    return text.startsWith("ssh-") || text.contains(ARMOR) || text.startsWith("untrusted comment:")
        || MINISIGN.matcher(text).find();
  }

  private static PublicKey fromText(String text, String origin) {
    if (text.contains(ARMOR)) {
      return OpenPgpSignature.checked(
          new OpenPgp(text.getBytes(StandardCharsets.US_ASCII)), origin);
    }
    if (text.startsWith("ssh-")) {
      return new Ssh(SshSignature.publicKey(text, origin));
    }
    var minisign = MINISIGN.matcher(text);
    if (!minisign.find()) {
      throw config(origin + ": a minisign public key is a line of 56 characters starting RW,"
          + " as in the vendor's minisign.pub");
    }
    byte[] raw = Base64.getDecoder().decode(minisign.group(1));
    if (raw[0] != 'E' || raw[1] != 'd') {
      throw config(origin + ": the minisign key is not an Ed25519 key");
    }
    return new Minisign(java.util.Arrays.copyOfRange(raw, 2, 10),
        java.util.Arrays.copyOfRange(raw, 10, 42));
  }

  static LaunchException config(String message) {
    return new LaunchException(Status.CONFIG, message);
  }
}
