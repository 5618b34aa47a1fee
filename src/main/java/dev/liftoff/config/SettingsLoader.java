package dev.liftoff.config;

import dev.liftoff.config.Invocation.Raw;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Secret;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Merges the three sources of settings (flags over {@code LIFTOFF_} variables over the properties
 * file) and checks them. Unknown names are errors that name the nearest valid one.
 */
public final class SettingsLoader {
  static final String DEFAULT_CONFIG = "liftoff.properties";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})(KiB|MiB|GiB|K|M|G)?");
  /** One header of visible ASCII (RFC 9110 token, colon, value): OkHttp refuses anything else. */
  private static final Pattern AUTH_HEADER = Pattern.compile(
      "[!#$%&'*+.^_`|~0-9A-Za-z-]+:[ \\t]*[\\x21-\\x7e]([\\x21-\\x7e \\t]*[\\x21-\\x7e])?");

  private SettingsLoader() {}

  /** Whether LIFTOFF_DEBUG asks for debug output. */
  public static boolean debugRequested(Map<String, String> environment) {
    return "true".equalsIgnoreCase(environment.getOrDefault(Setting.DEBUG_VARIABLE, ""));
  }

  public static Settings load(Invocation invocation, Map<String, String> environment, Path cwd) {
    Optional<Path> configFile = configFile(invocation, environment, cwd);
    Map<String, Raw> fromFile = configFile.map(SettingsLoader::readFile).orElse(Map.of());
    Map<String, Raw> fromVariables = readVariables(environment);
    Map<String, Raw> merged = new HashMap<>(fromFile);
    merged.putAll(fromVariables);
    merged.putAll(invocation.flags());
    // Before steps are a sequence: the highest source that lists any gives the whole list, so
    // one --before never splices itself into the file's steps.
    for (Map<String, Raw> source : List.of(invocation.flags(), fromVariables, fromFile)) {
      if (hasFamily(source, Setting.Family.BEFORE)) {
        merged.keySet().removeIf(key -> key.startsWith(Setting.Family.BEFORE.propertyPrefix));
        source.forEach((key, raw) -> {
          if (key.startsWith(Setting.Family.BEFORE.propertyPrefix)) {
            merged.put(key, raw);
          }
        });
        break;
      }
    }
    refuseNul(merged);
    List<LaunchException> unreadable = unreadable(merged);
    if (!unreadable.isEmpty()) {
      // The first is the error; the rest ride along, so that check can list every one.
      unreadable.subList(1, unreadable.size()).forEach(unreadable.get(0)::addSuppressed);
      throw unreadable.get(0);
    }
    return typed(merged, invocation.trailingArgs(), cwd, configFile);
  }

  /**
   * A NUL ends a C string: execve would cut the argument or variable short there, silently. Only
   * the properties file can hold one ({@code \\u0000}); flags and variables are C strings already.
   */
  private static void refuseNul(Map<String, Raw> merged) {
    for (Raw raw : merged.values()) {
      if (raw.value().indexOf('\0') >= 0) {
        throw config(raw.origin() + ": holds a NUL character (\\u0000), which no argument or"
            + " variable can carry; remove it");
      }
    }
  }

  /**
   * Every typed setting read once, by the same methods as {@link #typed}, before the reading that
   * stops at the first problem: check reports all of them.
   */
  private static List<LaunchException> unreadable(Map<String, Raw> raw) {
    List<LaunchException> problems = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      try {
        switch (setting.kind()) {
          case BOOLEAN -> bool(raw, setting);
          case DURATION -> duration(raw, setting);
          case SIZE -> size(raw, setting);
          default -> {
            if (setting == Setting.EXEC) {
              execve(raw);
            }
          }
        }
      } catch (LaunchException e) {
        problems.add(e);
      }
    }
    return problems;
  }

  private static Optional<Path> configFile(
      Invocation invocation, Map<String, String> environment, Path cwd) {
    Optional<String> named = invocation.configFile();
    String origin = "--config";
    if (named.isEmpty() && environment.containsKey(Setting.CONFIG_VARIABLE)) {
      named = Optional.of(environment.get(Setting.CONFIG_VARIABLE));
      origin = Setting.CONFIG_VARIABLE;
    }
    if (named.isPresent()) {
      Path file = cwd.resolve(named.get());
      if (!Files.isRegularFile(file)) {
        throw config(origin + ": no properties file at " + file
            + "; fix the path or remove " + origin);
      }
      return Optional.of(file);
    }
    Path defaultFile = cwd.resolve(DEFAULT_CONFIG);
    return Files.isRegularFile(defaultFile) ? Optional.of(defaultFile) : Optional.empty();
  }

  private static Map<String, Raw> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw config(file + ": cannot be read as a properties file: " + e.getMessage());
    }
    Map<String, Raw> raw = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      String origin = key + " in " + file.getFileName();
      if (!isProperty(key)) {
        throw config(file + ": unknown property '" + key + "'; did you mean '"
            + Nearest.to(key, knownProperties()) + "'?");
      }
      raw.put(key, new Raw(properties.getProperty(key), origin));
    }
    return raw;
  }

  private static Map<String, Raw> readVariables(Map<String, String> environment) {
    Map<String, Raw> raw = new HashMap<>();
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      if (!name.startsWith(Setting.VARIABLE_PREFIX)
          || name.equals(Setting.CONFIG_VARIABLE)
          || name.equals(Setting.DEBUG_VARIABLE)
          || name.equals(Setting.FETCH_AT_BUILD_VARIABLE)) {
        continue;
      }
      String key = propertyOf(name);
      if (key == null) {
        throw config("unknown variable " + name + "; did you mean "
            + Nearest.to(name, knownVariables()) + "? (unset it, or see --help)");
      }
      raw.put(key, new Raw(variable.getValue(), name));
    }
    return raw;
  }

  private static String propertyOf(String variable) {
    for (Setting setting : Setting.values()) {
      if (setting.variable().equals(variable)) {
        return setting.property();
      }
    }
    for (Setting.Family family : Setting.Family.values()) {
      if (variable.startsWith(family.variablePrefix)) {
        String key = family.propertyPrefix + variable.substring(family.variablePrefix.length());
        return isProperty(key) ? key : null;
      }
    }
    return null;
  }

  private static boolean isProperty(String key) {
    for (Setting setting : Setting.values()) {
      if (setting.property().equals(key)) {
        return true;
      }
    }
    Optional<Setting.Family> family = Setting.Family.of(key);
    return family.isPresent() && family.get().key.matcher(family.get().keyOf(key)).matches();
  }

  private static List<String> knownProperties() {
    return known(Setting::property, family -> family.propertyPrefix);
  }

  private static List<String> knownVariables() {
    List<String> names = known(Setting::variable, family -> family.variablePrefix);
    names.addAll(List.of(Setting.CONFIG_VARIABLE, Setting.DEBUG_VARIABLE,
        Setting.FETCH_AT_BUILD_VARIABLE));
    return names;
  }

  /** Every name in one spelling, a family's by an example key: for "did you mean". */
  private static List<String> known(Function<Setting, String> spelling,
      Function<Setting.Family, String> prefix) {
    List<String> names = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      names.add(spelling.apply(setting));
    }
    for (Setting.Family family : Setting.Family.values()) {
      names.add(prefix.apply(family) + family.example);
    }
    return names;
  }

  private static boolean hasFamily(Map<String, Raw> source, Setting.Family family) {
    for (String key : source.keySet()) {
      if (key.startsWith(family.propertyPrefix)) {
        return true;
      }
    }
    return false;
  }

  private static Settings typed(
      Map<String, Raw> raw, Optional<List<String>> trailingArgs, Path cwd,
      Optional<Path> configFile) {
    Optional<String> url = text(raw, Setting.URL);
    if (url.isEmpty() && text(raw, Setting.BINARY).isEmpty()) {
      throw config("url is not set: set " + Setting.URL.variable()
          + ", --url or url in liftoff.properties to the release to run"
          + " (or binary, to run a program already on this machine)");
    }
    Settings.Program program = program(raw, trailingArgs);
    Settings.Verification verification = verification(raw);
    Optional<String> authHeader = text(raw, Setting.AUTH_HEADER);
    if (authHeader.isPresent() && !AUTH_HEADER.matcher(authHeader.get()).matches()) {
      throw config(origin(raw, Setting.AUTH_HEADER) + ": write one header as 'Name: value' in"
          + " visible ASCII, e.g. 'Authorization: Bearer TOKEN', with no line break or control"
          + " character (the value is not shown here)");
    }
    List<String> wait = new ArrayList<>();
    for (String item : text(raw, Setting.WAIT).orElse("").split(",")) {
      if (!item.isBlank()) {
        wait.add(item.strip());
      }
    }
    return new Settings(
        new Settings.Source(
            url,
            authHeader.map(Secret::new),
            bool(raw, Setting.ALLOW_HTTP),
            duration(raw, Setting.DOWNLOAD_TIMEOUT).orElseThrow(),
            cwd.resolve(value(raw, Setting.CACHE_DIR).orElseThrow()).normalize(),
            bool(raw, Setting.OFFLINE_FALLBACK)),
        verification,
        new Settings.Extraction(
            size(raw, Setting.EXTRACT_MAX_ENTRIES),
            size(raw, Setting.EXTRACT_MAX_BYTES),
            Math.max(1, size(raw, Setting.EXTRACT_MAX_RATIO))),
        new Settings.Wait(List.copyOf(wait), duration(raw, Setting.WAIT_TIMEOUT).orElseThrow()),
        program,
        duration(raw, Setting.BOOT_TIMEOUT),
        configFile);
  }

  /** The verification settings, with the checks between them: written here alone. */
  private static Settings.Verification verification(Map<String, Raw> raw) {
    Optional<String> sha256 = text(raw, Setting.SHA256);
    if (sha256.isPresent() && !SHA256.matcher(sha256.get()).matches()) {
      throw config(origin(raw, Setting.SHA256) + ": '" + sha256.get()
          + "' is not a SHA-256 (64 hex digits, as sha256sum prints)");
    }
    Optional<String> publicKey = text(raw, Setting.PUBLIC_KEY);
    for (Setting signature : List.of(Setting.SIGNATURE_URL, Setting.CHECKSUMS_SIGNATURE_URL)) {
      if (text(raw, signature).isPresent() && publicKey.isEmpty()) {
        throw config(origin(raw, signature) + " is set without public-key; set "
            + Setting.PUBLIC_KEY.variable() + " to the vendor's key (an OpenPGP key block or the"
            + " path of a file holding it, a minisign RW... key, or an ssh-ed25519 line)");
      }
    }
    Optional<String> checksumsSignatureUrl = text(raw, Setting.CHECKSUMS_SIGNATURE_URL);
    if (checksumsSignatureUrl.isPresent() && text(raw, Setting.CHECKSUMS_URL).isEmpty()) {
      throw config(origin(raw, Setting.CHECKSUMS_SIGNATURE_URL) + " is set without checksums-url;"
          + " set " + Setting.CHECKSUMS_URL.variable() + " to the list it signs");
    }
    return new Settings.Verification(
        sha256.map(s -> s.toLowerCase(java.util.Locale.ROOT)),
        text(raw, Setting.CHECKSUMS_URL),
        checksumsSignatureUrl,
        text(raw, Setting.SIGNATURE_URL),
        publicKey);
  }

  /** The program, its arguments, environment and before steps. */
  private static Settings.Program program(Map<String, Raw> raw,
      Optional<List<String>> trailingArgs) {
    SortedMap<String, String> env = new TreeMap<>();
    SortedMap<Integer, List<String>> before = new TreeMap<>();
    for (Map.Entry<String, Raw> entry : raw.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith(Setting.Family.ENV.propertyPrefix)) {
        String name = Setting.Family.ENV.keyOf(key);
        if (name.startsWith(Setting.VARIABLE_PREFIX)) {
          throw config(entry.getValue().origin() + ": the program's environment never holds "
              + Setting.VARIABLE_PREFIX + " variables; choose another name");
        }
        if (!Setting.Family.ENV.key.matcher(name).matches()) {
          throw config(entry.getValue().origin() + ": '" + name
              + "' is not a variable name (letters, digits and _, not starting with a digit)");
        }
        env.put(name, entry.getValue().value());
      } else if (key.startsWith(Setting.Family.BEFORE.propertyPrefix)) {
        int n = Integer.parseInt(Setting.Family.BEFORE.keyOf(key));
        List<String> words = words(entry.getValue());
        if (!words.isEmpty()) {
          before.put(n, words);
        }
      }
    }
    List<String> args = trailingArgs.orElseGet(
        () -> raw.containsKey(Setting.ARGS.property()) ? words(raw.get(Setting.ARGS.property()))
            : List.of());
    return new Settings.Program(
        text(raw, Setting.BINARY),
        List.copyOf(args),
        Collections.unmodifiableSortedMap(env),
        List.copyOf(before.values()),
        bool(raw, Setting.SKIP_BEFORE),
        execve(raw));
  }

  private static Optional<String> text(Map<String, Raw> raw, Setting setting) {
    Raw value = raw.get(setting.property());
    return value == null || value.value().isBlank()
        ? Optional.empty()
        : Optional.of(value.value().strip());
  }

  /** The setting as given, else its default. */
  private static Optional<String> value(Map<String, Raw> raw, Setting setting) {
    return text(raw, setting).or(setting::defaultValue);
  }

  private static String origin(Map<String, Raw> raw, Setting setting) {
    return raw.get(setting.property()).origin();
  }

  private static boolean bool(Map<String, Raw> raw, Setting setting) {
    Optional<String> value = value(raw, setting);
    if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
      return false;
    }
    if (value.get().equalsIgnoreCase("true")) {
      return true;
    }
    throw config(origin(raw, setting) + ": '" + value.get() + "' is not true or false");
  }

  private static Optional<Duration> duration(Map<String, Raw> raw, Setting setting) {
    Optional<String> value = value(raw, setting);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> duration = Durations.parse(value.get());
    if (duration.isEmpty()) {
      throw config(origin(raw, setting) + ": '" + value.get()
          + "' is not a duration; write it like 500ms, 30s or 2m");
    }
    return duration;
  }

  /** A count or a size; every such setting has a default. */
  private static long size(Map<String, Raw> raw, Setting setting) {
    Optional<String> value = value(raw, setting);
    java.util.regex.Matcher m = SIZE.matcher(value.get());
    if (!m.matches()) {
      throw config(origin(raw, setting) + ": '" + value.get()
          + "' is not a count or size; write it like 5000, 512MiB or 16GiB");
    }
    long unit = switch (m.group(2) == null ? "" : m.group(2)) {
      case "KiB", "K" -> 1L << 10;
      case "MiB", "M" -> 1L << 20;
      case "GiB", "G" -> 1L << 30;
      default -> 1;
    };
    return Math.multiplyHigh(Long.parseLong(m.group(1)), unit) != 0 ? Long.MAX_VALUE
        : Long.parseLong(m.group(1)) * unit;
  }

  private static boolean execve(Map<String, Raw> raw) {
    String mode = value(raw, Setting.EXEC).orElseThrow();
    return switch (mode) {
      case "auto" -> true;
      case "never" -> false;
      default -> throw config(origin(raw, Setting.EXEC) + ": '" + mode
          + "' is not an exec mode; use auto (execve) or never (stay as the parent)");
    };
  }

  private static List<String> words(Raw raw) {
    try {
      return ShellWords.split(raw.value());
    } catch (IllegalArgumentException e) {
      // The value is not shown: arguments may hold a password.
      throw config(raw.origin() + ": " + e.getMessage() + "; quote as a POSIX shell does");
    }
  }

  private static LaunchException config(String message) {
    return new LaunchException(Status.CONFIG, message);
  }
}
