package dev.liftoff.env;

import dev.liftoff.core.Redact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

  /**
   * The program's variables, and the names of those whose value is, or came from, a secret:
   * {@code env} masks them.
   */
  public record Translated(Map<String, String> variables, Set<String> secrets) {}

  /** Each word of a command line expanded on its own, so a value with spaces stays one word. */
  public List<String> expandWords(String setting, List<String> words) {
    List<String> expanded = new ArrayList<>(words.size());
    for (String word : words) {
      expanded.add(expand(setting, word));
    }
    return List.copyOf(expanded);
  }

  /** The program's environment: the launcher's, plus {@code templates}, minus LIFTOFF_*. */
  public Translated forProgram(Map<String, String> templates) {
    Map<String, String> program = new TreeMap<>(launcher);
    program.keySet().removeIf(name -> name.startsWith("LIFTOFF_"));
    Set<String> secrets = new TreeSet<>();
    templates.forEach((name, text) -> {
      Template template = new Template("env." + name, launcher, builtins);
      program.put(name, template.expand(text));
      if (template.usedSecret()) {
        secrets.add(name);
      }
    });
    return new Translated(program, secrets);
  }

  /** {@code NAME=value} lines, sorted, with secrets masked unless {@code showSecrets}. */
  public static List<String> lines(Translated environment, boolean showSecrets) {
    List<String> lines = new ArrayList<>(environment.variables().size());
    new TreeMap<>(environment.variables()).forEach((name, value) -> {
      String shown = showSecrets ? value
          : environment.secrets().contains(name) && !value.isEmpty() ? maskCameFromSecret(value)
          : Redact.value(name, value);
      lines.add(name + "=" + shown);
    });
    return lines;
  }

  /** A translated URL keeps its shape with the password masked; anything else is masked whole. */
  private static String maskCameFromSecret(String value) {
    String masked = Redact.urls(value);
    return masked.equals(value) ? Redact.MASK : masked;
  }
}
