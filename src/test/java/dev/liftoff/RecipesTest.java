package dev.liftoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.testing.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every deploy recipe of the repository parses as its platform reads it, and passes {@code check}
 * with the variables that platform sets: no unknown LIFTOFF_ name, no template that fails.
 */
class RecipesTest {
  static final Path PROJECT = Path.of(System.getProperty("user.dir"));

  @TempDir Path empty;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void machine() {
    env.put("PATH", System.getenv("PATH"));
  }

  /** Heroku's variables for an app with JawsDB MySQL and Heroku Redis. */
  void heroku() {
    env.put("PORT", "31337");
    env.put("DYNO", "web.1");
    env.put("JAWSDB_URL", "mysql://ab12cd:ef34gh@x8h.cbetxkdyhwsb.us-east-1.rds.amazonaws.com:3306/k9db");
    env.put("REDIS_URL", "rediss://:p9q8r7@ec2-5-6-7-8.compute-1.amazonaws.com:25070");
    env.put("FLEET_SERVER_PRIVATE_KEY", "a".repeat(44));
  }

  Run check(Path cwd, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    return InProcess.liftoff(env, cwd, all);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String file) throws IOException {
    return (Map<String, Object>) new Yaml().load(Files.readString(PROJECT.resolve(file)));
  }

  @Test
  void theFleetRecipePassesCheckWithHerokusVariables() {
    heroku();

    Run run = check(PROJECT);

    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("url: https://github.com/fleetdm/fleet/releases/download/"
        + "fleet-v4.85.1/fleet_v4.85.1_linux.tar.gz"), run.out());
    assertTrue(run.out().contains("before: 1 step(s)"), run.out());
  }

  @Test
  void theFleetRecipeNamesTheMissingAddOnWhenThereIsNone() {
    heroku();
    env.remove("JAWSDB_URL");

    Run run = check(PROJECT);

    assertEquals(78, run.status());
    assertTrue(run.out().contains("none of JAWSDB_URL, CLEARDB_DATABASE_URL, DATABASE_URL"),
        run.out());
  }

  @Test
  void appJsonIsADeployButtonForTheRecipe() throws IOException {
    Map<String, Object> app = yaml("app.json");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> appEnv = (Map<String, Map<String, Object>>) app.get("env");

    assertEquals("secret", appEnv.get("FLEET_SERVER_PRIVATE_KEY").get("generator"));
    assertTrue(app.get("addons").toString().contains("jawsdb"), app.toString());
    assertTrue(app.get("addons").toString().contains("heroku-redis"), app.toString());
    assertTrue(app.get("buildpacks").toString().contains("heroku/java"), app.toString());
    heroku();
    appEnv.forEach((name, spec) -> env.put(name, String.valueOf(spec.getOrDefault("value", ""))));
    Run run = check(PROJECT);
    assertEquals(0, run.status(), run.out() + run.err());
  }

  @Test
  void procfileAndSystemPropertiesAreWhatHerokuReads() throws IOException {
    Map<String, String> processes = new HashMap<>();
    for (String line : Files.readAllLines(PROJECT.resolve("Procfile"))) {
      int colon = line.indexOf(':');
      processes.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    assertTrue(processes.get("web").matches("java( -\\S+)* -jar target/liftoff\\.jar run"
        + " --skip-before"), processes.get("web"));
    assertTrue(processes.get("release").matches("java( -\\S+)* -jar target/liftoff\\.jar"
        + " release"), processes.get("release"));
    Properties system = new Properties();
    system.load(Files.newBufferedReader(PROJECT.resolve("system.properties")));
    assertEquals("25", system.getProperty("java.runtime.version"));
  }

  @Test
  void theKolideRecipePassesCheck() {
    heroku();
    env.put("KOLIDE_AUTH_JWT_KEY", "k".repeat(32));

    Run run = check(PROJECT, "--config", "examples/kolide-fleet/liftoff.properties");

    assertEquals(0, run.status(), run.out() + run.err());
  }

  @Test
  void theCloudFoundryManifestPassesCheckWithVcapServices() throws IOException {
    Map<String, Object> manifest = yaml("examples/cloudfoundry/manifest.yml");
    @SuppressWarnings("unchecked")
    Map<String, Object> app = ((List<Map<String, Object>>) manifest.get("applications")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> manifestEnv = (Map<String, Object>) app.get("env");
    manifestEnv.forEach((name, value) -> env.put(name, String.valueOf(value)));
    env.put("PORT", "8080");
    env.put("VCAP_SERVICES", """
        {"p.mysql": [{"name": "fleet-mysql", "label": "p.mysql", "tags": ["mysql"],
           "credentials": {"hostname": "q-n3s3y1.q-g1.bosh", "port": 3306, "name": "service_instance_db",
             "username": "a1b2", "password": "c3d4", "uri": "mysql://a1b2:c3d4@q-n3s3y1.q-g1.bosh:3306/service_instance_db?reconnect=true"}}],
         "p.redis": [{"name": "fleet-redis", "label": "p.redis", "tags": ["redis"],
           "credentials": {"host": "q-m2.bosh", "port": 6379, "password": "e5f6"}}]}
        """);
    Files.writeString(empty.resolve("liftoff.properties"), "# a CF app has none\n");

    Run run = check(empty);

    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(app.get("path").toString().endsWith("target/liftoff.jar"));
  }

  @Test
  void theRenderBlueprintPassesCheckAndNamesItsDockerfile() throws IOException {
    Map<String, Object> blueprint = yaml("examples/render/render.yaml");
    @SuppressWarnings("unchecked")
    Map<String, Object> web = ((List<Map<String, Object>>) blueprint.get("services")).get(0);
    assertEquals("docker", web.get("runtime"));
    assertTrue(Files.isRegularFile(PROJECT.resolve(web.get("dockerfilePath").toString())));
    env.put("PORT", "10000");
    env.put("RENDER", "true");
    env.put("DATABASE_URL", "mysql://fleet:pw@mysql.internal:3306/fleet");
    env.put("REDIS_URL", "redis://red-abc123:6379");
    env.put("FLEET_SERVER_PRIVATE_KEY", "g".repeat(44));

    Run run = check(PROJECT);

    assertEquals(0, run.status(), run.out() + run.err());
  }

  @Test
  void theDockerfilesRunTheJarInExecFormAndFetchWhileBuilding() throws IOException {
    for (String file : List.of("examples/docker/Dockerfile")) {
      String dockerfile = Files.readString(PROJECT.resolve(file));
      assertTrue(dockerfile.contains("RUN java -jar /app/liftoff.jar fetch"), file);
      assertTrue(dockerfile.contains("ENTRYPOINT [\"java\""), file + ": exec form, or"
          + " a shell would stand between the platform's signals and Fleet");
    }
  }
}
