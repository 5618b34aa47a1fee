package dev.liftoff.prepare;

import dev.liftoff.core.Messages;
import dev.liftoff.env.Url;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Asks a Redis server for {@code AUTH} (when the URL has a password), {@code SELECT} (when it
 * names a database) and {@code PING}, in RESP written by hand: three commands do not need a client
 * library. {@code rediss://} speaks TLS without checking the certificate, as Heroku Redis's
 * self-signed one requires, unless the URL says {@code ssl_cert_reqs=required}.
 */
final class RedisPing {
  private static final int MAX_REPLY = 4096;

  private RedisPing() {}

  static Answer attempt(Url url, int timeoutMs) {
    InetSocketAddress address = new InetSocketAddress(url.host(), url.portOrDefault());
    if (address.isUnresolved()) {
      return new Answer.NotYet("cannot resolve " + url.host());
    }
    if (!url.database().isEmpty() && !url.database().matches("\\d{1,5}")) {
      return new Answer.Never("the database '" + url.database() + "' is not a number");
    }
    Socket plain = new Socket();
    try (Socket socket = tls(url) ? wrap(plain, url, address, timeoutMs) : plain) {
      if (!plain.isConnected()) {
        plain.connect(address, timeoutMs);
      }
      socket.setSoTimeout(timeoutMs);
      return talk(url, socket.getInputStream(), socket.getOutputStream());
    } catch (IOException e) {
      return new Answer.NotYet(Messages.cause(e));
    } catch (GeneralSecurityException e) {
      return new Answer.Never("TLS: " + Messages.cause(e));
    } finally {
      try {
        plain.close();
      } catch (IOException ignored) {
        // Closed already, or never opened: nothing is left to release.
      }
    }
  }

  private static boolean tls(Url url) {
    return url.scheme().equals("rediss");
  }

  private static Socket wrap(Socket plain, Url url, InetSocketAddress address, int timeoutMs)
      throws IOException, GeneralSecurityException {
    plain.connect(address, timeoutMs);
    plain.setSoTimeout(timeoutMs);
    boolean verify = "required".equalsIgnoreCase(url.param("ssl_cert_reqs"))
        || "CERT_REQUIRED".equals(url.param("ssl_cert_reqs"));
    SSLSocketFactory factory;
    if (verify) {
      factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
    } else {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustingEveryone()}, new SecureRandom());
      factory = context.getSocketFactory();
    }
    SSLSocket socket = (SSLSocket) factory.createSocket(plain, url.host(), address.getPort(), true);
    if (verify) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
    }
    socket.startHandshake();
    return socket;
  }

  private static Answer talk(Url url, InputStream in, OutputStream out) throws IOException {
    if (url.password() != null && !url.password().isEmpty()) {
      List<String> auth = new ArrayList<>(List.of("AUTH"));
      if (url.user() != null && !url.user().isEmpty()) {
        auth.add(url.user());
      }
      auth.add(url.password());
      String reply = command(auth, in, out);
      // A server without a password answers a password with this error; clients go on.
      boolean noPasswordSet = reply.startsWith("-ERR") && reply.contains("without any password");
      if (reply.startsWith("-") && !noPasswordSet) {
        return refused("AUTH", reply);
      }
    }
    if (!url.database().isEmpty()) {
      String reply = command(List.of("SELECT", url.database()), in, out);
      if (reply.startsWith("-")) {
        return refused("SELECT " + url.database(), reply);
      }
    }
    String reply = command(List.of("PING"), in, out);
    if (reply.equals("+PONG")) {
      return new Answer.Ready();
    }
    return reply.startsWith("-") ? refused("PING", reply)
        : new Answer.NotYet("PING answered '" + reply + "', not +PONG");
  }

  /**
   * Loading, busy and failing-over servers will answer later; anything else a server says to
   * AUTH or SELECT (WRONGPASS, NOAUTH, a database out of range) it will say again.
   */
  private static Answer refused(String command, String reply) {
    String code = reply.substring(1).split(" ", 2)[0];
    String why = command.split(" ")[0] + " answered " + reply.substring(1);
    return switch (code) {
      case "LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN" -> new Answer.NotYet(why);
      default -> command.equals("PING") && !code.equals("NOAUTH") ? new Answer.NotYet(why)
          : new Answer.Never(why);
    };
  }

  /** Sends one command as an array of bulk strings; returns the reply's first line. */
  private static String command(List<String> words, InputStream in, OutputStream out)
      throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(("*" + words.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String word : words) {
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      request.write(bytes);
      request.write('\r');
      request.write('\n');
    }
    out.write(request.toByteArray());
    out.flush();
    return line(in);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the server closed the connection"
            + (line.isEmpty() ? "" : " after '" + line + "'"));
      }
      if (line.length() >= MAX_REPLY) {
        throw new IOException("the reply is longer than " + MAX_REPLY + " bytes: not Redis");
      }
      if (b != '\r') {
        line.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
      }
    }
    return line.toString();
  }

  /** rediss:// without ssl_cert_reqs=required: encrypted, not authenticated, as redis-cli --insecure. */
  private static final class TrustingEveryone implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
