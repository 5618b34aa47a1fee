package dev.liftoff.fetch;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Brings the release to local disk and hashes it on the way. A local file ({@code file:} or a
 * path) is hashed where it lies: it is already complete, and copying it would read it twice. An
 * http(s) URL goes through {@link HttpFetcher}, whose classes load only then.
 */
public final class Fetcher {
  private static final int BUFFER = 1 << 20;

  private Fetcher() {}

  public static Release fetch(Download download, Path cwd, Log log) {
    String scheme = scheme(download.url());
    if ("https".equals(scheme) || "http".equals(scheme)) {
      return new HttpFetcher(download, log).fetch();
    }
    return local(download.url(), localFile(download.url(), scheme, cwd), log);
  }

  private static Release local(String url, Path file, Log log) {
    long started = System.nanoTime();
    Release release;
    try {
      release = hashed(file);
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

  private static Release hashed(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("it is a folder, not a file");
    }
    Sha256 sha256 = new Sha256();
    long bytes = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
      int n;
      while ((n = channel.read(buffer)) >= 0) {
        buffer.flip();
        sha256.update(buffer);
        buffer.clear();
        bytes += n;
      }
    }
    return new Release(file, file.getFileName().toString(), sha256.hex(), bytes);
  }

  /** SHA-256 as hex, the form sha256sum prints and {@code sha256} takes. */
  static final class Sha256 {
    private final java.security.MessageDigest digest;

    Sha256() {
      try {
        digest = java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
    }

    void update(ByteBuffer bytes) {
      digest.update(bytes);
    }

    void update(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
    }

    String hex() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
