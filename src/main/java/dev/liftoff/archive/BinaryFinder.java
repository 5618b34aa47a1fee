package dev.liftoff.archive;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the program in an install folder: the path or glob that {@code binary} names, else the
 * one ELF executable built for this machine, else the one file marked executable.
 */
final class BinaryFinder {
  private static final Pattern SHARED_LIBRARY = Pattern.compile(".*\\.so(\\.[0-9]+)*$");

  private BinaryFinder() {}

  static Selection find(Path dir, Optional<String> binary) throws IOException {
    List<Path> files = regularFiles(dir);
    return binary.isPresent() ? named(dir, files, binary.get()) : automatic(dir, files);
  }

  private static Selection named(Path dir, List<Path> files, String pattern) {
    String relative = pattern.startsWith("./") ? pattern.substring(2) : pattern;
    Path exact = dir.resolve(relative).normalize();
    if (exact.startsWith(dir) && files.contains(exact)) {
      return new Selection.Found(exact);
    }
    // Java's ** needs a slash to follow it, so **/fleet alone would miss a top-level fleet.
    List<PathMatcher> matchers = new ArrayList<>();
    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + relative));
    if (relative.startsWith("**/")) {
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + relative.substring(3)));
    }
    List<Path> matches = new ArrayList<>();
    for (Path file : files) {
      Path rel = dir.relativize(file);
      if (matchers.stream().anyMatch(m -> m.matches(rel))) {
        matches.add(file);
      }
    }
    return switch (matches.size()) {
      case 0 -> new Selection.None("nothing in the archive matches binary=" + pattern
          + "; it holds: " + names(dir, files));
      case 1 -> new Selection.Found(matches.get(0));
      default -> new Selection.Ambiguous(names(dir, matches));
    };
  }

  private static Selection automatic(Path dir, List<Path> files) throws IOException {
    int host = Elf.hostMachine();
    List<Path> fitting = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    List<Path> executables = new ArrayList<>();
    for (Path file : files) {
      if (Files.isSymbolicLink(file)) {
        continue; // a link names a file that is listed itself; counting both is no choice
      }
      Elf elf = Elf.read(file);
      boolean executable = isExecutable(file);
      if (elf != null && elf.isExecutableType() && !isSharedLibrary(file)) {
        if (elf.machine() == host) {
          fitting.add(file);
        } else {
          foreign.add(dir.relativize(file) + " (" + elf.machineName() + ")");
        }
      } else if (executable && elf == null) {
        executables.add(file);
      }
    }
    if (fitting.size() == 1) {
      return new Selection.Found(fitting.get(0));
    }
    if (fitting.size() > 1) {
      return new Selection.Ambiguous(names(dir, fitting));
    }
    if (!foreign.isEmpty()) {
      return new Selection.None("the archive's programs are built for another machine: "
          + String.join(", ", foreign) + "; this one is " + System.getProperty("os.arch")
          + " (pick the release for it, e.g. with ${liftoff.arch} in url)");
    }
    if (executables.size() == 1) {
      return new Selection.Found(executables.get(0));
    }
    if (executables.size() > 1) {
      return new Selection.Ambiguous(names(dir, executables));
    }
    return new Selection.None("the archive holds no executable; it holds: " + names(dir, files));
  }

  private static boolean isSharedLibrary(Path file) {
    return SHARED_LIBRARY.matcher(file.getFileName().toString()).matches();
  }

  private static boolean isExecutable(Path file) throws IOException {
    return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
  }

  /** Regular files, and links to them (the install checked that every link stays inside). */
  private static List<Path> regularFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      Path manifest = dir.resolve(Manifest.NAME);
      return walk.filter(path -> Files.isRegularFile(path) && !path.equals(manifest))
          .sorted()
          .toList();
    }
  }

  private static List<String> names(Path dir, List<Path> files) {
    List<String> names = new ArrayList<>();
    for (Path file : files) {
      names.add(dir.relativize(file).toString());
      if (names.size() == 20) {
        names.add("...");
        break;
      }
    }
    return names;
  }
}
