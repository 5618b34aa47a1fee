package dev.liftoff.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on loopback that answers byte by byte as a test says, for the failures a
 * well-behaved server cannot be asked to make: a body cut short, a reset in the middle.
 */
public final class RawServer implements AutoCloseable {
  /** Answers one connection; {@code request} is the request line and headers. */
  public interface Handler {
    void answer(int index, String request, Socket socket, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public RawServer(Handler handler) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofPlatform().daemon().start(() -> {
      int index = 0;
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          String request = readHead(socket.getInputStream());
          requests.add(request);
          handler.answer(index++, request, socket, socket.getOutputStream());
        } catch (IOException e) {
          // A closed server or a connection the test cut: the next one is what matters.
        }
      }
    });
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  public List<String> requests() {
    return new ArrayList<>(requests);
  }

  /** The value of a header in the {@code index}th request, or null. */
  public String header(int index, String name) {
    for (String line : requests.get(index).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (matched == 4) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  public static void writeHead(OutputStream out, String statusLine, String... headers)
      throws IOException {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(statusLine).append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Cuts the connection with a TCP reset instead of a clean close. */
  public static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
