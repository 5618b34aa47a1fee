package dev.liftoff.core;

import java.util.Locale;

/** The machine this JVM runs on, read from {@code os.arch} in one place. */
public final class Machine {
  private Machine() {}

  /**
   * The architecture in the spelling release assets use (Go's): amd64 or arm64; any other
   * {@code os.arch} as the JVM says it, in lower case.
   */
  public static String arch() {
    return arch(System.getProperty("os.arch"));
  }

  static String arch(String osArch) {
    String arch = osArch.toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }
}
