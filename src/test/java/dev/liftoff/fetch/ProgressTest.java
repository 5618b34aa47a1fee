package dev.liftoff.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.Log;
import dev.liftoff.testing.FakeTime;
import dev.liftoff.testing.TestLog;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  final TestLog err = new TestLog();
  final Log log = err.log();
  final FakeTime clock = new FakeTime();

  @Test
  void withoutATerminalProgressIsALogLineAtMostEveryFiveSeconds() {
    Progress progress = new Progress(log, false, "https://u:secret@example.com/a.zip", clock);
    progress.expect(4 << 20);
    clock.advance(4_900);
    progress.advance(512 << 10);
    assertEquals("", err.text(), "a line before five seconds");
    clock.advance(1_100);
    progress.advance(3 << 20);
    progress.advance(7 << 19);

    String text = err.text();
    assertEquals(List.of("liftoff at=info event=progress url=https://u:***@example.com/a.zip"
        + " bytes=3145728 total=4194304 pct=75 rate=0.5MiB/s"), text.lines().toList());
  }

  @Test
  void onATerminalProgressIsABarRedrawnInPlaceAndClearedAtTheEnd() {
    Progress progress = new Progress(log, true, "https://example.com/a.zip", clock);
    progress.expect(4 << 20);
    clock.advance(1_000);
    progress.advance(2 << 20);
    progress.done();

    assertEquals("\r\033[K[===============               ] 50% 2.0 MiB of 4.0 MiB, 2.0 MiB/s,"
        + " ETA 1s\r\033[K", err.text());
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
