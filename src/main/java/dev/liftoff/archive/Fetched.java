package dev.liftoff.archive;

import dev.liftoff.core.CacheFolder;
import dev.liftoff.core.DigestRecords;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Sha256;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code fetch} command installed, by URL: a build step fetches and verifies once, and
 * every dyno booted from that build runs the same install with no network, as if its digest were
 * pinned. Delete {@code CACHE/fetched.properties} (or the cache) to fetch anew.
 */
public final class Fetched {
  private static final String FILE = CacheFolder.FETCHED;

  private Fetched() {}

  /**
   * The SHA-256 that {@code fetch} recorded for this exact URL, if it did. A value that is not
   * one (a {@code ..}, a path) is refused (78) rather than followed out of the installs.
   */
  public static Optional<String> sha256For(Path cacheDir, String url) {
    Path file = cacheDir.resolve(FILE);
    // A missing or garbled file: this boot fetches, as without a build step.
    String sha256 = DigestRecords.read(file).get(key(url));
    if (sha256 != null && !DigestRecords.isDigest(sha256)) {
      throw new LaunchException(Status.CONFIG, file + ": the install recorded for this url is '"
          + sha256.replaceAll("\\p{Cntrl}", "?") + "', not a SHA-256 in hex: the record was edited or damaged;"
          + " delete " + file + " and run fetch again");
    }
    return Optional.ofNullable(sha256);
  }

  /**
   * Records that {@code url} is installed in {@code installed}, replacing the file atomically (a
   * damaged record is replaced by this one). The record is what the build step is for, so a
   * failure fails it (74): silently, every dyno would download instead.
   */
  public static void record(Path cacheDir, String url, Installed installed) {
    Path file = cacheDir.resolve(FILE);
    Map<String, String> entries = DigestRecords.read(file);
    entries.put(key(url), installed.dir().getFileName().toString());
    try {
      DigestRecords.write(file, "URL digests (the URL itself may hold a password) to installs",
          entries);
    } catch (IOException e) {
      throw new LaunchException(Status.IO_ERROR, "cannot record the install in " + file + ": "
          + Extraction.reason(e) + "; without the record every boot downloads again: free space"
          + " there, make it writable, or set " + CacheFolder.SETTING, e);
    }
  }

  private static String key(String url) {
    return Sha256.hex(url);
  }
}
