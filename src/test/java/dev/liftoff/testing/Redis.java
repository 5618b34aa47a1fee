package dev.liftoff.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis that this machine kind runs on 127.0.0.1:6379 (no password; shared, so a test adds an
 * ACL user of its own and never a global setting), and redis-servers of a test's own on free
 * ports: with requirepass, or TLS with an openssl certificate.
 */
public final class Redis {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 6379;

  private Redis() {}

  public static void require() {
    Services.require("Redis", HOST, PORT, "redis-server --daemonize yes --bind 127.0.0.1 -::1"
        + " --port 6379 --save \"\" --appendonly no --dir /var/lib/redis"
        + " --logfile /var/log/redis/ci.log");
  }

  /** Runs one command on the shared server through redis-cli; returns its output. */
  public static String cli(String... args) throws Exception {
    Services.program("/usr/bin/redis-cli", "redis-tools");
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", HOST, "-p",
        Integer.toString(PORT)));
    command.addAll(List.of(args));
    return Services.run(command).strip();
  }

  /** Starts a redis-server of the test's own; the arguments add to a no-disk configuration. */
  public static Process start(Path dir, int port, String... settings) throws IOException {
    Services.program("/usr/bin/redis-server", "redis-server");
    List<String> command = new ArrayList<>(List.of("redis-server", "--bind", HOST,
        "--port", Integer.toString(port), "--save", "", "--appendonly", "no",
        "--dir", dir.toString()));
    command.addAll(List.of(settings));
    return Services.start(dir.resolve("redis-" + port + ".log"), command.toArray(String[]::new));
  }

  /** Returns once a TCP connect to the port succeeds, or fails after 30 s. */
  public static void awaitPort(Process server, int port, Path log) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(HOST, port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          throw new AssertionError("redis-server did not start: " + Files.readString(log));
        }
        Thread.sleep(50);
      }
    }
  }
}
