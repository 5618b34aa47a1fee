package dev.liftoff.archive;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Writes an archive's entries into a new, empty folder so that no entry can create or change
 * anything outside it. Safe by order rather than by checks after the fact: folders, files and
 * hard links are written first, while the folder holds no symbolic link that a path could run
 * through; hard links name a file this archive wrote, looked up by name, never on disk; symbolic
 * links are made last, none through another, and each is then checked where it really leads.
 * The format readers ({@link ZipReader}, {@link TarReader}) only walk their entries.
 */
final class Extraction {
  /** Below this many bytes an entry is never called a bomb, however well it compresses. */
  private static final long RATIO_FLOOR = 1 << 20;

  private final Path dir;
  private final Limits limits;
  /** Files written, by their path in the archive: the only things a hard link may name. */
  private final Set<Path> files = new HashSet<>();
  /** Folders known to exist, so that a thousand files in one folder cost one mkdir. */
  private final Set<Path> folders = new HashSet<>();
  /** Symbolic links to make at the end, by their path in the archive, with their target. */
  private final Map<Path, String> links = new LinkedHashMap<>();
  private final List<Path> dirs = new ArrayList<>();
  private final List<Integer> dirModes = new ArrayList<>();
  private final byte[] buffer = new byte[64 * 1024];
  private LongSupplier compressedRead = () -> -1;
  private long entries;
  private long written;

  Extraction(Path dir, Limits limits) {
    this.dir = dir;
    this.limits = limits;
    folders.add(dir);
  }

  long entries() {
    return entries;
  }

  /**
   * For a compressed stream (tar.gz, .xz, ...), how many of the archive's bytes have been read
   * so far: the ratio guard then compares the whole output with it.
   */
  void compressedSoFar(LongSupplier read) {
    this.compressedRead = read;
  }

  /** Counts one entry against the limit; every reader calls it first for each entry. */
  Path entry(String name) {
    if (++entries > limits.maxEntries()) {
      throw refuse(name, "the archive has more than " + limits.maxEntries() + " entries"
          + " (raise extract-max-entries if this release really has that many)");
    }
    Path target = inside(dir, name);
    if (target.getParent().equals(dir) && target.getFileName().toString().equals(Manifest.NAME)) {
      throw refuse(name, "Liftoff keeps its own record of the install under this name");
    }
    return target;
  }

  void directory(String name, Path target, int mode) {
    notThroughALink(name, target);
    makeFolders(target);
    dirs.add(target);
    dirModes.add(mode);
  }

