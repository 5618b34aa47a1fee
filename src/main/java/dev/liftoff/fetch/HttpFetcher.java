package dev.liftoff.fetch;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.channels.FileLock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Downloads a release over HTTP(S) into the cache: streamed to a part file and hashed on the way,
 * retried with backoff within one deadline, resumed with Range where the server allows, asked
 * conditionally when an earlier copy exists, and renamed into place only when complete.
 */
final class HttpFetcher {
  private static final int MAX_REDIRECTS = 10;
  private static final int MAX_ATTEMPTS = 20;
  /** Three releases with their checksums lists: enough to roll back without a download. */
  static final int KEEP_DOWNLOADS = 6;

  private final Download download;
  private final Log log;
  private final String shownUrl;
  private final long started = System.nanoTime();
  private final long deadline;

  HttpFetcher(Download download, Log log) {
    this.download = download;
    this.log = log;
    this.shownUrl = Redact.urls(download.url());
    this.deadline = started + download.timeout().toNanos();
  }

  /** How one attempt ended when it did not end the download. */
  private record Retry(String why, long retryAfterMs) {}

  @SuppressWarnings("try") // the channel is held for its lock, which closing it releases
  Release fetch() {
    HttpUrl url = parse(download.url());
    refuseInsecure(url, "url");
    HttpUrl bare = url.newBuilder().username("").password("").build();
    DownloadCache cache = new DownloadCache(download.cacheDir(), bare.toString());
    long lockWanted = System.currentTimeMillis();
    FileLock lock;
    try {
      lock = cache.lock(deadline);
    } catch (IOException e) {
      throw new LaunchException(Status.UNAVAILABLE, "cannot use the cache at " + cache.folder
          + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(Status.UNAVAILABLE, "interrupted waiting for the cache lock");
    }
    if (lock == null) {
      throw new LaunchException(Status.UNAVAILABLE, "another launcher held the download of "
          + shownUrl + " past download-timeout (" + download.timeout().toSeconds() + "s)");
    }
    // Closing the channel releases the lock; releasing it after would fail on a closed channel.
    try (var channel = lock.channel()) {
      Optional<DownloadCache.Entry> previous = cache.read();
      if (previous.isPresent() && previous.get().completedAtMillis() >= lockWanted) {
        // Another launcher sharing this cache finished while we waited for its lock.
        log.info("download", "url", shownUrl, "reused", "concurrent", "sha256",
            previous.get().sha256());
        return release(cache, previous.get());
      }
      return download(url, cache, previous);
    } catch (IOException e) {
      throw new LaunchException(Status.UNAVAILABLE, "cannot write the download of " + shownUrl
          + " into " + cache.folder + ": " + describe(e));
    }
  }

  private Release download(HttpUrl url, DownloadCache cache,
      Optional<DownloadCache.Entry> previous) throws IOException {
    HttpClients clients = new HttpClients(download);
    Progress progress = new Progress(log, download.terminal(), shownUrl);
    String name = fileName(url);
    String lastError = "none";
    boolean completed = false;
    try (PartFile part = PartFile.open(cache.part, download.sha512())) {
      for (int attempt = 1; ; attempt++) {
        Object outcome;
        try {
          outcome = attempt(clients, url, part, previous, progress);
        } catch (InterruptedIOException e) {
          outcome = new Retry(System.nanoTime() >= deadline ? "download-timeout reached"
              : "no data for " + HttpClients.readTimeout(download).toMillis() + "ms (stalled)",
              -1);
        } catch (IOException e) {
          outcome = new Retry(describe(e), -1);
        }
        if (outcome instanceof DownloadCache.Entry reused) {
          progress.done();
          log.info("download", "url", shownUrl, "status", 304, "reused", "cached",
              "attempts", attempt, "sha256", reused.sha256());
          return release(cache, reused);
        }
        if (outcome instanceof PartFile.Done done) {
          progress.done();
          DownloadCache.Entry entry = new DownloadCache.Entry(name, done.sha256(), done.sha512(),
              done.bytes(), done.etag(), done.lastModified(), System.currentTimeMillis());
          cache.complete(entry, url.toString());
          completed = true;
          DownloadCache.prune(download.cacheDir(), cache.folder, KEEP_DOWNLOADS);
          long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
          log.info("download", "url", shownUrl, "bytes", done.bytes(), "ms", ms,
              "rate", Progress.mib(done.bytes() * 1000.0 / ms) + "MiB/s", "sha256",
              done.sha256(), "attempts", attempt);
          return release(cache, entry);
        }
        Retry retry = (Retry) outcome;
        lastError = retry.why();
        long waitMs = retry.retryAfterMs() >= 0 ? retry.retryAfterMs()
            : Backoff.fullJitterMs(attempt);
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        if (attempt >= MAX_ATTEMPTS || waitMs >= leftMs) {
          progress.done();
          throw new LaunchException(Status.UNAVAILABLE, "download of " + shownUrl
              + " failed after " + attempt + " attempt(s) within download-timeout ("
              + download.timeout().toSeconds() + "s); last error: " + lastError
              + (retry.retryAfterMs() >= leftMs ? " (the server asked to retry after "
              + retry.retryAfterMs() / 1000 + "s)" : ""));
        }
        log.warn("retry", "url", shownUrl, "attempt", attempt, "error", lastError,
            "wait_ms", waitMs, "resume_from", part.bytes());
        sleep(waitMs);
      }
    } finally {
      if (!completed) {
        java.nio.file.Files.deleteIfExists(cache.part);
      }
    }
  }

  /**
   * One request: its response streamed into {@code part}. Returns a {@link PartFile.Done}, a
   * reusable {@link DownloadCache.Entry} (304), or a {@link Retry}; throws when retrying cannot
   * help.
   */
  private Object attempt(HttpClients clients, HttpUrl url, PartFile part,
      Optional<DownloadCache.Entry> previous, Progress progress) throws IOException {
    boolean resuming = part.canResume();
    boolean conditional = !resuming && part.bytes() == 0 && previous.isPresent();
    Request.Builder request = new Request.Builder()
        .header("User-Agent", "liftoff")
        // Identity: a transparently gunzipped body would not hash to the archive's digest.
        .header("Accept-Encoding", "identity");
    if (resuming) {
      request.header("Range", "bytes=" + part.bytes() + "-");
      request.header("If-Range", part.validator());
    } else if (conditional) {
      DownloadCache.Entry entry = previous.get();
      if (entry.etag() != null) {
        request.header("If-None-Match", entry.etag());
      } else if (entry.lastModified() != null) {
        request.header("If-Modified-Since", entry.lastModified());
      } else {
        conditional = false;
      }
    }
    try (Response response = follow(clients, url, request)) {
      int code = response.code();
      if (code == 304 && conditional) {
        return previous.get();
      }
      if (code == 206 && resuming) {
        if (!part.resumesAt(response.header("Content-Range"))) {
          part.restart(null, null, false, -1);
          return new Retry("the server resumed at another offset than asked", -1);
        }
        progress.expect(part.total());
        return stream(response, part, progress);
      }
      if (code == 416 && resuming) {
        part.restart(null, null, false, -1);
        return new Retry("the server refused to resume (416)", -1);
      }
      if (code == 206) {
        part.restart(null, null, false, -1);
        return new Retry("a partial response (206) that was not asked for", -1);
      }
      if (code >= 200 && code < 300) {
        long length = response.body().contentLength();
        part.restart(response.header("ETag"), response.header("Last-Modified"),
            "bytes".equalsIgnoreCase(response.header("Accept-Ranges")), length);
        progress.expect(length);
        return stream(response, part, progress);
      }
      if (code == 408 || code == 429 || code >= 500) {
        return new Retry("HTTP " + code + reason(response),
            Backoff.retryAfterMs(response.header("Retry-After"), Instant.now()));
      }
      throw new LaunchException(Status.UNAVAILABLE, "HTTP " + code + reason(response) + " from "
          + Redact.urls(response.request().url().toString())
          + (code == 401 || code == 403 ? "; check auth-header" : "; check url"));
    }
  }

  private Object stream(Response response, PartFile part, Progress progress) throws IOException {
    long received = part.bytes();
    try (InputStream in = response.body().byteStream()) {
      // Okio hands out at most a segment (8 KiB) a read: gather a full buffer per write and
      // hash, which the part file's own thread does while this one reads on.
      while (true) {
        byte[] buffer = part.buffer();
        int filled = 0;
        int n = 0;
        try {
          while (filled < buffer.length
              && (n = in.read(buffer, filled, buffer.length - filled)) > 0) {
            filled += n;
            progress.advance(received + filled);
          }
        } catch (IOException e) {
          // What arrived before the failure is good: keep it, so a retry resumes after it.
          if (filled > 0) {
            part.commit(buffer, filled);
          } else {
            part.giveBack(buffer);
          }
          throw e;
        }
        if (filled > 0) {
          part.commit(buffer, filled);
          received += filled;
        } else {
          part.giveBack(buffer);
        }
        if (n < 0 || filled == 0) {
          break;
        }
      }
    }
    if (part.total() >= 0 && part.bytes() != part.total()) {
      return new Retry("the body ended after " + part.bytes() + " of " + part.total()
          + " bytes", -1);
    }
    return part.finish();
  }

  /** Follows redirects by hand: OkHttp would send a custom auth header on to any host. */
  private Response follow(HttpClients clients, HttpUrl start, Request.Builder request)
      throws IOException {
    HttpUrl current = start;
    for (int hop = 0; ; hop++) {
      request.url(current.newBuilder().username("").password("").build());
      boolean sameOrigin = sameOrigin(current, start);
      request.removeHeader("Authorization");
      download.authHeader().ifPresent(header -> request.removeHeader(headerName(header.value())));
      if (sameOrigin) {
        if (!start.username().isEmpty()) {
          request.header("Authorization", Credentials.basic(start.username(), start.password()));
        }
        download.authHeader().ifPresent(
            header -> request.header(headerName(header.value()), headerValue(header.value())));
      }
      Call call = clients.forUrl(current).newCall(request.build());
      long leftNanos = Math.max(1, deadline - System.nanoTime());
      call.timeout().timeout(leftNanos, TimeUnit.NANOSECONDS);
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

  private HttpUrl parse(String text) {
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw new LaunchException(Status.CONFIG, "url: '" + Redact.urls(text)
          + "' is not a valid http(s) URL");
    }
    return url;
  }

  /** Plain http only to this machine, unless allow-http: decided before any connection. */
  private void refuseInsecure(HttpUrl url, String what) {
    if (url.isHttps() || download.allowHttp() || isLoopback(url.host())) {
      return;
    }
    throw new LaunchException(what.equals("url") ? Status.CONFIG : Status.UNAVAILABLE,
        what + ": refusing plain http:// to " + url.host()
            + " (anyone on the way could change the release); use https://, or set"
            + " allow-http=true if the network is trusted");
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.startsWith("[")) {
      h = h.substring(1, h.length() - 1);
    }
    boolean literal = h.matches("[0-9.]+") || h.contains(":");
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private static String reason(Response response) {
    return response.message().isEmpty() ? "" : " " + response.message();
  }

  private static String headerName(String header) {
    int colon = header.indexOf(':');
    return header.substring(0, colon).strip();
  }

  private static String headerValue(String header) {
    return header.substring(header.indexOf(':') + 1).strip();
  }

  static String fileName(HttpUrl url) {
    for (int i = url.pathSegments().size() - 1; i >= 0; i--) {
      String segment = url.pathSegments().get(i);
      if (!segment.isEmpty()) {
        return segment;
      }
    }
    return url.host();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private Release release(DownloadCache cache, DownloadCache.Entry entry) throws IOException {
    Optional<String> sha512 = Optional.ofNullable(entry.sha512());
    if (download.sha512() && sha512.isEmpty()) {
      sha512 = Digests.of(cache.archive, true).sha512();
    }
    return new Release(cache.archive, entry.name(), entry.sha256(), sha512, entry.bytes());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(Status.UNAVAILABLE, "interrupted while waiting to retry");
    }
  }
}
