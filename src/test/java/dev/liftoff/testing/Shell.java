package dev.liftoff.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Runs the real tools (tar, gzip, gpg, minisign, sha512sum) in a test's folder; an instance
 * gives gpg a private home there, so no test touches the user's keys.
 */
public final class Shell {
  private final Path dir;

  public Shell(Path dir) throws IOException {
    this.dir = dir;
    Path home = dir.resolve("gnupg");
    if (!Files.isDirectory(home)) {
      Files.createDirectory(home, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    }
  }

  /** Runs {@code command} with sh; fails the test, with the output, when it fails. */
  public String run(String command) throws IOException, InterruptedException {
    ProcessBuilder builder = sh(command).directory(dir.toFile());
    builder.environment().put("GNUPGHOME", dir.resolve("gnupg").toString());
    return output(command, builder);
  }

  /**
   * Runs {@code command} with sh in {@code dir} (tar, gzip, ln, sha256sum...) and returns what it
   * wrote on stdout and stderr; fails the test, with that output, when it fails.
   */
  public static String sh(Path dir, String command) throws IOException, InterruptedException {
    return output(command, sh(command).directory(dir.toFile()));
  }

  private static ProcessBuilder sh(String command) {
    return new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
  }

  private static String output(String command, ProcessBuilder builder)
      throws IOException, InterruptedException {
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError(command + " failed: " + out);
    }
    return out;
  }

  /** A new OpenPGP key (never expiring unless {@code expiry} says), for {@code email}. */
  public void gpgKey(String email, String algorithm, String expiry, String fakedTime)
      throws IOException, InterruptedException {
    run("gpg --batch --quiet --passphrase '' " + faked(fakedTime) + " --quick-gen-key '"
        + email + " <" + email + ">' " + algorithm + " sign " + expiry);
  }

  /** The fingerprints of the key for {@code email}: the primary first, then its subkeys. */
  public java.util.List<String> fingerprints(String email) throws IOException, InterruptedException {
    return run("gpg --batch --with-colons --list-keys '" + email + "'").lines()
        .filter(l -> l.startsWith("fpr:")).map(l -> l.split(":")[9]).toList();
  }

  public void detachSign(String signer, String file, String signature, boolean armor,
      String fakedTime) throws IOException, InterruptedException {
    run("gpg --batch --quiet --yes " + faked(fakedTime) + (armor ? " --armor" : "")
        + " --local-user '" + signer + "' --detach-sign -o " + signature + " " + file);
  }

  public void exportKey(String email, String file) throws IOException, InterruptedException {
    run("gpg --batch --armor --export '" + email + "' > " + file);
  }

  private static String faked(String time) {
    return time == null ? "" : "--faked-system-time '" + time + "!'";
  }
}
