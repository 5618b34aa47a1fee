package dev.liftoff.config;

import java.util.StringJoiner;

/**
 * The text of {@code --help}, made from {@link Command}, {@link Setting} and {@link Option} so that no name and
 * no default is written twice.
 */
public final class Help {
  private static final String ROW = "  %-28s %-32s %s%n";
  private static final String COMMAND_ROW = "  %-9s %s%n";
  private static final String OPTION_ROW = "  %-17s %s%n";

  private Help() {}

  public static String text() {
    StringBuilder text = new StringBuilder("""
        Usage: java -jar liftoff.jar [COMMAND] [OPTIONS] [-- ARGS...]

        Downloads a release, verifies and installs it, translates the platform's variables,
        waits for services, runs the before steps, then execs into the program.

        Commands:
        """);
    for (Command command : Command.values()) {
      if (command.isWord()) {
        text.append(String.format(COMMAND_ROW, command.word(), command.help()));
      }
    }
    text.append("""

        Settings (flag, variable, property in liftoff.properties; in that precedence):
        """);
    for (Setting setting : Setting.values()) {
      String flag = setting.flag() == null ? (setting == Setting.ARGS ? "-- ARGS..." : "")
          : setting.kind() == Setting.Kind.BOOLEAN ? setting.flag() : setting.flag() + " X";
      text.append(String.format(ROW, flag, setting.variable(), setting.help()));
    }
    for (Setting.Family family : Setting.Family.values()) {
      text.append(String.format(ROW, family.flag + " " + family.flagArgument,
          family.variablePrefix + family.placeholder,
          family.propertyPrefix + family.placeholder + ": " + family.help));
    }
    text.append("\nOptions:\n");
    StringJoiner bare = new StringJoiner(", ", "  ", "\n");
    for (Option option : Option.values()) {
      if (option.help == null) {
        bare.add(option.flag);
      } else {
        text.append(String.format(OPTION_ROW, option.argument == null ? option.flag
            : option.flag + " " + option.argument, option.help));
      }
    }
    text.append(bare).append("""

        Templates: ${NAME}, ${NAME:-default}, ${A|B|C}, $$, ${NAME.part} of a URL (scheme, user,
        password, host, port, hostport, database, query, param.KEY, url, jdbc, godsn, sslmode, pq,
        tls),
        ${liftoff.os}, ${liftoff.arch}, ${liftoff.binary}, ${liftoff.dir}.
        Exit status: 0 ok, 64 usage, 65 bad data, 69 unavailable, 70 internal, 74 cache not
        writable, 78 configuration,
        126 cannot execute, 127 not found, else the program's or a before step's own.
        """);
    return text.toString();
  }
}
