package dev.liftoff.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The download in progress: bytes written and hashed in one pass, so resuming after a reset
 * continues both the file and the digest from the same offset.
 */
final class PartFile implements Closeable {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final FileChannel channel;
  private Fetcher.Sha256 sha256 = new Fetcher.Sha256();
  private long bytes;
  private long total = -1;
  private String validator;
  private boolean acceptsRanges;
  private String etag;
  private String lastModified;

  /** A finished download: synced to disk, ready to be renamed into place. */
  record Done(String sha256, long bytes, String etag, String lastModified) {}

  private PartFile(FileChannel channel) {
    this.channel = channel;
  }

  static PartFile open(Path path) throws IOException {
    return new PartFile(FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
  }

  long bytes() {
    return bytes;
  }

  long total() {
    return total;
  }

  String validator() {
    return validator;
  }

  /** Whether a retry can ask for the rest: something is here and the server named its version. */
  boolean canResume() {
    return bytes > 0 && validator != null && acceptsRanges;
  }

  /** Starts over from byte 0 for a new full response. */
  void restart(String validator, boolean acceptsRanges, long total) throws IOException {
    channel.truncate(0);
    channel.position(0);
    sha256 = new Fetcher.Sha256();
    bytes = 0;
    this.total = total;
    this.validator = validator;
    this.acceptsRanges = acceptsRanges;
  }

  void remember(String etag, String lastModified) {
    this.etag = etag;
    this.lastModified = lastModified;
  }

  /**
   * Whether a 206's Content-Range continues exactly where this file ends; drops any bytes
   * written past what was hashed, which a failed write may have left.
   */
  boolean resumesAt(String contentRange) throws IOException {
    Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.strip());
    if (m == null || !m.matches() || Long.parseLong(m.group(1)) != bytes) {
      return false;
    }
    if (!m.group(3).equals("*")) {
      total = Long.parseLong(m.group(3));
    }
    channel.truncate(bytes);
    channel.position(bytes);
    return true;
  }

  void write(byte[] buffer, int n) throws IOException {
    ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
    while (data.hasRemaining()) {
      channel.write(data);
    }
    sha256.update(buffer, 0, n);
    bytes += n;
  }

  /** Syncs the bytes to disk, so the rename that follows never publishes a hole. */
  Done finish() throws IOException {
    channel.force(true);
    return new Done(sha256.hex(), bytes, etag, lastModified);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
