package dev.liftoff.prepare;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a waiter sleeps, so a 30 s wait-timeout passes in milliseconds and
 * no test depends on how busy the machine is. {@link #onSleep} runs before each sleep returns.
 */
final class FakeTime implements Readiness.Clock, Readiness.Sleeper {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final AtomicInteger sleeps = new AtomicInteger();
  volatile Runnable onSleep = () -> {};

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

  long elapsedMs() {
    return (nanos.get() - 1_000_000_000L) / 1_000_000L;
  }
}
