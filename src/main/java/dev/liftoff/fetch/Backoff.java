package dev.liftoff.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt: exponential backoff with full jitter (a random wait
 * up to the exponential bound, so dynos booting together spread out), unless the server said
 * when with Retry-After.
 */
final class Backoff {
  static final long BASE_MS = 250;
  static final long CAP_MS = 10_000;

  private Backoff() {}

  /** The wait after failed attempt number {@code attempt} (1-based). */
  static long fullJitterMs(int attempt) {
    long bound = Math.min(CAP_MS, BASE_MS << Math.min(attempt - 1, 20));
    return ThreadLocalRandom.current().nextLong(bound + 1);
  }

  /** Retry-After in milliseconds (delta-seconds or an HTTP date), or -1 when absent or bad. */
  static long retryAfterMs(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? -1 : Math.min(seconds, 86_400) * 1000;
    } catch (NumberFormatException e) {
      // Not seconds: an HTTP date, then.
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, Duration.between(now, at).toMillis());
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
