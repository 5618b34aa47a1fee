package dev.liftoff.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.testing.MariaDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waits against the real MariaDB on 127.0.0.1:3306 and real sockets on loopback. */
class ReadinessTest {
  final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  final Log log = new Log(new PrintStream(logged, true, StandardCharsets.UTF_8), false);

  String log() {
    return logged.toString(StandardCharsets.UTF_8);
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
    long started = System.nanoTime();

    LaunchException e = assertThrows(LaunchException.class, () -> Readiness.await(
        List.of("mariadb://liftoff_wait:wr0ng-pa55@127.0.0.1:3306/test"), Duration.ofSeconds(20),
        log));

    long ms = (System.nanoTime() - started) / 1_000_000;
    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
    assertFalse(e.getMessage().contains("wr0ng-pa55") || log().contains("wr0ng-pa55"));
    assertTrue(ms < 10_000, "took " + ms + " ms of a 20 s timeout");
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
    long started = System.nanoTime();

    LaunchException e = assertThrows(LaunchException.class, () -> Readiness.await(
        List.of("mysql://root@127.0.0.1:" + port + "/test", "redis://127.0.0.1:" + port),
        Duration.ofSeconds(2), log));

    long ms = (System.nanoTime() - started) / 1_000_000;
    assertEquals(69, e.status());
    assertTrue(e.getMessage().contains("mysql://root@127.0.0.1:" + port)
        && e.getMessage().contains("redis://127.0.0.1:" + port), e.getMessage());
    assertTrue(e.getMessage().contains("last error"), e.getMessage());
    assertTrue(ms >= 1_900 && ms < 6_000, "gave up after " + ms + " ms");
  }

  @Test
  void aTcpWaitSucceedsOnceASocketStartsListening() throws Exception {
    int port = freePort();
    Thread late = Thread.ofPlatform().start(() -> {
      try {
        Thread.sleep(800);
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          server.accept().close();
        }
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });

    Readiness.await(List.of("postgres://u:p@127.0.0.1:" + port + "/db"), Duration.ofSeconds(15),
        log);

    late.join();
    assertTrue(log().contains("check=tcp"), log());
    assertFalse(log().contains("attempts=1 "), "it had to retry: " + log());
  }

  @Test
  void aUrlWithoutAPortForAnUnknownSchemeIsAConfigurationError() {
    LaunchException e = assertThrows(LaunchException.class,
        () -> Readiness.await(List.of("custom://host"), Duration.ofSeconds(1), log));

    assertEquals(78, e.status());
  }
}
