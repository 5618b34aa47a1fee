package dev.liftoff.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.liftoff.core.LaunchException;
import dev.liftoff.core.Log;
import dev.liftoff.core.Secret;
import dev.liftoff.fetch.Download.Digests;
import dev.liftoff.fetch.Download.PlainHttp;
import dev.liftoff.fetch.Download.Progress;
import dev.liftoff.testing.RawServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from real servers on loopback: WireMock, and a raw socket for cut bodies. */
class HttpFetcherTest {
  static final byte[] BODY = new byte[3 * 1024 * 1024 + 17];
  static final String SHA256;

  static {
    new Random(42).nextBytes(BODY);
    try {
      SHA256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @TempDir Path dir;
  WireMockServer server;
  final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  final Log log = new Log(new PrintStream(logged, true, StandardCharsets.UTF_8), false);
  final Map<String, String> env = new HashMap<>();
  Duration timeout = Duration.ofSeconds(20);
  Optional<Secret> authHeader = Optional.empty();
  /** Moves only when the fetcher sleeps: backoff costs no wall-clock time. */
  final FakeTicker ticker = new FakeTicker();
  Ticker clock = ticker;

  /** The system's clock plus every sleep asked for, which returns at once. */
  static final class FakeTicker implements Ticker {
    volatile long slept;

    @Override
    public long nanoTime() {
      return System.nanoTime() + slept * 1_000_000;
    }

    @Override
    public void sleep(long millis) {
      slept += millis;
      Thread.onSpinWait();
    }
  }

  @BeforeEach
  void start() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  Release fetch(String url) {
    return fetch(new Download(url, dir.resolve("cache"), authHeader, PlainHttp.LOOPBACK_ONLY,
        timeout, env, Progress.LOG_LINES, Digests.SHA256));
  }

  Release fetch(Download download) {
    return switch (new HttpFetcher(download, log, HttpFetcher.MAX_ATTEMPTS, clock).fetch()) {
      case Fetcher.Outcome.Fetched(Release release) -> release;
      case Fetcher.Outcome.Unreachable(LaunchException failure, String why) -> throw failure;
    };
  }

  LaunchException failure(String url) {
    return assertThrows(LaunchException.class, () -> fetch(url));
  }

  String log() {
    return logged.toString(StandardCharsets.UTF_8);
  }

  void assertComplete(Release release) throws IOException {
    assertEquals(SHA256, release.sha256());
    assertEquals(BODY.length, release.bytes());
    assertArrayEquals(BODY, Files.readAllBytes(release.archive()));
    assertNoPartLeft();
  }

  void assertNoPartLeft() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
      assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".part")).toList());
    }
  }

  @Test
  void downloadsIntoTheCacheHashingOnTheWay() throws IOException {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(BODY)));

    Release release = fetch(url("/app.zip"));

    assertComplete(release);
    assertEquals("app.zip", release.name());
    assertTrue(log().contains("event=download") && log().contains("attempts=1"), log());
    server.verify(getRequestedFor(urlEqualTo("/app.zip"))
        .withHeader("Accept-Encoding", equalTo("identity")));
  }

  @Test
  void sha512IsComputedInTheSamePassWhenASignatureNeedsIt() throws Exception {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(BODY)));

    Release release = fetch(new Download(url("/app.zip"), dir.resolve("cache"),
        Optional.empty(), PlainHttp.LOOPBACK_ONLY, timeout, env, Progress.LOG_LINES,
        Digests.SHA256_AND_SHA512));

    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(BODY)),
        release.sha512().orElseThrow());
    assertComplete(release);
  }

  @Test
  void retriesTwo503sThenSucceeds() throws IOException {
    String s = "flaky";
    server.stubFor(get("/app.zip").inScenario(s).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("one"));
    server.stubFor(get("/app.zip").inScenario(s).whenScenarioStateIs("one")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("two"));
    server.stubFor(get("/app.zip").inScenario(s).whenScenarioStateIs("two")
        .willReturn(aResponse().withBody(BODY)));

    assertComplete(fetch(url("/app.zip")));

    server.verify(3, getRequestedFor(urlEqualTo("/app.zip")));
    assertTrue(log().contains("attempts=3"), log());
  }

  @Test
  void a429WaitsForRetryAfter() throws IOException {
    server.stubFor(get("/app.zip").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withBody("Too Many Requests"))
        .willSetStateTo("open"));
    server.stubFor(get("/app.zip").inScenario("limited").whenScenarioStateIs("open")
        .willReturn(aResponse().withBody(BODY)));
    assertComplete(fetch(url("/app.zip")));

    assertEquals(1000, ticker.slept, "Retry-After: 1 was not honoured");
    assertTrue(log().contains("wait_ms=1000"), log());
  }

  @Test
  void resumesWithRangeAfterAResetMidBody() throws IOException {
    int cut = BODY.length / 3;
    try (RawServer raw = new RawServer((index, request, socket, out) -> {
      if (index == 0) {
        RawServer.writeHead(out, "200 OK", "Content-Length: " + BODY.length,
            "ETag: \"v7\"", "Accept-Ranges: bytes");
        out.write(BODY, 0, cut);
        out.flush();
        RawServer.reset(socket);
      } else {
        // A reset can drop bytes the client had not read yet: serve from where it asks.
        int from = Integer.parseInt(request.replaceAll("(?s).*Range: bytes=(\\d+)-.*", "$1"));
        RawServer.writeHead(out, "206 Partial Content",
            "Content-Length: " + (BODY.length - from),
            "Content-Range: bytes " + from + "-" + (BODY.length - 1) + "/" + BODY.length,
            "ETag: \"v7\"");
        out.write(BODY, from, BODY.length - from);
      }
    })) {
      Release release = fetch(raw.url("/app.zip"));

      assertComplete(release);
      assertEquals(2, raw.requests().size());
      long from = Long.parseLong(raw.header(1, "Range").replaceAll("bytes=(\\d+)-", "$1"));
      assertTrue(from > 0 && from <= cut, raw.header(1, "Range"));
      assertEquals("\"v7\"", raw.header(1, "If-Range"));
    }
  }

  @Test
  void aFullResponseToARangeRequestRestartsCleanly() throws IOException {
    int cut = BODY.length / 2;
    try (RawServer raw = new RawServer((index, request, socket, out) -> {
      RawServer.writeHead(out, "200 OK", "Content-Length: " + BODY.length,
          "Last-Modified: Tue, 10 Nov 2026 10:00:00 GMT", "Accept-Ranges: bytes");
      out.write(BODY, 0, index == 0 ? cut : BODY.length);
      out.flush();
      if (index == 0) {
        RawServer.reset(socket);
      }
    })) {
      assertComplete(fetch(raw.url("/app.zip")));
      assertEquals("Tue, 10 Nov 2026 10:00:00 GMT", raw.header(1, "If-Range"));
    }
  }

  @Test
  void aTruncatedBodyIsNeverUsed() throws IOException {
    timeout = Duration.ofSeconds(3);
    try (RawServer raw = new RawServer((index, request, socket, out) -> {
      RawServer.writeHead(out, "200 OK", "Content-Length: " + BODY.length);
      out.write(BODY, 0, 1000);
    })) {
      LaunchException e = failure(raw.url("/app.zip"));

      assertEquals(69, e.status());
      assertTrue(raw.requests().size() >= 2, "a cut body is retried");
      assertFalse(Files.exists(dir.resolve("cache/downloads")) && hasArchive(), "nothing kept");
      assertNoPartLeft();
    }
  }

  boolean hasArchive() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
      return files.anyMatch(p -> p.getFileName().toString().equals("archive"));
    }
  }

  @Test
  void aStalledServerIsAbandonedWithinTheReadTimeoutNotTheDeadline() throws IOException {
    timeout = Duration.ofSeconds(4); // read timeout: a quarter, 1 s
    server.stubFor(get("/app.zip").inScenario("stall").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withBody(BODY).withFixedDelay(30_000))
        .willSetStateTo("fine"));
    server.stubFor(get("/app.zip").inScenario("stall").whenScenarioStateIs("fine")
        .willReturn(aResponse().withBody(BODY)));

    assertComplete(fetch(url("/app.zip")));

    assertTrue(log().contains("stalled"), log());
  }

  @Test
  void aBodyThatStopsHalfwayIsAbandonedWithinTheReadTimeout() throws IOException {
    timeout = Duration.ofSeconds(4); // read timeout: a quarter, 1 s
    server.stubFor(get("/app.zip").inScenario("dribble").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withBody(BODY).withChunkedDribbleDelay(2, 20_000))
        .willSetStateTo("fine"));
    server.stubFor(get("/app.zip").inScenario("dribble").whenScenarioStateIs("fine")
        .willReturn(aResponse().withBody(BODY)));
    long started = System.nanoTime();

    assertComplete(fetch(url("/app.zip")));

    assertTrue(log().contains("stalled"), log());
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(),
        "waited for the dribbling server instead of giving up after the read timeout");
  }

  @Test
  void a404FailsAtOnceWithOneRequest() {
    server.stubFor(get("/gone.zip").willReturn(aResponse().withStatus(404)));

    LaunchException e = failure(url("/gone.zip"));

    assertEquals(69, e.status());
    assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("/gone.zip"),
        e.getMessage());
    server.verify(1, getRequestedFor(urlEqualTo("/gone.zip")));
  }

  @Test
  void theOverallDeadlineEndsTheRetries() {
    timeout = Duration.ofSeconds(2);
    server.stubFor(get("/app.zip").willReturn(aResponse().withStatus(503)));

    LaunchException e = failure(url("/app.zip"));

    assertEquals(69, e.status());
    assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    assertTrue(ticker.slept < 2_000, "slept past the deadline: " + ticker.slept + " ms");
    assertTrue(server.getAllServeEvents().size() >= 2, "retried within the deadline");
  }

  @Test
  void connectionResetsAreRetried() throws IOException {
    server.stubFor(get("/app.zip").inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
        .willSetStateTo("fine"));
    server.stubFor(get("/app.zip").inScenario("reset").whenScenarioStateIs("fine")
        .willReturn(aResponse().withBody(BODY)));

    assertComplete(fetch(url("/app.zip")));
  }

  @Test
  void a304ReusesTheCachedArchiveWithNoBody() throws IOException {
    server.stubFor(get("/app.zip").withHeader("If-None-Match", absent())
        .willReturn(aResponse().withBody(BODY).withHeader("ETag", "\"abc\"")));
    server.stubFor(get("/app.zip").withHeader("If-None-Match", equalTo("\"abc\""))
        .willReturn(aResponse().withStatus(304)));
    Release first = fetch(url("/app.zip"));

    Release second = fetch(url("/app.zip"));

    assertEquals(first, second);
    assertComplete(second);
    server.verify(getRequestedFor(urlEqualTo("/app.zip"))
        .withHeader("If-None-Match", equalTo("\"abc\"")));
    assertTrue(log().contains("status=304"), log());
  }

  @Test
  void followsARedirectChain() throws IOException {
    server.stubFor(get("/latest").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "/releases/v2")));
    server.stubFor(get("/releases/v2").willReturn(aResponse().withStatus(301)
        .withHeader("Location", url("/cdn/app-v2.zip"))));
    server.stubFor(get("/cdn/app-v2.zip").willReturn(aResponse().withBody(BODY)));

    Release release = fetch(url("/latest"));

    assertComplete(release);
    assertEquals("latest", release.name(), "checksum lists name what the user asked for");
  }

  @Test
  void theAuthHeaderIsNotSentToAnotherHostAfterARedirect() throws IOException {
    WireMockServer cdn = new WireMockServer(options().bindAddress("127.0.0.2").dynamicPort());
    cdn.start();
    try {
      authHeader = Optional.of(new Secret("PRIVATE-TOKEN: s3cr3t-token"));
      server.stubFor(get("/app.zip").withHeader("PRIVATE-TOKEN", equalTo("s3cr3t-token"))
          .willReturn(aResponse().withStatus(302)
              .withHeader("Location", "http://127.0.0.2:" + cdn.port() + "/blob")));
      cdn.stubFor(get("/blob").willReturn(aResponse().withBody(BODY)));

      assertComplete(fetch(url("/app.zip")));

      cdn.verify(getRequestedFor(urlEqualTo("/blob")).withHeader("PRIVATE-TOKEN", absent()));
      assertFalse(log().contains("s3cr3t"), log());
    } finally {
      cdn.stop();
    }
  }

  @Test
  void urlCredentialsBecomeBasicAuthAndAreNeverLogged() throws IOException {
    server.stubFor(get("/app.zip")
        .withBasicAuth("vendor", "p@ss:word")
        .willReturn(aResponse().withBody(BODY)));

    assertComplete(fetch("http://vendor:p%40ss%3Aword@127.0.0.1:" + server.port() + "/app.zip"));

    assertFalse(log().contains("p%40ss") || log().contains("p@ss"), log());
    assertTrue(log().contains("vendor:***@"), log());
  }

  @Test
  void plainHttpToAnotherHostIsRefusedBeforeAnyConnection() {
    LaunchException e = failure("http://releases.example.com/app.zip");

    assertEquals(78, e.status());
    assertTrue(e.getMessage().contains("allow-http"), e.getMessage());
  }

  @Test
  void aProxyFromTheEnvironmentCarriesTheRequestWithItsCredentials() throws IOException {
    env.put("http_proxy", "http://proxyuser:proxy%20pass@127.0.0.1:" + server.port());
    server.stubFor(get(urlEqualTo("/app.zip")).withHeader("Proxy-Authorization", absent())
        .willReturn(aResponse().withStatus(407)
            .withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
    server.stubFor(get(urlEqualTo("/app.zip"))
        .withHeader("Proxy-Authorization", equalTo("Basic cHJveHl1c2VyOnByb3h5IHBhc3M="))
        .willReturn(aResponse().withBody(BODY)));

    Release release = fetch(new Download("http://release.invalid/app.zip",
        dir.resolve("cache"), Optional.empty(), PlainHttp.ANYWHERE, timeout, env,
        Progress.LOG_LINES, Digests.SHA256));

    assertComplete(release);
    assertFalse(log().contains("proxy pass") || log().contains("proxy%20pass"), log());
  }

  @Test
  void onlyTheNewestDownloadsAreKept() throws IOException {
    server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/v.*"))
        .willReturn(aResponse().withBody("#!/bin/sh\n")));
    for (int i = 0; i < HttpFetcher.KEEP_DOWNLOADS + 3; i++) {
      fetch(url("/v" + i + "/app"));
    }

    try (Stream<Path> kept = Files.walk(dir.resolve("cache/downloads"))) {
      assertEquals(HttpFetcher.KEEP_DOWNLOADS,
          kept.filter(p -> p.getFileName().toString().equals("archive")).count());
    }
    assertTrue(Files.exists(fetch(url("/v" + (HttpFetcher.KEEP_DOWNLOADS + 2) + "/app"))
        .archive()), "the newest stays");
  }

  @Test
  void twoLaunchersSharingACacheDownloadOnce() throws Exception {
    clock = Ticker.SYSTEM; // the second waits for the first's lock in real time
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(BODY)
        .withHeader("ETag", "\"one\"").withFixedDelay(500)));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Release> launcher = () -> fetch(url("/app.zip"));
      Future<Release> a = pool.submit(launcher);
      Future<Release> b = pool.submit(launcher);

      assertEquals(a.get(), b.get());
      assertComplete(a.get());
      server.verify(1, getRequestedFor(urlEqualTo("/app.zip")));
    } finally {
      pool.shutdownNow();
    }
  }

  /** What a launcher killed after {@code bytes} bytes leaves: the part and its record. */
  DownloadCache leftByAKilledLauncher(String url, int bytes, String etag) throws IOException {
    DownloadCache cache = new DownloadCache(dir.resolve("cache"), url);
    Files.createDirectories(cache.folder);
    Files.write(cache.part, java.util.Arrays.copyOf(BODY, bytes));
    Files.writeString(cache.partMeta, "etag=" + etag + "\ntotal=" + BODY.length + "\n");
    return cache;
  }

  static int rangeStart(String request) {
    return Integer.parseInt(request.replaceAll("(?s).*Range: bytes=(\\d+)-.*", "$1"));
  }

  @Test
  void resumesThePartAnEarlierLauncherLeftAndHashesItWhole() throws IOException {
    int left = BODY.length / 2;
    try (RawServer raw = new RawServer((index, request, socket, out) -> {
      int from = request.contains("Range:") ? rangeStart(request) : 0;
      RawServer.writeHead(out, from > 0 ? "206 Partial Content" : "200 OK",
          "Content-Length: " + (BODY.length - from), "ETag: \"v1\"", "Accept-Ranges: bytes",
          "Content-Range: bytes " + from + "-" + (BODY.length - 1) + "/" + BODY.length);
      out.write(BODY, from, BODY.length - from);
    })) {
      leftByAKilledLauncher(raw.url("/app.zip"), left, "\"v1\"");

      Release release = fetch(raw.url("/app.zip"));

      assertComplete(release);
      assertEquals("bytes=" + left + "-", raw.header(0, "Range"));
      assertEquals("\"v1\"", raw.header(0, "If-Range"));
      assertTrue(log().contains("event=resume") && log().contains("bytes=" + left), log());
    }
  }

  @Test
  void aPartialAnswerForAnotherVersionIsNeverSpliced() throws IOException {
    byte[] changed = BODY.clone();
    changed[0] ^= 1;
    changed[changed.length - 1] ^= 1;
    try (RawServer raw = new RawServer((index, request, socket, out) -> {
      if (request.contains("Range:")) {
        // A broken cache or server: the rest of another version, as if it were ours. (Its
        // head is what is refused; a short body keeps this one-connection server from blocking.)
        int from = rangeStart(request);
        RawServer.writeHead(out, "206 Partial Content", "ETag: \"v2\"", "Content-Length: 16",
            "Content-Range: bytes " + from + "-" + (BODY.length - 1) + "/" + BODY.length);
        out.write(BODY, from, 16);
      } else {
        RawServer.writeHead(out, "200 OK", "Content-Length: " + BODY.length, "ETag: \"v1\"");
        out.write(BODY);
      }
    })) {
      leftByAKilledLauncher(raw.url("/app.zip"), 1000, "\"v0\"");

      Release release = fetch(raw.url("/app.zip"));

      assertComplete(release);
      assertEquals(2, raw.requests().size());
      assertEquals(null, raw.header(1, "Range"), "started over without a Range");
      assertTrue(log().contains("another version"), log());
    }
  }

  @Test
  void aPartialAnswerWhoseContentRangeDoesNotFitIsNeverSpliced() throws IOException {
    try (RawServer raw = new RawServer((index, request, socket, out) -> {
      if (request.contains("Range:")) {
        int from = rangeStart(request);
        // The right offset, but of a file of another length.
        RawServer.writeHead(out, "206 Partial Content", "ETag: \"v1\"",
            "Content-Length: " + (BODY.length - from),
            "Content-Range: bytes " + from + "-" + (BODY.length - 1) + "/" + (BODY.length + 5));
        out.write(BODY, from, BODY.length - from);
      } else {
        RawServer.writeHead(out, "200 OK", "Content-Length: " + BODY.length, "ETag: \"v1\"");
        out.write(BODY);
      }
    })) {
      leftByAKilledLauncher(raw.url("/app.zip"), 4096, "\"v1\"");

      assertComplete(fetch(raw.url("/app.zip")));

      assertEquals(null, raw.header(1, "Range"));
      assertTrue(log().contains("another offset"), log());
    }
  }

  @Test
  void aChangedFileAnsweredWith200StartsOver() throws IOException {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(BODY)
        .withHeader("ETag", "\"v2\"").withHeader("Accept-Ranges", "bytes")));
    byte[] stale = new byte[100_000];
    new Random(7).nextBytes(stale);
    DownloadCache cache = leftByAKilledLauncher(url("/app.zip"), 10, "\"v1\"");
    Files.write(cache.part, stale);

    assertComplete(fetch(url("/app.zip")));

    server.verify(getRequestedFor(urlEqualTo("/app.zip"))
        .withHeader("If-Range", equalTo("\"v1\"")));
  }

  @Test
  void aPlantedPartLinkIsNotWrittenThrough() throws IOException {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(BODY)));
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "precious");
    DownloadCache cache = new DownloadCache(dir.resolve("cache"), url("/app.zip"));
    Files.createDirectories(cache.folder);
    Files.createSymbolicLink(cache.part, victim);
    Files.writeString(cache.partMeta, "etag=\"v1\"\ntotal=" + BODY.length + "\n");

    assertComplete(fetch(url("/app.zip")));

    assertEquals("precious", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(cache.archive));
  }

  @Test
  void aPartWithAnotherNameIsNotReopened() throws IOException {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(BODY)
        .withHeader("ETag", "\"v1\"").withHeader("Accept-Ranges", "bytes")));
    Path victim = dir.resolve("victim");
    Files.write(victim, java.util.Arrays.copyOf(BODY, 1000));
    DownloadCache cache = leftByAKilledLauncher(url("/app.zip"), 10, "\"v1\"");
    Files.delete(cache.part);
    Files.createLink(cache.part, victim); // a hard link: O_NOFOLLOW does not see it

    assertComplete(fetch(url("/app.zip")));

    assertArrayEquals(java.util.Arrays.copyOf(BODY, 1000), Files.readAllBytes(victim));
    server.verify(getRequestedFor(urlEqualTo("/app.zip")).withoutHeader("Range"));
  }

  @Test
  void aPlantedLockLinkCreatesNothingWhereItPoints() throws IOException {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(BODY)));
    DownloadCache cache = new DownloadCache(dir.resolve("cache"), url("/app.zip"));
    Files.createDirectories(cache.folder);
    Path target = dir.resolve("created-through-the-link");
    Files.createSymbolicLink(cache.folder.resolve("lock"), target);

    LaunchException e = failure(url("/app.zip"));

    assertEquals(74, e.status(), e.getMessage());
    assertTrue(e.getMessage().contains(cache.folder.toString()), e.getMessage());
    assertFalse(Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aNonAsciiEtagIsIgnoredAndDoesNotPoisonTheCache() throws IOException {
    try (RawServer raw = new RawServer((index, request, socket, out) -> {
      out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length
          + "\r\nETag: \"caf\u00e9\"\r\nLast-Modified: yesterday\u00ff\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(BODY);
    })) {
      assertComplete(fetch(raw.url("/app.zip")));
      assertComplete(fetch(raw.url("/app.zip")));

      assertEquals(2, raw.requests().size());
      assertEquals(null, raw.header(1, "If-None-Match"));
      assertEquals(null, raw.header(1, "If-Modified-Since"));
    }
  }

  @Test
  void aPoisonedEtagInAnOldCacheRecordIsIgnored() throws IOException {
    server.stubFor(get("/app.zip").willReturn(aResponse().withBody(BODY)));
    fetch(url("/app.zip"));
    DownloadCache cache = new DownloadCache(dir.resolve("cache"), url("/app.zip"));
    Path meta = cache.folder.resolve("meta.properties");
    Files.writeString(meta, Files.readString(meta) + "etag=\"caf\\u00e9\"\n");

    assertComplete(fetch(url("/app.zip")));

    server.verify(getRequestedFor(urlEqualTo("/app.zip")).withoutHeader("If-None-Match"));
  }

  @Test
  void aRetryAfterBeyondAnIntIsAWaitTooLongNotACrash() {
    server.stubFor(get("/app.zip").willReturn(aResponse().withStatus(503)
        .withHeader("Retry-After", "99999999999")));

    LaunchException e = failure(url("/app.zip"));

    assertEquals(69, e.status(), e.getMessage());
    assertTrue(e.getMessage().contains("asked to retry after"), e.getMessage());
    server.verify(1, getRequestedFor(urlEqualTo("/app.zip")));
  }

  @Test
  void anUnusableRetryAfterFallsBackToBackoff() throws IOException {
    server.stubFor(get("/app.zip").inScenario("odd").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "soon\u00e9"))
        .willSetStateTo("fine"));
    server.stubFor(get("/app.zip").inScenario("odd").whenScenarioStateIs("fine")
        .willReturn(aResponse().withBody(BODY)));

    assertComplete(fetch(url("/app.zip")));

    assertTrue(ticker.slept <= Backoff.BASE_MS, "backoff, not a server's wait: " + ticker.slept);
  }

  @Test
  void aNameThatDoesNotResolveIsTriedTwiceThenFails() {
    LaunchException e = assertThrows(LaunchException.class, () -> fetch(new Download(
        "http://no-such-host.invalid/app.zip", dir.resolve("cache"), Optional.empty(),
        PlainHttp.ANYWHERE, timeout, env, Progress.LOG_LINES, Digests.SHA256)));

    assertEquals(69, e.status());
    assertTrue(e.getMessage().contains("cannot resolve no-such-host.invalid")
        && e.getMessage().contains("after 2 attempt(s)"), e.getMessage());
  }

  @Test
  void a403FailsAtOnceNamingTheAuthHeader() {
    server.stubFor(get("/app.zip").willReturn(aResponse().withStatus(403)));

    LaunchException e = failure(url("/app.zip"));

    assertEquals(69, e.status());
    assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("auth-header"),
        e.getMessage());
    server.verify(1, getRequestedFor(urlEqualTo("/app.zip")));
  }

  @Test
  void anUnreachableOriginIsAnOutcomeAfterTheAttemptsAskedFor() {
    server.stubFor(get("/app.zip").willReturn(aResponse().withStatus(502)));

    Fetcher.Outcome outcome = new HttpFetcher(new Download(url("/app.zip"), dir.resolve("cache"),
        authHeader, PlainHttp.LOOPBACK_ONLY, timeout, env, Progress.LOG_LINES, Digests.SHA256),
        log, Fetcher.ONE_RETRY, clock).fetch();

    assertTrue(outcome instanceof Fetcher.Outcome.Unreachable u && u.why().contains("HTTP 502"),
        outcome.toString());
    server.verify(2, getRequestedFor(urlEqualTo("/app.zip")));
  }
}
