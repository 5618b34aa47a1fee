package dev.liftoff.fetch;

import dev.liftoff.core.Log;
import dev.liftoff.core.Ticker;

/**
 * Tells how a long download goes: a live bar on a terminal, else a log line at most every five
 * seconds, so a platform's log shows progress without drowning in it.
 */
final class Progress {
  private static final long LINE_EVERY_NANOS = 5_000_000_000L;
  private static final long BAR_EVERY_NANOS = 100_000_000L;

  private final Log log;
  private final boolean terminal;
  private final String url;
  private final long everyNanos;
  private final Ticker ticker;
  private final long started;
  private long total = -1;
  private long lastReport;
  private boolean barShown;

  Progress(Log log, boolean terminal, String url, Ticker ticker) {
    this.log = log;
    this.terminal = terminal;
    this.url = url;
    this.everyNanos = terminal ? BAR_EVERY_NANOS : LINE_EVERY_NANOS;
    this.ticker = ticker;
    this.started = ticker.nanoTime();
    this.lastReport = started;
  }

  void expect(long totalBytes) {
    total = totalBytes;
  }

  void advance(long bytes) {
    long now = ticker.nanoTime();
    if (now - lastReport < everyNanos) {
      return;
    }
    lastReport = now;
    double seconds = (now - started) / 1e9;
    double rate = seconds > 0 ? bytes / seconds : 0;
    if (terminal) {
      log.status(bar(bytes, rate));
      barShown = true;
    } else {
      log.info("progress", "url", url, "bytes", bytes, "total", total,
          "pct", total > 0 ? bytes * 100 / total : -1, "rate", mib(rate) + "MiB/s");
    }
  }

  void done() {
    if (barShown) {
      log.status("");
    }
  }

  private String bar(long bytes, double rate) {
    StringBuilder bar = new StringBuilder();
    if (total > 0) {
      int width = 30;
      int filled = (int) Math.min(width, bytes * width / total);
      bar.append('[').append("=".repeat(filled)).append(" ".repeat(width - filled)).append("] ")
          .append(bytes * 100 / total).append("% ");
    }
    bar.append(mib(bytes)).append(" MiB");
    if (total > 0) {
      bar.append(" of ").append(mib(total)).append(" MiB");
    }
    bar.append(", ").append(mib(rate)).append(" MiB/s");
    if (total > 0 && rate > 0) {
      bar.append(", ETA ").append(Math.round((total - bytes) / rate)).append('s');
    }
    return bar.toString();
  }

  /**
   * Mebibytes with one decimal. By hand rather than String.format, whose number formatting loads
   * the locale data (5-10 ms of every download, for one log line).
   */
  static String mib(double bytes) {
    long tenths = Math.round(bytes * 10 / (1024 * 1024));
    return tenths / 10 + "." + tenths % 10;
  }
}
