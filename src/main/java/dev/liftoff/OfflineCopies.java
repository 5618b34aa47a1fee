package dev.liftoff;

import dev.liftoff.core.PropertiesFile;
import dev.liftoff.core.Sha256;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which install passed verification for a URL under given verification settings, so that a
 * boot whose origin is down can run it instead of crashing out of the platform's window. Keyed
 * by a digest of the URL and every verification setting: a changed key, checksum or signature
 * URL never falls back to what an older setting accepted.
 */
final class OfflineCopies {
  private static final String FILE = "verified.properties";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private OfflineCopies() {}

  /** The key of {@code url} verified under {@code verification} (absent settings as empty). */
  static String key(String url, List<Optional<String>> verification) {
    StringBuilder text = new StringBuilder(url);
    for (Optional<String> setting : verification) {
      text.append('\n').append(setting.orElse(""));
    }
    return Sha256.hex(text.toString());
  }

  /** The install digest recorded for {@code key}, if any. */
  static Optional<String> sha256For(Path cacheDir, String key) {
    return Optional.ofNullable(read(cacheDir.resolve(FILE)).get(key))
        .filter(sha -> SHA256.matcher(sha).matches());
  }

  /** Records that {@code key} was verified as {@code sha256}; a failure only costs a fallback. */
  static void record(Path cacheDir, String key, String sha256) {
    Path file = cacheDir.resolve(FILE);
    Map<String, String> entries = read(file);
    if (sha256.equals(entries.get(key))) {
      return;
    }
    entries.put(key, sha256);
    try {
      PropertiesFile.write(file, "digests of URL and verification settings to verified installs",
          entries);
    } catch (IOException e) {
      // The next boot will need the network, as it did before the fallback existed.
    }
  }

  private static Map<String, String> read(Path file) {
    Map<String, String> entries = new TreeMap<>();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return entries;
    }
    Properties recorded = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      recorded.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return entries;
    }
    recorded.forEach((k, v) -> entries.put((String) k, (String) v));
    return entries;
  }
}
