package dev.liftoff.archive;

import dev.liftoff.core.Messages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an install held when it was made: each file's, folder's and link's type and mode, size,
 * modification time and inode, in {@code .liftoff-manifest} at the install's top. A boot
 * compares it with one {@code lstat} per entry and no hashing; a file added anywhere changes its
 * folder's time. An install copied elsewhere (a slug, an image layer) has new inodes and may
 * keep times only to the second: it is compared by type, mode, size and whole seconds.
 */
final class Manifest {
  static final String NAME = ".liftoff-manifest";
  private static final String HEADER = "liftoff-manifest 1 ";
  private static final String ATTRIBUTES = "unix:mode,size,lastModifiedTime,ino,dev";

  private Manifest() {}

  /** Records {@code dir}, which nothing else writes to any more. */
  static void write(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    // Created first and filled after: creating it changes the folder's time, which is recorded.
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      out.write(text(dir));
    }
  }

  /**
   * Records a change Liftoff made itself (the program chosen on a later boot made executable),
   * in place: a new file renamed over it would change the folder's time.
   */
  static void rewrite(Path dir) throws IOException {
    byte[] text = text(dir);
    try (OutputStream out = Files.newOutputStream(dir.resolve(NAME),
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      out.write(text);
    }
  }

  private static byte[] text(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    StringBuilder text = new StringBuilder(4096);
    Map<String, Object> top = attributes(dir);
    text.append(HEADER).append(top.get("dev")).append(' ').append(top.get("ino")).append('\n');
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (!path.equals(file)) {
          Map<String, Object> a = path.equals(dir) ? top : attributes(path);
          text.append(Integer.toOctalString((Integer) a.get("mode"))).append(' ')
              .append(a.get("size")).append(' ').append(nanos(a)).append(' ')
              .append(a.get("ino")).append(' ').append(escape(dir.relativize(path).toString()))
              .append('\n');
        }
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Empty when {@code dir} is as its manifest recorded it; otherwise the first difference,
   * naming the file.
   */
  static Optional<String> difference(Path dir) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dir.resolve(NAME), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.of(NAME + " is missing (an install made before Liftoff kept one, or cut"
          + " short)");
    } catch (IOException e) {
      return Optional.of(NAME + " cannot be read: " + Messages.cause(e));
    }
    if (lines.isEmpty() || !lines.get(0).startsWith(HEADER)) {
      return Optional.of(NAME + " is not a manifest");
    }
    try {
      String[] identity = lines.get(0).substring(HEADER.length()).split(" ");
      Map<String, Object> top = attributes(dir);
      boolean same = identity[0].equals(String.valueOf(top.get("dev")))
          && identity[1].equals(String.valueOf(top.get("ino")));
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(" ", 5);
        String name = unescape(f[4]);
        Map<String, Object> a;
        try {
          a = name.isEmpty() ? top : attributes(dir.resolve(name));
        } catch (NoSuchFileException e) {
          return Optional.of(shown(name) + " is gone");
        }
        int mode = (Integer) a.get("mode");
        boolean folder = (mode & 0170000) == 0040000;
        String change = null;
        if (mode != Integer.parseInt(f[0], 8)) {
          change = "its mode changed from " + f[0] + " to " + Integer.toOctalString(mode);
        } else if (!folder && !f[1].equals(String.valueOf(a.get("size")))) {
          change = "its size changed from " + f[1] + " to " + a.get("size") + " bytes";
        } else if (same ? Long.parseLong(f[2]) != nanos(a)
            : Long.parseLong(f[2]) / 1_000_000_000 != nanos(a) / 1_000_000_000) {
          change = folder ? "a file in it was added, removed or renamed"
              : "it was written to (its modification time changed)";
        } else if (same && !f[3].equals(String.valueOf(a.get("ino")))) {
          change = "it was replaced (another inode)";
        }
        if (change != null) {
          return Optional.of(shown(name) + ": " + change);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.of(NAME + " cannot be compared: " + Messages.cause(e));
    }
    return Optional.empty();
  }

  private static Map<String, Object> attributes(Path path) throws IOException {
    return Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
  }

  private static long nanos(Map<String, Object> a) {
    return ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
  }

  private static String shown(String name) {
    return name.isEmpty() ? "the install folder" : name;
  }

  /** Names are the archive's: a space stays, a newline or % is written %XX. */
  private static String escape(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      if (c < 0x20 || c == '%' || c == 0x7f) {
        out.append('%').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String unescape(String name) {
    if (name.indexOf('%') < 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' && i + 2 < name.length()) {
        out.append((char) Integer.parseInt(name.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
