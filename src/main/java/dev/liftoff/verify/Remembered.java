package dev.liftoff.verify;

import dev.liftoff.core.Log;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Trust on first use: the digest each URL had when it was last verified, so that a vendor (or
 * someone holding the vendor's signing key) serving other bytes at the same URL is noticed even
 * when the new bytes pass every check. Records are replaced by rename and read without following
 * links, so a planted link cannot make Liftoff read or write elsewhere.
 */
final class Remembered {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

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
    Optional<String> before = read(record);
    if (before.isPresent() && !before.get().equals(sha256)) {
      log.warn("changed", "url", url, "was", before.get(), "now", sha256, "msg",
          "this URL served other bytes when it was last verified; they pass the vendor's checks,"
              + " but a re-upload of a versioned release deserves a look");
    }
    if (before.isEmpty() || !before.get().equals(sha256)) {
      write(dir, record, sha256, log);
    }
  }

  private static Optional<String> read(Path record) {
    if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(record, LinkOption.NOFOLLOW_LINKS)) {
      String text = new String(in.readNBytes(128), StandardCharsets.US_ASCII).strip();
      return SHA256.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void write(Path dir, Path record, String sha256, Log log) {
    Path temporary = dir.resolve(record.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        out.write((sha256 + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      Files.move(temporary, record, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // The record only serves the change alert: a cache that refuses it must not stop a boot.
      log.warn("verify", "msg", "cannot remember the verified digest: " + Messages.cause(e));
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // nothing more to do: the name is random and ends in .tmp
      }
    }
  }
}
