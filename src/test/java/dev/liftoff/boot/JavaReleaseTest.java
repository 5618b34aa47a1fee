package dev.liftoff.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * pom.xml's maven.compiler.release is the Java release (the enforcer and .ci/run read it too);
 * the two copies that cannot read it at run time must agree with it: Heroku's system.properties
 * and Boot's check, which runs on Java 8 and on every boot.
 */
class JavaReleaseTest {
  private static final Path PROJECT = Path.of(System.getProperty("user.dir"));

  @Test
  void thePomTheRuntimeAndTheBootCheckNameOneJavaRelease() throws Exception {
    Matcher release = Pattern.compile("<maven\\.compiler\\.release>(\\d+)</")
        .matcher(Files.readString(PROJECT.resolve("pom.xml")));
    assertTrue(release.find(), "pom.xml sets no maven.compiler.release");
    int pom = Integer.parseInt(release.group(1));

    assertEquals(pom, Integer.parseInt(runtime()), "system.properties' java.runtime.version");
    Field required = Boot.class.getDeclaredField("REQUIRED");
    required.setAccessible(true);
    assertEquals(pom, required.getInt(null), "Boot.REQUIRED");
  }

  private static String runtime() throws IOException {
    Properties system = new Properties();
    try (Reader in = Files.newBufferedReader(PROJECT.resolve("system.properties"))) {
      system.load(in);
    }
    return system.getProperty("java.runtime.version");
  }
}
