package dev.liftoff.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", NOW));
    assertEquals(Optional.of(Duration.ofSeconds(30)),
        RetryAfter.parse("Sun, 22 Nov 2026 10:00:30 GMT", NOW));
  }

  @Test
  void anUnusableRetryAfterIsAbsentNotAnError() {
    for (String bad : new String[] {"soon", "-5", "1.5", "", " ", "12s", "٣", "Sun, 99 Nov"}) {
      assertEquals(Optional.empty(), RetryAfter.parse(bad, NOW), bad);
    }
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
  }

  @Test
  void aRetryAfterBeyondAnIntOrALongMeansTheLongestWait() {
    assertEquals(Optional.of(RetryAfter.LONGEST), RetryAfter.parse("2147483648", NOW));
    assertEquals(Optional.of(RetryAfter.LONGEST),
        RetryAfter.parse("99999999999999999999999999", NOW));
    assertEquals(Optional.of(RetryAfter.LONGEST),
        RetryAfter.parse("Fri, 01 Jan 2100 00:00:00 GMT", NOW));
  }

  @Test
  void aDateInThePastMeansNow() {
    assertEquals(Optional.of(Duration.ZERO),
        RetryAfter.parse("Sun, 22 Nov 2026 09:00:00 GMT", NOW));
  }
}
