package dev.liftoff.fetch;

/**
 * The fetcher's time: when it is, and waiting. The system's in production; in tests one that
 * moves only when the fetcher sleeps, so backoff and deadlines are checked in milliseconds.
 */
interface Ticker {
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
