package dev.liftoff.core;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt, for every stage that retries: exponential backoff
 * from {@code firstMs}, doubling after each failed attempt up to {@code capMs}, with full jitter
 * (a random wait up to that bound), so that dynos booting together spread out instead of
 * knocking at once.
 */
public record Backoff(long firstMs, long capMs) {
  /** The longest wait after failed attempt number {@code attempt} (1-based). */
  public long boundMs(int attempt) {
    // Past 2^20 doublings every bound is the cap; the shift must not overflow.
    return Math.min(capMs, firstMs << Math.clamp(attempt - 1, 0, 20));
  }

  /** The wait after failed attempt number {@code attempt} (1-based): up to {@link #boundMs}. */
  public long delayMs(int attempt) {
    return ThreadLocalRandom.current().nextLong(boundMs(attempt) + 1);
  }
}
