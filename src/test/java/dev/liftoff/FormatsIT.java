package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every archive format through the shipped jar: the jar is minimized, so what the unit tests
 * prove on the classpath must also hold with only the classes the jar kept.
 */
class FormatsIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"tar cf", "tar czf", "tar cJf", "tar cjf", "gzip", "zip"})
  void theJarInstallsEveryFormat(String tool) throws Exception {
    Path tree = Files.createDirectories(dir.resolve("src/app_v1"));
    Files.copy(Path.of("/bin/true"), tree.resolve("server"));
    Path archive = dir.resolve("release");
    String command = switch (tool) {
      case "gzip" -> "cp src/app_v1/server release && gzip release && mv release.gz release";
      case "zip" -> "cd src && " + Launch.jarCommand().getFirst().replaceAll("java$", "jar")
          + " cfM ../release app_v1";
      default -> tool + " release -C src app_v1";
    };
    Shell.sh(dir, command);

    try (Launch run = Launch.jar(dir, Map.of("PATH", System.getenv("PATH")), "fetch",
        "--url", archive.toString(), "--binary", tool.equals("gzip") ? "release" : "*/server",
        "--config", Files.writeString(dir.resolve("empty.properties"), "").toString())) {
      assertEquals(0, run.waitFor(), run.err());
      List<String> out = run.out();
      assertTrue(Files.isExecutable(Path.of(out.get(0))), out.toString());
    }
  }
}
