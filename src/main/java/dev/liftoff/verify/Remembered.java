package dev.liftoff.verify;

import dev.liftoff.core.DigestRecords;
import dev.liftoff.core.Log;
import dev.liftoff.core.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Trust on first use: the digest each URL had when it was last verified, so that a vendor (or
 * someone holding the vendor's signing key) serving other bytes at the same URL is noticed even
 * when the new bytes pass every check. Records are replaced by rename and read without following
 * links, so a planted link cannot make Liftoff read or write elsewhere.
 */
final class Remembered {
  private Remembered() {}

  /** Logs one {@code event=changed} line when {@code url} was verified before with other bytes. */
  static void compare(Path cacheDir, String url, String sha256, Log log) {
    Path dir = cacheDir.resolve("verified");
    if (Files.isSymbolicLink(dir)) {
      log.warn("verify", "msg", "cannot remember the verified digest: " + dir
          + " is a symbolic link, which Liftoff does not follow");
      return;
    }
    Path record = dir.resolve(Sha256.hex(url));
    Optional<String> before = DigestRecords.readOne(record);
    if (before.isPresent() && !before.get().equals(sha256)) {
      log.warn("changed", "url", url, "was", before.get(), "now", sha256, "msg",
          "this URL served other bytes when it was last verified; they pass the vendor's checks,"
              + " but a re-upload of a versioned release deserves a look");
    }
    if (before.isEmpty() || !before.get().equals(sha256)) {
      try {
        Files.createDirectories(dir);
        DigestRecords.writeOne(record, sha256);
      } catch (IOException e) {
        // The record only serves the change alert: a cache that refuses it must not stop a
        // boot, but the next change would go unnoticed, so say so.
        log.warn("verify", "msg", "cannot remember the verified digest: " + e.getMessage());
      }
    }
  }
}
