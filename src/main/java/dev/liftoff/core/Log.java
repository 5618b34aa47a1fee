package dev.liftoff.core;

import java.io.PrintStream;

/**
 * Writes Liftoff's events to stderr as logfmt, one line each: {@code liftoff at=info event=fetch
 * bytes=1048576 ms=812}. Every value is masked by the run's {@link Secrets} before it is quoted
 * (stderr masks again, whatever writes to it) and passes through {@link Redact#urls}, so a URL's
 * password never reaches the log whoever logs it; control characters are escaped, so text from
 * outside cannot forge a line or drive the terminal.
 */
public final class Log {
  private final PrintStream err;
  private final boolean debug;
  private final Secrets secrets;

  public Log(PrintStream err, boolean debug) {
    this(err, debug, new Secrets());
  }

  public Log(PrintStream err, boolean debug, Secrets secrets) {
    this.err = err;
    this.debug = debug;
    this.secrets = secrets;
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
    err.print("\r\033[K" + Redact.urls(secrets.mask(text)));
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
    err.println(line(secrets, level, event, keyValues));
  }

  static String line(String level, String event, Object... keyValues) {
    return line(new Secrets(), level, event, keyValues);
  }

  static String line(Secrets secrets, String level, String event, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    StringBuilder line = new StringBuilder(96).append("liftoff at=").append(level);
    line.append(" event=").append(event);
    for (int i = 0; i < keyValues.length; i += 2) {
      line.append(' ').append(keyValues[i]).append('=');
      appendValue(line, Redact.urls(secrets.mask(String.valueOf(keyValues[i + 1]))));
    }
    return line.toString();
  }

  private static void appendValue(StringBuilder line, String value) {
    boolean quote = value.isEmpty();
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c <= ' ' || c == '"' || c == '=' || c == '\\' || isControl(c);
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
        default -> {
          if (isControl(c)) {
            line.append(c < 0x100 ? "\\x" : "\\u");
            for (int shift = c < 0x100 ? 4 : 12; shift >= 0; shift -= 4) {
              line.append(Character.forDigit(c >> shift & 0xf, 16));
            }
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }

  /**
   * C0 and C1 controls, DEL, the line separators and the bidirectional overrides: what could
   * split a line, move a terminal's cursor, or show text in another order than it is.
   */
  static boolean isControl(char c) {
    return c < ' ' || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
        || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
  }
}
