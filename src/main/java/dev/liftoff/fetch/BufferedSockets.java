package dev.liftoff.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Sockets built for a long download. Okio reads the socket one 8 KiB segment at a time, each
 * read a system call and, with a read timeout, a trip through Okio's watchdog thread; on a fast
 * link those small reads cost more than the bytes (BENCHMARKS.md). So these sockets read a
 * quarter mebibyte per system call, and stalls are caught by the socket's own timeout (OkHttp
 * is given none): a read that waits longer than {@code stall} throws SocketTimeoutException.
 * TLS sockets are layered over these, so HTTPS gains the same.
 */
final class BufferedSockets extends SocketFactory {
  static final int INPUT_BUFFER = 256 * 1024;

  private final int stallMillis;

  BufferedSockets(Duration stall) {
    this.stallMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, stall.toMillis()));
  }

  @Override
  public Socket createSocket() throws SocketException {
    return socket();
  }

  // OkHttp only asks for unconnected sockets and connects them itself (with its timeouts).
  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(socket(), new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    return connected(bound(local, localPort), new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(socket(), new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
      throws IOException {
    return connected(bound(local, localPort), new InetSocketAddress(host, port));
  }

  private Socket socket() throws SocketException {
    Socket socket = new BufferedSocket(stallMillis);
    socket.setSoTimeout(stallMillis); // before OkHttp sets any: the TLS handshake stalls too
    return socket;
  }

  private Socket bound(InetAddress local, int localPort) throws IOException {
    Socket socket = socket();
    socket.bind(new InetSocketAddress(local, localPort));
    return socket;
  }

  private static Socket connected(Socket socket, InetSocketAddress to) throws IOException {
    socket.connect(to);
    return socket;
  }

  private static final class BufferedSocket extends Socket {
    private final int stallMillis;
    private InputStream input;

    BufferedSocket(int stallMillis) {
      this.stallMillis = stallMillis;
    }

    /** OkHttp asks for 0 (wait forever) between its own short health checks. */
    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      super.setSoTimeout(timeout == 0 ? stallMillis : timeout);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input = new BufferedInputStream(super.getInputStream(), INPUT_BUFFER);
      }
      return input;
    }
  }
}
