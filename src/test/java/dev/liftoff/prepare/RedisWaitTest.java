package dev.liftoff.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Ticker;
import dev.liftoff.testing.FakeTime;
import dev.liftoff.testing.Redis;
import dev.liftoff.testing.Services;
import dev.liftoff.testing.TestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis waits speak RESP to real servers: the machine's shared Redis (through an ACL user of the
 * test's own, deleted after), and redis-servers the test starts on free ports, with requirepass,
 * late, or with TLS and an openssl certificate.
 */
class RedisWaitTest {
  @TempDir Path dir;
  final List<Process> servers = new ArrayList<>();
  final TestLog logged = new TestLog();
  final Log log = logged.log();
  final FakeTime time = new FakeTime();

  @AfterEach
  void stopServers() throws Exception {
    for (Process server : servers) {
      Services.stop(server);
    }
  }

  String log() {
    return logged.text();
  }

  void await(String url) {
    Readiness.await(List.of(url), Duration.ofSeconds(30), log, time);
  }

  int ownServer(String... settings) throws Exception {
    int port = Services.freePort();
    Process server = Redis.start(dir, port, settings);
    servers.add(server);
    Redis.awaitPort(server, port, dir.resolve("redis-" + port + ".log"));
    return port;
  }

  @Test
  void theSharedRedisAnswersPingWithoutAPassword() {
    Redis.require();

    await("redis://127.0.0.1:6379/0");

    assertTrue(log().contains("event=wait url=redis://127.0.0.1:6379/0 check=redis-ping"
        + " attempts=1 "), log());
  }

  @Test
  void anAclUserLogsInWithItsPasswordAndIsRefusedWithAnother() throws Exception {
    Redis.require();
    assertEquals("OK", Redis.cli("ACL", "SETUSER", "i17_wait", "reset", "on", ">i17-r1ght",
        "+ping", "+select"));
    try {
      await("redis://i17_wait:i17-r1ght@127.0.0.1:6379/3");
      LaunchException e = assertThrows(LaunchException.class,
          () -> await("redis://i17_wait:i17-wr0ng@127.0.0.1:6379"));

      assertEquals(78, e.status());
      assertTrue(e.getMessage().contains("WRONGPASS"), e.getMessage());
      assertFalse(e.getMessage().contains("i17-wr0ng") || log().contains("i17-wr0ng")
          || log().contains("i17-r1ght"), e.getMessage() + log());
      assertTrue(log().contains("url=redis://i17_wait:***@127.0.0.1:6379/3 check=redis-ping"
          + " attempts=1 "), log());
      assertEquals(0, time.sleeps.get(), "the refusal was not retried");
    } finally {
      Redis.cli("ACL", "DELUSER", "i17_wait");
    }
  }

  @Test
  void aPasswordAloneIsSentAsAuthAndNoPasswordIsRefusedWithNoauth() throws Exception {
    int port = ownServer("--requirepass", "i17-only-pass");

    await("redis://:i17-only-pass@127.0.0.1:" + port);
    LaunchException noauth = assertThrows(LaunchException.class,
        () -> await("redis://127.0.0.1:" + port));
    LaunchException wrong = assertThrows(LaunchException.class,
        () -> await("redis://:i17-nope@127.0.0.1:" + port));

    assertTrue(log().contains("check=redis-ping attempts=1 "), log());
    assertEquals(78, noauth.status());
    assertTrue(noauth.getMessage().contains("NOAUTH"), noauth.getMessage());
    assertEquals(78, wrong.status());
    assertTrue(wrong.getMessage().contains("WRONGPASS"), wrong.getMessage());
  }

  @Test
  void aDatabaseOutOfRangeIsFinal() throws Exception {
    Redis.require();

    LaunchException e = assertThrows(LaunchException.class,
        () -> await("redis://127.0.0.1:6379/99999"));

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("SELECT answered ERR DB index is out of range"),
        e.getMessage());
  }

  @Test
  void aServerStartedAfterTheWaitBeganIsWaitedFor() throws Exception {
    int port = Services.freePort();
    // Real time: the server takes what it takes to open its port.
    Ticker startOnSecondSleep = FakeTime.real(sleep -> {
      if (sleep == 2) {
        try {
          servers.add(Redis.start(dir, port, "--requirepass", "i17-late"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });

    Readiness.await(List.of("redis://:i17-late@127.0.0.1:" + port), Duration.ofSeconds(30), log,
        startOnSecondSleep);

    assertTrue(log().contains("check=redis-ping attempts="), log());
    assertFalse(log().contains("attempts=1 ") || log().contains("attempts=2 "), log());
  }

  @Test
  void redissSpeaksTlsToASelfSignedServerAndVerifiesOnlyWhenAsked() throws Exception {
    Path[] tls = Services.selfSigned(dir);
    int tlsPort = Services.freePort();
    Process server = Redis.start(dir, 0, "--tls-port", Integer.toString(tlsPort),
        "--tls-cert-file", tls[0].toString(), "--tls-key-file", tls[1].toString(),
        "--tls-ca-cert-file", tls[0].toString(), "--tls-auth-clients", "no",
        "--requirepass", "i17-tls-pass");
    servers.add(server);
    Redis.awaitPort(server, tlsPort, dir.resolve("redis-0.log"));

    await("rediss://:i17-tls-pass@127.0.0.1:" + tlsPort);
    LaunchException plain = assertThrows(LaunchException.class,
        () -> await("redis://:i17-tls-pass@127.0.0.1:" + tlsPort));
    LaunchException verified = assertThrows(LaunchException.class,
        () -> await("rediss://:i17-tls-pass@127.0.0.1:" + tlsPort + "?ssl_cert_reqs=required"));

    assertTrue(log().contains("url=rediss://:***@127.0.0.1:" + tlsPort
        + " check=redis-ping attempts=1 "), log());
    assertEquals(69, plain.status(), "plain RESP to a TLS port gets no answer: " + plain);
    assertEquals(69, verified.status());
    assertTrue(verified.getMessage().contains("PKIX") || verified.getMessage().contains("cert"),
        verified.getMessage());
  }
}
