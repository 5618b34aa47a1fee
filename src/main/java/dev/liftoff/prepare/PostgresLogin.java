package dev.liftoff.prepare;

import dev.liftoff.core.Messages;
import dev.liftoff.env.Url;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.Driver;

/**
 * Logs in to a PostgreSQL server through the PostgreSQL JDBC driver and runs {@code SELECT 1},
 * with the URL's {@code sslmode} read as libpq reads it ({@code prefer} when absent). Only a
 * Postgres wait loads this class, and the driver.
 */
final class PostgresLogin {
  /**
   * SQLSTATEs that no amount of waiting changes. "The database system is starting up" (57P03),
   * too many connections (53300) and refused connections (08001) are not among them.
   */
  private static final Set<String> FINAL_STATES = Set.of(
      "28P01", // invalid_password: password authentication failed
      "28000", // invalid_authorization_specification: no pg_hba.conf entry, no such role
      "3D000", // invalid_catalog_name: the database does not exist
      "42501", // insufficient_privilege: no CONNECT on the database
      "08004"); // the driver's "rejected": no TLS under sslmode=require, no password to send

  /**
   * The URL parameters the wait passes on: libpq's TLS ones. The driver would also take parameters
   * that name classes to load (sslfactory, socketFactory ...); a URL from the environment must not
   * choose code for Liftoff to run.
   */
  private static final List<String> PASSED_ON = List.of("sslmode", "sslrootcert", "sslcert",
      "sslkey");

  /** Held so the setting outlives the collector; the driver would print failures of its own. */
  private static final Logger DRIVER_LOG = Logger.getLogger("org.postgresql");

  static {
    DRIVER_LOG.setLevel(Level.OFF);
  }

  private PostgresLogin() {}

  /** The jdbc part without its query, then the parameters of {@link #PASSED_ON}. */
  static String jdbc(Url url) {
    String all = url.jdbc();
    int query = all.indexOf('?');
    StringBuilder jdbc = new StringBuilder(query >= 0 ? all.substring(0, query) : all);
    char separator = '?';
    for (String name : PASSED_ON) {
      String value = name.equals("sslmode") && url.param(name) == null ? "prefer" : url.param(name);
      if (value != null) {
        jdbc.append(separator).append(name).append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        separator = '&';
      }
    }
    return jdbc.toString();
  }

  static Answer attempt(Url url, int timeoutMs) {
    Properties properties = new Properties();
    if (url.user() != null && !url.user().isEmpty()) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    // The driver counts these in whole seconds; 0 would mean no limit.
    String seconds = Integer.toString(Math.max(1, (timeoutMs + 999) / 1000));
    properties.setProperty("connectTimeout", seconds);
    properties.setProperty("socketTimeout", seconds);
    properties.setProperty("ApplicationName", "liftoff-wait");
    try (Connection connection = new Driver().connect(jdbc(url), properties);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return new Answer.Ready();
    } catch (SQLException e) {
      String why = Messages.cause(e);
      return FINAL_STATES.contains(e.getSQLState()) ? new Answer.Never(why)
          : new Answer.NotYet(why);
    } catch (RuntimeException e) {
      // A URL the driver cannot read (a bad parameter value) fails the same way every time.
      return new Answer.Never(Messages.cause(e));
    }
  }
}
