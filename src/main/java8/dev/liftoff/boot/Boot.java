package dev.liftoff.boot;

/**
 * The jar's Main-Class, compiled for Java 8 so that an older JVM (Heroku's default without
 * system.properties) gets Liftoff's one-line error instead of UnsupportedClassVersionError.
 */
public final class Boot {
  private static final int REQUIRED = 25;
  /** The contract's configuration status: the platform's Java version is a setting. */
  private static final int CONFIG = 78;

  private Boot() {}

  public static void main(String[] args) {
    int feature = feature(System.getProperty("java.specification.version", "0"));
    if (feature < REQUIRED) {
      System.err.println("liftoff at=error event=exit status=" + CONFIG + " msg=\"Liftoff needs"
          + " Java " + REQUIRED + " or newer; this is Java " + feature + " at "
          + System.getProperty("java.home") + "; run it with a JDK " + REQUIRED
          + " (on Heroku: java.runtime.version=" + REQUIRED + " in system.properties)\"");
      System.exit(CONFIG);
    }
    dev.liftoff.Main.main(args);
  }

  /** "1.8" is 8, "17" is 17. */
  static int feature(String specification) {
    String version = specification.startsWith("1.") ? specification.substring(2) : specification;
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
  }
}
