package dev.liftoff.archive;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Messages;
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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Installs a release into {@code CACHE/installs/SHA256}: unpacked into a temporary folder,
 * recorded in a manifest and renamed into place, so that an install is either complete or absent;
 * then the program is chosen and made executable. An install that changed since is made again.
 */
public final class Install {
  private static final String INSTALLS = "installs";
  /** Installs kept: the current one, and two to roll back to without a download. */
  static final int KEEP = 3;

  private Install() {}

  /**
   * The install of a pinned digest, if an earlier run completed it and it is still as that run
   * left it: no fetch needed. A changed one is removed, with a warning naming what changed.
   */
  public static Optional<Installed> cached(
      Path cacheDir, String sha256, Optional<String> binary, Log log) {
    Path dir = cacheDir.resolve(INSTALLS).resolve(sha256);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || changed(dir, log)) {
      return Optional.empty();
    }
    Installed installed = choose(dir, binary, true);
    Installs.touch(dir);
    log.info("install", "cached", true, "dir", dir, "binary", installed.binary());
    return Optional.of(installed);
  }

  public static Installed install(
      Release release, Path cacheDir, Optional<String> binary, Limits limits, Log log) {
    long started = System.nanoTime();
    Path installs = cacheDir.resolve(INSTALLS);
    Path dir = installs.resolve(release.sha256());
    long entries = 0;
    Installed installed;
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !changed(dir, log)) {
      Installs.touch(dir);
      installed = choose(dir, binary, true);
    } else {
      Unpacked unpacked = unpack(release, installs, dir, binary, limits);
      Installs.prune(installs, dir, KEEP);
      installed = new Installed(dir, dir.resolve(unpacked.program()));
      entries = unpacked.entries();
    }
    log.info("install", "dir", dir, "binary", installed.binary(), "entries", entries,
        "ms", (System.nanoTime() - started) / 1_000_000);
    return installed;
  }

  /**
   * Whether {@code dir} differs from its manifest; if so it is removed (the verified archive
   * will be unpacked again), after a warning that names the file.
   */
  private static boolean changed(Path dir, Log log) {
    Optional<String> difference = Manifest.difference(dir);
    if (difference.isEmpty()) {
      return false;
    }
    log.warn("install", "changed", difference.get(), "dir", dir,
        "action", "removed; it is installed again from the verified archive");
    Path aside = dir.resolveSibling(".tmp-changed-" + dir.getFileName() + "-" + System.nanoTime());
    try {
      Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new LaunchException(Status.IO_ERROR, "the install " + dir + " changed since it was"
          + " made (" + difference.get() + ") and cannot be removed: " + Messages.cause(e)
          + "; delete it, and Liftoff installs the release again", e);
    }
    Installs.deleteTree(aside);
    return true;
  }

  /** An install just made: its program's path inside it, and how many entries it has. */
  private record Unpacked(Path program, long entries) {}

  private static Unpacked unpack(Release release, Path installs, Path dir,
      Optional<String> binary, Limits limits) {
    Path temporary = null;
    try {
      try {
        Files.createDirectories(installs);
        temporary = Files.createTempDirectory(installs, ".tmp-");
      } catch (IOException e) {
        throw Extract.cannotWrite(installs, e);
      }
      long entries = Extract.into(release, temporary, limits);
      Path program;
      try {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Chosen (and made executable) before the manifest records the modes.
        program = temporary.relativize(choose(temporary, binary, false).binary());
        Manifest.write(temporary);
      } catch (IOException e) {
        throw Extract.cannotWrite(installs, e);
      }
      try {
        Files.move(temporary, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new LaunchException(Status.INTERNAL, "cannot rename an install into place in "
            + installs + ": " + Messages.cause(e));
      } catch (IOException e) {
        // Another launcher sharing this cache finished the same install first: use theirs.
        // (rename(2) over a full folder fails with ENOTEMPTY, which Java does not always type.)
        if (!Files.isDirectory(dir)) {
          throw Extract.cannotWrite(installs, e);
        }
      }
      return new Unpacked(program, entries);
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot unpack " + release.name() + ": "
          + why(e) + " (a damaged or truncated archive?); nothing was installed", e);
    } finally {
      if (temporary != null) {
        Installs.deleteTree(temporary);
      }
    }
  }

  /** What a reader's failure says; some (a stream that ends early) say nothing themselves. */
  private static String why(IOException e) {
    if (e instanceof java.io.EOFException) {
      return "its data ends too early";
    }
    return Messages.cause(e);
  }

  /**
   * The program in {@code dir}, made executable; a later boot that makes a different one
   * executable ({@code binary} changed) records that in the manifest.
   */
  private static Installed choose(Path dir, Optional<String> binary, boolean recorded) {
    Path found;
    try {
      found = BinaryFinder.find(dir, binary).program();
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot read the install at " + dir + ": "
          + Messages.typed(e), e);
    }
    refuseForeign(dir, found);
    if (makeExecutable(found) && recorded) {
      try {
        Manifest.rewrite(dir);
      } catch (IOException e) {
        throw Extract.cannotWrite(dir.getParent(), e);
      }
    }
    return new Installed(dir, found);
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
      throw new LaunchException(Status.DATA, "cannot read " + binary + ": " + Messages.typed(e), e);
    }
  }

  /** Whether it had to change the program's mode. */
  private static boolean makeExecutable(Path binary) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(binary);
      Set<PosixFilePermission> wanted = EnumSet.copyOf(permissions);
      wanted.addAll(PosixFilePermissions.fromString("rwxr-xr-x"));
      if (wanted.equals(permissions)) {
        return false;
      }
      Files.setPosixFilePermissions(binary, wanted);
      return true;
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot make " + binary + " executable: "
          + Messages.typed(e), e);
    }
  }
}
