package dev.liftoff.exec;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Resolves a program name as a shell's {@code exec} does. */
public final class Programs {
  /** What a POSIX shell searches when PATH is unset. */
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private Programs() {}

  /**
   * A name with a slash is a path (relative to {@code dir}); a bare name is searched in PATH of
   * {@code env}, and a file found there but not executable gives 126, as in a shell, rather than
   * the search going on past it silently.
   */
  public static Path resolve(String program, Map<String, String> env, Path dir) {
    if (program.indexOf('/') >= 0) {
      return dir.resolve(program).normalize();
    }
    String path = env.getOrDefault("PATH", DEFAULT_PATH);
    Path notExecutable = null;
    for (String entry : path.split(":", -1)) {
      Path candidate = dir.resolve(entry.isEmpty() ? "." : entry).resolve(program).normalize();
      if (Files.isRegularFile(candidate)) {
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
        if (notExecutable == null) {
          notExecutable = candidate;
        }
      }
    }
    if (notExecutable != null) {
      throw new LaunchException(Status.CANNOT_EXECUTE, "binary " + program + ": "
          + notExecutable + " is not executable; chmod +x it or fix PATH");
    }
    throw new LaunchException(Status.NOT_FOUND, "binary " + program
        + ": command not found in PATH=" + path + "; give its full path or fix PATH");
  }
}
