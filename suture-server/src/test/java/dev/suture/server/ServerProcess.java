package dev.suture.server;

import dev.suture.core.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged server as a real child process, so a test can SIGKILL it and start it again. */
final class ServerProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final int port;
  private final List<String> args;
  private final Path log;
  private final Path dataDir;
  private Process process;
  /** The first start's admin token (DATA/initial-admin-token): what every call sends unless told otherwise. */
  private String token;

  ServerProcess(Path dataDir, Path log, List<String> extraArgs) throws IOException {
    this.port = freePort();
    this.log = log;
    this.dataDir = dataDir;
    this.args = new ArrayList<>(List.of("--data", dataDir.toString(), "--port", Integer.toString(port)));
    this.args.addAll(extraArgs);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String jar() {
    String jar = System.getProperty("suture.server.jar");
    if (jar == null) throw new IllegalStateException("run through failsafe: suture.server.jar is not set");
    return jar;
  }

  ServerProcess start() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar()));
    cmd.addAll(args);
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long end = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < end) {
      if (!process.isAlive()) throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + log);
      try {
        if (send("GET", "/actuator/health", null, null, null).statusCode() == 200) {
          token = java.nio.file.Files.readString(dataDir.resolve("initial-admin-token")).strip();
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("server did not become healthy in 90 s; see " + log);
  }

  /** SIGKILL: no shutdown hooks, no graceful stop — what a crashed node looks like. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String adminToken() { return token; }

  HttpResponse<String> get(String path) throws IOException, InterruptedException { return send("GET", path, token, null, null); }

  HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
    return send("POST", path, token, contentType, body);
  }

  /** @param bearer the token to send, or null for an anonymous call */
  HttpResponse<String> send(String method, String path, String bearer, String contentType, String body)
      throws IOException, InterruptedException {
    var b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  Map<String, Object> getJson(String path) throws IOException, InterruptedException {
    var r = get(path);
    if (r.statusCode() != 200) throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    return Json.readObject(r.body());
  }

  private URI uri(String path) { return URI.create("http://127.0.0.1:" + port + path); }

  @Override public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }
}
