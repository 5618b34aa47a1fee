package dev.liftoff;

import dev.liftoff.core.CacheFolder;
import dev.liftoff.core.DigestRecords;
import dev.liftoff.core.Log;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which install passed verification for a URL under given verification settings, so that a
 * boot whose origin is down can run it instead of crashing out of the platform's window. Keyed
 * by a digest of the URL and every verification setting: a changed key, checksum or signature
 * URL never falls back to what an older setting accepted.
 */
final class OfflineCopies {
  private static final String FILE = CacheFolder.VERIFIED;

  private OfflineCopies() {}

  /** The key of {@code url} verified under {@code verification} (absent settings as empty). */
  static String key(String url, List<Optional<String>> verification) {
    StringBuilder text = new StringBuilder(url);
    for (Optional<String> setting : verification) {
      text.append('\n').append(setting.orElse(""));
    }
    return Sha256.hex(text.toString());
  }

  /** The install digest recorded for {@code key}, if any (a damaged entry: none). */
  static Optional<String> sha256For(Path cacheDir, String key) {
    return Optional.ofNullable(DigestRecords.read(cacheDir.resolve(FILE)).get(key))
        .filter(DigestRecords::isDigest);
  }

  /**
   * Records that {@code key} was verified as {@code sha256}. A failure does not stop the boot
   * (the install it verified runs), but costs the fallback, so it is a warn line: the next boot
   * needs the origin, as it did before the fallback existed.
   */
  static void record(Path cacheDir, String key, String sha256, Log log) {
    Path file = cacheDir.resolve(FILE);
    Map<String, String> entries = DigestRecords.read(file);
    if (sha256.equals(entries.get(key))) {
      return;
    }
    entries.put(key, sha256);
    try {
      DigestRecords.write(file, "digests of URL and verification settings to verified installs",
          entries);
    } catch (IOException e) {
      log.warn("offline", "msg", "cannot record the verified install in " + file + ": "
          + Messages.firstLine(e.getMessage(), e.getClass().getSimpleName())
          + "; without it a boot cannot fall back to this install when the origin is down");
    }
  }
}
