package dev.liftoff.archive;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import dev.liftoff.fetch.Release;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    Unpacker unpacker = new Unpacker(dir, limits);
    Format format = Format.of(release.archive());
    switch (format) {
      case ZIP -> ZipReader.unpack(release.archive(), unpacker);
      case TAR -> {
        try (InputStream in = buffered(release.archive())) {
          TarReader.unpack(in, unpacker);
        }
      }
      case GZIP, XZ, BZIP2 -> {
        try (InputStream in = decompressed(format, buffered(release.archive()))) {
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
  private static void tarOrProgram(InputStream in, String releaseName, Unpacker unpacker)
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
    unpacker.file(name, unpacker.entry(name), peek, -1, 0755);
  }

  private static void program(Release release, Unpacker unpacker)
      throws IOException {
    Path program = unpacker.entry(programName(release.name()));
    try {
      // The cache's download and its install share one file system: a link copies nothing.
      Files.createLink(program, release.archive());
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(release.archive(), program);
    }
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String programName(String releaseName) {
    return releaseName.isEmpty() ? "program" : releaseName;
  }
}
