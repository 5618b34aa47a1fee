package dev.liftoff;

import dev.liftoff.core.Log;
import dev.liftoff.core.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a boot's time goes, phase by phase, for the {@code event=ready} line; and, with {@code
 * boot-timeout}, the boot's budget. A platform gives a web process a fixed window to bind its
 * port (Heroku's R10: 60 s) and then kills it without a word about why; a budget that runs out
 * first says which phase used it.
 *
 * <p>When the budget runs out, a watchdog thread logs the phase, ends the boot's child processes
 * (a before step) and halts the JVM with 69: a download or a wait blocked in a system call cannot
 * be unwound in time, and a part file left behind is resumed by the next boot.
 */
final class BootClock {
  /** The phases of the ready line, in the pipeline's order. */
  static final String[] PHASES = {"fetch", "verify", "install", "wait", "before"};

  private final Log log;
  private final long started = System.nanoTime();
  private final long[] nanos = new long[PHASES.length];
  private int phase = -1;
  private long phaseStarted = started;
  private boolean finished;

  private BootClock(Log log) {
    this.log = log;
  }

  static BootClock start(Optional<Duration> budget, Log log) {
    BootClock clock = new BootClock(log);
    budget.ifPresent(clock::watch);
    return clock;
  }

  /** Enters {@code name}, one of {@link #PHASES}; the time since the last mark goes to the last. */
  synchronized void enter(String name) {
    mark();
    for (int i = 0; i < PHASES.length; i++) {
      if (PHASES[i].equals(name)) {
        phase = i;
      }
    }
  }

  /** Leaves the current phase: what follows (env, templates) counts in no phase. */
  synchronized void leave() {
    mark();
    phase = -1;
  }

  /** Stops the budget and logs each phase's milliseconds: the last line before the program. */
  void ready() {
    Object[] fields;
    synchronized (this) {
      mark();
      finished = true;
      fields = new Object[PHASES.length * 2 + 2];
      for (int i = 0; i < PHASES.length; i++) {
        fields[2 * i] = PHASES[i] + "_ms";
        fields[2 * i + 1] = nanos[i] / 1_000_000;
      }
      fields[fields.length - 2] = "total_ms";
      fields[fields.length - 1] = (System.nanoTime() - started) / 1_000_000;
    }
    log.info("ready", fields);
  }

  /**
   * Ends the budget without a ready line ({@code fetch}, {@code release} and {@code env} do not
   * exec; a failure ends the boot). Blocks while the watchdog gives its verdict, which halts.
   */
  synchronized void finish() {
    finished = true;
  }

  private void mark() {
    long now = System.nanoTime();
    if (phase >= 0) {
      nanos[phase] += now - phaseStarted;
    }
    phaseStarted = now;
  }

  private void watch(Duration budget) {
    long deadline = started + budget.toNanos();
    Thread.ofPlatform().daemon().name("liftoff-boot-timeout").start(() -> {
      try {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
          Thread.sleep(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        return;
      }
      String during;
      synchronized (this) {
        if (finished) {
          return;
        }
        mark();
        during = phase >= 0 ? PHASES[phase] : "setup";
        // Held on purpose: nothing may mark or exec after the verdict.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        log.error("exit", "status", Status.UNAVAILABLE.code(), "msg", "boot-timeout ("
            + budget.toMillis() / 1000.0 + "s) ran out during " + during + " (" + during
            + " had taken " + (phase >= 0 ? nanos[phase] / 1_000_000 : 0) + " ms); raise"
            + " boot-timeout, or shorten " + hint(during));
        log.flush();
        System.out.flush();
        Runtime.getRuntime().halt(Status.UNAVAILABLE.code());
      }
    });
  }

  private static String hint(String phase) {
    return switch (phase) {
      case "fetch", "verify" -> "the download (a mirror closer to the platform, a fetch at build)";
      case "wait" -> "wait-timeout, or start the services first";
      case "before" -> "the before steps (or run them in the release phase with skip-before)";
      default -> "what runs before the program";
    };
  }
}
