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
    program.keySet().removeIf(name -> name.startsWith(dev.liftoff.config.Setting.VARIABLE_PREFIX));
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

  /**
   * {@code NAME=value} lines, sorted, with secrets masked unless {@code showSecrets}. One line is
   * always one variable: a value holding a control character is written in bash's {@code $'...'}
   * form (see {@link #quoted}).
   */
  public static List<String> lines(Translated environment, boolean showSecrets) {
    List<String> lines = new ArrayList<>(environment.variables().size());
    new TreeMap<>(environment.variables()).forEach((name, value) -> {
      String shown = showSecrets ? value
          : environment.secrets().contains(name) && !value.isEmpty() ? maskCameFromSecret(value)
          : Redact.value(name, value);
      // A name is quoted too: the environment may hold any byte but = and NUL in one.
      lines.add(quoted(name) + "=" + quoted(shown));
    });
    return lines;
  }

  /**
   * The value as is, unless it holds a control character (or starts with {@code $'}, which would
   * read as this form): then {@code $'...'} with {@code \n \t \r \\ \'} and {@code \xHH} for
   * other control bytes, as bash, zsh and ksh read it back.
   */
  static String quoted(String value) {
    boolean plain = !value.startsWith("$'");
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = c >= ' ' && c != 0x7f && !(c >= 0x80 && c <= 0x9f);
    }
    if (plain) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 8).append("$'");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        default -> {
          if (c < ' ' || c == 0x7f) {
            out.append("\\x").append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else if (c >= 0x80 && c <= 0x9f) {
            // A C1 control is two bytes in UTF-8, written byte by byte: every bash reads \\x.
            out.append("\\xc2\\x").append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('\'').toString();
  }

  /** A translated URL keeps its shape with the password masked; anything else is masked whole. */
  private static String maskCameFromSecret(String value) {
    String masked = Redact.urls(value);
    return masked.equals(value) ? Redact.MASK : masked;
  }
}
