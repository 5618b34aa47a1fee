package dev.liftoff.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CStringsTest {
  /** Reads a NULL-terminated array of C strings back, as execve would. */
  static List<String> strings(MemorySegment table) {
    List<String> out = new ArrayList<>();
    for (long i = 0; ; i++) {
      MemorySegment s = table.getAtIndex(ValueLayout.ADDRESS, i);
      if (s.equals(MemorySegment.NULL)) {
        return out;
      }
      out.add(s.reinterpret(Long.MAX_VALUE).getString(0));
    }
  }

  @Test
  void argvAndEnvpAreNullTerminatedTablesOfTheirStrings() {
    try (Arena arena = Arena.ofConfined()) {
      CStrings c = CStrings.layOut(arena, "/usr/bin/fleet", List.of("fleet", "serve", ""),
          List.of("PORT=5000", "GREETING=grüß dich", "EMPTY="));

      assertEquals("/usr/bin/fleet", c.path().getString(0));
      assertEquals(List.of("fleet", "serve", ""), strings(c.argv()));
      assertEquals(List.of("PORT=5000", "GREETING=grüß dich", "EMPTY="), strings(c.envp()));
      assertEquals(4 * ValueLayout.ADDRESS.byteSize(), c.argv().byteSize());
      assertEquals(4 * ValueLayout.ADDRESS.byteSize(), c.envp().byteSize());
    }
  }

  @Test
  void anEmptyEnvironmentIsJustTheNull() {
    try (Arena arena = Arena.ofConfined()) {
      CStrings c = CStrings.layOut(arena, "/bin/true", List.of("true"), List.of());

      assertEquals(List.of("true"), strings(c.argv()));
      assertEquals(List.of(), strings(c.envp()));
      assertEquals("/bin/true", c.path().getString(0));
    }
  }
}
