package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentTest {
  @Test
  void decodesEscapesAsUtf8AndKeepsAPlusAPlus() {
    assertEquals("p@s:s/s?s#s%s+x", Percent.decode("p%40s%3As%2Fs%3Fs%23s%25s%2Bx"));
    assertEquals("a+b c", Percent.decode("a+b%20c"));
    assertEquals("é", Percent.decode("%C3%A9"));
    assertEquals("no+escapes", Percent.decode("no+escapes"));
  }

  @Test
  void refusesABadEscapeWithASentenceForTheCaller() {
    for (String bad : new String[] {"%", "%4", "%zz", "ok%g1"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Percent.decode(bad));
      assertEquals("it has a bad %-escape", e.getMessage(), bad);
    }
  }
}
