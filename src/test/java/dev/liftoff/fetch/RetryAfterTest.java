package dev.liftoff.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), Backoff.retryAfter("120", NOW));
    assertEquals(Optional.of(Duration.ofSeconds(30)),
        Backoff.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", NOW));
  }

  @Test
  void anUnusableRetryAfterIsAbsentNotAnError() {
    for (String bad : new String[] {"soon", "-5", "1.5", "", " ", "12s", "٣", "Sun, 99 Nov"}) {
      assertEquals(Optional.empty(), Backoff.retryAfter(bad, NOW), bad);
    }
    assertEquals(Optional.empty(), Backoff.retryAfter(null, NOW));
  }

  @Test
  void aRetryAfterBeyondAnIntOrALongMeansTheLongestWait() {
    assertEquals(Optional.of(Backoff.LONGEST), Backoff.retryAfter("2147483648", NOW));
    assertEquals(Optional.of(Backoff.LONGEST),
        Backoff.retryAfter("99999999999999999999999999", NOW));
    assertEquals(Optional.of(Backoff.LONGEST),
        Backoff.retryAfter("Fri, 01 Jan 2100 00:00:00 GMT", NOW));
  }

  @Test
  void aDateInThePastMeansNow() {
    assertEquals(Optional.of(Duration.ZERO),
        Backoff.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", NOW));
  }

  @Test
  void fullJitterStaysUnderTheExponentialBound() {
    for (int attempt = 1; attempt < 30; attempt++) {
      long wait = Backoff.fullJitterMs(attempt);
      assertTrue(wait >= 0 && wait <= Math.min(Backoff.CAP_MS, Backoff.BASE_MS << (attempt - 1)));
    }
  }
}
