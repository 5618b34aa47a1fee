package dev.liftoff.exec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

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
  static final int ENOEXEC = 8;
  static final int EACCES = 13;
  static final int ETXTBSY = 26;

  private static final int SIG_SETMASK = 2;
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

  static String strerror(int errno) {
    try {
      MemorySegment text = (MemorySegment) StrError.HANDLE.invokeExact(errno);
      return text.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }
}
