package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Run;
import dev.liftoff.testing.Tars;
import dev.liftoff.testing.Zips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile archives and hostile cache folders against the real jar, as the current user and (when
 * that is root) as an unprivileged one: each run's status and one line, and an {@code lstat}
 * listing of everything around the cache before and after, which must not change.
 */
class TrustIT {
  static final String USER = "liftoff12";
  static final boolean ROOT = "root".equals(System.getProperty("user.name"));
  static boolean madeUser;

  enum As { CURRENT_USER, UNPRIVILEGED_USER }

  @TempDir Path base;
  Path work;
  Path cache;
  Path victim;
  As as;

  @BeforeAll
  static void unprivilegedUser() throws Exception {
    if (ROOT && sh("id", USER) != 0) {
      assertEquals(0, sh("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
          USER), "useradd " + USER);
      madeUser = true;
    }
  }

  @AfterAll
  static void removeUser() throws Exception {
    if (madeUser) {
      sh("userdel", USER);
    }
  }

  void as(As who) throws Exception {
    if (who == As.UNPRIVILEGED_USER) {
      Assumptions.assumeTrue(ROOT, "not root: cannot useradd " + USER
          + ", so only the current user's runs are tried");
    }
    as = who;
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    work = Files.createDirectories(base.resolve("work"));
    cache = work.resolve(".liftoff");
    victim = Files.writeString(work.resolve("victim.txt"), "original\n");
  }

  /** The jar as {@code as}; what the test wrote is handed to that user first. */
  Launch liftoff(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(Launch.jarCommand(args));
    if (as == As.UNPRIVILEGED_USER) {
      assertEquals(0, sh("chown", "-R", USER + ":", work.toString()));
      command.addAll(0, List.of("setpriv", "--reuid=" + USER, "--regid=" + USER,
          "--clear-groups", "--"));
    }
    Map<String, String> all = new TreeMap<>(env);
    all.put("PATH", System.getenv("PATH"));
    return Launch.start(work, all, command);
  }

  Run run(Map<String, String> env, String... args) throws Exception {
    try (Launch launch = liftoff(env, args)) {
      int status = launch.waitFor();
      return new Run(status, String.join("\n", launch.out()), launch.err());
    }
  }

  /** A cache folder made as the runner would make it, so the listing before includes it. */
  void makeCache() throws Exception {
    Files.createDirectories(cache);
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
  }

  // ---- hostile archives: 65, nothing outside the temporary install, the temporary gone ----

