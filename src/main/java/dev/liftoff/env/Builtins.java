package dev.liftoff.env;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code liftoff.} names of templates: this machine, and the install once it exists. */
public final class Builtins {
  private Builtins() {}

  /** The names known before anything is installed: {@code liftoff.os} and {@code liftoff.arch}. */
  public static Map<String, String> machine() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("liftoff.os", os());
    names.put("liftoff.arch", arch());
    return names;
  }

  /** All names, once the binary is installed. */
  public static Map<String, String> installed(Path binary, Path dir) {
    Map<String, String> names = machine();
    names.put("liftoff.binary", binary.toString());
    names.put("liftoff.dir", dir.toString());
    return names;
  }

  static String os() {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (name.startsWith("mac") || name.startsWith("darwin")) {
      return "darwin";
    }
    return name.startsWith("windows") ? "windows" : name.replace(' ', '-');
  }

  /** The architecture in the spelling release assets use (Go's): amd64, arm64. */
  static String arch() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }
}
