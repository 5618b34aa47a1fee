package dev.liftoff.env;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The parts of a {@link Url} that templates name: {@code ${DATABASE_URL.host}} and the rest. */
final class UrlParts {
  static final List<String> NAMES = List.of("scheme", "user", "password", "host", "port",
      "hostport", "database", "query", "param.KEY", "url", "jdbc", "godsn", "sslmode", "pq", "tls");
  /** Parts whose value holds the password: what they produce is a secret. */
  static final List<String> SECRET = List.of("password", "url", "godsn", "pq");

  private UrlParts() {}

  /** The part's value; null for an absent parameter; throws for an unknown part. */
  static String part(Url url, String part) {
    if (part.startsWith("param.")) {
      return url.param(part.substring("param.".length()));
    }
    return switch (part) {
      case "scheme" -> url.scheme();
      case "user" -> nullToEmpty(url.user());
      case "password" -> nullToEmpty(url.password());
      case "host" -> url.host();
      case "port" -> Integer.toString(port(url));
      case "hostport" -> hostPort(url);
      case "database" -> url.database();
      case "query" -> query(url, false);
      case "url" -> normalized(url);
      case "jdbc" -> jdbc(url);
      case "godsn" -> goDsn(url);
      case "sslmode" -> sslmode(url);
      case "pq" -> pq(url);
      case "tls" -> Boolean.toString(tls(url));
      default -> throw new IllegalArgumentException("unknown part '" + part + "'; known: "
          + String.join(", ", NAMES));
    };
  }

  /**
   * Whether the URL asks for TLS: a TLS scheme (rediss, amqps, https, ...) or a parameter that
   * requires it (sslmode=require and stricter, ssl=true, useSSL=true, sslMode=REQUIRED ...), so a
   * recipe can write {@code FLEET_REDIS_USE_TLS=${REDIS_URL.tls}}.
   */
  private static boolean tls(Url url) {
    if (List.of("rediss", "amqps", "https", "mqtts", "natss", "wss").contains(url.scheme())) {
      return true;
    }
    for (Map.Entry<String, String> param : url.params()) {
      String key = param.getKey().toLowerCase(java.util.Locale.ROOT);
      String value = param.getValue().toLowerCase(java.util.Locale.ROOT);
      boolean on = switch (key) {
        case "sslmode" -> List.of("require", "verify-ca", "verify-full", "required",
            "verify_ca", "verify_identity").contains(value);
        case "ssl", "usessl", "requiressl", "tls" -> value.equals("true") || value.equals("1");
        default -> false;
      };
      if (on) {
        return true;
      }
    }
    return false;
  }

  private static int port(Url url) {
    int port = url.portOrDefault();
    if (port < 0) {
      throw new IllegalArgumentException("it has no port, and " + url.scheme()
          + " has no default port");
    }
    return port;
  }

  private static String hostPort(Url url) {
    return bracketed(url) + ":" + port(url);
  }

  private static String bracketed(Url url) {
    return url.isIpv6() ? "[" + url.host() + "]" : url.host();
  }

  /** Re-encoded, with the default port made explicit: one spelling per URL. */
  private static String normalized(Url url) {
    StringBuilder out = new StringBuilder(url.scheme()).append("://");
    if (url.user() != null) {
      out.append(encode(url.user()));
      if (url.password() != null) {
        out.append(':').append(encode(url.password()));
      }
      out.append('@');
    }
    out.append(url.host().startsWith("/") ? encode(url.host()) : bracketed(url));
    if (url.portOrDefault() >= 0 && !url.host().startsWith("/")) {
      out.append(':').append(url.portOrDefault());
    }
    if (!url.database().isEmpty()) {
      out.append('/').append(encodePath(url.database()));
    }
    return out.append(query(url, true)).toString();
  }

