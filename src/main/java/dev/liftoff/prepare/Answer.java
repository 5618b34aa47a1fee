package dev.liftoff.prepare;

/**
 * What one attempt to reach a service learned. Each answer says what it means for the wait
 * itself: a pattern {@code switch} over them would spin a class on every boot that waits.
 */
sealed interface Answer {
  /** Whether waiting is over for this service: it is ready, or waiting cannot change it. */
  boolean isFinal();

  /** Why the service is not ready, for the log and the message; {@code none} when it is. */
  String why();

  /** The service accepted the connection (and the login, where there is one). */
  record Ready() implements Answer {
    @Override
    public boolean isFinal() {
      return true;
    }

    @Override
    public String why() {
      return "none";
    }
  }

  /** Not yet: refused, unreachable, starting, too many connections; waiting may change it. */
  record NotYet(String why) implements Answer {
    @Override
    public boolean isFinal() {
      return false;
    }
  }

  /** The service answered, and waiting will not change its answer: wrong password, no database. */
  record Never(String why) implements Answer {
    @Override
    public boolean isFinal() {
      return true;
    }
  }
}
