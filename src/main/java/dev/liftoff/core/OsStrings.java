package dev.liftoff.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process's environment and arguments as the kernel holds them: bytes, read whatever the
 * locale. The JVM decodes them with the locale's charset, which without LANG is ASCII, so a UTF-8
 * {@code päss} would become {@code p\uFFFD\uFFFDss} and reach the program changed. Here bytes are
 * read as UTF-8, and a byte that is not part of valid UTF-8 becomes a lone low surrogate
 * ({@code U+DC80..U+DCFF}, Python's "surrogateescape"), which {@link #encode} turns back into the
 * same byte: any byte string goes through a Java string and comes out unchanged.
 */
public final class OsStrings {
  private static final int ESCAPE = 0xDC00;

  private OsStrings() {}

  /** The environment from {@code /proc/self/environ}, or the JVM's where there is none. */
  public static Map<String, String> environment() {
    Optional<List<byte[]>> entries = nulSeparated(Path.of("/proc/self/environ"));
    if (entries.isEmpty()) {
      return System.getenv();
    }
    Map<String, String> environment = new HashMap<>();
    for (byte[] entry : entries.get()) {
      String text = decode(entry);
      int eq = text.indexOf('=', 1); // from 1: a name is never empty
      if (eq > 0) {
        environment.putIfAbsent(text.substring(0, eq), text.substring(eq + 1)); // getenv: first
      }
    }
    return environment;
  }

  /**
   * The program's arguments as bytes: the last {@code jvmArgs.length} words of {@code
   * /proc/self/cmdline}, provided each decodes with the JVM's own charset to what the JVM gave
   * (an argument file or a launcher that rewrote its command line would break that match; then
   * the JVM's reading stands).
   */
  public static String[] arguments(String[] jvmArgs) {
    Optional<List<byte[]>> words = nulSeparated(Path.of("/proc/self/cmdline"));
    if (words.isEmpty() || words.get().size() < jvmArgs.length || jvmArgs.length == 0) {
      return jvmArgs;
    }
    Charset jvm;
    try {
      jvm = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (RuntimeException e) {
      return jvmArgs;
    }
    List<byte[]> tail = words.get().subList(words.get().size() - jvmArgs.length,
        words.get().size());
    String[] args = new String[jvmArgs.length];
    for (int i = 0; i < args.length; i++) {
      if (!new String(tail.get(i), jvm).equals(jvmArgs[i])) {
        return jvmArgs;
      }
      args[i] = decode(tail.get(i));
    }
    return args;
  }

  private static Optional<List<byte[]>> nulSeparated(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
    List<byte[]> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        words.add(java.util.Arrays.copyOfRange(bytes, start, i));
        start = i + 1;
      }
    }
    if (start < bytes.length) {
      words.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
    }
    return Optional.of(words);
  }

  /** UTF-8, with each byte outside a valid sequence kept as {@code U+DC00 + byte}. */
  public static String decode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
          : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      int codePoint = length == 1 ? b : sequence(bytes, i, length);
      if (codePoint < 0) {
        out.append((char) (ESCAPE + b));
        i++;
      } else {
        out.appendCodePoint(codePoint);
        i += length;
      }
    }
    return out.toString();
  }

  /** The code point of a well-formed, shortest-form, non-surrogate sequence, or -1. */
  private static int sequence(byte[] bytes, int at, int length) {
    if (length == 0 || at + length > bytes.length) {
      return -1;
    }
    int codePoint = bytes[at] & (0x7F >> length);
    for (int k = 1; k < length; k++) {
      int b = bytes[at + k] & 0xFF;
      if ((b & 0xC0) != 0x80) {
        return -1;
      }
      codePoint = codePoint << 6 | b & 0x3F;
    }
    int smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (codePoint < smallest || codePoint > 0x10FFFF
        || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
      return -1;
    }
    return codePoint;
  }

  /** UTF-8 of {@code text}, with each escaped byte of {@link #decode} written back as itself. */
  public static byte[] encode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c >= ESCAPE + 0x80 && c <= ESCAPE + 0xFF) {
        out.write(c - ESCAPE);
      } else if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | c >> 6);
        out.write(0x80 | c & 0x3F);
      } else if (c < 0x10000) {
        if (c >= 0xD800 && c <= 0xDFFF) {
          c = 0xFFFD; // any other lone surrogate has no UTF-8 form
        }
        out.write(0xE0 | c >> 12);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      } else {
        out.write(0xF0 | c >> 18);
        out.write(0x80 | c >> 12 & 0x3F);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      }
    }
    return out.toByteArray();
  }
}
