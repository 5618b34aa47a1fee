package dev.liftoff.config;

import java.util.ArrayList;
import java.util.List;

/** What the user asked Liftoff to do. */
public enum Command {
  RUN("run", "fetch, verify, install, translate, wait, before, exec (the default)"),
  FETCH("fetch", "fetch, verify, install; print the program's path"),
  RELEASE("release", "like run, without the exec (a release-phase process)"),
  ENV("env", "print the program's environment, secrets masked"),
  CHECK("check", "validate the settings and templates, without network"),
  HELP("--help", null),
  VERSION("--version", null);

  private final String word;
  private final String help;

  /** @param help the line of {@code --help}; null for what is asked by an option, not a word */
  Command(String word, String help) {
    this.word = word;
    this.help = help;
  }

  public String word() {
    return word;
  }

  String help() {
    return help;
  }

  /** Whether the command is a word of its own ({@code run}), not an option ({@code --help}). */
  boolean isWord() {
    return help != null;
  }

  /** The command words, in the order {@code --help} lists them. */
  static List<String> words() {
    List<String> words = new ArrayList<>();
    for (Command command : values()) {
      if (command.isWord()) {
        words.add(command.word);
      }
    }
    return words;
  }
}
