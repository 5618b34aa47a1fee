package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Run;
import dev.liftoff.testing.Shell;
import dev.liftoff.testing.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenPGP and minisign signatures made by the real gpg and minisign, checked through Main
 * in-process: a good one passes, and each way of being wrong is refused with one line.
 */
class SignaturesTest {
  static final String ZIP = "vault_1.2.3_linux_amd64.zip";

  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();
  Shell shell;
  Path zip;
  String sha;

  @BeforeEach
  void release() throws IOException {
    env.put("PATH", System.getenv("PATH"));
    shell = new Shell(dir);
    zip = dir.resolve(ZIP);
    try (Zips z = Zips.create(zip)) {
      z.file("vault", 0755, Zips.script("echo vault"));
    }
    sha = Run.sha256(zip);
    Files.writeString(dir.resolve("other.txt"), "not the archive\n");
  }

  Run fetch(String signature, String publicKey) {
    return InProcess.liftoff(env, dir, "fetch", "--url", ZIP, "--signature-url", signature,
        "--public-key", publicKey);
  }

  boolean installed() {
    return Files.exists(dir.resolve(".liftoff/installs/" + sha));
  }

  /** Refused with {@code status}, one error line holding {@code why}, no trace, no install. */
  void refused(Run run, int status, String why) {
    assertEquals(status, run.status(), run.err());
    List<String> errors = run.err().lines().filter(l -> l.contains("at=error")).toList();
    assertEquals(1, errors.size(), run.err());
    assertTrue(errors.get(0).contains(why), run.err());
    assertFalse(run.hasStackTrace(), run.err());
    assertFalse(installed(), "something was installed");
  }

  void gpgVendor() throws Exception {
    shell.gpgKey("vendor@example.com", "ed25519", "never", null);
    shell.exportKey("vendor@example.com", "vendor.asc");
  }

