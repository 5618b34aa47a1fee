package dev.liftoff.core;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The secret values of one run, and the masking of each of their occurrences in what Liftoff
 * writes: CI systems mask their secrets by value because masking by the shape of a line always
 * misses one. A value is found as it is, percent-encoded (byte by byte, either case, {@code +} for
 * a space) and backslash-escaped (as logfmt, JSON and shell quoting write it), so the forms
 * templates derive from a password ({@code .url}, {@code .godsn}, {@code .jdbc}) are found by the
 * password alone. Values shorter than {@link #MIN_LENGTH} are not masked: {@code ***} would eat
 * ordinary text.
 *
 * <p>Filling it takes string scans only, no regular expression and no parser of a library: it
 * runs on every boot, the cached one included.
 */
public final class Secrets {
  /** Values shorter than this are not masked by value. */
  public static final int MIN_LENGTH = 4;

  private static final byte[] MASK = {'*', '*', '*'};
  /** Longest first, so a secret is masked whole before a shorter one inside it. */
  private volatile byte[][] values = new byte[0][];

  /** Remembers {@code value}, and its percent-decoded form when it has one. */
  public void add(String value) {
    if (value == null || value.length() < MIN_LENGTH) {
      return;
    }
    String stripped = value.strip();
    put(stripped);
    if (stripped.indexOf('%') >= 0) {
      put(percentDecoded(stripped));
    }
  }

  /**
   * Remembers a value a template derived from a secret, unless a remembered value already masks
   * part of it: a {@code .url} keeps its shape with {@code ***} for its password.
   */
  public void addDerived(String value) {
    if (value != null && value.length() >= MIN_LENGTH && mask(value).equals(value)) {
      add(value);
    }
  }

  /** Remembers a variable: whole when its name looks secret, else the secrets its text holds. */
  public void addVariable(String name, String value) {
    if (value == null) {
      return;
    }
    if (isSecretName(name) && !isPlainWord(value)) {
      add(value);
      if (name.toUpperCase(Locale.ROOT).contains("AUTH")) {
        addHeader(value);
      }
    }
    addText(value);
  }

  /**
   * Remembers the secrets inside a text: URL passwords ({@code scheme://user:pass@host} and the
   * scheme-less {@code user:pass@host} of DSNs), and values of secret-looking {@code key=value}
   * pairs (query parameters, libpq's {@code password=...}, {@code --token=...}).
   */
  public void addText(String text) {
    if (text == null || text.length() < MIN_LENGTH) {
      return;
    }
    int start = 0;
    while (start < text.length()) {
      while (start < text.length() && isBlank(text.charAt(start))) {
        start++;
      }
      int end = start;
      while (end < text.length() && !isBlank(text.charAt(end))) {
        end++;
      }
      if (end > start) {
        userInfo(text.substring(start, end));
      }
      start = end;
    }
    if (text.indexOf(' ') >= 0) {
      userInfo(text); // a password with a raw space spans words
    }
    pairs(text);
    if (text.indexOf("\":") >= 0) {
      jsonPairs(text);
    }
  }

  /** Remembers every word, and a word that follows a secret-looking flag ({@code --password x}). */
  public void addWords(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      addText(word);
      if (word.startsWith("-") && word.indexOf('=') < 0 && i + 1 < words.size()
          && isSecretName(word.replace("-", ""))) {
        add(words.get(i + 1));
      }
    }
  }

  /**
   * Remembers an HTTP header line: the whole, its value, and the credential after a scheme word
   * ({@code Bearer TOKEN}); for {@code Basic}, the decoded {@code user:password} and the password.
   */
  public void addHeader(String header) {
    add(header);
    int colon = header.indexOf(':');
    String value = (colon >= 0 ? header.substring(colon + 1) : header).strip();
    add(value);
    int space = value.lastIndexOf(' ');
    if (space > 0) {
      String credential = value.substring(space + 1);
      add(credential);
      if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          String decoded = new String(java.util.Base64.getDecoder().decode(credential),
              StandardCharsets.UTF_8);
          add(decoded);
          add(decoded.substring(decoded.indexOf(':') + 1));
        } catch (IllegalArgumentException e) {
          // Not base64: the credential itself is remembered.
        }
      }
    }
  }

  /** Whether nothing is remembered: then masking is a copy. */
  public boolean isEmpty() {
    return values.length == 0;
  }

  /** {@code text} with every remembered value, in any of the forms above, written {@code ***}. */
  public String mask(String text) {
    byte[][] secrets = values;
    if (text == null || secrets.length == 0) {
      return text;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
    mask(secrets, bytes, bytes.length, bytes.length, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * A stream that writes {@code out}'s bytes with every secret masked, a line at a time (a value
   * split across two writes is still found), and what is pending at each flush.
   */
  public PrintStream masking(PrintStream out) {
    return new PrintStream(new MaskingStream(this, out), false, StandardCharsets.UTF_8);
  }

  /**
   * Whether a variable's or parameter's name says that its value is a secret. The shell's {@code
   * PWD} and {@code OLDPWD} are folders, which masking would take out of every path logged.
   */
  public static boolean isSecretName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.equals("PWD") || upper.equals("OLDPWD")) {
      return false;
    }
    // A vendor's public key and the address of its signature are published, and an error about
    // them must be able to name them (public-key, signature-url, checksums-signature-url).
    String letters = upper.replace("_", "").replace("-", "");
    if (letters.contains("PUBLICKEY") || letters.endsWith("SIGNATUREURL")) {
      return false;
    }
    return upper.contains("PASSWORD")
        || upper.contains("PASSWD")
        || upper.endsWith("PASS")
        || upper.contains("PWD")
        || upper.contains("SECRET")
        || upper.contains("TOKEN")
        || upper.contains("KEY")
        || upper.endsWith("_PAT")
        || upper.contains("CREDENTIAL")
        || upper.contains("AUTH")
        || upper.contains("SIGNATURE")
        || upper.equals("SIG")
        || upper.equals("PAT");
  }

  /**
   * Masks the secrets in {@code bytes[0, length)} that start before {@code limit}, writes the
   * result to {@code out}, and returns how many bytes it consumed (at least {@code limit}).
   */
  static int mask(byte[][] secrets, byte[] bytes, int length, int limit, OutputStream out) {
    int written = 0;
    int i = 0;
    try {
      while (i < limit) {
        int end = -1;
        for (byte[] secret : secrets) {
          end = matchAt(bytes, i, length, secret);
          if (end > 0) {
            break;
          }
        }
        if (end > 0) {
          out.write(bytes, written, i - written);
          out.write(MASK);
          i = end;
          written = end;
        } else {
          i++;
        }
      }
      out.write(bytes, written, i - written);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return i;
  }

  byte[][] values() {
    return values;
  }

  /** The longest form a remembered value can take in text: four bytes for each of its bytes. */
  int longestForm() {
    byte[][] secrets = values;
    return secrets.length == 0 ? 0 : 4 * secrets[0].length;
  }

  /** Where the secret's occurrence at {@code i} ends, or -1 when none starts there. */
  private static int matchAt(byte[] text, int i, int end, byte[] secret) {
    int j = i;
    for (byte b : secret) {
      if (j >= end) {
        return -1;
      }
      byte t = text[j];
      if (t == b) {
        j++;
      } else if (t == '%' && j + 2 < end && hexByte(text, j + 1) == (b & 0xff)) {
        j += 3;
      } else if (t == '+' && b == ' ') {
        j++;
      } else if (t == '\\' && j + 1 < end) {
        byte n = text[j + 1];
        if (n == b && b < 0x7f && b > ' ' && !Character.isLetterOrDigit(b)) {
          j += 2;
        } else if (n == escapeLetter(b) && n != 0) {
          j += 2;
        } else if (n == 'x' && j + 3 < end && hexByte(text, j + 2) == (b & 0xff)) {
          j += 4;
        } else if (n == 'u' && j + 5 < end && b >= 0 && text[j + 2] == '0' && text[j + 3] == '0'
            && hexByte(text, j + 4) == b) {
          j += 6;
        } else {
          return -1;
        }
      } else {
        return -1;
      }
    }
    return j;
  }

  private static byte escapeLetter(byte b) {
    return switch (b) {
      case '\n' -> 'n';
      case '\t' -> 't';
      case '\r' -> 'r';
      case 0x1b -> 'e';
      case 0x07 -> 'a';
      case '\b' -> 'b';
      case '\f' -> 'f';
      case 0x0b -> 'v';
      default -> 0;
    };
  }

  private static int hexByte(byte[] text, int at) {
    int high = Character.digit(text[at], 16);
    int low = Character.digit(text[at + 1], 16);
    return high < 0 || low < 0 ? -1 : high << 4 | low;
  }

  private synchronized void put(String value) {
    if (value.length() < MIN_LENGTH) {
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (byte[] known : values) {
      if (Arrays.equals(known, bytes)) {
        return;
      }
    }
    byte[][] grown = Arrays.copyOf(values, values.length + 1);
    int at = grown.length - 1;
    while (at > 0 && grown[at - 1].length < bytes.length) {
      grown[at] = grown[at - 1];
      at--;
    }
    grown[at] = bytes;
    values = grown;
  }

  /**
   * The passwords of {@code scheme://user:pass@host} and of {@code user:pass@host}. A password may
   * hold a raw {@code @ : /}: every candidate between the first colon of the user info and each
   * {@code @} is remembered, and so is each run between two of {@code @ : / ? #} and space, since
   * a parser that splits there (Connector/J's does: "the host:port pair 'ss:wo'") quotes it.
   */
  private void userInfo(String word) {
    int scheme = word.indexOf("://");
    int from = scheme >= 0 ? scheme + 3 : 0;
    int colon = word.indexOf(':', from);
    if (colon < 0 || word.indexOf('@', colon) < 0) {
      return;
    }
    for (int at = word.indexOf('@', colon + 1); at >= 0; at = word.indexOf('@', at + 1)) {
      String password = word.substring(colon + 1, at);
      add(password);
      pieces(password);
    }
  }

  private void pieces(String password) {
    List<Integer> cuts = new java.util.ArrayList<>();
    cuts.add(-1);
    for (int i = 0; i < password.length() && cuts.size() < 16; i++) {
      if ("@:/?# ".indexOf(password.charAt(i)) >= 0) {
        cuts.add(i);
      }
    }
    cuts.add(password.length());
    for (int from = 0; from < cuts.size(); from++) {
      for (int to = from + 1; to < cuts.size(); to++) {
        if (from > 0 || to < cuts.size() - 1) {
          addPiece(password.substring(cuts.get(from) + 1, cuts.get(to)));
        }
      }
    }
  }

  /** A piece of a password, unless it is all digits: a port's number is not masked everywhere. */
  private void addPiece(String piece) {
    for (int i = 0; i < piece.length(); i++) {
      if (piece.charAt(i) < '0' || piece.charAt(i) > '9') {
        add(piece);
        return;
      }
    }
  }

  /** Values of {@code key=value} pairs whose key looks secret. */
  private void pairs(String text) {
    for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
      int keyStart = eq;
      while (keyStart > 0 && isKeyChar(text.charAt(keyStart - 1))) {
        keyStart--;
      }
      if (keyStart == eq || !isSecretName(text.substring(keyStart, eq))) {
        continue;
      }
      int valueStart = eq + 1;
      if (valueStart < text.length() && (text.charAt(valueStart) == '\''
          || text.charAt(valueStart) == '"')) {
        add(quoted(text, valueStart));
        continue;
      }
      // Up to a blank, and up to a separator as well: a password may hold a & or a comma.
      for (String stops : new String[] {"\"'", "\"'&;,"}) {
        int valueEnd = valueStart;
        while (valueEnd < text.length() && !isBlank(text.charAt(valueEnd))
            && stops.indexOf(text.charAt(valueEnd)) < 0) {
          valueEnd++;
        }
        String value = text.substring(valueStart, valueEnd);
        if (!isPlainWord(value)) {
          add(value);
        }
      }
    }
  }

  /** String values of JSON members whose name looks secret: {@code {"db_password": "..."}}. */
  private void jsonPairs(String text) {
    for (int colon = text.indexOf("\":"); colon >= 0; colon = text.indexOf("\":", colon + 1)) {
      int open = text.lastIndexOf('"', colon - 1);
      if (open < 0 || !isSecretName(text.substring(open + 1, colon))) {
        continue;
      }
      int value = colon + 2;
      while (value < text.length() && isBlank(text.charAt(value))) {
        value++;
      }
      if (value < text.length() && text.charAt(value) == '"') {
        add(quoted(text, value));
      }
    }
  }

  /** A quoted value as libpq and shells read it: backslash keeps the next character. */
  private static String quoted(String text, int open) {
    char quote = text.charAt(open);
    StringBuilder value = new StringBuilder();
    for (int i = open + 1; i < text.length() && text.charAt(i) != quote; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      value.append(c);
    }
    return value.toString();
  }

  private static boolean isKeyChar(char c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * A switch's value rather than a secret ({@code USE_TOKEN=true}): masking {@code true} would
   * rewrite every {@code cached=true} of the log.
   */
  private static boolean isPlainWord(String value) {
    String v = value.strip();
    return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
        || v.equalsIgnoreCase("null") || v.equalsIgnoreCase("none");
  }

  /** Percent-decoding of UTF-8; a malformed escape is kept as written. */
  private static String percentDecoded(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      int b = in[i] == '%' && i + 2 < in.length ? hexByte(in, i + 1) : -1;
      if (b >= 0) {
        out[n++] = (byte) b;
        i += 2;
      } else {
        out[n++] = in[i];
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
