package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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

  @Test
  void aCauseIsTheOsReasonOrTheFirstLineOrTheTypeWhenThereIsNoMessage() {
    assertEquals("No space left on device", Messages.cause(
        new FileSystemException("/cache/.tmp-1/archive", null, "No space left on device")));
    assertEquals("/cache/x", Messages.cause(new NoSuchFileException("/cache/x")));
    assertEquals("refused", Messages.cause(new IllegalStateException("refused\n\tat hint")));
    assertEquals("EOFException", Messages.cause(new EOFException()));
  }

  @Test
  void aTypedCauseNamesTheTypeFirst() {
    assertEquals("SocketTimeoutException: Read timed out",
        Messages.typed(new SocketTimeoutException("Read timed out\nmore")));
    assertEquals("EOFException", Messages.typed(new EOFException()));
  }
}
