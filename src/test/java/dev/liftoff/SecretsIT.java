package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Launch;
import dev.liftoff.testing.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords planted everywhere a user puts them, then searched for in all that the jar says. */
class SecretsIT {
  static final String PASSWORD = "Zq8+w@rd:Pl4nted";
  static final String ENCODED = "Zq8+w%40rd%3APl4nted";
  static final String TOKEN = "tok-9f8e7d6c5b4a";

  @TempDir Path dir;

  @Test
  void noPlantedSecretAppearsOnStderrOrInEnvOutput() throws Exception {
    try (Zips z = Zips.create(dir.resolve("app.zip"))) {
      z.copy("bin/sh", 0755, Path.of("/bin/sh"));
    }
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = app.zip
        env.FLEET_MYSQL_ADDRESS = ${JAWSDB_URL.hostport}
        env.FLEET_MYSQL_PASSWORD = ${JAWSDB_URL.password}
        env.FLEET_MYSQL_DSN = ${JAWSDB_URL.godsn}
        env.DB_COPY = ${JAWSDB_URL.url}
        env.PLAIN = ${REDIS_URL}
        """);
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("JAWSDB_URL", "mysql://fleet:" + ENCODED + "@127.0.0.1:1/fleet");
    env.put("REDIS_URL", "rediss://:" + TOKEN + "@cache:6380");
    env.put("LIFTOFF_AUTH_HEADER", "Authorization: Bearer " + TOKEN);
    env.put("LIFTOFF_WAIT_TIMEOUT", "1s");

    for (List<String> args : List.of(List.of("env"), List.of("check"), List.of("--debug", "env"),
        List.of("--wait", "${JAWSDB_URL}", "--", "-c", "exit 0"),
        List.of("--url", "https://fleet:" + ENCODED + "@127.0.0.1:9/app.zip", "fetch",
            "--download-timeout", "1s"))) {
      try (Launch run = Launch.jar(dir, env, args.toArray(String[]::new))) {
        run.waitFor();
        String everything = run.err() + String.join("\n", run.out());
        for (String secret : List.of(PASSWORD, ENCODED, TOKEN, "Pl4nted")) {
          assertFalse(everything.contains(secret), args + " printed " + secret + ":\n"
              + everything);
        }
        if (args.equals(List.of("env"))) {
          assertTrue(run.out().contains("FLEET_MYSQL_ADDRESS=127.0.0.1:1"), run.out().toString());
          assertTrue(run.out().contains("FLEET_MYSQL_PASSWORD=***"), run.out().toString());
        }
      }
    }
    try (Launch shown = Launch.jar(dir, env, "env", "--show-secrets")) {
      assertEquals(0, shown.waitFor());
      assertTrue(shown.out().contains("FLEET_MYSQL_PASSWORD=" + PASSWORD), shown.out().toString());
    }
  }
}
