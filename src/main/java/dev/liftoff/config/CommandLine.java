package dev.liftoff.config;

import dev.liftoff.config.Invocation.Raw;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads Liftoff's command line: {@code [COMMAND] [OPTIONS] [-- ARGS...]}. */
public final class CommandLine {
  private static final List<String> COMMAND_WORDS =
      List.of("run", "fetch", "release", "env", "check");

  private CommandLine() {}

  /** Whether {@code --debug} is among the words, for errors raised before they are all read. */
  public static boolean mentionsDebug(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--debug")) {
        return true;
      }
    }
    return false;
  }

  public static Invocation parse(String... args) {
    Command command = null;
    Map<String, Raw> flags = new LinkedHashMap<>();
    Optional<List<String>> trailing = Optional.empty();
    Optional<String> configFile = Optional.empty();
    boolean showSecrets = false;
    boolean debug = false;
    int before = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        trailing = Optional.of(List.copyOf(Arrays.asList(args).subList(i + 1, args.length)));
        break;
      }
      if (!arg.startsWith("-")) {
        if (command != null) {
          throw usage("unexpected word '" + arg + "' after the command " + command.word()
              + "; the program's arguments go after --");
        }
        command = command(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq > 0 && arg.startsWith("--") ? arg.substring(0, eq) : arg;
      String inline = eq > 0 && arg.startsWith("--") ? arg.substring(eq + 1) : null;
      switch (name) {
        case "-h", "--help" -> command = Command.HELP;
        case "-V", "--version" -> command = command == Command.HELP ? command : Command.VERSION;
        case "--debug" -> debug = true;
        case "--show-secrets" -> showSecrets = true;
        case "--config" -> {
          configFile = Optional.of(inline != null ? inline : value(args, ++i, name));
        }
        case "--env" -> {
          String assignment = inline != null ? inline : value(args, ++i, name);
          int at = assignment.indexOf('=');
          if (at <= 0) {
            // Not echoed: what was meant as a value may be a secret.
            throw usage("--env takes NAME=TEMPLATE, e.g. --env 'PORT=${PORT:-8080}'; its argument"
                + " has no NAME= before the value");
          }
          flags.put(Setting.Family.ENV.propertyPrefix + assignment.substring(0, at),
              new Raw(assignment.substring(at + 1), "--env " + assignment.substring(0, at)));
        }
        case "--before" -> {
          before++;
          flags.put(Setting.Family.BEFORE.propertyPrefix + before,
              new Raw(inline != null ? inline : value(args, ++i, name), "--before"));
        }
        default -> {
          Setting setting = setting(name);
          String value;
          if (setting.kind() == Setting.Kind.BOOLEAN) {
            value = inline != null ? inline : "true";
          } else {
            value = inline != null ? inline : value(args, ++i, name);
          }
          Raw previous = flags.get(setting.property());
          if (setting.kind() == Setting.Kind.LIST && previous != null) {
            value = previous.value() + "," + value;
          }
          flags.put(setting.property(), new Raw(value, name));
        }
      }
    }
    return new Invocation(
        command == null ? Command.RUN : command,
        flags,
        trailing,
        configFile,
        showSecrets,
        debug);
  }

  private static Command command(String word) {
    for (Command command : Command.values()) {
      if (command.word().equals(word)) {
        return command;
      }
    }
    throw usage("unknown command '" + word + "'; did you mean " + Nearest.to(word, COMMAND_WORDS)
        + "? Commands: " + String.join(", ", COMMAND_WORDS) + " (see --help)");
  }

  private static Setting setting(String flag) {
    List<String> known = new ArrayList<>(knownFlags());
    for (Setting setting : Setting.values()) {
      if (flag.equals(setting.flag())) {
        return setting;
      }
    }
    throw new LaunchException(Status.CONFIG, "unknown flag " + flag + "; did you mean "
        + Nearest.to(flag, known) + "? (see --help)");
  }

  static List<String> knownFlags() {
    List<String> flags = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      if (setting.flag() != null) {
        flags.add(setting.flag());
      }
    }
    flags.addAll(List.of("--env", "--before", "--config", "--debug", "--show-secrets", "--help",
        "--version"));
    return flags;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw usage(flag + " needs a value, e.g. " + flag + " VALUE or " + flag + "=VALUE");
    }
    return args[i];
  }

  private static LaunchException usage(String message) {
    return new LaunchException(Status.USAGE, message);
  }
}
