package dev.liftoff.config;

/** What the user asked Liftoff to do. */
public enum Command {
  RUN("run"),
  FETCH("fetch"),
  RELEASE("release"),
  ENV("env"),
  CHECK("check"),
  HELP("--help"),
  VERSION("--version");

  private final String word;

  Command(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
