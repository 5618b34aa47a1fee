package dev.liftoff.fetch;

import dev.liftoff.core.Hosts;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Where a download may go and what it may carry there: plain http only to this machine unless
 * {@code allow-http}, never from https down to http, at most ten redirects, and credentials (the
 * URL's user and password, {@code auth-header}) only to the release URL's own origin. Redirects
 * are followed here rather than by OkHttp, which would send a custom header on to any host.
 */
final class RedirectPolicy {
  private static final int MAX_REDIRECTS = 10;

  private final Download download;
  private final Log log;

  RedirectPolicy(Download download, Log log) {
    this.download = download;
    this.log = log;
  }

  /** Sends {@code request} to {@code start}, following redirects; the final response. */
  Response follow(HttpClients clients, HttpUrl start, Request.Builder request, long leftNanos)
      throws IOException {
    HttpUrl current = start;
    for (int hop = 0; ; hop++) {
      request.url(current.newBuilder().username("").password("").build());
      request.removeHeader("Authorization");
      download.authHeader().ifPresent(header -> request.removeHeader(headerName(header.value())));
      if (sameOrigin(current, start)) {
        if (!start.username().isEmpty()) {
          request.header("Authorization", Credentials.basic(start.username(), start.password()));
        }
        download.authHeader().ifPresent(
            header -> request.header(headerName(header.value()), headerValue(header.value())));
      }
      Call call = clients.forUrl(current).newCall(request.build());
      call.timeout().timeout(Math.max(1, leftNanos), TimeUnit.NANOSECONDS);
      Response response = call.execute();
      if (!response.isRedirect()) {
        return response;
      }
      String location = response.header("Location");
      response.close();
      HttpUrl next = location == null ? null : current.resolve(location);
      if (next == null || hop == MAX_REDIRECTS) {
        throw new LaunchException(Status.UNAVAILABLE, "HTTP " + response.code() + " from "
            + Redact.urls(current.toString()) + (next == null ? " without a usable Location"
            : " after " + MAX_REDIRECTS + " redirects"));
      }
      if (current.isHttps() && !next.isHttps()) {
        throw new LaunchException(Status.UNAVAILABLE, "refused a redirect from https to http ("
            + Redact.urls(next.toString()) + "): it would expose the download");
      }
      refuseInsecure(next, "a redirect");
      log.debug("redirect", "from", current, "to", next);
      current = next;
    }
  }

  /** Plain http only to this machine, unless allow-http: decided before any connection. */
  void refuseInsecure(HttpUrl url, String what) {
    if (url.isHttps() || download.allowHttp() || Hosts.isLoopback(url.host())) {
      return;
    }
    throw new LaunchException(what.equals("url") ? Status.CONFIG : Status.UNAVAILABLE,
        what + ": refusing plain http:// to " + url.host()
            + " (anyone on the way could change the release); use https://, or set"
            + " allow-http=true if the network is trusted");
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private static String headerName(String header) {
    int colon = header.indexOf(':');
    return header.substring(0, colon).strip();
  }

  private static String headerValue(String header) {
    return header.substring(header.indexOf(':') + 1).strip();
  }
}
