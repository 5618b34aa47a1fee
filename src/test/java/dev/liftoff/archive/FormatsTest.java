package dev.liftoff.archive;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives made by the real tar, gzip, xz and bzip2, as vendors make them. */
class FormatsTest {
  @TempDir Path root;
  Path src;
  Path cache;
  final Log log = new Log(new PrintStream(new ByteArrayOutputStream()), false);

  @BeforeEach
  void release() throws IOException {
    src = Files.createDirectories(root.resolve("src/fleet_v4.60.0_linux"));
    Files.copy(Path.of("/bin/true"), src.resolve("fleet"));
    Files.setPosixFilePermissions(src.resolve("fleet"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.writeString(src.resolve("LICENSE"), "MIT");
    Files.createSymbolicLink(src.resolve("fleet-latest"), Path.of("fleet"));
    cache = Files.createDirectories(root.resolve("cache"));
  }

  static void sh(Path dir, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), command + ": " + out);
  }

  /** Far above what these archives hold: each test of a limit sets its own. */
  static final Limits ALLOWED = new Limits(200_000, 4L << 30, 1000);

  Installed install(Path archive, Optional<String> binary, Limits limits) throws IOException {
    Release release = new Release(archive, archive.getFileName().toString(),
        Run.sha256(archive), Optional.empty(), Files.size(archive));
    return Install.install(release, cache, binary, limits, log);
  }

  Installed install(Path archive) throws IOException {
    return install(archive, Optional.empty(), ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tar cf", "tar czf", "tar cJf", "tar cjf"})
  void everyTarFlavourInstallsWithModesAndLinks(String tar) throws Exception {
    Path archive = root.resolve("release.bin"); // the name says nothing: the bytes decide
    sh(root.resolve("src"), tar + " " + archive + " fleet_v4.60.0_linux");

    Installed installed = install(archive);

    assertEquals("fleet_v4.60.0_linux/fleet", installed.dir().relativize(installed.binary())
        .toString());
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(installed.binary())));
    assertEquals("MIT", Files.readString(installed.dir().resolve("fleet_v4.60.0_linux/LICENSE")));
    assertTrue(Files.isSymbolicLink(installed.dir().resolve("fleet_v4.60.0_linux/fleet-latest")));
  }

  @Test
  void aSingleGzippedProgramIsInstalledUnderItsNameWithoutGz() throws Exception {
    Files.copy(Path.of("/bin/true"), root.resolve("fleet-linux-amd64"));
    sh(root, "gzip fleet-linux-amd64");

    Installed installed = install(root.resolve("fleet-linux-amd64.gz"));

    assertEquals("fleet-linux-amd64", installed.binary().getFileName().toString());
    assertTrue(Files.isExecutable(installed.binary()));
  }

  @Test
  void aTarWithAParentEscapeIsRefusedAndWritesNothingOutside() throws Exception {
    Files.writeString(root.resolve("evil.txt"), "escaped");
    Path archive = root.resolve("evil.tar");
    sh(root.resolve("src"), "tar cf " + archive + " -P ../evil.txt fleet_v4.60.0_linux");
    Files.delete(root.resolve("evil.txt"));

    LaunchException e = assertThrows(LaunchException.class, () -> install(archive));

    assertEquals(65, e.status());
    assertTrue(e.getMessage().contains("../evil.txt"), e.getMessage());
    assertFalse(Files.exists(root.resolve("evil.txt")));
    assertNoInstall();
  }

  @Test
  void aTarHardLinkToAFileOutsideIsRefused() throws Exception {
    Path archive = root.resolve("hard.tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      TarArchiveEntry link = new TarArchiveEntry("app/passwd", TarArchiveEntry.LF_LINK);
      link.setLinkName("../../../../etc/passwd");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }

    LaunchException e = assertThrows(LaunchException.class, () -> install(archive));

    assertEquals(65, e.status());
    assertTrue(e.getMessage().contains("app/passwd") || e.getMessage().contains("etc/passwd"),
        e.getMessage());
    assertNoInstall();
  }

  @Test
  void aTarHardLinkToAFileWrittenBeforeIsKept() throws Exception {
    sh(src, "ln fleet fleet-hardlink");
    Path archive = root.resolve("hard-inside.tar");
    sh(root.resolve("src"), "tar cf " + archive + " fleet_v4.60.0_linux");

    Installed installed = install(archive, Optional.of("*/fleet-hardlink"), ALLOWED);

    assertTrue(Files.isSameFile(installed.binary(),
        installed.dir().resolve("fleet_v4.60.0_linux/fleet")));
  }

