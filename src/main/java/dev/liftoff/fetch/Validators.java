package dev.liftoff.fetch;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a server names a version of a file with (ETag, Last-Modified), checked before Liftoff
 * keeps it or sends it back: a value that is not the header's form is dropped, never stored.
 * Only visible ASCII is kept, since OkHttp refuses to send anything else in a request header and
 * one such value in the cache would otherwise break every later download of the URL.
 */
final class Validators {
  private static final Pattern ETAG = Pattern.compile("(W/)?\"[\\x21\\x23-\\x7e]{0,250}\"");
  private static final Pattern HTTP_DATE = Pattern.compile("[\\x20-\\x7e]{1,64}");

  private Validators() {}

  static Optional<String> etag(String value) {
    return value != null && ETAG.matcher(value.strip()).matches()
        ? Optional.of(value.strip()) : Optional.empty();
  }

  static Optional<String> lastModified(String value) {
    if (value == null || !HTTP_DATE.matcher(value.strip()).matches()) {
      return Optional.empty();
    }
    try {
      DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip());
      return Optional.of(value.strip());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A strong ETag names exact bytes; a weak one (W/) does not, so it cannot guard a Range. */
  static boolean strong(String etag) {
    return etag != null && !etag.startsWith("W/");
  }
}
