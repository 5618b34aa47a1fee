package dev.liftoff.core;

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
}
