package dev.liftoff.fetch;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Newest;
import dev.liftoff.core.PropertiesFile;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Sha256;
import dev.liftoff.core.Status;
import dev.liftoff.core.Ticker;
import java.io.IOException;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One URL's corner of the cache, {@code CACHE/downloads/KEY/}: the last complete archive, what
 * the server said about it (validators for conditional requests), the part being downloaded, and
 * the lock that keeps two launchers from downloading it at once.
 */
final class DownloadCache {
  final Path folder;
  final Path archive;
  final Path part;
  /** How the server named the version being downloaded into {@link #part}, to resume it. */
  final Path partMeta;
  private final Path meta;
  private final Path lock;

  /** What the last complete download of this URL was. */
  record Entry(String name, String sha256, String sha512, long bytes, String etag,
      String lastModified, long completedAtMillis) {}

  DownloadCache(Path cacheDir, String urlWithoutCredentials) {
    this(cacheDir.resolve("downloads").resolve(key(urlWithoutCredentials)));
  }

  private DownloadCache(Path folder) {
    this.folder = folder;
    this.archive = folder.resolve("archive");
    this.part = folder.resolve("archive.part");
    this.partMeta = folder.resolve("archive.part.properties");
    this.meta = folder.resolve("meta.properties");
    this.lock = folder.resolve("lock");
  }

  private static String key(String url) {
    return Sha256.hex(url).substring(0, 32);
  }

  /**
   * Takes this URL's lock, waiting for another launcher's download until {@code deadlineNanos};
   * empty when that passes first. Closing the lock's channel releases it.
   */
  Optional<FileLock> lock(long deadlineNanos, Ticker ticker)
      throws IOException, InterruptedException {
    Files.createDirectories(folder);
    if (Files.isSymbolicLink(folder) || Files.isSymbolicLink(folder.getParent())) {
      throw new IOException(folder + " is a symbolic link; remove it");
    }
    while (true) {
      Optional<FileLock> taken = tryLock();
      if (taken.isPresent() || ticker.nanoTime() > deadlineNanos) {
        return taken;
      }
      ticker.sleep(50);
    }
  }

  /**
   * The lock if no one holds it. Its channel is closed on every path that does not return it.
   * Another thread of this JVM holding it counts as held, as another process would.
   */
  private Optional<FileLock> tryLock() throws IOException {
    FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try {
      FileLock taken = channel.tryLock();
      if (taken != null) {
        return Optional.of(taken);
      }
    } catch (OverlappingFileLockException e) {
      // Held by this JVM: fall through and close.
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    channel.close();
    return Optional.empty();
  }

  Optional<Entry> read() {
    if (!Files.isRegularFile(meta) || !Files.isRegularFile(archive)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      p.load(reader);
      // Validators are checked again: a cache written by an older Liftoff may hold one that
      // cannot be sent back.
      return Optional.of(new Entry(p.getProperty("name", "archive"), p.getProperty("sha256"),
          p.getProperty("sha512"), Long.parseLong(p.getProperty("bytes", "-1")),
          Validators.etag(p.getProperty("etag")).orElse(null),
          Validators.lastModified(p.getProperty("last-modified")).orElse(null),
          Long.parseLong(p.getProperty("completed-at", "0"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Keeps the {@code keep} most recently completed downloads (a release and its checksums list
   * are two) and removes the others; a folder another launcher holds the lock of is left alone.
   */
  static void prune(Path cacheDir, Path current, int keep) {
    Path downloads = cacheDir.resolve("downloads");
    try (java.util.stream.Stream<Path> all = Files.list(downloads)) {
      List<Path> others = all.filter(p -> !p.equals(current)
          && Files.exists(p.resolve("archive"))).toList();
      for (Path old : Newest.allBut(keep - 1, others, DownloadCache::completedAt)) {
        DownloadCache entry = new DownloadCache(old);
        Optional<FileLock> lock = entry.tryLock();
        if (lock.isEmpty()) {
          continue;
        }
        try (FileChannel channel = lock.get().channel()) {
          for (Path file : List.of(entry.archive, entry.part, entry.partMeta, entry.meta)) {
            Files.deleteIfExists(file);
          }
        }
        // The lock file and its folder stay: deleting a lock file another launcher may be
        // about to open would let two of them hold "the" lock at once.
      }
    } catch (IOException e) {
      // Pruning saves disk; a download never fails for it.
    }
  }

  private static long completedAt(Path folder) {
    try {
      return Files.getLastModifiedTime(folder.resolve("meta.properties")).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Renames the finished part into place, then records it: the archive is never half-written. */
  void complete(Entry entry, String url) throws IOException {
    Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(partMeta);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("url", Redact.urls(url));
    p.put("name", entry.name());
    p.put("sha256", entry.sha256());
    p.put("bytes", Long.toString(entry.bytes()));
    if (entry.sha512() != null) {
      p.put("sha512", entry.sha512());
    }
    if (entry.etag() != null) {
      p.put("etag", entry.etag());
    }
    if (entry.lastModified() != null) {
      p.put("last-modified", entry.lastModified());
    }
    p.put("completed-at", Long.toString(entry.completedAtMillis()));
    PropertiesFile.write(meta, null, p);
  }

  /**
   * The one failure a retry cannot fix: the cache's disk is full, read-only or not ours. Names
   * the folder, and the free space when the file system tells it.
   */
  static LaunchException unwritable(Path folder, Throwable cause) {
    String free = "";
    try {
      Path existing = folder;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null) {
        free = " (" + Files.getFileStore(existing).getUsableSpace() / (1024 * 1024)
            + " MiB free)";
      }
    } catch (IOException | RuntimeException e) {
      // The free space is a hint; the failure is the news.
    }
    return new LaunchException(Status.IO_ERROR, "cannot write the download into " + folder
        + free + ": " + Messages.typed(cause)
        + "; free some space, or set cache-dir to a writable folder");
  }
}
