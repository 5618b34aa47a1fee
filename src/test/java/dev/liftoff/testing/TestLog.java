package dev.liftoff.testing;

import dev.liftoff.core.Log;
import java.io.OutputStream;
import java.io.PrintStream;

/** A {@link Log} for in-process tests, whose lines the test reads back; or one that drops them. */
public final class TestLog {
  private final Run.Capture capture = new Run.Capture();
  private final Log log = new Log(capture.stream(), false);

  public Log log() {
    return log;
  }

  /** Every line logged so far. */
  public String text() {
    return capture.text();
  }

  /** A log for tests that do not read it. */
  public static Log discarded() {
    return new Log(new PrintStream(OutputStream.nullOutputStream()), false);
  }
}
