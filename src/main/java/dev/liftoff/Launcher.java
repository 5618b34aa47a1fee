package dev.liftoff;

import dev.liftoff.archive.Fetched;
import dev.liftoff.archive.Install;
import dev.liftoff.archive.Installed;
import dev.liftoff.archive.Limits;
import dev.liftoff.config.Command;
import dev.liftoff.config.Settings;
import dev.liftoff.core.CacheFolder;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Secrets;
import dev.liftoff.core.Status;
import dev.liftoff.env.Builtins;
import dev.liftoff.env.CloudFoundry;
import dev.liftoff.env.Environment;
import dev.liftoff.exec.Exec;
import dev.liftoff.exec.LaunchPlan;
import dev.liftoff.exec.Programs;
import dev.liftoff.fetch.Download;
import dev.liftoff.fetch.Fetcher;
import dev.liftoff.fetch.Release;
import dev.liftoff.prepare.BeforeSteps;
import dev.liftoff.prepare.Readiness;
import dev.liftoff.verify.Verifier;
import dev.liftoff.verify.Verifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pipeline: settings, fetch, verify, install, environment, wait, before, exec. */
final class Launcher {
  private static final long MAX_PUBLISHED_BYTES = 1 << 20;

  private final Settings settings;
  private final Map<String, String> environment;
  private final Path cwd;
  private final PrintStream out;
  private final Log log;
  private final boolean terminal;
  private final Secrets secrets;

  Launcher(Settings settings, Map<String, String> environment, Path cwd, PrintStream out,
      Log log, boolean terminal, Secrets secrets) {
    this.settings = settings;
    this.environment = CloudFoundry.normalize(environment);
    this.cwd = cwd;
    this.out = out;
    this.log = log;
    this.terminal = terminal;
    this.secrets = secrets;
  }

  /** Runs {@code command}; returns its status, or never returns when it execs. */
  int run(Command command, boolean showSecrets) {
    BootClock clock = BootClock.start(settings.bootTimeout(), log);
    try {
      return run(command, showSecrets, clock);
    } finally {
      clock.finish(); // waits, when the budget ran out, for the watchdog's verdict and halt
    }
  }

  private int run(Command command, boolean showSecrets, BootClock clock) {
    Preflight.problems(settings, environment, cwd, command, secrets).stream().findFirst()
        .ifPresent(e -> { throw e; });                                  // before download
    settings.url().ifPresent(u -> CacheFolder.trust(settings.cacheDir()));   // a cache of our own
    clock.enter("install");
    Installed installed = cached(command).orElseGet(() -> fetched(command, clock));
    clock.leave();
    if (command == Command.FETCH) {
      settings.url().ifPresent(u -> Fetched.record(settings.cacheDir(), url(), installed));
      out.println(installed.binary());
      return 0;
    }
    Templates templates = new Templates(installed);
    Environment.Translated translated = templates.translated();         // environment
    LaunchPlan plan = templates.plan(translated);
    if (command == Command.ENV) {
      Environment.lines(translated, showSecrets).forEach(out::println);
      return 0;
    }
    clock.enter("wait");
    Readiness.await(templates.waitUrls(), settings.waitTimeout(), log);  // wait
    clock.enter("before");
    if (command == Command.RELEASE || !settings.skipBefore()) {
      BeforeSteps.run(templates.beforeSteps(), plan.env(), cwd, installed.dir(), log); // before
    }
    if (command == Command.RELEASE) {
      return 0;
    }
    clock.ready();
    return exec(plan);                                                  // exec
  }

  /**
   * Fetches, verifies and installs the release. When the origin cannot be reached and an install
   * was verified for this URL under these same verification settings, {@code run}, {@code
   * release} and {@code env} use it (after one retry, not the whole download-timeout: the
   * platform's boot window is shorter); {@code fetch}, the build step, must see the failure.
   */
  private Installed fetched(Command command, BootClock clock) {
    Fetcher.prepare(download());          // its client is built while the verifier is set up
    String key = OfflineCopies.key(url(), List.of(settings.sha256(), settings.checksumsUrl(),
        settings.signatureUrl(), settings.publicKey(), settings.checksumsSignatureUrl()));
    Verifier verifier = verifier();        // reads public-key first: a bad key fails before fetch
    // The installs' folder, as archive.Install lays it out: checked without loading it.
    Optional<String> offline = command == Command.FETCH || !settings.offlineFallback()
        ? Optional.empty() : OfflineCopies.sha256For(settings.cacheDir(), key).filter(
            sha -> Files.isDirectory(settings.cacheDir().resolve("installs").resolve(sha)));
    clock.enter("fetch");
    return switch (Fetcher.attempt(download(), cwd, log,
        offline.isPresent() ? Fetcher.ONE_RETRY : Fetcher.ALL_ATTEMPTS)) {      // fetch
      case Fetcher.Outcome.Fetched(Release release) -> {
        clock.enter("verify");
        verifier.verify(release);                                       // verify
        clock.enter("install");
        Installed installed = Install.install(release, settings.cacheDir(), settings.binary(),
            limits(), log);                                             // install
        OfflineCopies.record(settings.cacheDir(), key, release.sha256());
        yield installed;
      }
      case Fetcher.Outcome.Unreachable(LaunchException failure, String why) -> {
        Installed standIn = offline.flatMap(sha -> Install.cached(settings.cacheDir(), sha,
            settings.binary(), log)).orElseThrow(() -> failure);
        log.warn("offline", "url", url(), "install", standIn.dir(), "error", why);
        yield standIn;
      }
    };
  }

