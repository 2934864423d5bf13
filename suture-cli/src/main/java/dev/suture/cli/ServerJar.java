package dev.suture.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Finds the server jar and the java executable used to run child JVMs. */
public final class ServerJar {

    static final String RELATIVE = "suture-server/target/suture-server.jar";

    private ServerJar() {}

    /** SUTURE_SERVER_JAR, else $SUTURE_HOME/suture-server/target, else next to this jar's module. */
    public static Path locate(Map<String, String> env) {
        String explicit = env.get("SUTURE_SERVER_JAR");
        if (explicit != null && !explicit.isBlank()) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new CliException(ExitCodes.ERROR, "server jar not found: " + jar + " (from SUTURE_SERVER_JAR)");
            }
            return jar;
        }
        List<Path> candidates = new ArrayList<>();
        String home = env.get("SUTURE_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home).resolve(RELATIVE));
        }
        Path repo = repoFromOwnLocation();
        if (repo != null) {
            candidates.add(repo.resolve(RELATIVE));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                new CliException(ExitCodes.ERROR, "cannot find the server jar (looked at "
                        + (candidates.isEmpty() ? RELATIVE : candidates.get(0)) + "); build it with ./suture or "
                        + "'mvn install', or set SUTURE_SERVER_JAR"));
    }

    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The classpath this JVM runs with (the CLI jar when started with java -jar). */
    public static String ownClasspath() {
        return System.getProperty("java.class.path");
    }

    /** Extra JVM options from an environment variable, split on whitespace. */
    public static List<String> jvmOptions(Map<String, String> env, String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.trim().split("\\s+")).toList();
    }

    /** suture-cli/target/suture-cli.jar (or target/classes) → the repository root. */
    private static Path repoFromOwnLocation() {
        try {
            Path own = Path.of(ServerJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = own.getParent(); // target/ for both target/classes and target/suture-cli.jar
            Path module = target == null ? null : target.getParent();
            return module == null ? null : module.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
