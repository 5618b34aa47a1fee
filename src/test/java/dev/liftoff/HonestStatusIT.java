package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.liftoff.testing.Launch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 127 and 126 as a shell gives them, from the real cause, in each of the three ways Liftoff
 * starts a program: execve, a child ({@code exec=never}) and a before step. The real jar runs as a
 * process; each answer is its status and one error line that names the file and the fix.
 */
class HonestStatusIT {
  @TempDir Path dir;
  Map<String, String> env;
  Path marker;

  @BeforeEach
  void environment() throws IOException {
    env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
    marker = dir.resolve("ran");
    Path good = Files.writeString(dir.resolve("good"), "#!/bin/sh\ntouch " + marker + "\n");
    Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs {@code program} the way {@code mode} names: auto, never, or as before.1 of good. */
  List<String> command(String mode, String program) {
    return switch (mode) {
      case "before" -> Launch.jarCommand("--binary", dir.resolve("good").toString(),
          "--exec", "never", "--before", program);
      default -> Launch.jarCommand("--binary", program, "--exec", mode);
    };
  }

  int run(String mode, String program, String mentions) throws Exception {
    return run(Launch.start(dir, env, command(mode, program)), mode, mentions);
  }

  int run(Launch launch, String mode, String mentions) throws Exception {
    try (Launch run = launch) {
      int status = run.waitFor();
      ExecIT.assertOneErrorLine(run.err(), mentions);
      assertFalse(run.err().contains("\tat "), run.err());
      if (mode.equals("before")) {
        assertTrue(run.err().contains("before.1: "), run.err());
      }
      assertFalse(Files.exists(marker), "nothing may run after the failed start");
      return status;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "never", "before"})
  void aMissingProgramExits127InEveryMode(String mode) throws Exception {
    assertEquals(127, run(mode, dir.resolve("absent").toString(), "no such file"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "never", "before"})
  void aProgramMissingFromPathExits127InEveryMode(String mode) throws Exception {
    assertEquals(127, run(mode, "no-such-program-14", "command not found in PATH"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "never", "before"})
  void aFileWithoutExecutePermissionExits126InEveryMode(String mode) throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "#!/bin/sh\ntouch " + marker + "\n");
    assertEquals(126, run(mode, file.toString(), "chmod +x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "never", "before"})
  void aFolderExits126InEveryMode(String mode) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("folder"));
    assertEquals(126, run(mode, folder.toString(), "is a folder"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "never", "before"})
  void aScriptWhoseInterpreterIsMissingExits127InEveryMode(String mode) throws Exception {
    Path file = Files.writeString(dir.resolve("orphan"), "#!/nonexistent/interpreter\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertEquals(127, run(mode, file.toString(), "interpreter"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "never", "before"})
  void aNoexecMountExits126NamingTheMountInEveryMode(String mode) throws Exception {
    Path mount = Files.createDirectories(dir.resolve("noexec"));
    // A mount namespace of the test's own: the mount disappears with the process, and nothing
    // outside the test sees it.
    Process probe = new ProcessBuilder("unshare", "-m", "sh", "-c",
        "mount -t tmpfs -o noexec tmpfs " + mount).redirectErrorStream(true).start();
    assumeTrue(probe.waitFor() == 0,
        "mounting a noexec tmpfs needs root in a mount namespace (unshare -m): "
            + new String(probe.getInputStream().readAllBytes()));
    String program = mount.resolve("app").toString();
    List<String> command = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
        "mount -t tmpfs -o noexec tmpfs \"$0\" && printf '#!/bin/sh\\ntouch %s\\n' \"$1\" > \"$2\""
            + " && chmod 755 \"$2\" && shift 2 && exec \"$@\"",
        mount.toString(), marker.toString(), program));
    command.addAll(command(mode, program));
    assertEquals(126, run(Launch.start(dir, env, command), mode, "mounted noexec"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "never", "before"})
  void aNulArrivingThroughVcapServicesExits78NamingTheVariable(String mode) throws Exception {
    // JSON can spell a NUL; execve would end DATABASE_URL there without a word.
    env.put("VCAP_SERVICES", "{\"postgres\":[{\"name\":\"db\",\"tags\":[\"postgres\"],"
        + "\"credentials\":{\"uri\":\"postgres://u:p@h/d\\u0000x\"}}]}");
    assertEquals(78, run(mode, dir.resolve("good").toString(), "DATABASE_URL holds a NUL"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "never", "before"})
  void anEnvironmentTooLargeForExecveExits126WithItsSize(String mode) throws Exception {
    // One string over the kernel's 128 KiB per-string limit, made by a template: the JVM itself
    // could not have been started with it.
    env.put("CHUNK", "a".repeat(100_000));
    env.put("LIFTOFF_ENV_HUGE", "${CHUNK}${CHUNK}");
    int status = run(mode, dir.resolve("good").toString(), "E2BIG");
    assertEquals(126, status);
  }
}
