package dev.liftoff.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of the contract with their three spellings: property, environment variable and
 * flag. The families {@code env.NAME} and {@code before.N} are spelled in {@link Family}.
 */
public enum Setting {
  URL("url", "the release: https://, file: or a path", Kind.TEXT),
  SHA256("sha256", "the archive's expected SHA-256, in hex", Kind.TEXT),
  CHECKSUMS_URL("checksums-url", "a sha256sum/sha512sum-style file listing the archive", Kind.TEXT),
  CHECKSUMS_SIGNATURE_URL(
      "checksums-signature-url", "a signature of the list at checksums-url", Kind.TEXT),
  SIGNATURE_URL("signature-url", "a signature of the archive (OpenPGP, minisign, SSH)", Kind.TEXT),
  PUBLIC_KEY("public-key", "the vendor's key, or a file holding it, that made the signatures",
      Kind.TEXT),
  BINARY("binary", "the program inside the archive (path or glob); without url, a command", Kind.TEXT),
  ARGS("args", "the program's arguments, split like a shell splits words", Kind.TEXT),
  SKIP_BEFORE("skip-before", "true: run does not run the before steps", Kind.BOOLEAN),
  WAIT("wait", "service URLs that must accept a login (MySQL, Postgres, Redis) or a connection first", Kind.LIST),
  WAIT_TIMEOUT("wait-timeout", "how long to wait for them", Kind.DURATION, "30s"),
  CACHE_DIR("cache-dir", "where downloads and installs are kept", Kind.TEXT, ".liftoff"),
  EXEC("exec", "auto to execve into the program, never to stay as its parent", Kind.TEXT,
      "auto"),
  ALLOW_HTTP("allow-http", "true: permit http:// to hosts other than loopback", Kind.BOOLEAN),
  AUTH_HEADER("auth-header", "one 'Name: value' header for private releases", Kind.TEXT),
  DOWNLOAD_TIMEOUT(
      "download-timeout", "overall deadline for fetching", Kind.DURATION, "120s"),
  EXTRACT_MAX_ENTRIES(
      "extract-max-entries", "most entries an archive may hold", Kind.SIZE, "200000"),
  EXTRACT_MAX_BYTES("extract-max-bytes", "most bytes an archive may unpack to", Kind.SIZE, "4GiB"),
  EXTRACT_MAX_RATIO(
      "extract-max-ratio", "most times an entry may inflate its compressed size", Kind.SIZE,
      "1000"),
  OFFLINE_FALLBACK("offline-fallback",
      "false: fail when the release cannot be fetched, instead of running the install verified"
          + " for it earlier", Kind.BOOLEAN, "true"),
  BOOT_TIMEOUT("boot-timeout",
      "budget for download, wait and before steps together (default: none)", Kind.DURATION);

  /** What every variable of Liftoff's own starts with; the program never receives one. */
  public static final String VARIABLE_PREFIX = "LIFTOFF_";

  /** The variable that names the properties file; not a setting of its own. */
  static final String CONFIG_VARIABLE = variableOf("config");

  /** Turns on debug output (stack traces, debug lines) where no flag can be added: a Procfile. */
  static final String DEBUG_VARIABLE = variableOf("debug");

  /** Read by the build (the Maven profile {@code fetch-at-build}), not by the launcher. */
  static final String FETCH_AT_BUILD_VARIABLE = variableOf("fetch-at-build");

  enum Kind {
    /** Absent when not set, unless the setting has a default. */
    TEXT,
    /** {@code true} or {@code false}; false when not set, unless the setting has a default. */
    BOOLEAN,
    DURATION,
    LIST,
    /** A count or a size: 5000, 512MiB, 16GiB. */
    SIZE
  }

  private final String property;
  private final String help;
  private final Kind kind;
  private final String defaultValue;

  Setting(String property, String help, Kind kind) {
    this(property, help, kind, null);
  }

  /** @param defaultValue the value when the setting is not given, as a user would write it */
  Setting(String property, String help, Kind kind, String defaultValue) {
    this.property = property;
    this.help = help;
    this.kind = kind;
    this.defaultValue = defaultValue;
  }

  public String property() {
    return property;
  }

  public String variable() {
    return variableOf(property);
  }

  private static String variableOf(String property) {
    return VARIABLE_PREFIX + property.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The flag, or null: args come after {@code --}, and a header is never put on a command line. */
  public String flag() {
    return switch (this) {
      case ARGS, AUTH_HEADER -> null;
      default -> "--" + property;
    };
  }

  /** The line of {@code --help}, with the default read from where the loader reads it. */
  String help() {
    return defaultValue == null ? help : help + " (default " + defaultValue + ")";
  }

  Kind kind() {
    return kind;
  }

  /** The value when the setting is not given, written as a user would write it. */
  Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The settings whose several keys are one setting each: {@code env.NAME} and {@code before.N}. */
  enum Family {
    ENV("env", "NAME", "NAME", "NAME=T", "set NAME in the program's environment from template T",
        "[A-Za-z_][A-Za-z0-9_]*"),
    BEFORE("before", "N", "1", "CMD", "commands run in order before the program",
        "[1-9][0-9]{0,5}");

    final String propertyPrefix;
    final String variablePrefix;
    final String flag;
    /** What stands for a key in {@code --help}: {@code env.NAME}, {@code LIFTOFF_BEFORE_N}. */
    final String placeholder;
    /** A key to suggest when a mistyped name is nearest this family. */
    final String example;
    final String flagArgument;
    final String help;
    /** The keys a family takes: variable names, or step numbers. */
    final Pattern key;

    Family(String name, String placeholder, String example, String flagArgument, String help,
        String key) {
      this.propertyPrefix = name + ".";
      this.variablePrefix = variableOf(name) + "_";
      this.flag = "--" + name;
      this.placeholder = placeholder;
      this.example = example;
      this.flagArgument = flagArgument;
      this.help = help;
      this.key = Pattern.compile(key);
    }

    /** The family of {@code property}, if it is one of a family's keys. */
    static Optional<Family> of(String property) {
      for (Family family : values()) {
        if (property.startsWith(family.propertyPrefix)) {
          return Optional.of(family);
        }
      }
      return Optional.empty();
    }

    /** The family whose flag is {@code flag}, if any. */
    static Optional<Family> ofFlag(String flag) {
      for (Family family : values()) {
        if (family.flag.equals(flag)) {
          return Optional.of(family);
        }
      }
      return Optional.empty();
    }

    /** The key of {@code property}, which starts with this family's prefix. */
    String keyOf(String property) {
      return property.substring(propertyPrefix.length());
    }
  }
}
