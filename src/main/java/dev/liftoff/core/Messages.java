package dev.liftoff.core;

import java.nio.file.FileSystemException;

/** How a library's message becomes part of one of Liftoff's one-line messages. */
public final class Messages {
  private Messages() {}

  /**
   * The first line of {@code message}, stripped; {@code whenNone} when there is no message.
   * Drivers put a hint or a stack of causes on the following lines.
   */
  public static String firstLine(String message, String whenNone) {
    if (message == null) {
      return whenNone;
    }
    int newline = message.indexOf('\n');
    return (newline >= 0 ? message.substring(0, newline) : message).strip();
  }

  /**
   * What went wrong, in one line, for the end of a message that already says where: the OS's
   * reason alone for a file failure (the path it names is the message's, or a temporary one),
   * else the first line of the exception's message, else its type, since some (a read timeout
   * of some sockets, an early end of stream) say nothing themselves.
   */
  public static String cause(Throwable e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return firstLine(e.getMessage(), e.getClass().getSimpleName());
  }

  /**
   * {@link #cause} after the exception's type, for retries and network failures, where the
   * type says as much as the text ({@code SocketTimeoutException: Read timed out}).
   */
  public static String typed(Throwable e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + ": " + cause(e);
  }
}
