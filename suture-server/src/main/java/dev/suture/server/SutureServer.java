package dev.suture.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** {@code suture server [--data DIR] [--port N] [--db-url URL --db-user U --db-password P]}. */
@SpringBootApplication
public class SutureServer {
  public static void main(String[] args) {
    ServerArgs parsed;
    try {
      parsed = ServerArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("suture server: " + e.getMessage());
      System.err.println(ServerArgs.USAGE);
      System.exit(2);
      return;
    }
    if (parsed.help()) {
      System.out.println(ServerArgs.USAGE);
      return;
    }
    SpringApplication.run(SutureServer.class, parsed.springArgs());
  }
}
