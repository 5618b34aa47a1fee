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
 * @param terminal whether stderr is a person's terminal, which gets a live progress bar
 * @param sha512 whether to compute SHA-512 as well, for a signature
 */
public record Download(
    String url,
    Path cacheDir,
    Optional<Secret> authHeader,
    boolean allowHttp,
    Duration timeout,
    Map<String, String> environment,
    boolean terminal,
    boolean sha512) {

  /**
   * The same rules for another file of the release: its checksums list or its signature. The
   * auth header goes along only when that file is on the release's own origin (scheme, host and
   * port): it is the release host's credential, not the checksums host's.
   */
  public Download withUrl(String otherUrl) {
    Optional<Secret> header = sameOrigin(url, otherUrl) ? authHeader : Optional.empty();
    return new Download(otherUrl, cacheDir, header, allowHttp, timeout, environment, terminal,
        false);
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
