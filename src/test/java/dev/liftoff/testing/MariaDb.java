package dev.liftoff.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The MariaDB that this machine kind runs on 127.0.0.1:3306 (root, no password, database
 * {@code test}). Without one a test skips, saying so, except under CI=true, where it fails.
 */
public final class MariaDb {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 3306;

  private MariaDb() {}

  public static void require() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, PORT), 2_000);
    } catch (IOException e) {
      String why = "no MariaDB answers on " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(why + "; CI=true requires one");
      }
      Assumptions.abort(why + ": skipping; start it with"
          + " start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");
    }
  }

  public static Connection root() throws SQLException {
    return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/test", "root", "");
  }

  /** Creates (or resets) a user with this password, allowed on the test database. */
  public static void user(String name, String password) throws SQLException {
    try (Connection c = root(); Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS '" + name + "'@'%'");
      s.execute("CREATE USER IF NOT EXISTS '" + name + "'@'localhost'");
      for (String host : new String[] {"%", "localhost"}) {
        try (var p = c.prepareStatement("ALTER USER '" + name + "'@'" + host
            + "' IDENTIFIED BY ?")) {
          p.setString(1, password);
          p.execute();
        }
        s.execute("GRANT ALL ON test.* TO '" + name + "'@'" + host + "'");
      }
    }
  }
}
