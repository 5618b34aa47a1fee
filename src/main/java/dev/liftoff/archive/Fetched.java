package dev.liftoff.archive;

import dev.liftoff.core.PropertiesFile;
import dev.liftoff.core.Sha256;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the {@code fetch} command installed, by URL: a build step fetches and verifies once, and
 * every dyno booted from that build runs the same install with no network, as if its digest were
 * pinned. Delete {@code CACHE/fetched.properties} (or the cache) to fetch anew.
 */
public final class Fetched {
  private static final String FILE = "fetched.properties";

  private Fetched() {}

  /** The SHA-256 that {@code fetch} recorded for this exact URL, if it did. */
  public static Optional<String> sha256For(Path cacheDir, String url) {
    Path file = cacheDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties recorded = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      recorded.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(recorded.getProperty(key(url)));
  }

  /** Records that {@code url} is installed in {@code installed}, replacing the file atomically. */
  public static void record(Path cacheDir, String url, Installed installed) {
    Path file = cacheDir.resolve(FILE);
    Properties recorded = new Properties();
    try {
      if (Files.isRegularFile(file)) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          recorded.load(reader);
        }
      }
      recorded.setProperty(key(url), installed.dir().getFileName().toString());
      Map<String, String> entries = new TreeMap<>();
      recorded.forEach((k, v) -> entries.put((String) k, (String) v));
      PropertiesFile.write(file, "URL digests (the URL itself may hold a password) to installs",
          entries);
    } catch (IOException e) {
      // Only the next boot's speed depends on it: it will fetch, as without a build step.
    }
  }

  private static String key(String url) {
    return Sha256.hex(url);
  }
}
