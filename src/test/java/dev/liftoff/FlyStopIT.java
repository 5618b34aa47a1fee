package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fly.io stops a machine with the fly.toml's kill_signal, SIGINT by default, sent to the process it
 * started: after exec that PID is the program's; with exec=never Liftoff must relay it.
 */
class FlyStopIT {
  static final Path PROJECT = Path.of(System.getProperty("user.dir"));
  static final String TRAPPING = """
      trap 'echo got-INT; exit 43' INT
      echo "pid=$$"
      echo ready
      while :; do sleep 0.05; done
      """;

  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();
  String killSignal;

  @BeforeEach
  void releaseAndFlysSignal() throws IOException {
    try (Zips zip = Zips.create(dir.resolve("release.zip"))) {
      zip.copy("app/bin/sh", 0755, Path.of("/bin/sh"));
    }
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("LIFTOFF_URL", "release.zip");
    killSignal = RecipesTest.toml(Files.readAllLines(PROJECT.resolve("examples/fly/fly.toml")))
        .get("").get("kill_signal");
  }

  Launch launch(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("--", "-c", TRAPPING.replace("$", "$$")));
    return Launch.jar(dir, env, args.toArray(String[]::new));
  }

  @Test
  void theExecdProgramGetsFlysKillSignalItself() throws Exception {
    assertEquals("SIGINT", killSignal);
    try (Launch run = launch()) {
      assertEquals("pid=" + run.pid(), run.awaitLine("pid="));
      run.awaitLine("ready");
      run.signal(killSignal.substring(3));
      run.awaitLine("got-INT");
      assertEquals(43, run.waitFor(), run.err());
    }
  }

  @Test
  void withExecNeverLiftoffRelaysFlysKillSignalAndExitsWithTheProgramsStatus() throws Exception {
    try (Launch run = launch("--exec", "never")) {
      assertNotEquals("pid=" + run.pid(), run.awaitLine("pid="));
      run.awaitLine("ready");
      run.signal(killSignal.substring(3));
      run.awaitLine("got-INT");
      assertEquals(43, run.waitFor(), run.err());
    }
  }
}
