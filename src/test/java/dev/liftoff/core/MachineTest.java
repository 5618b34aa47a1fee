package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {
  @Test
  void archSpellsEachJvmNameOfAMachineAsReleaseAssetsDo() {
    assertEquals("amd64", Machine.arch("amd64"));
    assertEquals("amd64", Machine.arch("x86_64"));
    assertEquals("arm64", Machine.arch("aarch64"));
    assertEquals("arm64", Machine.arch("ARM64"));
    assertEquals("riscv64", Machine.arch("riscv64"));
  }

  @Test
  void thisMachineIsOneTheProjectBuildsOn() {
    assertTrue(List.of("amd64", "arm64").contains(Machine.arch()), Machine.arch());
  }
}
