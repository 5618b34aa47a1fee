package dev.liftoff.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What tests of databases share: a service that must answer (skip without it, but fail under
 * CI=true), a free port, a program that must be installed, and a self-signed certificate made by
 * openssl.
 */
public final class Services {
  private Services() {}

  /** Skips the test, or fails it under CI=true, when nothing listens on host:port. */
  public static void require(String what, String host, int port, String howToStart) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2_000);
    } catch (IOException e) {
      String why = "no " + what + " answers on " + host + ":" + port + " (" + e.getMessage() + ")";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(why + "; CI=true requires one");
      }
      Assumptions.abort(why + ": skipping; start it with " + howToStart);
    }
  }

  /** Skips the test, or fails it under CI=true, when a program is not installed. */
  public static Path program(String path, String debianPackage) {
    Path program = Path.of(path);
    if (!Files.isExecutable(program)) {
      String why = path + " is not installed (Debian package " + debianPackage + ")";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(why + "; CI=true requires it");
      }
      Assumptions.abort(why + ": skipping");
    }
    return program;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Runs a command to its end; fails the test with its output when it fails. */
  public static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      Assertions.fail(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  /** cert.pem and key.pem in dir: self-signed, for localhost and 127.0.0.1, made by openssl. */
  public static Path[] selfSigned(Path dir) throws IOException, InterruptedException {
    program("/usr/bin/openssl", "openssl");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString()));
    return new Path[] {cert, key};
  }

  /** Starts a server process whose output goes to a log file in dir. */
  public static Process start(Path log, String... command) throws IOException {
    return new ProcessBuilder(new ArrayList<>(List.of(command)))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Ends a server this test started, and waits for it to be gone. */
  public static void stop(Process process) throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
