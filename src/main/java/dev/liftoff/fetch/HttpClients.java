package dev.liftoff.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients of one download: redirects left to {@link HttpFetcher} (it decides where
 * credentials may go), no silent retries (the fetcher counts and paces its own), timeouts
 * derived from the overall deadline, and the proxies of the environment. A plain-http URL gets a
 * client without TLS: building a TLS-capable one reads the JDK's trust store and sets up JSSE,
 * 0.2 s that a download from a mirror or from this machine does not need (BENCHMARKS.md). An
 * https redirect from there gets the TLS client, built then.
 */
final class HttpClients {
  private final Download download;
  private OkHttpClient cleartext;
  private OkHttpClient tls;

  HttpClients(Download download) {
    this.download = download;
  }

  OkHttpClient forUrl(HttpUrl url) {
    if (url.isHttps()) {
      if (tls == null) {
        tls = builder().build();
      }
      return tls;
    }
    if (cleartext == null) {
      cleartext = builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
    }
    return cleartext;
  }

  private OkHttpClient.Builder builder() {
    Proxies proxies = new Proxies(download.environment());
    Duration read = readTimeout(download);
    return new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .socketFactory(new BufferedSockets(read))
        .connectTimeout(clamp(quarter(download.timeout()), Duration.ofSeconds(1),
            Duration.ofSeconds(10)))
        .readTimeout(Duration.ZERO) // the sockets time out stalls themselves
        .writeTimeout(read)
        .proxySelector(proxies)
        .addNetworkInterceptor(chain -> {
          // OkHttp itself reads a 503's numeric Retry-After as an int and throws on 2^31 and
          // more: such a value (valid HTTP: "not soon") reaches it as the longest wait instead.
          okhttp3.Response response = chain.proceed(chain.request());
          String retryAfter = response.header("Retry-After");
          return retryAfter != null && retryAfter.strip().matches("[0-9]{10,}")
              ? response.newBuilder().header("Retry-After",
                  Long.toString(Backoff.LONGEST.toSeconds())).build()
              : response;
        })
        .proxyAuthenticator((route, response) -> {
          if (route == null || response.request().header("Proxy-Authorization") != null) {
            return null;
          }
          Optional<String> credentials = proxies.proxyFor(response.request().url().scheme(),
              response.request().url().host()).flatMap(Proxies::basicCredentials);
          return credentials.isEmpty() ? null : response.request().newBuilder()
              .header("Proxy-Authorization", credentials.get()).build();
        });
  }

  /** A stalled server shows within this, not at the overall deadline. */
  static Duration readTimeout(Download download) {
    return clamp(quarter(download.timeout()), Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /** Not Duration.dividedBy: it divides in BigDecimal, whose classes take 10 ms to set up. */
  private static Duration quarter(Duration d) {
    return Duration.ofMillis(d.toMillis() / 4);
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }
}
