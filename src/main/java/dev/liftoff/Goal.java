package dev.liftoff;

/**
 * What a command asks of the pipeline once the release is installed: each goal ends it at its
 * own phase. A method on the sealed type, not a pattern {@code switch}, chooses the end: the
 * compiler still makes every goal say what it does, and a cached boot spins no class for it.
 */
sealed interface Goal {
  /**
   * The phases after install, timed by {@code clock}; returns the status, or never returns when
   * it execs.
   */
  int finish(Launcher launcher, Launcher.Templates templates, BootClock clock);

  /**
   * Whether this is the build step ({@code fetch}): it asks the source again rather than trust
   * an earlier record, never falls back to an offline copy, and checks only its URLs first,
   * since the runtime's variables do not exist yet where it runs.
   */
  default boolean buildStep() {
    return false;
  }

  /** Whether the goal writes secrets' values: {@code env --show-secrets} alone. */
  default boolean showSecrets() {
    return false;
  }

  /** {@code fetch}: records the install for later boots and prints the program's path. */
  record Fetch() implements Goal {
    @Override
    public boolean buildStep() {
      return true;
    }

    @Override
    public int finish(Launcher launcher, Launcher.Templates templates, BootClock clock) {
      return launcher.printPath(templates);
    }
  }

  /** {@code env}: prints the program's environment, its secrets masked unless shown. */
  record Env(boolean showSecrets) implements Goal {
    @Override
    public int finish(Launcher launcher, Launcher.Templates templates, BootClock clock) {
      return launcher.printEnvironment(templates, showSecrets);
    }
  }

  /** {@code release}: waits and runs the before steps, whatever skip-before says; no exec. */
  record Release() implements Goal {
    @Override
    public int finish(Launcher launcher, Launcher.Templates templates, BootClock clock) {
      launcher.prepare(templates, clock, true);
      return 0;
    }
  }

  /** {@code run}: waits, runs the before steps unless skipped, and execs into the program. */
  record Run() implements Goal {
    @Override
    public int finish(Launcher launcher, Launcher.Templates templates, BootClock clock) {
      return launcher.exec(templates, clock);
    }
  }
}
