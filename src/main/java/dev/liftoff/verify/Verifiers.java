package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Status;
import java.util.Optional;

/** Chooses the verifier that the settings ask for. */
public final class Verifiers {
  private Verifiers() {}

  public static Verifier forSettings(
      Optional<String> sha256, Optional<String> checksumsUrl, Optional<String> signatureUrl,
      Log log) {
    if (checksumsUrl.isPresent() || signatureUrl.isPresent()) {
      throw new LaunchException(Status.CONFIG, (checksumsUrl.isPresent() ? "checksums-url"
          : "signature-url") + " is not supported by this version of Liftoff yet; pin the"
          + " archive with sha256 instead");
    }
    return sha256.<Verifier>map(Sha256Verifier::new).orElseGet(() -> new Unverified(log));
  }

  /** Compares the digest computed while fetching with the pinned one. */
  record Sha256Verifier(String expected) implements Verifier {
    @Override
    public void verify(dev.liftoff.fetch.Release release) {
      if (!expected.equalsIgnoreCase(release.sha256())) {
        throw new LaunchException(Status.DATA, "sha256 mismatch for " + release.name()
            + ": expected " + expected + ", got " + release.sha256()
            + "; nothing was installed (if the vendor published a new release, update sha256)");
      }
    }
  }

  /** Accepts anything, and says so once. */
  record Unverified(Log log) implements Verifier {
    @Override
    public void verify(dev.liftoff.fetch.Release release) {
      log.warn("verify", "result", "unverified", "sha256", release.sha256(),
          "msg", "the download is unverified: pin it with sha256=" + release.sha256());
    }
  }
}
