package dev.liftoff.archive;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Status;
import dev.liftoff.fetch.Release;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Installs a release into {@code CACHE/installs/SHA256}: unpacked into a temporary folder first
 * and renamed into place, so an install is either complete or absent, then the program is found
 * and made executable.
 */
public final class Install {
  private static final String INSTALLS = "installs";
  /** Installs kept: the current one, and two to roll back to without a download. */
  static final int KEEP = 3;

  private Install() {}

  /** The install of a pinned digest, if an earlier run completed it: no fetch needed. */
  public static Optional<Installed> cached(
      Path cacheDir, String sha256, Optional<String> binary, Log log) {
    Path dir = cacheDir.resolve(INSTALLS).resolve(sha256);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Installed installed = choose(dir, binary);
    touch(dir);
    log.info("install", "cached", true, "dir", dir, "binary", installed.binary());
    return Optional.of(installed);
  }

  public static Installed install(
      Release release, Path cacheDir, Optional<String> binary, Limits limits, Log log) {
    long started = System.nanoTime();
    Path installs = cacheDir.resolve(INSTALLS);
    Path dir = installs.resolve(release.sha256());
    long entries = 0;
    if (!Files.isDirectory(dir)) {
      entries = unpack(release, installs, dir, limits);
      prune(installs, dir, KEEP);
    } else {
      touch(dir);
    }
    Installed installed = choose(dir, binary);
    log.info("install", "dir", dir, "binary", installed.binary(), "entries", entries,
        "ms", (System.nanoTime() - started) / 1_000_000);
    return installed;
  }

  private static long unpack(Release release, Path installs, Path dir, Limits limits) {
    Path temporary = null;
    try {
      Files.createDirectories(installs);
      temporary = Files.createTempDirectory(installs, ".tmp-");
      long entries = Extract.into(release, temporary, limits);
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        Files.move(temporary, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another launcher sharing this cache finished the same install first: use theirs.
        // (rename(2) over a full folder fails with ENOTEMPTY, which Java does not always type.)
        if (!Files.isDirectory(dir)) {
          throw e;
        }
      }
      return entries;
    } catch (AtomicMoveNotSupportedException e) {
      throw new LaunchException(Status.INTERNAL, "cannot rename an install into place in "
          + installs + ": " + e.getMessage());
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot unpack " + release.name() + ": "
          + e.getMessage() + " (a damaged or truncated archive?); nothing was installed", e);
    } finally {
      if (temporary != null) {
        deleteTree(temporary);
      }
    }
  }


  private static Installed choose(Path dir, Optional<String> binary) {
    Selection selection;
    try {
      selection = BinaryFinder.find(dir, binary);
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot read the install at " + dir + ": " + e, e);
    }
    // instanceof rather than a pattern switch: the switch's bootstrap spins a class when it first
    // runs, which the AOT cache does not keep, and this runs on every boot.
    if (selection instanceof Selection.Found(Path found)) {
      refuseForeign(dir, found);
      makeExecutable(found);
      return new Installed(dir, found);
    }
    if (selection instanceof Selection.Ambiguous(List<String> candidates)) {
      throw new LaunchException(Status.DATA, "several programs fit: "
          + String.join(", ", candidates) + "; choose one with binary (LIFTOFF_BINARY), e.g."
          + " binary=" + candidates.get(0));
    }
    throw new LaunchException(Status.DATA,
        "binary not found: " + ((Selection.None) selection).why());
  }

  /** An ELF for another machine fails here, with its name, rather than as a bare ENOEXEC. */
  private static void refuseForeign(Path dir, Path binary) {
    try {
      Optional<Elf> elf = Elf.read(binary);
      OptionalInt host = Elf.hostMachine();
      if (elf.isPresent() && host.isPresent() && elf.get().machine() != host.getAsInt()) {
        throw new LaunchException(Status.DATA, "binary " + dir.relativize(binary) + " is built"
            + " for " + elf.get().machineName() + ", and this machine is " + System.getProperty(
            "os.arch") + "; pick the release for it, e.g. with ${liftoff.arch} in url");
      }
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot read " + binary + ": " + e, e);
    }
  }

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
      done.sort(java.util.Comparator.comparing(Install::lastUsed).reversed());
      for (Path old : done.subList(Math.min(done.size(), keep - 1), done.size())) {
        deleteTree(old);
      }
    } catch (IOException e) {
      // Pruning saves disk; a launch never fails for it.
    }
  }

  private static long lastUsed(Path install) {
    try {
      return Files.getLastModifiedTime(install).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void touch(Path install) {
    try {
      Files.setLastModifiedTime(install,
          java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // Only the pruning order depends on it.
    }
  }

  private static void makeExecutable(Path binary) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(binary);
      Set<PosixFilePermission> wanted = EnumSet.copyOf(permissions);
      wanted.addAll(PosixFilePermissions.fromString("rwxr-xr-x"));
      if (!wanted.equals(permissions)) {
        Files.setPosixFilePermissions(binary, wanted);
      }
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot make " + binary + " executable: " + e, e);
    }
  }

  /** Where an archive entry goes, or a refusal when its name would leave {@code dir}. */
  static Path inside(Path dir, String name) {
    String why = null;
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      why = "its name is empty or holds a NUL";
    } else if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      why = "its path is absolute";
    } else {
      for (String part : name.split("[/\\\\]")) {
        if (part.equals("..")) {
          why = "its path climbs out with ..";
        }
      }
    }
    Path target = dir.resolve(name).normalize();
    if (why == null && (!target.startsWith(dir) || target.equals(dir))) {
      why = "its path leaves the install";
    }
    if (why != null) {
      throw new LaunchException(Status.DATA, "unsafe archive: entry '" + name + "' refused: "
          + why + "; nothing was installed");
    }
    return target;
  }

  /**
   * Applies an entry's permission bits, without setuid, setgid, sticky or world-write; {@code
   * fallback} when the archive stored none.
   */
  static void setMode(Path path, int mode, int fallback) throws IOException {
    int bits = mode & 0777;
    if (bits == 0) {
      bits = fallback;
    }
    bits &= ~0002;
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((bits & (0400 >> i)) != 0) {
        permissions.add(order[i]);
      }
    }
    Files.setPosixFilePermissions(path, permissions);
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
