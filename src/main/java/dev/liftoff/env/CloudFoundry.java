package dev.liftoff.env;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Cloud Foundry's {@code VCAP_SERVICES} into the variables other platforms set:
 * {@code DATABASE_URL} for the one relational service, {@code REDIS_URL} for Redis, never
 * overriding a variable that is already set.
 */
public final class CloudFoundry {
  private static final List<String> RELATIONAL = List.of("mysql", "mariadb", "postgres");

  private CloudFoundry() {}

  /** A service that can serve as a URL, with the name it has in VCAP_SERVICES. */
  private record Candidate(String name, String url) {}

  /**
   * Every text inside the {@code credentials} of VCAP_SERVICES's services, for the run's secrets:
   * brokers put passwords, tokens and keys under names no list can foresee. When VCAP_SERVICES is
   * not JSON, the whole value, since what in it is a credential cannot be told.
   */
  public static List<String> credentials(Map<String, String> environment) {
    String vcap = environment.get("VCAP_SERVICES");
    List<String> texts = new ArrayList<>();
    if (vcap == null || vcap.isBlank()) {
      return texts;
    }
    JsonValue parsed;
    try {
      parsed = Json.parse(vcap);
    } catch (IllegalArgumentException e) {
      texts.add(vcap);
      return texts;
    }
    for (JsonValue service : services(parsed)) {
      service.get("credentials").strings(texts);
    }
    return texts;
  }

  /** The service instances: VCAP_SERVICES maps each offering to a list of them. */
  private static List<JsonValue> services(JsonValue vcap) {
    List<JsonValue> services = new ArrayList<>();
    for (JsonValue offering : vcap.members().values()) {
      services.addAll(offering.items());
    }
    return services;
  }

  /** The launcher's environment with the variables VCAP_SERVICES yields added. */
  public static Map<String, String> normalize(Map<String, String> environment) {
    String vcap = environment.get("VCAP_SERVICES");
    if (vcap == null || vcap.isBlank()) {
      return environment;
    }
    JsonValue parsed;
    try {
      parsed = Json.parse(vcap);
    } catch (IllegalArgumentException e) {
      throw new LaunchException(Status.CONFIG, "VCAP_SERVICES is not JSON: " + Messages.cause(e));
    }
    List<Candidate> databases = new ArrayList<>();
    List<Candidate> caches = new ArrayList<>();
    for (JsonValue service : services(parsed)) {
      classify(service, databases, caches);
    }
    Map<String, String> normalized = new HashMap<>(environment);
    add(normalized, "DATABASE_URL", databases);
    add(normalized, "REDIS_URL", caches);
    return normalized;
  }

  private static void add(Map<String, String> env, String variable, List<Candidate> candidates) {
    String current = env.get(variable);
    if (current != null && !current.isEmpty() || candidates.isEmpty()) {
      return;
    }
    if (candidates.size() > 1) {
      throw new LaunchException(Status.CONFIG, "VCAP_SERVICES binds " + candidates.size()
          + " services that could be " + variable + ": " + String.join(", ",
          candidates.stream().map(Candidate::name).toList()) + "; set " + variable
          + " to the one to use (cf set-env), or unbind the others");
    }
    env.put(variable, candidates.get(0).url());
  }

  /** Files an instance as a database or a cache, when it is one; anything else is skipped. */
  private static void classify(JsonValue service, List<Candidate> databases,
      List<Candidate> caches) {
    String name = service.get("name").text().orElse("(no name)");
    List<String> words = new ArrayList<>();
    words.add(service.get("label").text().orElse("").toLowerCase(Locale.ROOT));
    for (JsonValue tag : service.get("tags").items()) {
      words.add(tag.text().orElse("").toLowerCase(Locale.ROOT));
    }
    JsonValue credentials = service.get("credentials");
    String uri = text(credentials, "uri", "url");
    String scheme = uri == null || uri.indexOf("://") < 0 ? null
        : Url.family(uri.substring(0, uri.indexOf("://")));
    String kind = scheme != null && (RELATIONAL.contains(scheme) || scheme.startsWith("redis"))
        ? scheme : kindFrom(words);
    if (kind == null) {
      return;
    }
    String url = uri != null ? uri : built(kind, credentials);
    if (url == null) {
      return;
    }
    Candidate candidate = new Candidate(name, url);
    if (kind.startsWith("redis")) {
      caches.add(candidate);
    } else {
      databases.add(candidate);
    }
  }

  private static String kindFrom(List<String> words) {
    for (String word : words) {
      for (String kind : List.of("mysql", "mariadb", "postgres", "redis")) {
        if (word.contains(kind)) {
          return kind.equals("mariadb") ? "mysql" : kind;
        }
      }
      if (word.contains("elephantsql") || word.contains("pgsql")) {
        return "postgres";
      }
    }
    return null;
  }

  /** A URL from hostname, port, username, password and name, when a broker gives no uri. */
  private static String built(String kind, JsonValue credentials) {
    String host = text(credentials, "hostname", "host");
    if (host == null) {
      return null;
    }
    String user = text(credentials, "username", "user");
    String password = text(credentials, "password");
    String port = text(credentials, "port");
    String database = text(credentials, "name", "database", "db");
    StringBuilder url = new StringBuilder(kind.startsWith("redis") ? "redis" : kind)
        .append("://");
    if (user != null || password != null) {
      url.append(user == null ? "" : UrlParts.encode(user));
      if (password != null) {
        url.append(':').append(UrlParts.encode(password));
      }
      url.append('@');
    }
    url.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
    if (port != null) {
      url.append(':').append(port);
    }
    if (database != null && !kind.startsWith("redis")) {
      url.append('/').append(UrlParts.encode(database));
    }
    return url.toString();
  }

  /** The first of {@code keys} that holds a string, a number or a boolean, as text. */
  private static String text(JsonValue object, String... keys) {
    for (String key : keys) {
      Optional<String> value = object.get(key).text();
      if (value.isPresent()) {
        return value.get();
      }
    }
    return null;
  }
}
