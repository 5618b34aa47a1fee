package dev.liftoff.archive;

import dev.liftoff.core.Newest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The installs folder's housekeeping: which install was used last, and removing old, changed and
 * half-made ones. A launch never fails for it.
 */
final class Installs {
  private Installs() {}

  /**
   * Keeps the {@code keep} most recently used installs and removes the rest, with any temporary
   * folder an interrupted install left over an hour ago.
   */
  static void prune(Path installs, Path current, int keep) {
    long hourAgo = System.currentTimeMillis() - 3_600_000;
    try (Stream<Path> all = Files.list(installs)) {
      List<Path> done = new java.util.ArrayList<>();
      for (Path path : all.toList()) {
        if (path.getFileName().toString().startsWith(".tmp-")) {
          if (Files.getLastModifiedTime(path).toMillis() < hourAgo) {
            deleteTree(path);
          }
        } else if (Files.isDirectory(path) && !path.equals(current)) {
          done.add(path);
        }
      }
      for (Path old : Newest.allBut(keep - 1, done, Installs::lastUsed)) {
        deleteTree(old);
      }
    } catch (IOException e) {
      // Pruning saves disk; a launch never fails for it.
    }
  }

  private static long lastUsed(Path install) {
    try {
      return Files.getLastModifiedTime(lastUse(install)).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The manifest's time stands for the install's last use: the folder's own time is recorded in
   * the manifest, and an older install has only its folder.
   */
  private static Path lastUse(Path install) {
    Path manifest = install.resolve(Manifest.NAME);
    return Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS) ? manifest : install;
  }

  static void touch(Path install) {
    try {
      Files.setLastModifiedTime(lastUse(install),
          java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // Only the pruning order depends on it.
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> paths = walk.toList();
      // Parents first: an archive's read-only folder must be opened before its files can go.
      for (Path path : paths) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        }
      }
      for (Path path : paths.reversed()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover temporary folder is harmless: installs are found by their final name only.
    }
  }
}
