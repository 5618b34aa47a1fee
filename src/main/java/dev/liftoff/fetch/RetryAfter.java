package dev.liftoff.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How long a server asked a client to wait before it tries again (Retry-After on a 408, 429 or
 * 5xx), which takes the place of the retry loop's own backoff.
 */
final class RetryAfter {
  /** A Retry-After longer than a day is as good as "not today": no deadline is that long. */
  static final Duration LONGEST = Duration.ofDays(1);
  private static final Pattern SECONDS = Pattern.compile("[0-9]+");

  private RetryAfter() {}

  /**
   * Retry-After as a wait (delta-seconds, any number of digits, or an HTTP date), at most a day;
   * empty when absent or not one of those forms.
   */
  static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    if (SECONDS.matcher(value).matches()) {
      // Any number of digits: 2^31 and beyond are valid delta-seconds, and mean "not soon".
      return Optional.of(value.length() > 6 ? LONGEST
          : min(Duration.ofSeconds(Long.parseLong(value)), LONGEST));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : min(wait, LONGEST));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
