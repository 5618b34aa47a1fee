package dev.liftoff.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds a tar (gzipped when its name ends in .gz) entry by entry, including the hostile ones
 * that tar itself would not write: the tar counterpart of {@link Zips}.
 */
public final class Tars implements AutoCloseable {
  private final TarArchiveOutputStream tar;

  private Tars(Path path) throws IOException {
    OutputStream out = Files.newOutputStream(path);
    this.tar = new TarArchiveOutputStream(path.toString().endsWith(".gz")
        ? new GZIPOutputStream(out) : out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  public static Tars create(Path path) throws IOException {
    return new Tars(path);
  }

  public Tars dir(String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(040755);
    return empty(entry);
  }

  public Tars file(String name, String content) throws IOException {
    return file(name, content, 0644);
  }

  public Tars file(String name, String content, int mode) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0100000 | mode);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
    return this;
  }

  public Tars symlink(String name, String target) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    entry.setLinkName(target);
    return empty(entry);
  }

  public Tars hardLink(String name, String target) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
    entry.setLinkName(target);
    return empty(entry);
  }

  private Tars empty(TarArchiveEntry entry) throws IOException {
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
    return this;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
