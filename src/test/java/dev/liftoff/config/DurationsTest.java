package dev.liftoff.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsTheContractsFourUnits() {
    assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse(" 30s "));
    assertEquals(Optional.of(Duration.ofMinutes(2)), Durations.parse("2m"));
    assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
  }

  @Test
  void anythingElseIsNoDuration() {
    for (String text :
        new String[] {"", "30", "s", "1.5s", "-1s", "30 s", "1d", "2M", "1234567890s"}) {
      assertEquals(Optional.empty(), Durations.parse(text), text);
    }
  }
}
