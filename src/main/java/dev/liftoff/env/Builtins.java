package dev.liftoff.env;

import dev.liftoff.core.Machine;
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

  static String arch() {
    return Machine.arch();
  }
}
