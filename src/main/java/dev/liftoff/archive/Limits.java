package dev.liftoff.archive;

/**
 * How large an archive may unpack: far above any real server release, far below a dyno's disk.
 * The defaults are the {@code extract-max-*} settings' ({@code config.Setting}).
 *
 * @param maxEntries entries, of every kind
 * @param maxBytes bytes actually written, whatever the headers say
 * @param maxRatio how many times its compressed size an entry (or a compressed tar as a whole)
 *     may inflate to; a zip bomb's entries inflate about 1000 times, real releases' 2 to 20
 */
public record Limits(long maxEntries, long maxBytes, long maxRatio) {}
