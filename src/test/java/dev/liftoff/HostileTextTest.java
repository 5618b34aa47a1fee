package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.RawServer;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Zips;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text Liftoff did not write (a server's reason phrase, an archive's entry names) reaches the log
 * with its control characters escaped: it can neither forge a log line nor drive a terminal.
 */
class HostileTextTest {
  @TempDir Path dir;

  static void assertNoControlCharacters(String err) {
    for (char c : err.toCharArray()) {
      if (c != '\n' && (c < ' ' || c >= 0x7f && c <= 0x9f || c == '\u202e')) {
        throw new AssertionError("control character U+" + Integer.toHexString(c)
            + " in:\n" + err);
      }
    }
  }

  @Test
  void aReasonPhraseWithEscapeSequencesIsEscapedInTheError() throws Exception {
    try (RawServer server = new RawServer((index, request, socket, out) ->
        RawServer.writeHead(out, "404 Gone\u001b]0;pwned\u0007\u001b[2J\u0085\u202eevil",
            "Content-Length: 0"))) {
      Map<String, String> env = new HashMap<>();
      env.put("PATH", System.getenv("PATH"));

      Run run = InProcess.liftoff(env, dir, "fetch", "--url", server.url("/app.zip"));

      assertEquals(69, run.status(), run.err());
      assertNoControlCharacters(run.err());
      // fetch replaces them with ? itself, or the log escapes them: either way the text shows.
      assertTrue(run.err().contains("pwned") && run.err().contains("evil"), run.err());
      assertEquals(1, run.err().lines().filter(l -> l.startsWith("liftoff at=error")).count(),
          run.err());
    }
  }

  @Test
  void anArchiveEntryNameWithControlCharactersIsEscapedWhenRefused() throws Exception {
    try (Zips z = Zips.create(dir.resolve("app.zip"))) {
      z.copy("bin/sh", 0755, Path.of("/bin/sh"));
      z.file("../\u001b[31mred\nliftoff at=info event=forged", 0644, "x");
    }
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));

    Run run = InProcess.liftoff(env, dir, "fetch", "--url", "app.zip");

    assertEquals(65, run.status(), run.err());
    assertNoControlCharacters(run.err());
    assertFalse(run.err().lines().anyMatch(l -> l.startsWith("liftoff at=info event=forged")),
        run.err());
    assertTrue(run.err().contains("\\x1b[31mred\\nliftoff"), "escaped, not dropped: " + run.err());
  }
}
