package dev.liftoff.core;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes a properties file that {@link java.util.Properties#load(java.io.Reader)} reads back,
 * replacing the old one atomically. Not {@code Properties.store}: its date comment formats the
 * time zone's name, which loads the locale data and the zone rules, 15-20 ms of every download.
 */
public final class PropertiesFile {
  private PropertiesFile() {}

  /** Entries in their map's order, after {@code comment} (null: none), UTF-8. */
  public static void write(Path file, String comment, Map<String, String> entries)
      throws IOException {
    replace(file, text(comment, entries));
  }

  /**
   * Replaces {@code file} with {@code text} (UTF-8) by rename: a reader sees the old file or the
   * new one, never half of it. The temporary file is created new (never through a link) beside
   * it, and removed on failure.
   */
  static void replace(Path file, String text) throws IOException {
    Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(),
        "." + file.getFileName() + "-", ".tmp");
    try {
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        writer.write(text);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  static String text(String comment, Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    if (comment != null) {
      text.append("# ").append(comment.replaceAll("[\r\n]+", " ")).append('\n');
    }
    entries.forEach((key, value) -> {
      escape(key, true, text);
      text.append('=');
      escape(value, false, text);
      text.append('\n');
    });
    return text.toString();
  }

  /** What {@code Properties.load} unescapes: separators, comment marks, controls, non-ASCII. */
  private static void escape(String s, boolean key, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\f' -> out.append("\\f");
        case '=', ':', '#', '!', '\\' -> out.append('\\').append(c);
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append("\\u").append(HexFormat.of().toHexDigits(c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
