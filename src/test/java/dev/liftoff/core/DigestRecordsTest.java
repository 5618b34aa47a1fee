package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestRecordsTest {
  static final String A = "ab".repeat(32);
  static final String B = "cd".repeat(32);

  @TempDir Path dir;

  @Test
  void whatIsWrittenReadsBackAndKeepsOnlyDigests() throws IOException {
    Path file = dir.resolve("r.properties");
    Map<String, String> entries = new TreeMap<>(Map.of("one", A, "two", B,
        "bad", "../../etc", "upper", "AB".repeat(32)));

    DigestRecords.write(file, "a comment", entries);

    assertEquals(Map.of("one", A, "two", B), DigestRecords.read(file));
  }

  @Test
  void valuesAreReadAsWrittenForTheOwnerToJudge() throws IOException {
    Path file = dir.resolve("r.properties");
    Files.writeString(file, "k=../../victim\nj=" + A + "\n");

    assertEquals(Map.of("k", "../../victim", "j", A), DigestRecords.read(file));
  }

  @Test
  void aGarbledFileReadsAsNoRecord() throws IOException {
    Path file = dir.resolve("r.properties");
    Files.write(file, new byte[] {'k', '=', (byte) 0xff, (byte) 0xfe, '\n'}); // not UTF-8
    assertEquals(Map.of(), DigestRecords.read(file));

    Files.writeString(file, "k=\\u12\n"); // a malformed escape: Properties throws
    assertEquals(Map.of(), DigestRecords.read(file));

    Path one = dir.resolve("one");
    Files.writeString(one, "not a digest\n");
    assertEquals(Optional.empty(), DigestRecords.readOne(one));
    Files.writeString(one, A + "\n" + "x".repeat(200));
    assertEquals(Optional.empty(), DigestRecords.readOne(one));
  }

  @Test
  void aMissingFileOrAFolderReadsAsNoRecord() throws IOException {
    assertEquals(Map.of(), DigestRecords.read(dir.resolve("missing")));
    assertEquals(Optional.empty(), DigestRecords.readOne(dir.resolve("missing")));
    Files.createDirectory(dir.resolve("folder"));
    assertEquals(Map.of(), DigestRecords.read(dir.resolve("folder")));
    assertEquals(Optional.empty(), DigestRecords.readOne(dir.resolve("folder")));
  }

  @Test
  void aRecordIsNotReadThroughALink() throws IOException {
    Path elsewhere = dir.resolve("elsewhere");
    Files.writeString(elsewhere, "k=" + A + "\n");
    Path one = dir.resolve("one-elsewhere");
    Files.writeString(one, A + "\n");
    Path link = Files.createSymbolicLink(dir.resolve("r.properties"), elsewhere);
    Path oneLink = Files.createSymbolicLink(dir.resolve("one"), one);

    assertEquals(Map.of(), DigestRecords.read(link));
    assertEquals(Optional.empty(), DigestRecords.readOne(oneLink));
  }

  @Test
  void aWriteReplacesALinkInsteadOfWritingThroughIt() throws IOException {
    Path elsewhere = dir.resolve("elsewhere");
    Files.writeString(elsewhere, "untouched");
    Path link = Files.createSymbolicLink(dir.resolve("one"), elsewhere);

    DigestRecords.writeOne(link, A);

    assertEquals("untouched", Files.readString(elsewhere));
    assertFalse(Files.isSymbolicLink(link));
    assertEquals(Optional.of(A), DigestRecords.readOne(link));
    assertEquals(A + "\n", Files.readString(link)); // the format older caches hold
  }

  @Test
  void aSingleRecordIsOnlyEverADigest() {
    assertThrows(IllegalArgumentException.class,
        () -> DigestRecords.writeOne(dir.resolve("one"), "../x"));
    assertFalse(Files.exists(dir.resolve("one")));
  }

  @Test
  void aDigestIsSixtyFourLowercaseHexDigits() {
    assertTrue(DigestRecords.isDigest(A));
    for (String not : List.of("", "ab", A + "a", "AB".repeat(32), "g".repeat(64),
        "../" + A.substring(3), A.substring(1) + "\n")) {
      assertFalse(DigestRecords.isDigest(not), not);
    }
  }

  @Test
  void aWriteIntoAReadOnlyFolderFailsAndLeavesTheOldRecord() throws Exception {
    Path folder = dir.resolve("ro");
    Files.createDirectory(folder);
    Path file = folder.resolve("r.properties");
    DigestRecords.write(file, null, Map.of("k", A));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) { // root writes through mode bits: make the folder a read-only bind mount
      assumeTrue(run("mount", "--bind", folder.toString(), folder.toString())
          && run("mount", "-o", "remount,bind,ro", folder.toString()),
          "cannot mount a read-only folder here");
    } else {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
    }
    try {
      assertThrows(IOException.class, () -> DigestRecords.write(file, null, Map.of("k", B)));
      assertThrows(IOException.class, () -> DigestRecords.writeOne(folder.resolve("one"), B));
      assertEquals(Map.of("k", A), DigestRecords.read(file));
      try (var left = Files.list(folder)) {
        assertEquals(List.of(file), left.toList()); // no temporary file left
      }
    } finally {
      if (root) {
        run("umount", "-l", folder.toString());
      } else {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    return p.waitFor() == 0 || !(System.err.append(String.join(" ", command) + ": " + out) == null);
  }
}
