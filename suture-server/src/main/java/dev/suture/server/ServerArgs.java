package dev.suture.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the documented server flags into Spring properties. Anything else in Spring's own
 * {@code --key=value} form is passed through unchanged.
 */
record ServerArgs(boolean help, String[] springArgs) {
  static final String USAGE = """
      Usage: suture server [--data DIR] [--port N] [--db-url URL --db-user U --db-password P]
        --data DIR        data directory (default ~/.suture); holds the embedded H2 database
        --port N          HTTP port (default 8080)
        --db-url URL      use this database instead of the embedded one (jdbc:postgresql://host:5432/db)
        --db-user U       database user
        --db-password P   database password (or env SUTURE_DB_PASSWORD)
        --node-id ID      this node's name in rollout leases (default: host name + data location)""";

  static ServerArgs parse(String[] args) {
    List<String> out = new ArrayList<>();
    String data = null;
    String dbUrl = null;
    String dbUser = null;
    String dbPassword = System.getenv("SUTURE_DB_PASSWORD");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> { return new ServerArgs(true, new String[0]); }
        case "--data" -> data = value(args, ++i, a);
        case "--port" -> {
          String p = value(args, ++i, a);
          if (!p.matches("\\d{1,5}") || Integer.parseInt(p) > 65535) throw new IllegalArgumentException("--port: '" + p + "' is not a port number");
          out.add("--server.port=" + p);
        }
        case "--db-url" -> dbUrl = value(args, ++i, a);
        case "--db-user" -> dbUser = value(args, ++i, a);
        case "--db-password" -> dbPassword = value(args, ++i, a);
        case "--node-id" -> out.add("--suture.node-id=" + value(args, ++i, a));
        default -> {
          if (!a.startsWith("--") || !a.contains("=")) throw new IllegalArgumentException("unknown argument '" + a + "'");
          out.add(a);
        }
      }
    }
    Path dir = Path.of(data != null ? data : System.getProperty("user.home") + "/.suture").toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("--data: cannot create " + dir + ": " + e.getMessage());
    }
    out.add("--suture.data-dir=" + dir);
    if (dbUrl != null) {
      if (!dbUrl.startsWith("jdbc:")) throw new IllegalArgumentException("--db-url must be a JDBC URL such as jdbc:postgresql://host:5432/suture");
      out.add("--spring.datasource.url=" + dbUrl);
      if (dbUser != null) out.add("--spring.datasource.username=" + dbUser);
      if (dbPassword != null) out.add("--spring.datasource.password=" + dbPassword);
    } else {
      out.add("--spring.datasource.url=" + dev.suture.store.Store.h2Url(dir));
    }
    return new ServerArgs(false, out.toArray(String[]::new));
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(flag + " needs a value");
    return args[i];
  }
}
