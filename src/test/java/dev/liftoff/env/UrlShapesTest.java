package dev.liftoff.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import dev.liftoff.testing.MariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The URL shapes that platforms really hand out, and every part Liftoff makes of them. */
class UrlShapesTest {
  static final String TRICKY = "p@s:s/s?s#s%s+x";
  static final String TRICKY_ENCODED = "p%40s%3As%2Fs%3Fs%23s%25s+x";

  /** platform, URL, then expected: user, password, host, port, hostport, database, query,
   * jdbc, godsn ("-" where that form does not exist for the scheme). */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of("JawsDB", "mysql://ab12cd:ef34gh@x8h.cbetxkdyhwsb.us-east-1.rds.amazonaws.com:3306/k9db",
            "ab12cd", "ef34gh", "x8h.cbetxkdyhwsb.us-east-1.rds.amazonaws.com", "3306",
            "x8h.cbetxkdyhwsb.us-east-1.rds.amazonaws.com:3306", "k9db", "",
            "jdbc:mysql://x8h.cbetxkdyhwsb.us-east-1.rds.amazonaws.com:3306/k9db",
            "ab12cd:ef34gh@tcp(x8h.cbetxkdyhwsb.us-east-1.rds.amazonaws.com:3306)/k9db"),
        Arguments.of("ClearDB", "mysql://b6f:3c2@us-cdbr-east-06.cleardb.net/heroku_a1b?reconnect=true",
            "b6f", "3c2", "us-cdbr-east-06.cleardb.net", "3306",
            "us-cdbr-east-06.cleardb.net:3306", "heroku_a1b", "reconnect=true",
            "jdbc:mysql://us-cdbr-east-06.cleardb.net:3306/heroku_a1b?reconnect=true",
            "b6f:3c2@tcp(us-cdbr-east-06.cleardb.net:3306)/heroku_a1b?reconnect=true"),
        Arguments.of("Heroku Postgres", "postgres://u1x:p1y@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9f",
            "u1x", "p1y", "ec2-1-2-3-4.compute-1.amazonaws.com", "5432",
            "ec2-1-2-3-4.compute-1.amazonaws.com:5432", "d9f", "",
            "jdbc:postgresql://ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9f?sslmode=prefer", "-"),
        Arguments.of("HEROKU_POSTGRESQL_AMBER_URL", "postgres://u:p@h.example.com:5433/db?sslmode=require",
            "u", "p", "h.example.com", "5433", "h.example.com:5433", "db", "sslmode=require",
            "jdbc:postgresql://h.example.com:5433/db?sslmode=require", "-"),
        Arguments.of("Render", "postgresql://user:pw@dpg-abc123-a/mydb_x",
            "user", "pw", "dpg-abc123-a", "5432", "dpg-abc123-a:5432", "mydb_x", "",
            "jdbc:postgresql://dpg-abc123-a:5432/mydb_x?sslmode=prefer", "-"),
        Arguments.of("Railway MYSQL_URL", "mysql://root:AbCdEf@containers-us-west-1.railway.app:6543/railway",
            "root", "AbCdEf", "containers-us-west-1.railway.app", "6543",
            "containers-us-west-1.railway.app:6543", "railway", "",
            "jdbc:mysql://containers-us-west-1.railway.app:6543/railway",
            "root:AbCdEf@tcp(containers-us-west-1.railway.app:6543)/railway"),
        Arguments.of("Heroku Redis TLS", "rediss://:s3cret@ec2-5-6.compute-1.amazonaws.com:25070",
            "", "s3cret", "ec2-5-6.compute-1.amazonaws.com", "25070",
            "ec2-5-6.compute-1.amazonaws.com:25070", "", "", "-", "-"),
        Arguments.of("IPv6 MySQL", "mysql://u:p@[2001:db8::1]:3307/db",
            "u", "p", "2001:db8::1", "3307", "[2001:db8::1]:3307", "db", "",
            "jdbc:mysql://[2001:db8::1]:3307/db", "u:p@tcp([2001:db8::1]:3307)/db"),
        Arguments.of("IPv6 Postgres", "postgres://u:p@[::1]/db",
            "u", "p", "::1", "5432", "[::1]:5432", "db", "", "jdbc:postgresql://[::1]:5432/db?sslmode=prefer", "-"),
        Arguments.of("encoded MySQL password", "mysql://user:" + TRICKY_ENCODED + "@db.example.com/app",
            "user", TRICKY, "db.example.com", "3306", "db.example.com:3306", "app", "",
            "jdbc:mysql://db.example.com:3306/app", "user:" + TRICKY + "@tcp(db.example.com:3306)/app"),
        Arguments.of("encoded Postgres password", "postgres://user:" + TRICKY_ENCODED + "@db.example.com/app",
            "user", TRICKY, "db.example.com", "5432", "db.example.com:5432", "app", "",
            "jdbc:postgresql://db.example.com:5432/app?sslmode=prefer", "-"),
        Arguments.of("MySQL Unix socket", "mysql://u:p@%2Fvar%2Frun%2Fmysqld.sock/db",
            "u", "p", "/var/run/mysqld.sock", "3306", "/var/run/mysqld.sock:3306", "db", "",
            "jdbc:mysql:///var/run/mysqld.sock:3306/db", "u:p@unix(/var/run/mysqld.sock)/db"),
        Arguments.of("jdbc:mysql form", "jdbc:mysql://u:p@h:3306/db?useSSL=true&serverTimezone=UTC",
            "u", "p", "h", "3306", "h:3306", "db", "useSSL=true&serverTimezone=UTC",
            "jdbc:mysql://h:3306/db?useSSL=true&serverTimezone=UTC",
            "u:p@tcp(h:3306)/db?useSSL=true&serverTimezone=UTC"));
  }

  static String part(String url, String part) {
    Environment environment = new Environment(Map.of("X_URL", url), Builtins.machine());
    return environment.expand("env.T", "${X_URL." + part + "}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void everyPartOfEveryShape(String platform, String url, String user, String password,
      String host, String port, String hostport, String database, String query, String jdbc,
      String godsn) {
    assertEquals(user, part(url, "user"), platform + " user");
    assertEquals(password, part(url, "password"), platform + " password");
    assertEquals(host, part(url, "host"), platform + " host");
    assertEquals(port, part(url, "port"), platform + " port");
    assertEquals(hostport, part(url, "hostport"), platform + " hostport");
    assertEquals(database, part(url, "database"), platform + " database");
    assertEquals(query, part(url, "query"), platform + " query");
    for (String[] form : new String[][] {{"jdbc", jdbc}, {"godsn", godsn}}) {
      if (form[1].equals("-")) {
        LaunchException e = assertThrows(LaunchException.class, () -> part(url, form[0]));
        assertEquals(78, e.status());
      } else {
        assertEquals(form[1], part(url, form[0]), platform + " " + form[0]);
      }
    }
    if (!jdbc.equals("-")) {
      assertFalse(part(url, "jdbc").contains("@"), "the jdbc form holds no credentials");
    }
  }

  @Test
  void theNormalizedUrlReEncodesAndKeepsTls() {
    assertEquals("mysql://user:" + "p%40s%3As%2Fs%3Fs%23s%25s%2Bx" + "@db.example.com:3306/app",
        part("mysql://user:" + TRICKY_ENCODED + "@db.example.com/app", "url"));
    assertEquals("rediss://:s3cret@cache:25070", part("rediss://:s3cret@cache:25070", "url"));
    assertEquals("postgresql://u:p@h:5432/db?sslmode=require",
        part("postgresql://u:p@h/db?sslmode=require", "url"));
  }

  @Test
  void tlsSaysWhetherTheUrlAsksForTls() {
    assertEquals("true", part("rediss://:p@h:25070", "tls"));
    assertEquals("false", part("redis://:p@h:6379", "tls"));
    assertEquals("true", part("postgres://u:p@h/db?sslmode=require", "tls"));
    assertEquals("false", part("postgres://u:p@h/db?sslmode=prefer", "tls"));
    assertEquals("true", part("mysql://u:p@h/db?useSSL=true", "tls"));
    assertEquals("true", part("mysql://u:p@h/db?sslMode=REQUIRED", "tls"));
  }

  @Test
  void parametersAreReadByNameAndAnAbsentOneFallsBackToItsDefault() {
    Environment environment = new Environment(
        Map.of("DATABASE_URL", "postgres://u:p@h/db?sslmode=require&application_name=fleet%20web"),
        Builtins.machine());

    assertEquals("require", environment.expand("env.T", "${DATABASE_URL.param.sslmode}"));
    assertEquals("fleet web", environment.expand("env.T", "${DATABASE_URL.param.application_name}"));
    assertEquals("30", environment.expand("env.T", "${DATABASE_URL.param.timeout:-30}"));
    LaunchException e = assertThrows(LaunchException.class,
        () -> environment.expand("env.T", "${DATABASE_URL.param.timeout}"));
    assertTrue(e.getMessage().contains("has no param.timeout"), e.getMessage());
  }

  @Test
  void anEmptyPartOfTheChosenUrlIsItsValueUnlessADefaultReplacesIt() {
    Environment environment = new Environment(Map.of(
        "JAWSDB_URL", "mysql://root:@127.0.0.1:3306/test",
        "DATABASE_URL", "mysql://other:secret@elsewhere/db",
        "REDIS_URL", "redis://127.0.0.1:6379"), Builtins.machine());

    assertEquals("", environment.expand("env.T", "${JAWSDB_URL|DATABASE_URL.password}"));
    assertEquals("0", environment.expand("env.T", "${REDIS_URL.database:-0}"));
    assertEquals("", environment.expand("env.T", "${REDIS_URL.database}"));
  }

  @Test
  void aPartAfterAChainAppliesToWhicheverVariableIsSet() {
    Environment environment = new Environment(
        Map.of("JAWSDB_URL", "mysql://u:p@jaws:3306/db"), Builtins.machine());

    assertEquals("jaws:3306",
        environment.expand("env.T", "${CLEARDB_DATABASE_URL|JAWSDB_URL.hostport}"));
    assertEquals("jaws", environment.expand("env.T", "${DATABASE_URL.host|JAWSDB_URL.host}"));
  }

  @Test
  void errorsNameTheSettingTheVariableAndMaskTheValue() {
    Environment environment = new Environment(Map.of(
        "BAD_URL", "mysql://u:hunter2@host:notaport/db", "PLAIN", "hello",
        "GOOD_URL", "redis://h:6379"), Builtins.machine());

    LaunchException notUrl = assertThrows(LaunchException.class,
        () -> environment.expand("env.FLEET_MYSQL_ADDRESS", "${BAD_URL.hostport}"));
    assertEquals(78, notUrl.status());
    assertTrue(notUrl.getMessage().startsWith("env.FLEET_MYSQL_ADDRESS: variable BAD_URL"),
        notUrl.getMessage());
    assertFalse(notUrl.getMessage().contains("hunter2"), notUrl.getMessage());

    assertTrue(assertThrows(LaunchException.class,
        () -> environment.expand("env.T", "${PLAIN.host}")).getMessage().contains("PLAIN"));
    assertTrue(assertThrows(LaunchException.class,
        () -> environment.expand("env.T", "${GOOD_URL.nonsense}")).getMessage()
        .contains("unknown part"));
  }

  /** What the real driver accepts: the jdbc form, with user and password as properties. */
  @Test
  void connectorJLogsInToMariaDbWithTheJdbcFormAndTheDecodedCredentials() throws Exception {
    MariaDb.require();
    MariaDb.user("liftoff_shapes", TRICKY);
    for (String url : new String[] {
        "mysql://liftoff_shapes:" + TRICKY_ENCODED + "@127.0.0.1:3306/test?reconnect=true",
        "mariadb://liftoff_shapes:" + TRICKY_ENCODED + "@127.0.0.1/test",
        "jdbc:mysql://liftoff_shapes:" + TRICKY_ENCODED + "@127.0.0.1:3306/test"}) {
      Properties credentials = new Properties();
      credentials.setProperty("user", part(url, "user"));
      credentials.setProperty("password", part(url, "password"));
      try (Connection c = DriverManager.getConnection(part(url, "jdbc"), credentials);
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT CURRENT_USER(), DATABASE()")) {
        assertTrue(r.next());
        assertTrue(r.getString(1).startsWith("liftoff_shapes@"), r.getString(1));
        assertEquals("test", r.getString(2));
      }
    }
  }

  @Test
  void cloudFoundryYieldsDatabaseUrlFromAPMysqlServiceWithoutAUri() {
    Map<String, String> env = new HashMap<>();
    env.put("VCAP_SERVICES", """
        {"p-mysql": [{"name": "fleet-db", "label": "p-mysql", "tags": ["mysql"],
          "credentials": {"hostname": "10.0.0.5", "port": 3306, "name": "cf_db",
            "username": "cfuser", "password": "cf:pass@1"}}],
         "p-redis": [{"name": "cache", "label": "p-redis", "tags": ["redis"],
          "credentials": {"host": "10.0.0.6", "port": 6379, "password": "r"}}]}
        """);

    Map<String, String> normalized = CloudFoundry.normalize(env);

    assertEquals("mysql://cfuser:cf%3Apass%401@10.0.0.5:3306/cf_db",
        normalized.get("DATABASE_URL"));
    assertEquals("redis://:r@10.0.0.6:6379", normalized.get("REDIS_URL"));
    Environment environment = new Environment(normalized, Builtins.machine());
    assertEquals("cf:pass@1", environment.expand("env.T", "${DATABASE_URL.password}"));
  }

  @Test
  void cloudFoundryWithTwoDatabasesIsAnErrorUnlessDatabaseUrlIsSet() {
    Map<String, String> env = new HashMap<>();
    env.put("VCAP_SERVICES", """
        {"elephantsql": [{"name": "pg", "label": "elephantsql",
           "credentials": {"uri": "postgres://a:b@pg.example.com/x"}}],
         "cleardb": [{"name": "my", "label": "cleardb", "tags": ["mysql"],
           "credentials": {"uri": "mysql://c:d@my.example.com/y?reconnect=true"}}]}
        """);

    LaunchException e = assertThrows(LaunchException.class, () -> CloudFoundry.normalize(env));
    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("pg") && e.getMessage().contains("my"), e.getMessage());

    env.put("DATABASE_URL", "postgres://chosen@h/db");
    assertEquals("postgres://chosen@h/db", CloudFoundry.normalize(env).get("DATABASE_URL"));
  }

  @Test
  void noVcapServicesChangesNothing() {
    Map<String, String> env = Map.of("PATH", "/bin");
    assertEquals(env, CloudFoundry.normalize(env));
  }
}
