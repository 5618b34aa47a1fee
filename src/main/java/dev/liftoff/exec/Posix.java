package dev.liftoff.exec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * The few libc calls that Java does not offer, through {@code java.lang.foreign}. Each returns
 * the C result; those that can fail report errno through {@link #errno()}.
 */
final class Posix {
  static final int ENOENT = 2;
  static final int E2BIG = 7;
  static final int EINTR = 4;
  static final int ENOEXEC = 8;
  static final int EACCES = 13;
  static final int ETXTBSY = 26;

  private static final int SIG_SETMASK = 2;
  /** posix_spawnattr flags: the same values in glibc, musl and macOS. */
  private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  /** statvfs's f_flag bit for a noexec mount (Linux). */
  private static final long ST_NOEXEC = 8;
  /** Where f_flag sits in Linux's struct statvfs on 64-bit machines: after nine longs. */
  private static final long STATVFS_FLAG_OFFSET = 72;
  /** Larger than posix_spawnattr_t, posix_spawn_file_actions_t and struct statvfs anywhere. */
  private static final long OPAQUE_BYTES = 1024;
  private static final int F_GETFD = 1;
  private static final int F_SETFD = 2;
  private static final int FD_CLOEXEC = 1;
  private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;
  /** glibc's sigset_t is 1024 bits; a larger buffer than macOS needs does no harm. */
  private static final long SIGSET_BYTES = 128;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  /** Read at an offset rather than through a VarHandle: one less handle to spin at start-up. */
  private static final long ERRNO_OFFSET =
      CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  // One holder class per function: a downcall stub costs milliseconds to generate at start-up
  // (every dyno boot), and the exec path needs only execve, pthread_sigmask and close_range.
  private static final class Execve {
    static final MethodHandle HANDLE = handle("execve",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), CAPTURE_ERRNO);
  }

  private static final class SigMask {
    static final MethodHandle HANDLE = handle("pthread_sigmask",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  }

  private static final class Fcntl {
    static final MethodHandle HANDLE = handle("fcntl",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
        Linker.Option.firstVariadicArg(2));
  }

  private static final class Kill {
    static final MethodHandle HANDLE = handle("kill",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
  }

  private static final class StrError {
    static final MethodHandle HANDLE = handle("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
  }

  private static final class StatVfs {
    static final MethodHandle HANDLE = handle("statvfs",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  }

  /** posix_spawn and its helpers: the child gets bytes that Liftoff chose, not the JDK's encoding. */
  private static final class Spawn {
    static final MethodHandle SPAWN = handle("posix_spawn",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle ATTR_INIT = handle("posix_spawnattr_init",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle ATTR_DESTROY = handle("posix_spawnattr_destroy",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle ATTR_FLAGS = handle("posix_spawnattr_setflags",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    static final MethodHandle ATTR_SIGMASK = handle("posix_spawnattr_setsigmask",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle ACTIONS_INIT = handle("posix_spawn_file_actions_init",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle ACTIONS_DESTROY = handle("posix_spawn_file_actions_destroy",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** glibc 2.29, macOS 10.15; without it the JDK's ProcessBuilder does the spawning. */
    static final Optional<MethodHandle> CHDIR = LIBC.find("posix_spawn_file_actions_addchdir_np")
        .map(symbol -> LINKER.downcallHandle(symbol,
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)));
    /** glibc 2.34; without it the parent marks its descriptors close-on-exec first. */
    static final Optional<MethodHandle> CLOSEFROM = LIBC.find(
        "posix_spawn_file_actions_addclosefrom_np").map(symbol -> LINKER.downcallHandle(symbol,
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)));
    static final MethodHandle WAITPID = handle("waitpid",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), CAPTURE_ERRNO);
  }

  /** Absent before glibc 2.34 and on macOS: then descriptors are marked one by one. */
  private static final class CloseRange {
    static final Optional<MethodHandle> HANDLE = LIBC.find("close_range").map(
        symbol -> LINKER.downcallHandle(symbol,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO));
  }

  private final MemorySegment callState = Arena.global().allocate(CALL_STATE);

  /** Whether this OS has the calls: Linux and macOS. */
  static boolean supported() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.startsWith("linux") || os.startsWith("mac");
  }

  private static MethodHandle handle(
      String name, FunctionDescriptor descriptor, Linker.Option... options) {
    return LIBC.find(name)
        .map(symbol -> LINKER.downcallHandle(symbol, descriptor, options))
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
  }

  int errno() {
    return callState.get(JAVA_INT, ERRNO_OFFSET);
  }

  /** Returns only when execve failed: -1, with {@link #errno()} set. */
  int execve(MemorySegment path, MemorySegment argv, MemorySegment envp) throws Throwable {
    return (int) Execve.HANDLE.invokeExact(callState, path, argv, envp);
  }

  /** Unblocks every signal for the calling thread, whose mask execve hands to the program. */
  int unblockAllSignals() throws Throwable {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment empty = arena.allocate(SIGSET_BYTES); // zeroed: the empty set
      return (int) SigMask.HANDLE.invokeExact(SIG_SETMASK, empty, MemorySegment.NULL);
    }
  }

  /** close_range(first, ~0U, CLOSE_RANGE_CLOEXEC); -1 when the call or the kernel lacks it. */
  int closeRangeCloexec(int first) throws Throwable {
    if (CloseRange.HANDLE.isEmpty()) {
      return -1;
    }
    return (int) CloseRange.HANDLE.get().invokeExact(callState, first, -1, CLOSE_RANGE_CLOEXEC);
  }

  int setCloexec(int fd) throws Throwable {
    return (int) Fcntl.HANDLE.invokeExact(fd, F_SETFD, FD_CLOEXEC);
  }

  /** FD_CLOEXEC of a descriptor: 1 or 0, or -1 when it is not open. */
  int cloexec(int fd) throws Throwable {
    int flags = (int) Fcntl.HANDLE.invokeExact(fd, F_GETFD, 0);
    return flags < 0 ? -1 : flags & FD_CLOEXEC;
  }

  int kill(long pid, int signal) throws Throwable {
    return (int) Kill.HANDLE.invokeExact(callState, (int) pid, signal);
  }

  /** Whether the file system holding {@code path} is mounted noexec; false where unknown. */
  static boolean noexecMount(byte[] path) {
    if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
        || ADDRESS.byteSize() != 8) {
      return false;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buffer = arena.allocate(OPAQUE_BYTES, 8);
      if ((int) StatVfs.HANDLE.invokeExact(cString(arena, path), buffer) != 0) {
        return false;
      }
      return (buffer.get(JAVA_LONG, STATVFS_FLAG_OFFSET) & ST_NOEXEC) != 0;
    } catch (Throwable t) {
      return false;
    }
  }

  /** Whether {@link #spawn} can run a child here, in a folder of its own. */
  static boolean canSpawn() {
    return supported() && Spawn.CHDIR.isPresent();
  }

  /**
   * Starts {@code c.path()} as a child in {@code dir} with an empty signal mask and no descriptor
   * above 2. Returns its PID, or minus the error number posix_spawn reported (glibc reports
   * execve's own errno: ENOENT, EACCES, ENOEXEC, E2BIG).
   */
  long spawn(CStrings c, byte[] dir) throws Throwable {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = arena.allocate(OPAQUE_BYTES, 16);
      MemorySegment actions = arena.allocate(OPAQUE_BYTES, 16);
      MemorySegment pid = arena.allocate(JAVA_INT);
      int error = (int) Spawn.ATTR_INIT.invokeExact(attr);
      if (error != 0) {
        return -error;
      }
      try {
        error = (int) Spawn.ACTIONS_INIT.invokeExact(actions);
        if (error != 0) {
          return -error;
        }
        try {
          // The JVM's threads block signals that the child must not inherit blocked.
          MemorySegment empty = arena.allocate(SIGSET_BYTES);
          error = (int) Spawn.ATTR_SIGMASK.invokeExact(attr, empty);
          error = error != 0 ? error
              : (int) Spawn.ATTR_FLAGS.invokeExact(attr, POSIX_SPAWN_SETSIGMASK);
          error = error != 0 ? error : (int) Spawn.CHDIR.get().invokeExact(actions,
              cString(arena, dir));
          if (error == 0 && Spawn.CLOSEFROM.isPresent()) {
            error = (int) Spawn.CLOSEFROM.get().invokeExact(actions, 3);
          } else if (error == 0) {
            Descriptors.closeOnExecFrom(this, 3);
          }
          if (error == 0) {
            error = (int) Spawn.SPAWN.invokeExact(pid, c.path(), actions, attr, c.argv(),
                c.envp());
          }
          return error != 0 ? -error : pid.get(JAVA_INT, 0);
        } finally {
          int ignored = (int) Spawn.ACTIONS_DESTROY.invokeExact(actions);
        }
      } finally {
        int ignored = (int) Spawn.ATTR_DESTROY.invokeExact(attr);
      }
    }
  }

  /** Waits for a child to end; its status as a shell gives it: the code, or 128 + signal. */
  int waitFor(long pid) throws Throwable {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(JAVA_INT);
      // Its own errno slot: the signal relay calls kill(2) on another thread meanwhile.
      MemorySegment state = arena.allocate(CALL_STATE);
      while (true) {
        int result = (int) Spawn.WAITPID.invokeExact(state, (int) pid, status, 0);
        if (result == pid) {
          int raw = status.get(JAVA_INT, 0);
          int signal = raw & 0x7F;
          return signal == 0 ? raw >> 8 & 0xFF : 128 + signal;
        }
        int errno = state.get(JAVA_INT, ERRNO_OFFSET);
        if (errno != EINTR) {
          throw new IllegalStateException("waitpid(" + pid + ") failed: " + strerror(errno));
        }
      }
    }
  }

  private static MemorySegment cString(Arena arena, byte[] bytes) {
    MemorySegment text = arena.allocate(bytes.length + 1L); // zeroed: the NUL is there
    MemorySegment.copy(bytes, 0, text, JAVA_BYTE, 0, bytes.length);
    return text;
  }

  static String strerror(int errno) {
    try {
      MemorySegment text = (MemorySegment) StrError.HANDLE.invokeExact(errno);
      return text.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }
}
