package dev.liftoff.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();

  Settings load(String... args) {
    return SettingsLoader.load(CommandLine.parse(args), env, dir);
  }

  LaunchException failure(String... args) {
    return assertThrows(LaunchException.class, () -> load(args));
  }

  void properties(String text) throws IOException {
    Files.writeString(dir.resolve("liftoff.properties"), text);
  }

  @Test
  void aNulInAPropertyIsAConfigurationErrorNamingTheSetting() throws IOException {
    properties("url=app.zip\nargs=--name a\\u0000b\n");

    LaunchException e = failure();

    assertEquals(78, e.status());
    assertTrue(e.getMessage().startsWith("args in liftoff.properties: holds a NUL"), e.getMessage());
  }

  @Test
  void aFlagBeatsAVariableWhichBeatsTheFile() throws IOException {
    properties("url=from-file\nbinary=file-binary\nsha256=" + "a".repeat(64) + "\n");
    env.put("LIFTOFF_URL", "from-variable");
    env.put("LIFTOFF_BINARY", "variable-binary");

    Settings settings = load("--url", "from-flag");

    assertEquals("from-flag", settings.source().url().get());
    assertEquals("variable-binary", settings.program().binary().get());
    assertEquals("a".repeat(64), settings.verification().sha256().get());
  }

  @Test
  void envSettingsMergeNameByNameAcrossSources() throws IOException {
    properties("url=x\nenv.A=file\nenv.B=file\n");
    env.put("LIFTOFF_ENV_B", "variable");
    env.put("LIFTOFF_ENV_C", "variable");

    Settings settings = load("--env", "C=flag");

    assertEquals(Map.of("A", "file", "B", "variable", "C", "flag"), settings.program().env());
  }

  @Test
  void theHighestSourceWithBeforeStepsGivesTheWholeList() throws IOException {
    properties("url=x\nbefore.1=one\nbefore.2=two\nbefore.10=ten\n");

    assertEquals(List.of(List.of("one"), List.of("two"), List.of("ten")),
        load().program().before());
    assertEquals(List.of(List.of("flag", "step")),
        load("--before", "flag step").program().before());
    env.put("LIFTOFF_BEFORE_1", "variable");
    assertEquals(List.of(List.of("variable")), load().program().before());
  }

  @Test
  void argsAreSplitLikeAShellSplitsWords() {
    env.put("LIFTOFF_ARGS", "serve --name 'two words' \"a \\\"quoted\\\" one\" back\\ slash");

    assertEquals(List.of("serve", "--name", "two words", "a \"quoted\" one", "back slash"),
        load("--url", "x").program().args());
  }

  @Test
  void trailingArgumentsReplaceTheConfiguredOnes() {
    env.put("LIFTOFF_ARGS", "configured");

    assertEquals(List.of("a b", "c"), load("--url", "x", "--", "a b", "c").program().args());
  }

  @Test
  void theConfigFileCanBeNamedByFlagOrVariable() throws IOException {
    Files.writeString(dir.resolve("other.properties"), "url=other\n");
    env.put("LIFTOFF_CONFIG", "other.properties");

    assertEquals("other", load().source().url().get());
    LaunchException missing = failure("--config", "missing.properties");
    assertEquals(78, missing.status());
    assertTrue(missing.getMessage().contains("--config"), missing.getMessage());
  }

  @Test
  void anUnknownPropertyNamesTheNearestOne() throws IOException {
    properties("url=x\nsha265=abc\n");

    LaunchException e = failure();

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("'sha265'") && e.getMessage().contains("'sha256'"),
        e.getMessage());
  }

  @Test
  void anUnknownVariableNamesTheNearestOne() {
    env.put("LIFTOFF_WAIT_TIMEOUTT", "5s");

    LaunchException e = failure("--url", "x");

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("LIFTOFF_WAIT_TIMEOUT?"), e.getMessage());
  }

  @Test
  void anUnknownFlagIsAConfigurationErrorNamingTheNearest() {
    LaunchException e = assertThrows(LaunchException.class,
        () -> CommandLine.parse("--cache-directory", "x"));

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("--cache-dir?"), e.getMessage());
  }

  @Test
  void durationsBooleansAndModesAreChecked() {
    Settings settings = load("--url", "x", "--wait-timeout", "500ms", "--download-timeout=2m",
        "--skip-before", "--exec", "never");
    assertEquals(Duration.ofMillis(500), settings.waitFor().timeout());
    assertEquals(Duration.ofMinutes(2), settings.source().timeout());
    assertTrue(settings.program().skipBefore());
    assertFalse(settings.program().execve());

    assertTrue(failure("--url", "x", "--wait-timeout", "30").getMessage().contains("30s"));
    assertTrue(failure("--url", "x", "--exec", "sometimes").getMessage().contains("auto"));
    assertTrue(failure("--url", "x", "--allow-http=yes").getMessage().contains("true or false"));
  }

  @Test
  void defaultsAreTheContracts() {
    Settings settings = load("--url", "x");

    assertEquals(Duration.ofSeconds(30), settings.waitFor().timeout());
    assertEquals(Duration.ofSeconds(120), settings.source().timeout());
    assertEquals(dir.resolve(".liftoff"), settings.source().cacheDir());
    assertTrue(settings.program().execve());
    assertEquals(4L << 30, settings.extraction().maxBytes());
    assertEquals(1000, settings.extraction().maxRatio());
  }

  @Test
  void eachDefaultIsAValueTheLoaderReadsAndTheOneHelpShows() {
    Settings unset = load("--url", "x");
    int defaults = 0;
    for (Setting setting : Setting.values()) {
      if (setting.defaultValue().isEmpty()) {
        continue;
      }
      defaults++;
      String value = setting.defaultValue().get();

      assertEquals(unset, load("--url", "x", setting.flag() + "=" + value), setting.property());
      assertTrue(Help.text().contains(setting.help()), setting.property());
      assertTrue(setting.help().endsWith("(default " + value + ")"), setting.help());
    }
    assertEquals(8, defaults);
  }

  @Test
  void theExtractionLimitsAreSettable() {
    Settings settings = load("--url", "x", "--extract-max-bytes", "512MiB",
        "--extract-max-ratio", "50");

    assertEquals(512L << 20, settings.extraction().maxBytes());
    assertEquals(50, settings.extraction().maxRatio());
  }

  @Test
  void aSha256MustBe64HexDigitsAndIsKeptInLowerCase() {
    assertEquals("ab".repeat(32),
        load("--url", "x", "--sha256", "AB".repeat(32)).verification().sha256().get());
    assertEquals(78, failure("--url", "x", "--sha256", "abc").status());
  }

  @Test
  void waitUrlsComeCommaSeparatedOrFromRepeatedFlags() {
    env.put("LIFTOFF_WAIT", "mysql://db:3306/app, redis://cache:6379");
    assertEquals(List.of("mysql://db:3306/app", "redis://cache:6379"),
        load("--url", "x").waitFor().urls());
    assertEquals(List.of("tcp://a:1", "tcp://b:2"),
        load("--url", "x", "--wait", "tcp://a:1", "--wait", "tcp://b:2").waitFor().urls());
  }

  @Test
  void theProgramsEnvironmentCannotBeGivenLiftoffVariables() {
    LaunchException e = failure("--url", "x", "--env", "LIFTOFF_X=1");

    assertEquals(78, e.status());
  }

  @Test
  void theAuthHeaderNeverPrintsItself() {
    env.put("LIFTOFF_AUTH_HEADER", "Authorization: Bearer s3cr3t");

    Settings settings = load("--url", "x");

    assertEquals("Authorization: Bearer s3cr3t", settings.source().authHeader().get().value());
    assertFalse(settings.toString().contains("s3cr3t"), settings.toString());
  }

  @Test
  void anUnclosedQuoteNamesTheSetting() {
    env.put("LIFTOFF_ARGS", "serve 'oops");

    LaunchException e = failure("--url", "x");

    assertTrue(e.getMessage().startsWith("LIFTOFF_ARGS: a single quote is not closed"),
        e.getMessage());
  }

  @Test
  void commandsAndUsageErrorsAreReadFromTheCommandLine() {
    assertEquals(Command.FETCH, CommandLine.parse("fetch", "--url", "x").command());
    assertEquals(Command.RUN, CommandLine.parse("--url", "x").command());
    assertEquals(Command.HELP, CommandLine.parse("env", "--help").command());
    assertEquals(64, assertThrows(LaunchException.class,
        () -> CommandLine.parse("--url")).status());
    assertEquals(64, assertThrows(LaunchException.class,
        () -> CommandLine.parse("run", "fetch")).status());
    assertEquals(64, assertThrows(LaunchException.class,
        () -> CommandLine.parse("--env", "NOEQUALS")).status());
  }
}
