package dev.liftoff.prepare;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits until every service of {@code wait} accepts a TCP connection, all in parallel within one
 * deadline, retrying with capped, jittered backoff.
 */
public final class Readiness {
  private static final Map<String, Integer> DEFAULT_PORTS = Map.ofEntries(
      Map.entry("mysql", 3306), Map.entry("mariadb", 3306), Map.entry("mysql2", 3306),
      Map.entry("postgres", 5432), Map.entry("postgresql", 5432), Map.entry("redis", 6379),
      Map.entry("rediss", 6379), Map.entry("amqp", 5672), Map.entry("amqps", 5671),
      Map.entry("mongodb", 27017), Map.entry("nats", 4222), Map.entry("mqtt", 1883),
      Map.entry("http", 80), Map.entry("https", 443));

  private Readiness() {}

  /** @param urls the expanded {@code wait} URLs */
  public static void await(List<String> urls, Duration timeout, Log log) {
    if (urls.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Waiter> waiters = new ArrayList<>();
    for (String url : urls) {
      waiters.add(new Waiter(url, address(url), deadline, log));
    }
    List<Thread> threads = new ArrayList<>();
    for (Waiter waiter : waiters) {
      threads.add(Thread.ofVirtual().name("wait " + waiter.address).start(waiter));
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
      if (!waiter.ready) {
        throw new LaunchException(Status.UNAVAILABLE, "wait: " + Redact.urls(waiter.url)
            + " did not accept a connection within " + timeout.toMillis() + "ms; last error: "
            + waiter.lastError + " (raise wait-timeout, or check the service)");
      }
    }
  }

  static InetSocketAddress address(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost();
      int port = uri.getPort() >= 0 ? uri.getPort() : DEFAULT_PORTS.getOrDefault(scheme, -1);
      if (host == null || port < 0) {
        throw new URISyntaxException(url, "no host, or no port and no known default port");
      }
      return InetSocketAddress.createUnresolved(host, port);
    } catch (URISyntaxException e) {
      throw new LaunchException(Status.CONFIG, "wait: '" + Redact.urls(url)
          + "' is not a service URL like mysql://host:3306/db or tcp://host:port");
    }
  }

  private static final class Waiter implements Runnable {
    final String url;
    final InetSocketAddress address;
    final long deadline;
    final Log log;
    volatile boolean ready;
    volatile String lastError = "none";

    Waiter(String url, InetSocketAddress address, long deadline, Log log) {
      this.url = url;
      this.address = address;
      this.deadline = deadline;
      this.log = log;
    }

    @Override
    public void run() {
      long started = System.nanoTime();
      long backoffMs = 100;
      int attempts = 0;
      while (true) {
        attempts++;
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMs <= 0) {
          return;
        }
        try (Socket socket = new Socket()) {
          InetSocketAddress resolved =
              new InetSocketAddress(address.getHostString(), address.getPort());
          if (resolved.isUnresolved()) {
            throw new IOException("cannot resolve " + address.getHostString());
          }
          socket.connect(resolved, (int) Math.min(leftMs, 5_000));
          ready = true;
          log.info("wait", "url", url, "check", "tcp", "attempts", attempts,
              "ms", (System.nanoTime() - started) / 1_000_000);
          return;
        } catch (IOException e) {
          lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        long sleep = ThreadLocalRandom.current().nextLong(backoffMs / 2, backoffMs + 1);
        sleep = Math.min(sleep, Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          return;
        }
        backoffMs = Math.min(backoffMs * 2, 2_000);
      }
    }
  }
}
