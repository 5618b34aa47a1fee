package dev.liftoff.env;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expands one template of the contract: {@code ${NAME}}, {@code ${NAME:-default}}, {@code
 * ${A|B|C}}, {@code ${NAME.part}} of a URL, {@code $$} and the {@code liftoff.} names. A lone
 * {@code $} is refused rather than kept, so a {@code $PORT} written shell-style fails loudly
 * instead of reaching the program as text. It remembers whether a secret went into its result,
 * so {@code env} can mask what came from a password.
 */
final class Template {
  private static final String BUILTIN_PREFIX = "liftoff.";

  private final String setting;
  private final Map<String, String> variables;
  private final Map<String, String> builtins;
  private boolean secret;

  /**
   * @param setting the setting being expanded, named in every error ({@code env.PORT}, {@code url})
   * @param builtins the {@code liftoff.} names known at this point of the launch
   */
  Template(String setting, Map<String, String> variables, Map<String, String> builtins) {
    this.setting = setting;
    this.variables = variables;
    this.builtins = builtins;
  }

  /** Whether anything expanded so far came from a password or a secret variable. */
  boolean usedSecret() {
    return secret;
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
    sharePart(alternatives);
    for (String name : alternatives) {
      String value = lookup(name);
      if (value == null) {
        continue;
      }
      if (!value.isEmpty()) {
        return value;
      }
      // A URL part is chosen once its variable is set: an empty password is that URL's
      // password, not a reason to read the next variable. Only :- replaces it.
      if (isPart(name)) {
        return fallback != null ? expand(fallback) : value;
      }
      if (alternatives.size() == 1 && fallback == null) {
        return value;
      }
    }
    if (fallback != null) {
      return expand(fallback);
    }
    if (alternatives.size() == 1) {
      String name = alternatives.get(0);
      int dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith(BUILTIN_PREFIX) && variables.get(name.substring(0, dot))
          != null && !variables.get(name.substring(0, dot)).isEmpty()) {
        throw error("the URL in " + name.substring(0, dot) + " has no "
            + name.substring(dot + 1) + "; add it, or give a default: ${" + name + ":-VALUE}");
      }
      throw error("variable " + name + " is not set; set it, or give a default: ${"
          + name + ":-VALUE}");
    }
    List<String> variables = alternatives.stream()
        .map(name -> isPart(name) ? name.substring(0, name.indexOf('.')) : name).toList();
    throw error("none of " + String.join(", ", variables)
        + " is set; set one of them, or give a default: ${" + names + ":-VALUE}");
  }

  private static boolean isPart(String name) {
    return name.indexOf('.') > 0 && !name.startsWith(BUILTIN_PREFIX);
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
    int dot = name.indexOf('.');
    String variable = dot >= 0 ? name.substring(0, dot) : name;
    String value = variables.get(variable);
    if (dot < 0) {
      if (value != null && !value.isEmpty()
          && (Redact.isSecretName(name) || !Redact.urls(value).equals(value))) {
        secret = true;
      }
      return value;
    }
    if (value == null || value.isEmpty()) {
      return null;
    }
    String part = name.substring(dot + 1);
    Url url;
    try {
      url = UrlParser.parse(value);
    } catch (IllegalArgumentException e) {
      // Its value is not shown: what is not a URL may still hold a password where we cannot see.
      throw error("variable " + variable + " does not hold a URL like scheme://host:port"
          + "/db (" + Messages.cause(e) + ")");
    }
    try {
      String result = UrlParts.part(url, part);
      if (result != null && (part.equals("password") && url.hasPassword()
          || UrlParts.SECRET.contains(part) && url.hasPassword())) {
        secret = true;
      }
      return result;
    } catch (IllegalArgumentException e) {
      throw error("${" + name + "}: " + Messages.cause(e));
    }
  }

  /**
   * In {@code ${A|B|C.host}} the part applies to every alternative: the chain names where the
   * URL comes from, the part what to take of it.
   */
  private static void sharePart(List<String> alternatives) {
    String last = alternatives.get(alternatives.size() - 1);
    int dot = last.indexOf('.');
    if (alternatives.size() < 2 || dot < 0 || last.startsWith(BUILTIN_PREFIX)) {
      return;
    }
    for (String name : alternatives.subList(0, alternatives.size() - 1)) {
      if (name.indexOf('.') >= 0) {
        return;
      }
    }
    String part = last.substring(dot);
    for (int i = 0; i < alternatives.size() - 1; i++) {
      alternatives.set(i, alternatives.get(i) + part);
    }
  }

  private LaunchException error(String message) {
    return new LaunchException(Status.CONFIG, setting + ": " + message);
  }
}
