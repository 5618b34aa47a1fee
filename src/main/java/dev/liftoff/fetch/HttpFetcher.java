package dev.liftoff.fetch;

import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Redact;
import dev.liftoff.core.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.nio.channels.FileLock;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Downloads a release over HTTP(S) into the cache: streamed to a part file and hashed on the way,
 * retried with backoff within one deadline, resumed with Range where the server allows (also by
 * the next launcher, after a restart), asked conditionally when an earlier copy exists, and
 * renamed into place only when complete.
 */
final class HttpFetcher {
  /** Enough for a minute of flakiness at the backoff's cap. */
  static final int MAX_ATTEMPTS = 20;
  /** Three releases with their checksums lists: enough to roll back without a download. */
  static final int KEEP_DOWNLOADS = 6;

  private final Download download;
  private final Log log;
  private final Ticker ticker;
  private final int maxAttempts;
  private final String shownUrl;
  private final long started;
  private final long deadline;
  private final RedirectPolicy policy;

  HttpFetcher(Download download, Log log, int maxAttempts) {
    this(download, log, maxAttempts, Ticker.SYSTEM);
  }

  HttpFetcher(Download download, Log log, int maxAttempts, Ticker ticker) {
    this.download = download;
    this.log = log;
    this.ticker = ticker;
    this.maxAttempts = maxAttempts;
    this.shownUrl = Redact.urls(download.url());
    this.started = ticker.nanoTime();
    this.deadline = started + download.timeout().toNanos();
    this.policy = new RedirectPolicy(download, log);
  }

  /** How one attempt ended. Failures that no retry can fix are thrown instead. */
  private sealed interface Attempt {}

  /** 304: the archive already in the cache is the current one. */
  private record Reused(DownloadCache.Entry entry) implements Attempt {}

  /** The whole body is on disk and hashed. */
  private record Completed(PartFile.Done done) implements Attempt {}

  /**
   * Worth another try: after {@code after} when the server said so. {@code once}: a failure
   * that one retry may cure but the rest of the deadline will not (a name that does not
   * resolve).
   */
  private record Retry(String why, Optional<Duration> after, boolean once) implements Attempt {
    Retry(String why) {
      this(why, Optional.empty(), false);
    }
  }

