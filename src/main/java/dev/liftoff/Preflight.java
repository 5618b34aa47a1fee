package dev.liftoff;

import dev.liftoff.config.Settings;
import dev.liftoff.core.CacheFolder;
import dev.liftoff.core.Hosts;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Secrets;
import dev.liftoff.core.Status;
import dev.liftoff.env.Builtins;
import dev.liftoff.env.Environment;
import dev.liftoff.env.Url;
import dev.liftoff.prepare.Readiness;
import dev.liftoff.verify.Verifiers;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every check that needs no network, made before the first byte is fetched: {@code run} stops at
 * the first problem, {@code check} reports them all. Both call {@link #problems}, so what {@code
 * check} calls fine is what {@code run} accepts. Each template is expanded once, with stand-ins
 * for the install's paths, so an unset variable or a typo fails in a second rather than after the
 * download.
 */
final class Preflight {
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*", Pattern.DOTALL);

  private final Settings settings;
  private final Environment machine;
  private final Environment installed;
  private final Path cwd;
  private final Secrets secrets;

  private Preflight(Settings settings, Map<String, String> environment, Path cwd,
      Secrets secrets) {
    this.settings = settings;
    this.cwd = cwd;
    this.secrets = secrets;
    this.machine = new Environment(environment, Builtins.machine());
    this.installed = new Environment(environment, Builtins.installed(
        cwd.resolve(".liftoff-check/binary"), cwd.resolve(".liftoff-check")));
  }

  /** How much a command checks before its first network call. */
  enum Scope {
    /**
     * {@code fetch}: the URLs alone. It is a build step (Dockerfile RUN, Maven, buildpack), where
     * the runtime's variables (the database's URL, PORT) do not exist yet.
     */
    BUILD_STEP,
    /** {@code run}, {@code release}, {@code env}: the URLs and every template. */
    BOOT,
    /** {@code check}: also the keys and the cache folder, which a boot reads later, if at all. */
    CHECK
  }

  /**
   * The problems a command would meet before its first network call, in the order it would meet
   * them. What the templates expand to joins {@code secrets} here, before anything can print it.
   */
  static List<LaunchException> problems(Settings settings, Map<String, String> environment,
      Path cwd, Scope scope, Secrets secrets) {
    return new Preflight(settings, environment, cwd, secrets).problems(scope);
  }

  private List<LaunchException> problems(Scope scope) {
    List<Runnable> checks = new ArrayList<>();
    Settings.Verification verification = settings.verification();
    settings.source().url().ifPresent(url -> checks.add(() -> release("url", url)));
    verification.checksumsUrl().ifPresent(url -> checks.add(() -> release("checksums-url", url)));
    verification.signatureUrl().ifPresent(url -> checks.add(() -> release("signature-url", url)));
    verification.checksumsSignatureUrl().ifPresent(
        url -> checks.add(() -> release("checksums-signature-url", url)));
    if (scope == Scope.CHECK) {
      checks.add(this::cacheFolder);
      // run reads the keys just before its download (Launcher: verifier, then fetch), never on a
      // cached boot, where parsing a key would cost milliseconds for nothing.
      checks.add(this::keys);
    }
    if (scope != Scope.BUILD_STEP) {
      Settings.Program program = settings.program();
      checks.add(() -> secrets.addWords(installed.expandWords("args", program.args())));
      for (int i = 0; i < program.before().size(); i++) {
        String step = "before." + (i + 1);
        List<String> words = program.before().get(i);
        checks.add(() -> secrets.addWords(installed.expandWords(step, words)));
      }
      program.env().forEach((name, template) -> checks.add(() -> secrets.addVariable(name,
          installed.expand("env." + name, template))));
      for (String template : settings.waitFor().urls()) {
        // A template is named; a value written in the setting is the value, which is not shown.
        String named = template.contains("${") ? "'" + template + "'" : "its value";
        checks.add(() -> Readiness.target(named, installed.expand("wait", template)));
      }
    }
    List<LaunchException> problems = new ArrayList<>();
    for (Runnable check : checks) {
      try {
        check.run();
      } catch (LaunchException e) {
        problems.add(e);
      }
    }
    return problems;
  }

  /** The verification settings as run reads them: a key that cannot be parsed is refused. */
  private void keys() {
    String url = settings.source().url().map(u -> machine.expand("url", u)).orElse("");
    Verifiers.forSettings(asked(settings, machine, url, cwd), published -> {
      throw new IllegalStateException("check reads nothing from the network");
    }, new Log(new PrintStream(OutputStream.nullOutputStream()), false));
  }

