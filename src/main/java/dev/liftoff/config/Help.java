package dev.liftoff.config;

/** The text of {@code --help}, made from {@link Setting} so no name is written twice. */
public final class Help {
  private static final String ROW = "  %-28s %-32s %s%n";

  private Help() {}

  public static String text() {
    StringBuilder text = new StringBuilder("""
        Usage: java -jar liftoff.jar [COMMAND] [OPTIONS] [-- ARGS...]

        Downloads a release, verifies and installs it, translates the platform's variables,
        waits for services, runs the before steps, then execs into the program.

        Commands:
          run       fetch, verify, install, translate, wait, before, exec (the default)
          fetch     fetch, verify, install; print the program's path
          release   like run, without the exec (a release-phase process)
          env       print the program's environment, secrets masked
          check     validate the settings and templates, without network

        Settings (flag, variable, property in liftoff.properties; in that precedence):
        """);
    for (Setting setting : Setting.values()) {
      String flag = setting.flag() == null ? (setting == Setting.ARGS ? "-- ARGS..." : "")
          : setting.kind() == Setting.Kind.BOOLEAN ? setting.flag() : setting.flag() + " X";
      text.append(String.format(ROW, flag, setting.variable(), setting.help()));
    }
    text.append(String.format(ROW, "--env NAME=T", "LIFTOFF_ENV_NAME",
        "env.NAME: set NAME in the program's environment from template T"));
    text.append(String.format(ROW, "--before CMD", "LIFTOFF_BEFORE_N",
        "before.N: commands run in order before the program"));
    text.append("""

        Options:
          --config FILE     the properties file (LIFTOFF_CONFIG; default ./liftoff.properties)
          --show-secrets    env: show secret values instead of ***
          --debug           stack traces and debug lines (LIFTOFF_DEBUG=true)
          --help, --version

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
