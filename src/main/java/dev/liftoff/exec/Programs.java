package dev.liftoff.exec;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.OsStrings;
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
   * Refuses a program that cannot run with the shell's status, decided from the file itself
   * before anything is started, so that exec, {@code exec=never} and before steps answer alike:
   * 127 when nothing is there, 126 for a folder, a file that is not executable, or one on a
   * noexec mount. What only execve can tell (a missing #! interpreter, a foreign architecture,
   * E2BIG) comes from its errno.
   */
  static void requireRunnable(Path program) {
    if (!Files.exists(program)) {
      throw new LaunchException(Status.NOT_FOUND, "binary " + program + ": no such file"
          + (Files.isSymbolicLink(program) ? " (a symbolic link to nothing)" : "")
          + "; fix the path, or install the program there");
    }
    if (Files.isDirectory(program)) {
      throw new LaunchException(Status.CANNOT_EXECUTE, "binary " + program
          + ": is a folder, not a program; name the program inside it");
    }
    if (!Files.isRegularFile(program)) {
      throw new LaunchException(Status.CANNOT_EXECUTE, "binary " + program
          + ": is not a regular file; name the program itself");
    }
    // access(2) with X_OK, which Linux also refuses on a noexec mount; statvfs then says which,
    // and only then: its downcall stub would cost every boot milliseconds.
    if (!Files.isExecutable(program)) {
      throw notExecutable(program);
    }
  }

  /** 126 for a file that this user may not execute: a noexec mount, or its mode. */
  static LaunchException notExecutable(Path program) {
    if (Posix.noexecMount(OsStrings.encode(program.toString()))) {
      return new LaunchException(Status.CANNOT_EXECUTE, "binary " + program + ": its file system"
          + " is mounted noexec, where nothing may run; set cache-dir to a folder on another"
          + " file system, or remount it exec");
    }
    return new LaunchException(Status.CANNOT_EXECUTE, "binary " + program
        + ": permission denied (not executable for this user); chmod +x it");
  }

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
