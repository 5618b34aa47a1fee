package dev.liftoff.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Walks a zip through its central directory with Commons Compress's {@code ZipFile}: the local
 * headers that a stream reader sees carry no Unix modes, so the binary would lose its x bit.
 */
final class ZipReader {
  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;

  private ZipReader() {}

  static void unpack(Path archive, Unpacker unpacker) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
      while (all.hasMoreElements()) {
        ZipArchiveEntry entry = all.nextElement();
        Path target = unpacker.entry(entry.getName());
        int mode = entry.getUnixMode();
        int type = mode & S_IFMT;
        if (entry.isUnixSymlink()) {
          unpacker.symlink(entry.getName(), target, zip.getUnixSymlink(entry));
        } else if (entry.isDirectory() || type == S_IFDIR) {
          unpacker.directory(target, mode);
        } else if (type == 0 || type == S_IFREG) {
          try (InputStream in = zip.getInputStream(entry)) {
            unpacker.file(entry.getName(), target, in, entry.getSize(), mode);
          }
        } else {
          throw Unpacker.refuse(entry.getName(), "it is a device, FIFO or socket, not a file");
        }
      }
    }
  }
}
