package dev.liftoff.core;

/** A value that must never be printed: its {@code toString} is the mask. */
public record Secret(String value) {
  @Override
  public String toString() {
    return Redact.MASK;
  }
}
