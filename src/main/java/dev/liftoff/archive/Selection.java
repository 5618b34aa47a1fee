package dev.liftoff.archive;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.nio.file.Path;
import java.util.List;

/**
 * What looking for the program in an install found. Each outcome answers {@link #program()}
 * itself: a pattern {@code switch} over them would spin a class at its first run, which the AOT
 * cache does not keep, and this runs on every boot.
 */
sealed interface Selection {
  /**
   * How messages name the binary setting: config's {@code Setting.BINARY}, which archive may
   * not use (a stage uses only core and fetch, ARCHITECTURE.md); {@code SettingNamesTest} keeps
   * the two equal.
   */
  String SETTING = "binary (LIFTOFF_BINARY)";

  /** The program to run, or the one-line refusal (65) that says how to choose. */
  Path program();

  record Found(Path binary) implements Selection {
    @Override
    public Path program() {
      return binary;
    }
  }

  /** Several files fit; the user must choose with {@code binary}. */
  record Ambiguous(List<String> candidates) implements Selection {
    @Override
    public Path program() {
      throw new LaunchException(Status.DATA, "several programs fit: "
          + String.join(", ", candidates) + "; choose one with " + SETTING + ", e.g."
          + " binary=" + candidates.get(0));
    }
  }

  /** Nothing fits; {@code why} says what was there instead. */
  record None(String why) implements Selection {
    @Override
    public Path program() {
      throw new LaunchException(Status.DATA, "binary not found: " + why);
    }
  }
}