  @Test
  void anArmoredSignatureByAnEd25519KeyFromAFilePasses() throws Exception {
    gpgVendor();
    shell.detachSign("vendor@example.com", ZIP, ZIP + ".asc", true, null);

    Run run = fetch(ZIP + ".asc", "vendor.asc");

    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("result=ok by=signed"), run.err());
    assertTrue(installed());
  }

  @Test
  void aBinarySignatureByAnRsaKeyGivenInlinePasses() throws Exception {
    shell.gpgKey("rsa@example.com", "rsa2048", "never", null);
    shell.exportKey("rsa@example.com", "rsa.asc");
    shell.detachSign("rsa@example.com", ZIP, ZIP + ".sig", false, null);

    Run run = fetch(ZIP + ".sig", Files.readString(dir.resolve("rsa.asc")));

    assertEquals(0, run.status(), run.err());
    assertTrue(installed());
  }

  @Test
  void aSignatureByASigningSubkeyPasses() throws Exception {
    gpgVendor();
    String primary = shell.fingerprints("vendor@example.com").get(0);
    shell.run("gpg --batch --quiet --passphrase '' --quick-add-key " + primary
        + " ed25519 sign never");
    String subkey = shell.fingerprints("vendor@example.com").get(1);
    shell.exportKey("vendor@example.com", "vendor.asc");
    shell.detachSign(subkey + "!", ZIP, ZIP + ".sig", false, null);
    assertTrue(shell.run("gpg --batch --list-packets " + ZIP + ".sig")
        .contains(subkey.substring(24)), "gpg signed with the primary key, not the subkey");

    Run run = fetch(ZIP + ".sig", "vendor.asc");

    assertEquals(0, run.status(), run.err());
  }

  @Test
  void anOpenPgpSignatureByAnotherKeyIsRefused() throws Exception {
    gpgVendor();
    shell.gpgKey("attacker@example.com", "ed25519", "never", null);
    shell.detachSign("attacker@example.com", ZIP, ZIP + ".asc", true, null);

    refused(fetch(ZIP + ".asc", "vendor.asc"), 65, "was made by key");
  }

  @Test
  void aTamperedArchiveIsRefused() throws Exception {
    gpgVendor();
    shell.detachSign("vendor@example.com", ZIP, ZIP + ".asc", true, null);
    Files.write(zip, new byte[] {0}, StandardOpenOption.APPEND);
    sha = Run.sha256(zip);

    refused(fetch(ZIP + ".asc", "vendor.asc"), 65, "OpenPGP signature check failed for " + ZIP);
  }

  @Test
  void aSignatureOverAnotherFileIsRefused() throws Exception {
    gpgVendor();
    shell.detachSign("vendor@example.com", "other.txt", ZIP + ".asc", true, null);

    refused(fetch(ZIP + ".asc", "vendor.asc"), 65, "OpenPGP signature check failed");
  }

  @Test
  void aSignatureByAnExpiredKeyIsRefused() throws Exception {
    shell.gpgKey("old@example.com", "ed25519", "1d", "20200101T000000");
    shell.exportKey("old@example.com", "old.asc");
    shell.detachSign("old@example.com", ZIP, ZIP + ".sig", false, "20200101T120000");

    refused(fetch(ZIP + ".sig", "old.asc"), 65, "expired on 2020-01-02");
  }

  @Test
  void aSignatureByARevokedKeyIsRefused() throws Exception {
    gpgVendor();
    shell.detachSign("vendor@example.com", ZIP, ZIP + ".sig", false, null);
    String primary = shell.fingerprints("vendor@example.com").get(0);
    // gpg writes a revocation certificate at key creation; its armor line is defused with ':'.
    shell.run("sed 's/^://' gnupg/openpgp-revocs.d/" + primary + ".rev > revoke.asc"
        + " && gpg --batch --quiet --import revoke.asc");
    shell.exportKey("vendor@example.com", "vendor.asc");

    refused(fetch(ZIP + ".sig", "vendor.asc"), 65, "was revoked");
  }

  @Test
  void aTruncatedOpenPgpSignatureIsRefused() throws Exception {
    gpgVendor();
    shell.detachSign("vendor@example.com", ZIP, "full.sig", false, null);
    byte[] full = Files.readAllBytes(dir.resolve("full.sig"));
    Files.write(dir.resolve(ZIP + ".sig"), Arrays.copyOf(full, full.length / 2));
    shell.detachSign("vendor@example.com", ZIP, "full.asc", true, null);
    List<String> lines = Files.readAllLines(dir.resolve("full.asc"));
    Files.write(dir.resolve(ZIP + ".asc"), lines.subList(0, lines.size() - 3));

    refused(fetch(ZIP + ".sig", "vendor.asc"), 65, "signature-url: not a usable OpenPGP signature");
    refused(fetch(ZIP + ".asc", "vendor.asc"), 65, "signature-url: not a usable OpenPGP signature");
  }

  @Test
  void aMalformedOpenPgpKeyIsAConfigurationErrorBeforeAnyDownload() throws Exception {
    gpgVendor();
    List<String> lines = Files.readAllLines(dir.resolve("vendor.asc"));
    lines.set(3, "!!!!" + lines.get(3).substring(4));
    Files.write(dir.resolve("broken.asc"), lines);

    Run run = InProcess.liftoff(env, dir, "fetch", "--url", "http://127.0.0.1:9/" + ZIP,
        "--signature-url", "http://127.0.0.1:9/x.sig", "--public-key", "broken.asc");

    refused(run, 78, "public-key broken.asc: not a readable OpenPGP public key block");
    assertFalse(run.err().contains("event=fetch"), run.err());
  }

  @Test
  void aPublicKeyThatIsNeitherAKeyNorAFileIsAConfigurationError() {
    refused(fetch("x.sig", "keys/missing.asc"), 78, "'keys/missing.asc' is neither a key");
    refused(fetch("x.sig", "ssh-rsa AAAAB3NzaC1yc2E"), 78, "only 'ssh-ed25519 AAAA...'");
  }

  @Test
  void aSignedChecksumsListIsVerifiedThenTheArchiveAgainstIt() throws Exception {
    gpgVendor();
    shell.run("sha256sum " + ZIP + " vault_1.2.3_darwin_arm64.zip 2>/dev/null > SHA256SUMS;"
        + " sha256sum " + ZIP + " > SHA256SUMS");
    shell.detachSign("vendor@example.com", "SHA256SUMS", "SHA256SUMS.sig", false, null);

    Run good = InProcess.liftoff(env, dir, "fetch", "--url", ZIP, "--checksums-url",
        "SHA256SUMS", "--checksums-signature-url", "SHA256SUMS.sig", "--public-key", "vendor.asc");
    assertEquals(0, good.status(), good.err());
    assertTrue(good.err().contains("by=signed-list"), good.err());

    Files.delete(dir.resolve(".liftoff/installs/" + sha).resolve("vault"));
    deleteTree(dir.resolve(".liftoff"));
    Files.writeString(dir.resolve("SHA256SUMS"), "0".repeat(64) + "  evil.zip\n",
        StandardOpenOption.APPEND);
    Run tampered = InProcess.liftoff(env, dir, "fetch", "--url", ZIP, "--checksums-url",
        "SHA256SUMS", "--checksums-signature-url", "SHA256SUMS.sig", "--public-key", "vendor.asc");
    refused(tampered, 65, "checksums-signature-url: OpenPGP signature check failed for the list");
  }

  @Test
  void aChecksumsSignatureWithoutAListIsAConfigurationError() {
    Run run = InProcess.liftoff(env, dir, "fetch", "--url", ZIP, "--checksums-signature-url",
        "SHA256SUMS.sig", "--public-key", "RWQxqjcARmt4yzrht2Bc4g+X19Ej+JqmY2zmi7d40EyjA0iEsQZuaGMQ");

    refused(run, 78, "without checksums-url");
  }

  void minisignVendor() throws Exception {
    shell.run("minisign -G -W -p vendor.pub -s vendor.key");
  }

  @Test
  void prehashedAndLegacyMinisignSignaturesPass() throws Exception {
    minisignVendor();
    shell.run("minisign -S -s vendor.key -m " + ZIP + " -t 'vault 1.2.3'"
        + " && minisign -S -l -s vendor.key -m " + ZIP + " -x legacy.minisig");
    String inline = Files.readAllLines(dir.resolve("vendor.pub")).get(1);
    assertEquals("ED", kind(dir.resolve(ZIP + ".minisig")), "minisign did not prehash");
    assertEquals("Ed", kind(dir.resolve("legacy.minisig")), "minisign -l did not sign legacy");

    Run prehashed = fetch(ZIP + ".minisig", "vendor.pub");
    assertEquals(0, prehashed.status(), prehashed.err());
    deleteTree(dir.resolve(".liftoff"));
    Run legacy = fetch("legacy.minisig", inline);
    assertEquals(0, legacy.status(), legacy.err());
    assertTrue(legacy.err().contains("by=signed"), legacy.err());
  }

  @Test
  void aMinisignSignatureByAnotherKeyIsRefused() throws Exception {
    minisignVendor();
    shell.run("minisign -G -W -p attacker.pub -s attacker.key"
        + " && minisign -S -s attacker.key -m " + ZIP);

    refused(fetch(ZIP + ".minisig", "vendor.pub"), 65, "minisign signature of " + ZIP
        + " was made by key");
  }

  @Test
  void aTamperedArchiveFailsBothMinisignKinds() throws Exception {
    minisignVendor();
    shell.run("minisign -S -s vendor.key -m " + ZIP
        + " && minisign -S -l -s vendor.key -m " + ZIP + " -x legacy.minisig");
    Files.write(zip, new byte[] {0}, StandardOpenOption.APPEND);
    sha = Run.sha256(zip);

    refused(fetch(ZIP + ".minisig", "vendor.pub"), 65, "minisign signature check failed");
    refused(fetch("legacy.minisig", "vendor.pub"), 65, "minisign signature check failed");
  }

  @Test
  void anAlteredTrustedCommentIsRefused() throws Exception {
    minisignVendor();
    shell.run("minisign -S -s vendor.key -t 'vault 1.2.3' -m " + ZIP);
    Path signature = dir.resolve(ZIP + ".minisig");
    Files.writeString(signature, Files.readString(signature).replace("vault 1.2.3", "vault 9.9.9"));

    refused(fetch(ZIP + ".minisig", "vendor.pub"), 65, "trusted comment");
  }

  @Test
  void aTruncatedMinisignSignatureIsRefused() throws Exception {
    minisignVendor();
    shell.run("minisign -S -s vendor.key -m " + ZIP);
    Path signature = dir.resolve(ZIP + ".minisig");
    List<String> lines = Files.readAllLines(signature);
    Files.write(signature, lines.subList(0, 2));

    refused(fetch(ZIP + ".minisig", "vendor.pub"), 65, "not a usable minisign signature");
  }

  @Test
  void aMinisignSignatureWithAnOpenPgpKeyIsRefusedNamingBoth() throws Exception {
    minisignVendor();
    gpgVendor();
    shell.run("minisign -S -s vendor.key -m " + ZIP);

    refused(fetch(ZIP + ".minisig", "vendor.asc"), 65,
        "holds a minisign signature, but public-key is an OpenPGP key");
  }

  @Test
  void aMalformedMinisignKeyIsAConfigurationError() throws Exception {
    Files.writeString(dir.resolve("vendor.pub"), "untrusted comment: minisign public key\n"
        + "RWQ" + "x".repeat(20) + "\n", StandardCharsets.UTF_8);

    refused(fetch(ZIP + ".minisig", "vendor.pub"), 78, "a minisign public key is a line");
  }

  /** The two letters minisign puts first in a signature: Ed (legacy) or ED (prehashed). */
  static String kind(Path signature) throws IOException {
    byte[] line = java.util.Base64.getDecoder().decode(Files.readAllLines(signature).get(1));
    return new String(line, 0, 2, StandardCharsets.US_ASCII);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }
}
