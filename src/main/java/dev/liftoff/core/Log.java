package dev.liftoff.core;

import java.io.PrintStream;

/**
 * Writes Liftoff's events to stderr as logfmt, one line each: {@code liftoff at=info event=fetch
 * bytes=1048576 ms=812}. Every value passes through {@link Redact#urls}, so a URL's password never
 * reaches the log whoever logs it.
 */
public final class Log {
  private final PrintStream err;
  private final boolean debug;

  public Log(PrintStream err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  public void info(String event, Object... keyValues) {
    write("info", event, keyValues);
  }

  public void warn(String event, Object... keyValues) {
    write("warn", event, keyValues);
  }

  public void error(String event, Object... keyValues) {
    write("error", event, keyValues);
  }

  public void debug(String event, Object... keyValues) {
    if (debug) {
      write("debug", event, keyValues);
    }
  }

  /**
   * Redraws a one-line status in place, for a person's terminal only; an empty text clears it.
   * Masked like every log value.
   */
  public void status(String text) {
    err.print("\r\033[K" + Redact.urls(text));
    err.flush();
  }

  public boolean debugging() {
    return debug;
  }

  /** The trace, under --debug only, with URL passwords masked like every other line. */
  public void stackTrace(Throwable t) {
    if (debug) {
      java.io.StringWriter trace = new java.io.StringWriter();
      t.printStackTrace(new java.io.PrintWriter(trace));
      err.print(Redact.urls(trace.toString()));
    }
  }

  public void flush() {
    err.flush();
  }

  private void write(String level, String event, Object[] keyValues) {
    err.println(line(level, event, keyValues));
  }

  static String line(String level, String event, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    StringBuilder line = new StringBuilder(96).append("liftoff at=").append(level);
    line.append(" event=").append(event);
    for (int i = 0; i < keyValues.length; i += 2) {
      line.append(' ').append(keyValues[i]).append('=');
      appendValue(line, Redact.urls(String.valueOf(keyValues[i + 1])));
    }
    return line.toString();
  }

  private static void appendValue(StringBuilder line, String value) {
    boolean quote = value.isEmpty();
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c <= ' ' || c == '"' || c == '=' || c == '\\';
    }
    if (!quote) {
      line.append(value);
      return;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> line.append(c);
      }
    }
    line.append('"');
  }
}
