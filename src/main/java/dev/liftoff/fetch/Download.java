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
 */
public record Download(
    String url,
    Path cacheDir,
    Optional<Secret> authHeader,
    boolean allowHttp,
    Duration timeout,
    Map<String, String> environment,
    boolean terminal) {}
