package dev.liftoff.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/** The cache's housekeeping rule, for installs and downloads alike: keep the newest few. */
public final class Newest {
  private Newest() {}

  /**
   * What to remove from {@code items}: all but the {@code kept} with the latest {@code time},
   * newest first. The caller keeps the one in use out of {@code items}, so it never goes.
   */
  public static <T> List<T> allBut(int kept, List<T> items, ToLongFunction<T> time) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparingLong(time).reversed());
    return sorted.subList(Math.min(sorted.size(), Math.max(0, kept)), sorted.size());
  }
}
