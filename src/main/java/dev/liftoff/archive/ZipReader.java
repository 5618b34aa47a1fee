package dev.liftoff.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
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
  private static final int INFLATE_BUFFER = 64 * 1024;
  private static final int PATH_MAX = 4096;

  private ZipReader() {}

  static void unpack(Path archive, Extraction unpacker) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      refuseOverlaps(zip);
      Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
      while (all.hasMoreElements()) {
        ZipArchiveEntry entry = all.nextElement();
        Path target = unpacker.entry(entry.getName());
        int mode = entry.getUnixMode();
        int type = mode & S_IFMT;
        if (entry.isUnixSymlink()) {
          if (entry.getSize() > PATH_MAX || entry.getCompressedSize() > PATH_MAX) {
            throw Extraction.refuse(entry.getName(), "it is a link whose target is longer than "
                + PATH_MAX + " bytes");
          }
          unpacker.symlink(entry.getName(), target, zip.getUnixSymlink(entry));
        } else if (entry.isDirectory() || type == S_IFDIR) {
          unpacker.directory(entry.getName(), target, mode);
        } else if (type == 0 || type == S_IFREG) {
          CRC32 crc = new CRC32();
          try (InputStream in = new CheckedInputStream(open(zip, entry), crc)) {
            unpacker.file(entry.getName(), target, in, entry.getSize(),
                entry.getCompressedSize(), mode);
          }
          if (crc.getValue() != entry.getCrc()) {
            throw new ZipException(entry.getName() + ": its CRC-32 does not match its bytes");
          }
        } else {
          throw Extraction.refuse(entry.getName(), "it is a device, FIFO or socket, not a file");
        }
      }
    }
  }

  /**
   * Refuses entries whose bytes overlap: the trick of the small zip bombs, where thousands of
   * directory entries share one compressed kernel, each inflating it again. Real zips store each
   * entry's bytes once, one after another.
   */
  private static void refuseOverlaps(ZipFile zip) {
    Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
    ZipArchiveEntry previous = null;
    long previousEnd = 0;
    while (all.hasMoreElements()) {
      ZipArchiveEntry entry = all.nextElement();
      long start = entry.getLocalHeaderOffset();
      long end = entry.getDataOffset() + entry.getCompressedSize();
      if (previous != null && start < previousEnd) {
        throw Extraction.refuse(entry.getName(), "its bytes overlap those of entry '"
            + previous.getName() + "' (a zip bomb's trick)");
      }
      if (end > previousEnd) {
        previous = entry;
        previousEnd = end;
      }
    }
  }

  /**
   * An entry's bytes. Deflated entries are inflated here, 64 KiB at a time: Commons Compress's
   * own stream hands zlib 512 bytes per call, which made unpacking a 100 MiB zip take 0.3-0.5 s
   * instead of 0.08-0.1 s (BENCHMARKS.md). Other methods and encrypted entries stay with
   * Commons Compress, which reads or refuses them with its own message.
   */
  private static InputStream open(ZipFile zip, ZipArchiveEntry entry) throws IOException {
    if (entry.getGeneralPurposeBit().usesEncryption()) {
      return zip.getInputStream(entry);
    }
    return switch (entry.getMethod()) {
      case ZipEntry.STORED -> zip.getRawInputStream(entry);
      case ZipEntry.DEFLATED -> inflating(zip.getRawInputStream(entry));
      default -> zip.getInputStream(entry);
    };
  }

  private static InputStream inflating(InputStream raw) {
    Inflater inflater = new Inflater(true);
    // A raw ("nowrap") inflater wants one byte past the data, as zlib once did.
    InputStream padded = new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1]));
    return new InflaterInputStream(padded, inflater, INFLATE_BUFFER) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          inflater.end(); // not ours to end otherwise: the stream only ends inflaters it made
        }
      }
    };
  }
}
