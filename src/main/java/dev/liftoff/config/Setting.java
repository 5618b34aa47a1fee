package dev.liftoff.config;

import java.util.Locale;

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
  WAIT_TIMEOUT("wait-timeout", "how long to wait for them (default 30s)", Kind.DURATION),
  CACHE_DIR("cache-dir", "where downloads and installs are kept (default .liftoff)", Kind.TEXT),
  EXEC("exec", "auto (execve into the program) or never (stay as its parent)", Kind.TEXT),
  ALLOW_HTTP("allow-http", "true: permit http:// to hosts other than loopback", Kind.BOOLEAN),
  AUTH_HEADER("auth-header", "one 'Name: value' header for private releases", Kind.TEXT),
  DOWNLOAD_TIMEOUT(
      "download-timeout", "overall deadline for fetching (default 120s)", Kind.DURATION),
  EXTRACT_MAX_ENTRIES("extract-max-entries", "most entries an archive may hold (200000)", Kind.SIZE),
  EXTRACT_MAX_BYTES("extract-max-bytes", "most bytes an archive may unpack to (4GiB)", Kind.SIZE),
  EXTRACT_MAX_RATIO(
      "extract-max-ratio", "most times an entry may inflate its compressed size (1000)", Kind.SIZE),
  OFFLINE_FALLBACK("offline-fallback",
      "false: fail when the release cannot be fetched, instead of running the install verified"
          + " for it earlier (default true)", Kind.BOOLEAN),
  BOOT_TIMEOUT("boot-timeout",
      "budget for download, wait and before steps together (default: none)", Kind.DURATION);

  enum Kind {
    TEXT,
    BOOLEAN,
    DURATION,
    LIST,
    /** A count or a size: 5000, 512MiB, 16GiB. */
    SIZE
  }

  private final String property;
  private final String help;
  private final Kind kind;

  Setting(String property, String help, Kind kind) {
    this.property = property;
    this.help = help;
    this.kind = kind;
  }

  public String property() {
    return property;
  }

  public String variable() {
    return "LIFTOFF_" + property.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The flag, or null: args come after {@code --}, and a header is never put on a command line. */
  public String flag() {
    return switch (this) {
      case ARGS, AUTH_HEADER -> null;
      default -> "--" + property;
    };
  }

  String help() {
    return help;
  }

  Kind kind() {
    return kind;
  }

  /** The settings whose several keys are one setting each: {@code env.NAME} and {@code before.N}. */
  enum Family {
    ENV("env.", "LIFTOFF_ENV_", "--env"),
    BEFORE("before.", "LIFTOFF_BEFORE_", "--before");

    final String propertyPrefix;
    final String variablePrefix;
    final String flag;

    Family(String propertyPrefix, String variablePrefix, String flag) {
      this.propertyPrefix = propertyPrefix;
      this.variablePrefix = variablePrefix;
      this.flag = flag;
    }
  }

  /** The variable that names the properties file; not a setting of its own. */
  static final String CONFIG_VARIABLE = "LIFTOFF_CONFIG";

  /** Turns on debug output (stack traces, debug lines) where no flag can be added: a Procfile. */
  static final String DEBUG_VARIABLE = "LIFTOFF_DEBUG";

  /** Read by the build (the Maven profile {@code fetch-at-build}), not by the launcher. */
  static final String FETCH_AT_BUILD_VARIABLE = "LIFTOFF_FETCH_AT_BUILD";
}
