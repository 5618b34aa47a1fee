package dev.liftoff.archive;

import java.nio.file.Path;
import java.util.List;

/** What looking for the program in an install found. */
sealed interface Selection {
  record Found(Path binary) implements Selection {}

  /** Several files fit; the user must choose with {@code binary}. */
  record Ambiguous(List<String> candidates) implements Selection {}

  /** Nothing fits; {@code why} says what was there instead. */
  record None(String why) implements Selection {}
}
