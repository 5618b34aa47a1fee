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
  private CommandLine() {}

  /** Whether {@code --debug} is among the words, for errors raised before they are all read. */
  public static boolean mentionsDebug(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals(Option.DEBUG.flag)) {
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
      Optional<Setting.Family> family = Setting.Family.ofFlag(name);
      if (family.isPresent()) {
        repeated(family.get(), inline != null ? inline : value(args, ++i, name), flags);
        continue;
      }
      Optional<Option> option = Option.ofFlag(name);
      if (option.isEmpty()) {
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
        continue;
      }
      switch (option.get()) {
        case HELP -> command = Command.HELP;
        case VERSION -> command = command == Command.HELP ? command : Command.VERSION;
        case DEBUG -> debug = true;
        case SHOW_SECRETS -> showSecrets = true;
        case CONFIG -> configFile = Optional.of(inline != null ? inline : value(args, ++i, name));
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

  /**
   * One use of a repeatable flag: {@code --env NAME=TEMPLATE} sets one variable, each {@code
   * --before CMD} adds the next step.
   */
  private static void repeated(Setting.Family family, String value, Map<String, Raw> flags) {
    if (family == Setting.Family.BEFORE) {
      int step = 1;
      for (String key : flags.keySet()) {
        step += key.startsWith(family.propertyPrefix) ? 1 : 0;
      }
      flags.put(family.propertyPrefix + step, new Raw(value, family.flag));
      return;
    }
    int at = value.indexOf('=');
    if (at <= 0) {
      // Not echoed: what was meant as a value may be a secret.
      throw usage(family.flag + " takes NAME=TEMPLATE, e.g. " + family.flag
          + " 'PORT=${PORT:-8080}'; its argument has no NAME= before the value");
    }
    flags.put(family.propertyPrefix + value.substring(0, at),
        new Raw(value.substring(at + 1), family.flag + " " + value.substring(0, at)));
  }

  private static Command command(String word) {
    for (Command command : Command.values()) {
      if (command.isWord() && command.word().equals(word)) {
        return command;
      }
    }
    List<String> words = Command.words();
    throw usage("unknown command '" + word + "'; did you mean " + Nearest.to(word, words)
        + "? Commands: " + String.join(", ", words) + " (see --help)");
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
    for (Setting.Family family : Setting.Family.values()) {
      flags.add(family.flag);
    }
    for (Option option : Option.values()) {
      flags.add(option.flag);
    }
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
