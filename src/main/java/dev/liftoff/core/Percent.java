package dev.liftoff.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of a URL's parts (RFC 3986), for service URLs and proxy credentials alike. */
public final class Percent {
  private Percent() {}

  /**
   * The text with its %-escapes decoded as UTF-8. A + stays a +: only HTML forms read it as a
   * space, and generated passwords (JawsDB, ClearDB) carry raw ones.
   *
   * @throws IllegalArgumentException "it has a bad %-escape", for the caller to prefix with what
   *     it was reading
   */
  public static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("it has a bad %-escape");
    }
  }
}
