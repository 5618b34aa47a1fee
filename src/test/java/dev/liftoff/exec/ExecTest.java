package dev.liftoff.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecTest {
  @TempDir Path dir;

  @Test
  void errnoBecomesTheShellsStatus() {
    Path program = Path.of("/x");
    assertEquals(127, Exec.failure(program, Posix.ENOENT, 0).status());
    assertEquals(126, Exec.failure(program, Posix.EACCES, 0).status());
    assertEquals(126, Exec.failure(program, Posix.ENOEXEC, 0).status());
    LaunchException tooBig = Exec.failure(program, Posix.E2BIG, 2_500_000);
    assertEquals(126, tooBig.status());
    assertTrue(tooBig.getMessage().contains("2500000 bytes"), tooBig.getMessage());
    LaunchException other = Exec.failure(program, 5, 0);
    assertEquals(70, other.status());
    assertTrue(other.getMessage().contains("Input/output error"), other.getMessage());
  }

  @Test
  void socketActivationKeepsListenFdsForThisPidOnly() {
    assertEquals(3, Descriptors.firstToClose(Map.of(), 42));
    assertEquals(3, Descriptors.firstToClose(Map.of("LISTEN_FDS", "2"), 42));
    assertEquals(5, Descriptors.firstToClose(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "42"), 42));
    assertEquals(3, Descriptors.firstToClose(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "7"), 42));
    assertEquals(3, Descriptors.firstToClose(Map.of("LISTEN_FDS", "many", "LISTEN_PID", "42"), 42));
  }

  /**
   * Marks every descriptor of a JVM of its own: done here, it would change the descriptors of
   * the JVM that runs the other tests.
   */
  @Test
  void theOneByOneFallbackMarksEveryDescriptorCloseOnExec() throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), OneByOne.class.getName(),
        Files.writeString(dir.resolve("f"), "x").toString()).redirectErrorStream(true).start();
    String out = new String(jvm.getInputStream().readAllBytes());
    assertEquals(0, jvm.waitFor(), out);
    assertTrue(out.startsWith("marked "), out);
  }

  /** The fallback in a fresh JVM, with a file of its own open: exits 1 naming what it missed. */
  static final class OneByOne {
    public static void main(String[] args) throws Throwable {
      Posix posix = new Posix();
      try (FileChannel open = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ)) {
        Descriptors.closeOnExecOneByOne(posix, 3);
        int marked = 0;
        for (int fd : Descriptors.open()) {
          int cloexec = fd >= 3 ? posix.cloexec(fd) : -1;
          if (cloexec == 0) {
            System.out.println("descriptor " + fd + " is not close-on-exec");
            System.exit(1);
          }
          marked += cloexec == 1 ? 1 : 0;
        }
        System.out.println("marked " + marked + (open.isOpen() ? "" : "; the file was closed"));
        System.exit(open.isOpen() && marked > 0 ? 0 : 1);
      }
    }
  }

  @Test
  void aBareNameIsSearchedInPathAndANonExecutableFindGives126() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
    Map<String, String> env = Map.of("PATH", "/nonexistent:" + bin);

    LaunchException notExecutable = assertThrows(LaunchException.class,
        () -> Programs.resolve("tool", env, dir));
    assertEquals(126, notExecutable.status());

    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertEquals(tool, Programs.resolve("tool", env, dir));
    assertEquals(dir.resolve("sub/tool"), Programs.resolve("sub/tool", env, dir));
    assertEquals(127, assertThrows(LaunchException.class,
        () -> Programs.resolve("absent", env, dir)).status());
  }

  @Test
  void aChildInheritsTheEnvironmentGivenAndReportsItsStatus() throws IOException {
    Path out = dir.resolve("out");
    LaunchPlan plan = new LaunchPlan("sh",
        java.util.List.of("-c", "echo \"$GREETING\" > " + out + "; exit 5"),
        Map.of("GREETING", "hi", "PATH", System.getenv("PATH")), dir);

    Exec.ChildExit exit = Exec.spawn(plan);

    assertEquals(5, exit.status());
    assertEquals(0, exit.relayedSignal());
    assertEquals("hi\n", Files.readString(out));
  }
}
