package dev.liftoff.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.Log;
import dev.liftoff.testing.TestLog;
import org.junit.jupiter.api.Test;

class ProgressTest {
  final TestLog err = new TestLog();
  final Log log = err.log();

  @Test
  void withoutATerminalProgressIsAThrottledLogLine() throws InterruptedException {
    Progress progress = new Progress(log, false, "https://u:secret@example.com/a.zip", 200_000_000, Ticker.SYSTEM);
    progress.expect(4 << 20);
    Thread.sleep(250);
    progress.advance(1 << 20);
    progress.advance(2 << 20);

    String text = err.text();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.startsWith("liftoff at=info event=progress url=https://u:***@example.com/a.zip"
        + " bytes=1048576 total=4194304 pct=25 rate="), text);
  }

  @Test
  void onATerminalProgressIsABarRedrawnInPlaceAndClearedAtTheEnd() throws InterruptedException {
    Progress progress = new Progress(log, true, "https://example.com/a.zip", 0, Ticker.SYSTEM);
    progress.expect(4 << 20);
    Thread.sleep(5);
    progress.advance(2 << 20);
    progress.done();

    String text = err.text();
    assertTrue(text.startsWith("\r\033[K[===============               ] 50% 2.0 MiB of 4.0 MiB, "),
        text);
    assertTrue(text.contains("ETA"), text);
    assertTrue(text.endsWith("\r\033[K"), text);
  }

  @Test
  void mebibytesHaveOneDecimalRounded() {
    assertEquals("0.0", Progress.mib(0));
    assertEquals("0.5", Progress.mib(512 * 1024));
    assertEquals("1.0", Progress.mib(1024 * 1024 - 1));
    assertEquals("400.9", Progress.mib(400.94 * 1024 * 1024));
    assertEquals("12345678.0", Progress.mib(12345678.0 * 1024 * 1024));
  }
}
