package dev.liftoff.exec;

import dev.liftoff.core.OsStrings;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * execve's three arguments, laid out in one native block: the argv and envp pointer arrays
 * (each ending in NULL), then every string with its terminating NUL. The block is assembled in
 * a heap buffer and copied over once; writing pointers one by one through {@code setAtIndex}
 * would spin the address VarHandle, about 10 ms of every boot (BENCHMARKS.md). Strings become
 * bytes through {@link OsStrings#encode}: UTF-8, and the launcher's own bytes back unchanged.
 *
 * @param bytes the whole block, as execve counts it against ARG_MAX (give or take the path)
 */
record CStrings(MemorySegment path, MemorySegment argv, MemorySegment envp, long bytes) {
  private static final int POINTER = (int) ValueLayout.ADDRESS.byteSize();

  static CStrings layOut(Arena arena, String path, List<String> argv, List<String> envp) {
    List<byte[]> strings = new ArrayList<>(argv.size() + envp.size() + 1);
    for (String s : argv) {
      strings.add(OsStrings.encode(s));
    }
    for (String s : envp) {
      strings.add(OsStrings.encode(s));
    }
    strings.add(OsStrings.encode(path));
    long pointerBytes = (long) (argv.size() + 1 + envp.size() + 1) * POINTER;
    long size = pointerBytes;
    for (byte[] s : strings) {
      size += s.length + 1;
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("arguments and environment exceed 2 GiB");
    }
    MemorySegment block = arena.allocate(size, POINTER);
    ByteBuffer image = ByteBuffer.allocate((int) size).order(ByteOrder.nativeOrder());
    int pointer = 0;
    int string = (int) pointerBytes;
    for (int i = 0; i < strings.size(); i++) {
      if (i == argv.size()) {
        pointer = putPointer(image, pointer, 0); // argv's NULL
      }
      if (i == argv.size() + envp.size()) {
        pointer = putPointer(image, pointer, 0); // envp's NULL; the path is not in a table
      } else {
        pointer = putPointer(image, pointer, block.address() + string);
      }
      image.put(string, strings.get(i));
      string += strings.get(i).length + 1; // the heap buffer starts zeroed: the NUL is there
    }
    MemorySegment.copy(image.array(), 0, block, ValueLayout.JAVA_BYTE, 0, (int) size);
    long envpAt = (long) (argv.size() + 1) * POINTER;
    return new CStrings(block.asSlice(string - strings.getLast().length - 1),
        block.asSlice(0, envpAt), block.asSlice(envpAt, pointerBytes - envpAt), size);
  }

  private static int putPointer(ByteBuffer image, int at, long address) {
    if (POINTER == Long.BYTES) {
      image.putLong(at, address);
    } else {
      image.putInt(at, (int) address);
    }
    return at + POINTER;
  }
}
