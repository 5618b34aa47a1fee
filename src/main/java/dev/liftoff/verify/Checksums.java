package dev.liftoff.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A published checksums file: {@code sha256sum} lines ({@code HEX  NAME}, {@code HEX *NAME}) as
 * goreleaser and most release tools write them, or BSD lines ({@code SHA256 (NAME) = HEX}).
 */
final class Checksums {
  private static final Pattern GNU = Pattern.compile("^\\\\?([0-9a-fA-F]{64})[ \\t]+\\*?(.+?)\\s*$");
  private static final Pattern BSD =
      Pattern.compile("^SHA256 ?\\((.+)\\) ?= ?([0-9a-fA-F]{64})\\s*$");

  private final Map<String, String> byName = new LinkedHashMap<>();

  Checksums(String text) {
    for (String line : text.split("\\R")) {
      Matcher gnu = GNU.matcher(line);
      Matcher bsd = BSD.matcher(line);
      if (gnu.matches()) {
        byName.put(clean(gnu.group(2)), gnu.group(1).toLowerCase(Locale.ROOT));
      } else if (bsd.matches()) {
        byName.put(clean(bsd.group(1)), bsd.group(2).toLowerCase(Locale.ROOT));
      }
    }
  }

  private static String clean(String name) {
    return name.startsWith("./") ? name.substring(2) : name;
  }

  /** The digest listed for {@code name}, matched whole or by its last path element. */
  String digestOf(String name) {
    String exact = byName.get(name);
    if (exact != null) {
      return exact;
    }
    String found = null;
    for (Map.Entry<String, String> entry : byName.entrySet()) {
      String listed = entry.getKey();
      String base = listed.substring(listed.lastIndexOf('/') + 1);
      if (base.equals(name)) {
        if (found != null && !found.equals(entry.getValue())) {
          return null;
        }
        found = entry.getValue();
      }
    }
    return found;
  }

  List<String> names() {
    return new ArrayList<>(byName.keySet());
  }
}
