package dev.liftoff.fetch;

import dev.liftoff.core.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * SHA-256 of everything it is given, and SHA-512 too when a signature will need it, so a
 * download is hashed once, as it streams.
 */
final class Digests {
  private final MessageDigest sha256 = Sha256.digest("SHA-256");
  private final MessageDigest sha512;

  Digests(boolean withSha512) {
    this.sha512 = withSha512 ? Sha256.digest("SHA-512") : null;
  }

  void update(byte[] bytes, int offset, int length) {
    sha256.update(bytes, offset, length);
    if (sha512 != null) {
      sha512.update(bytes, offset, length);
    }
  }

  void update(ByteBuffer bytes) {
    if (sha512 != null) {
      sha512.update(bytes.duplicate());
    }
    sha256.update(bytes);
  }

  /** Hex, the form sha256sum prints and {@code sha256} takes. */
  String sha256() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  Optional<String> sha512() {
    return sha512 == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(sha512.digest()));
  }

  /** Hashes a whole file: the one extra read, for an archive fetched before SHA-512 was needed. */
  static Digests of(Path file, boolean withSha512) throws IOException {
    Digests digests = new Digests(withSha512);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        digests.update(buffer);
        buffer.clear();
      }
    }
    return digests;
  }
}
