package dev.liftoff;

import dev.liftoff.config.Settings;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Secrets;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import dev.liftoff.env.Builtins;
import dev.liftoff.env.CloudFoundry;
import dev.liftoff.env.Environment;
import dev.liftoff.exec.Exec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code check}: what {@code run} would refuse before its first network call, found without
 * network and reported all at once, with the verdict first so a script or a person reads the
 * answer in its first line.
 */
final class Check {
  private Check() {}

  /**
   * The answer of {@code check}.
   *
   * @param problems one line each, in the order {@code run} would meet them
   * @param summary what the settings amount to: url, binary, verification, env, wait, before, exec
   */
  record Report(List<String> problems, List<String> summary) {
    Report {
      problems = List.copyOf(problems);
      summary = List.copyOf(summary);
    }

    /** Settings that could not even be read: that one problem is the whole report. */
    static Report unreadable(LaunchException problem) {
      List<String> problems = new ArrayList<>(List.of(problem.getMessage()));
      for (Throwable more : problem.getSuppressed()) {
        problems.add(more.getMessage());
      }
      return new Report(problems, List.of());
    }

    String verdict() {
      return switch (problems.size()) {
        case 0 -> "check: ok";
        case 1 -> "check: 1 problem";
        default -> "check: " + problems.size() + " problems";
      };
    }

    /** Prints the report; returns 0, or throws the configuration error that ends {@code check}. */
    int print(PrintStream out) {
      out.println(verdict());
      problems.forEach(problem -> out.println("problem: " + Redact.urls(problem)));
      summary.forEach(out::println);
      out.flush();
      if (!problems.isEmpty()) {
        throw new LaunchException(Status.CONFIG, verdict() + "; first: " + problems.get(0)
            + (problems.size() > 1 ? " (the others are on stdout)" : ""));
      }
      return 0;
    }
  }

  /**
   * The report on the settings {@code loader} reads and the launcher's own variables (the
   * platform's, before Cloud Foundry's are translated, as {@code run} receives them).
   */
  static Report report(Supplier<Settings> loader, Map<String, String> platform, Path cwd,
      Secrets secrets) {
    Settings settings;
    try {
      settings = loader.get();
    } catch (LaunchException e) {
      if (e.status() == Status.CONFIG.code()) {
        return Report.unreadable(e); // check's verdict comes first, even here
      }
      throw e;
    }
    return of(settings, CloudFoundry.normalize(platform), cwd, secrets);
  }

  private static Report of(Settings settings, Map<String, String> environment, Path cwd,
      Secrets secrets) {
    List<String> problems = new ArrayList<>();
    for (LaunchException problem : Preflight.problems(settings, environment, cwd,
        Preflight.Scope.CHECK, secrets)) {
      problems.add(problem.getMessage());
    }
    List<String> summary = new ArrayList<>();
    summary.add("settings: " + settings.configFile().map(f -> "from " + f).orElse("no file"));
    settings.source().url().ifPresent(url -> summary.add("url: " + expanded(environment, url)));
    Settings.Program program = settings.program();
    summary.add("binary: " + program.binary().orElse("(the one program in the archive)"));
    Settings.Verification verification = settings.verification();
    List<String> checks = new ArrayList<>();
    verification.sha256().ifPresent(sha -> checks.add("sha256 " + sha));
    verification.checksumsUrl().ifPresent(url -> checks.add("checksums-url"));
    verification.checksumsSignatureUrl().ifPresent(url -> checks.add("checksums-signature-url"));
    verification.signatureUrl().ifPresent(url -> checks.add("signature-url"));
    summary.add("verify: " + (checks.isEmpty() ? "none (the download will be unverified)"
        : String.join(", ", checks)));
    summary.add("env: " + program.env().size() + " translated"
        + (program.env().isEmpty() ? "" : ": " + String.join(", ", program.env().keySet())));
    List<String> wait = settings.waitFor().urls();
    summary.add("wait: " + (wait.isEmpty() ? "nothing" : wait.size() + " service(s)"));
    summary.add("before: " + program.before().size() + " step(s)"
        + (program.skipBefore() ? ", skipped by run" : ""));
    summary.add("exec: " + (program.execve() && Exec.canReplace() ? "execve" : "child"));
    return new Report(problems, summary);
  }

  private static String expanded(Map<String, String> environment, String url) {
    try {
      return Redact.urls(new Environment(environment, Builtins.machine()).expand("url", url));
    } catch (LaunchException e) {
      return "(see problems)";
    }
  }
}
