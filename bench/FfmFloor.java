import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The floor of target 1: the least a JVM must do to execve a program through java.lang.foreign
 * as Liftoff does (descriptors marked close-on-exec, signals unblocked, then execve), with no
 * settings, cache or environment work. bench/startup.sh times it beside Liftoff and a hello.
 * Usage: java FfmFloor PROGRAM   (a program that does not exist makes it return: AOT training)
 */
public final class FfmFloor {
  public static void main(String[] args) throws Throwable {
    Linker linker = Linker.nativeLinker();
    SymbolLookup libc = linker.defaultLookup();
    Linker.Option errno = Linker.Option.captureCallState("errno");
    MethodHandle closeRange = linker.downcallHandle(libc.find("close_range").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), errno);
    MethodHandle sigmask = linker.downcallHandle(libc.find("pthread_sigmask").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    MethodHandle execve = linker.downcallHandle(libc.find("execve").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), errno);
    Arena arena = Arena.global();
    MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
    MemorySegment path = arena.allocateFrom(args[0]);
    MemorySegment argv = arena.allocate(ADDRESS, 2);
    argv.setAtIndex(ADDRESS, 0, path);
    MemorySegment envp = arena.allocate(ADDRESS, 1);
    int unused = (int) closeRange.invokeExact(state, 3, -1, 4 /* CLOSE_RANGE_CLOEXEC */);
    unused = (int) sigmask.invokeExact(2 /* SIG_SETMASK */, arena.allocate(128), MemorySegment.NULL);
    unused = (int) execve.invokeExact(state, path, argv, envp);
  }
}
