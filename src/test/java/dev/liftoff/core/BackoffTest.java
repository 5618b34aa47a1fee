package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
  final Backoff backoff = new Backoff(250, 10_000);

  @Test
  void theBoundDoublesFromTheFirstWaitUpToTheCap() {
    assertEquals(250, backoff.boundMs(1));
    assertEquals(500, backoff.boundMs(2));
    assertEquals(8_000, backoff.boundMs(6));
    assertEquals(10_000, backoff.boundMs(7));
    assertEquals(10_000, backoff.boundMs(Integer.MAX_VALUE));
  }

  @Test
  void fullJitterStaysUnderTheExponentialBound() {
    for (int attempt = 1; attempt < 70; attempt++) {
      long wait = backoff.delayMs(attempt);
      assertTrue(wait >= 0 && wait <= backoff.boundMs(attempt), attempt + ": " + wait);
    }
  }
}
