package dev.liftoff.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Ticker;
import dev.liftoff.testing.FakeTime;
import dev.liftoff.testing.Postgres;
import dev.liftoff.testing.TestLog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Postgres waits log in for real: to the machine's shared PostgreSQL (trust, no TLS), and to a
 * server of the test's own (scram-sha-256 and TLS with an openssl certificate), which is the one
 * that can refuse a password and can start late.
 */
class PostgresWaitTest {
  static final String SUPER = "i17-super-secret";
  /** What a platform's generated password may hold, and what libpq's quoting must survive. */
  static final String PASSWORD = "p@ss:w/rd+x y'z\\";
  static final String ENCODED = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
      .replace("+", "%20");

  final TestLog logged = new TestLog();
  final Log log = logged.log();
  final FakeTime time = new FakeTime();

  @RegisterExtension
  static final Postgres.OwnServer own = new Postgres.OwnServer(SUPER, "i17_app", PASSWORD,
      "i17_app");

  String log() {
    return logged.text();
  }

  String ownUrl(String password, String database, String query) {
    return "postgres://i17_app:" + password + "@127.0.0.1:" + own.server().port + "/"
        + database + query;
  }

  void await(String url, Duration timeout) {
    Readiness.await(List.of(url), timeout, log, time);
  }

  @Test
  void aRoleOfItsOwnLogsInToTheSharedServer() throws Exception {
    Postgres.require();
    try (Connection c = Postgres.shared(); Statement s = c.createStatement()) {
      s.execute("DROP ROLE IF EXISTS i17_wait");
      s.execute("CREATE ROLE i17_wait LOGIN PASSWORD 'i17-pw'");
    }
    try {
      await("postgresql://i17_wait:i17-pw@127.0.0.1:5432/test", Duration.ofSeconds(30));
    } finally {
      try (Connection c = Postgres.shared(); Statement s = c.createStatement()) {
        s.execute("DROP ROLE IF EXISTS i17_wait");
      }
    }

    assertTrue(log().contains("event=wait url=postgresql://i17_wait:***@127.0.0.1:5432/test"
        + " check=postgres-login attempts=1 "), log());
    assertFalse(log().contains("i17-pw"), log());
  }

  @Test
  void aMissingDatabaseIsFinal() {
    Postgres.require();

    LaunchException e = assertThrows(LaunchException.class, () -> await(
        "postgres://postgres@127.0.0.1:5432/i17_no_such_database", Duration.ofSeconds(30)));

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("database \"i17_no_such_database\" does not exist"),
        e.getMessage());
    assertEquals(0, time.sleeps.get(), "not retried");
  }

  @Test
  void theRightPasswordWithUrlSpecialCharactersLogsIn() {
    await(ownUrl(ENCODED, "i17_app", ""), Duration.ofSeconds(30));

    assertTrue(log().contains("check=postgres-login attempts=1 "), log());
    assertFalse(log().contains(ENCODED) || log().contains(PASSWORD), log());
  }

  @Test
  void aWrongPasswordIsFinalAndNeverShown() {
    LaunchException e = assertThrows(LaunchException.class,
        () -> await(ownUrl("wr0ng-i17", "i17_app", ""), Duration.ofSeconds(30)));

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("password authentication failed for user \"i17_app\""),
        e.getMessage());
    assertFalse(e.getMessage().contains("wr0ng-i17") || log().contains("wr0ng-i17"));
    assertEquals(0, time.sleeps.get(), "not retried");
  }

  @Test
  void requireAndDisableBothLogInToATlsServerButVerifyFullWantsARootCertificate() {
    await(ownUrl(ENCODED, "i17_app", "?sslmode=require"), Duration.ofSeconds(30));
    await(ownUrl(ENCODED, "i17_app", "?sslmode=disable"), Duration.ofSeconds(30));
    assertEquals(2, log().split("check=postgres-login attempts=1 ", -1).length - 1, log());

    LaunchException e = assertThrows(LaunchException.class, () -> await(
        ownUrl(ENCODED, "i17_app", "?sslmode=verify-full"), Duration.ofSeconds(30)));

    assertEquals(69, e.status(), "a certificate nobody vouches for: not ready, within the timeout");
    assertTrue(e.getMessage().contains("root.crt") || e.getMessage().contains("certificat"),
        e.getMessage());
  }

  @Test
  void requireIsFinalAgainstAServerWithoutTlsAndPreferIsNot() {
    Postgres.require();

    await("postgres://postgres@127.0.0.1:5432/test", Duration.ofSeconds(30));
    LaunchException e = assertThrows(LaunchException.class, () -> await(
        "postgres://postgres@127.0.0.1:5432/test?sslmode=require", Duration.ofSeconds(30)));

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("does not support SSL"), e.getMessage());
  }

  @Test
  void aServerStartedAfterTheWaitBeganIsWaitedFor() throws Exception {
    own.server().stop();
    // Real time here: the server takes the time it takes to come up.
    Ticker startOnSecondSleep = FakeTime.real(sleep -> {
      if (sleep == 2) {
        try {
          own.server().start(true);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });

    Readiness.await(List.of(ownUrl(ENCODED, "i17_app", "")), Duration.ofMinutes(2), log,
        startOnSecondSleep);

    assertTrue(log().contains("check=postgres-login attempts="), log());
    assertFalse(log().contains("attempts=1 ") || log().contains("attempts=2 "), log());
  }

  @Test
  void theWaitPassesOnlyTlsParametersToTheDriverNeverOnesThatNameClasses() {
    String jdbc = PostgresLogin.jdbc(dev.liftoff.env.Url.parse("postgres://u:p@h:5433/d"
        + "?sslfactory=evil.Factory&socketFactory=evil.Socket&sslrootcert=/etc/ca%20s.pem"
        + "&application_name=web"));

    assertEquals("jdbc:postgresql://h:5433/d?sslmode=prefer&sslrootcert=%2Fetc%2Fca+s.pem", jdbc);
  }
}
