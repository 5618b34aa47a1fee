package dev.liftoff.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Makes sure that the cache folder is this user's before anything in it is run or written, in
 * the spirit of OpenSSH's checks on {@code ~/.ssh}: a folder another user owns or may write to
 * could hold a planted install that a pinned boot would run, or a link that a download would
 * write through. Created {@code 0700} when it is missing. Its parents may be writable by others
 * only with the sticky bit ({@code /tmp}); the folder itself, its {@code installs},
 * {@code downloads} and their entries, and its two records must belong to this user
 * (or root) and not be links, and be writable by nobody else. Inside a folder that only its
 * owner may enter ({@code 0700}) that last rule is moot, so it is not applied there: under a
 * umask of 002 the folders Liftoff makes are group-writable, and refusing them would refuse
 * Liftoff's own cache.
 */
public final class CacheFolder {
  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;
  private static final String[] FOLDERS = {"installs", "downloads"};
  /** The build step's record of what {@code fetch} installed, by URL ({@code archive.Fetched}). */
  public static final String FETCHED = "fetched.properties";
  /** What passed verification, for the offline fallback (the root package's OfflineCopies). */
  public static final String VERIFIED = "verified.properties";
  /**
   * How messages name the cache-dir setting: config's {@code Setting.CACHE_DIR}, which core and
   * archive may not use (config uses core; a stage uses only core and fetch: ARCHITECTURE.md).
   * {@code archive.SettingNamesTest} keeps the two equal.
   */
  public static final String SETTING = "cache-dir (LIFTOFF_CACHE_DIR)";
  private static final String[] FILES = {FETCHED, VERIFIED};

  private CacheFolder() {}

  /** Creates {@code cacheDir} if it is missing, and refuses it (78) when it is not safe. */
  public static void trust(Path cacheDir) {
    Path real;
    try {
      if (!Files.exists(cacheDir, LinkOption.NOFOLLOW_LINKS)) {
        create(cacheDir);
      }
      real = cacheDir.toRealPath();
    } catch (IOException e) {
      throw new LaunchException(Status.IO_ERROR, "cannot create the cache folder " + cacheDir
          + ": " + reason(e) + "; set " + SETTING + " to a folder you can write",
          e);
    }
    long uid = ownUid();
    check(real, "the cache folder " + real, uid, false, true);
    boolean enterable = (mode(real) & 0011) != 0;
    for (Path parent = real.getParent(); parent != null; parent = parent.getParent()) {
      int mode = mode(parent);
      if ((mode & GROUP_OR_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
        throw unsafe(parent + ", a parent of the cache folder " + real + ", is writable"
            + " by group or others (mode " + octal(mode) + ") without the sticky bit, so they"
            + " could replace the cache; chmod go-w " + parent + ", or set " + SETTING
            + " to a folder under one of your own");
      }
    }
    for (String name : FOLDERS) {
      Path folder = real.resolve(name);
      if (check(folder, folder.toString(), uid, true, enterable)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
          for (Path entry : entries) {
            check(entry, entry.toString(), uid, true, enterable);
          }
        } catch (IOException e) {
          throw new LaunchException(Status.IO_ERROR, "cannot read " + folder + ": " + reason(e)
              + "; make the cache folder yours again, or set " + SETTING, e);
        }
      }
    }
    for (String name : FILES) {
      Path file = real.resolve(name);
      check(file, file.toString(), uid, true, enterable);
    }
  }

  /**
   * Refuses {@code path} when another user owns it or ({@code writes}) may write to it, or (a
   * {@code part} of the cache, not the folder itself) when it is a link; returns whether it is a folder,
   * false when it does not exist.
   */
  private static boolean check(Path path, String shown, long uid, boolean part,
      boolean writes) {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new LaunchException(Status.IO_ERROR, "cannot read " + shown + ": " + reason(e)
          + "; set " + SETTING + " to a folder of your own", e);
    }
    int owner = (Integer) a.get("uid");
    int mode = (Integer) a.get("mode");
    if (part && (mode & S_IFMT) == S_IFLNK) {
      throw unsafe(shown + " is a symbolic link, which a download or an install would"
          + " follow out of the cache; remove it (Liftoff makes it again)");
    }
    if (owner != uid && owner != 0 && !ownedByName(path, uid)) {
      throw unsafe(shown + " belongs to another user (uid " + owner + "), who could plant"
          + " the program that Liftoff runs; remove it, or set " + SETTING + " to"
          + " a folder of your own");
    }
    if (writes && (mode & GROUP_OR_OTHER_WRITE) != 0) {
      throw unsafe(shown + " is writable by group or others (mode " + octal(mode)
          + "), who could plant the program that Liftoff runs; chmod go-w " + path
          + ", or set " + SETTING + " to a folder of your own");
    }
    return (mode & S_IFMT) == 0040000;
  }

  private static void create(Path cacheDir) throws IOException {
    Path parent = cacheDir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(cacheDir);
      // Explicitly, whatever the umask: the mode a creation asks for is only an upper bound.
      Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwx------"));
    } catch (FileAlreadyExistsException e) {
      // Another launcher made it first; it is checked like any other.
    }
  }

  /**
   * This process's user id: {@code /proc/self} belongs to it on Linux. -1 elsewhere, where
   * owners are compared by name.
   */
  private static long ownUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  private static boolean ownedByName(Path path, long uid) {
    if (uid >= 0) {
      return false;
    }
    try {
      return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .owner().getName().equals(System.getProperty("user.name"));
    } catch (IOException e) {
      return false;
    }
  }

  private static int mode(Path path) {
    try {
      return (Integer) Files.getAttribute(path, "unix:mode");
    } catch (IOException e) {
      return 0; // a parent that cannot be read cannot be judged; the cache itself was
    }
  }

  private static LaunchException unsafe(String why) {
    return new LaunchException(Status.CONFIG, "unsafe cache folder: " + why);
  }

  private static String octal(int mode) {
    return String.format("%04o", mode & 07777);
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
