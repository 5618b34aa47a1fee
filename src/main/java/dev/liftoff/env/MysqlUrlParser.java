package dev.liftoff.env;

import com.mysql.cj.conf.ConnectionUrlParser;
import com.mysql.cj.conf.HostInfo;
import com.mysql.cj.exceptions.CJException;
import dev.liftoff.core.Messages;
import java.util.List;

/**
 * Reads a MySQL URL (mysql://, mariadb://, mysql2://, jdbc:mysql://) with Connector/J's own
 * parser, so host, port, credentials and database are what the driver would use.
 */
final class MysqlUrlParser {
  private MysqlUrlParser() {}

  /** @param rest the URL after {@code scheme://} */
  static Url parse(String scheme, String rest) {
    // Connector/J decodes with URLDecoder, which reads + as a space: a raw + in a password
    // (JawsDB and ClearDB generate them) must reach it as %2B to stay a +.
    String jdbc = "jdbc:mysql://" + rest.replace("+", "%2B");
    ConnectionUrlParser parser;
    List<HostInfo> hosts;
    try {
      parser = ConnectionUrlParser.parseConnectionString(jdbc);
      hosts = parser.getHosts(); // parsed lazily: errors come from here
    } catch (CJException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          Messages.cause(e));
    }
    if (hosts.size() != 1) {
      throw new IllegalArgumentException("it names " + hosts.size()
          + " hosts; Liftoff reads URLs with one");
    }
    HostInfo host = hosts.get(0);
    String name = host.getHost();
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("it has no host");
    }
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    String path = parser.getPath() == null ? "" : parser.getPath();
    return new Url(scheme, host.getUser(), host.getPassword(), name,
        host.getPort() == HostInfo.NO_PORT ? -1 : host.getPort(), path,
        UrlParser.params(parser.getQuery()));
  }
}
