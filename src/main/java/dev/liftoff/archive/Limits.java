package dev.liftoff.archive;

/**
 * How large an archive may unpack: far above any real release, far below a full disk.
 *
 * @param maxEntries entries, of every kind
 * @param maxBytes bytes actually written, whatever the headers say
 */
public record Limits(long maxEntries, long maxBytes) {
  public static final Limits DEFAULT = new Limits(200_000, 16L << 30);
}
