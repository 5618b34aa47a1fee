package dev.liftoff.config;

import java.util.Optional;

/**
 * The options that are not settings: they choose how Liftoff runs, not what it launches. Each is
 * written here once: {@link CommandLine} reads them, offers them for "did you mean" and {@link
 * Help} lists them.
 */
enum Option {
  CONFIG("--config", null, "FILE", "the properties file (" + Setting.CONFIG_VARIABLE
      + "; default ./" + SettingsLoader.DEFAULT_CONFIG + ")"),
  SHOW_SECRETS("--show-secrets", null, null, "env: show secret values instead of ***"),
  DEBUG("--debug", null, null, "stack traces and debug lines (" + Setting.DEBUG_VARIABLE
      + "=true)"),
  HELP("--help", "-h", null, null),
  VERSION("--version", "-V", null, null);

  /** The long flag, the one "did you mean" offers. */
  final String flag;
  /** The short form, or null. */
  final String shortFlag;
  /** What the flag takes, as {@code --help} names it, or null: a switch. */
  final String argument;
  /** The {@code --help} row's text, or null: listed with the others that need none. */
  final String help;

  Option(String flag, String shortFlag, String argument, String help) {
    this.flag = flag;
    this.shortFlag = shortFlag;
    this.argument = argument;
    this.help = help;
  }

  /** The option {@code word} names, by its long or its short flag. */
  static Optional<Option> ofFlag(String word) {
    for (Option option : values()) {
      if (word.equals(option.flag) || word.equals(option.shortFlag)) {
        return Optional.of(option);
      }
    }
    return Optional.empty();
  }
}
