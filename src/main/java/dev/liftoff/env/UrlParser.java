package dev.liftoff.env;

import static dev.liftoff.core.Percent.decode;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Takes service URLs apart (RFC 3986). MySQL URLs go through Connector/J's own parser so Liftoff
 * reads them as the driver would; every other scheme through the generic reading here.
 */
final class UrlParser {
  private UrlParser() {}

  /** The URL, or throws {@link IllegalArgumentException} saying what is wrong. */
  static Url parse(String text) {
    int colon = text.indexOf("://");
    if (colon <= 0) {
      throw new IllegalArgumentException("it has no scheme://");
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    if (scheme.startsWith("jdbc:")) {
      scheme = scheme.substring(5);
    }
    if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
      throw new IllegalArgumentException("'" + scheme + "' is not a scheme");
    }
    if (Url.family(scheme).equals("mysql")) {
      return MysqlUrlParser.parse(scheme, text.substring(colon + 3));
    }
    return generic(scheme, text.substring(colon + 3));
  }

  private static Url generic(String scheme, String rest) {
    int fragment = rest.indexOf('#');
    if (fragment >= 0) {
      rest = rest.substring(0, fragment);
    }
    int query = rest.indexOf('?');
    String queryText = query >= 0 ? rest.substring(query + 1) : null;
    String beforeQuery = query >= 0 ? rest.substring(0, query) : rest;
    // The authority ends at the first / after its last @: an @ belongs in userinfo only.
    int at = beforeQuery.lastIndexOf('@');
    int slash = beforeQuery.indexOf('/', Math.max(at, 0));
    String authority = slash >= 0 ? beforeQuery.substring(0, slash) : beforeQuery;
    String path = slash >= 0 ? beforeQuery.substring(slash + 1) : "";
    String user = null;
    String password = null;
    String hostPort = authority;
    int userAt = authority.lastIndexOf('@');
    if (userAt >= 0) {
      String userInfo = authority.substring(0, userAt);
      hostPort = authority.substring(userAt + 1);
      int split = userInfo.indexOf(':');
      user = decode(split >= 0 ? userInfo.substring(0, split) : userInfo);
      password = split >= 0 ? decode(userInfo.substring(split + 1)) : null;
    }
    String host;
    int port = -1;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("an IPv6 host is not closed by ]");
      }
      host = hostPort.substring(1, close);
      port = port(hostPort.substring(close + 1), true);
    } else {
      int portColon = hostPort.lastIndexOf(':');
      host = decode(portColon >= 0 ? hostPort.substring(0, portColon) : hostPort);
      port = portColon >= 0 ? port(hostPort.substring(portColon), false) : -1;
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("it has no host");
    }
    return new Url(scheme, user, password, host, port, decode(path), params(queryText));
  }

  private static int port(String text, boolean afterBracket) {
    if (text.isEmpty() || text.equals(":")) {
      return -1; // host: with no digits is the default port, as libpq and RFC 3986 read it
    }
    if (!text.startsWith(":") || !text.substring(1).matches("\\d{1,5}")) {
      // Not shown: in scheme://user:password without its @host, what reads as the port is the
      // password, and no @ lets Redact see it.
      throw new IllegalArgumentException("its port is not a number (a password needs an @ and"
          + " the host after it)");
    }
    int port = Integer.parseInt(text.substring(1));
    if (port > 65535) {
      throw new IllegalArgumentException("its port " + port + " is out of range");
    }
    return port;
  }

  static List<Map.Entry<String, String>> params(String query) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      params.add(new AbstractMap.SimpleImmutableEntry<>(
          decode(eq >= 0 ? pair.substring(0, eq) : pair),
          eq >= 0 ? decode(pair.substring(eq + 1)) : ""));
    }
    return params;
  }
}
