package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as a real process, watched from outside: after execve the program must hold the
 * launcher's PID, an empty signal mask, no descriptor of the JVM's, and no LIFTOFF_ variable.
 */
class ExecIT {
  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void releaseOfARealElfProgram() throws IOException {
    // /bin/sh is a real ELF program; the scripts it runs come through -c, so it opens no file.
    try (Zips zip = Zips.create(dir.resolve("release.zip"))) {
      zip.copy("app-2.0/bin/sh", 0755, Path.of("/bin/sh"));
      zip.file("app-2.0/LICENSE", 0644, "MIT");
    }
    env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("LIFTOFF_URL", "release.zip");
  }

  /** Runs {@code script} as the program: templates would read its $, so each is doubled. */
  Launch launch(String script, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("--", "-c", script.replace("$", "$$")));
    return Launch.jar(dir, env, args.toArray(String[]::new));
  }

  @Test
  void theProgramReplacesTheLauncherWithItsPidMaskAndOnlyTheStandardDescriptors()
      throws Exception {
    env.put("LIFTOFF_ENV_MARKER", "from-liftoff");
    try (Launch run = launch("""
        echo "pid=$$"
        while read -r key value; do [ "$key" = SigBlk: ] && echo "SigBlk: $value"; done < /proc/$$/status
        echo "fds=$(ls /proc/$$/fd | sort -n | tr '\\n' ' ')"
        echo "marker=$MARKER"
        echo "liftoff=$(env | grep -c '^LIFTOFF_')"
        exit 7
        """)) {
      assertEquals("pid=" + run.pid(), run.awaitLine("pid="));
      // Read by the shell itself: a forked grep would race dash, which blocks every signal
      // around its own vfork.
      assertEquals("SigBlk: 0000000000000000", run.awaitLine("SigBlk:"));
      // $(...) gives the shell a pipe while ls runs, hence at most one descriptor beyond 2.
      String fds = run.awaitLine("fds=");
      assertTrue(fds.equals("fds=0 1 2 ") || fds.equals("fds=0 1 2 3 "), fds + run.err());
      assertEquals("marker=from-liftoff", run.awaitLine("marker="));
      assertEquals("liftoff=0", run.awaitLine("liftoff="));
      assertEquals(7, run.waitFor(), run.err());
      assertTrue(run.err().contains("event=exec"), run.err());
    }
  }

  @Test
  void noDescriptorAboveTwoIsInheritedFromTheJvm() throws Exception {
    try (Launch run = launch("ls /proc/$$/fd")) {
      assertEquals(0, run.waitFor(), run.err());
      assertEquals(List.of("0", "1", "2"), run.out(), run.err());
    }
  }

  @Test
  void socketActivationDescriptorsSurviveAndNothingPastThem() throws Exception {
    List<String> jar = Launch.jarCommand("--", "-c", "ls /proc/$$$$/fd");
    // exec keeps the shell's PID, so $$ is the PID of Liftoff and then of the program.
    String command = "exec 3</etc/hostname 4</etc/hostname; LISTEN_PID=$$ LISTEN_FDS=1 exec "
        + String.join(" ", jar.stream().map(w -> "'" + w + "'").toList());
    try (Launch run = Launch.start(dir, env, List.of("/bin/sh", "-c", command))) {
      assertEquals(0, run.waitFor(), run.err());
      assertEquals(List.of("0", "1", "2", "3"), run.out(), run.err());
    }
  }

  @Test
  void listenFdsWithoutListenPidClosesEverythingAboveTwoAndLeavesTheVariables()
      throws Exception {
    List<String> jar = Launch.jarCommand("--", "-c",
        "ls /proc/$$$$/fd; echo \"fds=$${LISTEN_FDS-unset} pid=$${LISTEN_PID-unset}\"");
    String command = "exec 3</etc/hostname 4</etc/hostname; LISTEN_FDS=2 exec "
        + String.join(" ", jar.stream().map(w -> "'" + w + "'").toList());
    try (Launch run = Launch.start(dir, env, List.of("/bin/sh", "-c", command))) {
      assertEquals(0, run.waitFor(), run.err());
      assertEquals(List.of("0", "1", "2", "fds=2 pid=unset"), run.out(), run.err());
    }
  }

  @Test
  void listenFdsForAnotherPidClosesEverythingAboveTwo() throws Exception {
    List<String> jar = Launch.jarCommand("--", "-c", "ls /proc/$$$$/fd");
    String command = "exec 3</etc/hostname 4</etc/hostname; LISTEN_PID=1 LISTEN_FDS=2 exec "
        + String.join(" ", jar.stream().map(w -> "'" + w + "'").toList());
    try (Launch run = Launch.start(dir, env, List.of("/bin/sh", "-c", command))) {
      assertEquals(0, run.waitFor(), run.err());
      assertEquals(List.of("0", "1", "2"), run.out(), run.err());
    }
  }

  @Test
  void standardSignalsIgnoredAfterExecAreThoseAShellStartedDirectlyIgnores() throws Exception {
    Launch direct = Launch.start(dir, env,
        List.of("/bin/sh", "-c", "grep '^SigIgn:' /proc/$$/status"));
    long expected = ignoredStandardSignals(direct.awaitLine("SigIgn:"));
    direct.waitFor();
    try (Launch run = launch("while read -r k v; do [ \"$k\" = SigIgn: ] && echo \"SigIgn: $v\";"
        + " done < /proc/$$/status; exit 0")) {
      assertEquals(expected, ignoredStandardSignals(run.awaitLine("SigIgn:")), run.err());
      assertEquals(0, run.waitFor());
    }
  }

  /** Signals 1 to 31: the real-time ones above belong to the C library's threads. */
  static long ignoredStandardSignals(String sigIgnLine) {
    return Long.parseLong(sigIgnLine.substring("SigIgn:".length()).strip(), 16) & 0x7fffffffL;
  }

  @Test
  void theJvmsPerfDataFileIsGoneSoJpsDoesNotListTheProgram() throws Exception {
    try (Launch run = launch(
        "ls /tmp/hsperfdata_$(id -un)/$$ >/dev/null 2>&1 && echo perf=present || echo perf=absent")) {
      assertEquals("perf=absent", run.awaitLine("perf="), run.err());
      assertEquals(0, run.waitFor());
    }
  }

  static final String TRAPPING = """
      trap 'echo got-USR1' USR1
      trap 'echo got-HUP' HUP
      trap 'echo got-TERM; exit 42' TERM
      echo "pid=$$"
      echo ready
      while :; do sleep 0.05; done
      """;

  @Test
  void sigtermSentToTheLauncherPidReachesTheExecdProgram() throws Exception {
    try (Launch run = launch(TRAPPING)) {
      assertEquals("pid=" + run.pid(), run.awaitLine("pid="));
      run.awaitLine("ready");
      run.signal("USR1");
      run.awaitLine("got-USR1");
      run.signal("TERM");
      run.awaitLine("got-TERM");
      assertEquals(42, run.waitFor(), run.err());
    }
  }

  @Test
  void asAParentTheLauncherRelaysTermHupAndUsr1AndExitsWithTheChildsStatus() throws Exception {
    try (Launch run = launch(TRAPPING, "--exec", "never")) {
      assertNotEquals("pid=" + run.pid(), run.awaitLine("pid="));
      run.awaitLine("ready");
      run.signal("USR1");
      run.awaitLine("got-USR1");
      run.signal("HUP");
      run.awaitLine("got-HUP");
      run.signal("TERM");
      run.awaitLine("got-TERM");
      assertEquals(42, run.waitFor(), run.err());
    }
  }

  @Test
  void asAParentTheLauncherExitsWith128PlusTheSignalThatEndedTheChild() throws Exception {
    try (Launch run = launch("kill -KILL $$", "--exec", "never")) {
      assertEquals(128 + 9, run.waitFor(), run.err());
    }
  }

  @Test
  void aProgramMissingFromPathExits127WithOneLine() throws Exception {
    env.remove("LIFTOFF_URL");
    try (Launch run = Launch.jar(dir, env, "--binary", "no-such-program-anywhere")) {
      assertEquals(127, run.waitFor());
      assertOneErrorLine(run.err(), "no-such-program-anywhere");
    }
  }

  @Test
  void aBareNameIsFoundThroughPathAsAShellWould() throws Exception {
    env.remove("LIFTOFF_URL");
    try (Launch run = Launch.jar(dir, env, "--binary", "sh", "--", "-c", "echo pid=$$$$")) {
      assertEquals("pid=" + run.pid(), run.awaitLine("pid="));
      assertEquals(0, run.waitFor(), run.err());
    }
  }

  @Test
  void aFileWithoutExecutePermissionExits126() throws Exception {
    Path file = Files.writeString(dir.resolve("not-executable"), "#!/bin/sh\necho hi\n");
    env.remove("LIFTOFF_URL");
    try (Launch run = Launch.jar(dir, env, "--binary", file.toString())) {
      assertEquals(126, run.waitFor());
      assertOneErrorLine(run.err(), "permission denied");
    }
  }

  @Test
  void anExecutableThatIsNoProgramExits126() throws Exception {
    Path file = Files.writeString(dir.resolve("garbage"), "this is not a program\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    env.remove("LIFTOFF_URL");
    try (Launch run = Launch.jar(dir, env, "--binary", file.toString())) {
      assertEquals(126, run.waitFor());
      assertOneErrorLine(run.err(), "not a program this machine can run");
    }
  }

  @Test
  void anElfForAnotherArchitectureExits126() throws Exception {
    byte[] header = new byte[64];
    byte[] magic = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    System.arraycopy(magic, 0, header, 0, magic.length);
    header[16] = 2; // ET_EXEC
    header[18] = (byte) (System.getProperty("os.arch").contains("aarch64") ? 62 : 183);
    header[20] = 1;
    Path file = Files.write(dir.resolve("foreign"), header);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    env.remove("LIFTOFF_URL");
    try (Launch run = Launch.jar(dir, env, "--binary", file.toString())) {
      assertEquals(126, run.waitFor());
      assertOneErrorLine(run.err(), "another architecture");
    }
  }

  @Test
  void aConfigurationErrorExits78AndAUsageErrorExits64() throws Exception {
    env.put("LIFTOFF_WAIT_TIMEOUT", "30 seconds");
    try (Launch run = Launch.jar(dir, env)) {
      assertEquals(78, run.waitFor());
      assertOneErrorLine(run.err(), "LIFTOFF_WAIT_TIMEOUT");
    }
    env.remove("LIFTOFF_WAIT_TIMEOUT");
    try (Launch run = Launch.jar(dir, env, "fetch", "stray")) {
      assertEquals(64, run.waitFor());
      assertOneErrorLine(run.err(), "stray");
    }
  }

  @Test
  void theJarRunsWithoutAFlagAndWithoutAWarning() throws Exception {
    try (Launch run = Launch.jar(dir, env, "--version")) {
      assertEquals(0, run.waitFor());
      assertTrue(run.out().get(0).startsWith("liftoff "), run.out().toString());
      assertEquals("", run.err());
    }
    try (Launch run = launch("echo ok")) {
      assertEquals(0, run.waitFor());
      assertFalse(run.err().contains("WARNING"), run.err());
    }
  }

  @Test
  void anOlderJavaGetsOneLineSayingWhichJavaIsNeeded() throws Exception {
    Path oldJava = null;
    try (var jvms = Files.list(Path.of("/usr/lib/jvm"))) {
      for (Path home : jvms.sorted().toList()) {
        Path java = home.resolve("bin/java");
        if (Files.isExecutable(java) && !home.getFileName().toString().contains("25")) {
          oldJava = java;
        }
      }
    } catch (IOException e) {
      // No JVM folder: nothing older to try.
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(oldJava != null,
        "no Java older than 25 under /usr/lib/jvm to run the jar with");
    List<String> command = new ArrayList<>(Launch.jarCommand("--version"));
    command.set(0, oldJava.toString());
    try (Launch run = Launch.start(dir, env, command)) {
      assertEquals(78, run.waitFor());
      assertOneErrorLine(run.err(), "needs Java 25");
    }
  }

  static void assertOneErrorLine(String err, String mentions) {
    List<String> errors = err.lines().filter(l -> !l.startsWith("liftoff at=info ")).toList();
    assertEquals(1, errors.size(), err);
    assertTrue(errors.get(0).startsWith("liftoff at=error "), err);
    assertTrue(errors.get(0).contains(mentions), err);
  }
}
