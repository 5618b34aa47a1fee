package dev.liftoff.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.fetch.Release;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Zips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallTest {
  @TempDir Path root;
  Path cache;
  Path zip;
  Limits limits = FormatsTest.ALLOWED;
  final Log log = new Log(new PrintStream(new ByteArrayOutputStream()), false);

  @BeforeEach
  void paths() throws IOException {
    cache = Files.createDirectories(root.resolve("work/cache"));
    zip = root.resolve("work/release.zip");
  }

  Installed install(Optional<String> binary) throws IOException {
    Release release = new Release(zip, zip.getFileName().toString(), Run.sha256(zip),
        Optional.empty(), Files.size(zip));
    return Install.install(release, cache, binary, limits, log);
  }

  Installed install() throws IOException {
    return install(Optional.empty());
  }

  LaunchException refused() {
    return assertThrows(LaunchException.class, this::install);
  }

  /** Everything under the test's root except the archive and the cache's empty installs. */
  List<Path> writtenOutsideTheCache() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.startsWith(cache) && !p.equals(zip)
          && !p.equals(root) && !p.equals(zip.getParent())).toList();
    }
  }

  void assertNothingInstalled() throws IOException {
    try (Stream<Path> installs = Files.list(cache.resolve("installs"))) {
      assertEquals(List.of(), installs.toList());
    }
    assertEquals(List.of(), writtenOutsideTheCache());
  }

  String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void installsTheWholeArchiveUnderItsDigestAndChoosesTheOneExecutable() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.dir("app/", 0755);
      z.file("app/bin/server", 0750, Zips.script("echo hi"));
      z.file("app/share/data.txt", 0640, "data");
    }

    Installed installed = install();

    assertEquals(cache.resolve("installs").resolve(Run.sha256(zip)), installed.dir());
    assertEquals(installed.dir().resolve("app/bin/server"), installed.binary());
    assertEquals("rwxr-xr-x", mode(installed.binary()));
    assertEquals("rw-r-----", mode(installed.dir().resolve("app/share/data.txt")));
    assertEquals("data", Files.readString(installed.dir().resolve("app/share/data.txt")));
  }

  @Test
  void setuidSetgidStickyAndWorldWriteBitsAreDropped() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.file("bin/tool", 06777, Zips.script("echo hi"));
      z.file("notes", 01666, "x");
    }

    Installed installed = install();

    assertEquals("rwxrwxr-x", mode(installed.binary()));
    assertEquals("rw-rw-r--", mode(installed.dir().resolve("notes")));
  }

  @Test
  void aZipWithoutUnixModesGetsReadableFilesAndAnExecutableChosenBinary() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.file("tool", 0, Zips.bytes("/bin/true"));
      z.file("README", 0, "docs");
    }

    Installed installed = install(Optional.of("tool"));

    assertEquals("rwxr-xr-x", mode(installed.binary()));
    assertEquals("rw-r--r--", mode(installed.dir().resolve("README")));
  }

  @Test
  void refusesAParentEscapeAndWritesNothingOutside() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.file("ok.txt", 0644, "fine");
      z.file("../../evil.txt", 0644, "escaped");
    }

    LaunchException e = refused();

    assertEquals(65, e.status());
    assertTrue(e.getMessage().contains("'../../evil.txt'"), e.getMessage());
    assertNothingInstalled();
  }

  @Test
  void refusesAnAbsolutePath() throws IOException {
    Path target = root.resolve("absolute.txt");
    try (Zips z = Zips.create(zip)) {
      z.file(target.toString(), 0644, "escaped");
    }

    assertEquals(65, refused().status());
    assertFalse(Files.exists(target));
    assertNothingInstalled();
  }

  @Test
  void refusesASymlinkEscapingTheInstallFolder() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.symlink("link", "../../../outside");
    }

    assertTrue(refused().getMessage().contains("'link'"));
    assertNothingInstalled();
  }

  @Test
  void refusesAFileWrittenThroughALinkToOutside() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.dir("d", 0755);
      z.symlink("d/up", "..");
      z.symlink("d/out", "up/..");
      z.file("d/out/escaped.txt", 0644, "escaped");
    }

    assertEquals(65, refused().status());
    assertNothingInstalled();
  }

  @Test
  void refusesAChainOfLinksThatEachLookInsideButLeadOut() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.dir("d", 0755);
      z.symlink("d/up", "..");
      z.symlink("d/out", "up/..");
    }

    assertTrue(refused().getMessage().contains("outside"));
    assertNothingInstalled();
  }

  @Test
  void keepsLinksThatStayInside() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.file("app/bin/server-1.2", 0755, Zips.script("echo hi"));
      z.symlink("app/bin/server", "server-1.2");
    }

    Installed installed = install(Optional.of("app/bin/server"));

    assertTrue(Files.isSymbolicLink(installed.binary()));
  }

  @Test
  void refusesDevicesAndFifos() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.special("fifo", 0010644);
    }

    assertTrue(refused().getMessage().contains("FIFO"));
    assertNothingInstalled();
  }

  @Test
  void largeStoredAndDeflatedEntriesUnpackByteForByte() throws IOException {
    byte[] noise = new byte[3 << 20];
    new Random(1).nextBytes(noise);
    byte[] text = "a line that deflates well\n".repeat(200_000).getBytes(StandardCharsets.UTF_8);
    try (Zips z = Zips.create(zip)) {
      z.file("app/bin/app", 0755, Zips.script("exit 0"));
      z.stored("app/share/noise.bin", 0644, noise);
      z.file("app/share/text.txt", 0644, text);
    }

    Installed installed = install();

    assertArrayEquals(noise, Files.readAllBytes(installed.dir().resolve("app/share/noise.bin")));
    assertArrayEquals(text, Files.readAllBytes(installed.dir().resolve("app/share/text.txt")));
  }

  @Test
  void anEntryWhoseBytesDoNotMatchItsCrcInstallsNothing() throws IOException {
    byte[] content = Zips.script("exit 0").getBytes(StandardCharsets.UTF_8);
    try (Zips z = Zips.create(zip)) {
      z.file("app/bin/app", 0755, content);
    }
    CRC32 crc = new CRC32();
    crc.update(content);
    byte[] archive = Files.readAllBytes(zip);
    // The local header and the central directory both carry the CRC: make both lie.
    assertEquals(2, replaceAll(archive, littleEndian(crc.getValue()),
        littleEndian(crc.getValue() ^ 1)));
    Files.write(zip, archive);

    assertTrue(refused().getMessage().contains("CRC-32"));
    assertNothingInstalled();
  }

  static byte[] littleEndian(long value) {
    return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16),
        (byte) (value >> 24)};
  }

  static int replaceAll(byte[] in, byte[] what, byte[] with) {
    int count = 0;
    for (int i = 0; i + what.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        System.arraycopy(with, 0, in, i, with.length);
        count++;
      }
    }
    return count;
  }

  @Test
  void refusesAPathThatAppearsTwice() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo one"));
      z.file("bin/app", 0755, Zips.script("echo two"));
    }

    assertTrue(refused().getMessage().contains("twice"));
  }

  @Test
  void aGlobChoosesTheBinaryAndSeveralMatchesListThemAll() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.file("fleet_v4_linux/fleet", 0755, Zips.script("echo fleet"));
      z.file("fleet_v4_linux/fleetctl", 0755, Zips.script("echo ctl"));
    }

    assertTrue(install(Optional.of("*/fleet")).binary().endsWith("fleet_v4_linux/fleet"));
    assertTrue(install(Optional.of("**/fleet")).binary().endsWith("fleet_v4_linux/fleet"));
    LaunchException ambiguous = assertThrows(LaunchException.class,
        () -> install(Optional.of("**/fleet*")));
    assertEquals(65, ambiguous.status());
    assertTrue(ambiguous.getMessage().contains("fleet_v4_linux/fleetctl"));
    LaunchException automatic = assertThrows(LaunchException.class, this::install);
    assertTrue(automatic.getMessage().contains("binary="), automatic.getMessage());
  }

  @Test
  void theElfForThisMachineWinsOverScriptsAndLibraries() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.file("bin/helper.sh", 0755, Zips.script("echo helper"));
      z.file("lib/libfoo.so.1", 0755, Zips.bytes("/bin/true"));
      z.file("bin/server", 0755, Zips.bytes("/bin/true"));
    }

    assertTrue(install().binary().endsWith("bin/server"));
  }

  @Test
  void anElfForAnotherMachineIsNamedInsteadOfChosen() throws IOException {
    byte[] foreign = Zips.bytes("/bin/true");
    foreign[18] = (byte) (Elf.hostMachine().getAsInt() == Elf.EM_X86_64
        ? Elf.EM_AARCH64 : Elf.EM_X86_64);
    foreign[19] = 0;
    try (Zips z = Zips.create(zip)) {
      z.file("server", 0755, foreign);
    }

    LaunchException e = refused();

    assertEquals(65, e.status());
    assertTrue(e.getMessage().contains("another machine"), e.getMessage());
  }

  @Test
  void aBareProgramIsInstalledUnderItsOwnName() throws IOException {
    zip = root.resolve("work/fleet-linux-amd64");
    Files.write(zip, Zips.bytes("/bin/true"));

    Installed installed = install();

    assertEquals("fleet-linux-amd64", installed.binary().getFileName().toString());
    assertEquals("rwxr-xr-x", mode(installed.binary()));
  }

  @Test
  void aSecondInstallOfTheSameDigestReusesTheFirst() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.file("server", 0755, Zips.script("echo hi"));
    }
    Installed first = install();
    Object inode = Files.readAttributes(first.binary(), "unix:ino").get("ino");

    Installed again = install();

    assertEquals(first, again);
    assertEquals(inode, Files.readAttributes(again.binary(), "unix:ino").get("ino"));
    assertEquals(first, Install.cached(cache, Run.sha256(zip), Optional.empty(), log).get());
    assertTrue(Install.cached(cache, "0".repeat(64), Optional.empty(), log).isEmpty());
  }

  @Test
  void aFilePlantedInAnInstallIsNamedAndTheInstallIsNotUsed() throws IOException {
    try (Zips z = Zips.create(zip)) {
      z.dir("bin/", 0755).file("bin/server", 0755, Zips.script("echo hi"));
    }
    Installed first = install();
    Files.writeString(first.dir().resolve("bin/planted"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Log logged = new Log(new PrintStream(err, true, StandardCharsets.UTF_8), false);

    assertTrue(Install.cached(cache, Run.sha256(zip), Optional.empty(), logged).isEmpty());

    String warning = err.toString(StandardCharsets.UTF_8);
    assertTrue(warning.contains("at=warn") && warning.contains("bin:")
        && warning.contains("added, removed or renamed"), warning);
    assertFalse(Files.exists(first.dir()), "the changed install was kept");
    Installed again = install();
    assertFalse(Files.exists(again.dir().resolve("bin/planted")));
  }
}
