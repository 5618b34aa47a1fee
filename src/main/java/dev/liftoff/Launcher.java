package dev.liftoff;

import dev.liftoff.archive.Fetched;
import dev.liftoff.archive.Install;
import dev.liftoff.archive.Installed;
import dev.liftoff.archive.Limits;
import dev.liftoff.config.Settings;
import dev.liftoff.core.CacheFolder;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Secrets;
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
import java.nio.file.Files;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline: the platform's variables, preflight, fetch, verify, install, environment, wait,
 * before, exec; each {@link Goal} ends it at its own phase.
 */
final class Launcher {
  private final Settings settings;
  private final Map<String, String> platform;
  private final Path cwd;
  private final PrintStream out;
  private final Log log;
  private final boolean terminal;
  private final Secrets secrets;

  /**
   * @param platform the launcher's variables, as the platform set them
   * @param terminal whether stderr is a person's terminal, which gets a live progress bar
   */
  Launcher(Settings settings, Map<String, String> platform, Path cwd, PrintStream out,
      Log log, boolean terminal, Secrets secrets) {
    this.settings = settings;
    this.platform = platform;
    this.cwd = cwd;
    this.out = out;
    this.log = log;
    this.terminal = terminal;
    this.secrets = secrets;
  }

  /** Runs to {@code goal}; returns its status, or never returns when it execs. */
  int run(Goal goal) {
    BootClock clock = BootClock.start(settings.bootTimeout(), log);
    try {
      return run(goal, clock);
    } finally {
      clock.finish(); // waits, when the budget ran out, for the watchdog's verdict and halt
    }
  }

  private int run(Goal goal, BootClock clock) {
    Map<String, String> environment = CloudFoundry.normalize(platform); // VCAP_SERVICES
    preflight(goal, environment);                                       // before download
    Settings.Source source = settings.source();
    source.url().ifPresent(u -> CacheFolder.trust(source.cacheDir()));  // a cache of our own
    clock.enter("install");
    Installed installed = cached(goal, environment)
        .orElseGet(() -> fetched(goal, environment, clock));            // fetch, verify, install
    clock.leave();
    Templates templates = new Templates(installed, environment);
    return goal.finish(this, templates, clock);                         // env, wait, before, exec
  }

  /** Stops at the first problem that needs no network to be found. */
  private void preflight(Goal goal, Map<String, String> environment) {
    Preflight.Scope scope = goal.buildStep() ? Preflight.Scope.BUILD_STEP : Preflight.Scope.BOOT;
    Preflight.problems(settings, environment, cwd, scope, secrets).stream().findFirst()
        .ifPresent(e -> { throw e; });
  }

  /**
   * Fetches, verifies and installs the release. When the origin cannot be reached and an install
   * was verified for this URL under these same verification settings, {@code run}, {@code
   * release} and {@code env} use it (after one retry, not the whole download-timeout: the
   * platform's boot window is shorter); {@code fetch}, the build step, must see the failure.
   */
  private Installed fetched(Goal goal, Map<String, String> environment, BootClock clock) {
    Settings.Source source = settings.source();
    Path cacheDir = source.cacheDir();
    String url = url(environment);
    String key = OfflineCopies.key(url, settings.verification().all());
    Download download = download(url, environment);
    Verifier verifier = verifier(download, environment); // reads public-key: fails before fetch
    // The installs' folder, as archive.Install lays it out: checked without loading it.
    Optional<String> offline = goal.buildStep() || !source.offlineFallback()
        ? Optional.empty() : OfflineCopies.sha256For(cacheDir, key).filter(
            sha -> Files.isDirectory(cacheDir.resolve("installs").resolve(sha)));
    clock.enter("fetch");
    return switch (Fetcher.attempt(download, cwd, log,
        offline.isPresent() ? Fetcher.ONE_RETRY : Fetcher.ALL_ATTEMPTS)) {      // fetch
      case Fetcher.Outcome.Fetched(Release release) -> {
        clock.enter("verify");
        verifier.verify(release);                                       // verify
        clock.enter("install");
        Installed installed = Install.install(release, cacheDir, settings.program().binary(),
            limits(), log);                                             // install
        OfflineCopies.record(cacheDir, key, release.sha256(), log);
        yield installed;
      }
      case Fetcher.Outcome.Unreachable(LaunchException failure, String why) -> {
        Installed standIn = offline.flatMap(sha -> Install.cached(cacheDir, sha,
            settings.program().binary(), log)).orElseThrow(() -> failure);
        log.warn("offline", "url", url, "install", standIn.dir(), "error", why);
        yield standIn;
      }
    };
  }

