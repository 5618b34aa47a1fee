package dev.liftoff.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The real jar, started as a process, with its output read line by line as it comes. */
public final class Launch implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 60;

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
  private final StringBuilder err = new StringBuilder();
  private final Thread outReader;
  private final Thread errReader;

  private Launch(Process process) {
    this.process = process;
    this.outReader = Thread.ofPlatform().daemon().start(() -> read(process.getInputStream()));
    this.errReader = Thread.ofPlatform().daemon().start(() -> {
      // Line by line, so a test can read what was logged while the process still runs.
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (err) {
            err.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // The process is gone; what was read stands.
      }
    });
  }

  /** The command that runs the built jar: this JVM's java, which the build requires to be 25. */
  public static List<String> jarCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-jar");
    command.add(Path.of(System.getProperty("liftoff.jar", "target/liftoff.jar")).toString());
    command.addAll(List.of(args));
    return command;
  }

  public static Launch jar(Path dir, Map<String, String> env, String... args) throws IOException {
    return start(dir, env, jarCommand(args));
  }

  public static Launch start(Path dir, Map<String, String> env, List<String> command)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return new Launch(builder.start());
  }

  private void read(InputStream stream) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.add(line);
        lines.add(line);
      }
    } catch (IOException e) {
      // The process is gone; what was read stands.
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for a line of stdout that starts with {@code prefix}, and returns it. */
  public String awaitLine(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
      if (line == null && !process.isAlive() && lines.isEmpty() && !outReader.isAlive()) {
        break;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "'; stdout: " + out
        + "; stderr: " + err());
  }

  /** Waits for the end; returns the exit status. */
  public int waitFor() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after " + TIMEOUT_SECONDS + "s; stderr: " + err());
    }
    outReader.join(5_000);
    errReader.join(5_000);
    return process.exitValue();
  }

  public List<String> out() {
    synchronized (out) {
      return List.copyOf(out);
    }
  }

  public String err() {
    synchronized (err) {
      return err.toString();
    }
  }

  /** Sends a signal by name through kill(1), as a platform's process manager would. */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + name + " " + pid() + " failed");
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
