package dev.liftoff.config;

import dev.liftoff.core.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Every setting, merged from flags, {@code LIFTOFF_} variables and the properties file, checked
 * and typed, in one group per stage that reads it. Values that may hold templates ({@code url},
 * {@code args}, {@code env}, {@code before}, {@code wait}) are kept as written: the environment
 * stage expands them.
 *
 * @param bootTimeout the budget of download, wait and before steps together, if any
 */
public record Settings(
    Source source,
    Verification verification,
    Extraction extraction,
    Wait waitFor,
    Program program,
    Optional<Duration> bootTimeout,
    Optional<Path> configFile) {

  /**
   * Where the release comes from and the rules it is fetched by.
   *
   * @param url absent when {@code binary} names a program already on this machine
   * @param timeout the deadline of the whole fetch, retries included
   * @param offlineFallback whether an install verified earlier stands in for an unreachable origin
   */
  public record Source(
      Optional<String> url,
      Optional<Secret> authHeader,
      boolean allowHttp,
      Duration timeout,
      Path cacheDir,
      boolean offlineFallback) {}

  /**
   * What proves the release is the vendor's. A signature URL always comes with a public key, and
   * a checksums signature with its checksums list: the loader refuses settings without them.
   */
  public record Verification(
      Optional<String> sha256,
      Optional<String> checksumsUrl,
      Optional<String> checksumsSignatureUrl,
      Optional<String> signatureUrl,
      Optional<String> publicKey) {

    /** Every setting, absent ones included, in an order that never changes: a cache key. */
    public List<Optional<String>> all() {
      return List.of(sha256, checksumsUrl, signatureUrl, publicKey, checksumsSignatureUrl);
    }

    /** Whether the archive's signature is an SSH one, which signs the archive's SHA-512. */
    public boolean sshSignature() {
      return signatureUrl.isPresent() && publicKey.orElse("").strip().startsWith("ssh-");
    }
  }

  /** How large an archive may unpack: entries, bytes written, and inflation of an entry. */
  public record Extraction(long maxEntries, long maxBytes, long maxRatio) {}

  /**
   * The services that must answer before the before steps and the exec.
   *
   * @param urls each a template
   */
  public record Wait(List<String> urls, Duration timeout) {}

  /**
   * The program and what it is started with.
   *
   * @param binary the program's path or glob inside the archive; without a URL, a command
   * @param args the program's arguments, one template per word
   * @param env templates for the program's variables, by name
   * @param before the before steps in order, each split into words
   * @param execve whether to replace the JVM ({@code exec=auto}) or stay its parent ({@code
   *     never})
   */
  public record Program(
      Optional<String> binary,
      List<String> args,
      SortedMap<String, String> env,
      List<List<String>> before,
      boolean skipBefore,
      boolean execve) {}
}
