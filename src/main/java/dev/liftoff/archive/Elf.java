package dev.liftoff.archive;

import dev.liftoff.core.Machine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads just enough of an ELF header to tell an executable and the machine it is built for. */
record Elf(int type, int machine) {
  static final int EM_X86_64 = 62;
  static final int EM_AARCH64 = 183;
  private static final int ET_EXEC = 2;
  private static final int ET_DYN = 3;

  /** The header; empty when the file is not ELF. */
  static Optional<Elf> read(Path file) throws IOException {
    byte[] header = new byte[20];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(header, 0, header.length) < header.length) {
        return Optional.empty();
      }
    }
    if (header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
      return Optional.empty();
    }
    boolean little = header[5] == 1;
    return Optional.of(new Elf(u16(header, 16, little), u16(header, 18, little)));
  }

  private static int u16(byte[] b, int at, boolean little) {
    int lo = b[little ? at : at + 1] & 0xff;
    int hi = b[little ? at + 1 : at] & 0xff;
    return hi << 8 | lo;
  }

  /** Executables and position-independent executables; shared libraries also say ET_DYN. */
  boolean isExecutableType() {
    return type == ET_EXEC || type == ET_DYN;
  }

  /** The ELF machine that this JVM runs on; empty when Liftoff does not know it. */
  static OptionalInt hostMachine() {
    return switch (Machine.arch()) {
      case "amd64" -> OptionalInt.of(EM_X86_64);
      case "arm64" -> OptionalInt.of(EM_AARCH64);
      default -> OptionalInt.empty();
    };
  }

  String machineName() {
    return switch (machine) {
      case EM_X86_64 -> "x86-64";
      case EM_AARCH64 -> "aarch64";
      case 3 -> "i386";
      case 40 -> "arm";
      case 243 -> "riscv";
      default -> "machine " + machine;
    };
  }
}
