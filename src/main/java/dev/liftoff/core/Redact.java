package dev.liftoff.core;

/** Masks the secrets that values may carry before they reach a log line, an error or output. */
public final class Redact {
  public static final String MASK = "***";

  private Redact() {}

  /**
   * Masks the password of every {@code scheme://user:password@host} in {@code text}. The password
   * runs to the last {@code @} of the URL, so an unencoded {@code @} in it is masked too; when in
   * doubt this masks more than the password, never less.
   */
  public static String urls(String text) {
    if (text == null || text.indexOf("://") < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    int scheme;
    while ((scheme = text.indexOf("://", from)) >= 0) {
      int authority = scheme + 3;
      int end = authority;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      int at = text.lastIndexOf('@', end - 1);
      int colon = at > authority ? text.indexOf(':', authority) : -1;
      out.append(text, from, authority);
      if (colon >= 0 && colon < at) {
        out.append(text, authority, colon + 1).append(MASK).append(text, at, end);
      } else {
        out.append(text, authority, end);
      }
      from = end;
    }
    return out.append(text, from, text.length()).toString();
  }

  /** Whether a variable's name says that its value is a secret: {@link Secrets#isSecretName}. */
  public static boolean isSecretName(String name) {
    return Secrets.isSecretName(name);
  }

  /** The value as {@code env} shows it: masked whole for a secret name, else its URL passwords. */
  public static String value(String name, String value) {
    return isSecretName(name) && !value.isEmpty() ? MASK : urls(value);
  }
}