  /**
   * Writes a regular file; {@code declared} is the size its header states, {@code compressed}
   * the size it takes in the archive, each -1 when unknown. A second entry for the same path is
   * refused rather than written over.
   */
  void file(String name, Path target, InputStream in, long declared, long compressed, int mode)
      throws IOException {
    notThroughALink(name, target);
    makeFolders(target.getParent());
    long size = 0;
    OutputStream out = open(name, target);
    boolean complete = false;
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        size += n;
        written += n;
        if (declared >= 0 && size > declared) {
          throw refuse(name, "it holds more bytes than its header declares (" + declared + ")");
        }
        if (written > limits.maxBytes()) {
          throw refuse(name, "the archive unpacks to more than " + limits.maxBytes()
              + " bytes (raise extract-max-bytes if this release really is that large)");
        }
        checkRatio(name, size, compressed);
        try {
          out.write(buffer, 0, n);
        } catch (IOException e) {
          throw cannotWrite(e);
        }
      }
      complete = true;
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        if (complete) {
          throw cannotWrite(e); // else the first failure is the one to report
        }
      }
    }
    files.add(dir.relativize(target));
    setMode(target, mode, 0644);
  }

  /** A file of known size copied whole, such as a bare program: the kernel copies it. */
  void copy(String name, Path target, Path source, long size) {
    if (size > limits.maxBytes()) {
      throw refuse(name, "the archive unpacks to more than " + limits.maxBytes()
          + " bytes (raise extract-max-bytes if this release really is that large)");
    }
    makeFolders(target.getParent());
    try {
      Files.copy(source, target);
    } catch (FileAlreadyExistsException e) {
      throw refuse(name, "the archive holds this path twice");
    } catch (IOException e) {
      throw cannotWrite(e);
    }
    written += size;
    files.add(dir.relativize(target));
    setMode(target, 0755, 0755);
  }

  /** A symbolic link: only noted now, and made once every file is written. */
  void symlink(String name, Path target, String linkTarget) {
    if (linkTarget.isEmpty() || linkTarget.startsWith("/") || linkTarget.indexOf('\0') >= 0
        || !target.getParent().resolve(linkTarget).normalize().startsWith(dir)) {
      throw refuse(name, "it is a link to " + linkTarget + ", outside the install");
    }
    notThroughALink(name, target);
    Path relative = dir.relativize(target);
    for (Path other : links.keySet()) {
      if (other.startsWith(relative)) {
        throw refuse(name, "the link '" + other + "' would run through it");
      }
    }
    if (files.contains(relative)) {
      throw refuse(name, "the archive holds this path twice");
    }
    links.put(relative, linkTarget);
  }

  /**
   * A tar hard link: to a regular file that this archive wrote before it, found by name. No
   * symbolic link exists yet, so the path that the kernel resolves is the name itself.
   */
  void hardLink(String name, Path target, String linkName) {
    Path existing = inside(dir, linkName);
    if (!files.contains(dir.relativize(existing))) {
      throw refuse(name, "it is a hard link to " + linkName + ", which is not a file written"
          + " before it in the archive");
    }
    notThroughALink(name, target);
    makeFolders(target.getParent());
    try {
      Files.createLink(target, existing);
    } catch (FileAlreadyExistsException e) {
      throw refuse(name, "the archive holds this path twice");
    } catch (IOException e) {
      throw cannotWrite(e);
    }
    files.add(dir.relativize(target));
  }

  /**
   * Makes the symbolic links, then checks each by the real path it resolves to: a chain of
   * links that each look inside can still lead out, and a dangling one could be filled from
   * outside later. Nothing is written through them here, so a refusal leaves nothing outside.
   */
  void finish() throws IOException {
    for (Map.Entry<Path, String> link : links.entrySet()) {
      Path target = dir.resolve(link.getKey());
      makeFolders(target.getParent());
      try {
        Files.createSymbolicLink(target, Path.of(link.getValue()));
      } catch (FileAlreadyExistsException e) {
        throw refuse(link.getKey().toString(), "the archive holds this path twice");
      } catch (IOException e) {
        throw cannotWrite(e);
      }
    }
    if (!links.isEmpty()) {
      Path realDir = dir.toRealPath();
      for (Path link : links.keySet()) {
        Path real;
        try {
          real = dir.resolve(link).toRealPath();
        } catch (IOException e) {
          throw refuse(link.toString(), "it is a link to nothing in the archive");
        }
        if (!real.startsWith(realDir)) {
          throw refuse(link.toString(), "it is a link that leads outside the install");
        }
      }
    }
    // Deepest first, so a read-only folder is closed only after everything inside it is written.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      setMode(dirs.get(i), dirModes.get(i), 0755);
    }
  }

  /** Refuses an entry whose path is, or runs through, a symbolic link of the archive. */
  private void notThroughALink(String name, Path target) {
    if (links.isEmpty()) {
      return;
    }
    Path relative = dir.relativize(target);
    for (int i = 1; i <= relative.getNameCount(); i++) {
      Path prefix = relative.subpath(0, i);
      if (links.containsKey(prefix)) {
        throw refuse(name, i == relative.getNameCount() ? "the archive holds this path twice"
            : "it would be written through the link '" + prefix + "'");
      }
    }
  }

  private void makeFolders(Path folder) {
    if (folders.contains(folder)) {
      return;
    }
    try {
      Files.createDirectories(folder);
    } catch (FileAlreadyExistsException e) {
      throw refuse(dir.relativize(folder).toString(), "it is both a file and a folder");
    } catch (IOException e) {
      throw cannotWrite(e);
    }
    for (Path p = folder; p != null && p.startsWith(dir) && folders.add(p); p = p.getParent()) {
      // every parent of a folder that exists exists too
    }
  }

  private OutputStream open(String name, Path target) {
    try {
      return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (FileAlreadyExistsException e) {
      throw refuse(name, "the archive holds this path twice");
    } catch (IOException e) {
      throw cannotWrite(e);
    }
  }

  /**
   * Refuses an entry that inflates past {@code extract-max-ratio} times its compressed size: a
   * zip bomb's entries do, real releases' never do. A stream is judged as a whole.
   */
  private void checkRatio(String name, long size, long compressed) {
    long ratio = limits.maxRatio();
    if (size > RATIO_FLOOR && compressed >= 0 && size / ratio > compressed) {
      throw refuse(name, "it inflates more than " + ratio + " times (" + compressed
          + " bytes to over " + size + "; raise extract-max-ratio if this is expected)");
    }
    long read = compressed < 0 ? compressedRead.getAsLong() : -1;
    if (written > RATIO_FLOOR && read > 0 && written / ratio > read) {
      throw refuse(name, "the archive inflates more than " + ratio + " times (" + read
          + " bytes to over " + written + "; raise extract-max-ratio if this is expected)");
    }
  }

  private LaunchException cannotWrite(IOException e) {
    return Extract.cannotWrite(dir.getParent(), e);
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
      throw refuse(name, why);
    }
    return target;
  }

  /**
   * Applies an entry's permission bits, without setuid, setgid, sticky or world-write; {@code
   * fallback} when the archive stored none.
   */
  private void setMode(Path path, int mode, int fallback) {
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
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (IOException e) {
      throw cannotWrite(e);
    }
  }

  static LaunchException refuse(String entry, String why) {
    return new LaunchException(Status.DATA, "unsafe archive: entry '" + entry + "' refused: "
        + why + "; nothing was installed");
  }
}
