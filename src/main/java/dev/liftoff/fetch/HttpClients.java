package dev.liftoff.fetch;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Builds the OkHttp client of a download: redirects left to {@link HttpFetcher} (it decides
 * where credentials may go), no silent retries (the fetcher counts and paces its own), timeouts
 * derived from the overall deadline, and the proxies of the environment.
 */
final class HttpClients {
  private HttpClients() {}

  static OkHttpClient forDownload(Download download) {
    Proxies proxies = new Proxies(download.environment());
    Duration read = readTimeout(download);
    return new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .socketFactory(new BufferedSockets(read))
        .connectTimeout(clamp(download.timeout().dividedBy(4), Duration.ofSeconds(1),
            Duration.ofSeconds(10)))
        .readTimeout(Duration.ZERO) // the sockets time out stalls themselves
        .writeTimeout(read)
        .proxySelector(proxies)
        .proxyAuthenticator((route, response) -> {
          if (route == null || response.request().header("Proxy-Authorization") != null) {
            return null;
          }
          String credentials = Proxies.basicCredentials(proxies.proxyFor(
              response.request().url().scheme(), response.request().url().host()));
          return credentials == null ? null : response.request().newBuilder()
              .header("Proxy-Authorization", credentials).build();
        })
        .build();
  }

  /** A stalled server shows within this, not at the overall deadline. */
  static Duration readTimeout(Download download) {
    return clamp(download.timeout().dividedBy(4), Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }
}
