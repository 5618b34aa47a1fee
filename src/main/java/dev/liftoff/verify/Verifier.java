package dev.liftoff.verify;

import dev.liftoff.fetch.Release;

/** Proves that a release is the vendor's, or throws a data error. */
public interface Verifier {
  void verify(Release release);
}
