package dev.liftoff.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds zip archives entry by entry, including the hostile ones that no zip tool would make. */
public final class Zips implements AutoCloseable {
  private final ZipArchiveOutputStream zip;

  private Zips(Path file) throws IOException {
    this.zip = new ZipArchiveOutputStream(file);
  }

  public static Zips create(Path file) throws IOException {
    return new Zips(file);
  }

  /** A regular file; {@code mode} 0 stores no Unix mode, as zips made on Windows do. */
  public Zips file(String name, int mode, byte[] content) throws IOException {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    if (mode != 0) {
      entry.setUnixMode(0100000 | mode);
    }
    zip.putArchiveEntry(entry);
    zip.write(content);
    zip.closeArchiveEntry();
    return this;
  }

  /** A regular file stored without compression, as zips of already-compressed data are. */
  public Zips stored(String name, int mode, byte[] content) throws IOException {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setUnixMode(0100000 | mode);
    entry.setMethod(java.util.zip.ZipEntry.STORED);
    zip.putArchiveEntry(entry);
    zip.write(content);
    zip.closeArchiveEntry();
    return this;
  }

  public Zips file(String name, int mode, String content) throws IOException {
    return file(name, mode, content.getBytes(StandardCharsets.UTF_8));
  }

  public Zips copy(String name, int mode, Path source) throws IOException {
    return file(name, mode, Files.readAllBytes(source));
  }

  public Zips dir(String name, int mode) throws IOException {
    ZipArchiveEntry entry = new ZipArchiveEntry(name.endsWith("/") ? name : name + "/");
    entry.setUnixMode(0040000 | mode);
    zip.putArchiveEntry(entry);
    zip.closeArchiveEntry();
    return this;
  }

  public Zips symlink(String name, String target) throws IOException {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setUnixMode(0120777);
    zip.putArchiveEntry(entry);
    zip.write(target.getBytes(StandardCharsets.UTF_8));
    zip.closeArchiveEntry();
    return this;
  }

  /** Any Unix file type: a FIFO is 0010000, a character device 0020000. */
  public Zips special(String name, int typeAndMode) throws IOException {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setUnixMode(typeAndMode);
    zip.putArchiveEntry(entry);
    zip.closeArchiveEntry();
    return this;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  /**
   * The smallest real release: a zip whose one program is this machine's {@code /bin/sh}, run
   * with {@code binary=bin/sh} or found as the only ELF. Returns {@code zip}.
   */
  public static Path shellRelease(Path zip) throws IOException {
    try (Zips z = create(zip)) {
      z.copy("bin/sh", 0755, Path.of("/bin/sh"));
    }
    return zip;
  }

  /** Writes a shell script with a #! line, executable. */
  public static String script(String body) {
    return "#!/bin/sh\n" + body + "\n";
  }

  /** The bytes of a file on this machine, e.g. a real ELF program such as /bin/sh. */
  public static byte[] bytes(String path) throws IOException {
    return Files.readAllBytes(Path.of(path));
  }
}
