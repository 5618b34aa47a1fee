package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps ARCHITECTURE.md true: its package table against the packages that exist. */
class ArchitectureTest {
  private static final Path PROJECT = Path.of(System.getProperty("user.dir"));
  private static final Path SOURCES = PROJECT.resolve("src/main/java/dev/liftoff");
  private static final Pattern IMPORT = Pattern.compile("^import dev\\.liftoff\\.([a-z]+)\\.");

  /** The first cell of each row of the table under "## Packages": {@code | `name` | ...}. */
  static List<String> mappedPackages() throws IOException {
    List<String> packages = new ArrayList<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(PROJECT.resolve("ARCHITECTURE.md"))) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Packages");
      } else if (inSection && line.startsWith("| `")) {
        packages.add(line.substring(3, line.indexOf('`', 3)));
      }
    }
    return packages;
  }

  /** The packages below dev.liftoff that hold Java sources. */
  static Set<String> packages() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(SOURCES)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        if (hasSources(dir)) {
          packages.add(dir.getFileName().toString());
        }
      }
    }
    return packages;
  }

  private static boolean hasSources(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    }
  }

  @Test
  void everyPackageTheMapNamesExists() throws IOException {
    List<String> mapped = mappedPackages();
    assertFalse(mapped.isEmpty(), "ARCHITECTURE.md has no '## Packages' table");
    for (String name : mapped) {
      Path dir = SOURCES.resolve(name);
      assertTrue(Files.isDirectory(dir) && hasSources(dir), "ARCHITECTURE.md names the package"
          + " dev.liftoff." + name + ", which is gone: update its table and 'Where to add'");
    }
  }

  @Test
  void everyPackageIsOnTheMap() throws IOException {
    Set<String> missing = packages();
    missing.removeAll(mappedPackages());
    assertEquals(Set.of(), missing, "packages missing from ARCHITECTURE.md's table");
  }

  @Test
  void thePackagesDependOnEachOtherWithoutACycleAndNoneOnTheRoot() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (String name : packages()) {
      Set<String> used = new TreeSet<>();
      try (Stream<Path> files = Files.list(SOURCES.resolve(name))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(file)) {
            Matcher m = IMPORT.matcher(line);
            if (m.find() && !m.group(1).equals(name)) {
              used.add(m.group(1));
            }
            assertFalse(line.matches("import dev\\.liftoff\\.[A-Z].*"),
                file + " uses the root package: " + line);
          }
        }
      }
      uses.put(name, used);
    }
    assertTrue(uses.get("core").isEmpty(), "core uses " + uses.get("core"));
    for (String start : uses.keySet()) {
      assertFalse(reaches(uses, start, start, new TreeSet<>()),
          "a dependency cycle through " + start + ": " + uses);
    }
  }

  private static boolean reaches(Map<String, Set<String>> uses, String from, String target,
      Set<String> seen) {
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (next.equals(target) || (seen.add(next) && reaches(uses, next, target, seen))) {
        return true;
      }
    }
    return false;
  }
}
