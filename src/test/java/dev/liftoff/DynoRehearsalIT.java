package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Launch;
import dev.liftoff.testing.MariaDb;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Services;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Heroku dyno, rehearsed on this machine: a local server publishes a release shaped like
 * Fleet's (tar.gz, checksums.txt), the Procfile's commands run through sh -c exactly as written,
 * with Heroku's variables and the real MariaDB as JawsDB.
 */
class DynoRehearsalIT {
  static final Path PROJECT = Path.of(System.getProperty("user.dir"));
  static final String ASSET = "fleet_v9.9.9_linux.tar.gz";

  @TempDir Path dir;
  WireMockServer releases;
  final Map<String, String> env = new HashMap<>();
  Map<String, String> procfile;

  /** The stand-in Fleet: records what it got, serves $PORT, and says which process serves. */
  static final String STAND_IN = """
      import com.sun.net.httpserver.HttpServer;
      import java.net.InetSocketAddress;
      import java.nio.file.*;
      public class StandIn {
        public static void main(String[] args) throws Exception {
          Path dir = Path.of(System.getenv("REHEARSAL_DIR"));
          HttpServer server = HttpServer.create(
              new InetSocketAddress("0.0.0.0", Integer.parseInt(System.getenv("PORT"))), 0);
          String pid = Long.toString(ProcessHandle.current().pid());
          server.createContext("/", exchange -> {
            byte[] body = ("fleet stand-in pid " + pid).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
          server.start();
          Files.writeString(dir.resolve("serving"), pid);
        }
      }
      """;

  static final String FLEET = """
      #!/bin/sh
      case "$1" in
        prepare)
          echo "prepare $* mysql=$FLEET_MYSQL_ADDRESS" >> "$REHEARSAL_DIR/steps.log";;
        serve)
          env | grep '^FLEET_' | sort > "$REHEARSAL_DIR/env.txt"
          echo "serve" >> "$REHEARSAL_DIR/steps.log"
          exec java "$REHEARSAL_DIR/StandIn.java";;
        *) echo "unexpected: $*" >&2; exit 2;;
      esac
      """;

  @BeforeEach
  void publishRelease() throws Exception {
    MariaDb.require();
    Path tree = Files.createDirectories(dir.resolve("build/fleet_v9.9.9_linux"));
    Files.writeString(tree.resolve("fleet"), FLEET);
    Files.setPosixFilePermissions(tree.resolve("fleet"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("StandIn.java"), STAND_IN);
    Path archive = dir.resolve(ASSET);
    Services.run(List.of("tar", "czf", archive.toString(), "-C", dir.resolve("build").toString(),
        "fleet_v9.9.9_linux"));
    releases = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    releases.start();
    String base = "/fleetdm/fleet/releases/download/fleet-v9.9.9/";
    releases.stubFor(get(base + ASSET).willReturn(aResponse().withBody(Files.readAllBytes(archive))));
    releases.stubFor(get(base + "checksums.txt").willReturn(aResponse().withBody(
        "0".repeat(64) + "  fleet_v9.9.9_macos.tar.gz\n" + Run.sha256(archive) + "  " + ASSET + "\n")));

    String java = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent()
        .toString();
    env.put("PATH", java + ":" + System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("PORT", Integer.toString(freePort()));
    env.put("DYNO", "web.1");
    env.put("JAWSDB_URL", "mysql://root:@127.0.0.1:3306/test");
    env.put("REDIS_URL", "redis://h:redispw@127.0.0.1:" + freePort());
    env.put("FLEET_SERVER_PRIVATE_KEY", "x".repeat(44));
    env.put("REHEARSAL_DIR", dir.toString());
    // Config vars a vendor would set to point the recipe at its own mirror:
    env.put("LIFTOFF_URL", "http://127.0.0.1:" + releases.port() + base + ASSET);
    env.put("LIFTOFF_CHECKSUMS_URL", "http://127.0.0.1:" + releases.port() + base + "checksums.txt");
    env.put("LIFTOFF_CACHE_DIR", dir.resolve("cache").toString());

    procfile = new HashMap<>();
    for (String line : Files.readAllLines(PROJECT.resolve("Procfile"))) {
      int colon = line.indexOf(':');
      procfile.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
  }

  @AfterEach
  void stop() {
    if (releases != null) {
      releases.stop();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void theReleasePhaseMigratesThenTheWebDynoServesFleetUnderTheLaunchersPid() throws Exception {
    try (Launch release = Launch.start(PROJECT, env, List.of("sh", "-c", procfile.get("release")))) {
      assertEquals(0, release.waitFor(), release.err());
      assertTrue(release.err().contains("event=wait") && release.err().contains("check=mysql-login"),
          release.err());
      assertTrue(release.err().contains("result=ok by=listed"), release.err());
    }
    assertEquals(List.of("prepare prepare db --no-prompt mysql=127.0.0.1:3306"),
        Files.readAllLines(dir.resolve("steps.log")));

    try (Launch web = Launch.start(PROJECT, env, List.of("sh", "-c", procfile.get("web")))) {
      Path serving = dir.resolve("serving");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.exists(serving) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(Files.exists(serving), "the stand-in never served; stderr: " + web.err());
      // Liftoff logs its PID as it execs; the program that serves must hold that same PID.
      // (Debian's sh forks for -c where bash, Heroku's shell, would exec: so not sh's PID.)
      String launcherPid = web.err().replaceAll("(?s).*event=exec [^\\n]*pid=(\\d+).*", "$1");
      assertEquals(launcherPid, Files.readString(serving), web.err());
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + env.get("PORT") + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("fleet stand-in pid " + launcherPid, answer.body());
      // A release phase runs on a one-off dyno whose disk is thrown away: web verifies again.
      assertTrue(web.err().contains("result=ok by=listed"), web.err());

      List<String> fleetEnv = Files.readAllLines(dir.resolve("env.txt"));
      assertTrue(fleetEnv.containsAll(List.of(
          "FLEET_MYSQL_ADDRESS=127.0.0.1:3306", "FLEET_MYSQL_USERNAME=root",
          "FLEET_MYSQL_DATABASE=test", "FLEET_MYSQL_PASSWORD=",
          "FLEET_REDIS_ADDRESS=127.0.0.1:" + env.get("REDIS_URL").replaceAll(".*:", ""),
          "FLEET_REDIS_PASSWORD=redispw", "FLEET_REDIS_USE_TLS=false", "FLEET_REDIS_DATABASE=0",
          "FLEET_SERVER_ADDRESS=0.0.0.0:" + env.get("PORT"), "FLEET_SERVER_TLS=false",
          "FLEET_SERVER_PRIVATE_KEY=" + "x".repeat(44))), fleetEnv.toString());
      assertEquals(List.of("prepare prepare db --no-prompt mysql=127.0.0.1:3306", "serve"),
          Files.readAllLines(dir.resolve("steps.log")), "web skipped the migration");

      // Heroku sends SIGTERM to every process of the dyno; the one that matters is Fleet's.
      Process kill = new ProcessBuilder("kill", "-TERM", launcherPid).start();
      assertEquals(0, kill.waitFor());
      int status = web.waitFor();
      assertTrue(status == 128 + 15 || status == 0, "stopped by SIGTERM: " + status);
      assertTrue(ProcessHandle.of(Long.parseLong(launcherPid)).isEmpty()
          || !ProcessHandle.of(Long.parseLong(launcherPid)).get().isAlive(), "Fleet is gone");
    }
  }
}
