package dev.liftoff.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxiesTest {
  @Test
  void httpsUsesHttpsProxyInEitherCaseAndHttpOnlyTheLowerCaseName() {
    Proxies upper = new Proxies(Map.of("HTTPS_PROXY", "proxy:3128", "HTTP_PROXY", "evil:1"));

    assertEquals(URI.create("http://proxy:3128"), upper.proxyFor("https", "example.com"));
    assertNull(upper.proxyFor("http", "example.com"));
    assertEquals(URI.create("http://lower:8080"),
        new Proxies(Map.of("http_proxy", "http://lower:8080")).proxyFor("http", "example.com"));
  }

  @Test
  void noProxyMatchesHostsTheirSubdomainsAndStar() {
    Proxies proxies = new Proxies(Map.of("https_proxy", "p:1",
        "NO_PROXY", "localhost, .internal.net,example.com"));

    assertTrue(proxies.bypassed("example.com"));
    assertTrue(proxies.bypassed("cdn.example.com"));
    assertTrue(proxies.bypassed("a.internal.net"));
    assertFalse(proxies.bypassed("notexample.com"));
    assertNull(proxies.proxyFor("https", "localhost"));
    assertTrue(new Proxies(Map.of("no_proxy", "*")).bypassed("anything"));
  }

  @Test
  void proxyCredentialsArePercentDecodedIntoBasic() {
    assertEquals("Basic dTpwQHNz",
        Proxies.basicCredentials(URI.create("http://u:p%40ss@proxy:3128")));
    assertNull(Proxies.basicCredentials(URI.create("http://proxy:3128")));
  }

  @Test
  void loopbackIsDecidedFromTheUrlWithoutALookup() {
    assertTrue(RedirectPolicy.isLoopback("127.0.0.2"));
    assertTrue(RedirectPolicy.isLoopback("localhost"));
    assertTrue(RedirectPolicy.isLoopback("[::1]"));
    assertFalse(RedirectPolicy.isLoopback("example.com"));
    assertFalse(RedirectPolicy.isLoopback("10.0.0.1"));
  }
}
