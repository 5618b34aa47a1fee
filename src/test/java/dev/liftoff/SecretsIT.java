package dev.liftoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.liftoff.testing.Launch;
import dev.liftoff.testing.MariaDb;
import dev.liftoff.testing.Zips;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets planted everywhere a user puts them, then every command run to success and to failure
 * at each stage, and every byte of stdout and stderr searched for them. Each run's status is
 * checked too: a run that died before the stage it was meant to reach proves nothing.
 *
 * <p>Every planted value holds the marker {@code Pl4nt} in each of its pieces, and encodings keep
 * letters and digits as they are, so one search for the marker finds a value or any piece of it
 * in any encoding; the other forms are searched for on top.
 */
class SecretsIT {
  static final String MARKER = "Pl4nt";
  /** A MySQL password with every character that URLs and DSNs treat specially, and a space. */
  static final String JAWS_PW = "Jw Pl4nt+@:/%x9";
  static final String REDIS_PW = "Rd-Pl4nted/Tok";
  static final String PG_QUERY_PW = "Pq Pl4nted&x=1";
  static final String JDBC_PW = "Jdbc-Pl4nted-3";
  static final String HEADER_TOKEN = "Hdr-Pl4nted-tok";
  static final String MYSQL_PWD = "MyPwd-Pl4nted";
  static final String PAT = "Pat-Pl4nted-1";
  static final String VCAP_KEY = "Vcap-Pl4nted-key";
  static final String VCAP_DEEP = "Vcap Pl4nted deep";
  static final String ENV_LITERAL = "EnvLit-Pl4nted-7c1";
  static final String ENV_DSN_PW = "EnvDsn-Pl4nted-55";
  static final String ENV_DEFAULT = "EnvDefault-Pl4nted";
  static final String URL_PW = "Url Pl4nted@:/+";
  static final String URL_TOKEN = "UrlTok-Pl4nted";
  static final String BEFORE_PW = "Before-Pl4nted-pw";
  static final String LIBPQ_PW = "Libpq-Pl4nted";
  static final String BARE_DSN_PW = "BareDsn-Pl4nted";
  static final String ARGS_PW = "Args-Pl4nted";
  /** In a URL without its @host, where a parser reads the password as the port. */
  static final String HOSTLESS_PW = "Hostless-Pl4nted";
  /** Connector/J splits at a raw @ : / and quotes a piece in its error: each piece is marked. */
  static final String RAW_MYSQL_PW = "Pl4ntA@Pl4ntB:Pl4ntC/Pl4ntD";
  static final String DEPLOY_KEY = "-----BEGIN KEY-----\nPl4nted-line\n-----END KEY-----";

  static final List<String> PLANTED = List.of(JAWS_PW, REDIS_PW, PG_QUERY_PW, JDBC_PW,
      HEADER_TOKEN, MYSQL_PWD, PAT, VCAP_KEY, VCAP_DEEP, ENV_LITERAL, ENV_DSN_PW, ENV_DEFAULT,
      URL_PW, URL_TOKEN, BEFORE_PW, LIBPQ_PW, BARE_DSN_PW, ARGS_PW, HOSTLESS_PW, RAW_MYSQL_PW, DEPLOY_KEY);

