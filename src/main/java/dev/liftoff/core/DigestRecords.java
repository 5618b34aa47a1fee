package dev.liftoff.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How the cache's records of SHA-256 digests are read and written, whatever they mean:
 * {@code fetched.properties} (what a build step installed), {@code verified.properties} (what
 * passed verification, for the offline fallback) and {@code verified/<url digest>} (trust on
 * first use). A record is read without following a link, so a planted link cannot make Liftoff
 * read elsewhere; a missing, unreadable or garbled file reads as no record, as a cold cache would;
 * it is replaced by rename, never through a link, so a reader never sees half of it.
 *
 * <p>A write failure is an {@link IOException} for the record's owner to judge, by what the user
 * loses without the record: the build step's record is its product, so losing it fails the step
 * (74); the others cost a fallback or an alert, so a boot goes on with a warn line naming the
 * file. No record loses a write silently.
 */
public final class DigestRecords {
  /** Enough for a digest and a line end; a longer file is not a record (then none is read). */
  private static final int SINGLE_MAX = 128;

  private DigestRecords() {}

  /** 64 lowercase hex digits: the name of an install folder, and nothing a path could be. */
  public static boolean isDigest(String value) {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The entries of the properties file {@code file} as written, sorted by key: its owner decides
   * what a value that is not a digest means. Empty when the file is missing, a link, not a
   * regular file, unreadable, not UTF-8 or not a properties file.
   */
  public static Map<String, String> read(Path file) {
    Map<String, String> entries = new TreeMap<>();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return entries; // also keeps a FIFO from blocking the boot in open(2)
    }
    Properties recorded = new Properties();
    // O_NOFOLLOW: a link swapped in after the check above fails to open. The decoder reports
    // malformed UTF-8 (InputStreamReader's default would replace it), so garbage reads as none.
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()))) {
      recorded.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      return entries;
    }
    // A loop, not forEach: a cached boot reads this, and a lambda is one more class to load.
    for (Map.Entry<Object, Object> entry : recorded.entrySet()) {
      entries.put((String) entry.getKey(), (String) entry.getValue());
    }
    return entries;
  }

  /**
   * Replaces {@code file} with those of {@code entries} whose values are digests (a damaged
   * entry read back is dropped, not kept), atomically.
   */
  public static void write(Path file, String comment, Map<String, String> entries)
      throws IOException {
    Map<String, String> digests = new TreeMap<>();
    entries.forEach((k, v) -> {
      if (isDigest(v)) {
        digests.put(k, v);
      }
    });
    PropertiesFile.write(file, comment, digests);
  }

  /** The digest that is the whole of {@code file} (one line), if it holds one and nothing else. */
  public static Optional<String> readOne(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      String text = new String(in.readNBytes(SINGLE_MAX), StandardCharsets.US_ASCII).strip();
      return isDigest(text) ? Optional.of(text) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Replaces {@code file} with {@code sha256} and a line end, atomically. */
  public static void writeOne(Path file, String sha256) throws IOException {
    if (!isDigest(sha256)) {
      throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
    }
    PropertiesFile.replace(file, sha256 + "\n");
  }
}
