package dev.liftoff.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into a {@link JsonValue}: enough for VCAP_SERVICES, and no library loaded for one
 * variable (a cached boot on Cloud Foundry loads nothing else of JSON).
 */
final class Json {
  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /** The value, or throws {@link IllegalArgumentException} with the offset of the problem. */
  static JsonValue parse(String text) {
    Json json = new Json(text);
    JsonValue value = json.value();
    json.blanks();
    if (json.at != text.length()) {
      throw json.error("unexpected text after the value");
    }
    return value;
  }

  private JsonValue value() {
    blanks();
    if (at >= text.length()) {
      throw error("the text ends too early");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", new JsonValue.JsonBool(true));
      case 'f' -> literal("false", new JsonValue.JsonBool(false));
      case 'n' -> literal("null", JsonValue.JsonNull.NULL);
      default -> number();
    };
  }

  private JsonValue object() {
    Map<String, JsonValue> object = new LinkedHashMap<>();
    at++;
    blanks();
    if (peek('}')) {
      at++;
      return new JsonValue.JsonObject(object);
    }
    while (true) {
      blanks();
      if (!peek('"')) {
        throw error("expected a quoted name");
      }
      String name = text();
      blanks();
      expect(':');
      object.put(name, value());
      blanks();
      if (peek(',')) {
        at++;
      } else {
        expect('}');
        return new JsonValue.JsonObject(object);
      }
    }
  }

  private JsonValue array() {
    List<JsonValue> array = new ArrayList<>();
    at++;
    blanks();
    if (peek(']')) {
      at++;
      return new JsonValue.JsonArray(array);
    }
    while (true) {
      array.add(value());
      blanks();
      if (peek(',')) {
        at++;
      } else {
        expect(']');
        return new JsonValue.JsonArray(array);
      }
    }
  }

  private JsonValue string() {
    return new JsonValue.JsonString(text());
  }

  private String text() {
    at++;
    StringBuilder out = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        break;
      }
      char e = text.charAt(at++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case '"', '\\', '/' -> out.append(e);
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("a \\u escape ends too early");
          }
          out.append((char) hex4());
          at += 4;
        }
        // JSON has no other escape. Read as its letter, it made a value (a password) that the
        // raw text does not hold, so masking by value missed it there; not shown, as it is inside
        // a string that may be a secret.
        default -> throw error("a string has an escape JSON does not have");
      }
    }
    throw error("a string is not closed");
  }

  private JsonValue number() {
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw error("unexpected '" + text.charAt(at) + "'");
    }
    return new JsonValue.JsonNumber(text.substring(start, at));
  }

  private JsonValue literal(String word, JsonValue value) {
    if (!text.startsWith(word, at)) {
      throw error("expected " + word);
    }
    at += word.length();
    return value;
  }

  private void blanks() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    at++;
  }

  /** The four hex digits at {@code at}; Integer.parseInt's message would show them, and a sign. */
  private int hex4() {
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        throw error("a \\u escape is not four hex digits");
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private IllegalArgumentException error(String why) {
    return new IllegalArgumentException(why + " at character " + at);
  }
}
