package dev.liftoff;

import dev.liftoff.testing.Run;
import java.nio.file.Path;
import java.util.Map;

/** Runs Liftoff's {@code Main} in this JVM with a given environment and working folder. */
final class InProcess {
  private InProcess() {}

  static Run liftoff(Map<String, String> env, Path cwd, String... args) {
    Run.Capture out = new Run.Capture();
    Run.Capture err = new Run.Capture();
    int status = Main.main(args, env, cwd, out.stream(), err.stream());
    return new Run(status, out.text(), err.text());
  }
}
