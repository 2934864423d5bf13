package dev.suture.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged `suture` CLI jar as a child process, as a user's script would. */
public final class Cli {
  public record Result(int exit, String out, String err) {}

  public static String jar(String property) {
    String v = System.getProperty(property);
    if (v == null) throw new IllegalStateException(property + " is not set: run through failsafe (mvn verify)");
    return v;
  }

  public static Result run(Map<String, String> env, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar("suture.cli.jar")));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("SUTURE_SERVER_JAR", jar("suture.server.jar"));
    pb.environment().putAll(env);
    Path out = java.nio.file.Files.createTempFile("cli", ".out");
    Path err = java.nio.file.Files.createTempFile("cli", ".err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("suture " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s; output:\n"
          + java.nio.file.Files.readString(out, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
        java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
  }
}
