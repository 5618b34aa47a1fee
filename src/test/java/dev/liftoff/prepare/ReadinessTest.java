package dev.liftoff.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Ticker;
import dev.liftoff.testing.FakeTime;
import dev.liftoff.testing.MariaDb;
import dev.liftoff.testing.TestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waits against the real MariaDB on 127.0.0.1:3306 and real sockets on loopback; time is a
 * {@link FakeTime} wherever a test would otherwise sleep through a backoff or a timeout.
 */
class ReadinessTest {
  final TestLog logged = new TestLog();
  final Log log = logged.log();

  String log() {
    return logged.text();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aMysqlWaitLogsInAndSaysHowLongItTook() {
    MariaDb.require();

    Readiness.await(List.of("mysql://root:@127.0.0.1:3306/test"), Duration.ofSeconds(10), log);

    assertTrue(log().contains("event=wait url=mysql://root:***@127.0.0.1:3306/test"
        + " check=mysql-login attempts=1 ms="), log());
  }

  @Test
  void aWrongPasswordFailsAtOnceWith78AndNoPassword() throws Exception {
    MariaDb.require();
    MariaDb.user("liftoff_wait", "right-password");
    FakeTime time = new FakeTime();

    LaunchException e = assertThrows(LaunchException.class, () -> Readiness.await(
        List.of("mariadb://liftoff_wait:wr0ng-pa55@127.0.0.1:3306/test"), Duration.ofSeconds(20),
        log, time));

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
    assertFalse(e.getMessage().contains("wr0ng-pa55") || log().contains("wr0ng-pa55"));
    assertEquals(0, time.sleeps.get(), "a refused login is not retried");
  }

  @Test
  void anUnknownDatabaseFailsAtOnceWith78() {
    MariaDb.require();

    LaunchException e = assertThrows(LaunchException.class, () -> Readiness.await(
        List.of("mysql://root@127.0.0.1/no_such_database_here"), Duration.ofSeconds(20), log));

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("no_such_database_here"), e.getMessage());
  }

  @Test
  void aPortWhereNothingListensFailsAtTheTimeoutWith69() throws IOException {
    int port = freePort();
    FakeTime time = new FakeTime();

    LaunchException e = assertThrows(LaunchException.class, () -> Readiness.await(
        List.of("mysql://root@127.0.0.1:" + port + "/test", "redis://127.0.0.1:" + port,
            "postgres://u:p@127.0.0.1:" + port + "/db"),
        Duration.ofSeconds(30), log, time));

    assertEquals(69, e.status());
    assertTrue(e.getMessage().contains("mysql://root@127.0.0.1:" + port)
        && e.getMessage().contains("redis://127.0.0.1:" + port)
        && e.getMessage().contains("postgres://u:***@127.0.0.1:" + port), e.getMessage());
    assertTrue(e.getMessage().contains("last error"), e.getMessage());
    assertTrue(e.getMessage().contains("(30000ms)"), e.getMessage());
    assertTrue(time.elapsedMs() >= 30_000, "gave up after " + time.elapsedMs() + " ms");
  }

  @Test
  void aTcpWaitSucceedsOnceASocketStartsListening() throws Exception {
    int port = freePort();
    FakeTime time = new FakeTime();
    ServerSocket[] late = new ServerSocket[1];
    time.onSleep = () -> {
      if (time.sleeps.get() == 3) {
        try {
          late[0] = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };

    try {
      Readiness.await(List.of("tcp://127.0.0.1:" + port), Duration.ofSeconds(30), log, time);
    } finally {
      if (late[0] != null) {
        late[0].close();
      }
    }

    assertTrue(log().contains("check=tcp attempts=4 "), log());
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aFinalAnswerFromOneServiceEndsTheWaitWithoutWaitingForTheOthers() throws Exception {
    MariaDb.require();
    MariaDb.user("i17_wait", "right-password");
    int port = freePort();
    // The silent service's waiter sleeps until it is interrupted (parked; the sleep after the
    // interrupt throws at once): only the refusal can end this.
    Ticker forever = FakeTime.real(sleep -> java.util.concurrent.locks.LockSupport.park());

    LaunchException e = assertThrows(LaunchException.class, () -> Readiness.await(
        List.of("tcp://127.0.0.1:" + port, "mysql://i17_wait:wr0ng@127.0.0.1:3306/test"),
        Duration.ofHours(1), log, forever));

    assertEquals(78, e.status());
    assertTrue(e.getMessage().startsWith("wait: mysql://i17_wait:***@127.0.0.1:3306/test refused,"
        + " and waiting will not change it"), e.getMessage());
    assertFalse(e.getMessage().contains("wr0ng") || log().contains("wr0ng"));
  }

  @Test
  void eachSchemeGetsItsOwnCheck() {
    assertEquals("mysql-login", Readiness.check(dev.liftoff.env.Url.parse("mariadb://h/db")));
    assertEquals("postgres-login", Readiness.check(dev.liftoff.env.Url.parse("postgresql://h/d")));
    assertEquals("redis-ping", Readiness.check(dev.liftoff.env.Url.parse("rediss://:p@h:1")));
    assertEquals("tcp", Readiness.check(dev.liftoff.env.Url.parse("amqp://h")));
  }

  @Test
  void aUrlWithoutAPortForAnUnknownSchemeIsAConfigurationError() {
    LaunchException e = assertThrows(LaunchException.class,
        () -> Readiness.await(List.of("custom://host"), Duration.ofSeconds(1), log));

    assertEquals(78, e.status());
  }
}
