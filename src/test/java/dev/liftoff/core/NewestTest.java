package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewestTest {
  @Test
  void allButTheNewestAreRemovedNewestFirst() {
    List<Long> times = List.of(30L, 10L, 50L, 20L, 40L);
    assertEquals(List.of(30L, 20L, 10L), Newest.allBut(2, times, Long::longValue));
  }

  @Test
  void fewerThanKeptRemovesNothing() {
    assertEquals(List.of(), Newest.allBut(5, List.of(1L, 2L), Long::longValue));
    assertEquals(List.of(2L, 1L), Newest.allBut(0, List.of(1L, 2L), Long::longValue));
  }
}
