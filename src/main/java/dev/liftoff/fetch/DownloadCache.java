package dev.liftoff.fetch;

import dev.liftoff.core.PropertiesFile;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Sha256;
import java.io.IOException;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
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
    this.meta = folder.resolve("meta.properties");
    this.lock = folder.resolve("lock");
  }

  private static String key(String url) {
    return Sha256.hex(url).substring(0, 32);
  }

  /**
   * Takes this URL's lock, waiting for another launcher's download until {@code deadlineNanos};
   * returns null when that passes first.
   */
  FileLock lock(long deadlineNanos) throws IOException, InterruptedException {
    Files.createDirectories(folder);
    FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    while (true) {
      try {
        FileLock taken = channel.tryLock();
        if (taken != null) {
          return taken;
        }
      } catch (OverlappingFileLockException e) {
        // Held by this JVM: another thread of ours is downloading it; wait like for a process.
      }
      if (System.nanoTime() > deadlineNanos) {
        channel.close();
        return null;
      }
      Thread.sleep(50);
    }
  }

  Optional<Entry> read() {
    if (!Files.isRegularFile(meta) || !Files.isRegularFile(archive)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      p.load(reader);
      return Optional.of(new Entry(p.getProperty("name", "archive"), p.getProperty("sha256"),
          p.getProperty("sha512"), Long.parseLong(p.getProperty("bytes", "-1")), p.getProperty("etag"),
          p.getProperty("last-modified"), Long.parseLong(p.getProperty("completed-at", "0"))));
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
      List<Path> others = new ArrayList<>(all.filter(p -> !p.equals(current)
          && Files.exists(p.resolve("archive"))).toList());
      others.sort(Comparator.comparingLong(DownloadCache::completedAt).reversed());
      for (Path old : others.subList(Math.min(others.size(), keep - 1), others.size())) {
        DownloadCache entry = new DownloadCache(old);
        FileLock lock = entry.tryLock();
        if (lock == null) {
          continue;
        }
        try (FileChannel channel = lock.channel()) {
          for (Path file : List.of(entry.archive, entry.part, entry.meta)) {
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

  private FileLock tryLock() throws IOException {
    FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      FileLock taken = channel.tryLock();
      if (taken == null) {
        channel.close();
      }
      return taken;
    } catch (OverlappingFileLockException e) {
      channel.close();
      return null;
    }
  }

  /** Renames the finished part into place, then records it: the archive is never half-written. */
  void complete(Entry entry, String url) throws IOException {
    Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
}
