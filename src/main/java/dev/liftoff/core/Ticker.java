package dev.liftoff.core;

/**
 * Time for the stages that retry and wait (the download, the wait for services): when it is, and
 * waiting. The system's in production; in tests one that moves only when the code sleeps, so
 * that backoff and deadlines are checked in milliseconds.
 */
public interface Ticker {
  long nanoTime();

  void sleep(long millis) throws InterruptedException;

  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }
  };
}
