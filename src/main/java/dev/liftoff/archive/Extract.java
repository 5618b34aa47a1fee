package dev.liftoff.archive;

import dev.liftoff.core.CacheFolder;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import dev.liftoff.fetch.Release;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks a release by what its bytes say it is: zip, tar, tar compressed with gzip, xz or
 * bzip2, one compressed program, or a bare program. Kept apart from {@link Install} so that a
 * cached run never loads Commons Compress.
 */
final class Extract {
  private Extract() {}

  /** Unpacks {@code release} into the empty folder {@code dir}; returns the entry count. */
  static long into(Release release, Path dir, Limits limits) throws IOException {
    Extraction unpacker = new Extraction(dir, limits);
    Format format = Format.of(release.archive());
    switch (format) {
      case ZIP -> ZipReader.unpack(release.archive(), unpacker);
      case TAR -> {
        try (InputStream in = buffered(release.archive())) {
          TarReader.unpack(in, unpacker);
        }
      }
      case GZIP, XZ, BZIP2 -> {
        Counted counted = new Counted(Files.newInputStream(release.archive()));
        unpacker.compressedSoFar(counted::count);
        try (InputStream in = decompressed(format, new BufferedInputStream(counted, 1 << 16))) {
          tarOrProgram(in, release.name(), unpacker);
        }
      }
      case PROGRAM -> program(release, unpacker);
      case UNKNOWN -> throw new LaunchException(Status.DATA, release.name()
          + " is neither an archive nor a program; it starts with '"
          + Format.preview(release.archive()) + "' (did url serve an error page?)");
    }
    unpacker.finish();
    return unpacker.entries();
  }

  private static InputStream buffered(Path file) throws IOException {
    return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  private static InputStream decompressed(Format format, InputStream in) throws IOException {
    return switch (format) {
      case GZIP -> GzipCompressorInputStream.builder().setInputStream(in)
          .setDecompressConcatenated(true).get();
      case XZ -> XZCompressorInputStream.builder().setInputStream(in)
          .setDecompressConcatenated(true).get();
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      default -> throw new IllegalArgumentException(format.label);
    };
  }

  /** A compressed tar, or a single compressed program such as fleet-linux-amd64.gz. */
  private static void tarOrProgram(InputStream in, String releaseName, Extraction unpacker)
      throws IOException {
    BufferedInputStream peek = new BufferedInputStream(in, 1 << 16);
    peek.mark(512);
    byte[] head = peek.readNBytes(512);
    peek.reset();
    if (head.length == 512 && new String(head, 257, 5, StandardCharsets.US_ASCII)
        .equals("ustar")) {
      TarReader.unpack(peek, unpacker);
      return;
    }
    String name = programName(releaseName.replaceFirst("\\.(gz|xz|bz2|tgz)$", ""));
    unpacker.file(name, unpacker.entry(name), peek, -1, -1, 0755);
  }

  /**
   * A bare program is copied, never hard-linked: a link would make the install and the user's
   * own file (a local url) or the download one inode, so that making it executable changes the
   * user's file and editing that file later changes what a pinned boot runs.
   */
  private static void program(Release release, Extraction unpacker) {
    String name = programName(release.name());
    unpacker.copy(name, unpacker.entry(name), release.archive(), release.bytes());
  }

  /** A write into the install failed: the disk, not the archive, is at fault (74). */
  static LaunchException cannotWrite(Path installs, IOException e) {
    return new LaunchException(Status.IO_ERROR, "cannot write the install in " + installs + ": "
        + Extraction.reason(e) + "; free space there, make it writable, or set "
        + CacheFolder.SETTING + " to a folder that is", e);
  }

  /** Counts the archive's bytes as the decompressor reads them, for the ratio guard. */
  private static final class Counted extends FilterInputStream {
    private long count;

    Counted(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }

  private static String programName(String releaseName) {
    return releaseName.isEmpty() ? "program" : releaseName;
  }
}
