package dev.liftoff.archive;

import java.nio.file.Path;

/** A release unpacked into its own folder, and the program chosen in it. */
public record Installed(Path dir, Path binary) {}
