package dev.liftoff.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line, read but not yet merged with the environment and the properties file.
 *
 * @param flags settings given as flags, by property name ({@code url}, {@code env.PORT}, ...)
 * @param trailingArgs the words after {@code --}, which replace the configured {@code args}
 */
public record Invocation(
    Command command,
    Map<String, Raw> flags,
    Optional<List<String>> trailingArgs,
    Optional<String> configFile,
    boolean showSecrets,
    boolean debug) {

  /** A setting's text and where it came from, so errors can name the flag, variable or file. */
  public record Raw(String value, String origin) {}
}