  @Test
  void aTarSymlinkOutsideIsRefused() throws Exception {
    Files.createSymbolicLink(src.resolve("escape"), Path.of("/etc"));
    Path archive = root.resolve("link.tgz");
    sh(root.resolve("src"), "tar czf " + archive + " fleet_v4.60.0_linux");

    LaunchException e = assertThrows(LaunchException.class, () -> install(archive));

    assertTrue(e.getMessage().contains("escape"), e.getMessage());
    assertNoInstall();
  }

  @Test
  void aFifoInATarIsRefused() throws Exception {
    sh(src, "mkfifo pipe");
    Path archive = root.resolve("fifo.tar");
    sh(root.resolve("src"), "tar cf " + archive + " fleet_v4.60.0_linux");

    LaunchException e = assertThrows(LaunchException.class, () -> install(archive));

    assertTrue(e.getMessage().contains("pipe") && e.getMessage().contains("FIFO"),
        e.getMessage());
  }

  @Test
  void tooManyEntriesOrTooManyBytesAreRefusedAtTheSettableLimits() throws Exception {
    Path archive = root.resolve("release.tar.gz");
    sh(root.resolve("src"), "tar czf " + archive + " fleet_v4.60.0_linux");

    LaunchException entries = assertThrows(LaunchException.class,
        () -> install(archive, Optional.empty(), new Limits(2, Long.MAX_VALUE, 1000)));
    LaunchException bytes = assertThrows(LaunchException.class,
        () -> install(archive, Optional.empty(), new Limits(100, 1000, 1000)));

    assertTrue(entries.getMessage().contains("more than 2 entries"), entries.getMessage());
    assertTrue(bytes.getMessage().contains("more than 1000 bytes"), bytes.getMessage());
    assertNoInstall();
  }

  @Test
  void aZipEntryLargerThanItsDeclaredSizeIsRefused() throws Exception {
    Path zip = root.resolve("liar.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("fleet", 0755, "#!/bin/sh\n" + "x".repeat(5000));
    }
    lieAboutSizes(zip, 100);

    LaunchException e = assertThrows(LaunchException.class, () -> install(zip));

    assertTrue(e.getMessage().contains("more bytes than its header declares"), e.getMessage());
    assertNoInstall();
  }

  /** Rewrites the uncompressed size in every local and central header. */
  static void lieAboutSizes(Path zip, int size) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= bytes.limit(); i++) {
      int signature = bytes.getInt(i);
      if (signature == 0x04034b50) {
        bytes.putInt(i + 22, size);
      } else if (signature == 0x02014b50) {
        bytes.putInt(i + 24, size);
      }
    }
    Files.write(zip, bytes.array());
  }

  @Test
  void aNamedBinaryBuiltForAnotherMachineIsRefusedBeforeExec() throws Exception {
    byte[] foreign = Files.readAllBytes(Path.of("/bin/true"));
    foreign[18] = (byte) (Elf.hostMachine().getAsInt() == Elf.EM_X86_64
        ? Elf.EM_AARCH64 : Elf.EM_X86_64);
    foreign[19] = 0;
    Path zip = root.resolve("arm.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/fleet", 0755, foreign);
    }

    LaunchException e = assertThrows(LaunchException.class,
        () -> install(zip, Optional.of("bin/fleet"), ALLOWED));

    assertEquals(65, e.status());
    assertTrue(e.getMessage().contains("built for"), e.getMessage());
  }

  @Test
  void onlyTheNewestInstallsAreKept() throws Exception {
    for (int i = 0; i < 5; i++) {
      Files.writeString(src.resolve("LICENSE"), "version " + i);
      Path archive = root.resolve("r" + i + ".tar");
      sh(root.resolve("src"), "tar cf " + archive + " fleet_v4.60.0_linux");
      install(archive);
      Thread.sleep(20);
    }

    try (Stream<Path> installs = Files.list(cache.resolve("installs"))) {
      assertEquals(Install.KEEP, installs.count());
    }
  }

  void assertNoInstall() throws IOException {
    try (Stream<Path> installs = Files.list(cache.resolve("installs"))) {
      assertEquals(List.of(), installs.toList());
    }
  }
}