  /** d1/d2/d3/l leads back to the install's top, so each path below looks inside but is not. */
  static final String UP_TO_WORK = "d1/d2/d3/l/../../..";

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesEntriesWrittenThroughASymlinkChainAndWritesNothingOutside(As who) throws Exception {
    as(who);
    Path tar = work.resolve("app.tar.gz");
    try (Tars t = Tars.create(tar)) {
      t.dir("d1/d2/d3/").symlink("d1/d2/d3/l", "../../..").symlink("esc", UP_TO_WORK)
          .dir("esc/planted-dir/").file("esc/planted.txt", "planted")
          .symlink("esc/planted-link", "victim.txt").file("esc/victim.txt", "overwritten")
          .file("bin/app", Zips.script("echo ran"), 0755);
    }
    assertRefusedWithNothingOutside(tar, "written through the link 'esc'");
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesAHardLinkWhoseSourceRunsThroughAnInnerSymlink(As who) throws Exception {
    as(who);
    Path tar = work.resolve("app.tar");
    try (Tars t = Tars.create(tar)) {
      t.dir("d1/d2/d3/").symlink("d1/d2/d3/l", "../../..").symlink("esc", UP_TO_WORK)
          .hardLink("stolen", "esc/victim.txt").file("bin/app", Zips.script("echo ran"), 0755);
    }
    assertRefusedWithNothingOutside(tar, "hard link to esc/victim.txt");
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesASymlinkFollowedByAFileOfTheSamePath(As who) throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.dir("d1/d2/d3/", 0755).symlink("d1/d2/d3/l", "../../..")
          .symlink("bin/app", "../" + UP_TO_WORK + "/victim.txt")
          .file("bin/app", 0755, Zips.script("echo overwritten"));
    }
    assertRefusedWithNothingOutside(zip, "the archive holds this path twice");
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesASymlinkChainThatLeadsOutEvenWithNothingWrittenThroughIt(As who)
      throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.dir("d1/d2/d3/", 0755).symlink("d1/d2/d3/l", "../../..").symlink("esc", UP_TO_WORK)
          .file("bin/app", 0755, Zips.script("echo ran"));
    }
    assertRefusedWithNothingOutside(zip, "it is a link that leads outside the install");
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesAZipWhoseEntriesOverlapBeforeInflatingThem(As who) throws Exception {
    as(who);
    Path zip = work.resolve("bomb.zip");
    Files.write(zip, overlappingZip(2_000, 1 << 20));
    assertTrue(Files.size(zip) < 200_000, "the bomb is small: " + Files.size(zip));
    assertRefusedWithNothingOutside(zip, "overlap");
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesAnEntryThatInflatesMoreThanAThousandTimes(As who) throws Exception {
    as(who);
    Path zip = work.resolve("zeros.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo ran")).file("zeros", 0644, new byte[64 << 20]);
    }
    assertRefusedWithNothingOutside(zip, "inflates more than 1000 times");
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesACompressedTarThatInflatesPastTheSetRatio(As who) throws Exception {
    as(who);
    Path tar = work.resolve("zeros.tar.gz");
    try (Tars t = Tars.create(tar)) {
      t.file("bin/app", Zips.script("echo ran"), 0755).file("zeros", new String(new byte[8 << 20]));
    }
    assertRefusedWithNothingOutside(tar, "inflates more than 50 times",
        "LIFTOFF_EXTRACT_MAX_RATIO", "50");
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void aTruncatedArchiveIsNamedAsSuchAndNotAsNull(As who) throws Exception {
    as(who);
    Path full = work.resolve("full.tar.gz");
    try (Tars t = Tars.create(full)) {
      t.file("bin/app", Zips.script("echo ran"), 0755).file("data", "x".repeat(100_000));
    }
    Path tar = work.resolve("app.tar.gz");
    byte[] bytes = Files.readAllBytes(full);
    Files.write(tar, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertRefusedWithNothingOutside(tar, "cannot unpack app.tar.gz: ");
  }

  void assertRefusedWithNothingOutside(Path archive, String expected, String... settings)
      throws Exception {
    makeCache();
    Map<String, String> env = new TreeMap<>();
    env.put("LIFTOFF_SHA256", Run.sha256(archive));
    for (int i = 0; i < settings.length; i += 2) {
      env.put(settings[i], settings[i + 1]);
    }
    Map<String, String> before = listing();
    Run run = run(env, "fetch", "--url", archive.getFileName().toString());
    assertEquals(65, run.status(), run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertFalse(run.err().contains("null"), run.err());
    assertFalse(run.hasStackTrace(), run.err());
    assertEquals(1, run.err().lines().filter(l -> l.contains("at=error")).count(), run.err());
    assertEquals(before, listing(), "something outside the temporary install changed");
    assertEquals(List.of(), installs(), "the temporary install was left");
  }

  // ---- the part file: the archive cannot plant a link in the downloads -------------------

  @ParameterizedTest
  @EnumSource(As.class)
  void anArchiveCannotPlantALinkThatASecondFetchWouldWriteThrough(As who) throws Exception {
    as(who);
    makeCache();
    AtomicReference<byte[]> served = new AtomicReference<>();
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/app.tar", exchange -> {
      byte[] body = served.get();
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/app.tar";
      String key = sha256Hex(url).substring(0, 32);
      Path hostile = work.resolve("hostile.tar");
      try (Tars t = Tars.create(hostile)) {
        t.dir("d1/d2/d3/").symlink("d1/d2/d3/l", "../../..")
            .symlink("dl", "d1/d2/d3/l/../../downloads/" + key)
            .symlink("dl/archive.part", "../" + UP_TO_WORK + "/victim.txt")
            .file("bin/app", Zips.script("echo ran"), 0755);
      }
      served.set(Files.readAllBytes(hostile));
      Map<String, String> before = listing();

      Run first = run(Map.of(), "fetch", "--url", url);
      assertEquals(65, first.status(), first.err());
      assertTrue(first.err().contains("through the link 'dl'"), first.err());

      served.set("the server's second answer\n".repeat(100).getBytes(StandardCharsets.UTF_8));
      Run second = run(Map.of(), "fetch", "--url", url);
      assertTrue(second.status() != 0, second.err());

      assertEquals("original\n", Files.readString(victim));
      assertEquals(before, listing(), "something outside the cache's downloads changed");
      try (Stream<Path> all = Files.walk(cache.resolve("downloads"))) {
        assertEquals(List.of(), all.filter(Files::isSymbolicLink).toList());
      }
    } finally {
      server.stop(0);
    }
  }

  // ---- hostile cache folders: 78 -----------------------------------------------------------

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesAPlantedInstallInACacheThatAnotherUserOwns(As who) throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo genuine"));
    }
    String sha = Run.sha256(zip);
    Path planted = Files.createDirectories(cache.resolve("installs").resolve(sha).resolve("bin"));
    Path marker = work.resolve("planted-ran");
    Files.writeString(planted.resolve("app"), Zips.script("touch " + marker + "; echo planted"));
    Files.setPosixFilePermissions(planted.resolve("app"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
    Run run;
    if (ROOT) {
      // Handed to the runner first, then to nobody (65534): a user that is neither.
      try (Launch launch = liftoffAfterChown(cache, "65534", Map.of("LIFTOFF_SHA256", sha),
          "--url", "app.zip")) {
        int status = launch.waitFor();
        run = new Run(status, String.join("\n", launch.out()), launch.err());
      }
    } else {
      Assumptions.abort("not root: cannot give the cache folder to another user");
      return;
    }
    assertEquals(78, run.status(), run.err());
    assertTrue(run.err().contains("unsafe cache folder: the cache folder " + cache.toRealPath()
        + " belongs to another user (uid 65534)"), run.err());
    assertTrue(run.err().contains("cache-dir"), run.err());
    assertFalse(Files.exists(marker), "the planted program ran");
    assertFalse(run.out().contains("planted"), run.out());
  }

  /** Like {@link #liftoff}, with {@code folder} given to {@code owner} after the hand-over. */
  Launch liftoffAfterChown(Path folder, String owner, Map<String, String> env, String... args)
      throws Exception {
    if (as == As.UNPRIVILEGED_USER) {
      assertEquals(0, sh("chown", "-R", USER + ":", work.toString()));
    }
    assertEquals(0, sh("chown", "-R", owner + ":" + owner, folder.toString()));
    List<String> command = new ArrayList<>(Launch.jarCommand(args));
    if (as == As.UNPRIVILEGED_USER) {
      command.addAll(0, List.of("setpriv", "--reuid=" + USER, "--regid=" + USER,
          "--clear-groups", "--"));
    }
    Map<String, String> all = new TreeMap<>(env);
    all.put("PATH", System.getenv("PATH"));
    return Launch.start(work, all, command);
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesAWorldWritableCacheFolder(As who) throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo ran"));
    }
    makeCache();
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
    Map<String, String> before = listing();
    Run run = run(Map.of(), "fetch", "--url", "app.zip");
    assertEquals(78, run.status(), run.err());
    assertTrue(run.err().contains("the cache folder " + cache.toRealPath()
        + " is writable by group or others (mode 0777)"), run.err());
    assertTrue(run.err().contains("chmod go-w " + cache.toRealPath()), run.err());
    assertEquals(before, listing());
    assertFalse(Files.exists(cache.resolve("installs")));
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesAGroupWritableInstallsFolderAndALinkedDownloadsFolder(As who) throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo ran"));
    }
    makeCache();
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path installs = Files.createDirectories(cache.resolve("installs"));
    Files.setPosixFilePermissions(installs, PosixFilePermissions.fromString("rwxrwx---"));
    Run run = run(Map.of(), "fetch", "--url", "app.zip");
    assertEquals(78, run.status(), run.err());
    assertTrue(run.err().contains(installs.toRealPath() + " is writable by group or others"),
        run.err());

    Files.setPosixFilePermissions(installs, PosixFilePermissions.fromString("rwx------"));
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    Files.createSymbolicLink(cache.resolve("downloads"), elsewhere);
    run = run(Map.of(), "fetch", "--url", "app.zip");
    assertEquals(78, run.status(), run.err());
    assertTrue(run.err().contains("downloads is a symbolic link"), run.err());
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void groupWritableFoldersInsideAnOwnerOnlyCacheAreAcceptedAsAUmaskOf002MakesThem(As who)
      throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo ran"));
    }
    makeCache();
    Path installs = Files.createDirectories(cache.resolve("installs"));
    Files.setPosixFilePermissions(installs, PosixFilePermissions.fromString("rwxrwxr-x"));
    Run run = run(Map.of(), "fetch", "--url", "app.zip");
    assertEquals(0, run.status(), run.err());
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void aNewCacheFolderIsCreatedOwnerOnlyWhateverTheUmask(As who) throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo ran"));
    }
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
        "umask 000; exec \"$@\"", "sh"));
    command.addAll(Launch.jarCommand("fetch", "--url", "app.zip"));
    if (as == As.UNPRIVILEGED_USER) {
      assertEquals(0, sh("chown", "-R", USER + ":", work.toString()));
      command.addAll(0, List.of("setpriv", "--reuid=" + USER, "--regid=" + USER,
          "--clear-groups", "--"));
    }
    try (Launch launch = Launch.start(work, Map.of("PATH", System.getenv("PATH")), command)) {
      assertEquals(0, launch.waitFor(), launch.err());
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void refusesARecordFileThatPointsOutOfTheInstalls(As who) throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo ran"));
    }
    makeCache();
    Files.writeString(cache.resolve("fetched.properties"),
        sha256Hex("app.zip") + "=../../victim-folder\n");
    Map<String, String> before = listing();
    Run run = run(Map.of(), "--url", "app.zip");
    assertEquals(78, run.status(), run.err());
    assertTrue(run.err().contains("fetched.properties: the install recorded for this url is"
        + " '../../victim-folder', not a SHA-256"), run.err());
    assertTrue(run.err().contains("run fetch again"), run.err());
    assertFalse(run.out().contains("ran"), run.out());
    assertEquals(before, listing());
  }

  // ---- a cached install is what was verified ---------------------------------------------

  @ParameterizedTest
  @EnumSource(As.class)
  void aLocalProgramIsCopiedAndKeepsItsModeAndItsLaterEditsDoNotReachThePin(As who)
      throws Exception {
    as(who);
    Path program = work.resolve("tool");
    Files.copy(Path.of("/bin/echo"), program);
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-r-----"));
    String sha = Run.sha256(program);
    Map<String, String> env = Map.of("LIFTOFF_SHA256", sha, "LIFTOFF_URL", "tool");
    Run fetch = run(env, "fetch");
    assertEquals(0, fetch.status(), fetch.err());
    assertEquals("rw-r-----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(program)));
    assertEquals(1, Files.getAttribute(program, "unix:nlink"));
    Path installed = Path.of(fetch.out().strip());
    assertFalse(Files.isSameFile(program, installed));

    Files.write(program, Zips.script("echo edited").getBytes(StandardCharsets.UTF_8));
    Run run = run(env, "--", "pinned");
    assertEquals(0, run.status(), run.err());
    assertEquals("pinned", run.out());
    assertTrue(run.err().contains("cached=true"), run.err());
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void aProgramEditedAfterAPinnedInstallIsNamedAndInstalledAgainFromTheArchive(As who)
      throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.dir("bin/", 0755).file("bin/app", 0755, Zips.script("echo genuine"));
    }
    Map<String, String> env = Map.of("LIFTOFF_SHA256", Run.sha256(zip), "LIFTOFF_URL", "app.zip");
    Run fetch = run(env, "fetch");
    assertEquals(0, fetch.status(), fetch.err());
    Path app = Path.of(fetch.out().strip());
    Thread.sleep(20); // a later modification time than the install's, on coarse clocks too
    Files.writeString(app, Zips.script("echo edited"));

    Run run = run(env);
    assertEquals(0, run.status(), run.err());
    assertEquals("genuine", run.out());
    assertTrue(run.err().contains("at=warn event=install changed=\"bin/app: its size changed"),
        run.err());
    assertTrue(run.err().contains("installed again from the verified archive"), run.err());
    assertEquals(Zips.script("echo genuine"), Files.readString(app));

    Run again = run(env);
    assertEquals(0, again.status(), again.err());
    assertTrue(again.err().contains("cached=true") && !again.err().contains("at=warn"),
        again.err());
  }

  @ParameterizedTest
  @EnumSource(As.class)
  void aProgramReplacedWithTheSameSizeAndTimeIsStillNoticedByItsInode(As who) throws Exception {
    as(who);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("app", 0755, Zips.script("echo genuine"));
    }
    Map<String, String> env = Map.of("LIFTOFF_SHA256", Run.sha256(zip), "LIFTOFF_URL", "app.zip");
    Run fetch = run(env, "fetch");
    assertEquals(0, fetch.status(), fetch.err());
    Path app = Path.of(fetch.out().strip());
    Path folderTime = Files.createFile(base.resolve("folder-time"));
    assertEquals(0, sh("touch", "-r", app.getParent().toString(), folderTime.toString()));
    Path twin = app.resolveSibling("twin");
    Files.writeString(twin, Zips.script("echo GENUINE"));
    assertEquals(0, sh("chmod", "--reference=" + app, twin.toString()));
    assertEquals(0, sh("touch", "-r", app.toString(), twin.toString()));
    assertEquals(0, sh("mv", twin.toString(), app.toString()));
    assertEquals(0, sh("touch", "-r", folderTime.toString(), app.getParent().toString()));

    Run run = run(env);
    assertEquals(0, run.status(), run.err());
    assertEquals("genuine", run.out());
    assertTrue(run.err().contains("at=warn event=install"), run.err());
  }

  // ---- write failures during extraction: 74 ---------------------------------------------------

  @Test
  void aFullDiskDuringExtractionIs74NamingTheFolder() throws Throwable {
    Assumptions.assumeTrue(ROOT, "not root: cannot mount a small tmpfs to fill");
    as(As.CURRENT_USER);
    Path zip = work.resolve("app.zip");
    byte[] random = new byte[3 << 20];
    new java.util.Random(12).nextBytes(random);
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo ran")).stored("data", 0644, random);
    }
    Path installs = cache.resolve("installs");
    fetchOnTmpfsInstalls(zip, "size=1m,mode=0700", run -> {
      assertEquals(74, run.status(), run.err());
      assertTrue(run.err().contains("cannot write the install in " + installs
          + ": No space left on device"), run.err());
      assertFalse(run.hasStackTrace(), run.err());
      try (Stream<Path> left = Files.list(installs)) {
        assertEquals(List.of(), left.toList(), "the temporary install was left");
      }
    });
  }

  @Test
  void aReadOnlyCacheDuringExtractionIs74NamingTheFolder() throws Throwable {
    Assumptions.assumeTrue(ROOT, "not root: cannot mount a read-only file system");
    as(As.CURRENT_USER);
    Path zip = work.resolve("app.zip");
    try (Zips z = Zips.create(zip)) {
      z.file("bin/app", 0755, Zips.script("echo ran"));
    }
    Path installs = cache.resolve("installs");
    fetchOnTmpfsInstalls(zip, "size=1m,mode=0700,ro", run -> {
      assertEquals(74, run.status(), run.err());
      assertTrue(run.err().contains("cannot write the install in " + installs
          + ": Read-only file system"), run.err());
    });
  }

  /**
   * Runs {@code fetch} of {@code zip} with the cache's installs folder on a tmpfs mounted with
   * {@code options}, checks the run, and unmounts it whatever happened.
   */
  void fetchOnTmpfsInstalls(Path zip, String options, ThrowingConsumer<Run> check)
      throws Throwable {
    makeCache();
    Path installs = Files.createDirectories(cache.resolve("installs"));
    Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", options, "tmpfs",
        installs.toString()) == 0, "cannot mount a tmpfs here (a container without"
        + " CAP_SYS_ADMIN?)");
    try {
      check.accept(run(Map.of("LIFTOFF_SHA256", Run.sha256(zip)), "fetch", "--url", "app.zip"));
    } finally {
      sh("umount", installs.toString());
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  /**
   * Every path under the test's folder with its lstat data (type and mode, owner, links, size,
   * time, inode, link target), except the cache's installs and downloads, where a run may write,
   * and the cache folder's own time, size and link count.
   */
  Map<String, String> listing() throws Exception {
    if (as == As.UNPRIVILEGED_USER) {
      // What the test wrote is the runner's before anything is compared.
      assertEquals(0, sh("chown", "-R", USER + ":", work.toString()));
    }
    Map<String, String> listing = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(base)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (path.startsWith(cache.resolve("installs"))
            || path.startsWith(cache.resolve("downloads"))) {
          continue;
        }
        Map<String, Object> a = Files.readAttributes(path,
            "unix:mode,uid,nlink,size,lastModifiedTime,ino", LinkOption.NOFOLLOW_LINKS);
        String line = Integer.toOctalString((Integer) a.get("mode")) + " uid=" + a.get("uid")
            + " ino=" + a.get("ino");
        if (!path.equals(cache)) {
          line += " links=" + a.get("nlink") + " size=" + a.get("size")
              + " mtime=" + a.get("lastModifiedTime");
        }
        if (Files.isSymbolicLink(path)) {
          line += " -> " + Files.readSymbolicLink(path);
        }
        listing.put(base.relativize(path).toString(), line);
      }
    }
    return listing;
  }

  List<Path> installs() throws IOException {
    Path installs = cache.resolve("installs");
    if (!Files.isDirectory(installs)) {
      return List.of();
    }
    try (Stream<Path> all = Files.list(installs)) {
      return all.toList();
    }
  }

  static int sh(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor();
  }

  static String sha256Hex(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A zip whose central directory lists {@code copies} entries that all point at one deflated
   * kernel of {@code size} zero bytes: the overlapping-entries bomb, which no zip tool writes.
   */
  static byte[] overlappingZip(int copies, int size) {
    Deflater deflater = new Deflater(9, true);
    deflater.setInput(new byte[size]);
    deflater.finish();
    ByteArrayOutputStream kernel = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    while (!deflater.finished()) {
      kernel.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(new byte[size]);
    byte[] data = kernel.toByteArray();
    byte[] name = "k".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer zip = ByteBuffer.allocate(30 + name.length + data.length + copies * 60 + 22)
        .order(ByteOrder.LITTLE_ENDIAN);
    zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8)
        .putInt(0).putInt((int) crc.getValue()).putInt(data.length).putInt(size)
        .putShort((short) name.length).putShort((short) 0).put(name).put(data);
    int directory = zip.position();
    for (int i = 0; i < copies; i++) {
      byte[] entry = String.format("f%05d", i).getBytes(StandardCharsets.US_ASCII);
      zip.putInt(0x02014b50).putShort((short) (3 << 8 | 20)).putShort((short) 20)
          .putShort((short) 0).putShort((short) 8).putInt(0).putInt((int) crc.getValue())
          .putInt(data.length).putInt(size).putShort((short) entry.length).putShort((short) 0)
          .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0100644 << 16)
          .putInt(0).put(entry);
    }
    int directorySize = zip.position() - directory;
    zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) copies)
        .putShort((short) copies).putInt(directorySize).putInt(directory).putShort((short) 0);
    return java.util.Arrays.copyOf(zip.array(), zip.position());
  }
}
