package dev.liftoff.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Walks a tar stream (already decompressed) entry by entry, in one pass. */
final class TarReader {
  private TarReader() {}

  static void unpack(InputStream stream, Extraction unpacker) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(stream);
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      String name = entry.getName();
      if (name.equals("./") || name.equals(".")) {
        continue; // tar -C dir . writes the folder itself first
      }
      Path target = unpacker.entry(name);
      // Special files first: Commons Compress calls any entry not ending in / a file.
      if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
        throw Extraction.refuse(name, "it is a device or FIFO, not a file");
      }
      if (entry.isSymbolicLink()) {
        unpacker.symlink(name, target, entry.getLinkName());
      } else if (entry.isLink()) {
        unpacker.hardLink(name, target, entry.getLinkName());
      } else if (entry.isDirectory()) {
        unpacker.directory(name, target, entry.getMode());
      } else if (entry.isFile()) {
        unpacker.file(name, target, tar, entry.getSize(), -1, entry.getMode());
      } else {
        throw Extraction.refuse(name, "it is neither a file, a folder nor a link");
      }
    }
  }
}
