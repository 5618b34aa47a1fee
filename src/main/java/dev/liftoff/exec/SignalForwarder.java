package dev.liftoff.exec;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Relays the platform's signals to a child while Liftoff stays its parent. Installed before the
 * child starts, so a signal that arrives in between is held and delivered once there is a PID.
 * SIGQUIT and SIGUSR2 stay the JVM's. {@code kill(2)} does the sending: Process.destroy only
 * knows TERM and KILL.
 */
final class SignalForwarder implements AutoCloseable {
  static final List<String> FORWARDED = List.of("TERM", "INT", "HUP", "USR1");

  private final Posix posix;
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private final List<Integer> pending = new ArrayList<>();
  private long pid = -1;
  private int received;

  private SignalForwarder(Posix posix) {
    this.posix = posix;
  }

  static SignalForwarder install(Posix posix) {
    SignalForwarder forwarder = new SignalForwarder(posix);
    for (String name : FORWARDED) {
      Signal signal = new Signal(name);
      forwarder.signals.add(signal);
      forwarder.previous.add(Signal.handle(signal, forwarder::handle));
    }
    return forwarder;
  }

  private synchronized void handle(Signal signal) {
    received = signal.getNumber();
    if (pid < 0) {
      pending.add(signal.getNumber());
    } else {
      send(signal.getNumber());
    }
  }

  synchronized void target(long childPid) {
    pid = childPid;
    for (int signal : pending) {
      send(signal);
    }
    pending.clear();
  }

  /** The number of the last signal relayed, or 0. */
  synchronized int received() {
    return received;
  }

  private void send(int signal) {
    try {
      posix.kill(pid, signal);
    } catch (Throwable t) {
      // The child is gone already; its exit status says the rest.
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
