package dev.liftoff.prepare;

import com.mysql.cj.jdbc.Driver;
import dev.liftoff.core.Messages;
import dev.liftoff.env.Url;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * Logs in to a MySQL or MariaDB server through Connector/J and runs {@code SELECT 1}, with the
 * URL's own parameters (SSL ones included). Only a MySQL wait loads this class, and the driver.
 */
final class MysqlLogin {
  /** Server errors that no amount of waiting changes: bad credentials, no such database. */
  private static final Set<Integer> FINAL_ERRORS = Set.of(
      1044, // ER_DBACCESS_DENIED_ERROR
      1045, // ER_ACCESS_DENIED_ERROR
      1049, // ER_BAD_DB_ERROR
      1251, // ER_NOT_SUPPORTED_AUTH_MODE
      1698); // ER_ACCESS_DENIED_NO_PASSWORD_ERROR

  private MysqlLogin() {}

  static Answer attempt(Url url, int timeoutMs) {
    Properties properties = new Properties();
    if (url.user() != null) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    properties.setProperty("connectTimeout", Integer.toString(timeoutMs));
    properties.setProperty("socketTimeout", Integer.toString(timeoutMs));
    try (Connection connection = new Driver().connect(url.jdbc(), properties);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return new Answer.Ready();
    } catch (SQLException e) {
      String why = Messages.cause(e);
      return FINAL_ERRORS.contains(e.getErrorCode()) || "28000".equals(e.getSQLState())
          ? new Answer.Never(why) : new Answer.NotYet(why);
    }
  }
}
