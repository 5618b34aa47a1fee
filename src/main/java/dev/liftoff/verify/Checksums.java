package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A published checksums file in any of the shapes vendors use: {@code sha256sum} and
 * {@code sha512sum} lines ({@code HEX  NAME}, {@code HEX *NAME}), BSD lines
 * ({@code SHA256 (NAME) = HEX}), or a file that is one digest alone. The algorithm is told by the
 * digest's length, or by the BSD tag.
 */
final class Checksums {
  private static final Pattern GNU =
      Pattern.compile("^\\\\?([0-9a-fA-F]{32,128})[ \\t]+\\*?(.+)$");
  private static final Pattern BSD =
      Pattern.compile("^(SHA256|SHA512|SHA1|MD5) ?\\((.+)\\) ?= ?([0-9a-fA-F]+)\\s*$");
  /** Longer lines are no vendor's, and would let a hostile list make the patterns work hard. */
  private static final int MAX_LINE = 4096;
  private static final Pattern ALONE = Pattern.compile("^([0-9a-fA-F]{32,128})$");

  /** One digest as listed: the algorithm's JDK name, and the name beside it (empty when alone). */
  record Listed(String algorithm, String hex, String name) {}

  private final Map<String, Listed> byName = new LinkedHashMap<>();
  private final List<String> weak = new ArrayList<>();

  /**
   * @param label the setting the list came from, for messages
   */
  Checksums(String text, String label) {
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.length() > MAX_LINE) {
        continue;
      }
      Matcher gnu = GNU.matcher(line);
      Matcher bsd = BSD.matcher(line);
      Matcher alone = ALONE.matcher(line);
      if (bsd.matches()) {
        add(bsd.group(1), bsd.group(3), clean(bsd.group(2)), label);
      } else if (gnu.matches()) {
        add(byLength(gnu.group(1)), gnu.group(1), clean(gnu.group(2)), label);
      } else if (alone.matches()) {
        add(byLength(alone.group(1)), alone.group(1), "", label);
      }
    }
    if (byName.isEmpty() && !weak.isEmpty()) {
      throw new LaunchException(Status.DATA, label + " lists only " + String.join(" and ", weak)
          + " digests, which are too weak to prove anything (SHA-256 or SHA-512 are needed);"
          + " nothing was installed");
    }
  }

  private static String byLength(String hex) {
    return switch (hex.length()) {
      case 64 -> "SHA256";
      case 128 -> "SHA512";
      case 40 -> "SHA1";
      case 32 -> "MD5";
      default -> "";
    };
  }

  private void add(String tag, String hex, String name, String label) {
    String algorithm = switch (tag) {
      case "SHA256" -> hex.length() == 64 ? "SHA-256" : "";
      case "SHA512" -> hex.length() == 128 ? "SHA-512" : "";
      case "SHA1", "MD5" -> {
        if (!weak.contains(tag)) {
          weak.add(tag);
        }
        yield "";
      }
      default -> "";
    };
    if (algorithm.isEmpty()) {
      return;
    }
    Listed listed = new Listed(algorithm, hex.toLowerCase(Locale.ROOT), name);
    Listed before = byName.putIfAbsent(name, listed);
    if (before != null && !before.equals(listed)) {
      throw new LaunchException(Status.DATA, label + " lists "
          + (name.isEmpty() ? "a digest" : name) + " twice with two different digests ("
          + before.hex() + " and " + listed.hex() + "); nothing was installed");
    }
  }

  private static String clean(String name) {
    return name.startsWith("./") ? name.substring(2) : name;
  }

  /**
   * The digest listed for {@code name}: matched whole, or by its last path element when that is
   * unambiguous; or the only digest of a list that has one line, whatever name it gives (see
   * {@link Listed#name()}: the caller warns when it is not {@code name}).
   */
  Optional<Listed> find(String name) {
    Listed exact = byName.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    Listed found = null;
    for (Listed listed : byName.values()) {
      String base = listed.name().substring(listed.name().lastIndexOf('/') + 1);
      if (base.equals(name)) {
        if (found != null && !found.hex().equals(listed.hex())) {
          return Optional.empty();
        }
        found = listed;
      }
    }
    if (found == null && byName.size() == 1) {
      found = byName.values().iterator().next();
    }
    return Optional.ofNullable(found);
  }

  List<String> names() {
    return new ArrayList<>(byName.keySet());
  }
}
