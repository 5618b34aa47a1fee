package dev.liftoff.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The download in progress: bytes written and hashed together by one writer thread, so that
 * resuming after a reset continues both the file and the digest from the same offset, and so
 * that the network is read on one core while the other writes and hashes.
 */
final class PartFile implements Closeable {
  static final int BUFFER = 1 << 20;
  private static final int BUFFERS = 4;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final FileChannel channel;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread writer;
  private volatile IOException failure;
  private final boolean withSha512;
  private Digests digests;
  /** Bytes written and hashed: only the writer thread changes it, and only between drains. */
  private volatile long bytes;
  private long total = -1;
  private boolean acceptsRanges;
  private String etag;
  private String lastModified;

  /** A finished download: synced to disk, ready to be renamed into place. */
  record Done(String sha256, String sha512, long bytes, String etag, String lastModified) {}

  /** A filled buffer, or with {@code done} set a marker that everything before it is written. */
  private record Chunk(byte[] data, int length, CountDownLatch done) {}

  private PartFile(FileChannel channel, boolean withSha512) {
    this.channel = channel;
    this.withSha512 = withSha512;
    this.digests = new Digests(withSha512);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[BUFFER]);
    }
    this.writer = Thread.ofPlatform().daemon().name("liftoff-part-writer").start(this::writeLoop);
  }

  static PartFile open(Path path, boolean withSha512) throws IOException {
    return new PartFile(FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), withSha512);
  }

  /** An empty buffer to read the network into; hand it back with {@link #commit}. */
  byte[] buffer() throws IOException {
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  /** Queues {@code length} bytes of {@code buffer} for writing and hashing. */
  void commit(byte[] buffer, int length) throws IOException {
    rethrow();
    put(new Chunk(buffer, length, null));
  }

  /** Returns a buffer that was not filled. */
  void giveBack(byte[] buffer) {
    free.add(buffer);
  }

  /** Bytes written and hashed so far, once everything queued is done. */
  long bytes() throws IOException {
    drain();
    return bytes;
  }

  long total() {
    return total;
  }

  /** What If-Range sends: a strong ETag, else Last-Modified (a weak ETag cannot name bytes). */
  String validator() {
    return etag != null && !etag.startsWith("W/") ? etag : lastModified;
  }

  /** Whether a retry can ask for the rest: something is here and the server named its version. */
  boolean canResume() throws IOException {
    return bytes() > 0 && validator() != null && acceptsRanges;
  }

  /** Starts over from byte 0 for a new full response, remembering how the server named it. */
  void restart(String etag, String lastModified, boolean acceptsRanges, long total)
      throws IOException {
    drain();
    channel.truncate(0);
    channel.position(0);
    digests = new Digests(withSha512);
    bytes = 0;
    this.total = total;
    this.etag = etag;
    this.lastModified = lastModified;
    this.acceptsRanges = acceptsRanges;
  }

  /**
   * Whether a 206's Content-Range continues exactly where this file ends; drops any bytes
   * written past what was hashed, which a failed write may have left.
   */
  boolean resumesAt(String contentRange) throws IOException {
    drain();
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

  /** Syncs the bytes to disk, so the rename that follows never publishes a hole. */
  Done finish() throws IOException {
    drain();
    channel.force(true);
    return new Done(digests.sha256(), digests.sha512().orElse(null), bytes, etag, lastModified);
  }

  private void writeLoop() {
    try {
      while (true) {
        Chunk chunk = filled.take();
        if (chunk.done() != null) {
          chunk.done().countDown();
          if (chunk.data() == null && chunk.length() < 0) {
            return;
          }
          continue;
        }
        if (failure == null) {
          try {
            ByteBuffer data = ByteBuffer.wrap(chunk.data(), 0, chunk.length());
            while (data.hasRemaining()) {
              channel.write(data);
            }
            digests.update(chunk.data(), 0, chunk.length());
            bytes += chunk.length();
          } catch (IOException e) {
            failure = e;
          }
        }
        free.add(chunk.data());
      }
    } catch (InterruptedException e) {
      // Closed: nothing more will be queued.
    }
  }

  /** Waits until everything queued is written and hashed. */
  private void drain() throws IOException {
    CountDownLatch done = new CountDownLatch(1);
    put(new Chunk(null, 0, done));
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
    rethrow();
  }

  private void put(Chunk chunk) throws IOException {
    try {
      filled.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  private void rethrow() throws IOException {
    if (failure != null) {
      throw new IOException("cannot write the download: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() throws IOException {
    CountDownLatch stopped = new CountDownLatch(1);
    filled.add(new Chunk(null, -1, stopped));
    try {
      stopped.await();
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.close();
  }
}