  /**
   * {@code jdbc:mysql://host:port/db?params}: credentials are left to the driver's properties. A
   * Postgres one always says its sslmode, so the driver does what libpq would with the URL.
   */
  private static String jdbc(Url url) {
    String subprotocol = switch (url.family()) {
      case "mysql" -> "mysql";
      case "postgres" -> "postgresql";
      default -> throw new IllegalArgumentException("there is no JDBC form for " + url.scheme()
          + " URLs (only MySQL and PostgreSQL)");
    };
    String query = query(url, true);
    if (subprotocol.equals("postgresql") && url.param("sslmode") == null) {
      query += (query.isEmpty() ? "?" : "&") + "sslmode=" + sslmode(url);
    }
    return "jdbc:" + subprotocol + "://" + hostPort(url) + "/" + encodePath(url.database())
        + query;
  }

  /** The URL's sslmode, else libpq's default, {@code prefer}: TLS when the server offers it. */
  static String sslmode(Url url) {
    if (!url.family().equals("postgres")) {
      throw new IllegalArgumentException("sslmode is a Postgres part; this is a " + url.scheme()
          + " URL");
    }
    String mode = url.param("sslmode");
    return mode == null || mode.isEmpty() ? "prefer" : mode;
  }

  /**
   * libpq's key-value form, which lib/pq and pgx read too: {@code host=h port=5432 user=u
   * password=p dbname=d sslmode=prefer}, the URL's other parameters before sslmode.
   */
  private static String pq(Url url) {
    String sslmode = sslmode(url);
    StringBuilder out = new StringBuilder();
    keyValue(out, "host", url.host());
    keyValue(out, "port", Integer.toString(port(url)));
    if (url.user() != null && !url.user().isEmpty()) {
      keyValue(out, "user", url.user());
    }
    if (url.password() != null && !url.password().isEmpty()) {
      keyValue(out, "password", url.password());
    }
    if (!url.database().isEmpty()) {
      keyValue(out, "dbname", url.database());
    }
    for (Map.Entry<String, String> param : url.params()) {
      if (!param.getKey().equals("sslmode")) {
        if (!param.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new IllegalArgumentException("its parameter '" + param.getKey()
              + "' cannot be a key of the key-value form");
        }
        keyValue(out, param.getKey(), param.getValue());
      }
    }
    keyValue(out, "sslmode", sslmode);
    return out.toString();
  }

  /** Quotes as libpq's conninfo parser reads: in '...', with a backslash before ' and backslash. */
  private static void keyValue(StringBuilder out, String key, String value) {
    if (!out.isEmpty()) {
      out.append(' ');
    }
    out.append(key).append('=');
    boolean plain = !value.isEmpty() && value.chars()
        .noneMatch(c -> c == '\'' || c == '\\' || Character.isWhitespace(c));
    if (plain) {
      out.append(value);
      return;
    }
    out.append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\'' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('\'');
  }

  /**
   * The Go MySQL driver's DSN, {@code user:pass@tcp(host:port)/db?params}. That driver takes the
   * password raw up to the last @ before the last /, and unescapes parameter values.
   */
  private static String goDsn(Url url) {
    if (!url.family().equals("mysql")) {
      throw new IllegalArgumentException("godsn is the Go MySQL driver's form; this is a "
          + url.scheme() + " URL");
    }
    StringBuilder out = new StringBuilder();
    if (url.user() != null && !url.user().isEmpty()) {
      out.append(url.user());
      if (url.password() != null) {
        out.append(':').append(url.password());
      }
      out.append('@');
    }
    out.append(url.host().startsWith("/") ? "unix(" + url.host() + ")"
        : "tcp(" + hostPort(url) + ")");
    out.append('/').append(url.database());
    return out.append(query(url, true)).toString();
  }

  private static String query(Url url, boolean withMark) {
    if (url.params().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(withMark ? "?" : "");
    for (Map.Entry<String, String> param : url.params()) {
      if (out.length() > (withMark ? 1 : 0)) {
        out.append('&');
      }
      out.append(encode(param.getKey()));
      out.append('=').append(encode(param.getValue()));
    }
    return out.toString();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Percent-encodes all but RFC 3986's unreserved characters. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static String encodePath(String path) {
    return encode(path).replace("%2F", "/");
  }
}
