package dev.liftoff.core;

/** The exit statuses of the contract: the one place their numbers are written. */
public enum Status {
  OK(0),
  USAGE(64),
  DATA(65),
  UNAVAILABLE(69),
  INTERNAL(70),
  /** The cache cannot be written: disk full, read-only, permission (sysexits' EX_IOERR). */
  IO_ERROR(74),
  CONFIG(78),
  /** The program exists but execve refused it (EACCES, ENOEXEC), as shells report it. */
  CANNOT_EXECUTE(126),
  /** The program is not there, as shells report it. */
  NOT_FOUND(127);

  private final int code;

  Status(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
