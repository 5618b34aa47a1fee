package dev.liftoff.fetch;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A release archive on local disk, complete, with the digests computed while it was read.
 *
 * @param name the archive's file name as published, which checksum lists refer to
 * @param sha512 hex, when the fetch was asked for it (signatures hash with SHA-512)
 */
public record Release(Path archive, String name, String sha256, Optional<String> sha512,
    long bytes) {}