  /** {@code check}: the report of {@link Check}, verdict first. */
  int check() {
    return Check.of(settings, environment, cwd, secrets).print(out);
  }

  /**
   * The install of a pinned digest, or of what a build step's {@code fetch} installed for this
   * URL, when it is complete: then nothing is fetched.
   */
  private Optional<Installed> cached(Command command) {
    if (settings.url().isEmpty()) {
      return Optional.of(new Installed(cwd,
          Programs.resolve(settings.binary().orElseThrow(), environment, cwd)));
    }
    // fetch itself always asks the source again: it is the build step that refreshes the record.
    Optional<String> pinned = settings.sha256().or(() -> command == Command.FETCH
        ? Optional.empty() : Fetched.sha256For(settings.cacheDir(), url()));
    return pinned.flatMap(
        sha256 -> Install.cached(settings.cacheDir(), sha256, settings.binary(), log));
  }

  private Download download() {
    return new Download(url(), settings.cacheDir(), settings.authHeader(), settings.allowHttp(),
        settings.downloadTimeout(), environment, terminal, settings.signatureUrl().isPresent()
            && settings.publicKey().orElse("").strip().startsWith("ssh-")); // SSHSIG's hash
  }

  private Verifier verifier() {
    Environment machine = new Environment(environment, Builtins.machine());
    return Verifiers.forSettings(new Verifiers.Asked(settings.sha256(),
        settings.checksumsUrl().map(u -> machine.expand("checksums-url", u)),
        settings.checksumsSignatureUrl().map(u -> machine.expand("checksums-signature-url", u)),
        settings.signatureUrl().map(u -> machine.expand("signature-url", u)),
        settings.publicKey(), url(), cwd, settings.cacheDir()), this::publishedBytes, log);
  }

  /** A checksums list or a signature: fetched by the same rules as the release, read whole. */
  private byte[] publishedBytes(String url) {
    Path file = Fetcher.fetch(download().withUrl(url), cwd, log).archive();
    try {
      if (Files.size(file) > MAX_PUBLISHED_BYTES) {
        throw new LaunchException(Status.DATA, Redact.urls(url) + " is larger than "
            + MAX_PUBLISHED_BYTES + " bytes: not a checksums list or a signature");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot read " + Redact.urls(url) + ": " + e, e);
    }
  }

  private Limits limits() {
    return new Limits(settings.extractMaxEntries(), settings.extractMaxBytes(),
        settings.extractMaxRatio());
  }

  private String url() {
    return new Environment(environment, Builtins.machine()).expand("url", settings.url().get());
  }

  private int exec(LaunchPlan plan) {
    if (settings.execve() && Exec.canReplace()) {
      throw Exec.replace(plan, log);
    }
    Exec.ChildExit exit = Exec.spawn(plan);
    log.info("exit", "binary", plan.program(), "status", exit.status());
    return exit.status();
  }

  /** The templates of the settings, expanded for one install. */
  private final class Templates {
    private final Installed installed;
    private final Environment environment;

    Templates(Installed installed) {
      this.installed = installed;
      this.environment = new Environment(Launcher.this.environment,
          Builtins.installed(installed.binary(), installed.dir()));
    }

    Environment environment() {
      return environment;
    }

    Environment.Translated translated() {
      Environment.Translated translated = environment.forProgram(settings.env());
      for (String name : translated.secrets()) {
        secrets.addDerived(translated.variables().get(name));
      }
      log.info("env", "vars", translated.variables().size(), "translated", settings.env().size(),
          "secret", translated.secrets().size());
      return translated;
    }

    LaunchPlan plan(Environment.Translated translated) {
      List<String> args = environment.expandWords("args", settings.args());
      String program = settings.url().isEmpty() ? settings.binary().get()
          : installed.binary().toString();
      return new LaunchPlan(program, args, translated.variables(), cwd);
    }

    /** Each a service URL: a value that is not one is named by its template, never shown. */
    List<String> waitUrls() {
      List<String> urls = new ArrayList<>();
      for (String template : settings.waitFor()) {
        String url = environment.expand("wait", template);
        secrets.addText(url);
        try {
          dev.liftoff.env.Url.parse(url);
        } catch (IllegalArgumentException e) {
          throw new LaunchException(Status.CONFIG, "wait: " + template + " is not a service URL"
              + " like mysql://host:3306/db or tcp://host:port (" + e.getMessage()
              + "); its value is not shown");
        }
        urls.add(url);
      }
      return urls;
    }

    List<List<String>> beforeSteps() {
      List<List<String>> steps = new ArrayList<>();
      for (int i = 0; i < settings.before().size(); i++) {
        steps.add(environment.expandWords("before." + (i + 1), settings.before().get(i)));
      }
      return steps;
    }
  }
}
