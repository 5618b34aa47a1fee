package dev.liftoff.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client built ahead of a download, while the launcher does its other work. */
class HttpClientsTest {
  @TempDir Path dir;
  ServerSocket server;
  final AtomicInteger connections = new AtomicInteger();

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().start(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          connections.incrementAndGet();
        } catch (IOException e) {
          // Closed at the end of the test.
        }
      }
    });
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  Download download(String url, Map<String, String> environment) {
    return new Download(url, dir, Optional.empty(), Download.PlainHttp.ANYWHERE,
        Duration.ofSeconds(20), environment, Download.Progress.LOG_LINES, Download.Digests.SHA256);
  }

  @Test
  void preparingADownloadOpensNoConnectionToTheServer() throws Exception {
    HttpClients.prepare(download("http://127.0.0.1:" + server.getLocalPort() + "/app.zip",
        Map.of())).join();

    assertEquals(0, connections.get());
  }

  @Test
  void preparingADownloadOpensNoConnectionToItsProxy() throws Exception {
    HttpClients.prepare(download("http://release.invalid/app.zip",
        Map.of("http_proxy", "http://127.0.0.1:" + server.getLocalPort()))).join();

    assertEquals(0, connections.get());
  }

  @Test
  void preparingAnHttpsDownloadOpensNoConnection() throws Exception {
    HttpClients.prepare(download("https://127.0.0.1:" + server.getLocalPort() + "/app.zip",
        Map.of())).join();

    assertEquals(0, connections.get());
  }
}
