package dev.liftoff.fetch;

import java.nio.file.Path;

/**
 * A release archive on local disk, complete, with the SHA-256 computed while it was read.
 *
 * @param name the archive's file name as published, which checksum lists refer to
 */
public record Release(Path archive, String name, String sha256, long bytes) {}
