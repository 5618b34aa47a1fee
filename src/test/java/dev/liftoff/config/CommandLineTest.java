package dev.liftoff.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  @Test
  void eachOptionIsReadByItsFlagAndItsShortForm() {
    assertEquals(Optional.of("x.properties"), CommandLine.parse("--config", "x.properties")
        .configFile());
    assertEquals(Optional.of("y.properties"), CommandLine.parse("--config=y.properties")
        .configFile());
    assertTrue(CommandLine.parse("--debug").debug());
    assertTrue(CommandLine.mentionsDebug(new String[] {"env", "--debug"}));
    assertTrue(CommandLine.parse("env", "--show-secrets").showSecrets());
    assertEquals(Command.HELP, CommandLine.parse("--help").command());
    assertEquals(Command.HELP, CommandLine.parse("-h").command());
    assertEquals(Command.VERSION, CommandLine.parse("--version").command());
    assertEquals(Command.VERSION, CommandLine.parse("-V").command());
    assertEquals(Command.HELP, CommandLine.parse("--help", "--version").command());
  }

  @Test
  void eachOptionIsOfferedForAMistypedFlagAndListedByHelp() {
    for (Option option : Option.values()) {
      String typo = option.flag.substring(0, option.flag.length() - 1);
      LaunchException e = assertThrows(LaunchException.class, () -> CommandLine.parse(typo));
      assertEquals("unknown flag " + typo + "; did you mean " + option.flag + "? (see --help)",
          e.getMessage());
      String options = Help.text().substring(Help.text().indexOf("\nOptions:"));
      assertTrue(options.contains(" " + option.flag), option.flag);
    }
  }

  @Test
  void helpListsTheOptionsAsBefore() {
    assertTrue(Help.text().contains("""

        Options:
          --config FILE     the properties file (LIFTOFF_CONFIG; default ./liftoff.properties)
          --show-secrets    env: show secret values instead of ***
          --debug           stack traces and debug lines (LIFTOFF_DEBUG=true)
          --help, --version

        Templates:"""), Help.text());
  }
}
