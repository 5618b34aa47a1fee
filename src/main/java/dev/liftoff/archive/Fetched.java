package dev.liftoff.archive;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Messages;
import dev.liftoff.core.PropertiesFile;
import dev.liftoff.core.Sha256;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

  /**
   * The SHA-256 that {@code fetch} recorded for this exact URL, if it did. A value that is not
   * one (a {@code ..}, a path) is refused (78) rather than followed out of the installs.
   */
  public static Optional<String> sha256For(Path cacheDir, String url) {
    Path file = cacheDir.resolve(FILE);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Properties recorded = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      recorded.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // then this boot fetches, as without a build step
    }
    String sha256 = recorded.getProperty(key(url));
    if (sha256 != null && !isDigest(sha256)) {
      throw new LaunchException(Status.CONFIG, file + ": the install recorded for this url is '"
          + sha256.replaceAll("\\p{Cntrl}", "?") + "', not a SHA-256 in hex: the record was edited or damaged;"
          + " delete " + file + " and run fetch again");
    }
    return Optional.ofNullable(sha256);
  }

  /**
   * Records that {@code url} is installed in {@code installed}, replacing the file atomically. A
   * failure is the build step's (74): silently, every dyno would download instead.
   */
  public static void record(Path cacheDir, String url, Installed installed) {
    Path file = cacheDir.resolve(FILE);
    Properties recorded = new Properties();
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        recorded.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        recorded.clear(); // a damaged record is replaced by this one
      }
    }
    recorded.setProperty(key(url), installed.dir().getFileName().toString());
    Map<String, String> entries = new TreeMap<>();
    recorded.forEach((k, v) -> {
      if (isDigest((String) v)) {
        entries.put((String) k, (String) v);
      }
    });
    try {
      PropertiesFile.write(file, "URL digests (the URL itself may hold a password) to installs",
          entries);
    } catch (IOException e) {
      throw new LaunchException(Status.IO_ERROR, "cannot record the install in " + file + ": "
          + Messages.cause(e) + "; without the record every boot downloads again: free space"
          + " there, make it writable, or set cache-dir (LIFTOFF_CACHE_DIR)", e);
    }
  }

  /** 64 lowercase hex digits: the name of an install folder, and nothing a path could be. */
  private static boolean isDigest(String value) {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static String key(String url) {
    return Sha256.hex(url);
  }
}
