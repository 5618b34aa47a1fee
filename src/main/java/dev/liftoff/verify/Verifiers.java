package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import dev.liftoff.fetch.Release;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Chooses the verifiers that the settings ask for; every one chosen must pass. */
public final class Verifiers {
  private Verifiers() {}

  /** Reads a small published file (a checksums list, a signature) as text. */
  public interface Published {
    String text(String url);
  }

  public static Verifier forSettings(
      Optional<String> sha256, Optional<String> checksumsUrl, Optional<String> signatureUrl,
      Optional<String> publicKey, Published published, Log log) {
    List<Verifier> chosen = new ArrayList<>();
    sha256.ifPresent(pin -> chosen.add(new Pinned(pin)));
    checksumsUrl.ifPresent(url -> chosen.add(new Listed(url, published)));
    if (signatureUrl.isPresent()) {
      if (publicKey.isEmpty()) {
        throw new LaunchException(Status.CONFIG, "signature-url is set without public-key;"
            + " set public-key to the vendor's 'ssh-ed25519 AAAA...' line");
      }
      SshSignature.publicKey(publicKey.get());
      chosen.add(new Signed(signatureUrl.get(), publicKey.get(), published));
    }
    if (chosen.isEmpty()) {
      return new Unverified(log);
    }
    return release -> {
      for (Verifier verifier : chosen) {
        verifier.verify(release);
      }
      log.info("verify", "result", "ok", "by", String.join(",", chosen.stream()
          .map(v -> v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)).toList()),
          "sha256", release.sha256());
    };
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

  /** The digest against the one the vendor's checksums file lists for the archive's name. */
  record Listed(String url, Published published) implements Verifier {
    @Override
    public void verify(Release release) {
      Checksums checksums = new Checksums(published.text(url));
      String listed = checksums.digestOf(release.name());
      if (listed == null) {
        throw new LaunchException(Status.DATA, "checksums-url " + Redact.urls(url)
            + " does not list " + release.name() + " (got sha256 " + release.sha256()
            + "); it lists: " + String.join(", ", checksums.names().stream().limit(20).toList())
            + "; nothing was installed");
      }
      if (!listed.equals(release.sha256())) {
        throw new LaunchException(Status.DATA, "sha256 mismatch for " + release.name()
            + ": checksums-url lists " + listed + ", got " + release.sha256()
            + "; nothing was installed");
      }
    }
  }

  /** An SSH signature of the archive by the vendor's key. */
  record Signed(String url, String publicKey, Published published) implements Verifier {
    @Override
    public void verify(Release release) {
      byte[] sha512 = HexFormat.of().parseHex(release.sha512().orElseThrow(
          () -> new IllegalStateException("the fetch was not asked for SHA-512")));
      SshSignature.verify(published.text(url), publicKey, sha512,
          HexFormat.of().parseHex(release.sha256()), release.name());
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
