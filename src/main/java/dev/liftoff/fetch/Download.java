package dev.liftoff.fetch;

import dev.liftoff.core.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What to fetch and under which rules.
 *
 * @param url the expanded {@code url}: https://, http://, file: or a path
 * @param environment the launcher's variables, for the proxy settings that curl reads
 */
public record Download(
    String url,
    Path cacheDir,
    Optional<Secret> authHeader,
    PlainHttp plainHttp,
    Duration timeout,
    Map<String, String> environment,
    Progress progress,
    Digests digests) {

  /** Where plain {@code http://} may go: loopback alone, unless allow-http says anywhere. */
  public enum PlainHttp { LOOPBACK_ONLY, ANYWHERE }

  /** How the download shows its progress: a live bar for a person at a terminal, else log lines. */
  public enum Progress { LOG_LINES, BAR }

  /** The digests computed while reading: SHA-512 too when a signature is made over it (SSH). */
  public enum Digests { SHA256, SHA256_AND_SHA512 }

  /** Whether {@code http://} may go to hosts other than loopback. */
  public boolean allowHttp() {
    return plainHttp == PlainHttp.ANYWHERE;
  }

  /** Whether stderr is a person's terminal, which gets a live progress bar. */
  public boolean terminal() {
    return progress == Progress.BAR;
  }

  /** Whether to compute SHA-512 as well, for a signature. */
  public boolean sha512() {
    return digests == Digests.SHA256_AND_SHA512;
  }

  /**
   * The same rules for another file of the release: its checksums list or its signature. The
   * auth header goes along only when that file is on the release's own origin (scheme, host and
   * port): it is the release host's credential, not the checksums host's.
   */
  public Download withUrl(String otherUrl) {
    Optional<Secret> header = sameOrigin(url, otherUrl) ? authHeader : Optional.empty();
    return new Download(otherUrl, cacheDir, header, plainHttp, timeout, environment, progress,
        Digests.SHA256);
  }

  /** Whether two http(s) URLs share scheme, host and port, a missing port being the default. */
  static boolean sameOrigin(String a, String b) {
    String first = origin(a);
    return first != null && first.equals(origin(b));
  }

  private static String origin(String url) {
    try {
      java.net.URI uri = new java.net.URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort() >= 0 ? uri.getPort()
          : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
      if (port < 0 || uri.getHost() == null) {
        return null;
      }
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
