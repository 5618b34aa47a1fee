package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.liftoff.testing.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Procfile's JVM flags against the build's AOT caches: each cache must map for the jar it
 * was trained with (a cache the JVM rejects is ignored in silence, and the boot is twice as
 * slow), and each must hold the classes of its own path only, since they all load at start. A
 * build without the caches (-Dliftoff.aot.skip=true) must still boot quietly with those flags.
 */
class ProcfileIT {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));

  /** The java flags of a Procfile line, between "java" and "-jar". */
  static List<String> javaFlags(String process) throws Exception {
    for (String line : Files.readAllLines(BASEDIR.resolve("Procfile"))) {
      if (line.startsWith(process + ":")) {
        List<String> words = Arrays.asList(line.substring(process.length() + 1).trim().split(" +"));
        return new ArrayList<>(words.subList(1, words.indexOf("-jar")));
      }
    }
    throw new AssertionError("no " + process + " line in the Procfile");
  }

  /** The cache checks skip after a build that trained none, unless CI=true, where they fail. */
  private static void requireTrainedCaches() {
    if (!Boolean.getBoolean("liftoff.aot.skip")) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true checks the AOT caches: build without -Dliftoff.aot.skip=true");
    }
    Assumptions.abort("the build skipped the AOT training (-Dliftoff.aot.skip=true)");
  }

  /** Runs {@code liftoff --version} with a process's flags, the cache required, classes logged. */
  static Launch versionWith(String process) throws Exception {
    requireTrainedCaches();
    List<String> command = new ArrayList<>();
    command.add(Launch.jarCommand().get(0));
    command.addAll(javaFlags(process));
    command.add("-XX:AOTMode=on"); // the JVM fails instead of ignoring a cache it cannot map
    command.add("-Xlog:class+load=info:stdout");
    command.addAll(List.of("-jar", "target/liftoff.jar", "--version"));
    return Launch.start(BASEDIR, Map.of("PATH", System.getenv("PATH")), command);
  }

  @Test
  void theWebCacheMapsAndHoldsNoDownloadOrArchiveClass() throws Exception {
    try (Launch web = versionWith("web")) {
      assertEquals(0, web.waitFor(), web.err());
      assertTrue(web.out().stream().anyMatch(l -> l.contains("dev.liftoff.exec.Posix")
          && l.contains("shared objects file")), "the exec path is not in the web cache");
      assertFalse(web.out().stream().anyMatch(l -> l.contains("okhttp3.")), "OkHttp preloaded");
      assertFalse(web.out().stream().anyMatch(l -> l.contains("org.apache.commons.compress")),
          "Commons Compress preloaded");
    }
  }

  @Test
  void theReleaseCacheMapsAndHoldsTheDownloadPath() throws Exception {
    try (Launch release = versionWith("release")) {
      assertEquals(0, release.waitFor(), release.err());
      assertTrue(release.out().stream().anyMatch(l -> l.contains("okhttp3.OkHttpClient ")
          && l.contains("shared objects file")), "OkHttp is not in the release cache");
      assertTrue(release.out().stream().anyMatch(
          l -> l.contains("org.apache.commons.compress.archivers.tar.TarArchiveInputStream ")
              && l.contains("shared objects file")), "the tar reader is not in the release cache");
    }
  }

  @Test
  void everyProcfileLineBootsQuietlyWithoutItsCache(@TempDir Path dir) throws Exception {
    for (String process : List.of("web", "release")) {
      List<String> command = new ArrayList<>();
      command.add(Launch.jarCommand().get(0));
      command.addAll(javaFlags(process));
      int cache = command.indexOf(command.stream()
          .filter(flag -> flag.startsWith("-XX:AOTCache=")).findFirst().orElse("none"));
      assertTrue(cache > 0, "the " + process + " line names no AOT cache: " + command);
      command.set(cache, "-XX:AOTCache=" + dir.resolve("missing.aot"));
      command.addAll(
          List.of("-jar", "target/liftoff.jar", "--config", "example/liftoff.properties"));
      Map<String, String> env = new HashMap<>();
      env.put("PATH", System.getenv("PATH"));
      env.put("LIFTOFF_CACHE_DIR", dir.resolve("cache-" + process).toString());
      try (Launch run = Launch.start(BASEDIR, env, command)) {
        assertEquals(0, run.waitFor(), run.err());
        // The JVM's complaint about a cache goes to stdout, which belongs to the program.
        assertFalse(run.out().isEmpty(), process + ": the example printed nothing");
        for (String line : run.out()) {
          assertTrue(line.startsWith("hello: "), process + ": stdout has '" + line + "'");
        }
        assertFalse(run.err().contains("[aot]") || run.err().contains("AOT cache"), run.err());
        assertTrue(run.err().contains("event=exec"), run.err());
      }
    }
  }
}
