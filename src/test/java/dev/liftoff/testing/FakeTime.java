package dev.liftoff.testing;

import dev.liftoff.core.Ticker;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * A clock that moves only when the code under test sleeps, so a 30 s wait-timeout passes in
 * milliseconds and no test depends on how busy the machine is. {@link #onSleep} runs before each
 * sleep returns.
 */
public final class FakeTime implements Ticker {
  public final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  public final AtomicInteger sleeps = new AtomicInteger();
  public volatile Runnable onSleep = () -> {};

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public void sleep(long ms) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    sleeps.incrementAndGet();
    onSleep.run();
    nanos.addAndGet(Math.max(1, ms) * 1_000_000L);
  }

  /** Moves the clock by hand, for code that only reads it. */
  public void advance(long ms) {
    nanos.addAndGet(ms * 1_000_000L);
  }

  public long elapsedMs() {
    return (nanos.get() - 1_000_000_000L) / 1_000_000L;
  }

  /**
   * The system's clock with real sleeps, for a server that takes what it takes to come up:
   * {@code beforeSleep} gets the sleep's number (1, 2, ...) and runs first.
   */
  public static Ticker real(IntConsumer beforeSleep) {
    AtomicInteger count = new AtomicInteger();
    return new Ticker() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleep(long millis) throws InterruptedException {
        beforeSleep.accept(count.incrementAndGet());
        Thread.sleep(millis);
      }
    };
  }
}
