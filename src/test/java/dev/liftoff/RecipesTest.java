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

  // Miniflux on Postgres, and the platforms that run a start command with their own variables.

  static final String MINIFLUX = "examples/miniflux/liftoff.properties";

  void minifluxAdmin() {
    env.put("ADMIN_USERNAME", "admin");
    env.put("ADMIN_PASSWORD", "f".repeat(64));
  }

  /** check, with the recipe that LIFTOFF_CONFIG names, as the platform's process would run it. */
  Run checkMiniflux() {
    Run run = check(PROJECT);
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("url: https://github.com/miniflux/v2/releases/download/2.3.3/"
        + "miniflux-linux-"), run.out());
    assertTrue(run.out().contains("before: 1 step(s)"), run.out());
    return run;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  @Test
  void theMinifluxAppJsonIsADeployButtonWithHerokuPostgres() throws IOException {
    Map<String, Object> app = yaml("examples/miniflux/app.json");
    Map<String, Object> appEnv = map(app.get("env"));
    assertTrue(app.get("addons").toString().contains("heroku-postgresql"), app.toString());
    assertTrue(app.get("buildpacks").toString().contains("heroku/java"), app.toString());
    assertEquals("secret", map(appEnv.get("ADMIN_PASSWORD")).get("generator"));
    assertEquals(MINIFLUX, map(appEnv.get("LIFTOFF_CONFIG")).get("value"));
    // Heroku sets what has a value or a generator, and leaves an optional one without either unset.
    appEnv.forEach((name, spec) -> {
      if (map(spec).containsKey("value") || map(spec).containsKey("generator")) {
        env.put(name, String.valueOf(map(spec).getOrDefault("value", "g".repeat(64))));
      }
    });
    env.put("PORT", "31337");
    env.put("DYNO", "web.1");
    env.put("DATABASE_URL", "postgres://u8a9b:p1c2d3@ec2-3-4-5-6.compute-1.amazonaws.com:5432/d7e8f9");

    checkMiniflux();
  }

  @Test
  void theMinifluxRecipeNamesEveryDatabaseVariableWhenNoneIsSet() {
    env.put("LIFTOFF_CONFIG", MINIFLUX);
    minifluxAdmin();

    Run run = check(PROJECT);

    assertEquals(78, run.status());
    assertTrue(run.out().contains(
        "none of SCALINGO_POSTGRESQL_URL, POSTGRESQL_ADDON_URI, DATABASE_URL"), run.out());
  }

  @Test
  void theDigitalOceanTemplateMigratesBeforeDeployAndPassesCheck() throws IOException {
    Map<String, Object> spec = map(yaml(".do/deploy.template.yaml").get("spec"));
    assertEquals("PG", map(list(spec.get("databases")).get(0)).get("engine"));
    Map<String, Object> job = map(list(spec.get("jobs")).get(0));
    assertEquals("PRE_DEPLOY", job.get("kind"));
    assertEquals("java -jar target/liftoff.jar release", job.get("run_command"));
    Map<String, Object> web = map(list(spec.get("services")).get(0));
    assertEquals("java -jar target/liftoff.jar run --skip-before", web.get("run_command"));
    // App Platform resolves ${db.DATABASE_URL} before the process starts; its URLs say sslmode.
    String doUrl = "postgresql://doadmin:AVNS_x1y2z3@db-postgresql-fra1-12345-do-user-1-0.f.db."
        + "ondigitalocean.com:25060/defaultdb?sslmode=require";
    for (Object entry : list(web.get("envs"))) {
      Map<String, Object> variable = map(entry);
      String value = String.valueOf(variable.getOrDefault("value", "from-the-form"));
      env.put(variable.get("key").toString(), value.replace("${db.DATABASE_URL}", doUrl));
    }
    env.put("PORT", String.valueOf(web.get("http_port")));

    checkMiniflux();
  }

  @Test
  void theRailwayConfigMigratesBeforeDeployAndPassesCheck() throws IOException {
    Map<String, Object> deploy = map(yaml("examples/railway/railway.json").get("deploy"));
    assertEquals("java -jar target/liftoff.jar run --skip-before", deploy.get("startCommand"));
    assertEquals(List.of("java -jar target/liftoff.jar release"), deploy.get("preDeployCommand"));
    // Railway sets PORT and RAILWAY_*; the service's variables reference the Postgres service's
    // private URL, which has no TLS: PGSSLMODE=disable.
    env.put("PORT", "8080");
    env.put("RAILWAY_ENVIRONMENT_NAME", "production");
    env.put("DATABASE_URL", "postgresql://postgres:kLmN0pQr@postgres.railway.internal:5432/railway");
    env.put("PGSSLMODE", "disable");
    env.put("LIFTOFF_CONFIG", MINIFLUX);
    minifluxAdmin();

    checkMiniflux();
  }

  @Test
  void theScalingoManifestReadsScalingoPostgresqlUrlAndPassesCheck() throws IOException {
    Map<String, Object> manifest = yaml("examples/scalingo/scalingo.json");
    assertTrue(manifest.get("addons").toString().contains("postgresql"), manifest.toString());
    assertEquals("java -jar target/liftoff.jar release",
        map(manifest.get("scripts")).get("postdeploy"));
    map(manifest.get("env")).forEach((name, spec) -> env.put(name,
        String.valueOf(map(spec).getOrDefault("value", "generated"))));
    env.put("PORT", "5000");
    env.put("APP", "miniflux");
    env.put("CONTAINER", "web-1");
    env.put("SCALINGO_POSTGRESQL_URL", "postgres://miniflux_4567:Gh8iJk@miniflux-4567.postgresql."
        + "a.osc-fr1.scalingo-dbs.com:31234/miniflux_4567?sslmode=prefer");

    checkMiniflux();
  }

  @Test
  void theFlyConfigStopsWithSigintMigratesOnReleaseAndPassesCheck() throws IOException {
    Map<String, Map<String, String>> fly = toml(Files.readAllLines(PROJECT.resolve(
        "examples/fly/fly.toml")));
    assertEquals("SIGINT", fly.get("").get("kill_signal"));
    assertEquals("java -jar target/liftoff.jar release", fly.get("deploy").get("release_command"));
    assertEquals("java -jar target/liftoff.jar run --skip-before", fly.get("processes").get("app"));
    env.putAll(fly.get("env"));
    // fly postgres attach: a private-network URL that says sslmode=disable itself.
    env.put("DATABASE_URL", "postgres://miniflux_liftoff:Qw3rTy@miniflux-db.flycast:5432/"
        + "miniflux_liftoff?sslmode=disable");
    env.put("FLY_APP_NAME", "miniflux-liftoff");
    env.put("FLY_MACHINE_ID", "e784079b449483");
    env.put("ADMIN_PASSWORD", "fly-secret");

    checkMiniflux();
  }

  @Test
  void theDokkuProcfileAndAppJsonMigrateInPredeployAndPassCheck() throws IOException {
    assertEquals(List.of("web: java -jar target/liftoff.jar run --skip-before"),
        Files.readAllLines(PROJECT.resolve("examples/dokku/Procfile")));
    Map<String, Object> app = yaml("examples/dokku/app.json");
    assertEquals("java -jar target/liftoff.jar release",
        map(map(app.get("scripts")).get("dokku")).get("predeploy"));
    // dokku postgres:link; dokku config:set PGSSLMODE=disable LIFTOFF_CONFIG=...
    env.put("DATABASE_URL", "postgres://postgres:9f8e7d6c@dokku-postgres-miniflux:5432/miniflux");
    env.put("PGSSLMODE", "disable");
    env.put("PORT", "5000");
    env.put("DOKKU_APP_TYPE", "herokuish");
    env.put("LIFTOFF_CONFIG", MINIFLUX);
    minifluxAdmin();

    checkMiniflux();
  }

  /** Enough TOML for fly.toml: [section] headers and key = "string" lines; "" is the top. */
  static Map<String, Map<String, String>> toml(List<String> lines) {
    Map<String, Map<String, String>> sections = new HashMap<>();
    String section = "";
    sections.put(section, new HashMap<>());
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        section = line.replaceAll("[\\[\\]]", "");
        sections.putIfAbsent(section, new HashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      String value = line.substring(eq + 1).strip();
      if (value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      sections.get(section).put(line.substring(0, eq).strip(), value);
    }
    return sections;
  }
}
