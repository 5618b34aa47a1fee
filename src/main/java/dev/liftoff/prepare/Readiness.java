package dev.liftoff.prepare;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import dev.liftoff.env.Url;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits until every service of {@code wait} answers: a MySQL login where the URL is MySQL's, a
 * TCP connection for any other scheme; all at once, within one deadline, retrying with capped,
 * jittered backoff while waiting can still help.
 */
public final class Readiness {
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 2_000;

  private Readiness() {}

  /** @param urls the expanded {@code wait} URLs */
  public static void await(List<String> urls, Duration timeout, Log log) {
    if (urls.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Waiter> waiters = new ArrayList<>();
    for (String url : urls) {
      waiters.add(new Waiter(url, parse(url), deadline, log));
    }
    List<Thread> threads = new ArrayList<>();
    for (Waiter waiter : waiters) {
      threads.add(Thread.ofVirtual().name("wait " + waiter.shown).start(waiter));
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LaunchException(Status.UNAVAILABLE, "wait: interrupted");
      }
    }
    for (Waiter waiter : waiters) {
      if (waiter.last instanceof Answer.Never never) {
        throw new LaunchException(Status.CONFIG, "wait: " + waiter.shown
            + " refused, and waiting will not change it: " + Redact.urls(never.why()));
      }
    }
    List<String> silent = new ArrayList<>();
    for (Waiter waiter : waiters) {
      if (!(waiter.last instanceof Answer.Ready)) {
        silent.add(waiter.shown + " (last error: " + Redact.urls(waiter.lastError()) + ")");
      }
    }
    if (!silent.isEmpty()) {
      throw new LaunchException(Status.UNAVAILABLE, "wait: no answer within wait-timeout ("
          + timeout.toMillis() + "ms) from " + String.join(", ", silent));
    }
  }

  private static Url parse(String url) {
    Url parsed;
    try {
      parsed = Url.parse(url);
    } catch (IllegalArgumentException e) {
      throw new LaunchException(Status.CONFIG, "wait: '" + Redact.urls(url)
          + "' is not a service URL like mysql://user:pass@host:3306/db or tcp://host:port ("
          + e.getMessage() + ")");
    }
    if (parsed.portOrDefault() < 0) {
      throw new LaunchException(Status.CONFIG, "wait: " + Redact.urls(url)
          + " has no port, and " + parsed.scheme() + " has no default one; add :PORT");
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
      return new Answer.NotYet(e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage());
    }
  }

  private static final class Waiter implements Runnable {
    final String shown;
    final Url url;
    final long deadline;
    final Log log;
    final boolean mysql;
    volatile Answer last = new Answer.NotYet("no attempt yet");

    Waiter(String url, Url parsed, long deadline, Log log) {
      this.shown = Redact.urls(url);
      this.url = parsed;
      this.deadline = deadline;
      this.log = log;
      this.mysql = parsed.family().equals("mysql");
    }

    String lastError() {
      return switch (last) {
        case Answer.NotYet notYet -> notYet.why();
        case Answer.Never never -> never.why();
        case Answer.Ready ready -> "none";
      };
    }

    @Override
    public void run() {
      long started = System.nanoTime();
      long backoffMs = FIRST_BACKOFF_MS;
      for (int attempt = 1; ; attempt++) {
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
          return;
        }
        int timeoutMs = (int) Math.max(1, Math.min(leftMs, 5_000));
        last = mysql ? MysqlLogin.attempt(url, timeoutMs) : connect(url, timeoutMs);
        switch (last) {
          case Answer.Ready ready -> {
            log.info("wait", "url", shown, "check", mysql ? "mysql-login" : "tcp",
                "attempts", attempt, "ms", (System.nanoTime() - started) / 1_000_000);
            return;
          }
          case Answer.Never never -> {
            return;
          }
          case Answer.NotYet notYet -> log.debug("wait", "url", shown, "attempt", attempt,
              "error", notYet.why());
        }
        long sleep = ThreadLocalRandom.current().nextLong(backoffMs / 2, backoffMs + 1);
        sleep = Math.min(sleep, Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          return;
        }
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      }
    }
  }
}
