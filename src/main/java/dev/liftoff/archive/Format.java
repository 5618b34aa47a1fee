package dev.liftoff.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a downloaded file is, told from its first bytes and never from its name. */
enum Format {
  ZIP("zip"),
  /** An ELF program or a {@code #!} script, served as it is. */
  PROGRAM("program"),
  GZIP("gzip"),
  XZ("xz"),
  BZIP2("bzip2"),
  TAR("tar"),
  UNKNOWN("unknown");

  final String label;

  Format(String label) {
    this.label = label;
  }

  static Format of(Path file) throws IOException {
    byte[] head = new byte[512];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (startsWith(head, n, 'P', 'K', 3, 4) || startsWith(head, n, 'P', 'K', 5, 6)) {
      return ZIP;
    }
    if (startsWith(head, n, 0x7f, 'E', 'L', 'F') || startsWith(head, n, '#', '!')) {
      return PROGRAM;
    }
    if (startsWith(head, n, 0x1f, 0x8b)) {
      return GZIP;
    }
    if (startsWith(head, n, 0xfd, '7', 'z', 'X', 'Z', 0)) {
      return XZ;
    }
    if (startsWith(head, n, 'B', 'Z', 'h')) {
      return BZIP2;
    }
    if (n >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
      return TAR;
    }
    return UNKNOWN;
  }

  private static boolean startsWith(byte[] head, int n, int... magic) {
    if (n < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first bytes as text, for the error that says what was served instead of a release. */
  static String preview(Path file) throws IOException {
    byte[] head = new byte[60];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      char c = (char) (head[i] & 0xff);
      text.append(c >= ' ' && c < 0x7f ? c : '.');
    }
    return text.toString();
  }
}
