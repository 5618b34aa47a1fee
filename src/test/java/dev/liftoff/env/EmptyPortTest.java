package dev.liftoff.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** libpq's own URI tests: {@code host:} with no digits means the default port. */
class EmptyPortTest {
  @Test
  void anEmptyPortIsTheSchemesDefault() {
    Url url = Url.parse("postgres://host:/db");
    assertEquals("host", url.host());
    assertEquals(-1, url.port());
    assertEquals(5432, url.portOrDefault());
    assertEquals(5432, Url.parse("postgresql://[::1]:/db").portOrDefault());
  }

  @Test
  void aPortThatIsNotANumberIsStillRefused() {
    assertThrows(IllegalArgumentException.class, () -> Url.parse("postgres://host:x/db"));
    assertThrows(IllegalArgumentException.class, () -> Url.parse("postgres://host:99999/db"));
  }
}
