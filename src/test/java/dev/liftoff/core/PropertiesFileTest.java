package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {
  @TempDir Path dir;

  @Test
  void whatItWritesPropertiesReadsBackExactly() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("etag", "W/\"5f2-1a\"");
    entries.put("last-modified", "Tue, 03 Nov 2026 10:00:00 GMT");
    entries.put("url", "https://example.com/a b/release.zip?x=1&y=:2#frag");
    entries.put(" odd key=:#!", "  leading spaces, a \\ backslash, a tab\there");
    entries.put("lines", "one\ntwo\r\nthree\f");
    entries.put("unicode", "grüß dich ✓ \u0001");
    entries.put("empty", "");
    Path file = dir.resolve("meta.properties");

    PropertiesFile.write(file, "a comment\nover two lines", entries);

    Properties read = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read.load(reader);
    }
    assertEquals(entries, Map.copyOf((Map<?, ?>) read));
    assertTrue(Files.readString(file).startsWith("# a comment over two lines\n"));
  }

  @Test
  void replacesTheOldFileAndLeavesNoTemporaryBehind() throws IOException {
    Path file = dir.resolve("fetched.properties");
    PropertiesFile.write(file, null, Map.of("a", "1"));

    PropertiesFile.write(file, null, Map.of("b", "2"));

    assertEquals("b=2\n", Files.readString(file));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
    assertFalse(Files.readString(file).contains("#"), "no date comment");
  }
}
