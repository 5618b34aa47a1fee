package dev.liftoff.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL that this machine kind runs on 127.0.0.1:5432 (trust, database {@code test}, users
 * root and postgres), and short-lived servers of a test's own: initdb'd with scram-sha-256 (so a
 * wrong password is refused, which the shared server's trust never does) and TLS on, run as the
 * postgres user on a free port.
 */
public final class Postgres {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;
  /** Debian's server programs, of the newest PostgreSQL installed (15 on bookworm). */
  static final String BIN = newestBin();

  private Postgres() {}

  private static String newestBin() {
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(Path::getFileName).map(Path::toString).filter(v -> v.matches("\\d+"))
          .max(java.util.Comparator.comparingInt(Integer::parseInt))
          .map(v -> "/usr/lib/postgresql/" + v + "/bin/").orElse("/usr/lib/postgresql/15/bin/");
    } catch (IOException e) {
      return "/usr/lib/postgresql/15/bin/";
    }
  }

  public static void require() {
    Services.require("PostgreSQL", HOST, PORT,
        "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
  }

  public static Connection shared() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    return new org.postgresql.Driver().connect(
        "jdbc:postgresql://" + HOST + ":" + PORT + "/test?sslmode=disable", properties);
  }

  /** A cluster of the test's own in dir (not started): superuser postgres with this password. */
  public static Own create(Path parent, String password) throws Exception {
    Services.program(BIN + "initdb", "postgresql");
    Path dir = Files.createTempDirectory(parent, "i17-pg");
    Path data = dir.resolve("data");
    Path pwfile = dir.resolve("pw");
    Files.writeString(pwfile, password + "\n");
    Path[] tls = Services.selfSigned(dir);
    Files.setPosixFilePermissions(tls[1], PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Services.run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
    Services.run(asPostgres(BIN + "initdb", "-D", data.toString(), "-U", "postgres",
        "-A", "scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--no-sync"));
    return new Own(dir, data, tls[0], tls[1], Services.freePort());
  }

  static List<String> asPostgres(String... command) {
    List<String> all = new java.util.ArrayList<>(List.of("setpriv", "--reuid=postgres",
        "--regid=postgres", "--init-groups", "--"));
    all.addAll(List.of(command));
    return all;
  }

  /** A server of the test's own; {@link #start} it, {@link #close} stops it. */
  public static final class Own implements AutoCloseable {
    public final Path dir;
    public final int port;
    final Path data;
    final Path cert;
    final Path key;
    Process server;

    Own(Path dir, Path data, Path cert, Path key, int port) {
      this.dir = dir;
      this.data = data;
      this.cert = cert;
      this.key = key;
      this.port = port;
    }

    /** Starts the server without waiting for it to accept logins. */
    public void start(boolean tls) throws IOException {
      List<String> command = asPostgres(BIN + "postgres", "-D", data.toString(),
          "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
          "-c", "fsync=off", "-c", "ssl=" + (tls ? "on" : "off"),
          "-c", "ssl_cert_file=" + cert, "-c", "ssl_key_file=" + key);
      server = Services.start(dir.resolve("server.log"), command.toArray(String[]::new));
    }

    /** Starts the server and returns once it takes a login. */
    public void startAndAwait(boolean tls, String password) throws Exception {
      start(tls);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try (Connection ignored = login(password)) {
          return;
        } catch (SQLException e) {
          if (System.nanoTime() > deadline || !server.isAlive()) {
            throw new AssertionError("the test's PostgreSQL did not start: "
                + Files.readString(dir.resolve("server.log")), e);
          }
          Thread.sleep(100);
        }
      }
    }

    public Connection login(String password) throws SQLException {
      Properties properties = new Properties();
      properties.setProperty("user", "postgres");
      properties.setProperty("password", password);
      return new org.postgresql.Driver().connect(
          "jdbc:postgresql://" + HOST + ":" + port + "/postgres?sslmode=disable", properties);
    }

    /** Creates a role with this password, and a database it owns. */
    public void role(String superPassword, String name, String password, String database)
        throws SQLException {
      try (Connection c = login(superPassword); Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + name + " LOGIN");
        try (PreparedStatement p = c.prepareStatement("SELECT format('ALTER ROLE " + name
            + " PASSWORD %L', ?::text)")) {
          p.setString(1, password);
          try (var r = p.executeQuery()) {
            r.next();
            s.execute(r.getString(1));
          }
        }
        s.execute("CREATE DATABASE " + database + " OWNER " + name);
      }
    }

    public void stop() throws InterruptedException {
      Services.stop(server);
    }

    @Override
    public void close() throws Exception {
      stop();
      Services.run(List.of("rm", "-rf", dir.toString()));
    }
  }

  /**
   * A server of one test class's own, as a JUnit extension: made, started and given one role
   * that owns one database before the class's tests; stopped and removed after them.
   */
  public static final class OwnServer implements BeforeAllCallback, AfterAllCallback {
    private final String superPassword;
    private final String role;
    private final String password;
    private final String database;
    private Path parent;
    private Own own;

    public OwnServer(String superPassword, String role, String password, String database) {
      this.superPassword = superPassword;
      this.role = role;
      this.password = password;
      this.database = database;
    }

    public Own server() {
      return own;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      parent = Files.createTempDirectory("liftoff-pg");
      own = create(parent, superPassword);
      own.startAndAwait(true, superPassword);
      own.role(superPassword, role, password, database);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
      if (own != null) {
        own.close();
      }
      if (parent != null) {
        Files.deleteIfExists(parent);
      }
    }
  }
}