  @SuppressWarnings("try") // the channel is held for its lock, which closing it releases
  Fetcher.Outcome fetch() {
    HttpUrl url = parse(download.url());
    policy.refuseInsecure(url, "url");
    HttpUrl bare = url.newBuilder().username("").password("").build();
    DownloadCache cache = new DownloadCache(download.cacheDir(), bare.toString());
    long lockWanted = System.currentTimeMillis();
    Optional<FileLock> lock;
    try {
      lock = cache.lock(deadline, ticker);
    } catch (IOException e) {
      throw DownloadCache.unwritable(cache.folder, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(Status.UNAVAILABLE, "interrupted waiting for the cache lock");
    }
    if (lock.isEmpty()) {
      throw new LaunchException(Status.UNAVAILABLE, "another launcher held the download of "
          + shownUrl + " past download-timeout (" + download.timeout().toSeconds() + "s)");
    }
    // Closing the channel releases the lock; releasing it after would fail on a closed channel.
    try (var channel = lock.get().channel()) {
      Optional<DownloadCache.Entry> previous = cache.read();
      if (previous.isPresent() && previous.get().completedAtMillis() >= lockWanted) {
        // Another launcher sharing this cache finished while we waited for its lock.
        log.info("download", "url", shownUrl, "reused", "concurrent", "sha256",
            previous.get().sha256());
        return new Fetcher.Outcome.Fetched(release(cache, previous.get()));
      }
      return download(url, cache, previous);
    } catch (IOException e) {
      throw DownloadCache.unwritable(cache.folder, e);
    }
  }

  private Fetcher.Outcome download(HttpUrl url, DownloadCache cache,
      Optional<DownloadCache.Entry> previous) throws IOException {
    HttpClients clients = new HttpClients(download);
    Progress progress = new Progress(log, download.terminal(), shownUrl, ticker);
    boolean completed = false;
    PartFile part = PartFile.open(cache.part, cache.partMeta, download.sha512());
    try {
      if (part.bytes() > 0) {
        log.info("resume", "url", shownUrl, "bytes", part.bytes(), "total", part.total());
      }
      for (int attempt = 1; ; attempt++) {
        Attempt outcome;
        try {
          outcome = attempt(clients, url, part, previous, progress);
        } catch (InterruptedIOException e) {
          outcome = new Retry(ticker.nanoTime() >= deadline ? "download-timeout reached"
              : "no data for " + HttpClients.readTimeout(download).toMillis() + "ms (stalled)");
        } catch (UnknownHostException e) {
          outcome = new Retry("cannot resolve " + url.host() + " (no such host?)",
              Optional.empty(), true);
        } catch (IOException e) {
          refuseUntrusted(url, e);
          outcome = new Retry(describe(e));
        }
        switch (outcome) {
          case Reused(DownloadCache.Entry reused) -> {
            progress.done();
            log.info("download", "url", shownUrl, "status", 304, "reused", "cached",
                "attempts", attempt, "sha256", reused.sha256());
            return new Fetcher.Outcome.Fetched(release(cache, reused));
          }
          case Completed(PartFile.Done done) -> {
            progress.done();
            DownloadCache.Entry entry = new DownloadCache.Entry(fileName(url), done.sha256(),
                done.sha512(), done.bytes(), done.etag(), done.lastModified(),
                System.currentTimeMillis());
            cache.complete(entry, url.toString());
            completed = true;
            DownloadCache.prune(download.cacheDir(), cache.folder, KEEP_DOWNLOADS);
            long ms = Math.max(1, (ticker.nanoTime() - started) / 1_000_000);
            log.info("download", "url", shownUrl, "bytes", done.bytes(), "ms", ms,
                "rate", Progress.mib(done.bytes() * 1000.0 / ms) + "MiB/s", "sha256",
                done.sha256(), "attempts", attempt);
            return new Fetcher.Outcome.Fetched(release(cache, entry));
          }
          case Retry retry -> {
            long waitMs = retry.after().isPresent() ? retry.after().get().toMillis()
                : Backoff.fullJitterMs(attempt);
            long leftMs = (deadline - ticker.nanoTime()) / 1_000_000;
            if (attempt >= maxAttempts || waitMs >= leftMs || retry.once() && attempt >= 2) {
              progress.done();
              return new Fetcher.Outcome.Unreachable(new LaunchException(Status.UNAVAILABLE,
                  "download of " + shownUrl + " failed after " + attempt + " attempt(s) within"
                  + " download-timeout (" + download.timeout().toSeconds() + "s); last error: "
                  + retry.why() + (retry.after().isPresent() && waitMs >= leftMs
                  ? " (the server asked to retry after " + waitMs / 1000 + "s)" : "")),
                  retry.why());
            }
            log.warn("retry", "url", shownUrl, "attempt", attempt, "error", retry.why(),
                "wait_ms", waitMs, "resume_from", part.bytes());
            sleep(waitMs);
          }
        }
      }
    } finally {
      // A part the next launcher can resume stays, with its record; anything else goes.
      boolean keep = completed || part.keep();
      part.close();
      if (!keep) {
        part.delete();
      }
    }
  }

  /**
   * One request: its response streamed into {@code part}. Throws when retrying cannot help: a
   * 4xx other than 408 and 429, a disk that cannot take the bytes.
   */
  private Attempt attempt(HttpClients clients, HttpUrl url, PartFile part,
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
    try (Response response = policy.follow(clients, url, request, deadline - ticker.nanoTime())) {
      int code = response.code();
      if (code == 304 && conditional) {
        return new Reused(previous.get());
      }
      if (code == 206 && resuming) {
        // Spliced only onto the same version, at the same offset, to the same length.
        if (!part.sameVersion(response.header("ETag"))) {
          part.restart(null, null, false, -1);
          return new Retry("the server answered a Range with another version (ETag "
              + shown(response.header("ETag")) + "); starting over");
        }
        if (!part.resumesAt(response.header("Content-Range"))) {
          part.restart(null, null, false, -1);
          return new Retry("the server resumed at another offset than asked (Content-Range "
              + shown(response.header("Content-Range")) + "); starting over");
        }
        progress.expect(part.total());
        return stream(response, part, progress);
      }
      if (code == 416 && resuming) {
        part.restart(null, null, false, -1);
        return new Retry("the server refused to resume (416)");
      }
      if (code == 206) {
        part.restart(null, null, false, -1);
        return new Retry("a partial response (206) that was not asked for");
      }
      if (code >= 200 && code < 300) {
        long length = response.body().contentLength();
        part.restart(validated("ETag", response.header("ETag"), Validators::etag),
            validated("Last-Modified", response.header("Last-Modified"), Validators::lastModified),
            "bytes".equalsIgnoreCase(response.header("Accept-Ranges")), length);
        progress.expect(length);
        return stream(response, part, progress);
      }
      if (code == 408 || code == 429 || code >= 500) {
        String retryAfter = response.header("Retry-After");
        Optional<Duration> after = Backoff.retryAfter(retryAfter, Instant.now());
        if (retryAfter != null && after.isEmpty()) {
          log.debug("ignored", "header", "Retry-After", "value", shown(retryAfter),
              "why", "neither seconds nor an HTTP date");
        }
        return new Retry("HTTP " + code + reason(response), after, false);
      }
      throw new LaunchException(Status.UNAVAILABLE, "HTTP " + code + reason(response) + " from "
          + Redact.urls(response.request().url().toString())
          + (code == 401 || code == 403 ? "; check auth-header" : "; check url"));
    }
  }

  /** A header's value when it has the header's form; else null, with a debug line. */
  private String validated(String header, String value,
      java.util.function.Function<String, Optional<String>> check) {
    if (value == null) {
      return null;
    }
    Optional<String> valid = check.apply(value);
    if (valid.isEmpty()) {
      log.debug("ignored", "header", header, "value", shown(value),
          "why", "not the header's form; the download will not be resumed or revalidated by it");
    }
    return valid.orElse(null);
  }

  /**
   * A server that TLS cannot trust (an unknown authority, a certificate for another name) will
   * not become trustworthy within the deadline: said at once, with what would fix it.
   */
  private static void refuseUntrusted(HttpUrl url, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLPeerUnverifiedException) {
        throw new LaunchException(Status.UNAVAILABLE, "the certificate of " + url.host()
            + " is not for that name (" + oneLine(t.getMessage()) + "); fix url to the name the"
            + " server's certificate holds");
      }
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
          || t instanceof CertificateException) {
        throw new LaunchException(Status.UNAVAILABLE, "the certificate of " + url.host()
            + " is not trusted (" + oneLine(t.getMessage()) + "); if the server uses a private"
            + " authority, add it to the JVM's trust store (-Djavax.net.ssl.trustStore)");
      }
    }
  }

  /** A server's text in a message: its control characters cannot forge a log line. */
  private static String shown(String text) {
    if (text == null) {
      return "none";
    }
    StringBuilder shown = new StringBuilder(Math.min(text.length(), 200));
    for (int i = 0; i < text.length() && i < 200; i++) {
      char c = text.charAt(i);
      shown.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return shown.toString();
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private Attempt stream(Response response, PartFile part, Progress progress) throws IOException {
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
          + " bytes");
    }
    return new Completed(part.finish());
  }

  private HttpUrl parse(String text) {
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) {
      throw new LaunchException(Status.CONFIG, "url: '" + Redact.urls(text)
          + "' is not a valid http(s) URL");
    }
    return url;
  }

  private static String reason(Response response) {
    return response.message().isEmpty() ? "" : " " + shown(response.message());
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
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
  }

  private Release release(DownloadCache cache, DownloadCache.Entry entry) throws IOException {
    Optional<String> sha512 = Optional.ofNullable(entry.sha512());
    if (download.sha512() && sha512.isEmpty()) {
      sha512 = Digests.of(cache.archive, true).sha512();
    }
    return new Release(cache.archive, entry.name(), entry.sha256(), sha512, entry.bytes());
  }

  private void sleep(long ms) {
    try {
      ticker.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(Status.UNAVAILABLE, "interrupted while waiting to retry");
    }
  }
}
