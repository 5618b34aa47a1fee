package dev.liftoff;

import dev.liftoff.config.CommandLine;
import dev.liftoff.config.Help;
import dev.liftoff.config.Invocation;
import dev.liftoff.config.Settings;
import dev.liftoff.config.SettingsLoader;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.OsStrings;
import dev.liftoff.core.Secrets;
import dev.liftoff.core.Status;
import dev.liftoff.env.CloudFoundry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Liftoff's entry point: turns the outcome of a launch into an exit status, and only here. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Every byte Liftoff writes goes through one registry of the run's secrets: its own lines,
    // and those that libraries and the JDK write to System.out and System.err.
    Secrets secrets = new Secrets();
    // UTF-8 like the masked stream, so env writes the same bytes with and without --show-secrets.
    PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream out = secrets.masking(System.out);
    PrintStream err = secrets.masking(System.err);
    System.setOut(out);
    System.setErr(err);
    // Bytes, not the locale's reading of them: the program gets its variables unchanged.
    int status = main(OsStrings.arguments(args), OsStrings.environment(),
        Path.of("").toAbsolutePath(), stdout, out, err, secrets, isTerminal());
    out.flush();
    err.flush();
    System.exit(status);
  }

  /**
   * Runs Liftoff in-process: what tests call, with their own environment, folder and streams. A
   * test's stderr is no terminal.
   */
  static int main(
      String[] args, Map<String, String> environment, Path cwd, PrintStream out,
      PrintStream err) {
    return main(args, environment, cwd, out, err, false);
  }

  /** @param terminal whether stderr is a person's terminal: downloads then draw a live bar */
  static int main(
      String[] args, Map<String, String> environment, Path cwd, PrintStream out,
      PrintStream err, boolean terminal) {
    Secrets secrets = new Secrets();
    return main(args, environment, cwd, out, secrets.masking(out), secrets.masking(err), secrets,
        terminal);
  }

  /**
   * @param rawOut stdout as it is, for {@code env --show-secrets} alone
   * @param out stdout and {@code err} stderr, through {@code secrets}
   */
  private static int main(
      String[] args, Map<String, String> environment, Path cwd, PrintStream rawOut,
      PrintStream out, PrintStream err, Secrets secrets, boolean terminal) {
    // Before anything can be logged: every secret the environment and the command line hold.
    environment.forEach(secrets::addVariable);
    CloudFoundry.credentials(environment).forEach(secrets::add);
    secrets.addWords(java.util.Arrays.asList(args));
    Log log = new Log(err, CommandLine.mentionsDebug(args)
        || SettingsLoader.debugRequested(environment), secrets);
    try {
      Invocation invocation = CommandLine.parse(args);              // parse the command line
      log = new Log(err, invocation.debug() || log.debugging(), secrets);
      Session session = new Session(invocation, environment, cwd, rawOut, out, log, terminal,
          secrets);
      return switch (invocation.command()) {  // no default: a new command is handled here
        case HELP -> printed(out, Help.text());
        case VERSION -> printed(out, "liftoff " + version() + System.lineSeparator());
        case CHECK -> Check.report(session::settings, environment, cwd, secrets).print(out);
        case FETCH -> session.launch(new Goal.Fetch());
        case ENV -> session.launch(new Goal.Env(invocation.showSecrets()));
        case RELEASE -> session.launch(new Goal.Release());
        case RUN -> session.launch(new Goal.Run());
      };
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
      rawOut.flush();
      log.flush();
    }
  }

  /** What the entry point gives a command: the command line, environment, folder and streams. */
  private record Session(Invocation invocation, Map<String, String> environment, Path cwd,
      PrintStream rawOut, PrintStream out, Log log, boolean terminal, Secrets secrets) {

    /** The settings merged, their secrets remembered before anything can print them. */
    Settings settings() {
      Settings settings = SettingsLoader.load(invocation, environment, cwd); // merge settings
      remember(settings, secrets);
      log.debug("settings", "settings", settings);
      return settings;
    }

    int launch(Goal goal) {
      return new Launcher(settings(), environment, cwd, goal.showSecrets() ? rawOut : out, log,
          terminal, secrets).run(goal);
    }
  }

  private static int printed(PrintStream out, String text) {
    out.print(text);
    return 0;
  }

  /** The secrets the settings hold as written: the auth header, literals, URL passwords. */
  private static void remember(Settings settings, Secrets secrets) {
    settings.source().authHeader().ifPresent(header -> secrets.addHeader(header.value()));
    for (java.util.Optional<String> text : java.util.List.of(settings.source().url(),
        settings.verification().checksumsUrl(), settings.verification().signatureUrl())) {
      text.ifPresent(secrets::addText);
    }
    settings.waitFor().urls().forEach(secrets::addText);
    Settings.Program program = settings.program();
    secrets.addWords(program.args());
    program.before().forEach(secrets::addWords);
    program.env().forEach((name, template) -> {
      secrets.addText(template);
      secrets.addVariable(name, literalText(template));
      // A default is written as is too: ${API_TOKEN:-dev-token} is dev-token where unset.
      for (int d = template.indexOf(":-"); d >= 0; d = template.indexOf(":-", d + 2)) {
        int close = template.indexOf('}', d);
        int end = close < 0 ? template.length() : close;
        secrets.addVariable(name, template.substring(d + 2, end));
      }
    });
  }

  /** A template's text outside its {@code ${...}}: what is written there is the value itself. */
  private static String literalText(String template) {
    StringBuilder text = new StringBuilder(template.length());
    int depth = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
        depth++;
        i++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (depth == 0) {
        text.append(c);
      }
    }
    return text.toString();
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
