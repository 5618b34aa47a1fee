package dev.liftoff.verify;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 checks with the JDK's own implementation, from raw 32-byte keys as SSH and minisign hold them. */
final class Ed25519 {
  /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key (RFC 8410). */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519() {}

  static boolean verify(byte[] key, byte[] message, byte[] signature) {
    try {
      Signature ed25519 = start(key);
      ed25519.update(message);
      return ed25519.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Over a whole stream: the JDK keeps the message, as pure Ed25519 must see it twice. */
  static boolean verify(byte[] key, InputStream message, byte[] signature) throws IOException {
    try {
      Signature ed25519 = start(key);
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = message.read(buffer)) >= 0; ) {
        ed25519.update(buffer, 0, n);
      }
      return ed25519.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Signature start(byte[] key) throws GeneralSecurityException {
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + key.length);
    System.arraycopy(key, 0, der, X509_PREFIX.length, key.length);
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
    return ed25519;
  }
}
