package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check} finds what {@code run} would refuse before its first network call, and says so
 * in its first line; {@code run} refuses the same settings at once with 78 (the real jar, as a
 * process, with no service and no release anywhere).
 */
class CheckIT {
  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void environment() {
    env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
  }

  static Stream<Arguments> networkFreeProblems() {
    return Stream.of(
        Arguments.of("binary = /bin/true\nwait = localhost:5432\n", "no scheme://"),
        Arguments.of("binary = /bin/true\nwait = postgres://127.0.0.1:99999/db\n",
            "99999"),
        Arguments.of("binary = /bin/true\nwait = tcp://127.0.0.1\n", "add :PORT"),
        Arguments.of("url = http://example.com/app.zip\n", "allow-http=true"),
        Arguments.of("url = ftp://example.com/app.zip\n", "unsupported scheme 'ftp'"),
        Arguments.of("url = https://example.com:99999/app.zip\n", "1-65535"),
        Arguments.of("url = https://example.com/app.zip\nchecksums-url = http://example.com/s\n",
            "checksums-url: refusing plain http://"),
        Arguments.of("binary = /bin/true\nargs = a\\u0000b\n", "NUL"),
        Arguments.of("binary = /bin/true\nwait-timeout = 30 seconds\n", "not a duration"),
        Arguments.of("binary = /bin/true\nextract-max-bytes = lots\n", "not a count or size"),
        Arguments.of("url = https://example.com/app.zip\nsignature-url = https://example.com/s\n",
            "without public-key"),
        Arguments.of("url = https://example.com/app.zip\nsignature-url = https://example.com/s\n"
            + "public-key = ssh-ed25519 AAAA!!!\n", "public-key"),
        Arguments.of("binary = /bin/true\nenv.DB = ${DATABASE_URL.host}\n", "DATABASE_URL"));
  }

  @ParameterizedTest
  @MethodSource("networkFreeProblems")
  void checkAndRunBothRefuseWith78(String properties, String mentions) throws Exception {
    Files.writeString(dir.resolve("liftoff.properties"), properties);

    try (Launch check = Launch.jar(dir, env, "check")) {
      assertEquals(78, check.waitFor(), check.err());
      assertEquals("check: 1 problem", check.out().get(0), check.out().toString());
      assertTrue(check.out().get(1).startsWith("problem: ")
          && check.out().get(1).contains(mentions), check.out().toString());
      ExecIT.assertOneErrorLine(check.err(), mentions);
    }
    try (Launch run = Launch.jar(dir, env, "run")) {
      assertEquals(78, run.waitFor(), run.err());
      ExecIT.assertOneErrorLine(run.err(), mentions);
    }
  }

  @Test
  void theVerdictComesFirstAndCountsEveryProblem() throws Exception {
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = http://example.com/app.zip
        wait = localhost:5432, postgres://127.0.0.1:99999/db
        env.A = ${MISSING_14}
        """);

    try (Launch check = Launch.jar(dir, env, "check")) {
      assertEquals(78, check.waitFor(), check.err());
      List<String> out = check.out();
      assertEquals("check: 4 problems", out.get(0), out.toString());
      assertEquals(4, out.stream().filter(l -> l.startsWith("problem: ")).count(), out.toString());
      assertTrue(out.stream().noneMatch(l -> l.endsWith(": ok")), out.toString());
    }
  }

  @Test
  void settingsThatCannotBeReadAreAllListed() throws Exception {
    Files.writeString(dir.resolve("liftoff.properties"), """
        binary = /bin/true
        wait-timeout = 30 seconds
        download-timeout = soon
        extract-max-bytes = lots
        exec = sometimes
        """);

    try (Launch check = Launch.jar(dir, env, "check")) {
      assertEquals(78, check.waitFor(), check.err());
      List<String> out = check.out();
      assertEquals("check: 4 problems", out.get(0), out.toString());
      ExecIT.assertOneErrorLine(check.err(), "check: 4 problems");
    }
    try (Launch run = Launch.jar(dir, env)) {
      assertEquals(78, run.waitFor(), run.err());
      ExecIT.assertOneErrorLine(run.err(), "wait-timeout");
    }
  }

  @Test
  void goodSettingsAreOkInTheFirstLineIncludingAnEmptyPortAndLoopbackHttp() throws Exception {
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = http://127.0.0.1:9/app.zip
        wait = postgres://127.0.0.1:/db, redis://localhost
        env.A = ${PRESENT_14}
        """);
    env.put("PRESENT_14", "yes");

    try (Launch check = Launch.jar(dir, env, "check")) {
      assertEquals(0, check.waitFor(), check.err());
      assertEquals("check: ok", check.out().get(0), check.out().toString());
      assertEquals("", check.err());
    }
  }

  @Test
  void allowHttpLetsCheckPassAPlainHttpUrlToAnotherHost() throws Exception {
    Files.writeString(dir.resolve("liftoff.properties"),
        "url = http://example.com/app.zip\nallow-http = true\n");

    try (Launch check = Launch.jar(dir, env, "check")) {
      assertEquals(0, check.waitFor(), check.err());
      assertEquals("check: ok", check.out().get(0), check.out().toString());
    }
  }

  @Test
  void aWorldWritableCacheFolderIsAProblemForCheckAsForRun() throws Exception {
    Files.writeString(dir.resolve("liftoff.properties"), "url = https://example.com/app.zip\n");
    Path cache = Files.createDirectory(dir.resolve(".liftoff"));
    Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString(
        "rwxrwxrwx"));

    try (Launch check = Launch.jar(dir, env, "check")) {
      assertEquals(78, check.waitFor(), check.err());
      assertEquals("check: 1 problem", check.out().get(0), check.out().toString());
      ExecIT.assertOneErrorLine(check.err(), "go-w");
    }
    try (Launch run = Launch.jar(dir, env, "run")) {
      assertEquals(78, run.waitFor(), run.err());
      ExecIT.assertOneErrorLine(run.err(), "go-w");
    }
  }
}
