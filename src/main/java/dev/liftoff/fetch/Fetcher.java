package dev.liftoff.fetch;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Brings the release to local disk and hashes it on the way. A local file ({@code file:} or a
 * path) is hashed where it lies: it is already complete, and copying it would read it twice. An
 * http(s) URL goes through {@link HttpFetcher}, whose classes load only then.
 */
public final class Fetcher {
  /** Attempts within download-timeout when nothing could stand in for the release. */
  public static final int ALL_ATTEMPTS = HttpFetcher.MAX_ATTEMPTS;
  /** The first attempt and one retry: then an install verified earlier stands in. */
  public static final int ONE_RETRY = 2;

  private Fetcher() {}

  /** How a fetch ended when it did not throw. */
  public sealed interface Outcome {
    /** The release is on local disk. */
    record Fetched(Release release) implements Outcome {}

    /**
     * The origin could not be reached, retries included (refused, reset, timed out, no such
     * host, 5xx): the one failure an install verified earlier may stand in for.
     *
     * @param why the last attempt's error, for the {@code offline} warning
     */
    record Unreachable(LaunchException failure, String why) implements Outcome {}
  }

  /** The release, or the failure to fetch it as a {@link LaunchException}. */
  public static Release fetch(Download download, Path cwd, Log log) {
    return switch (attempt(download, cwd, log, ALL_ATTEMPTS)) {
      case Outcome.Fetched(Release release) -> release;
      case Outcome.Unreachable(LaunchException failure, String why) -> throw failure;
    };
  }

  /**
   * Fetches with at most {@code maxAttempts} attempts; an unreachable origin is an outcome, not
   * an exception, so that a caller with a fallback can give up after one retry. Every other
   * failure (a 404, an untrusted certificate, a full disk) is thrown.
   */
  public static Outcome attempt(Download download, Path cwd, Log log, int maxAttempts) {
    String scheme = scheme(download.url());
    if ("https".equals(scheme) || "http".equals(scheme)) {
      return new HttpFetcher(download, log, maxAttempts).fetch();
    }
    return new Outcome.Fetched(
        local(download.url(), localFile(download.url(), scheme, cwd), download.sha512(), log));
  }

  private static Release local(String url, Path file, boolean sha512, Log log) {
    long started = System.nanoTime();
    Release release;
    try {
      release = hashed(file, sha512);
    } catch (NoSuchFileException e) {
      throw new LaunchException(Status.UNAVAILABLE, "url: no file at " + file
          + "; build or copy the release there, or fix url");
    } catch (IOException e) {
      throw new LaunchException(Status.UNAVAILABLE, "url: cannot read " + file + ": " + e);
    }
    log.info("fetch", "url", url, "file", file, "bytes", release.bytes(),
        "ms", (System.nanoTime() - started) / 1_000_000, "sha256", release.sha256());
    return release;
  }

  static Path localFile(String url, String scheme, Path cwd) {
    if (scheme == null) {
      return cwd.resolve(url).normalize();
    }
    if (scheme.equals("file")) {
      try {
        return Path.of(new URI(url)).normalize();
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new LaunchException(Status.CONFIG, "url: '" + url
            + "' is not a file URL; write file:///absolute/path or a plain path");
      }
    }
    throw new LaunchException(Status.CONFIG, "url: unsupported scheme '" + scheme
        + "'; use https://, file: or a path");
  }

  /** The URL's scheme, or null for a plain path (a single letter is a Windows drive). */
  static String scheme(String url) {
    int colon = url.indexOf(':');
    if (colon < 2) {
      return null;
    }
    for (int i = 0; i < colon; i++) {
      char c = url.charAt(i);
      boolean ok = Character.isLetter(c) || i > 0 && (Character.isDigit(c) || "+-.".indexOf(c) >= 0);
      if (!ok) {
        return null;
      }
    }
    return url.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  private static Release hashed(Path file, boolean sha512) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("it is a folder, not a file");
    }
    Digests digests = Digests.of(file, sha512);
    return new Release(file, file.getFileName().toString(), digests.sha256(), digests.sha512(),
        Files.size(file));
  }
}
