package dev.liftoff.prepare;

/** What one attempt to reach a service learned. */
sealed interface Answer {
  /** The service accepted the connection (and the login, where there is one). */
  record Ready() implements Answer {}

  /** Not yet: refused, unreachable, starting, too many connections; waiting may change it. */
  record NotYet(String why) implements Answer {}

  /** The service answered, and waiting will not change its answer: wrong password, no database. */
  record Never(String why) implements Answer {}
}
