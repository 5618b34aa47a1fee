package dev.liftoff.env;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON value as {@link Json} reads it. Each kind answers the questions VCAP_SERVICES asks
 * itself (a member, the items, the text): a pattern {@code switch} over them would spin a class
 * on every Cloud Foundry boot.
 */
sealed interface JsonValue {
  /** An object's members in their order; none for any other value. */
  default Map<String, JsonValue> members() {
    return Map.of();
  }

  /** The member {@code name} of an object; JSON {@code null} when absent or not an object. */
  default JsonValue get(String name) {
    return members().getOrDefault(name, JsonNull.NULL);
  }

  /** An array's items; none for any other value. */
  default List<JsonValue> items() {
    return List.of();
  }

  /** A string, a number as written, {@code true} or {@code false}; empty for the others. */
  default Optional<String> text() {
    return Optional.empty();
  }

  /** Adds every string inside this value to {@code into}, in order. */
  default void strings(List<String> into) {
    // Loops, not lambdas: each lambda spins a class on the Cloud Foundry boot that reads this.
    for (JsonValue member : members().values()) {
      member.strings(into);
    }
    for (JsonValue item : items()) {
      item.strings(into);
    }
  }

  record JsonObject(Map<String, JsonValue> members) implements JsonValue {}

  record JsonArray(List<JsonValue> items) implements JsonValue {}

  record JsonString(String value) implements JsonValue {
    @Override
    public Optional<String> text() {
      return Optional.of(value);
    }

    @Override
    public void strings(List<String> into) {
      into.add(value);
    }
  }

  /** A number as written: a port is not a credential, a string is. */
  record JsonNumber(String written) implements JsonValue {
    @Override
    public Optional<String> text() {
      return Optional.of(written);
    }
  }

  record JsonBool(boolean value) implements JsonValue {
    @Override
    public Optional<String> text() {
      return Optional.of(Boolean.toString(value));
    }
  }

  record JsonNull() implements JsonValue {
    static final JsonNull NULL = new JsonNull();
  }
}
