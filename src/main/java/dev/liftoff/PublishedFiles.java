package dev.liftoff;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import dev.liftoff.fetch.Download;
import dev.liftoff.fetch.Fetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A release's checksums list or signature: fetched by the same rules as the release, read whole,
 * and refused above a size no such file reaches, so a wrong URL cannot fill the memory.
 *
 * @param release the release's download, whose rules (and, on its own origin, auth header) apply
 */
record PublishedFiles(Download release, Path cwd, Log log) {
  private static final long MAX_BYTES = 1 << 20;

  /** What {@link dev.liftoff.verify.Verifiers.Published} asks. */
  byte[] bytes(String url) {
    Path file = Fetcher.fetch(release.withUrl(url), cwd, log).archive();
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new LaunchException(Status.DATA, Redact.urls(url) + " is larger than "
            + MAX_BYTES + " bytes: not a checksums list or a signature");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LaunchException(Status.DATA, "cannot read " + Redact.urls(url) + ": " + e, e);
    }
  }
}
