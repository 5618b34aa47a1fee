package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Run;
import dev.liftoff.testing.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checksums lists and SSH signatures made by the real ssh-keygen, through Main in-process. */
class VerifyTest {
  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();
  Path zip;
  String sha;

  @BeforeEach
  void release() throws IOException {
    env.put("PATH", System.getenv("PATH"));
    zip = dir.resolve("fleet_v4_linux.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("fleet", 0755, Zips.script("echo fleet"));
    }
    sha = Run.sha256(zip);
  }

  Run liftoff(String... args) {
    return InProcess.liftoff(env, dir, args);
  }

  boolean installed() {
    return Files.exists(dir.resolve(".liftoff/installs/" + sha));
  }

  void sh(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), command + ": " + out);
  }

  @Test
  void aChecksumsListNamingTheArchiveVerifiesIt() throws IOException {
    Files.writeString(dir.resolve("checksums.txt"), "0".repeat(64) + "  fleet_v4_mac.zip\n"
        + sha + "  fleet_v4_linux.zip\n");

    Run run = liftoff("fetch", "--url", zip.toString(), "--checksums-url", "checksums.txt");

    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("result=ok by=listed"), run.err());
  }

  @Test
  void binaryModeAndBsdLinesAreUnderstood() throws IOException {
    Files.writeString(dir.resolve("a.txt"), sha + " *fleet_v4_linux.zip\n");
    Files.writeString(dir.resolve("b.txt"), "SHA256 (fleet_v4_linux.zip) = " + sha + "\n");

    assertEquals(0, liftoff("fetch", "--url", zip.toString(), "--checksums-url", "a.txt")
        .status());
    assertEquals(0, liftoff("fetch", "--url", zip.toString(), "--checksums-url", "b.txt")
        .status());
  }

  @Test
  void aChecksumMismatchShowsBothDigestsAndInstallsNothing() throws IOException {
    Files.writeString(dir.resolve("checksums.txt"), "ab".repeat(32) + "  fleet_v4_linux.zip\n");

    Run run = liftoff("fetch", "--url", zip.toString(), "--checksums-url", "checksums.txt");

    assertEquals(65, run.status());
    assertTrue(run.err().contains("ab".repeat(32)) && run.err().contains(sha), run.err());
    assertFalse(installed());
  }

  @Test
  void aListThatDoesNotNameTheArchiveIsADataError() throws IOException {
    Files.writeString(dir.resolve("checksums.txt"), sha + "  other.zip\n");

    Run run = liftoff("fetch", "--url", zip.toString(), "--checksums-url", "checksums.txt");

    assertEquals(65, run.status());
    assertTrue(run.err().contains("does not list fleet_v4_linux.zip") && run.err()
        .contains("other.zip"), run.err());
    assertFalse(installed());
  }

  @Test
  void anSshKeygenSignaturePassesAndTamperedBytesFail() throws Exception {
    sh("ssh-keygen -q -t ed25519 -N '' -C vendor -f key"
        + " && ssh-keygen -q -Y sign -f key -n file fleet_v4_linux.zip");
    String publicKey = Files.readString(dir.resolve("key.pub")).strip();

    Run good = liftoff("fetch", "--url", zip.toString(), "--signature-url",
        "fleet_v4_linux.zip.sig", "--public-key", publicKey);
    assertEquals(0, good.status(), good.err());
    assertTrue(good.err().contains("by=signed"), good.err());

    Files.write(zip, new byte[] {0}, StandardOpenOption.APPEND);
    sha = Run.sha256(zip);
    Run tampered = liftoff("fetch", "--url", zip.toString(), "--signature-url",
        "fleet_v4_linux.zip.sig", "--public-key", publicKey);
    assertEquals(65, tampered.status());
    assertTrue(tampered.err().contains("signature check failed"), tampered.err());
    assertFalse(installed());
  }

  @Test
  void aSignatureByAnotherKeyFails() throws Exception {
    sh("ssh-keygen -q -t ed25519 -N '' -f vendor && ssh-keygen -q -t ed25519 -N '' -f attacker"
        + " && ssh-keygen -q -Y sign -f attacker -n file fleet_v4_linux.zip");

    Run run = liftoff("fetch", "--url", zip.toString(), "--signature-url",
        "fleet_v4_linux.zip.sig", "--public-key", Files.readString(dir.resolve("vendor.pub")));

    assertEquals(65, run.status());
    assertTrue(run.err().contains("another key"), run.err());
  }

  @Test
  void aSignatureInAnotherNamespaceFails() throws Exception {
    sh("ssh-keygen -q -t ed25519 -N '' -f key && ssh-keygen -q -Y sign -f key -n git"
        + " fleet_v4_linux.zip");

    Run run = liftoff("fetch", "--url", zip.toString(), "--signature-url",
        "fleet_v4_linux.zip.sig", "--public-key", Files.readString(dir.resolve("key.pub")));

    assertEquals(65, run.status());
    assertTrue(run.err().contains("namespace"), run.err());
  }

  @Test
  void aSignatureWithoutAPublicKeyIsAConfigurationError() {
    Run run = liftoff("fetch", "--url", zip.toString(), "--signature-url", "x.sig");

    assertEquals(78, run.status());
    assertTrue(run.err().contains("public-key"), run.err());
  }
}
