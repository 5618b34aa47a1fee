package dev.liftoff.prepare;

import dev.liftoff.core.Backoff;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import dev.liftoff.core.Ticker;
import dev.liftoff.env.Url;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Waits until every service of {@code wait} answers: a login for MySQL and PostgreSQL URLs,
 * {@code AUTH} and {@code PING} for Redis, a TCP connection for any other scheme; all at once,
 * within one deadline, retrying with capped, jittered backoff while waiting can still help. A
 * service whose answer waiting cannot change (a wrong password) ends the wait at once.
 */
public final class Readiness {
  /** A database that is starting answers within seconds: try often, but not in a spin. */
  private static final Backoff BACKOFF = new Backoff(100, 2_000);

  private Readiness() {}

  /** @param urls the expanded {@code wait} URLs */
  public static void await(List<String> urls, Duration timeout, Log log) {
    await(urls, timeout, log, Ticker.SYSTEM);
  }

  static void await(List<String> urls, Duration timeout, Log log, Ticker clock) {
    if (urls.isEmpty()) {
      return;
    }
    long deadline = clock.nanoTime() + timeout.toNanos();
    List<Waiter> waiters = new ArrayList<>();
    for (String url : urls) {
      waiters.add(new Waiter(url, target("a value", url), deadline, log, clock));
    }
    BlockingQueue<Waiter> finished = new LinkedBlockingQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (Waiter waiter : waiters) {
      threads.add(Thread.ofVirtual().name("wait " + waiter.shown).start(() -> {
        try {
          waiter.run();
        } finally {
          finished.add(waiter);
        }
      }));
    }
    for (int done = 0; done < waiters.size(); done++) {
      Waiter waiter;
      try {
        waiter = finished.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        threads.forEach(Thread::interrupt);
        throw new LaunchException(Status.UNAVAILABLE, "wait: interrupted");
      }
      if (waiter.last instanceof Answer.Never never) {
        // The others' answers cannot change this outcome: say it now, not at their timeout.
        threads.forEach(Thread::interrupt);
        throw new LaunchException(Status.CONFIG, "wait: " + waiter.shown
            + " refused, and waiting will not change it: " + Redact.urls(never.why()));
      }
    }
    List<String> silent = new ArrayList<>();
    for (Waiter waiter : waiters) {
      if (!(waiter.last instanceof Answer.Ready)) {
        silent.add(waiter.shown + " (last error: " + Redact.urls(waiter.last.why()) + ")");
      }
    }
    if (!silent.isEmpty()) {
      throw new LaunchException(Status.UNAVAILABLE, "wait: no answer within wait-timeout ("
          + timeout.toMillis() + "ms) from " + String.join(", ", silent));
    }
  }

  /**
   * The service a wait URL names, or a one-line 78 saying what is wrong with it. The one check of
   * a wait URL: Preflight calls it before the download, so a bad URL fails before the bytes. A
   * value that is not a URL is named by {@code template}, never shown: nothing in it can be told
   * apart from a password, so Redact cannot mask it.
   */
  public static Url target(String template, String url) {
    Url parsed;
    try {
      parsed = Url.parse(url);
    } catch (IllegalArgumentException e) {
      throw new LaunchException(Status.CONFIG, "wait: " + template + " is not a service URL like"
          + " mysql://user:pass@host:3306/db or tcp://host:port (" + Messages.cause(e)
          + "); its value is not shown; fix wait");
    }
    int port = parsed.portOrDefault();
    if (port < 0) {
      throw new LaunchException(Status.CONFIG, "wait: " + Redact.urls(url)
          + " has no port, and " + parsed.scheme() + " has no default one; add :PORT");
    }
    if (port == 0 || port > 65_535) {
      throw new LaunchException(Status.CONFIG, "wait: " + Redact.urls(url) + " has port " + port
          + ", outside 1-65535; fix the port");
    }
    return parsed;
  }

  private static Answer connect(Url url, int timeoutMs) {
    try (Socket socket = new Socket()) {
      InetSocketAddress address = new InetSocketAddress(url.host(), url.portOrDefault());
      if (address.isUnresolved()) {
        return new Answer.NotYet("cannot resolve " + url.host());
      }
      socket.connect(address, timeoutMs);
      return new Answer.Ready();
    } catch (IOException e) {
      return new Answer.NotYet(Messages.cause(e));
    }
  }

  /** The check a URL gets, as the log line and README's table name it. */
  static String check(Url url) {
    return switch (url.family()) {
      case "mysql" -> "mysql-login";
      case "postgres" -> "postgres-login";
      case "redis", "rediss" -> "redis-ping";
      default -> "tcp";
    };
  }

  private static Answer attempt(String check, Url url, int timeoutMs) {
    // Each class is loaded by its first use: a Redis wait never loads a JDBC driver.
    return switch (check) {
      case "mysql-login" -> MysqlLogin.attempt(url, timeoutMs);
      case "postgres-login" -> PostgresLogin.attempt(url, timeoutMs);
      case "redis-ping" -> RedisPing.attempt(url, timeoutMs);
      default -> connect(url, timeoutMs);
    };
  }

  private static final class Waiter implements Runnable {
    final String shown;
    final Url url;
    final String check;
    final long deadline;
    final Log log;
    final Ticker clock;
    volatile Answer last = new Answer.NotYet("no attempt yet");

    Waiter(String url, Url parsed, long deadline, Log log, Ticker clock) {
      this.shown = Redact.urls(url);
      this.url = parsed;
      this.check = check(parsed);
      this.deadline = deadline;
      this.log = log;
      this.clock = clock;
    }

    @Override
    public void run() {
      long started = clock.nanoTime();
      for (int attempt = 1; ; attempt++) {
        long leftMs = (deadline - clock.nanoTime()) / 1_000_000;
        if (leftMs <= 0 || Thread.currentThread().isInterrupted()) {
          return;
        }
        int timeoutMs = (int) Math.max(1, Math.min(leftMs, 5_000));
        last = attempt(check, url, timeoutMs);
        // Methods on the answer, not a pattern switch: that would spin a class on each boot.
        if (last.isFinal()) {
          if (last instanceof Answer.Ready) {
            log.info("wait", "url", shown, "check", check, "attempts", attempt,
                "ms", (clock.nanoTime() - started) / 1_000_000);
          }
          return;
        }
        log.debug("wait", "url", shown, "attempt", attempt, "error", last.why());
        long sleep = Math.min(BACKOFF.delayMs(attempt),
            Math.max(0, (deadline - clock.nanoTime()) / 1_000_000));
        try {
          clock.sleep(sleep);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
