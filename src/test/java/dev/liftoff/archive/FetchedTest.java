package dev.liftoff.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.liftoff.core.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchedTest {
  @TempDir Path cache;

  @Test
  void aRecordReadsBackAsTheInstallsDigest() {
    String sha = "ab".repeat(32);
    Fetched.record(cache, "https://example.com/a.zip",
        new Installed(cache.resolve("installs").resolve(sha), cache.resolve("x")));

    assertEquals(Optional.of(sha), Fetched.sha256For(cache, "https://example.com/a.zip"));
    assertEquals(Optional.empty(), Fetched.sha256For(cache, "https://example.com/b.zip"));
  }

  @Test
  void aRecordedValueThatIsNotADigestIsRefusedNamingTheFile() throws Exception {
    String key = dev.liftoff.core.Sha256.hex("app.zip");
    for (String value : new String[] {"../../etc", "/tmp/planted", "AB".repeat(32), "ab"}) {
      Files.writeString(cache.resolve("fetched.properties"), key + "=" + value + "\n");

      LaunchException e = assertThrows(LaunchException.class,
          () -> Fetched.sha256For(cache, "app.zip"));

      assertEquals(78, e.status());
      assertTrue(e.getMessage().contains("fetched.properties") && e.getMessage()
          .contains("'" + value + "'") && e.getMessage().contains("run fetch again"),
          e.getMessage());
    }
  }

  @Test
  void aRecordThatCannotBeWrittenIs74NamingTheFile() {
    Path gone = cache.resolve("not-there");
    LaunchException e = assertThrows(LaunchException.class, () -> Fetched.record(gone,
        "app.zip", new Installed(gone.resolve("installs/" + "cd".repeat(32)), gone)));

    assertEquals(74, e.status());
    assertTrue(e.getMessage().contains("cannot record the install in "
        + gone.resolve("fetched.properties")), e.getMessage());
  }
}
