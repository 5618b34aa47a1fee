package dev.liftoff.exec;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Messages;
import dev.liftoff.core.OsStrings;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the program: by replacing this process through execve(2), so the platform signals,
 * measures and reaps the program itself, or as a child that Liftoff waits for.
 */
public final class Exec {
  private Exec() {}

  /** How a child ended, and the last signal that Liftoff relayed to it (0: none). */
  public record ChildExit(int status, int relayedSignal) {}

  /** Whether this OS lets {@link #replace} work. */
  public static boolean canReplace() {
    return Posix.supported();
  }

  /**
   * Becomes the program. Returns only by throwing: 127 when it is not there, 126 when the OS
   * refuses to run it, 70 for anything else execve reports.
   */
  public static LaunchException replace(LaunchPlan plan, Log log) {
    refuseNul(plan);
    Path program = Programs.resolve(plan.program(), plan.env(), plan.dir());
    Programs.requireRunnable(program);
    Posix posix = new Posix();
    try (Arena arena = Arena.ofConfined()) {
      List<String> argv = new ArrayList<>(plan.args().size() + 1);
      argv.add(plan.program());
      argv.addAll(plan.args());
      CStrings c = CStrings.layOut(arena, program.toString(), argv, environ(plan.env()));
      long pid = ProcessHandle.current().pid();
      log.info("exec", "binary", program, "pid", pid);
      // Whatever sits in Java's buffers would be lost: execve keeps descriptors, not the heap.
      System.out.flush();
      System.err.flush();
      log.flush();
      removePerfData(pid);
      Descriptors.closeOnExecFrom(posix, Descriptors.firstToClose(plan.env(), pid));
      // The JVM blocks SIGQUIT (and more) in its threads, and the mask survives execve: a
      // program that inherited it would never see those signals.
      posix.unblockAllSignals();
      posix.execve(c.path(), c.argv(), c.envp());
      return failure(program, posix.errno(), c.bytes());
    } catch (LaunchException e) {
      return e;
    } catch (Throwable t) {
      return new LaunchException(Status.INTERNAL, "cannot exec " + program + ": " + t, t);
    }
  }

  /**
   * Runs the program as a child with Liftoff's own stdin, stdout and stderr, relaying signals.
   * posix_spawn gets the same bytes execve would (the JDK's ProcessBuilder would re-encode every
   * variable with the locale's charset, and without LANG that is ASCII); ProcessBuilder remains
   * for systems without it.
   */
  public static ChildExit spawn(LaunchPlan plan) {
    refuseNul(plan);
    Path program = Programs.resolve(plan.program(), plan.env(), plan.dir());
    Programs.requireRunnable(program);
    if (!Posix.canSpawn()) {
      return spawnWithProcessBuilder(program, plan);
    }
    Posix posix = new Posix();
    List<String> argv = new ArrayList<>(plan.args().size() + 1);
    argv.add(plan.program());
    argv.addAll(plan.args());
    try (SignalForwarder forwarder = SignalForwarder.install(posix);
        Arena arena = Arena.ofConfined()) {
      CStrings c = CStrings.layOut(arena, program.toString(), argv, environ(plan.env()));
      long pid = posix.spawn(c, OsStrings.encode(plan.dir().toString()));
      if (pid < 0) {
        throw failure(program, (int) -pid, c.bytes());
      }
      forwarder.target(pid);
      int status = posix.waitFor(pid);
      return new ChildExit(status, forwarder.received());
    } catch (LaunchException e) {
      throw e;
    } catch (Throwable t) {
      throw new LaunchException(Status.INTERNAL, "cannot start " + program + ": " + t, t);
    }
  }

  /** Where posix_spawn cannot set the child's folder; the JDK encodes with the locale. */
  private static ChildExit spawnWithProcessBuilder(Path program, LaunchPlan plan) {
    List<String> command = new ArrayList<>(plan.args().size() + 1);
    command.add(program.toString());
    command.addAll(plan.args());
    ProcessBuilder builder = new ProcessBuilder(command).directory(plan.dir().toFile())
        .inheritIO();
    builder.environment().clear();
    builder.environment().putAll(plan.env());
    Posix posix = Posix.supported() ? new Posix() : null; // glibc before 2.29 has kill(2)
    try (SignalForwarder forwarder = posix == null ? null : SignalForwarder.install(posix)) {
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        // The file was checked above; what is left has no errno to go by, and the JDK's wording
        // is no contract.
        throw new LaunchException(Status.INTERNAL, "cannot start " + program + ": "
            + Messages.typed(e), e);
      }
      if (forwarder != null) {
        forwarder.target(process.pid());
      }
      int status = waitUninterruptibly(process);
      return new ChildExit(status, forwarder == null ? 0 : forwarder.received());
    }
  }

  /**
   * A NUL would end the C string there and cut the value short without a word; settings are
   * refused with one when read, and this catches what came another way (a JSON escape in
   * VCAP_SERVICES).
   */
  private static void refuseNul(LaunchPlan plan) {
    for (int i = 0; i < plan.args().size(); i++) {
      if (plan.args().get(i).indexOf('\0') >= 0) {
        throw new LaunchException(Status.CONFIG, "argument " + (i + 1) + " of " + plan.program()
            + " holds a NUL character, which no argument can carry; remove it");
      }
    }
    plan.env().forEach((name, value) -> {
      if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
        throw new LaunchException(Status.CONFIG, "variable " + name.replace('\0', '?')
            + " holds a NUL character, which no variable can carry; fix where it comes from");
      }
    });
  }

  private static int waitUninterruptibly(Process process) {
    while (true) {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        // Only the child's end ends the wait; a relayed signal is how it is asked to end.
      }
    }
  }

  /** The shell's statuses for a program that cannot be run (POSIX, "Command Search"). */
  static LaunchException failure(Path program, int errno, long bytes) {
    return switch (errno) {
      case Posix.E2BIG -> new LaunchException(Status.CANNOT_EXECUTE, "binary " + program
          + ": its arguments and environment (" + bytes + " bytes) are more than the kernel takes"
          + " (E2BIG: over ARG_MAX, or one string over 128 KiB); shorten them, or unset large"
          + " variables");
      // The file itself was there a moment ago (Programs.requireRunnable): what the kernel
      // could not find is what it names.
      case Posix.ENOENT -> new LaunchException(Status.NOT_FOUND, "binary " + program
          + ": its #! interpreter or ELF loader is missing (or the file itself went away);"
          + " install the interpreter its first line names, or use a build for this system");
      case Posix.EACCES -> Programs.notExecutable(program);
      case Posix.ENOEXEC -> new LaunchException(Status.CANNOT_EXECUTE, "binary " + program
          + ": not a program this machine can run (built for another architecture,"
          + " or a script without a #! line)");
      case Posix.ETXTBSY -> new LaunchException(Status.CANNOT_EXECUTE, "binary " + program
          + ": another process is still writing it");
      default -> new LaunchException(Status.INTERNAL, "binary " + program + ": execve failed: "
          + Posix.strerror(errno) + " (errno " + errno + ")");
    };
  }

  /**
   * Removes the JVM's hsperfdata file for this PID (HotSpot keeps it under /tmp on Linux): after
   * execve nobody would delete it, and jps and jcmd would take the program for a JVM.
   */
  private static void removePerfData(long pid) {
    Path file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"),
        Long.toString(pid));
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Not ours to delete, or already gone: the program runs the same either way.
    }
  }

  private static List<String> environ(Map<String, String> env) {
    List<String> entries = new ArrayList<>(env.size());
    env.forEach((name, value) -> entries.add(name + "=" + value));
    return entries;
  }
}