  /**
   * What the verify stage is asked for {@code url}, its URLs expanded with the machine's
   * variables: one place, so that {@code check} parses the very keys {@code run} will.
   */
  static Verifiers.Asked asked(Settings settings, Environment machine, String url, Path cwd) {
    Settings.Verification asked = settings.verification();
    return new Verifiers.Asked(asked.sha256(),
        asked.checksumsUrl().map(u -> machine.expand("checksums-url", u)),
        asked.checksumsSignatureUrl().map(u -> machine.expand("checksums-signature-url", u)),
        asked.signatureUrl().map(u -> machine.expand("signature-url", u)),
        asked.publicKey(), url, cwd, settings.source().cacheDir());
  }

  /**
   * The cache folder's owner, modes and links, as run checks them before fetching into it ({@code
   * Launcher}); check looks only at a folder that exists, since trusting one creates it.
   */
  private void cacheFolder() {
    Path cacheDir = settings.source().cacheDir();
    if (settings.source().url().isPresent() && Files.isDirectory(cacheDir)) {
      CacheFolder.trust(cacheDir);
    }
  }

  /** A release URL: https; http only to loopback or with allow-http; file: or a plain path. */
  private void release(String setting, String template) {
    String url = machine.expand(setting, template);
    var scheme = SCHEME.matcher(url);
    if (!scheme.matches()) {
      return; // a plain path: whether it exists is the fetch's question
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    switch (name) {
      case "https", "http" -> {
        String host = webHost(setting, url);
        if (name.equals("http") && !settings.source().allowHttp() && !Hosts.isLoopback(host)) {
          throw config(setting + ": refusing plain http:// to " + host
              + " (anyone on the way could change the release); use https://, or set"
              + " allow-http=true if the network is trusted");
        }
      }
      case "file" -> {}
      default -> throw config(setting + ": unsupported scheme '" + name
          + "'; use https://, file: or a path");
    }
  }

  /**
   * The host of an http(s) URL, after its port is checked. Only the authority is read: the path
   * and query are the server's business (a presigned URL's escapes are not ours to judge).
   */
  private static String webHost(String setting, String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      throw config(setting + ": '" + Redact.urls(url) + "' has no // after its scheme;"
          + " write it like https://host/path");
    }
    String authority = url.substring(start + 3);
    for (char end : new char[] {'/', '?', '#'}) {
      int at = authority.indexOf(end);
      authority = at >= 0 ? authority.substring(0, at) : authority;
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int close = hostPort.lastIndexOf(']');
    int colon = hostPort.lastIndexOf(':');
    String host = colon > close ? hostPort.substring(0, colon) : hostPort;
    String port = colon > close ? hostPort.substring(colon + 1) : "";
    if (host.isEmpty() || host.equals("[]")) {
      throw config(setting + ": '" + Redact.urls(url) + "' has no host; write it like"
          + " https://host/path");
    }
    if (!port.isEmpty() && !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // Neither the URL nor the port is shown: in https://user:password without its @host the
      // port is the password, and with no @ Redact cannot tell.
      throw config(setting + ": its port is not a number (a password needs an @ and the host"
          + " after it); the value is not shown; fix " + setting);
    }
    if (!port.isEmpty() && !validPort(port)) {
      throw config(setting + ": " + Redact.urls(url) + " has port '" + port
          + "', not a number in 1-65535; fix the port");
    }
    return host;
  }

  private static boolean validPort(String text) {
    if (!text.matches("[0-9]{1,5}")) {
      return false;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65_535;
  }

  /** A wait URL: a scheme, a host, and a port of its own or its scheme's. */
  private static Url parsed(String setting, String url, String example) {
    Url parsed;
    try {
      parsed = Url.parse(url);
    } catch (IllegalArgumentException e) {
      throw config(setting + ": '" + Redact.urls(url) + "' is not a URL like " + example + " ("
          + Messages.cause(e) + "); fix " + setting);
    }
    int port = parsed.portOrDefault();
    if (port == 0 || port > 65_535) {
      throw config(setting + ": " + Redact.urls(url) + " has port " + port
          + ", outside 1-65535; fix the port");
    }
    return parsed;
  }

  private static LaunchException config(String message) {
    return new LaunchException(Status.CONFIG, message);
  }
}
