package dev.liftoff.config;

import java.util.Collection;

/** Finds the valid name nearest to a mistyped one, for "did you mean" in error messages. */
final class Nearest {
  private Nearest() {}

  static String to(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typed, candidate);
      // On a tie, the longer shared start wins: LIFTOFF_SHA means LIFTOFF_SHA256, not _URL.
      if (distance < bestDistance
          || distance == bestDistance && sharedStart(typed, candidate) > sharedStart(typed, best)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int sharedStart(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length()
        && Character.toLowerCase(a.charAt(n)) == Character.toLowerCase(b.charAt(n))) {
      n++;
    }
    return n;
  }

  /** Levenshtein distance, case-insensitive: LIFTOFF_Url is nearest LIFTOFF_URL. */
  static int distance(String a, String b) {
    a = a.toLowerCase(java.util.Locale.ROOT);
    b = b.toLowerCase(java.util.Locale.ROOT);
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
