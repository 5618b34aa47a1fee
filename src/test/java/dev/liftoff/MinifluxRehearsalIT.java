package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Postgres;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Services;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Miniflux recipe rehearsed as a Heroku dyno would run it, with the Procfile's own commands:
 * the "Miniflux" binary a local server publishes is a script that migrates with psql and serves
 * with the real Debian prometheus-postgres-exporter, which reads its DSN through Go's lib/pq, as
 * Miniflux does. {@code pg_up 1} on its metrics page means the DSN Liftoff made logged in.
 */
class MinifluxRehearsalIT {
  static final Path PROJECT = Path.of(System.getProperty("user.dir"));
  /** A generated password of the kind that breaks hand-made DSNs. */
  static final String PASSWORD = "fl@x:p/w+1";

  static final String STAND_IN = """
      #!/bin/sh
      if [ "$1" = "-migrate" ]; then
        psql -X -A -t "$DATABASE_URL" -c 'select current_user' >> "$REHEARSAL_DIR/steps.log" || exit 1
        echo migrated >> "$REHEARSAL_DIR/steps.log"
        exit 0
      fi
      echo "pid=$$ create_admin=$CREATE_ADMIN listen=$LISTEN_ADDR" > "$REHEARSAL_DIR/serving"
      DATA_SOURCE_NAME="$DATABASE_URL" exec prometheus-postgres-exporter \\
        --web.listen-address="127.0.0.1:$PORT" --log.level=error
      """;

  @TempDir Path dir;
  WireMockServer releases;
  Postgres.Own own;
  final Map<String, String> env = new HashMap<>();
  final Map<String, String> procfile = new HashMap<>();

  @BeforeEach
  void publishRelease() throws Exception {
    Services.program("/usr/bin/prometheus-postgres-exporter", "prometheus-postgres-exporter");
    Services.program("/usr/bin/psql", "postgresql-client");
    Path binary = dir.resolve("miniflux-linux-amd64");
    Files.writeString(binary, STAND_IN);
    releases = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    releases.start();
    String path = "/miniflux/v2/releases/download/9.9.9/miniflux-linux-amd64";
    releases.stubFor(get(path).willReturn(aResponse().withBody(Files.readAllBytes(binary))));

    String java = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent()
        .toString();
    env.put("PATH", java + ":" + System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("PORT", Integer.toString(Services.freePort()));
    env.put("DYNO", "web.1");
    env.put("REHEARSAL_DIR", dir.toString());
    env.put("LIFTOFF_CONFIG", "examples/miniflux/liftoff.properties");
    env.put("ADMIN_USERNAME", "admin");
    env.put("ADMIN_PASSWORD", "a".repeat(64));
    env.put("LIFTOFF_URL", "http://127.0.0.1:" + releases.port() + path);
    env.put("LIFTOFF_SHA256", Run.sha256(binary));
    env.put("LIFTOFF_CACHE_DIR", dir.resolve("cache").toString());
    for (String line : Files.readAllLines(PROJECT.resolve("Procfile"))) {
      int colon = line.indexOf(':');
      procfile.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (releases != null) {
      releases.stop();
    }
    if (own != null) {
      own.close();
    }
  }

  static String encoded(String password) {
    return URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Runs the release phase, then web; returns the metrics the stand-in served. */
  String releaseThenWeb() throws Exception {
    try (Launch release = Launch.start(PROJECT, env, List.of("sh", "-c", procfile.get("release")))) {
      assertEquals(0, release.waitFor(), release.err());
      assertTrue(release.err().contains("check=postgres-login attempts="), release.err());
      assertFalse(release.err().contains(PASSWORD) || release.err().contains(encoded(PASSWORD)),
          release.err());
    }
    assertEquals(List.of("i17_flux", "migrated"), Files.readAllLines(dir.resolve("steps.log")));
    try (Launch web = Launch.start(PROJECT, env, List.of("sh", "-c", procfile.get("web")))) {
      try {
        String metrics = metrics(web);
        assertEquals("pid=" + launcherPid(web) + " create_admin=1 listen=0.0.0.0:"
            + env.get("PORT"), Files.readString(dir.resolve("serving")).strip(), web.err());
        assertEquals(List.of("i17_flux", "migrated"),
            Files.readAllLines(dir.resolve("steps.log")), "web skipped the migration");
        // The platform stops the process it started; after exec that PID is the program's.
        // (Debian's sh forks for -c, so the launcher's PID is not sh's.)
        assertEquals(0, new ProcessBuilder("kill", "-TERM", launcherPid(web)).start().waitFor());
        web.waitFor();
        return metrics;
      } finally {
        if (web.err().contains("event=exec")) {
          new ProcessBuilder("kill", "-KILL", launcherPid(web)).start().waitFor();
        }
      }
    }
  }

  static String launcherPid(Launch web) {
    return web.err().replaceAll("(?s).*event=exec [^\\n]*pid=(\\d+).*", "$1");
  }

  /** The exporter's /metrics once it serves them (a deadline for a server that never does). */
  String metrics(Launch web) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + env.get("PORT") + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("\npg_up ")) {
          return answer.body();
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stand-in never served pg_up; stderr: " + web.err());
      }
      Thread.sleep(100);
    }
  }

