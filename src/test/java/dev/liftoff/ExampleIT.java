package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Launch;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the bundled example release, fetched, installed and exec'd. */
class ExampleIT {
  @TempDir Path cache;

  @Test
  void theExampleReleaseRunsUnderTheLaunchersPidWithItsTranslatedVariables() throws Exception {
    Path project = Path.of(System.getProperty("user.dir"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("PORT", "5123");
    env.put("LIFTOFF_CACHE_DIR", cache.toString());
    try (Launch run = Launch.jar(project, env, "--config", "example/liftoff.properties")) {
      assertTrue(run.awaitLine("hello: pid ").startsWith("hello: pid " + run.pid() + " "));
      assertEquals("hello: HELLO_ADDRESS=0.0.0.0:5123", run.awaitLine("hello: HELLO_ADDRESS="));
      assertEquals("hello: LIFTOFF_ variables left: 0", run.awaitLine("hello: LIFTOFF_"));
      assertEquals("hello: file beside me: hello 1.0", run.awaitLine("hello: file beside"));
      assertEquals(0, run.waitFor(), run.err());
      for (String event : new String[] {"event=fetch", "event=install", "event=env", "event=exec"}) {
        assertTrue(run.err().contains(event), run.err());
      }
    }
  }
}
