package dev.liftoff.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a short text, in hex: how the cache names what belongs to a URL; and the one
 * place a {@link MessageDigest} is made, for fetch (hashing downloads) and verify (hashing lists).
 */
public final class Sha256 {
  private Sha256() {}

  public static String hex(String text) {
    return HexFormat.of().formatHex(digest("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A fresh digest of one of the algorithms every JDK must have: SHA-256, SHA-512, SHA-1. */
  public static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
