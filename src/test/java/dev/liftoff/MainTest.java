package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Run;
import dev.liftoff.testing.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs Liftoff in-process, as a process would, with its own folder, environment and streams. */
class MainTest {
  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void environment() {
    env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
  }

  Run liftoff(String... args) {
    return InProcess.liftoff(env, dir, args);
  }

  /** A release whose program writes its arguments and environment into report.txt. */
  Path reportingRelease() throws IOException {
    Path zip = dir.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("app-1.0/bin/app", 0755, Zips.script(
          "{ echo \"args=$*\"; env | sort; } > \"$REPORT\"\nexit ${APP_STATUS:-0}"));
      z.file("app-1.0/README", 0644, "docs");
    }
    return zip;
  }

  @Test
  void runsTheProgramAsAChildWithTranslatedEnvironmentWhenExecIsNever() throws IOException {
    reportingRelease();
    Path report = dir.resolve("report.txt");
    env.put("LIFTOFF_URL", "app.zip");
    env.put("LIFTOFF_EXEC", "never");
    env.put("LIFTOFF_ENV_REPORT", report.toString());
    env.put("LIFTOFF_ENV_ADDRESS", "0.0.0.0:${PORT:-5000}");
    env.put("LIFTOFF_ARGS", "serve --name 'two words' ${liftoff.os}");

    Run run = liftoff();

    assertEquals(0, run.status(), run.err());
    String seen = Files.readString(report);
    assertTrue(seen.contains("args=serve --name two words linux"), seen);
    assertTrue(seen.contains("\nADDRESS=0.0.0.0:5000\n"), seen);
    assertFalse(seen.contains("LIFTOFF_"), seen);
    assertTrue(run.err().contains("event=install"), run.err());
  }

  @Test
  void exitsWithTheChildsStatusWhenExecIsNever() throws IOException {
    reportingRelease();
    env.put("APP_STATUS", "7");
    env.put("REPORT", dir.resolve("r").toString());

    Run run = liftoff("--url", "app.zip", "--exec", "never");

    assertEquals(7, run.status(), run.err());
  }

  @Test
  void argumentsAfterDoubleDashReplaceTheConfiguredArgs() throws IOException {
    reportingRelease();
    Path report = dir.resolve("report.txt");
    env.put("REPORT", report.toString());
    Files.writeString(dir.resolve("liftoff.properties"), "url=app.zip\nargs=configured\n");

    Run run = liftoff("--exec=never", "--", "given", "${HOME}");

    assertEquals(0, run.status(), run.err());
    assertTrue(Files.readString(report).contains("args=given " + dir), Files.readString(report));
  }

  @Test
  void fetchPrintsOnlyTheInstalledBinarysAbsolutePath() throws IOException {
    reportingRelease();

    Run run = liftoff("fetch", "--url", "app.zip");

    assertEquals(0, run.status(), run.err());
    Path binary = Path.of(run.out().strip());
    assertTrue(binary.isAbsolute());
    assertTrue(binary.endsWith("app-1.0/bin/app"), run.out());
    assertTrue(Files.isExecutable(binary));
    assertEquals(1, run.out().lines().count());
  }

  @Test
  void fetchAsABuildStepNeedsNoneOfTheRuntimesVariables() throws IOException {
    reportingRelease();
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = ${RELEASE:-app.zip}
        env.DB = ${JAWSDB_URL.user}
        wait = ${JAWSDB_URL}
        before.1 = migrate --db ${JAWSDB_URL}
        args = --port ${PORT}
        """);

    Run fetch = liftoff("fetch");
    Run run = liftoff("run");

    assertEquals(0, fetch.status(), fetch.err());
    assertTrue(fetch.out().strip().endsWith("app-1.0/bin/app"), fetch.out());
    assertEquals(78, run.status(), run.err());
    assertTrue(run.err().contains("is not set"), run.err()); // run needs them, and says so
  }

  @Test
  void fetchStillChecksTheUrlsOwnTemplateBeforeDownloading() throws IOException {
    Files.writeString(dir.resolve("liftoff.properties"), "url = ${RELEASE_URL}\n");

    Run fetch = liftoff("fetch");

    assertEquals(78, fetch.status(), fetch.err());
    assertTrue(fetch.err().contains("RELEASE_URL"), fetch.err());
  }

  @Test
  void aPinnedInstallIsReusedWithoutReadingTheArchiveAgain() throws IOException {
    Path zip = reportingRelease();
    String sha = Run.sha256(zip);
    assertEquals(0, liftoff("fetch", "--url", "app.zip", "--sha256", sha).status());
    Files.delete(zip);

    Run again = liftoff("fetch", "--url", "app.zip", "--sha256", sha);

    assertEquals(0, again.status(), again.err());
    assertTrue(again.err().contains("cached=true"), again.err());
    assertFalse(again.err().contains("event=fetch"), again.err());
  }

  @Test
  void whatABuildStepFetchedRunsWithoutItsSourceUntilFetchedAgain() throws IOException {
    Path zip = reportingRelease();
    env.put("REPORT", dir.resolve("report.txt").toString());
    assertEquals(0, liftoff("fetch", "--url", "app.zip").status());
    Files.delete(zip);

    Run run = liftoff("--url", "app.zip", "--exec", "never");

    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("cached=true"), run.err());
    assertTrue(Files.exists(dir.resolve("report.txt")));
    assertEquals(69, liftoff("fetch", "--url", "app.zip").status(), "fetch asks the source");
  }

  @Test
  void aChecksumMismatchIsADataErrorAndInstallsNothing() throws IOException {
    reportingRelease();

    Run run = liftoff("fetch", "--url", "app.zip", "--sha256", "0".repeat(64));

    assertEquals(65, run.status());
    assertTrue(run.err().contains("sha256 mismatch"), run.err());
    assertFalse(Files.exists(dir.resolve(".liftoff/installs/" + "0".repeat(64))));
    assertOneErrorLine(run);
  }

  @Test
  void envPrintsTheProgramsEnvironmentSortedWithSecretsMasked() throws IOException {
    reportingRelease();
    env.put("DATABASE_URL", "mysql://user:hunter2@db:3306/app");
    env.put("API_TOKEN", "t0ps3cret");
    env.put("LIFTOFF_ENV_DB", "${DATABASE_URL}");

    Run masked = liftoff("env", "--url", "app.zip");
    Run shown = liftoff("env", "--url", "app.zip", "--show-secrets");

    assertEquals(0, masked.status(), masked.err());
    List<String> lines = masked.out().lines().toList();
    assertEquals(lines.stream().sorted().toList(), lines);
    assertTrue(lines.contains("DB=mysql://user:***@db:3306/app"), masked.out());
    assertTrue(lines.contains("API_TOKEN=***"), masked.out());
    assertFalse(masked.out().contains("hunter2") || masked.err().contains("hunter2"));
    assertFalse(masked.out().contains("LIFTOFF_"));
    assertTrue(shown.out().contains("DB=mysql://user:hunter2@db:3306/app"), shown.out());
  }

  @Test
  void anUnsetVariableFailsBeforeAnyDownloadNamingSettingAndVariable() {
    env.put("LIFTOFF_URL", "does-not-exist.zip");
    env.put("LIFTOFF_ENV_ADDRESS", "${NOT_SET_ANYWHERE}");

    Run run = liftoff();

    assertEquals(78, run.status());
    assertTrue(run.err().contains("env.ADDRESS"), run.err());
    assertTrue(run.err().contains("NOT_SET_ANYWHERE"), run.err());
    assertFalse(run.err().contains("event=fetch"), run.err());
    assertOneErrorLine(run);
  }

  @Test
  void aMissingReleaseFileIsUnavailable() {
    Run run = liftoff("--url", "nowhere.zip");

    assertEquals(69, run.status());
    assertTrue(run.err().contains("nowhere.zip"), run.err());
    assertOneErrorLine(run);
  }

  @Test
  void anErrorPageServedAsTheReleaseIsRefusedAsData() throws IOException {
    Files.writeString(dir.resolve("latest.zip"), "<html><body>429 Too Many Requests</body>");

    Run run = liftoff("fetch", "--url", "latest.zip");

    assertEquals(65, run.status());
    assertTrue(run.err().contains("429 Too Many Requests"), run.err());
    assertOneErrorLine(run);
  }

  @Test
  void noUrlIsAConfigurationErrorThatSaysHowToSetIt() {
    Run run = liftoff();

    assertEquals(78, run.status());
    assertTrue(run.err().contains("LIFTOFF_URL"), run.err());
    assertOneErrorLine(run);
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatSuggestsTheNearest() {
    Run run = liftoff("fecth");

    assertEquals(64, run.status());
    assertTrue(run.err().contains("did you mean fetch?"), run.err());
    assertOneErrorLine(run);
  }

  @Test
  void debugShowsTheStackTraceThatIsOtherwiseHidden() {
    Run plain = liftoff("--url", "nowhere.zip");
    Run debug = liftoff("--url", "nowhere.zip", "--debug");

    assertFalse(plain.hasStackTrace(), plain.err());
    assertTrue(debug.hasStackTrace(), debug.err());
  }

  @Test
  void checkReportsEveryProblemWithoutTouchingTheRelease() throws IOException {
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = https://example.com/app-${liftoff.arch}.zip
        env.A = ${MISSING_A}
        env.B = ${MISSING_B}
        env.C = ${PRESENT}
        """);
    env.put("PRESENT", "yes");

    Run run = liftoff("check");

    assertEquals(78, run.status());
    assertTrue(run.out().contains("url: https://example.com/app-amd64.zip")
        || run.out().contains("url: https://example.com/app-arm64.zip"), run.out());
    assertTrue(run.out().contains("MISSING_A") && run.out().contains("MISSING_B"), run.out());
  }

  @Test
  void checkPassesAValidRecipe() throws IOException {
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = app.zip
        env.ADDRESS = 0.0.0.0:${PORT:-8080}
        before.1 = ${liftoff.binary} prepare db
        """);

    Run run = liftoff("check");

    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("check: ok"), run.out());
  }

  @Test
  void beforeStepsRunInOrderWithTheProgramsEnvironmentAndStopTheLaunchOnFailure()
      throws IOException {
    reportingRelease();
    Path log = dir.resolve("steps.log");
    env.put("REPORT", dir.resolve("r").toString());
    env.put("LIFTOFF_ENV_STEP_LOG", log.toString());
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = app.zip
        exec = never
        before.1 = sh -c 'echo one >> "$$STEP_LOG"'
        before.2 = sh -c 'echo two >> "$$STEP_LOG"; exit 3'
        before.3 = sh -c 'echo three >> "$$STEP_LOG"'
        """);

    Run run = liftoff();

    assertEquals(3, run.status(), run.err());
    assertEquals("one\ntwo\n", Files.readString(log));
    assertFalse(Files.exists(dir.resolve("r")), "the program must not start");
    assertTrue(run.err().contains("before.2"), run.err());
  }

  @Test
  void skipBeforeLeavesTheStepsToTheReleasePhase() throws IOException {
    reportingRelease();
    Path log = dir.resolve("steps.log");
    env.put("REPORT", dir.resolve("r").toString());
    Files.writeString(dir.resolve("liftoff.properties"),
        "url = app.zip\nexec = never\nbefore.1 = sh -c 'echo ran >> " + log + "'\n");

    Run run = liftoff("--skip-before");
    Run release = liftoff("release");

    assertEquals(0, run.status(), run.err());
    assertEquals(0, release.status(), release.err());
    assertEquals("ran\n", Files.readString(log));
  }

  @Test
  void helpAndVersionPrintToStdoutAndSucceed() {
    Run help = liftoff("--help");
    Run version = liftoff("--version");

    assertEquals(0, help.status());
    assertTrue(help.out().contains("LIFTOFF_DOWNLOAD_TIMEOUT"), help.out());
    assertEquals(0, version.status());
    assertTrue(version.out().startsWith("liftoff "), version.out());
  }

  static void assertOneErrorLine(Run run) {
    List<String> errors = run.err().lines().filter(l -> l.contains("at=error")).toList();
    assertEquals(1, errors.size(), run.err());
    assertFalse(run.hasStackTrace(), run.err());
  }

  @Test
  void anEnvFlagWithoutANameIsAUsageErrorThatDoesNotEchoWhatMayBeASecret() {
    Run run = liftoff("env", "--env", "hunter2-not-a-name");

    assertEquals(64, run.status(), run.err());
    assertTrue(run.err().contains("--env takes NAME=TEMPLATE"), run.err());
    assertFalse(run.err().contains("hunter2"), run.err());
  }
}
