package dev.liftoff.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxiesTest {
  @Test
  void httpsUsesHttpsProxyInEitherCaseAndHttpOnlyTheLowerCaseName() {
    Proxies upper = new Proxies(Map.of("HTTPS_PROXY", "proxy:3128", "HTTP_PROXY", "evil:1"));

    assertEquals(Optional.of(URI.create("http://proxy:3128")),
        upper.proxyFor("https", "example.com"));
    assertEquals(Optional.empty(), upper.proxyFor("http", "example.com"));
    assertEquals(Optional.of(URI.create("http://lower:8080")),
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
    assertEquals(Optional.empty(), proxies.proxyFor("https", "localhost"));
    assertTrue(new Proxies(Map.of("no_proxy", "*")).bypassed("anything"));
  }

  @Test
  void proxyCredentialsArePercentDecodedIntoBasic() {
    assertEquals(Optional.of("Basic dTpwQHNz"),
        Proxies.basicCredentials(URI.create("http://u:p%40ss@proxy:3128")));
    // "u:p+ss": a + in a password stays a +, as in the service URLs.
    assertEquals(Optional.of("Basic dTpwK3Nz"),
        Proxies.basicCredentials(URI.create("http://u:p+ss@proxy:3128")));
    assertEquals(Optional.empty(), Proxies.basicCredentials(URI.create("http://proxy:3128")));
  }

}
