package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Checks an SSH signature of a file ({@code ssh-keygen -Y sign -n file}, the SSHSIG format of
 * OpenSSH's PROTOCOL.sshsig) made with an Ed25519 key, using the JDK's own Ed25519.
 */
final class SshSignature {
  private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
  private static final String NAMESPACE = "file";
  private static final String ED25519 = "ssh-ed25519";

  private SshSignature() {}

  /**
   * @param armored the signature file
   * @param key the trusted key's 32 bytes
   */
  static void verify(byte[] armored, PublicKey.Ssh key, Subject subject, String label) {
    Wire blob = new Wire(unarmor(new String(armored, StandardCharsets.US_ASCII), label), label);
    if (!Arrays.equals(blob.bytes(MAGIC.length), MAGIC) || blob.uint32() != 1) {
      throw bad(label, "it is not an SSHSIG version 1 signature");
    }
    byte[] signedKey = new Wire(blob.string(), label).key();
    String namespace = new String(blob.string(), StandardCharsets.UTF_8);
    byte[] reserved = blob.string();
    String hashAlgorithm = new String(blob.string(), StandardCharsets.UTF_8);
    Wire signatureBlob = new Wire(blob.string(), label);
    if (!Arrays.equals(signedKey, key.key())) {
      throw new LaunchException(Status.DATA, label + ": the SSH signature of " + subject.name()
          + " was made by another key than public-key; nothing was installed");
    }
    if (!NAMESPACE.equals(namespace)) {
      throw bad(label, "its namespace is '" + namespace + "', not 'file' (sign with -n file)");
    }
    byte[] hash = switch (hashAlgorithm) {
      case "sha512" -> subject.digest("SHA-512");
      case "sha256" -> subject.digest("SHA-256");
      default -> throw bad(label, "it uses hash " + hashAlgorithm + ", not sha512 or sha256");
    };
    if (!ED25519.equals(new String(signatureBlob.string(), StandardCharsets.UTF_8))) {
      throw bad(label, "it is not an Ed25519 signature");
    }
    byte[] signature = signatureBlob.string();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.writeBytes(MAGIC);
    Wire.writeString(signed, NAMESPACE.getBytes(StandardCharsets.UTF_8));
    Wire.writeString(signed, reserved);
    Wire.writeString(signed, hashAlgorithm.getBytes(StandardCharsets.UTF_8));
    Wire.writeString(signed, hash);
    if (!Ed25519.verify(key.key(), signed.toByteArray(), signature)) {
      throw new LaunchException(Status.DATA, label + ": SSH signature check failed for "
          + subject.name() + ": it is not what the vendor signed; nothing was installed");
    }
  }

  /** The 32 key bytes of an {@code ssh-ed25519 BASE64 [comment]} line. */
  static byte[] publicKey(String line, String origin) {
    String[] parts = line.strip().split("\\s+");
    if (parts.length < 2 || !parts[0].equals(ED25519)) {
      throw new LaunchException(Status.CONFIG, origin + ": of SSH keys only 'ssh-ed25519 AAAA...'"
          + " lines are supported, as in the vendor's .pub file");
    }
    try {
      return new Wire(Base64.getDecoder().decode(parts[1]), origin).key();
    } catch (IllegalArgumentException | LaunchException e) {
      throw new LaunchException(Status.CONFIG, origin + ": the ssh-ed25519 key is not valid"
          + " base64 of an Ed25519 key");
    }
  }

  private static byte[] unarmor(String armored, String label) {
    StringBuilder base64 = new StringBuilder();
    boolean inside = false;
    for (String line : armored.split("\\R")) {
      if (line.startsWith("-----BEGIN SSH SIGNATURE-----")) {
        inside = true;
      } else if (line.startsWith("-----END SSH SIGNATURE-----")) {
        break;
      } else if (inside) {
        base64.append(line.strip());
      }
    }
    try {
      return Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw bad(label, "its body is not base64");
    }
  }

  static LaunchException bad(String label, String why) {
    return new LaunchException(Status.DATA, label + ": not a usable SSH signature: " + why
        + "; nothing was installed");
  }

  /** SSH wire encoding: big-endian uint32 lengths before byte strings. */
  private static final class Wire {
    private final ByteBuffer buffer;
    private final String label;

    Wire(byte[] bytes, String label) {
      this.buffer = ByteBuffer.wrap(bytes);
      this.label = label;
    }

    int uint32() {
      need(4);
      return buffer.getInt();
    }

    byte[] bytes(int n) {
      need(n);
      byte[] out = new byte[n];
      buffer.get(out);
      return out;
    }

    byte[] string() {
      int n = uint32();
      if (n < 0) {
        throw bad(label, "a length is out of range");
      }
      return bytes(n);
    }

    /** An {@code ssh-ed25519} public key blob's 32 key bytes. */
    byte[] key() {
      if (!ED25519.equals(new String(string(), StandardCharsets.UTF_8))) {
        throw bad(label, "the key is not ssh-ed25519");
      }
      byte[] key = string();
      if (key.length != 32) {
        throw bad(label, "the Ed25519 key is not 32 bytes");
      }
      return key;
    }

    private void need(int n) {
      if (buffer.remaining() < n) {
        throw bad(label, "it ends too early");
      }
    }

    static void writeString(ByteArrayOutputStream out, byte[] value) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
      out.writeBytes(value);
    }
  }
}
