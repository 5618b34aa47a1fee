package dev.liftoff.fetch;

import static dev.liftoff.core.Percent.decode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the proxy for a URL from the variables curl reads: {@code https_proxy}/{@code
 * HTTPS_PROXY}, {@code http_proxy} (lower case only, as curl, since a CGI request can set
 * HTTP_PROXY), {@code all_proxy}/{@code ALL_PROXY} and {@code no_proxy}/{@code NO_PROXY}.
 */
final class Proxies extends ProxySelector {
  private final Map<String, String> env;

  Proxies(Map<String, String> env) {
    this.env = env;
  }

  /** The proxy URL for a request; empty for a direct connection. */
  Optional<URI> proxyFor(String scheme, String host) {
    if (bypassed(host)) {
      return Optional.empty();
    }
    Optional<String> value = scheme.equals("https")
        ? first("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
        : first("http_proxy", "all_proxy", "ALL_PROXY");
    if (value.isEmpty() || value.get().isBlank()) {
      return Optional.empty();
    }
    String text = value.get().strip();
    try {
      URI uri = new URI(text.contains("://") ? text : "http://" + text);
      return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Proxy> select(URI uri) {
    Optional<URI> chosen = proxyFor(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost());
    if (chosen.isEmpty()) {
      return List.of(Proxy.NO_PROXY);
    }
    URI proxy = chosen.get();
    boolean socks = proxy.getScheme().toLowerCase(Locale.ROOT).startsWith("socks");
    int port = proxy.getPort() >= 0 ? proxy.getPort() : socks ? 1080 : 80;
    return List.of(new Proxy(socks ? Proxy.Type.SOCKS : Proxy.Type.HTTP,
        InetSocketAddress.createUnresolved(proxy.getHost(), port)));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {
    // The download's own retries handle a failed proxy like any failed connection.
  }

  /**
   * {@code Basic ...} for a proxy URL that carries credentials; empty without. URI has checked
   * its %-escapes already.
   */
  static Optional<String> basicCredentials(URI proxy) {
    String userInfo = proxy.getRawUserInfo();
    if (userInfo == null) {
      return Optional.empty();
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** NO_PROXY as curl reads it: {@code *}, or names that match a host or its subdomains. */
  boolean bypassed(String host) {
    Optional<String> list = first("no_proxy", "NO_PROXY");
    if (list.isEmpty()) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    for (String entry : list.get().split(",")) {
      String pattern = entry.strip().toLowerCase(Locale.ROOT);
      if (pattern.equals("*")) {
        return true;
      }
      if (pattern.startsWith(".")) {
        pattern = pattern.substring(1);
      }
      if (!pattern.isEmpty() && (name.equals(pattern) || name.endsWith("." + pattern))) {
        return true;
      }
    }
    return false;
  }

  private Optional<String> first(String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
