package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before steps seen from outside: their output as written, and SIGTERM in the middle. */
class BeforeIT {
  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void release() throws Exception {
    try (Zips z = Zips.create(dir.resolve("app.zip"))) {
      z.file("fleet_v4/fleet", 0755, Zips.script("""
          if [ "$1" = prepare ]; then
            echo "prepare: $FLEET_MYSQL_ADDRESS"
            trap 'echo prepare-got-TERM; kill $!; exit 0' TERM
            sleep 30 & wait
          fi
          echo program-ran
          """));
    }
    env.put("PATH", System.getenv("PATH"));
    env.put("JAWSDB_URL", "mysql://u:p@db.example.com:3306/fleet");
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = app.zip
        env.FLEET_MYSQL_ADDRESS = ${JAWSDB_URL.hostport}
        before.1 = sh -c 'echo first; echo second-step-env=$$FLEET_MYSQL_ADDRESS'
        before.2 = fleet prepare db --no-prompt
        """);
  }

  @Test
  void aStepsOutputArrivesAsItIsWrittenAndSigtermStopsTheLaunchWithoutExec() throws Exception {
    try (Launch run = Launch.jar(dir, env)) {
      assertEquals("first", run.awaitLine("first"));
      assertEquals("second-step-env=db.example.com:3306", run.awaitLine("second-step-env="));
      // The step is still running (it sleeps 30 s): its line came through unbuffered.
      assertEquals("prepare: db.example.com:3306", run.awaitLine("prepare:"));
      run.signal("TERM");
      assertEquals("prepare-got-TERM", run.awaitLine("prepare-got-TERM"));
      assertEquals(128 + 15, run.waitFor(), run.err());
      assertFalse(run.out().contains("program-ran"), run.out().toString());
      assertTrue(run.err().contains("before.2 was stopped by signal 15"), run.err());
    }
  }

  @Test
  void theReleaseCommandRunsTheStepsAndNeverTheProgram() throws Exception {
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = app.zip
        before.1 = sh -c 'echo migrating'
        """);
    try (Launch run = Launch.jar(dir, env, "release")) {
      assertEquals(0, run.waitFor(), run.err());
      assertEquals("migrating", run.out().get(0));
      assertFalse(run.out().contains("program-ran"));
      assertTrue(run.err().contains("event=before step=before.1"), run.err());
    }
  }
}
