package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Sha256;
import dev.liftoff.core.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a signature is over: the archive on disk, or a checksums list already in memory, with the
 * digests the fetch computed while it streamed (so the archive is not read again for them).
 *
 * @param name how messages call it: the archive's file name, or the list's setting
 * @param known hex digests by JDK algorithm name, computed earlier
 */
record Subject(String name, Path file, byte[] bytes, Map<String, String> known) {

  static Subject ofFile(String name, Path file, Map<String, String> known) {
    return new Subject(name, file, null, known);
  }

  static Subject ofBytes(String name, byte[] bytes) {
    return new Subject(name, null, bytes, Map.of());
  }

  InputStream open() throws IOException {
    return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
  }

  /** The digest by {@code algorithm} (a JDK name), from the fetch when it has it, else hashed now. */
  byte[] digest(String algorithm) {
    String hex = known.get(algorithm);
    if (hex != null) {
      return HexFormat.of().parseHex(hex);
    }
    MessageDigest digest = Sha256.digest(algorithm);
    if (bytes != null) {
      return digest.digest(bytes);
    }
    try (InputStream in = open()) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
      return digest.digest();
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  LaunchException unreadable(IOException e) {
    return new LaunchException(Status.IO_ERROR, "cannot read " + name + " to verify it: "
        + Messages.typed(e), e);
  }
}
