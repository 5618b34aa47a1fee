package dev.liftoff.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** What a host's text says about where it is: for the plain-http rule of settings and redirects. */
public final class Hosts {
  private Hosts() {}

  /** Whether {@code host} names this machine: decided from its text, never by asking DNS. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
