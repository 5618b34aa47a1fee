package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks an SSH signature of a file ({@code ssh-keygen -Y sign -n file}, the SSHSIG format of
 * OpenSSH's PROTOCOL.sshsig) made with an Ed25519 key, using the JDK's own Ed25519.
 */
final class SshSignature {
  private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
  private static final String NAMESPACE = "file";
  private static final String ED25519 = "ssh-ed25519";
  /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key (RFC 8410). */
  private static final byte[] X509_ED25519 = HexFormat.of().parseHex("302a300506032b6570032100");

  private SshSignature() {}

  /**
   * @param armored the signature file's text
   * @param publicKeyLine the trusted {@code ssh-ed25519 AAAA... comment} line
   * @param sha512 the file's SHA-512, computed while it was fetched
   * @param sha256 the file's SHA-256, for signatures made with {@code -O hashalg=sha256}
   */
  static void verify(String armored, String publicKeyLine, byte[] sha512, byte[] sha256,
      String name) {
    byte[] trustedKey = publicKey(publicKeyLine);
    Wire blob = new Wire(unarmor(armored));
    if (!Arrays.equals(blob.bytes(MAGIC.length), MAGIC) || blob.uint32() != 1) {
      throw bad("it is not an SSHSIG version 1 signature");
    }
    byte[] signedKey = new Wire(blob.string()).key();
    String namespace = new String(blob.string(), StandardCharsets.UTF_8);
    byte[] reserved = blob.string();
    String hashAlgorithm = new String(blob.string(), StandardCharsets.UTF_8);
    Wire signatureBlob = new Wire(blob.string());
    if (!Arrays.equals(signedKey, trustedKey)) {
      throw new LaunchException(Status.DATA, "signature of " + name + " was made by another key"
          + " than public-key; nothing was installed");
    }
    if (!NAMESPACE.equals(namespace)) {
      throw bad("its namespace is '" + namespace + "', not 'file' (sign with -n file)");
    }
    byte[] hash = switch (hashAlgorithm) {
      case "sha512" -> sha512;
      case "sha256" -> sha256;
      default -> throw bad("it uses hash " + hashAlgorithm + ", not sha512 or sha256");
    };
    if (!ED25519.equals(new String(signatureBlob.string(), StandardCharsets.UTF_8))) {
      throw bad("it is not an Ed25519 signature");
    }
    byte[] signature = signatureBlob.string();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.writeBytes(MAGIC);
    Wire.writeString(signed, NAMESPACE.getBytes(StandardCharsets.UTF_8));
    Wire.writeString(signed, reserved);
    Wire.writeString(signed, hashAlgorithm.getBytes(StandardCharsets.UTF_8));
    Wire.writeString(signed, hash);
    try {
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
          new X509EncodedKeySpec(concat(X509_ED25519, trustedKey)));
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initVerify(key);
      ed25519.update(signed.toByteArray());
      if (!ed25519.verify(signature)) {
        throw new LaunchException(Status.DATA, "signature check failed for " + name
            + ": the download is not what the vendor signed; nothing was installed");
      }
    } catch (GeneralSecurityException e) {
      throw bad("the JDK refused it: " + e.getMessage());
    }
  }

  /** The 32 key bytes of an {@code ssh-ed25519 BASE64 [comment]} line. */
  static byte[] publicKey(String line) {
    String[] parts = line.strip().split("\\s+");
    if (parts.length < 2 || !parts[0].equals(ED25519)) {
      throw new LaunchException(Status.CONFIG, "public-key: expected an 'ssh-ed25519 AAAA...'"
          + " line, as in the vendor's .pub file");
    }
    try {
      return new Wire(Base64.getDecoder().decode(parts[1])).key();
    } catch (IllegalArgumentException | LaunchException e) {
      throw new LaunchException(Status.CONFIG, "public-key: the ssh-ed25519 key is not valid"
          + " base64 of an Ed25519 key");
    }
  }

  private static byte[] unarmor(String armored) {
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
      throw bad("its body is not base64");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  static LaunchException bad(String why) {
    return new LaunchException(Status.DATA, "signature-url: not a usable SSH signature: " + why);
  }

  /** SSH wire encoding: big-endian uint32 lengths before byte strings. */
  private static final class Wire {
    private final ByteBuffer buffer;

    Wire(byte[] bytes) {
      this.buffer = ByteBuffer.wrap(bytes);
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
        throw bad("a length is out of range");
      }
      return bytes(n);
    }

    /** An {@code ssh-ed25519} public key blob's 32 key bytes. */
    byte[] key() {
      if (!ED25519.equals(new String(string(), StandardCharsets.UTF_8))) {
        throw bad("the key is not ssh-ed25519");
      }
      byte[] key = string();
      if (key.length != 32) {
        throw bad("the Ed25519 key is not 32 bytes");
      }
      return key;
    }

    private void need(int n) {
      if (buffer.remaining() < n) {
        throw bad("it ends too early");
      }
    }

    static void writeString(ByteArrayOutputStream out, byte[] value) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
      out.writeBytes(value);
    }
  }
}
