import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Trains the Procfile's two AOT caches and checks that each training ran as it must (pom.xml,
 * "aot-training"). Run by the JDK's source launcher from the project's folder, with the build
 * folder:
 * java src/aot/Training.java target
 *
 * BUILD/liftoff.aot (the web line) comes from a cached boot made exactly as a dyno makes it: the
 * training release is fetched, then {@code run} boots on the record, translates, and execs
 * bin/not-a-program, which execve refuses (status 126) so the JVM lives to write the cache.
 * BUILD/fetch.aot (the release line) comes from a {@code fetch} of a 64 MiB tar.gz over https
 * from TrainingServer, so it also keeps the hot loops' profiles.
 *
 * Each training JVM gets PATH alone, so the builder's own LIFTOFF_* or DATABASE_URL cannot change
 * what it loads. Any other status than the expected one, or a missing cache, fails the build with
 * one line and the tail of the training's log.
 */
public final class Training {
  private static final long STEP_MINUTES = 5;

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java src/aot/Training.java BUILD_DIR");
      System.exit(2);
    }
    Path build = Path.of(args[0]).toAbsolutePath().normalize();
    Files.createDirectories(build.resolve("aot"));
    try {
      web(build);
      release(build);
    } catch (Failed e) {
      System.err.println("AOT training: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void web(Path build) throws Exception {
    Path aot = build.resolve("aot");
    Path cache = build.resolve("liftoff.aot");
    Path log = aot.resolve("training.log");
    Files.deleteIfExists(cache);
    deleteTree(aot.resolve("cache"));
    Files.deleteIfExists(log);
    Path recipe = aot.resolve("training.properties");
    Files.writeString(recipe, "# Written by src/aot/Training.java: a cached boot, as dynos boot.\n"
        + "url = " + aot.resolve("training.zip") + "\n"
        + "binary = bin/not-a-program\n"
        + "cache-dir = " + aot.resolve("cache") + "\n"
        + "env.TRAINING_ADDRESS = 0.0.0.0:${PORT:-8080}\n"
        + "args = serve\n");
    String jar = build.resolve("liftoff.jar").toString();
    expect(0, "the fetch of the training release", log,
        "-jar", jar, "fetch", "--config", recipe.toString());
    String boot = expect(126, "the cached boot (execve must refuse bin/not-a-program)", log,
        "-XX:AOTCacheOutput=" + cache, "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-jar", jar, "run", "--config", recipe.toString());
    // A boot that downloads again would fill the web cache with the download path's classes.
    if (!boot.contains("cached=true") || !boot.contains("event=exec")) {
      throw new Failed("the training boot was not a cached boot that reached exec" + tail(log));
    }
    written(cache, log);
  }

  private static void release(Path build) throws Exception {
    Path aot = build.resolve("aot");
    Path cache = build.resolve("fetch.aot");
    Path log = aot.resolve("fetch-training.log");
    Files.deleteIfExists(cache);
    deleteTree(aot.resolve("fetch-cache"));
    Files.deleteIfExists(log);
    try (TrainingServer server = TrainingServer.start(aot)) {
      expect(0, "the download over https", log,
          "-XX:AOTCacheOutput=" + cache, "-XX:+UseSerialGC", "-XX:-UsePerfData",
          "-Djavax.net.ssl.trustStore=" + server.trustStore(),
          "-Djavax.net.ssl.trustStorePassword=" + TrainingServer.STORE_PASSWORD,
          "-jar", build.resolve("liftoff.jar").toString(),
          "fetch", "--config", server.recipe().toString());
      if (!server.served()) {
        throw new Failed("the download training never asked TrainingServer for the release"
            + tail(log));
      }
    }
    written(cache, log);
  }

  /**
   * Runs this JDK's java with the arguments, output appended to the log; checks the status and
   * returns what the run wrote.
   */
  private static String expect(int status, String what, Path log, String... arguments)
      throws IOException, InterruptedException {
    long before = Files.exists(log) ? Files.size(log) : 0;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    Process process = builder.start();
    if (!process.waitFor(STEP_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new Failed(what + " did not end within " + STEP_MINUTES + " minutes" + tail(log));
    }
    if (process.exitValue() != status) {
      throw new Failed(what + " exited with " + process.exitValue() + ", expected " + status
          + tail(log));
    }
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
  }

  private static void written(Path cache, Path log) throws IOException {
    if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
      throw new Failed("the JVM wrote no " + cache + tail(log));
    }
    System.out.println("AOT training: " + cache + " (" + Files.size(cache) / (1 << 20)
        + " MiB), log " + log);
  }

  /** The last lines of the log, so that the build's own output says what went wrong. */
  private static String tail(Path log) throws IOException {
    List<String> lines = Files.exists(log)
        ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    return "; " + log + " ends:\n  "
        + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }
}
