package dev.liftoff.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import dev.liftoff.testing.Postgres;
import dev.liftoff.testing.Services;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Postgres parts ({@code sslmode}, {@code pq}, {@code jdbc}) as the real clients read them:
 * psql takes the {@code pq} form, the PostgreSQL JDBC driver the {@code jdbc} one, against a server
 * of the test's own that checks passwords (scram-sha-256) and offers TLS.
 */
class PostgresPartsTest {
  static final String SUPER = "i17-parts-super";
  static final String PASSWORD = "p@ss:w/rd+x y'z\\\"#%?";

  @RegisterExtension
  static final Postgres.OwnServer own = new Postgres.OwnServer(SUPER, "i17_parts", PASSWORD,
      "i17_parts_db");

  static String part(String url, String part) {
    return new Environment(Map.of("DATABASE_URL", url), Builtins.machine())
        .expand("env.T", "${DATABASE_URL." + part + "}");
  }

  String url(String query) {
    return "postgres://i17_parts:" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
        .replace("+", "%20") + "@127.0.0.1:" + own.server().port + "/i17_parts_db"
        + query;
  }

  /** psql "$DSN" -c '...' with nothing from the environment: the DSN alone must get it in. */
  static String psql(String dsn, String sql) throws Exception {
    Services.program("/usr/bin/psql", "postgresql-client");
    ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-A", "-t", dsn, "-c", sql)
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), "psql said: " + out);
    return out.strip();
  }

  @Test
  void sslmodeIsTheUrlsOrElsePrefer() {
    assertEquals("prefer", part("postgres://u:p@h/db", "sslmode"));
    assertEquals("verify-full", part("postgresql://u:p@h/db?sslmode=verify-full", "sslmode"));
    LaunchException e = assertThrows(LaunchException.class,
        () -> part("mysql://u:p@h/db", "sslmode"));
    assertEquals(78, e.status());
  }

  @Test
  void pqQuotesAsLibpqReadsAndPutsSslmodeLast() {
    assertEquals("host=h port=5432 user=u password='a b\\'c\\\\d' dbname=db"
        + " application_name=web sslmode=prefer",
        part("postgres://u:a%20b'c%5Cd@h/db?application_name=web", "pq"));
    assertEquals("host=::1 port=6432 dbname=d sslmode=disable", part("postgres://[::1]:6432/d?sslmode=disable", "pq"));
    assertEquals("host=h port=5432 sslmode=require", part("postgres://h?sslmode=require", "pq"));
  }

  @Test
  void psqlLogsInWithThePqFormAndItsPasswordOfEveryKind() throws Exception {
    assertEquals("i17_parts|i17_parts_db|t",
        psql(part(url(""), "pq"), "select current_user, current_database(), ssl"
            + " from pg_stat_ssl where pid = pg_backend_pid()"), "prefer takes the offered TLS");
    assertEquals("f", psql(part(url("?sslmode=disable"), "pq"),
        "select ssl from pg_stat_ssl where pid = pg_backend_pid()"));
    assertEquals("t", psql(part(url("?sslmode=require&connect_timeout=10"), "pq"),
        "select ssl from pg_stat_ssl where pid = pg_backend_pid()"));
  }

  @Test
  void psqlTakesTheLastOfARepeatedKeySoARecipeCanPinSslmode() throws Exception {
    assertEquals("f", psql(part(url(""), "pq") + " sslmode=disable",
        "select ssl from pg_stat_ssl where pid = pg_backend_pid()"));
  }

  @Test
  void theJdbcDriverLogsInWithTheJdbcFormAndHonoursItsSslmode() throws Exception {
    for (String[] mode : List.of(new String[] {"", "t"}, new String[] {"?sslmode=disable", "f"})) {
      String jdbc = part(url(mode[0]), "jdbc");
      assertTrue(jdbc.contains("sslmode="), jdbc);
      Properties credentials = new Properties();
      credentials.setProperty("user", part(url(mode[0]), "user"));
      credentials.setProperty("password", part(url(mode[0]), "password"));
      try (Connection c = new org.postgresql.Driver().connect(jdbc, credentials);
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery(
              "select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
        assertTrue(r.next());
        assertEquals(mode[1].equals("t"), r.getBoolean(1), jdbc);
      }
    }
  }
}
