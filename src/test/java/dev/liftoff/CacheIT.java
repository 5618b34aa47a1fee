package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Shell;
import dev.liftoff.testing.Zips;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dyno boot with its pinned release already installed: no network, and no HTTP, archive or JDBC
 * classes.
 */
class CacheIT {
  @TempDir Path dir;

  @Test
  void anInstalledPinRunsWithTheServerGoneAndLoadsNoHttpClass() throws Exception {
    Path zip = Zips.shellRelease(dir.resolve("app.zip"));
    String sha = Run.sha256(zip);
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("LIFTOFF_SHA256", sha);
    try (Launch fetch = Launch.jar(dir, env, "fetch", "--url", "app.zip")) {
      assertEquals(0, fetch.waitFor(), fetch.err());
    }
    // Port 9 on loopback: nothing listens, so any attempt to download would fail.
    env.put("LIFTOFF_URL", "http://127.0.0.1:9/app.zip");
    List<String> command = new ArrayList<>(Launch.jarCommand("--", "-c", "echo ran"));
    command.add(1, "-Xlog:class+load=info:stdout");
    try (Launch run = Launch.start(dir, env, command)) {
      assertEquals("ran", run.awaitLine("ran"));
      assertEquals(0, run.waitFor(), run.err());
      assertTrue(run.err().contains("cached=true"), run.err());
      assertFalse(run.out().stream().anyMatch(l -> l.contains("okhttp3") || l.contains("okio")),
          "HTTP classes were loaded");
      assertFalse(run.out().stream().anyMatch(l -> l.contains("org.apache.commons.compress")),
          "archive classes were loaded");
      // No wait: neither JDBC driver, nor the JDBC API they would pull in.
      assertFalse(run.out().stream().anyMatch(l -> l.contains("org.postgresql")
          || l.contains("com.mysql") || l.contains("java.sql.")), "JDBC classes were loaded");
    }
  }

  @Test
  void aBootOfASignatureCheckedInstallLoadsNoBouncyCastleClass() throws Exception {
    Path zip = Zips.shellRelease(dir.resolve("app.zip"));
    Shell shell = new Shell(dir);
    shell.gpgKey("vendor@example.com", "ed25519", "never", null);
    shell.exportKey("vendor@example.com", "vendor.asc");
    shell.detachSign("vendor@example.com", "app.zip", "app.zip.sig", false, null);
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("LIFTOFF_URL", "app.zip");
    env.put("LIFTOFF_SIGNATURE_URL", "app.zip.sig");
    env.put("LIFTOFF_PUBLIC_KEY", "vendor.asc");

    // The check can fail: the fetch that verifies the signature does load Bouncy Castle.
    List<String> fetch = new ArrayList<>(Launch.jarCommand("fetch"));
    fetch.add(1, "-Xlog:class+load=info:stdout");
    try (Launch first = Launch.start(dir, env, fetch)) {
      assertEquals(0, first.waitFor(), first.err());
      assertTrue(first.out().stream().anyMatch(l -> l.contains("org.bouncycastle")),
          "the fetch loaded no Bouncy Castle class: the check below proves nothing");
    }
    List<String> command = new ArrayList<>(Launch.jarCommand("--", "-c", "echo ran"));
    command.add(1, "-Xlog:class+load=info:stdout");
    try (Launch run = Launch.start(dir, env, command)) {
      assertEquals("ran", run.awaitLine("ran"));
      assertEquals(0, run.waitFor(), run.err());
      assertTrue(run.err().contains("cached=true"), run.err());
      assertFalse(run.out().stream().anyMatch(l -> l.contains("org.bouncycastle")),
          "Bouncy Castle classes were loaded");
      assertFalse(run.out().stream().anyMatch(l -> l.contains("dev.liftoff.verify")),
          "verify classes were loaded");
    }
  }
}
