package dev.liftoff.core;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Passes bytes on to a stream with the run's {@link Secrets} masked. It holds a line until its
 * newline (or a flush, or 64 KiB), so a value written in two pieces is still found whole.
 */
final class MaskingStream extends OutputStream {
  private static final int MAX_HELD = 64 * 1024;

  private final Secrets secrets;
  private final PrintStream out;
  private byte[] held = new byte[256];
  private int length;

  MaskingStream(Secrets secrets, PrintStream out) {
    this.secrets = secrets;
    this.out = out;
  }

  @Override
  public synchronized void write(int b) {
    hold(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int count) {
    hold(bytes, offset, count);
  }

  @Override
  public synchronized void flush() {
    pass(length);
    out.flush();
  }

  @Override
  public synchronized void close() {
    flush();
  }

  private void hold(byte[] bytes, int offset, int count) {
    if (length + count > held.length) {
      held = Arrays.copyOf(held, Math.max(held.length * 2, length + count));
    }
    System.arraycopy(bytes, offset, held, length, count);
    int lineEnd = -1;
    for (int i = length + count - 1; i >= length; i--) {
      if (held[i] == '\n') {
        lineEnd = i + 1;
        break;
      }
    }
    length += count;
    if (lineEnd > 0) {
      pass(lineEnd);
      out.flush();
    } else if (length > MAX_HELD) {
      // A line this long is passed on, but for a tail where a secret's start may wait.
      pass(Math.max(0, length - secrets.longestForm()));
    }
  }

  /** Writes the held bytes before {@code limit}, masked, and keeps the rest. */
  private void pass(int limit) {
    if (limit <= 0) {
      return;
    }
    byte[][] values = secrets.values();
    int consumed;
    if (values.length == 0) {
      out.write(held, 0, limit);
      consumed = limit;
    } else {
      consumed = Secrets.mask(values, held, length, limit, out);
    }
    System.arraycopy(held, consumed, held, 0, length - consumed);
    length -= consumed;
  }
}
