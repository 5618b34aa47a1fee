package dev.liftoff.env;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service URL taken apart: credentials decoded, host without IPv6 brackets, the database kept
 * apart from the query, query parameters in their order.
 *
 * @param scheme lower case, as written ({@code postgresql} stays {@code postgresql})
 * @param user decoded, or null when the URL has none
 * @param password decoded, or null when the URL has none
 * @param port the explicit port, or -1
 * @param database the path without its leading {@code /}, decoded
 * @param params decoded query parameters, in order
 */
public record Url(String scheme, String user, String password, String host, int port, String database,
    List<Map.Entry<String, String>> params) {

  static final Map<String, Integer> DEFAULT_PORTS = Map.ofEntries(
      Map.entry("mysql", 3306), Map.entry("mariadb", 3306), Map.entry("mysql2", 3306),
      Map.entry("postgres", 5432), Map.entry("redis", 6379), Map.entry("rediss", 6379),
      Map.entry("amqp", 5672), Map.entry("amqps", 5671), Map.entry("mongodb", 27017),
      Map.entry("nats", 4222), Map.entry("mqtt", 1883), Map.entry("memcached", 11211),
      Map.entry("http", 80), Map.entry("https", 443));

  /** Reads a service URL; throws {@link IllegalArgumentException} saying what is wrong. */
  public static Url parse(String text) {
    return UrlParser.parse(text);
  }

  /** The jdbc form, without credentials: what a MySQL or PostgreSQL driver connects to. */
  public String jdbc() {
    return UrlParts.part(this, "jdbc");
  }

  /** The scheme's family: postgres for postgresql, mysql for mariadb and mysql2. */
  public String family() {
    return family(scheme);
  }

  static String family(String scheme) {
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "postgresql", "postgres" -> "postgres";
      case "mysql", "mariadb", "mysql2", "jdbc:mysql" -> "mysql";
      default -> scheme.toLowerCase(Locale.ROOT);
    };
  }

  boolean isIpv6() {
    return host.indexOf(':') >= 0;
  }

  /** The port, or the scheme's default, or -1 when it has none. */
  public int portOrDefault() {
    return port >= 0 ? port : DEFAULT_PORTS.getOrDefault(family(), -1);
  }

  boolean hasPassword() {
    return password != null && !password.isEmpty();
  }

  /** The last value of a parameter, as drivers read repeated ones; null when absent. */
  public String param(String key) {
    String value = null;
    for (Map.Entry<String, String> param : params) {
      if (param.getKey().equals(key)) {
        value = param.getValue();
      }
    }
    return value;
  }
}
