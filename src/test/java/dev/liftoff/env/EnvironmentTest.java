package dev.liftoff.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  final Map<String, String> launcher = Map.of(
      "PORT", "5000",
      "EMPTY", "",
      "JAWSDB_URL", "mysql://u:p@db/app",
      "LIFTOFF_URL", "https://example.com/app.zip",
      "PATH", "/usr/bin");
  final Environment environment = new Environment(launcher,
      Builtins.installed(Path.of("/cache/app/fleet"), Path.of("/cache/app")));

  String expand(String template) {
    return environment.expand("env.X", template);
  }

  LaunchException failure(String template) {
    return assertThrows(LaunchException.class, () -> expand(template));
  }

  @Test
  void variablesDefaultsAndAlternativesExpand() {
    assertEquals("0.0.0.0:5000", expand("0.0.0.0:${PORT}"));
    assertEquals("8080", expand("${MISSING:-8080}"));
    assertEquals("8080", expand("${EMPTY:-8080}"));
    assertEquals("", expand("${EMPTY}"));
    assertEquals("mysql://u:p@db/app", expand("${CLEARDB_DATABASE_URL|JAWSDB_URL}"));
    assertEquals("none", expand("${A|B:-none}"));
    assertEquals("port 5000", expand("${MISSING:-port ${PORT}}"));
  }

  @Test
  void aDoubleDollarIsOneDollar() {
    assertEquals("cost: $5 and ${PORT}", expand("cost: $$5 and $${PORT}"));
  }

  @Test
  void liftoffNamesTellTheMachineAndTheInstall() {
    assertEquals("/cache/app/fleet prepare", expand("${liftoff.binary} prepare"));
    assertEquals("/cache/app", expand("${liftoff.dir}"));
    assertEquals(Builtins.os() + "-" + Builtins.arch(), expand("${liftoff.os}-${liftoff.arch}"));
    assertTrue(List.of("amd64", "arm64").contains(Builtins.arch()));
  }

  @Test
  void errorsNameTheSettingAndTheVariable() {
    LaunchException unset = failure("${DATABASE_URL}");
    assertEquals(78, unset.status());
    assertTrue(unset.getMessage().startsWith("env.X: variable DATABASE_URL is not set"),
        unset.getMessage());

    assertTrue(failure("${A|B}").getMessage().contains("none of A, B is set"));
    assertTrue(failure("${liftoff.version}").getMessage().contains("liftoff.binary"));
    assertTrue(failure("${PORT").getMessage().contains("not closed"));
    assertTrue(failure("$PORT").getMessage().contains("write ${NAME}"));
    assertTrue(failure("${}").getMessage().contains("empty name"));
  }

  @Test
  void valuesThatCameFromAPasswordAreMaskedByEnvEvenUnderHarmlessNames() {
    Environment.Translated translated = environment.forProgram(Map.of(
        "FLEET_MYSQL_PASS", "${JAWSDB_URL.password}",
        "FLEET_MYSQL_DSN", "${JAWSDB_URL.godsn}",
        "FLEET_MYSQL_ADDRESS", "${JAWSDB_URL.hostport}",
        "COPY", "${JAWSDB_URL}"));

    List<String> lines = Environment.lines(translated, false);

    assertTrue(lines.contains("FLEET_MYSQL_PASS=***"), lines.toString());
    assertTrue(lines.contains("FLEET_MYSQL_DSN=***"), lines.toString());
    assertTrue(lines.contains("FLEET_MYSQL_ADDRESS=db:3306"), lines.toString());
    assertTrue(lines.contains("COPY=mysql://u:***@db/app"), lines.toString());
  }

  @Test
  void theInstallIsUnknownBeforeInstalling() {
    Environment early = new Environment(launcher, Builtins.machine());

    LaunchException e = assertThrows(LaunchException.class,
        () -> early.expand("url", "${liftoff.dir}/x"));

    assertTrue(e.getMessage().startsWith("url: "), e.getMessage());
  }

  @Test
  void theProgramGetsTheLaunchersVariablesPlusTranslationsMinusLiftoffOnes() {
    Map<String, String> program = environment.forProgram(Map.of(
        "ADDRESS", "0.0.0.0:${PORT}", "PATH", "/opt/bin:${PATH}")).variables();

    assertEquals("0.0.0.0:5000", program.get("ADDRESS"));
    assertEquals("/opt/bin:/usr/bin", program.get("PATH"));
    assertEquals("5000", program.get("PORT"));
    assertFalse(program.containsKey("LIFTOFF_URL"));
  }

  @Test
  void eachWordOfACommandLineExpandsOnItsOwn() {
    Environment spaced = new Environment(Map.of("NAME", "two words"), Builtins.machine());

    assertEquals(List.of("--name", "two words"),
        spaced.expandWords("args", List.of("--name", "${NAME}")));
  }

  @Test
  void envLinesAreSortedAndMaskSecrets() {
    List<String> lines = Environment.lines(new Environment.Translated(Map.of(
        "Z", "last", "DB_PASSWORD", "hunter2", "JAWSDB_URL", "mysql://u:p@db/app",
        "EMPTY_SECRET", ""), java.util.Set.of()), false);

    assertEquals(List.of("DB_PASSWORD=***", "EMPTY_SECRET=", "JAWSDB_URL=mysql://u:***@db/app",
        "Z=last"), lines);
    assertTrue(Environment.lines(new Environment.Translated(Map.of("DB_PASSWORD", "hunter2"),
        java.util.Set.of()), true).contains("DB_PASSWORD=hunter2"));
  }

  @Test
  void envWritesAValueWithAControlCharacterInTheFormBashReadsBack() {
    assertEquals("plain value, with 'quotes' and $x", Environment.quoted(
        "plain value, with 'quotes' and $x"));
    assertEquals("$'two\\nlines'", Environment.quoted("two\nlines"));
    assertEquals("$'it\\'s\\ta \\\\ \\x1b[2J\\x7f'", Environment.quoted("it's\ta \\ \u001b[2J\u007f"));
    assertEquals("$'c1 \\xc2\\x85'", Environment.quoted("c1 \u0085"));
    assertEquals("$'$\\'x\\''", Environment.quoted("$'x'"));
  }

  @Test
  void aValueWrittenInDollarQuotesReadsBackThroughBashAsItWas() throws Exception {
    String value = "a\nb\tc 'd' \\e \u001b[31m $'f' \u0085 ü";
    Process bash = new ProcessBuilder("bash", "-c", "eval \"V=$0\"; printf %s \"$V\"",
        Environment.quoted(value)).start();
    String read = new String(bash.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);

    assertEquals(0, bash.waitFor());
    assertEquals(value, read);
  }

  @Test
  void oneLineIsOneVariableInEnvOutput() {
    List<String> lines = Environment.lines(new Environment.Translated(
        Map.of("MULTI", "one\ntwo", "PLAIN", "x", "ODD\nNAME", "y"), java.util.Set.of()),
        false);

    assertEquals(List.of("MULTI=$'one\\ntwo'", "$'ODD\\nNAME'=y", "PLAIN=x"), lines);
  }
}
