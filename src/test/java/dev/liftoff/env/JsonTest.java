package dev.liftoff.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.liftoff.env.JsonValue.JsonArray;
import dev.liftoff.env.JsonValue.JsonBool;
import dev.liftoff.env.JsonValue.JsonNull;
import dev.liftoff.env.JsonValue.JsonNumber;
import dev.liftoff.env.JsonValue.JsonObject;
import dev.liftoff.env.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void everyKindOfValueIsReadIntoItsRecord() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("s", new JsonString("a\"b\u00e9\n"));
    members.put("n", new JsonNumber("5432"));
    members.put("t", new JsonBool(true));
    members.put("z", JsonNull.NULL);
    members.put("a", new JsonArray(List.of(new JsonNumber("-1.5e3"), new JsonObject(Map.of()))));

    assertEquals(new JsonObject(members), Json.parse(
        " {\"s\": \"a\\\"b\\u00e9\\n\", \"n\": 5432, \"t\": true, \"z\": null,"
            + " \"a\": [-1.5e3, {}]} "));
  }

  @Test
  void aValueAnswersForItsKind() {
    JsonValue value = Json.parse("{\"port\": 5432, \"tls\": false, \"gone\": null,"
        + " \"list\": [\"x\", {\"deep\": \"y\"}, 7]}");

    assertEquals(Optional.of("5432"), value.get("port").text());
    assertEquals(Optional.of("false"), value.get("tls").text());
    assertEquals(Optional.empty(), value.get("gone").text());
    assertEquals(Optional.empty(), value.get("absent").text());
    assertEquals(Optional.empty(), value.get("list").get("deep").text());
    assertEquals(3, value.get("list").items().size());
    List<String> strings = new ArrayList<>();
    value.strings(strings);
    assertEquals(List.of("x", "y"), strings, "numbers and booleans are not strings");
  }

  @Test
  void textThatIsNotJsonSaysWhereItStops() {
    for (String bad : new String[] {"{\"a\": 1", "{\"a\" 1}", "[1, 2] x", "\"open", "nul", "",
        "{a: 1}"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Json.parse(bad), bad);
      assertEquals(true, e.getMessage().contains(" at character "), e.getMessage());
    }
  }

  @Test
  void anEscapeJsonDoesNotHaveIsRefusedWithoutShowingTheStringItIsIn() {
    // Read as its letter, "\q" made a password that the raw text does not hold, so masking the
    // password by value missed it there; a bad u-escape showed four of its characters.
    for (String bad : List.of("{\"password\": \"Sec-Pl4nt\\q\"}",
        "{\"password\": \"Sec\\uPl4nt\"}", "{\"password\": \"Sec\\u+Pl4\"}")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Json.parse(bad));
      assertEquals(-1, e.getMessage().indexOf("Pl4"), e.getMessage());
    }
    assertEquals(new JsonString("a/b\\c"), Json.parse("\"a\\/b\\\\c\""));
  }
}
