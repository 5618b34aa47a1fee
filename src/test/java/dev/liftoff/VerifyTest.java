package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.Sha256;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Shell;
import dev.liftoff.testing.Zips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
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

  String sh(String command) throws Exception {
    return Shell.sh(dir, command);
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
    Files.writeString(dir.resolve("checksums.txt"), sha + "  other.zip\n" + sha + "  more.zip\n");

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

  Run listed(String list) throws IOException {
    Files.writeString(dir.resolve("sums"), list);
    return liftoff("fetch", "--url", zip.toString(), "--checksums-url", "sums");
  }

  @Test
  void aOneLineListNamingAnotherPathIsAcceptedWithAWarningNamingBoth() throws IOException {
    Run run = listed(sha + "  dist/grafana/grafana_12.4.3_linux_amd64.tar.gz\n");

    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().lines().anyMatch(l -> l.contains("at=warn")
        && l.contains("listed=dist/grafana/grafana_12.4.3_linux_amd64.tar.gz")
        && l.contains("archive=fleet_v4_linux.zip")), run.err());
  }

  @Test
  void aFileThatIsOnlyTheDigestVerifies() throws IOException {
    Run run = listed(sha + "\n");

    assertEquals(0, run.status(), run.err());
    assertFalse(run.err().contains("at=warn"), run.err());
  }

  @Test
  void sha512sumListsAreToldApartByLengthAndChecked() throws Exception {
    String list = sh("sha512sum fleet_v4_linux.zip");
    String other = list.substring(0, 100) + (list.charAt(100) == '0' ? '1' : '0')
        + list.substring(101);
    Run bad = listed(other);
    assertEquals(65, bad.status(), bad.err());
    assertTrue(bad.err().contains("sha512 mismatch for fleet_v4_linux.zip"), bad.err());
    assertFalse(installed());

    Run good = listed(list);
    assertEquals(0, good.status(), good.err());
    assertTrue(installed());
  }

  @Test
  void bsdSha512LinesWithCrlfLineEndingsAreUnderstood() throws Exception {
    String bsd = sh("sha512sum --tag fleet_v4_linux.zip").strip();
    assertTrue(bsd.startsWith("SHA512 (fleet_v4_linux.zip) = "), bsd);

    Run run = listed("SHA512 (other.zip) = " + "ab".repeat(64) + "\r\n" + bsd + "\r\n");

    assertEquals(0, run.status(), run.err());
  }

  @Test
  void aFileListedTwiceWithTwoDigestsIsRefused() throws IOException {
    Run run = listed(sha + "  fleet_v4_linux.zip\n" + "cd".repeat(32) + "  fleet_v4_linux.zip\n");

    assertEquals(65, run.status(), run.err());
    assertTrue(run.err().contains("lists fleet_v4_linux.zip twice with two different digests"),
        run.err());
    assertFalse(installed());
  }

  @Test
  void sha1AndMd5ListsAreRefusedAsTooWeak() throws Exception {
    Run sha1 = listed(sh("sha1sum fleet_v4_linux.zip"));
    Run md5 = listed(sh("md5sum --tag fleet_v4_linux.zip"));

    assertEquals(65, sha1.status(), sha1.err());
    assertTrue(sha1.err().contains("only SHA1 digests, which are too weak"), sha1.err());
    assertEquals(65, md5.status(), md5.err());
    assertTrue(md5.err().contains("only MD5 digests, which are too weak"), md5.err());
    assertFalse(installed());
  }

  @Test
  void theSameUrlServingOtherBytesThatStillVerifyLogsOneChangedLine() throws Exception {
    String first = sha;
    assertEquals(0, listed(sha + "  fleet_v4_linux.zip\n").status());
    try (Zips z = Zips.create(zip)) {
      z.file("fleet", 0755, Zips.script("echo re-uploaded"));
    }
    sha = Run.sha256(zip);

    Run again = listed(sha + "  fleet_v4_linux.zip\n");

    assertEquals(0, again.status(), again.err());
    List<String> changed = again.err().lines().filter(l -> l.contains("event=changed")).toList();
    assertEquals(1, changed.size(), again.err());
    assertTrue(changed.get(0).startsWith("liftoff at=warn event=changed")
        && changed.get(0).contains("was=" + first) && changed.get(0).contains("now=" + sha),
        again.err());
    Run same = listed(sha + "  fleet_v4_linux.zip\n");
    assertEquals(0, same.status(), same.err());
    assertFalse(same.err().contains("event=changed"), same.err());
  }

  @Test
  void aLinkPlantedAtTheTrustRecordIsNeitherReadNorWrittenThrough() throws Exception {
    Path outside = dir.resolve("outside");
    Files.writeString(outside, "ab".repeat(32) + "\n");
    Path record = dir.resolve(".liftoff/verified").resolve(Sha256.hex(zip.toString()));
    Files.createDirectories(record.getParent());
    Files.createSymbolicLink(record, outside);

    Run run = listed(sha + "  fleet_v4_linux.zip\n");

    assertEquals(0, run.status(), run.err());
    assertFalse(run.err().contains("event=changed"), run.err());
    assertEquals("ab".repeat(32) + "\n", Files.readString(outside));
    assertFalse(Files.isSymbolicLink(record));
    assertEquals(sha, Files.readString(record).strip());
  }

  @Test
  void aTrustRecordFolderThatIsALinkIsNotFollowed() throws Exception {
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Files.createDirectories(dir.resolve(".liftoff"));
    Files.createSymbolicLink(dir.resolve(".liftoff/verified"), outside);

    Run run = listed(sha + "  fleet_v4_linux.zip\n");

    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("is a symbolic link, which Liftoff does not follow"), run.err());
    try (var files = Files.list(outside)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void anSshSignedChecksumsListIsCheckedBeforeTheArchive() throws Exception {
    Files.writeString(dir.resolve("sums"), sha + "  fleet_v4_linux.zip\n");
    sh("ssh-keygen -q -t ed25519 -N '' -f key && ssh-keygen -q -Y sign -f key -n file sums");
    String key = Files.readString(dir.resolve("key.pub")).strip();

    Run good = liftoff("fetch", "--url", zip.toString(), "--checksums-url", "sums",
        "--checksums-signature-url", "sums.sig", "--public-key", key);
    assertEquals(0, good.status(), good.err());
    assertTrue(good.err().contains("by=signed-list"), good.err());

    Files.writeString(dir.resolve("sums"), sha + "  fleet_v4_linux.zip\n" + sha + "  x.zip\n");
    Run tampered = liftoff("fetch", "--url", zip.toString(), "--checksums-url", "sums",
        "--checksums-signature-url", "sums.sig", "--public-key", key);
    assertEquals(65, tampered.status(), tampered.err());
    assertTrue(tampered.err().contains("checksums-signature-url: SSH signature check failed for"
        + " the list at checksums-url"), tampered.err());
  }

  @Test
  void aHostileListOfHugeLinesIsReadInOnePassAndStillChecked() throws IOException {
    // Under a backtracking name pattern, each space of the run would rescan the rest of it.
    String hostile = "ab".repeat(32) + " x" + " ".repeat(400_000) + "y\n"
        + "ab".repeat(32) + " x" + " ".repeat(4_000) + "y\n"
        + "SHA256 (" + ") = ab".repeat(50_000) + "\n";

    Run run = listed(hostile + sha + "  fleet_v4_linux.zip\n");

    assertEquals(0, run.status(), run.err());
  }
}
