package dev.liftoff.core;

/**
 * The one failure type of Liftoff: a one-line message for the user and the exit status it ends
 * with. Only {@code Main} turns it into an exit.
 */
public final class LaunchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public LaunchException(Status status, String message) {
    this(status.code(), message, null);
  }

  public LaunchException(Status status, String message, Throwable cause) {
    this(status.code(), message, cause);
  }

  /** For statuses that are not the launcher's own: a before step's exit status, say. */
  public LaunchException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
