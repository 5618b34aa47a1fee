package dev.liftoff;

import dev.liftoff.config.Command;
import dev.liftoff.config.CommandLine;
import dev.liftoff.config.Help;
import dev.liftoff.config.Invocation;
import dev.liftoff.config.Settings;
import dev.liftoff.config.SettingsLoader;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.OsStrings;
import dev.liftoff.core.Status;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Liftoff's entry point: turns the outcome of a launch into an exit status, and only here. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Bytes, not the locale's reading of them: the program gets its variables unchanged.
    int status = main(OsStrings.arguments(args), OsStrings.environment(),
        Path.of("").toAbsolutePath(), System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /** Runs Liftoff in-process: what tests call, with their own environment, folder and streams. */
  static int main(
      String[] args, Map<String, String> environment, Path cwd, PrintStream out,
      PrintStream err) {
    Log log = new Log(err, CommandLine.mentionsDebug(args)
        || SettingsLoader.debugRequested(environment));
    try {
      Invocation invocation = CommandLine.parse(args);              // parse the command line
      log = new Log(err, invocation.debug() || log.debugging());
      switch (invocation.command()) {
        case HELP -> {
          out.print(Help.text());
          return 0;
        }
        case VERSION -> {
          out.println("liftoff " + version());
          return 0;
        }
        default -> {}
      }
      Settings settings;
      try {
        settings = SettingsLoader.load(invocation, environment, cwd); // merge settings
      } catch (LaunchException e) {
        if (invocation.command() == Command.CHECK && e.status() == Status.CONFIG.code()) {
          return Check.Report.unreadable(e).print(out); // check's verdict comes first, even here
        }
        throw e;
      }
      log.debug("settings", "settings", settings);
      Launcher launcher = new Launcher(settings, environment, cwd, out, log,
          err == System.err && isTerminal());
      return invocation.command() == Command.CHECK
          ? launcher.check()
          : launcher.run(invocation.command(), invocation.showSecrets());
    } catch (LaunchException e) {
      log.stackTrace(e);
      log.error("exit", "status", e.status(), "msg", e.getMessage());
      return e.status();
    } catch (RuntimeException | Error e) {
      log.stackTrace(e);
      log.error("exit", "status", Status.INTERNAL.code(), "msg", "internal error: " + e
          + " (a bug: please report it with the output of --debug)");
      return Status.INTERNAL.code();
    } finally {
      out.flush();
      log.flush();
    }
  }

  /** Whether a person watches: then downloads draw a live bar instead of log lines. */
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }

  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