  @Test
  void herokusUrlWithoutSslmodeReachesATlsOnlyPostgresThroughLibPq() throws Exception {
    own = Postgres.create(dir, "i17-super");
    own.startAndAwait(true, "i17-super");
    own.role("i17-super", "i17_flux", PASSWORD, "i17_flux");
    // Heroku Postgres: TLS only (hostssl), a URL without sslmode, PGSSLMODE unset.
    Files.writeString(own.dir.resolve("data/pg_hba.conf"),
        "local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n");
    try (Connection c = own.login("i17-super"); Statement s = c.createStatement()) {
      s.execute("SELECT pg_reload_conf()");
    }
    assertThrows(SQLException.class, () -> own.login("i17-super").close(),
        "a login without TLS is refused now");
    env.put("DATABASE_URL", "postgres://i17_flux:" + encoded(PASSWORD) + "@127.0.0.1:" + own.port
        + "/i17_flux");

    String metrics = releaseThenWeb();

    assertTrue(metrics.contains("\npg_up 1\n"), metrics);
  }

  @Test
  void aPrivateNetworkPostgresWithoutTlsIsReachedWithPgsslmodeDisable() throws Exception {
    Postgres.require();
    try (Connection c = Postgres.shared(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS i17_flux");
      s.execute("DROP ROLE IF EXISTS i17_flux");
      s.execute("CREATE ROLE i17_flux LOGIN PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE DATABASE i17_flux OWNER i17_flux");
    }
    try {
      // Dokku's and Railway's private URLs: no sslmode, no TLS on the server.
      env.put("DATABASE_URL", "postgresql://i17_flux:" + encoded(PASSWORD) + "@127.0.0.1:5432"
          + "/i17_flux");
      env.put("PGSSLMODE", "disable");

      String metrics = releaseThenWeb();

      assertTrue(metrics.contains("\npg_up 1\n"), metrics);
    } finally {
      try (Connection c = Postgres.shared(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS i17_flux WITH (FORCE)");
        s.execute("DROP ROLE IF EXISTS i17_flux");
      }
    }
  }

  @Test
  void aWrongPasswordStopsTheReleasePhaseWith78BeforeAnyStep() throws Exception {
    own = Postgres.create(dir, "i17-super");
    own.startAndAwait(true, "i17-super");
    own.role("i17-super", "i17_flux", PASSWORD, "i17_flux");
    env.put("DATABASE_URL", "postgres://i17_flux:wr0ng%40i17@127.0.0.1:" + own.port + "/i17_flux");

    try (Launch release = Launch.start(PROJECT, env, List.of("sh", "-c", procfile.get("release")))) {
      assertEquals(78, release.waitFor(), release.err());
      assertTrue(release.err().contains("password authentication failed"), release.err());
      assertFalse(release.err().contains("wr0ng"), release.err());
    }
    assertFalse(Files.exists(dir.resolve("steps.log")), "no step ran");
  }
}
