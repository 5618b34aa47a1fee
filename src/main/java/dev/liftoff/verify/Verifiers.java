package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import dev.liftoff.fetch.Release;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Chooses the verifiers that the settings ask for; every one chosen must pass. */
public final class Verifiers {
  private Verifiers() {}

  /** Reads a small published file (a checksums list, a signature) whole. */
  public interface Published {
    byte[] bytes(String url);
  }

  /**
   * What the settings ask to check, with URLs already expanded. The settings were checked as they
   * were read: a signature URL comes with a public key, a checksums signature with its list.
   *
   * @param url the release's URL, which trust on first use remembers the digest of
   * @param cwd where a {@code public-key} file path is resolved
   */
  public record Asked(Optional<String> sha256, Optional<String> checksumsUrl,
      Optional<String> checksumsSignatureUrl, Optional<String> signatureUrl,
      Optional<String> publicKey, String url, Path cwd, Path cacheDir) {}

  /** Reads the key now, so a malformed one stops the launch before the download. */
  public static Verifier forSettings(Asked asked, Published published, Log log) {
    List<Verifier> chosen = new ArrayList<>();
    List<String> by = new ArrayList<>();
    boolean signed = asked.signatureUrl().isPresent() || asked.checksumsSignatureUrl().isPresent();
    Optional<PublicKey> key = signed
        ? Optional.of(PublicKey.parse(asked.publicKey().orElseThrow(), asked.cwd()))
        : Optional.empty();
    asked.sha256().ifPresent(pin -> {
      chosen.add(new Pinned(pin));
      by.add("pinned");
    });
    asked.checksumsUrl().ifPresent(url -> {
      chosen.add(new Listed(url, asked.checksumsSignatureUrl(), key, published, log));
      by.add(asked.checksumsSignatureUrl().isPresent() ? "signed-list" : "listed");
    });
    asked.signatureUrl().ifPresent(url -> {
      chosen.add(new Signed(url, key.get(), published));
      by.add("signed");
    });
    if (chosen.isEmpty()) {
      return new Unverified(log);
    }
    return release -> {
      for (Verifier verifier : chosen) {
        verifier.verify(release);
      }
      if (asked.sha256().isEmpty()) { // a pinned digest cannot change: nothing to remember
        Remembered.compare(asked.cacheDir(), asked.url(), release.sha256(), log);
      }
      log.info("verify", "result", "ok", "by", String.join(",", by), "sha256", release.sha256());
    };
  }

  /** The archive as a signature sees it, with the digests its fetch already computed. */
  static Subject archive(Release release) {
    Map<String, String> known = new HashMap<>();
    known.put("SHA-256", release.sha256());
    release.sha512().ifPresent(sha512 -> known.put("SHA-512", sha512));
    return Subject.ofFile(release.name(), release.archive(), known);
  }

  /** The digest computed while fetching against the pinned one. */
  record Pinned(String expected) implements Verifier {
    @Override
    public void verify(Release release) {
      if (!expected.equalsIgnoreCase(release.sha256())) {
        throw new LaunchException(Status.DATA, "sha256 mismatch for " + release.name()
            + ": expected " + expected + ", got " + release.sha256()
            + "; nothing was installed (if the vendor published a new release, update sha256)");
      }
    }
  }

  /**
   * The digest against the one the vendor's checksums file lists for the archive's name; when
   * the list is signed, the list is verified first, and the very bytes verified are the ones read.
   */
  record Listed(String url, Optional<String> signatureUrl, Optional<PublicKey> key,
      Published published, Log log) implements Verifier {
    @Override
    public void verify(Release release) {
      byte[] list = published.bytes(url);
      signatureUrl.ifPresent(signature -> Signatures.verify(published.bytes(signature),
          key.orElseThrow(), Subject.ofBytes("the list at checksums-url", list),
          "checksums-signature-url", Instant.now()));
      Checksums checksums = new Checksums(new String(list, StandardCharsets.UTF_8),
          "checksums-url");
      Checksums.Listed listed = checksums.find(release.name()).orElseThrow(
          () -> new LaunchException(Status.DATA, "checksums-url " + Redact.urls(url)
              + " does not list " + release.name() + " (got sha256 " + release.sha256()
              + "); it lists: " + String.join(", ", checksums.names().stream().limit(20).toList())
              + "; nothing was installed"));
      String base = listed.name().substring(listed.name().lastIndexOf('/') + 1);
      if (!listed.name().isEmpty() && !base.equals(release.name())) {
        log.warn("verify", "listed", listed.name(), "archive", release.name(), "msg",
            "checksums-url has one line, for another name; its digest is the one checked");
      }
      String actual = listed.algorithm().equals("SHA-512")
          ? release.sha512().orElseGet(
              () -> HexFormat.of().formatHex(archive(release).digest("SHA-512")))
          : release.sha256();
      if (!listed.hex().equals(actual)) {
        throw new LaunchException(Status.DATA, listed.algorithm().toLowerCase(java.util.Locale.ROOT)
            .replace("-", "") + " mismatch for " + release.name() + ": checksums-url lists "
            + listed.hex() + ", got " + actual + "; nothing was installed");
      }
    }
  }

  /** A signature of the archive itself by the vendor's key: OpenPGP, minisign or SSH. */
  record Signed(String url, PublicKey key, Published published) implements Verifier {
    @Override
    public void verify(Release release) {
      Signatures.verify(published.bytes(url), key, archive(release), "signature-url",
          Instant.now());
    }
  }

  /** Accepts anything, and says so once. */
  record Unverified(Log log) implements Verifier {
    @Override
    public void verify(Release release) {
      log.warn("verify", "result", "unverified", "sha256", release.sha256(),
          "msg", "the download is unverified: pin it with sha256=" + release.sha256());
    }
  }
}
