package dev.liftoff.config;

import dev.liftoff.core.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Every setting, merged from flags, {@code LIFTOFF_} variables and the properties file, checked
 * and typed. Values that may hold templates ({@code url}, {@code args}, {@code env}, {@code
 * before}, {@code wait}) are kept as written: the environment stage expands them.
 *
 * @param args the program's arguments, one template per word
 * @param env templates for the program's variables, by name
 * @param before the before steps in order, each split into words
 * @param waitFor the wait URLs, each a template
 * @param execve whether to replace the JVM ({@code exec=auto}) or stay its parent ({@code never})
 * @param offlineFallback whether an install verified earlier stands in for an unreachable origin
 * @param bootTimeout the budget of download, wait and before steps together, if any
 */
public record Settings(
    Optional<String> url,
    Optional<String> sha256,
    Optional<String> checksumsUrl,
    Optional<String> checksumsSignatureUrl,
    Optional<String> signatureUrl,
    Optional<String> publicKey,
    Optional<String> binary,
    List<String> args,
    SortedMap<String, String> env,
    List<List<String>> before,
    boolean skipBefore,
    List<String> waitFor,
    Duration waitTimeout,
    Path cacheDir,
    boolean execve,
    boolean allowHttp,
    Optional<Secret> authHeader,
    Duration downloadTimeout,
    long extractMaxEntries,
    long extractMaxBytes,
    long extractMaxRatio,
    Optional<Path> configFile,
    boolean offlineFallback,
    Optional<Duration> bootTimeout) {}
