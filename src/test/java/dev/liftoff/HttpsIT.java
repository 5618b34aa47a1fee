package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Services;
import dev.liftoff.testing.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar downloading over real TLS from a server on loopback whose certificate the test made
 * with keytool and hands to the launcher's JVM as its trust store.
 */
class HttpsIT {
  /**
   * The server's key and the launcher's trust store, and the server: made once for the class,
   * since keytool is a JVM each and a TLS server takes a while to start. Each test has its own
   * stubs and its own cache.
   */
  @TempDir static Path keys;
  static Path keyStore;
  static Path trustStore;
  static WireMockServer server;
  @TempDir Path dir;
  Path zip;

  @BeforeAll
  static void start() throws Exception {
    keyStore = keys.resolve("server.p12");
    Path cert = keys.resolve("server.crt");
    trustStore = keys.resolve("trust.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    run(keytool, "-exportcert", "-alias", "server", "-keystore", keyStore.toString(),
        "-storepass", "changeit", "-file", cert.toString());
    run(keytool, "-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(),
        "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true)
        .dynamicHttpsPort().keystorePath(keyStore.toString()).keystorePassword("changeit")
        .keyManagerPassword("changeit").keystoreType("PKCS12"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void release() throws Exception {
    zip = Zips.shellRelease(dir.resolve("built.zip"));
  }

  @AfterEach
  void forgetStubs() {
    server.resetAll();
  }

  static void run(String... command) throws Exception {
    Services.run(List.of(command));
  }

  Launch liftoff(String url, String... args) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("LIFTOFF_URL", url);
    List<String> command = new ArrayList<>(Launch.jarCommand(args));
    command.add(1, "-Djavax.net.ssl.trustStore=" + trustStore);
    command.add(2, "-Djavax.net.ssl.trustStorePassword=changeit");
    return Launch.start(dir, env, command);
  }

  String https(String path) {
    return "https://127.0.0.1:" + server.httpsPort() + path;
  }

  @Test
  void fetchesAPinnedReleaseOverTls() throws Exception {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));

    try (Launch run = liftoff(https("/app.zip"), "fetch", "--sha256", Run.sha256(zip))) {
      assertEquals(0, run.waitFor(), run.err());
      assertTrue(run.out().get(0).endsWith("/bin/sh"), run.out().toString());
      assertTrue(run.err().contains("event=download"), run.err());
    }
  }

  @Test
  void aRedirectFromHttpsToHttpIsRefused() throws Exception {
    server.stubFor(get("/app.zip").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://127.0.0.1:9/app.zip")));

    try (Launch run = liftoff(https("/app.zip"), "fetch")) {
      assertEquals(69, run.waitFor());
      assertTrue(run.err().contains("from https to http"), run.err());
      assertFalse(run.err().contains("\tat "), run.err());
    }
  }

  @Test
  void aPlainHttpMirrorMayRedirectToHttps() throws Exception {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));
    WireMockServer mirror = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    mirror.start();
    try {
      mirror.stubFor(get("/app.zip").willReturn(aResponse().withStatus(302)
          .withHeader("Location", https("/app.zip"))));

      try (Launch run = liftoff("http://127.0.0.1:" + mirror.port() + "/app.zip", "fetch",
          "--sha256", Run.sha256(zip))) {
        assertEquals(0, run.waitFor(), run.err());
        assertTrue(run.out().get(0).endsWith("/bin/sh"), run.out().toString());
      }
    } finally {
      mirror.stop();
    }
  }

  @Test
  void aPlainHttpDownloadSetsUpNoTls() throws Exception {
    WireMockServer plain = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    plain.start();
    try {
      plain.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));
      Map<String, String> env = Map.of("PATH", System.getenv("PATH"),
          "LIFTOFF_URL", "http://127.0.0.1:" + plain.port() + "/app.zip");
      List<String> command = new ArrayList<>(Launch.jarCommand("fetch"));
      command.add(1, "-Xlog:class+load=info:stdout");

      try (Launch run = Launch.start(dir, env, command)) {
        assertEquals(0, run.waitFor(), run.err());
        assertTrue(run.out().stream().anyMatch(l -> l.contains("okhttp3.OkHttpClient ")),
            "the download did not go through OkHttp");
        // OkHttp's platform check lists the security providers (SunJSSE's class among them),
        // but no TLS context is made and no trust store is read.
        assertFalse(run.out().stream().anyMatch(l -> l.contains("sun.security.ssl.SSLContextImpl")
            || l.contains("TrustStoreManager")), "TLS was set up for a plain http download");
      }
    } finally {
      plain.stop();
    }
  }

  @Test
  void aMismatchedDownloadIsNotInstalled() throws Exception {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));

    try (Launch run = liftoff(https("/app.zip"), "fetch", "--sha256", "f".repeat(64))) {
      assertEquals(65, run.waitFor());
      assertTrue(run.err().contains("sha256 mismatch"), run.err());
      assertFalse(Files.exists(dir.resolve(".liftoff/installs/" + Run.sha256(zip))));
    }
  }

  @Test
  void anUntrustedCertificateFailsAtOnceInOneLine() throws Exception {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));
    Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "LIFTOFF_URL",
        https("/app.zip"));

    // The JDK's own trust store: it has never heard of the test's certificate.
    try (Launch run = Launch.jar(dir, env, "fetch")) {
      assertEquals(69, run.waitFor(), run.err());
      assertTrue(run.err().contains("is not trusted") && run.err().contains("trustStore"),
          run.err());
      assertFalse(run.err().contains("event=retry"), run.err());
      assertEquals(1, run.err().lines().count(), run.err());
    }
  }

  @Test
  void aCertificateForAnotherNameFailsAtOnce() throws Exception {
    WireMockServer other = new WireMockServer(options().bindAddress("127.0.0.2")
        .httpDisabled(true).dynamicHttpsPort().keystorePath(keyStore.toString())
        .keystorePassword("changeit").keyManagerPassword("changeit").keystoreType("PKCS12"));
    other.start();
    try {
      other.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));

      // Trusted, but made for localhost and 127.0.0.1, not 127.0.0.2.
      try (Launch run = liftoff("https://127.0.0.2:" + other.httpsPort() + "/app.zip",
          "fetch")) {
        assertEquals(69, run.waitFor(), run.err());
        assertTrue(run.err().contains("is not for that name"), run.err());
        assertFalse(run.err().contains("event=retry"), run.err());
      }
    } finally {
      other.stop();
    }
  }
}
