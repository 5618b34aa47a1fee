package dev.liftoff.archive;

/** How large an archive may unpack: far above any real release, far below a full disk. */
record Limits(long maxEntries, long maxBytes) {
  static final Limits DEFAULT = new Limits(200_000, 16L << 30);
}
