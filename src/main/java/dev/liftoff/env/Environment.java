package dev.liftoff.env;

import dev.liftoff.core.Redact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates the launcher's environment into the program's: every template of the settings is
 * expanded against the launcher's own variables (never against each other's results), the {@code
 * env.} ones are added, and every {@code LIFTOFF_} variable is removed.
 */
public final class Environment {
  private final Map<String, String> launcher;
  private final Map<String, String> builtins;

  /**
   * @param launcher the launcher's own environment
   * @param builtins the {@code liftoff.} names known at this point, see {@link Builtins}
   */
  public Environment(Map<String, String> launcher, Map<String, String> builtins) {
    this.launcher = launcher;
    this.builtins = builtins;
  }

  /** One template, expanded; errors name {@code setting}. */
  public String expand(String setting, String template) {
    return new Template(setting, launcher, builtins).expand(template);
  }

  /** Each word of a command line expanded on its own, so a value with spaces stays one word. */
  public List<String> expandWords(String setting, List<String> words) {
    List<String> expanded = new ArrayList<>(words.size());
    for (String word : words) {
      expanded.add(expand(setting, word));
    }
    return List.copyOf(expanded);
  }

  /** The program's environment: the launcher's, plus {@code templates}, minus LIFTOFF_*. */
  public Map<String, String> forProgram(Map<String, String> templates) {
    Map<String, String> program = new TreeMap<>(launcher);
    program.keySet().removeIf(name -> name.startsWith("LIFTOFF_"));
    templates.forEach((name, template) -> program.put(name, expand("env." + name, template)));
    return program;
  }

  /** {@code NAME=value} lines, sorted, with secrets masked unless {@code showSecrets}. */
  public static List<String> lines(Map<String, String> environment, boolean showSecrets) {
    List<String> lines = new ArrayList<>(environment.size());
    new TreeMap<>(environment).forEach((name, value) -> lines.add(
        name + "=" + (showSecrets ? value : Redact.value(name, value))));
    return lines;
  }
}
