package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void firstLineKeepsTheFirstLineStrippedAndNamesAMissingMessage() {
    assertEquals("Access denied for user 'x'", Messages.firstLine(
        "Access denied for user 'x'  \nThe last packet sent successfully...", "none"));
    assertEquals("one line", Messages.firstLine(" one line ", "none"));
    assertEquals("", Messages.firstLine("\nsecond", "none"));
    assertEquals("none", Messages.firstLine(null, "none"));
  }
}
