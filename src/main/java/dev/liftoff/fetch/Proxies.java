package dev.liftoff.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  /** The proxy URL for a request, or null for a direct connection. */
  URI proxyFor(String scheme, String host) {
    if (bypassed(host)) {
      return null;
    }
    String value = scheme.equals("https")
        ? first("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
        : first("http_proxy", "all_proxy", "ALL_PROXY");
    if (value == null || value.isBlank()) {
      return null;
    }
    String url = value.contains("://") ? value.strip() : "http://" + value.strip();
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        return null;
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  @Override
  public List<Proxy> select(URI uri) {
    URI proxy = proxyFor(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost());
    if (proxy == null) {
      return List.of(Proxy.NO_PROXY);
    }
    boolean socks = proxy.getScheme().toLowerCase(Locale.ROOT).startsWith("socks");
    int port = proxy.getPort() >= 0 ? proxy.getPort() : socks ? 1080 : 80;
    return List.of(new Proxy(socks ? Proxy.Type.SOCKS : Proxy.Type.HTTP,
        InetSocketAddress.createUnresolved(proxy.getHost(), port)));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {
    // The download's own retries handle a failed proxy like any failed connection.
  }

  /** {@code Basic ...} for a proxy URL that carries credentials, else null. */
  static String basicCredentials(URI proxy) {
    String userInfo = proxy == null ? null : proxy.getRawUserInfo();
    if (userInfo == null) {
      return null;
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    return "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** NO_PROXY as curl reads it: {@code *}, or names that match a host or its subdomains. */
  boolean bypassed(String host) {
    String list = first("no_proxy", "NO_PROXY");
    if (list == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    for (String entry : list.split(",")) {
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

  private String first(String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
