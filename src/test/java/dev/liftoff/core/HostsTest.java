package dev.liftoff.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostsTest {
  @Test
  void loopbackIsDecidedFromTheHostsTextWithoutALookup() {
    assertTrue(Hosts.isLoopback("127.0.0.2"));
    assertTrue(Hosts.isLoopback("localhost"));
    assertTrue(Hosts.isLoopback("app.LOCALHOST"));
    assertTrue(Hosts.isLoopback("[::1]"));
    assertTrue(Hosts.isLoopback("::1"));
    assertFalse(Hosts.isLoopback("example.com"));
    assertFalse(Hosts.isLoopback("localhost.example.com"));
    assertFalse(Hosts.isLoopback("10.0.0.1"));
    assertFalse(Hosts.isLoopback("[::1"));
  }
}