  /**
   * The install of a pinned digest, or of what a build step's {@code fetch} installed for this
   * URL, when it is complete: then nothing is fetched.
   */
  private Optional<Installed> cached(Goal goal, Map<String, String> environment) {
    Optional<String> binary = settings.program().binary();
    if (settings.source().url().isEmpty()) {
      return Optional.of(new Installed(cwd, Programs.resolve(binary.orElseThrow(), environment,
          cwd)));
    }
    Path cacheDir = settings.source().cacheDir();
    // fetch itself always asks the source again: it is the build step that refreshes the record.
    Optional<String> pinned = settings.verification().sha256().or(() -> goal.buildStep()
        ? Optional.empty() : Fetched.sha256For(cacheDir, url(environment)));
    return pinned.flatMap(sha256 -> Install.cached(cacheDir, sha256, binary, log));
  }

  private Download download(String url, Map<String, String> environment) {
    Settings.Source source = settings.source();
    return new Download(url, source.cacheDir(), source.authHeader(),
        source.allowHttp() ? Download.PlainHttp.ANYWHERE : Download.PlainHttp.LOOPBACK_ONLY,
        source.timeout(), environment,
        terminal ? Download.Progress.BAR : Download.Progress.LOG_LINES,
        settings.verification().sshSignature() ? Download.Digests.SHA256_AND_SHA512
            : Download.Digests.SHA256);
  }

  private Verifier verifier(Download download, Map<String, String> environment) {
    Environment machine = new Environment(environment, Builtins.machine());
    return Verifiers.forSettings(Preflight.asked(settings, machine, download.url(), cwd),
        new PublishedFiles(download, cwd, log)::bytes, log);
  }

  private Limits limits() {
    Settings.Extraction extraction = settings.extraction();
    return new Limits(extraction.maxEntries(), extraction.maxBytes(), extraction.maxRatio());
  }

  private String url(Map<String, String> environment) {
    return new Environment(environment, Builtins.machine())
        .expand("url", settings.source().url().get());
  }

  /** {@code fetch}'s end: the record later boots read, and the program's path on stdout. */
  int printPath(Templates templates) {
    settings.source().url().ifPresent(u -> Fetched.record(settings.source().cacheDir(),
        url(templates.launcher), templates.installed));
    out.println(templates.installed.binary());
    return 0;
  }

  /** {@code env}'s end: the program's environment, after the arguments expand as run's would. */
  int printEnvironment(Templates templates, boolean showSecrets) {
    Environment.Translated translated = templates.translated();         // environment
    templates.plan(translated);
    Environment.lines(translated, showSecrets).forEach(out::println);
    return 0;
  }

  /** The environment, wait and before phases, which release and run share; gives the plan. */
  LaunchPlan prepare(Templates templates, BootClock clock, boolean before) {
    Environment.Translated translated = templates.translated();         // environment
    LaunchPlan plan = templates.plan(translated);
    clock.enter("wait");
    Readiness.await(templates.waitUrls(), settings.waitFor().timeout(), log); // wait
    clock.enter("before");
    if (before) {
      BeforeSteps.run(templates.beforeSteps(), plan.env(), cwd, templates.installed.dir(),
          log);                                                         // before
    }
    return plan;
  }

  /** {@code run}'s end: prepared as release is, unless skip-before, then exec. */
  int exec(Templates templates, BootClock clock) {
    LaunchPlan plan = prepare(templates, clock, !settings.program().skipBefore());
    clock.ready();
    if (settings.program().execve() && Exec.canReplace()) {
      throw Exec.replace(plan, log);                                    // exec
    }
    Exec.ChildExit exit = Exec.spawn(plan);
    log.info("exit", "binary", plan.program(), "status", exit.status());
    return exit.status();
  }

  /** The templates of the settings, expanded for one install. */
  final class Templates {
    private final Installed installed;
    /** The launcher's variables, Cloud Foundry's translated. */
    private final Map<String, String> launcher;
    private final Environment environment;

    Templates(Installed installed, Map<String, String> launcher) {
      this.installed = installed;
      this.launcher = launcher;
      this.environment = new Environment(launcher,
          Builtins.installed(installed.binary(), installed.dir()));
    }

    Environment.Translated translated() {
      Map<String, String> env = settings.program().env();
      Environment.Translated translated = environment.forProgram(env);
      for (String name : translated.secrets()) {
        secrets.addDerived(translated.variables().get(name));
      }
      log.info("env", "vars", translated.variables().size(), "translated", env.size(),
          "secret", translated.secrets().size());
      return translated;
    }

    LaunchPlan plan(Environment.Translated translated) {
      List<String> args = environment.expandWords("args", settings.program().args());
      String program = settings.source().url().isEmpty() ? settings.program().binary().get()
          : installed.binary().toString();
      return new LaunchPlan(program, args, translated.variables(), cwd);
    }

    /** Each a service URL: {@link Preflight} checked them before the download. */
    List<String> waitUrls() {
      List<String> urls = new ArrayList<>();
      for (String template : settings.waitFor().urls()) {
        String url = environment.expand("wait", template);
        secrets.addText(url);
        urls.add(url);
      }
      return urls;
    }

    List<List<String>> beforeSteps() {
      List<List<String>> before = settings.program().before();
      List<List<String>> steps = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        steps.add(environment.expandWords("before." + (i + 1), before.get(i)));
      }
      return steps;
    }
  }
}
