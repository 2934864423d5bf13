package dev.suture.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** `suture server`: runs the Spring Boot server jar in the foreground with the same flags. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the Suture server in the foreground (java -jar suture-server.jar ...).",
                "Finds the jar via env SUTURE_SERVER_JAR, else $SUTURE_HOME/" + ServerJar.RELATIVE + ".",
                "Extra JVM options: env SUTURE_SERVER_JAVA_OPTS. Unknown flags are passed on to the server."})
public final class ServerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (embedded H2 database lives here)")
    String data;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port")
    Integer port;

    @Option(names = "--db-url", paramLabel = "URL", description = "JDBC URL of an external database (PostgreSQL)")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "U", description = "Database user")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "P", description = "Database password")
    String dbPassword;

    @Unmatched
    List<String> passThrough = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = ((Main) spec.root().userObject()).env();
        Path jar = ServerJar.locate(env);
        List<String> command = new ArrayList<>();
        command.add(ServerJar.java().toString());
        command.addAll(ServerJar.jvmOptions(env, "SUTURE_SERVER_JAVA_OPTS"));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(serverArguments());
        spec.commandLine().getOut().flush();
        Process server;
        try {
            server = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        // Ctrl-C reaches both JVMs (same process group); the hook covers a plain SIGTERM to this one.
        Thread stopper = new Thread(() -> {
            server.destroy();
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "suture-server-stopper");
        Runtime.getRuntime().addShutdownHook(stopper);
        int exit = server.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            // already exiting: the hook runs anyway and finds the server gone
        }
        return exit;
    }

    /** The flags exactly as the server understands them, in a stable order, then anything unknown. */
    List<String> serverArguments() {
        List<String> args = new ArrayList<>();
        add(args, "--data", data);
        add(args, "--port", port == null ? null : port.toString());
        add(args, "--db-url", dbUrl);
        add(args, "--db-user", dbUser);
        add(args, "--db-password", dbPassword);
        args.addAll(passThrough);
        return args;
    }

    private static void add(List<String> args, String flag, String value) {
        if (value != null) {
            args.add(flag);
            args.add(value);
        }
    }
}
