package dev.liftoff.env;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands one template of the contract: {@code ${NAME}}, {@code ${NAME:-default}}, {@code
 * ${A|B|C}}, {@code $$} and the {@code liftoff.} names. A lone {@code $} is refused rather than
 * kept, so a {@code $PORT} written shell-style fails loudly instead of reaching the program as
 * text.
 */
final class Template {
  private static final String BUILTIN_PREFIX = "liftoff.";

  private final String setting;
  private final Map<String, String> variables;
  private final Map<String, String> builtins;

  /**
   * @param setting the setting being expanded, named in every error ({@code env.PORT}, {@code url})
   * @param builtins the {@code liftoff.} names known at this point of the launch
   */
  Template(String setting, Map<String, String> variables, Map<String, String> builtins) {
    this.setting = setting;
    this.variables = variables;
    this.builtins = builtins;
  }

  String expand(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int close = matchingBrace(text, i + 2);
        out.append(expression(text.substring(i + 2, close)));
        i = close + 1;
      } else {
        throw error("a lone $ in '" + text + "': write ${NAME} for a variable, $$ for a $");
      }
    }
    return out.toString();
  }

  private int matchingBrace(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        i++;
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        depth++;
        i++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw error("'${' is not closed by '}' in '" + text + "'");
  }

  private String expression(String expression) {
    int dash = expression.indexOf(":-");
    String names = dash >= 0 ? expression.substring(0, dash) : expression;
    String fallback = dash >= 0 ? expression.substring(dash + 2) : null;
    List<String> alternatives = new ArrayList<>();
    for (String name : names.split("\\|", -1)) {
      alternatives.add(name.strip());
    }
    for (String name : alternatives) {
      String value = lookup(name);
      if (value != null && (!value.isEmpty() || alternatives.size() == 1 && fallback == null)) {
        return value;
      }
    }
    if (fallback != null) {
      return expand(fallback);
    }
    if (alternatives.size() == 1) {
      throw error("variable " + alternatives.get(0) + " is not set; set it, or give a default: ${"
          + alternatives.get(0) + ":-VALUE}");
    }
    throw error("none of " + String.join(", ", alternatives)
        + " is set; set one of them, or give a default: ${" + names + ":-VALUE}");
  }

  private String lookup(String name) {
    if (name.isEmpty()) {
      throw error("an empty name in ${}; write ${NAME}");
    }
    if (name.startsWith(BUILTIN_PREFIX)) {
      String value = builtins.get(name);
      if (value == null) {
        throw error("${" + name + "} is not a liftoff name here; known: "
            + String.join(", ", builtins.keySet()));
      }
      return value;
    }
    if (name.indexOf('.') >= 0) {
      throw error("${" + name + "}: URL parts are not supported by this version of Liftoff");
    }
    return variables.get(name);
  }

  private LaunchException error(String message) {
    return new LaunchException(Status.CONFIG, setting + ": " + message);
  }
}
