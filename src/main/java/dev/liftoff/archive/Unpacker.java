package dev.liftoff.archive;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an archive's entries into a folder that nothing else uses yet, refusing every entry
 * that could write outside it, and counting what it writes rather than trusting headers. The
 * format readers ({@link ZipReader}, {@link TarReader}) only walk their entries.
 */
final class Unpacker {
  private final Path dir;
  private final Path realDir;
  private final Limits limits;
  private final List<Path> links = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  private final List<Integer> dirModes = new ArrayList<>();
  private long entries;
  private long written;

  Unpacker(Path dir, Limits limits) throws IOException {
    this.dir = dir;
    this.realDir = dir.toRealPath();
    this.limits = limits;
  }

  long entries() {
    return entries;
  }

  /** Counts one entry against the limit; every reader calls it first for each entry. */
  Path entry(String name) {
    if (++entries > limits.maxEntries()) {
      throw refuse(name, "the archive has more than " + limits.maxEntries() + " entries"
          + " (raise extract-max-entries if this release really has that many)");
    }
    return Install.inside(dir, name);
  }

  void directory(Path target, int mode) throws IOException {
    Files.createDirectories(target);
    dirs.add(target);
    dirModes.add(mode);
  }

  /**
   * Writes a regular file; {@code declared} is the size its header states, or -1. Writes through
   * a link are refused, and so is a second entry for the same path.
   */
  void file(String name, Path target, InputStream in, long declared, int mode)
      throws IOException {
    Files.createDirectories(target.getParent());
    if (!target.getParent().toRealPath().startsWith(realDir)) {
      throw refuse(name, "it would be written through a link that leads outside the install");
    }
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        size += n;
        written += n;
        if (declared >= 0 && size > declared) {
          throw refuse(name, "it holds more bytes than its header declares (" + declared + ")");
        }
        if (written > limits.maxBytes()) {
          throw refuse(name, "the archive unpacks to more than " + limits.maxBytes()
              + " bytes (raise extract-max-bytes if this release really is that large)");
        }
        out.write(buffer, 0, n);
      }
    } catch (FileAlreadyExistsException e) {
      throw refuse(name, "the archive holds this path twice");
    }
    Install.setMode(target, mode, 0644);
  }

  void symlink(String name, Path target, String linkTarget) throws IOException {
    if (linkTarget.isEmpty() || linkTarget.startsWith("/")
        || !target.getParent().resolve(linkTarget).normalize().startsWith(dir)) {
      throw refuse(name, "it is a link to " + linkTarget + ", outside the install");
    }
    Files.createDirectories(target.getParent());
    try {
      Files.createSymbolicLink(target, Path.of(linkTarget));
    } catch (FileAlreadyExistsException e) {
      throw refuse(name, "the archive holds this path twice");
    }
    links.add(target);
  }

  /** A tar hard link: to a file this archive already wrote, never to anything outside. */
  void hardLink(String name, Path target, String linkName) throws IOException {
    Path existing = Install.inside(dir, linkName);
    if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
      throw refuse(name, "it is a hard link to " + linkName + ", which is not a file written"
          + " before it in the archive");
    }
    Files.createDirectories(target.getParent());
    if (!target.getParent().toRealPath().startsWith(realDir)) {
      throw refuse(name, "it would be written through a link that leads outside the install");
    }
    try {
      Files.createLink(target, existing);
    } catch (FileAlreadyExistsException e) {
      throw refuse(name, "the archive holds this path twice");
    }
  }

  /**
   * Checks every link once all are made, by the real path it resolves to: a chain of links that
   * each look inside can still lead out, and a dangling one could be filled from outside later.
   */
  void finish() throws IOException {
    for (Path link : links) {
      Path real;
      try {
        real = link.toRealPath();
      } catch (IOException e) {
        throw refuse(dir.relativize(link).toString(), "it is a link to nothing in the archive");
      }
      if (!real.startsWith(realDir)) {
        throw refuse(dir.relativize(link).toString(),
            "it is a link that leads outside the install");
      }
    }
    // Deepest first, so a read-only folder is closed only after everything inside it is written.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Install.setMode(dirs.get(i), dirModes.get(i), 0755);
    }
  }

  static LaunchException refuse(String entry, String why) {
    return new LaunchException(Status.DATA, "unsafe archive: entry '" + entry + "' refused: "
        + why + "; nothing was installed");
  }
}
