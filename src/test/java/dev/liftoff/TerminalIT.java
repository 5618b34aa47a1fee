package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person at a terminal sees a live bar; a platform's log sees no control characters. */
class TerminalIT {
  @TempDir Path dir;

  @Test
  void aSlowDownloadDrawsALiveBarOnATerminal() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
        "util-linux script(1) gives the jar a terminal; it is not installed");
    byte[] program = new byte[2 << 20];
    byte[] shebang = "#!/bin/sh\n".getBytes();
    System.arraycopy(shebang, 0, program, 0, shebang.length);
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    try {
      server.stubFor(get("/tool").willReturn(aResponse().withBody(program)
          .withChunkedDribbleDelay(20, 1_500)));
      Files.writeString(dir.resolve("liftoff.properties"), "url = http://127.0.0.1:"
          + server.port() + "/tool\n");
      List<String> jar = Launch.jarCommand("fetch");
      String command = String.join(" ", jar.stream().map(w -> "'" + w + "'").toList());
      List<String> viaTerminal = new ArrayList<>(List.of("/usr/bin/script", "-qec", command,
          "/dev/null"));
      try (Launch run = Launch.start(dir, Map.of("PATH", System.getenv("PATH"), "TERM", "xterm"),
          viaTerminal)) {
        assertEquals(0, run.waitFor(), run.err());
        String screen = String.join("\n", run.out());
        // Chunked, so no total to draw a bar against: bytes and rate, redrawn in place.
        // (The reader splits lines at \r, which the bar starts with.)
        // Which tenth of a MiB a redraw lands on depends on the machine's load: any past 1 MiB.
        assertTrue(java.util.regex.Pattern.compile("\033\\[K1\\.\\d MiB, ").matcher(screen)
            .find(), "no live line: " + screen);
        assertTrue(screen.split("\033\\[K").length > 4, "redrawn a few times: " + screen);
      }
      try (Launch plain = Launch.jar(dir, Map.of("PATH", System.getenv("PATH")), "fetch")) {
        assertEquals(0, plain.waitFor(), plain.err());
        assertTrue(!plain.err().contains("\033"), "control characters in a log: " + plain.err());
      }
    } finally {
      server.stop();
    }
  }
}
