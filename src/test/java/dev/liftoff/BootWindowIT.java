package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Launch;
import dev.liftoff.testing.RawServer;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Zips;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot inside a platform's window, with the real jar: an origin that goes down after a
 * verified boot, a launcher killed mid-download and started again, a disk that cannot take the
 * download, a boot budget, and the line that says where the boot's time went.
 */
class BootWindowIT {
  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();

  BootWindowIT() {
    env.put("PATH", System.getenv("PATH"));
    env.put("LIFTOFF_BINARY", "bin/sh");
  }

  /** A release whose program is a shell; {@code padding} random stored bytes make it large. */
  Path release(String name, int padding, long seed) throws IOException {
    Path zip = dir.resolve(name);
    byte[] filler = new byte[padding];
    new Random(seed).nextBytes(filler);
    try (Zips z = Zips.create(zip)) {
      z.copy("bin/sh", 0755, Path.of("/bin/sh"));
      z.stored("share/padding", 0644, filler);
    }
    return zip;
  }

  static int lines(String text, String needle) {
    return (int) text.lines().filter(l -> l.contains(needle)).count();
  }

  @Test
  void anOriginDownAfterAVerifiedBootRunsTheVerifiedInstallAndFetchStillFails() throws Exception {
    Path zip = release("app.zip", 0, 1);
    WireMockServer origin = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    origin.start();
    int port = origin.port();
    String base = "http://127.0.0.1:" + port;
    origin.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));
    origin.stubFor(get("/checksums.txt").willReturn(aResponse()
        .withBody(Run.sha256(zip) + "  app.zip\n")));
    env.put("LIFTOFF_URL", base + "/app.zip");
    env.put("LIFTOFF_CHECKSUMS_URL", base + "/checksums.txt");
    try (Launch first = Launch.jar(dir, env, "--", "-c", "echo first")) {
      assertEquals("first", first.awaitLine("first"));
      assertEquals(0, first.waitFor(), first.err());
    }
    origin.stop(); // connections to the port are refused from now on

    try (Launch run = Launch.jar(dir, env, "--", "-c", "echo offline")) {
      assertEquals("offline", run.awaitLine("offline"));
      assertEquals(0, run.waitFor(), run.err());
      assertEquals(1, lines(run.err(), "at=warn event=offline"), run.err());
      assertTrue(run.err().contains("install=") && run.err().contains("error="), run.err());
      assertTrue(lines(run.err(), "event=retry") <= 1, "one retry, not the deadline: "
          + run.err());
    }
    env.put("LIFTOFF_DOWNLOAD_TIMEOUT", "1s");
    try (Launch fetch = Launch.jar(dir, env, "fetch")) {
      assertEquals(69, fetch.waitFor(), fetch.err());
      assertEquals(0, lines(fetch.err(), "event=offline"), fetch.err());
    }
    env.put("LIFTOFF_OFFLINE_FALLBACK", "false");
    try (Launch strict = Launch.jar(dir, env, "--", "-c", "echo ran")) {
      assertEquals(69, strict.waitFor(), strict.err());
      assertFalse(strict.out().contains("ran"));
    }
  }

  @Test
  void otherVerificationSettingsNeverFallBackToWhatTheOldOnesAccepted() throws Exception {
    Path zip = release("app.zip", 0, 1);
    WireMockServer origin = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    origin.start();
    origin.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));
    env.put("LIFTOFF_URL", "http://127.0.0.1:" + origin.port() + "/app.zip");
    try (Launch first = Launch.jar(dir, env, "fetch")) {
      assertEquals(0, first.waitFor(), first.err());
    }
    try (Launch first = Launch.jar(dir, env, "--", "-c", "echo first")) {
      assertEquals(0, first.waitFor(), first.err());
    }
    int port = origin.port();
    origin.stop();
    env.put("LIFTOFF_CHECKSUMS_URL", "http://127.0.0.1:" + port + "/checksums.txt");
    env.put("LIFTOFF_DOWNLOAD_TIMEOUT", "1s");
    Files.delete(dir.resolve(".liftoff/fetched.properties"));

    try (Launch run = Launch.jar(dir, env, "--", "-c", "echo ran")) {
      assertEquals(69, run.waitFor(), run.err());
      assertEquals(0, lines(run.err(), "event=offline"), run.err());
    }
  }

  /** Serves {@code zip[0]} with ETag {@code etag[0]}: the first answer fast, then a trickle. */
  static RawServer slowOrigin(AtomicReference<byte[]> body, AtomicReference<String> etag)
      throws IOException {
    return new RawServer((index, request, socket, out) -> {
      byte[] bytes = body.get();
      String range = null;
      for (String line : request.split("\r\n")) {
        if (line.toLowerCase().startsWith("range:")) {
          range = line.substring(6).strip();
        }
      }
      String ifRange = null;
      for (String line : request.split("\r\n")) {
        if (line.toLowerCase().startsWith("if-range:")) {
          ifRange = line.substring(9).strip();
        }
      }
      int from = 0;
      if (range != null && etag.get().equals(ifRange)) {
        from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        RawServer.writeHead(out, "206 Partial Content", "ETag: " + etag.get(),
            "Content-Length: " + (bytes.length - from),
            "Content-Range: bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        out.write(bytes, from, bytes.length - from);
        return;
      }
      RawServer.writeHead(out, "200 OK", "ETag: " + etag.get(), "Accept-Ranges: bytes",
          "Content-Length: " + bytes.length);
      if (index > 0) {
        out.write(bytes);
        return;
      }
      // The first boot's download: half at once, then 64 KiB every 100 ms until it is killed.
      int half = bytes.length / 2;
      out.write(bytes, 0, half);
      out.flush();
      for (int at = half; at < bytes.length; at += 65536) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
        out.write(bytes, at, Math.min(65536, bytes.length - at));
        out.flush();
      }
    });
  }

  /**
   * The largest part file under the cache's downloads. Not a walk of the cache: the launcher
   * writes and renames its records' temporary files there while this looks.
   */
  long partSize() {
    File[] folders = dir.resolve(".liftoff").resolve("downloads").toFile().listFiles();
    long largest = 0;
    for (File folder : folders == null ? new File[0] : folders) {
      largest = Math.max(largest, new File(folder, "archive.part").length());
    }
    return largest;
  }

  /** Starts a boot and kills it with SIGKILL once a few megabytes are on disk. */
  long killMidDownload() throws Exception {
    try (Launch first = Launch.jar(dir, env, "--", "-c", "echo first")) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (partSize() < 3 << 20 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      first.signal("KILL");
      assertEquals(137, first.waitFor(), first.err());
      assertFalse(first.out().contains("first"));
    }
    long onDisk = partSize();
    assertTrue(onDisk >= 3 << 20, "killed after " + onDisk + " bytes");
    return onDisk;
  }

  @Test
  void aLauncherKilledMidDownloadIsResumedByTheNextBoot() throws Exception {
    Path zip = release("app.zip", 8 << 20, 2);
    AtomicReference<byte[]> body = new AtomicReference<>(Files.readAllBytes(zip));
    AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
    try (RawServer origin = slowOrigin(body, etag)) {
      env.put("LIFTOFF_URL", origin.url("/app.zip"));
      env.put("LIFTOFF_SHA256", Run.sha256(zip));
      long onDisk = killMidDownload();

      try (Launch second = Launch.jar(dir, env, "--", "-c", "echo second")) {
        assertEquals("second", second.awaitLine("second"));
        assertEquals(0, second.waitFor(), second.err());
        assertTrue(second.err().contains("event=resume"), second.err());
      }
      assertEquals(2, origin.requests().size(), origin.requests().toString());
      String range = origin.header(1, "Range");
      long from = Long.parseLong(range.replaceAll("bytes=(\\d+)-", "$1"));
      assertTrue(from >= onDisk, "asked from " + from + ", had " + onDisk);
      assertEquals("\"v1\"", origin.header(1, "If-Range"));
    }
  }

  @Test
  void aFileChangedBetweenTheBootsIsDownloadedAgainWhole() throws Exception {
    Path zip = release("app.zip", 8 << 20, 2);
    Path changed = release("changed.zip", 8 << 20, 3);
    AtomicReference<byte[]> body = new AtomicReference<>(Files.readAllBytes(zip));
    AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
    try (RawServer origin = slowOrigin(body, etag)) {
      env.put("LIFTOFF_URL", origin.url("/app.zip"));
      killMidDownload();
      body.set(Files.readAllBytes(changed));
      etag.set("\"v2\"");
      env.put("LIFTOFF_SHA256", Run.sha256(changed));

      try (Launch second = Launch.jar(dir, env, "--", "-c", "echo second")) {
        assertEquals("second", second.awaitLine("second"));
        assertEquals(0, second.waitFor(), second.err());
      }
      assertEquals("\"v1\"", origin.header(1, "If-Range"), "asked to resume the old version");
    }
  }

  boolean mountTmpfs(Path at, String options) throws Exception {
    Files.createDirectories(at);
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs",
        at.toString()).redirectErrorStream(true).start();
    String out = new String(mount.getInputStream().readAllBytes());
    return mount.waitFor() == 0 || !(System.err.append("mount failed: " + out) == null);
  }

  void unmount(Path at) throws Exception {
    new ProcessBuilder("umount", "-l", at.toString()).inheritIO().start().waitFor();
  }

  @Test
  void aDownloadThatDoesNotFitOnTheDiskIs74NamingTheFolder() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    Path cache = dir.resolve("small");
    assumeTrue(mountTmpfs(cache, "size=1m,mode=0700"), "cannot mount a tmpfs here");
    try {
      Path zip = release("app.zip", 3 << 20, 4);
      WireMockServer origin = new WireMockServer(options().bindAddress("127.0.0.1")
          .dynamicPort());
      origin.start();
      try {
        origin.stubFor(get("/app.zip").willReturn(aResponse().withBody(Files.readAllBytes(zip))));
        env.put("LIFTOFF_URL", "http://127.0.0.1:" + origin.port() + "/app.zip");
        env.put("LIFTOFF_CACHE_DIR", cache.toString());
        try (Launch run = Launch.jar(dir, env, "--", "-c", "echo ran")) {
          assertEquals(74, run.waitFor(), run.err());
          assertEquals(1, lines(run.err(), "at=error"), run.err());
          assertTrue(run.err().contains(cache.resolve("downloads").toString()), run.err());
          assertFalse(run.err().contains("\tat "), run.err());
          assertEquals(1, origin.getAllServeEvents().size(), "a full disk is not retried");
        }
      } finally {
        origin.stop();
      }
    } finally {
      unmount(cache);
    }
  }

  @Test
  void aReadOnlyCacheIs74NamingTheFolder() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    Path cache = dir.resolve("readonly");
    assumeTrue(mountTmpfs(cache, "size=1m,mode=0700,ro"), "cannot mount a tmpfs here");
    try {
      env.put("LIFTOFF_URL", "http://127.0.0.1:9/app.zip");
      env.put("LIFTOFF_CACHE_DIR", cache.toString());
      try (Launch run = Launch.jar(dir, env, "fetch")) {
        assertEquals(74, run.waitFor(), run.err());
        assertTrue(run.err().contains(cache.toString()) && run.err().contains("cache-dir"),
            run.err());
      }
    } finally {
      unmount(cache);
    }
  }

  @Test
  void aBootBudgetThatRunsOutNamesThePhase() throws Exception {
    Path zip = release("app.zip", 0, 1);
    env.put("LIFTOFF_URL", zip.toString());
    // Nothing listens on port 9: the wait retries until wait-timeout, long past the budget. The
    // budget leaves a loaded machine's JVM ample time to reach the wait with a local release.
    env.put("LIFTOFF_WAIT", "tcp://127.0.0.1:9");
    env.put("LIFTOFF_WAIT_TIMEOUT", "120s");
    env.put("LIFTOFF_BOOT_TIMEOUT", "5s");
    try (Launch run = Launch.jar(dir, env, "--", "-c", "echo ran")) {
      assertEquals(69, run.waitFor(), run.err());
      assertTrue(run.err().contains("boot-timeout (5.0s) ran out during wait"), run.err());
      assertEquals(1, lines(run.err(), "at=error"), run.err());
      assertFalse(run.out().contains("ran"));
    }
  }

  @Test
  void aBootBudgetRunningOutInABeforeStepEndsTheStep() throws Exception {
    Path zip = release("app.zip", 0, 1);
    Path pid = dir.resolve("step.pid");
    env.put("LIFTOFF_URL", zip.toString());
    env.put("LIFTOFF_BOOT_TIMEOUT", "5s");
    env.put("LIFTOFF_BEFORE_1", "sh -c 'echo $$$$ > " + pid + "; exec sleep 300'");
    try (Launch run = Launch.jar(dir, env, "--", "-c", "echo ran")) {
      assertEquals(69, run.waitFor(), run.err());
      assertTrue(run.err().contains("ran out during before"), run.err());
      assertEquals(1, lines(run.err(), "at=error"), run.err());
    }
    long step = Long.parseLong(Files.readString(pid).strip());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ProcessHandle.of(step).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(ProcessHandle.of(step).map(ProcessHandle::isAlive).orElse(false),
        "the before step outlived the boot");
  }

  @Test
  void theReadyLineGivesEachPhaseJustBeforeTheProgram() throws Exception {
    Path zip = release("app.zip", 0, 1);
    env.put("LIFTOFF_URL", zip.toString());
    env.put("LIFTOFF_BEFORE_1", "true");
    try (Launch run = Launch.jar(dir, env, "--", "-c", "echo ran")) {
      assertEquals("ran", run.awaitLine("ran"));
      assertEquals(0, run.waitFor(), run.err());
      String ready = run.err().lines().filter(l -> l.contains("event=ready")).findFirst()
          .orElseThrow(() -> new AssertionError(run.err()));
      assertTrue(ready.matches("liftoff at=info event=ready fetch_ms=\\d+ verify_ms=\\d+"
          + " install_ms=\\d+ wait_ms=\\d+ before_ms=\\d+ total_ms=\\d+"), ready);
      java.util.List<String> lines = run.err().lines().toList();
      int at = lines.indexOf(ready);
      assertTrue(lines.subList(at + 1, lines.size()).stream()
          .allMatch(l -> l.contains("event=exec")), "only the exec line follows: " + lines);
    }
  }
}
