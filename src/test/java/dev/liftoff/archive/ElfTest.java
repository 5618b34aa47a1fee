package dev.liftoff.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfTest {
  @TempDir Path dir;

  @Test
  void readsTheTypeAndMachineOfThisMachinesOwnPrograms() throws Exception {
    Optional<Elf> elf = Elf.read(Path.of("/bin/true"));
    assertTrue(elf.isPresent());
    assertTrue(elf.get().isExecutableType(), elf.get().toString());
    assertEquals(Elf.hostMachine().getAsInt(), elf.get().machine());
  }

  @Test
  void aScriptATruncatedHeaderAndAnEmptyFileAreNoElf() throws Exception {
    Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho hi\n");
    byte[] header = Files.readAllBytes(Path.of("/bin/true"));
    Path truncated = Files.write(dir.resolve("truncated"), Arrays.copyOf(header, 19));
    Path empty = Files.createFile(dir.resolve("empty"));
    for (Path file : new Path[] {script, truncated, empty}) {
      assertEquals(Optional.empty(), Elf.read(file), file.toString());
    }
  }

  @Test
  void aBigEndianHeaderIsReadBigEndian() throws Exception {
    byte[] header = new byte[20];
    header[0] = 0x7f;
    header[1] = 'E';
    header[2] = 'L';
    header[3] = 'F';
    header[5] = 2; // ELFDATA2MSB
    header[17] = 2; // ET_EXEC
    header[19] = (byte) Elf.EM_AARCH64;
    Optional<Elf> elf = Elf.read(Files.write(dir.resolve("big"), header));
    assertEquals(Optional.of(new Elf(2, Elf.EM_AARCH64)), elf);
    assertEquals("aarch64", elf.get().machineName());
  }
}
