package dev.liftoff.fetch;

import dev.liftoff.core.PropertiesFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The download in progress: bytes written and hashed together by one writer thread, so that
 * resuming after a reset continues both the file and the digest from the same offset, and so
 * that the network is read on one core while the other writes and hashes.
 *
 * <p>Next to it, {@code archive.part.properties} keeps how the server named the version being
 * downloaded (ETag, Last-Modified) and its length, so that a launcher killed mid-download (a
 * dyno restart) lets the next one resume with Range and If-Range. The part is never opened
 * through a link: created new without following one, or reopened with {@code O_NOFOLLOW} and
 * only when no other name (hard link) points at it.
 */
final class PartFile implements Closeable {
  static final int BUFFER = 1 << 20;
  private static final int BUFFERS = 4;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final FileChannel channel;
  private final Path path;
  private final Path meta;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  /** Buffers made so far: made as the download needs them, not all before its first byte. */
  private int made;
  /** Chunks queued since the last drain: with none, the writer has nothing to finish. */
  private int queued;
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

  private PartFile(Path path, Path meta, FileChannel channel, boolean withSha512) {
    this.path = path;
    this.meta = meta;
    this.channel = channel;
    this.withSha512 = withSha512;
    this.digests = new Digests(withSha512);
    this.writer = Thread.ofPlatform().daemon().name("liftoff-part-writer").start(this::writeLoop);
  }

  /**
   * The part a killed launcher left, with its digest rebuilt from the bytes on disk, when its
   * record says how to ask for the rest; else a new, empty part.
   */
  static PartFile open(Path path, Path meta, boolean withSha512) {
    try {
      Optional<PartFile> left = resumable(path, meta, withSha512);
      if (left.isPresent()) {
        return left.get();
      }
      // A leftover that cannot be resumed, or something planted: removed (a link itself, not
      // what it points at), then the part is created new, never opened through a name.
      Files.deleteIfExists(meta);
      Files.deleteIfExists(path);
      FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      return new PartFile(path, meta, channel, withSha512);
    } catch (IOException e) {
      throw DownloadCache.unwritable(path.getParent(), e);
    }
  }

  private static Optional<PartFile> resumable(Path path, Path meta, boolean withSha512) {
    if (!Files.isRegularFile(meta, LinkOption.NOFOLLOW_LINKS)
        || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    FileChannel channel = null;
    try {
      if (((Number) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue()
          != 1) {
        return Optional.empty(); // another name for the same file: not ours to write
      }
      try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
        p.load(reader);
      }
      Optional<String> etag = Validators.etag(p.getProperty("etag"));
      Optional<String> lastModified = Validators.lastModified(p.getProperty("last-modified"));
      long total = Long.parseLong(p.getProperty("total", "-1"));
      long size = Files.size(path);
      if (etag.filter(Validators::strong).or(() -> lastModified).isEmpty() || size == 0
          || total >= 0 && size >= total) {
        return Optional.empty();
      }
      channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      PartFile part = new PartFile(path, meta, channel, withSha512);
      part.etag = etag.orElse(null);
      part.lastModified = lastModified.orElse(null);
      part.total = total;
      part.acceptsRanges = true;
      part.rehash(size);
      return Optional.of(part);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // It was only read.
        }
      }
      return Optional.empty();
    }
  }

  /** The digest of the bytes already on disk: a resumed download is hashed whole. */
  private void rehash(long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    long position = 0;
    while (position < size) {
      buffer.clear().limit((int) Math.min(BUFFER, size - position));
      int n = channel.read(buffer, position);
      if (n < 0) {
        throw new IOException("the part file shrank while it was read");
      }
      buffer.flip();
      digests.update(buffer);
      position += n;
    }
    channel.position(size);
    bytes = size;
  }

  /** An empty buffer to read the network into; hand it back with {@link #commit}. */
  byte[] buffer() throws IOException {
    byte[] ready = free.poll();
    if (ready != null) {
      return ready;
    }
    if (made < BUFFERS) {
      made++;
      return new byte[BUFFER];
    }
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
    queued++;
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
    return Validators.strong(etag) ? etag : lastModified;
  }

  /** Whether a 206 is for the version asked for: no ETag, or the one If-Range named. */
  boolean sameVersion(String responseEtag) {
    return responseEtag == null || !Validators.strong(etag) || responseEtag.strip().equals(etag);
  }

  /** Whether a retry can ask for the rest: something is here and the server named its version. */
  boolean canResume() throws IOException {
    return bytes() > 0 && validator() != null && acceptsRanges;
  }

  /**
   * Starts over from byte 0 for a new full response, remembering how the server named it, on
   * disk too when a later launcher could resume it.
   */
  void restart(String etag, String lastModified, boolean acceptsRanges, long total)
      throws IOException {
    drain();
    try {
      channel.truncate(0);
      channel.position(0);
      digests = new Digests(withSha512);
      bytes = 0;
      this.total = total;
      this.etag = etag;
      this.lastModified = lastModified;
      this.acceptsRanges = acceptsRanges;
      if (acceptsRanges && validator() != null) {
        Map<String, String> record = new LinkedHashMap<>();
        if (etag != null) {
          record.put("etag", etag);
        }
        if (lastModified != null) {
          record.put("last-modified", lastModified);
        }
        record.put("total", Long.toString(total));
        PropertiesFile.write(meta, "the download in archive.part, to resume it", record);
      } else {
        Files.deleteIfExists(meta);
      }
    } catch (IOException e) {
      throw DownloadCache.unwritable(path.getParent(), e);
    }
  }

  /** Whether what is on disk can be resumed by a later launcher, and should be kept. */
  boolean keep() {
    try {
      return canResume();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Removes the part and its record. */
  void delete() throws IOException {
    Files.deleteIfExists(meta);
    Files.deleteIfExists(path);
  }

  /**
   * Whether a 206's Content-Range continues exactly where this file ends; drops any bytes
   * written past what was hashed, which a failed write may have left.
   */
  boolean resumesAt(String contentRange) throws IOException {
    drain();
    Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.strip());
    if (m == null || !m.matches() || m.group(1).length() > 18 || m.group(2).length() > 18
        || m.group(3).length() > 18 || Long.parseLong(m.group(1)) != bytes) {
      return false;
    }
    long last = Long.parseLong(m.group(2));
    long length = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
    // The rest, to the end, of a file as long as the one begun: anything else is another file.
    if (last < bytes || length >= 0 && last != length - 1
        || total >= 0 && length >= 0 && length != total) {
      return false;
    }
    if (length >= 0) {
      total = length;
    }
    try {
      channel.truncate(bytes);
      channel.position(bytes);
    } catch (IOException e) {
      throw DownloadCache.unwritable(path.getParent(), e);
    }
    return true;
  }

  /** Syncs the bytes to disk, so the rename that follows never publishes a hole. */
  Done finish() throws IOException {
    drain();
    try {
      channel.force(true);
    } catch (IOException e) {
      throw DownloadCache.unwritable(path.getParent(), e);
    }
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
    if (queued == 0) {
      rethrow();
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    put(new Chunk(null, 0, done));
    try {
      done.await();
      queued = 0;
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

  /** A write that failed is the disk's problem (full, read-only), which no retry solves. */
  private void rethrow() {
    if (failure != null) {
      throw DownloadCache.unwritable(path.getParent(), failure);
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
