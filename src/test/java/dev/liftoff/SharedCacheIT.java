package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two launcher processes of one dyno, one cache folder: one download, one install, both run. */
class SharedCacheIT {
  @TempDir Path dir;

  @Test
  void twoProcessesSharingACacheDownloadOnceAndAgreeOnTheInstall() throws Exception {
    Path zip = Zips.shellRelease(dir.resolve("app.zip"));
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    try {
      server.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))
          .withFixedDelay(1_500)));
      Files.writeString(dir.resolve("liftoff.properties"), "url = http://127.0.0.1:"
          + server.port() + "/app.zip\ncache-dir = shared\n");
      Map<String, String> env = Map.of("PATH", System.getenv("PATH"));

      try (Launch first = Launch.jar(dir, env, "fetch");
          Launch second = Launch.jar(dir, env, "fetch")) {
        assertEquals(0, first.waitFor(), first.err());
        assertEquals(0, second.waitFor(), second.err());
        assertEquals(first.out(), second.out());
        assertTrue((first.err() + second.err()).contains("reused=concurrent"),
            first.err() + second.err());
      }
      server.verify(1, getRequestedFor(urlEqualTo("/app.zip")));
    } finally {
      server.stop();
    }
  }
}
