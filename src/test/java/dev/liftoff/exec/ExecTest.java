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
    assertEquals(127, Exec.failure(program, Posix.ENOENT).status());
    assertEquals(126, Exec.failure(program, Posix.EACCES).status());
    assertEquals(126, Exec.failure(program, Posix.ENOEXEC).status());
    LaunchException other = Exec.failure(program, 7);
    assertEquals(70, other.status());
    assertTrue(other.getMessage().contains("Argument list too long"), other.getMessage());
  }

  @Test
  void socketActivationKeepsListenFdsForThisPidOnly() {
    assertEquals(3, Descriptors.firstToClose(Map.of(), 42));
    assertEquals(3, Descriptors.firstToClose(Map.of("LISTEN_FDS", "2"), 42));
    assertEquals(5, Descriptors.firstToClose(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "42"), 42));
    assertEquals(3, Descriptors.firstToClose(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "7"), 42));
    assertEquals(3, Descriptors.firstToClose(Map.of("LISTEN_FDS", "many", "LISTEN_PID", "42"), 42));
  }

  @Test
  void theOneByOneFallbackMarksEveryDescriptorCloseOnExec() throws Throwable {
    Posix posix = new Posix();
    try (FileChannel open = FileChannel.open(Files.writeString(dir.resolve("f"), "x"),
        StandardOpenOption.READ)) {
      Descriptors.closeOnExecOneByOne(posix, 3);
      for (int fd : Descriptors.open()) {
        if (fd >= 3 && posix.cloexec(fd) >= 0) {
          assertEquals(1, posix.cloexec(fd), "descriptor " + fd);
        }
      }
      assertTrue(open.isOpen());
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
