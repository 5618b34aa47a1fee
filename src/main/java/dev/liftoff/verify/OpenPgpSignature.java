package dev.liftoff.verify;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Messages;
import dev.liftoff.core.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks an OpenPGP detached signature (armored {@code .asc} or binary {@code .sig}) with Bouncy
 * Castle's lightweight API, which needs no JCA provider registered: the signer must be the given
 * key or one of its bound subkeys, the signature must be valid, and neither key may be revoked
 * or expired. Loaded only when public-key is an OpenPGP key, so a cached boot never sees it.
 */
final class OpenPgpSignature {
  private OpenPgpSignature() {}

  /** Reads the key block now, so a malformed key is a configuration error before any download. */
  static PublicKey.OpenPgp checked(PublicKey.OpenPgp key, String origin) {
    PGPPublicKeyRingCollection rings = rings(key.block(), origin);
    if (rings.size() == 0) {
      throw PublicKey.config(origin + ": the OpenPGP block holds no public key");
    }
    return key;
  }

  private static PGPPublicKeyRingCollection rings(byte[] block, String origin) {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
      return new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
    } catch (IOException | PGPException | RuntimeException e) {
      throw PublicKey.config(origin + ": not a readable OpenPGP public key block ("
          + Messages.cause(e) + "); export it with gpg --armor --export KEYID");
    }
  }

  static void verify(byte[] file, PublicKey.OpenPgp key, Subject subject, String label,
      Instant now) {
    PGPPublicKeyRingCollection rings = rings(key.block(), "public-key");
    List<PGPSignature> signatures = signatures(file, label, subject);
    PGPSignature signature = null;
    for (PGPSignature candidate : signatures) {
      if (rings.contains(candidate.getKeyID())) {
        signature = candidate;
        break;
      }
    }
    if (signature == null) {
      throw new LaunchException(Status.DATA, label + ": the OpenPGP signature of " + subject.name()
          + " was made by key " + keyIds(signatures) + ", not by public-key ("
          + keyIds(rings) + "); nothing was installed");
    }
    PGPPublicKey signer = rings.getPublicKey(signature.getKeyID());
    PGPPublicKeyRing ring = rings.getPublicKeyRing(signature.getKeyID());
    PGPPublicKey primary = ring.getPublicKey();
    int hash = signature.getHashAlgorithm();
    if (hash == HashAlgorithmTags.MD5 || hash == HashAlgorithmTags.SHA1
        || hash == HashAlgorithmTags.RIPEMD160) {
      throw bad(label, subject, "it hashes with a broken algorithm (MD5, SHA-1 or RIPEMD-160)");
    }
    if (signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
      throw bad(label, subject, "it is not a binary document signature (gpg --detach-sign)");
    }
    try {
      signature.init(new BcPGPContentVerifierBuilderProvider(), signer);
      try (InputStream in = subject.open()) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          signature.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw subject.unreadable(e);
      }
      if (!signature.verify()) {
        throw new LaunchException(Status.DATA, label + ": OpenPGP signature check failed for "
            + subject.name() + ": it is not what the vendor signed; nothing was installed");
      }
      usable(primary, signer, signature.getCreationTime(), now, label);
    } catch (PGPException | RuntimeException e) {
      if (e instanceof LaunchException launch) {
        throw launch;
      }
      throw bad(label, subject, "Bouncy Castle refused it: " + Messages.cause(e));
    }
  }

  /** Refuses a revoked or expired key, and a subkey that its primary key did not bind for signing. */
  private static void usable(PGPPublicKey primary, PGPPublicKey signer, Date signed, Instant now,
      String label) throws PGPException {
    BcPGPContentVerifierBuilderProvider provider = new BcPGPContentVerifierBuilderProvider();
    for (PGPSignature revocation : list(primary.getSignaturesOfType(PGPSignature.KEY_REVOCATION))) {
      revocation.init(provider, primary);
      if (revocation.verifyCertification(primary)) {
        throw refused(label, primary, "was revoked by its owner");
      }
    }
    expiry(primary, signed, now, label);
    if (signer == primary) {
      return;
    }
    for (PGPSignature revocation : list(signer.getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION))) {
      revocation.init(provider, primary);
      if (revocation.verifyCertification(primary, signer)) {
        throw refused(label, signer, "(a subkey) was revoked by its owner");
      }
    }
    boolean bound = false;
    for (PGPSignature binding : list(signer.getSignaturesOfType(PGPSignature.SUBKEY_BINDING))) {
      binding.init(provider, primary);
      if (binding.getKeyID() == primary.getKeyID() && binding.verifyCertification(primary, signer)) {
        PGPSignatureSubpacketVector hashed = binding.getHashedSubPackets();
        int flags = hashed == null ? 0 : hashed.getKeyFlags();
        bound = flags == 0 || (flags & KeyFlags.SIGN_DATA) != 0;
      }
    }
    if (!bound) {
      throw refused(label, signer, "(a subkey) is not bound to its primary key for signing");
    }
    expiry(signer, signed, now, label);
  }

  private static void expiry(PGPPublicKey key, Date signed, Instant now, String label) {
    long seconds = key.getValidSeconds();
    if (seconds <= 0) {
      return;
    }
    Instant expires = key.getCreationTime().toInstant().plusSeconds(seconds);
    if (!now.isBefore(expires) || signed.toInstant().isAfter(expires)) {
      throw refused(label, key, "expired on " + expires.atOffset(ZoneOffset.UTC).toLocalDate()
          + " (vendors extend a key's expiry and publish it again: get their current key)");
    }
  }

  private static List<PGPSignature> signatures(byte[] file, String label, Subject subject) {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(file))) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      Object next = factory.nextObject();
      while (next instanceof PGPMarker) {
        next = factory.nextObject();
      }
      if (next instanceof PGPSignatureList list && !list.isEmpty()) {
        List<PGPSignature> all = new ArrayList<>();
        list.forEach(all::add);
        return all;
      }
      throw bad(label, subject, "it holds no detached signature");
    } catch (IOException | RuntimeException e) {
      if (e instanceof LaunchException launch) {
        throw launch;
      }
      throw bad(label, subject, "it is truncated or damaged (" + Messages.cause(e) + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<PGPSignature> list(Iterator<?> signatures) {
    List<PGPSignature> all = new ArrayList<>();
    signatures.forEachRemaining(s -> all.add((PGPSignature) s));
    return all;
  }

  private static String keyIds(List<PGPSignature> signatures) {
    return String.join(", ", signatures.stream().map(s -> keyId(s.getKeyID())).toList());
  }

  private static String keyIds(PGPPublicKeyRingCollection rings) {
    List<String> ids = new ArrayList<>();
    rings.forEach(ring -> ring.forEach(key -> ids.add(keyId(key.getKeyID()))));
    return String.join(", ", ids);
  }

  private static String keyId(long id) {
    return HexFormat.of().withUpperCase().toHexDigits(id);
  }

  private static LaunchException refused(String label, PGPPublicKey key, String why) {
    return new LaunchException(Status.DATA, label + ": the signing key "
        + keyId(key.getKeyID()) + " " + why + "; nothing was installed");
  }

  private static LaunchException bad(String label, Subject subject, String why) {
    return new LaunchException(Status.DATA, label + ": not a usable OpenPGP signature of "
        + subject.name() + ": " + why + "; nothing was installed");
  }
}
