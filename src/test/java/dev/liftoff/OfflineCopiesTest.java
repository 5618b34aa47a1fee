package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineCopiesTest {
  static final String SHA = "ab".repeat(32);

  @TempDir Path cache;
  final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  final Log log = new Log(new PrintStream(logged, true, StandardCharsets.UTF_8), false);

  @Test
  void aVerifiedInstallIsFoundOnlyUnderTheSameVerificationSettings() {
    String key = OfflineCopies.key("https://example.com/a.zip", List.of(Optional.of("k1")));
    OfflineCopies.record(cache, key, SHA, log);

    assertEquals(Optional.of(SHA), OfflineCopies.sha256For(cache, key));
    assertEquals(Optional.empty(), OfflineCopies.sha256For(cache,
        OfflineCopies.key("https://example.com/a.zip", List.of(Optional.of("k2")))));
    assertEquals("", logged.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aDamagedEntryIsNoFallback() throws Exception {
    String key = OfflineCopies.key("app.zip", List.of());
    Files.writeString(cache.resolve("verified.properties"), key + "=../../elsewhere\n");

    assertEquals(Optional.empty(), OfflineCopies.sha256For(cache, key));
  }

  @Test
  void aRecordThatCannotBeWrittenIsAWarningNotAFailure() {
    Path gone = cache.resolve("not-there");
    OfflineCopies.record(gone, OfflineCopies.key("app.zip", List.of()), SHA, log);

    String line = logged.toString(StandardCharsets.UTF_8);
    assertTrue(line.startsWith("liftoff at=warn event=offline") && line.contains(
        "cannot record the verified install in " + gone.resolve("verified.properties"))
        && line.contains("cannot fall back"), line);
  }
}
