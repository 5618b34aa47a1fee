package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.Secrets;
import dev.liftoff.config.CommandLine;
import dev.liftoff.config.Settings;
import dev.liftoff.config.SettingsLoader;
import dev.liftoff.core.LaunchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
  @TempDir Path dir;

  List<LaunchException> problems(String... args) {
    Settings settings = SettingsLoader.load(CommandLine.parse(args), Map.of(), dir);
    return Preflight.problems(settings, Map.of(), dir, Preflight.Scope.BOOT, new Secrets());
  }

  @Test
  void plainHttpIsFineToThisMachineInEverySpelling() {
    for (String url : List.of("http://localhost/a.zip", "http://app.localhost:8080/a.zip",
        "http://127.0.0.2/a.zip", "http://[::1]:8080/a.zip", "http://u:p@127.0.0.1/a.zip")) {
      assertEquals(List.of(), problems("--url", url), url);
    }
  }

  @Test
  void plainHttpToAnotherHostIsRefusedWithoutShowingItsPassword() {
    for (String url : List.of("http://10.0.0.1/a.zip", "http://0x7f.1/a.zip",
        "http://u:hunter2@example.com:8080/a.zip", "http://localhost.example.com/a.zip")) {
      List<LaunchException> problems = problems("--url", url);
      assertEquals(1, problems.size(), url);
      assertEquals(78, problems.get(0).status());
      assertTrue(problems.get(0).getMessage().contains("allow-http=true"), url);
      assertFalse(problems.get(0).getMessage().contains("hunter2"), problems.get(0).getMessage());
    }
    assertEquals(List.of(), problems("--url", "http://10.0.0.1/a.zip", "--allow-http"));
  }

  @Test
  void aPresignedUrlsEscapesAreNotJudged() {
    assertEquals(List.of(),
        problems("--url", "https://bucket.example.com/a.zip?X-Amz-Signature=%zz&b=%2F"));
  }

  @Test
  void fetchChecksItsUrlsButNotTheRuntimesWaitUrls() {
    Settings settings = SettingsLoader.load(CommandLine.parse("--url", "https://h/a.zip",
        "--wait", "localhost:5432"), Map.of(), dir);
    assertEquals(List.of(),
        Preflight.problems(settings, Map.of(), dir, Preflight.Scope.BUILD_STEP, new Secrets()));
    assertEquals(1,
        Preflight.problems(settings, Map.of(), dir, Preflight.Scope.BOOT, new Secrets()).size());
  }

  @Test
  void aBadWaitUrlIsOneLineThatNamesWaitWithoutItsPassword() {
    for (String url : List.of("tcp://u:hunter2@db.internal", "mysql://u:hunter2@db:70000/app",
        "mysql://u:hunter2@db:0/app")) {
      List<LaunchException> problems = problems("--binary", "/bin/true", "--wait", url);
      assertEquals(1, problems.size(), url);
      String message = problems.get(0).getMessage();
      assertEquals(78, problems.get(0).status(), message);
      assertTrue(message.startsWith("wait: "), message);
      assertFalse(message.contains("hunter2") || message.contains("\n"), message);
    }
    assertEquals(List.of(), problems("--binary", "/bin/true", "--wait", "redis://db"));
    Settings settings = SettingsLoader.load(CommandLine.parse("--binary", "/bin/true", "--wait",
        "${DB}"), Map.of(), dir);
    List<LaunchException> named = Preflight.problems(settings, Map.of("DB", "no scheme hunter2"),
        dir, Preflight.Scope.BOOT, new Secrets());
    assertEquals(78, named.get(0).status());
    assertTrue(named.get(0).getMessage().startsWith("wait: '${DB}' is not a service URL"),
        named.get(0).getMessage());
    assertFalse(named.get(0).getMessage().contains("hunter2"), named.get(0).getMessage());
  }
}
