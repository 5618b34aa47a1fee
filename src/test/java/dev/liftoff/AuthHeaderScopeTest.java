package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auth header is the release host's credential: the servers themselves say which requests
 * carried it, when the checksums list sits on the release's origin and when it sits elsewhere.
 */
class AuthHeaderScopeTest {
  static final String TOKEN = "Scope-T0ken-91f3";
  static final String HEADER = "X-Release-Token";

  @TempDir Path dir;
  final WireMockServer release = new WireMockServer(options().bindAddress("127.0.0.1")
      .dynamicPort());
  final WireMockServer elsewhere = new WireMockServer(options().bindAddress("127.0.0.1")
      .dynamicPort());
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void serve() throws Exception {
    Path zip = Zips.shellRelease(dir.resolve("app.zip"));
    byte[] body = Files.readAllBytes(zip);
    String sums = Run.sha256(zip) + "  app.zip\n";
    for (WireMockServer server : new WireMockServer[] {release, elsewhere}) {
      server.start();
      server.stubFor(get(urlEqualTo("/app.zip")).willReturn(aResponse().withBody(body)));
      server.stubFor(get(urlEqualTo("/SHA256SUMS")).willReturn(aResponse().withBody(sums)));
    }
    env.put("PATH", System.getenv("PATH"));
    env.put("LIFTOFF_AUTH_HEADER", HEADER + ": " + TOKEN);
    env.put("LIFTOFF_URL", origin(release) + "/app.zip");
  }

  /** By address: WireMock's own base URL names localhost, which is another host. */
  static String origin(WireMockServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    release.stop();
    elsewhere.stop();
  }

  @Test
  void aChecksumsListOnAnotherPortGetsNoAuthHeader() {
    env.put("LIFTOFF_CHECKSUMS_URL", origin(elsewhere) + "/SHA256SUMS");

    Run run = InProcess.liftoff(env, dir, "fetch");

    assertEquals(0, run.status(), run.err());
    release.verify(getRequestedFor(urlEqualTo("/app.zip")).withHeader(HEADER, equalTo(TOKEN)));
    elsewhere.verify(getRequestedFor(urlEqualTo("/SHA256SUMS")).withHeader(HEADER, absent()));
    assertEquals(1, elsewhere.getAllServeEvents().size());
    assertFalse(run.err().contains(TOKEN), run.err());
  }

  @Test
  void aChecksumsListOnAnotherHostNameOfTheSameAddressGetsNoAuthHeader() {
    env.put("LIFTOFF_CHECKSUMS_URL", "http://localhost:" + release.port() + "/SHA256SUMS");

    Run run = InProcess.liftoff(env, dir, "fetch");

    assertEquals(0, run.status(), run.err());
    release.verify(getRequestedFor(urlEqualTo("/app.zip")).withHeader(HEADER, equalTo(TOKEN)));
    release.verify(getRequestedFor(urlEqualTo("/SHA256SUMS")).withHeader(HEADER, absent()));
  }

  @Test
  void aChecksumsListOnTheReleasesOwnOriginGetsTheAuthHeader() {
    env.put("LIFTOFF_CHECKSUMS_URL", origin(release) + "/SHA256SUMS");

    Run run = InProcess.liftoff(env, dir, "fetch");

    assertEquals(0, run.status(), run.err());
    release.verify(getRequestedFor(urlEqualTo("/SHA256SUMS")).withHeader(HEADER,
        equalTo(TOKEN)));
    assertTrue(elsewhere.getAllServeEvents().isEmpty());
  }

  @Test
  void anAuthHeaderWithAControlCharacterIsRefusedNamingTheSettingNotTheValue() {
    env.put("LIFTOFF_AUTH_HEADER", HEADER + ": " + TOKEN + "\u0007x");

    Run run = InProcess.liftoff(env, dir, "fetch");

    assertEquals(78, run.status(), run.err());
    assertTrue(run.err().contains("LIFTOFF_AUTH_HEADER"), run.err());
    assertFalse(run.err().contains(TOKEN), run.err());
    assertTrue(release.getAllServeEvents().isEmpty(), "nothing may be fetched");
  }

  @Test
  void anAuthHeaderWithANonAsciiCharacterIsRefusedNamingTheSettingNotTheValue() {
    env.put("LIFTOFF_AUTH_HEADER", HEADER + ": " + TOKEN + "\u00e9");

    Run run = InProcess.liftoff(env, dir, "check");

    assertEquals(78, run.status(), run.err());
    assertTrue(run.err().contains("LIFTOFF_AUTH_HEADER"), run.err());
    assertFalse(run.err().contains(TOKEN) || run.out().contains(TOKEN), run.err());
  }
}
