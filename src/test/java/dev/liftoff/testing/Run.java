package dev.liftoff.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What one in-process run of Liftoff returned and wrote. */
public record Run(int status, String out, String err) {
  /** Collects one stream's text. */
  public static final class Capture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    public PrintStream stream() {
      return stream;
    }

    public String text() {
      stream.flush();
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** The SHA-256 of a file, in hex, as sha256sum prints it. */
  public static String sha256(java.nio.file.Path file) throws java.io.IOException {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(java.nio.file.Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether stderr shows a stack trace, which only --debug may print. */
  public boolean hasStackTrace() {
    return err.contains("\tat ") || err.contains("Exception in thread");
  }
}
