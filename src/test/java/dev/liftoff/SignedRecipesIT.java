package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Shell;
import dev.liftoff.testing.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendor recipes of examples/ (Vault, Gitea, MinIO, Caddy) run through the real jar against
 * a loopback server holding each vendor's layout, built here with the real gpg, minisign and
 * sha256sum/sha512sum. The recipe is used as committed, but for its host (rewritten to loopback)
 * and, where the test cannot sign with the vendor's own key, public-key.
 */
class SignedRecipesIT {
  static final Path PROJECT = Path.of(System.getProperty("user.dir"));
  static final String ARCH = switch (System.getProperty("os.arch")) {
    case "aarch64", "arm64" -> "arm64";
    default -> "amd64";
  };

  @TempDir Path dir;
  WireMockServer server;
  Shell shell;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    shell = new Shell(dir);
    env.put("PATH", System.getenv("PATH"));
    Files.createDirectories(dir.resolve("site"));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  /** The recipe with its https host replaced by the loopback server. */
  void recipe(String name) throws Exception {
    String text = Files.readString(PROJECT.resolve("examples/" + name + "/liftoff.properties"));
    Files.writeString(dir.resolve("liftoff.properties"),
        text.replaceAll("https://[^/\\s]+", "http://127.0.0.1:" + server.port()));
    // The recipe's files where a fork's root has them (public-key = examples/vault/...).
    Path folder = Files.createDirectories(dir.resolve("examples/" + name));
    try (var files = Files.list(PROJECT.resolve("examples/" + name))) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName().toString()));
      }
    }
  }

  /** check finds nothing wrong with the recipe: its key is read, its URLs are allowed. */
  void checkPasses() throws Exception {
    try (Launch check = Launch.jar(dir, env, "check")) {
      assertEquals(0, check.waitFor(), check.err());
    }
  }

  /** Serves site/{@code file} at {@code path}. */
  void serve(String path, String file) throws Exception {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse()
        .withBody(Files.readAllBytes(dir.resolve("site").resolve(file)))));
  }

  Launch fetch() throws Exception {
    return Launch.jar(dir, env, "fetch");
  }

  /** Fetches, then runs the installed program, which must print {@code expected}. */
  void fetchedAndRuns(String expected) throws Exception {
    String binary;
    try (Launch fetch = fetch()) {
      assertEquals(0, fetch.waitFor(), fetch.err());
      assertTrue(fetch.err().contains("result=ok"), fetch.err());
      binary = fetch.out().get(fetch.out().size() - 1);
    }
    assertEquals(expected + "\n", shell.run(binary));
  }

  void refused(String why) throws Exception {
    try (Launch fetch = fetch()) {
      assertEquals(65, fetch.waitFor(), fetch.err());
      List<String> errors = fetch.err().lines().filter(l -> l.contains("at=error")).toList();
      assertEquals(1, errors.size(), fetch.err());
      assertTrue(errors.get(0).contains(why), fetch.err());
    }
  }

  @Test
  void vaultsSignedSha256SumsRecipeInstallsTheZipAndRefusesAnotherSigner() throws Exception {
    recipe("vault");
    checkPasses();
    String v = "vault_1.21.1_";
    try (Zips z = Zips.create(dir.resolve("site/" + v + "linux_" + ARCH + ".zip"))) {
      z.file("vault", 0755, Zips.script("echo vault 1.21.1"));
    }
    try (Zips z = Zips.create(dir.resolve("site/" + v + "darwin_arm64.zip"))) {
      z.file("vault", 0755, Zips.script("echo darwin"));
    }
    shell.run("cd site && sha256sum " + v + "*.zip > " + v + "SHA256SUMS");
    // HashiCorp's key cannot sign here: a generated RSA key stands in for the rehearsal.
    shell.gpgKey("security@example.com", "rsa3072", "never", null);
    shell.exportKey("security@example.com", "release.asc");
    shell.detachSign("security@example.com", "site/" + v + "SHA256SUMS",
        "site/" + v + "SHA256SUMS.sig", false, null);
    for (String file : List.of(v + "linux_" + ARCH + ".zip", v + "SHA256SUMS",
        v + "SHA256SUMS.sig")) {
      serve("/vault/1.21.1/" + file, file);
    }

    env.put("LIFTOFF_PUBLIC_KEY", "release.asc");
    fetchedAndRuns("vault 1.21.1");

    // The committed key is HashiCorp's: the fingerprint https://www.hashicorp.com/trust/security
    // publishes. With it, as the recipe has it, the stand-in's signature is refused.
    assertTrue(shell.run("gpg --batch --with-colons --show-keys "
        + PROJECT.resolve("examples/vault/hashicorp.asc"))
        .contains("fpr:::::::::C874011F0AB405110D02105534365D9472D7468F:"));
    shell.run("rm -rf .liftoff");
    env.put("LIFTOFF_PUBLIC_KEY", PROJECT.resolve("examples/vault/hashicorp.asc").toString());
    refused("not by public-key (34365D9472D7468F, C820C6D5CD27AB87)");
  }

  @Test
  void giteasRawBinaryRecipeChecksTheAscAndTheSha256() throws Exception {
    recipe("gitea");
    String asset = "gitea-1.24.6-linux-" + ARCH;
    Files.writeString(dir.resolve("site/" + asset), "#!/bin/sh\necho gitea 1.24.6\n");
    shell.run("cd site && sha256sum " + asset + " > " + asset + ".sha256");
    shell.gpgKey("teabot@example.com", "ed25519", "never", null);
    shell.exportKey("teabot@example.com", "gitea.asc");
    checkPasses(); // the recipe's key file, which a fork adds, exists from here on
    shell.detachSign("teabot@example.com", "site/" + asset, "site/" + asset + ".asc", true, null);
    for (String file : List.of(asset, asset + ".asc", asset + ".sha256")) {
      serve("/gitea/1.24.6/" + file, file);
    }

    fetchedAndRuns("gitea 1.24.6");

    // The .sha256 of another build: the signature still matches, the list does not.
    shell.run("rm -rf .liftoff && cd site && echo " + "0".repeat(64) + "  " + asset
        + " > " + asset + ".sha256");
    serve("/gitea/1.24.6/" + asset + ".sha256", asset + ".sha256");
    refused("sha256 mismatch for " + asset);
  }

  @Test
  void miniosMinisignRecipeInstallsTheRawBinaryAndRefusesAnotherKey() throws Exception {
    recipe("minio");
    checkPasses();
    String asset = "minio.RELEASE.2025-09-07T16-13-09Z";
    Files.writeString(dir.resolve("site/" + asset), "#!/bin/sh\necho minio\n");
    shell.run("minisign -G -W -p minio.pub -s minio.key"
        + " && minisign -S -s minio.key -m site/" + asset);
    String path = "/server/minio/release/linux-" + ARCH + "/archive/";
    serve(path + asset, asset);
    serve(path + asset + ".minisig", asset + ".minisig");

    // The recipe names MinIO's real key, so the signature made here is another key's.
    refused("was made by key");

    env.put("LIFTOFF_PUBLIC_KEY", Files.readAllLines(dir.resolve("minio.pub")).get(1));
    fetchedAndRuns("minio");
  }

  @Test
  void caddysSha512ChecksumsRecipeInstallsTheTarball() throws Exception {
    recipe("caddy");
    checkPasses();
    String v = "caddy_2.10.2_";
    Files.createDirectories(dir.resolve("build"));
    Files.writeString(dir.resolve("build/caddy"), "#!/bin/sh\necho caddy\n");
    shell.run("chmod 755 build/caddy && tar czf site/" + v + "linux_" + ARCH + ".tar.gz"
        + " -C build caddy && cp site/" + v + "linux_" + ARCH + ".tar.gz site/" + v
        + "linux_arm.tar.gz && echo x >> site/" + v + "linux_arm.tar.gz"
        + " && cd site && sha512sum " + v + "*.tar.gz > " + v + "checksums.txt");
    String path = "/caddyserver/caddy/releases/download/v2.10.2/";
    serve(path + v + "linux_" + ARCH + ".tar.gz", v + "linux_" + ARCH + ".tar.gz");
    serve(path + v + "checksums.txt", v + "checksums.txt");

    fetchedAndRuns("caddy");
  }
}