  @TempDir Path dir;
  final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1")
      .dynamicPort());
  final Map<String, String> env = new HashMap<>();

  /** One run: what it is, the status it must end with, its flags and extra variables. */
  record Case(String name, int status, List<String> args, Map<String, String> extra) {}

  @BeforeEach
  void plant() throws Exception {
    Path zip = Zips.shellRelease(dir.resolve("app.zip"));
    Path broken = dir.resolve("broken.zip");
    try (Zips z = Zips.create(broken)) {
      z.copy("bin/sh", 0755, Path.of("/bin/sh"));
      z.file("bin/app", 0755, "#!/nonexistent/interpreter-13\n");
    }
    server.start();
    server.stubFor(get(urlPathEqualTo("/app.zip"))
        .willReturn(aResponse().withBody(Files.readAllBytes(zip))));
    server.stubFor(get(urlPathEqualTo("/SHA256SUMS"))
        .willReturn(aResponse().withBody("0".repeat(64) + "  app.zip\n")));
    Files.writeString(dir.resolve("liftoff.properties"), """
        url = app.zip
        env.FLEET_MYSQL_PASSWORD = ${JAWSDB_URL.password}
        env.FLEET_MYSQL_DSN = ${JAWSDB_URL.godsn}
        env.FLEET_MYSQL_ADDRESS = ${JAWSDB_URL.hostport}
        env.DB_COPY = ${JAWSDB_URL.url}
        env.DB_WHOLE = ${JAWSDB_URL}
        env.PG_JDBC = ${JDBC_DATABASE_URL}
        env.PG_QUERY = ${DATABASE_URL.query}
        env.REDIS_PASSWORD = ${REDIS_URL.password}
        env.API_TOKEN = %s
        env.LITERAL_DSN = fleet:%s@tcp(db:3306)/x
        env.SESSION_SECRET = ${SESSION_SECRET_13:-%s}
        """.formatted(ENV_LITERAL, ENV_DSN_PW, ENV_DEFAULT));
    env.put("PATH", System.getenv("PATH"));
    env.put("JAWSDB_URL", "mysql://fleet:" + encode(JAWS_PW) + "@127.0.0.1:1/fleet");
    env.put("REDIS_URL", "rediss://:" + encode(REDIS_PW) + "@127.0.0.1:1");
    env.put("DATABASE_URL", "postgres://127.0.0.1:1/db?user=u&password=" + encode(PG_QUERY_PW));
    env.put("JDBC_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/db?user=u&password=" + JDBC_PW);
    env.put("VCAP_SERVICES", """
        {"user-provided": [{"name": "api", "label": "user-provided",
          "credentials": {"api_key": "%s", "nested": {"list": ["%s"]}, "port": 4444}}]}
        """.formatted(VCAP_KEY, VCAP_DEEP));
    env.put("LIFTOFF_AUTH_HEADER", "Authorization: Bearer " + HEADER_TOKEN);
    env.put("MYSQL_PWD", MYSQL_PWD);
    env.put("SERVICE_PAT", PAT);
    env.put("DEPLOY_KEY", DEPLOY_KEY);
    env.put("LIFTOFF_WAIT_TIMEOUT", "1s");
    env.put("LIFTOFF_DOWNLOAD_TIMEOUT", "30s");
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void noPlantedSecretAppearsInAnyByteOfAnyCommandSucceedingOrFailingAtAnyStage()
      throws Exception {
    String remote = server.baseUrl() + "/app.zip?sig=" + URL_TOKEN;
    String badUrl = "http://fleet:" + encode(URL_PW) + "@127.0.0.1:9/app.zip?token=" + URL_TOKEN;
    String beforeStep = "sh -c 'exit ${STEP_STATUS:-0}' step --password " + BEFORE_PW
        + " ${JAWSDB_URL.godsn} ${DATABASE_URL}";
    List<Case> cases = List.of(
        new Case("env", 0, List.of("env"), Map.of()),
        new Case("env --debug", 0, List.of("--debug", "env"), Map.of()),
        new Case("check", 0, List.of("check", "--wait", "${JAWSDB_URL},${REDIS_URL}"), Map.of()),
        new Case("fetch", 0, List.of("--debug", "fetch"), Map.of()),
        new Case("fetch over http", 0, List.of("--debug", "fetch", "--url", remote), Map.of()),
        new Case("release with a before step", 0,
            List.of("--debug", "release", "--before", beforeStep), Map.of()),
        new Case("run", 0, List.of("--debug", "run", "--", "-c", "exit 0"), Map.of()),
        new Case("run, exec=never", 0, List.of("--debug", "run", "--exec", "never", "--", "-c",
            "exit 0"), Map.of()),
        new Case("bad template: unset variable", 78,
            List.of("--debug", "run", "--env", "X=${NOT_SET_13}"), Map.of()),
        new Case("bad template: unknown part", 78,
            List.of("env", "--env", "X=${JAWSDB_URL.nopart}"), Map.of()),
        new Case("bad template in check", 78,
            List.of("--debug", "check", "--env", "X=${NOT_SET_13}"), Map.of()),
        new Case("bad template in url", 78,
            List.of("--debug", "fetch", "--url", badUrl + "${NOT_SET_13}"), Map.of()),
        new Case("not a URL: user:pass@host", 78,
            List.of("--debug", "env", "--env", "X=${BARE_DSN.host}"),
            Map.of("BARE_DSN", "fleet:" + BARE_DSN_PW + "@db/x")),
        new Case("not a URL: libpq key-value", 78,
            List.of("--debug", "run", "--wait", "${LIBPQ_DSN}"),
            Map.of("LIBPQ_DSN", "host=127.0.0.1 user=u password=" + LIBPQ_PW)),
        new Case("not a URL: libpq key-value in check", 78,
            List.of("check", "--env", "X=${LIBPQ_DSN.password}"),
            Map.of("LIBPQ_DSN", "host=127.0.0.1 user=u password=" + LIBPQ_PW)),
        new Case("MySQL URL with a raw @ : / in its password", 78,
            List.of("--debug", "run", "--wait", "${CLEARDB_DATABASE_URL}"),
            Map.of("CLEARDB_DATABASE_URL", "mysql://fleet:" + RAW_MYSQL_PW + "@127.0.0.1:1/f")),
        new Case("bad release URL", 78,
            List.of("--debug", "fetch", "--url", "http://fleet:" + encode(URL_PW)
                + "@127.0.0.1:99999/app.zip?token=" + URL_TOKEN), Map.of()),
        new Case("URL without its @host, in wait", 78,
            List.of("--debug", "run", "--wait", "${HOSTLESS_URL}"),
            Map.of("HOSTLESS_URL", "postgres://fleet:" + HOSTLESS_PW)),
        // Without --debug: its dump of the settings shows a value written in a setting as it is,
        // and Redact finds no password in a URL without an @.
        new Case("URL without its @host, written in wait", 78,
            List.of("run", "--wait", "postgres://fleet:" + HOSTLESS_PW), Map.of()),
        new Case("URL without its @host, in a template's part", 78,
            List.of("env", "--env", "X=${HOSTLESS_URL.password}"),
            Map.of("HOSTLESS_URL", "postgres://fleet:" + HOSTLESS_PW)),
        new Case("release URL without its @host", 78,
            List.of("fetch", "--url", "https://fleet:" + HOSTLESS_PW), Map.of()),
        new Case("args with an open quote", 78, List.of("--debug", "run"),
            Map.of("LIFTOFF_ARGS", "--token '" + ARGS_PW)),
        new Case("auth-header with a control character", 78, List.of("--debug", "check"),
            Map.of("LIFTOFF_AUTH_HEADER", "Authorization: Bearer " + HEADER_TOKEN + "\u001b[2J")),
        new Case("unreachable server", 69, List.of("--debug", "fetch", "--url", badUrl,
            "--download-timeout", "1s"), Map.of()),
        new Case("wrong checksum", 65, List.of("--debug", "run", "--url", remote, "--sha256",
            "0".repeat(64)), Map.of()),
        // Another URL than the one fetch recorded, whose install a release would use at once.
        new Case("wrong checksums list", 65, List.of("--debug", "release", "--url",
            remote + "&n=2", "--checksums-url", server.baseUrl() + "/SHA256SUMS?token=" + URL_TOKEN), Map.of()),
        new Case("wait timeout", 69, List.of("--debug", "run", "--wait",
            "${JAWSDB_URL},${REDIS_URL},tcp://${DATABASE_URL.hostport}"), Map.of()),
        new Case("before step failing", 3,
            List.of("--debug", "release", "--before", beforeStep), Map.of("STEP_STATUS", "3")),
        new Case("exec failure", 127, List.of("--debug", "run", "--url", "broken.zip",
            "--binary", "bin/app"), Map.of()));
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      Map<String, String> variables = new HashMap<>(env);
      variables.putAll(c.extra());
      try (Launch run = Launch.jar(dir, variables, c.args().toArray(String[]::new))) {
        int status = run.waitFor();
        String everything = String.join("\n", run.out()) + "\n" + run.err();
        if (status != c.status()) {
          failures.add(c.name() + ": status " + status + ", expected " + c.status() + "\n"
              + everything);
        }
        leaked(everything).ifPresent(form -> failures.add(c.name() + " printed " + form + ":\n"
            + everything));
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + cases.size() + " runs failed:\n"
          + String.join("\n----\n", failures));
    }
  }

  @Test
  void envMasksEverySecretAndShowSecretsShowsThem() throws Exception {
    try (Launch run = Launch.jar(dir, env, "env")) {
      assertEquals(0, run.waitFor(), run.err());
      List<String> out = run.out();
      assertTrue(out.contains("FLEET_MYSQL_PASSWORD=***"), out.toString());
      assertTrue(out.contains("FLEET_MYSQL_ADDRESS=127.0.0.1:1"), out.toString());
      assertTrue(out.contains("DB_COPY=mysql://fleet:***@127.0.0.1:1/fleet"), out.toString());
      assertTrue(out.contains("MYSQL_PWD=***"), out.toString());
      assertTrue(out.contains("DEPLOY_KEY=***"), out.toString());
      assertEquals(java.util.Optional.empty(), leaked(String.join("\n", out) + run.err()));
    }
    try (Launch shown = Launch.jar(dir, env, "env", "--show-secrets")) {
      assertEquals(0, shown.waitFor(), shown.err());
      List<String> out = shown.out();
      assertTrue(out.contains("FLEET_MYSQL_PASSWORD=" + JAWS_PW), out.toString());
      assertTrue(out.contains("API_TOKEN=" + ENV_LITERAL), out.toString());
      assertTrue(out.contains("DEPLOY_KEY=$'" + DEPLOY_KEY.replace("\n", "\\n") + "'"),
          out.toString());
      assertEquals(java.util.Optional.empty(), leaked(shown.err()), "stderr stays masked");
    }
  }

  @Test
  void aRefusedMysqlLoginWithAPlantedPasswordPrintsNoneOfIt() throws Exception {
    MariaDb.require();
    env.put("JAWSDB_URL", "mysql://i13_nobody:" + encode(JAWS_PW) + "@127.0.0.1:3306/test");
    try (Launch run = Launch.jar(dir, env, "--debug", "run", "--wait", "${JAWSDB_URL}")) {
      int status = run.waitFor();
      String everything = String.join("\n", run.out()) + run.err();
      assertEquals(78, status, everything);
      assertTrue(everything.contains("i13_nobody"), everything);
      assertEquals(java.util.Optional.empty(), leaked(everything));
    }
  }

  /** The first planted value, or form of one, found in {@code text}. */
  static java.util.Optional<String> leaked(String text) {
    if (text.contains(MARKER)) {
      return java.util.Optional.of("the marker " + MARKER);
    }
    for (String secret : PLANTED) {
      for (String form : List.of(secret, encode(secret), encode(secret).toLowerCase(Locale.ROOT),
          URLEncoder.encode(secret, StandardCharsets.UTF_8),
          Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))) {
        if (text.contains(form)) {
          return java.util.Optional.of(form);
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** Percent-encodes all but RFC 3986's unreserved characters, as a URL's password is written. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
