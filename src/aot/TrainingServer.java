import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The release server of the download training run (src/aot/Training.java). It serves one tar.gz
 * shaped like Fleet's (a program and a large file) over https on a free loopback port, with a
 * certificate it makes with keytool (DIR/training.p12, which is also the client's trust store),
 * and writes the recipe that fetches it to DIR/fetch-training.properties.
 *
 * Https, as real releases are: TLS set-up and the AES-GCM loops are most of a cold download's
 * cost (BENCHMARKS.md). The release is large enough (64 MiB) that the download, decryption and
 * unpacking loops run hot: the AOT cache then keeps their profiles, and the Procfile's release
 * phase starts with them.
 */
final class TrainingServer implements AutoCloseable {
  private static final int DATA_BYTES = 64 << 20;
  static final String STORE_PASSWORD = "liftoff-training";

  private final HttpsServer server;
  private final CountDownLatch served;
  private final Path recipe;
  private final Path trustStore;

  private TrainingServer(HttpsServer server, CountDownLatch served, Path recipe, Path trustStore) {
    this.server = server;
    this.served = served;
    this.recipe = recipe;
    this.trustStore = trustStore;
  }

  /** Serves the training release until closed; its recipe is written when this returns. */
  static TrainingServer start(Path dir) throws Exception {
    byte[] release = release();
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(release));
    CountDownLatch served = new CountDownLatch(1);
    Path trustStore = dir.resolve("training.p12");
    HttpsServer server = HttpsServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls(trustStore)));
    server.createContext("/training.tar.gz", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/gzip");
      exchange.getResponseHeaders().set("ETag", "\"" + sha256 + "\"");
      exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
      exchange.sendResponseHeaders(200, release.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(release);
      }
      served.countDown();
    });
    server.start();
    String text = "# Written by src/aot/TrainingServer.java for the download training run.\n"
        + "url = https://127.0.0.1:" + server.getAddress().getPort() + "/training.tar.gz\n"
        + "sha256 = " + sha256 + "\n"
        + "binary = bin/not-a-program\n"
        + "cache-dir = " + dir.resolve("fetch-cache") + "\n";
    Path recipe = dir.resolve("fetch-training.properties");
    Path temporary = dir.resolve("fetch-training.properties.tmp");
    Files.writeString(temporary, text);
    Files.move(temporary, recipe, StandardCopyOption.ATOMIC_MOVE);
    return new TrainingServer(server, served, recipe, trustStore);
  }

  Path recipe() {
    return recipe;
  }

  /** The client's trust store: the server's own certificate, under {@link #STORE_PASSWORD}. */
  Path trustStore() {
    return trustStore;
  }

  /**
   * Whether the whole release was sent (a fetch that never asked cannot train the loops). The
   * client may exit before the handler's last line runs, hence the wait.
   */
  boolean served() throws InterruptedException {
    return served.await(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A fresh EC key and self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  private static SSLContext tls(Path store) throws Exception {
    Files.deleteIfExists(store);
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "training", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance(store.toFile(), STORE_PASSWORD.toCharArray());
    KeyManagerFactory managers = KeyManagerFactory.getInstance(
        KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, STORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  /** bin/not-a-program (a script that is never run) and 64 MiB of noise, as a tar.gz. */
  private static byte[] release() throws IOException {
    byte[] data = new byte[DATA_BYTES];
    new Random(8).nextBytes(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream(DATA_BYTES + (1 << 20));
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
      { def.setLevel(Deflater.BEST_SPEED); }
    }) {
      entry(gzip, "bin/not-a-program", 0755,
          "#!/bin/sh\necho 'AOT training release: not for running'\nexit 1\n"
              .getBytes(StandardCharsets.US_ASCII));
      entry(gzip, "share/data.bin", 0644, data);
      gzip.write(new byte[1024]); // two zero blocks end the archive
    }
    return out.toByteArray();
  }

  /** One ustar entry: a 512-byte header, the bytes, zeros up to the next 512. */
  private static void entry(OutputStream out, String name, int mode, byte[] bytes)
      throws IOException {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, octal(mode, 7));
    put(header, 108, octal(0, 7));
    put(header, 116, octal(0, 7));
    put(header, 124, octal(bytes.length, 11));
    put(header, 136, octal(1_700_000_000L, 11));
    put(header, 148, "        ");
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, octal(sum, 6));
    header[155] = ' ';
    out.write(header);
    out.write(bytes);
    out.write(new byte[(512 - bytes.length % 512) % 512]);
  }

  private static String octal(long value, int digits) {
    return String.format("%0" + digits + "o", value) + "\0";
  }

  private static void put(byte[] header, int at, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, at, bytes.length);
  }
}
