package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The program gets its environment and arguments byte for byte, whatever the locale: a UTF-8
 * {@code päss} and an invalid byte {@code x\377y}, inherited, translated through a template and
 * given after {@code --}, reach a shell script that writes {@code od -c} of them. The bytes are
 * made by printf in a shell that then execs the jar, so no JVM's charset touches them on the way
 * in.
 */
class ByteExactEnvironmentIT {
  private static final byte[] PASS = {'p', (byte) 0303, (byte) 0244, 's', 's'};
  private static final byte[] ODD = {'x', (byte) 0377, 'y'};

  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void program() throws Exception {
    // od -c shows the bytes to a person reading the test's files; the test compares the bytes.
    Path show = Files.writeString(dir.resolve("show"), """
        #!/bin/sh
        out="$(dirname "$0")/report"
        printf '%s' "$PASSW" > "$out.PASSW"
        printf '%s' "$ODD" > "$out.ODD"
        printf '%s' "$COPY" > "$out.COPY"
        printf '%s|' "$@" > "$out.args"
        env | od -c > "$out.od"
        """);
    Files.setPosixFilePermissions(show, PosixFilePermissions.fromString("rwxr-xr-x"));
    env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
  }

  @ParameterizedTest
  @CsvSource({"auto,", "auto,C.UTF-8", "never,", "never,C.UTF-8", "before,", "before,C.UTF-8"})
  void nonAsciiAndInvalidBytesReachTheProgramUnchanged(String mode, String lang)
      throws Exception {
    if (lang != null) {
      env.put("LANG", lang);
    }
    env.put("LIFTOFF_ENV_COPY", "${ODD}");
    List<String> jar = new ArrayList<>(mode.equals("before")
        ? Launch.jarCommand("--binary", "/bin/true", "--exec", "never", "--before",
            dir.resolve("show") + " \"${ODD}\" \"${PASSW}\"")
        : Launch.jarCommand("--binary", dir.resolve("show").toString(), "--exec", mode));
    List<String> command = new ArrayList<>(List.of("sh", "-c", """
        PASSW="$(printf 'p\\303\\244ss')" ODD="$(printf 'x\\377y')"
        export PASSW ODD
        if [ "$0" = before ]; then exec "$@"; fi
        exec "$@" -- "$ODD" "$PASSW"
        """, mode));
    command.addAll(jar);
    try (Launch run = Launch.start(dir, env, command)) {
      assertEquals(0, run.waitFor(), run.err());
    }
    assertArrayEquals(PASS, report("PASSW"), "inherited UTF-8");
    assertArrayEquals(ODD, report("ODD"), "inherited invalid UTF-8");
    assertArrayEquals(ODD, report("COPY"), "set by Liftoff from a template");
    byte[] bar = {'|'};
    assertArrayEquals(concat(ODD, bar, PASS, bar), report("args"), "arguments");
  }

  private byte[] report(String name) throws Exception {
    Path file = dir.resolve("report." + name);
    assertTrue(Files.exists(file), "the program wrote no " + file);
    return Files.readAllBytes(file);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
