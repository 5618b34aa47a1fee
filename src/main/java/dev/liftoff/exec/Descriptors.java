package dev.liftoff.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the JVM's descriptors from leaking into the program. The JVM opens some without
 * close-on-exec (its jar, its modules image), and execve would hand every one of them on.
 */
final class Descriptors {
  private Descriptors() {}

  /**
   * The first descriptor that is not the program's: 3, or past the ones that systemd-style socket
   * activation hands over ({@code LISTEN_FDS} from 3 on). Only when {@code LISTEN_PID} names this
   * process, which the program will be after execve: systemd's rule, since variables inherited
   * from an ancestor would otherwise keep whatever the JVM holds at 3, 4, ... open.
   */
  static int firstToClose(Map<String, String> env, long pid) {
    String count = env.get("LISTEN_FDS");
    String forPid = env.get("LISTEN_PID");
    if (count == null || forPid == null || !forPid.strip().equals(Long.toString(pid))) {
      return 3;
    }
    try {
      int n = Integer.parseInt(count.strip());
      return n > 0 && n < 65_536 ? 3 + n : 3;
    } catch (NumberFormatException e) {
      return 3;
    }
  }

  /** Marks every descriptor from {@code first} on close-on-exec. */
  static void closeOnExecFrom(Posix posix, int first) throws Throwable {
    if (posix.closeRangeCloexec(first) == 0) {
      return;
    }
    closeOnExecOneByOne(posix, first);
  }

  /** For kernels before 5.11 and for macOS: each open descriptor, as the OS lists them. */
  static void closeOnExecOneByOne(Posix posix, int first) throws Throwable {
    for (int fd : open()) {
      if (fd >= first) {
        posix.setCloexec(fd);
      }
    }
  }

  static List<Integer> open() throws IOException {
    Path listing = Files.isDirectory(Path.of("/proc/self/fd")) ? Path.of("/proc/self/fd")
        : Path.of("/dev/fd");
    List<Integer> fds = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(listing)) {
      for (Path entry : entries) {
        fds.add(Integer.parseInt(entry.getFileName().toString()));
      }
    }
    return fds;
  }
}
