package dev.liftoff.fetch;

import dev.liftoff.core.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What to fetch and under which rules.
 *
 * @param url the expanded {@code url}: https://, http://, file: or a path
 * @param environment the launcher's variables, for the proxy settings that curl reads
 * @param terminal whether stderr is a person's terminal, which gets a live progress bar
 * @param sha512 whether to compute SHA-512 as well, for a signature
 */
public record Download(
    String url,
    Path cacheDir,
    Optional<Secret> authHeader,
    boolean allowHttp,
    Duration timeout,
    Map<String, String> environment,
    boolean terminal,
    boolean sha512) {

  /** The same rules for another file of the release: its checksums list or its signature. */
  public Download withUrl(String otherUrl) {
    return new Download(otherUrl, cacheDir, authHeader, allowHttp, timeout, environment, terminal,
        false);
  }
}
