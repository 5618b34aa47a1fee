package dev.liftoff.prepare;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.exec.Exec;
import dev.liftoff.exec.LaunchPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code before} steps in order, each a child with the program's environment and
 * Liftoff's own standard streams, so their output reaches the platform's log as it is written.
 */
public final class BeforeSteps {
  private static final int SIGINT = 2;
  private static final int SIGTERM = 15;

  private BeforeSteps() {}

  /**
   * @param steps expanded command lines
   * @param installDir searched first for a bare command name, so {@code fleet prepare db} runs the
   *     installed fleet
   */
  public static void run(
      List<List<String>> steps, Map<String, String> env, Path dir, Path installDir, Log log) {
    for (int i = 0; i < steps.size(); i++) {
      List<String> words = steps.get(i);
      String step = "before." + (i + 1);
      String program = inInstall(words.get(0), installDir);
      long started = System.nanoTime();
      Exec.ChildExit exit;
      try {
        exit = Exec.spawn(new LaunchPlan(program, words.subList(1, words.size()), env, dir));
      } catch (LaunchException e) {
        throw new LaunchException(e.status(), step + ": " + e.getMessage(), e); // 127, 126
      }
      long ms = (System.nanoTime() - started) / 1_000_000;
      log.info("before", "step", step, "cmd", String.join(" ", words), "status", exit.status(),
          "ms", ms);
      if (exit.relayedSignal() == SIGINT || exit.relayedSignal() == SIGTERM) {
        int status = exit.status() != 0 ? exit.status() : 128 + exit.relayedSignal();
        // The platform asked the launch to stop: the step got the signal, the program never starts.
        throw new LaunchException(status, step + " was stopped by signal "
            + exit.relayedSignal() + "; not starting the program", null);
      }
      if (exit.status() != 0) {
        throw new LaunchException(exit.status(), step + " (" + String.join(" ", words)
            + ") failed with status " + exit.status() + "; not starting the program", null);
      }
    }
  }

  private static String inInstall(String program, Path installDir) {
    if (program.indexOf('/') >= 0 || installDir == null) {
      return program;
    }
    Path installed = installDir.resolve(program);
    if (Files.isRegularFile(installed) && Files.isExecutable(installed)) {
      return installed.toString();
    }
    try (var files = Files.walk(installDir, 3)) {
      return files.filter(p -> p.getFileName().toString().equals(program))
          .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
          .map(Path::toString)
          .findFirst()
          .orElse(program);
    } catch (java.io.IOException e) {
      return program;
    }
  }
}
