package dev.liftoff.archive;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a zip into a folder that nothing else uses yet, refusing every entry that could write
 * outside it. Reads the central directory through Commons Compress's {@code ZipFile}: the local
 * headers a stream sees carry no Unix modes.
 */
final class ZipExtractor {
  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;

  private final Path dir;
  private final Path realDir;
  private final Limits limits;
  private final List<Path> links = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  private final List<Integer> dirModes = new ArrayList<>();
  private long entries;
  private long written;

  private ZipExtractor(Path dir, Limits limits) throws IOException {
    this.dir = dir;
    this.realDir = dir.toRealPath();
    this.limits = limits;
  }

  /** Extracts {@code archive} into the empty folder {@code dir}; returns the entry count. */
  static long extract(Path archive, Path dir, Limits limits) throws IOException {
    ZipExtractor extractor = new ZipExtractor(dir, limits);
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
      while (all.hasMoreElements()) {
        extractor.entry(zip, all.nextElement());
      }
    }
    extractor.finish();
    return extractor.entries;
  }

  private void entry(ZipFile zip, ZipArchiveEntry entry) throws IOException {
    if (++entries > limits.maxEntries()) {
      throw refuse(entry.getName(), "the archive has more than " + limits.maxEntries()
          + " entries");
    }
    Path target = Install.inside(dir, entry.getName());
    int mode = entry.getUnixMode();
    int type = mode & S_IFMT;
    if (entry.isUnixSymlink()) {
      link(entry.getName(), target, zip.getUnixSymlink(entry));
    } else if (entry.isDirectory() || type == S_IFDIR) {
      Files.createDirectories(target);
      dirs.add(target);
      dirModes.add(mode);
    } else if (type == 0 || type == S_IFREG) {
      try (InputStream in = zip.getInputStream(entry)) {
        file(entry.getName(), target, in, entry.getSize());
      }
      Install.setMode(target, mode, 0644);
    } else {
      throw refuse(entry.getName(), "it is a device, FIFO or socket, not a file");
    }
  }

  private void file(String name, Path target, InputStream in, long declared) throws IOException {
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
          throw refuse(name, "the archive unpacks to more than " + limits.maxBytes() + " bytes");
        }
        out.write(buffer, 0, n);
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw refuse(name, "the archive holds this path twice");
    }
  }

  private void link(String name, Path target, String linkTarget) throws IOException {
    if (linkTarget.isEmpty() || linkTarget.startsWith("/")
        || !target.getParent().resolve(linkTarget).normalize().startsWith(dir)) {
      throw refuse(name, "it is a link to " + linkTarget + ", outside the install");
    }
    Files.createDirectories(target.getParent());
    Files.createSymbolicLink(target, Path.of(linkTarget));
    links.add(target);
  }

  /**
   * Checks every link once all are made, by the real path it resolves to: a chain of links that
   * each look inside can still lead out, and a dangling one could be filled from outside later.
   */
  private void finish() throws IOException {
    for (Path link : links) {
      Path real;
      try {
        real = link.toRealPath();
      } catch (IOException e) {
        throw refuse(dir.relativize(link).toString(), "it is a link to nothing in the archive");
      }
      if (!real.startsWith(realDir)) {
        throw refuse(dir.relativize(link).toString(), "it is a link that leads outside the"
            + " install");
      }
    }
    // Deepest first, so a read-only folder is closed only after everything inside it is written.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Install.setMode(dirs.get(i), dirModes.get(i), 0755);
    }
  }

  private static LaunchException refuse(String entry, String why) {
    return new LaunchException(Status.DATA, "unsafe archive: entry '" + entry + "' refused: "
        + why + "; nothing was installed");
  }
}
