package dev.suture.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Base of every command that talks to the server: --server, the API client, the output streams. */
public abstract class ClientCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            description = "Suture server URL (default: env SUTURE_SERVER, else " + Main.DEFAULT_SERVER + ")")
    private String server;

    protected Map<String, String> env() {
        return ((Main) spec.root().userObject()).env();
    }

    protected String serverUrl() {
        if (server != null && !server.isBlank()) {
            return server;
        }
        String fromEnv = env().get("SUTURE_SERVER");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : Main.DEFAULT_SERVER;
    }

    protected ApiClient api() {
        return new ApiClient(serverUrl(), env(), Duration.ofSeconds(30));
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Terminal terminal() {
        return Terminal.detect(env());
    }

    protected ZoneId zone() {
        return ZoneId.systemDefault();
    }

    /** Prints a raw server body unchanged, ending it with a newline. */
    protected void printRaw(String body) {
        out().print(body == null ? "" : body);
        if (body == null || !body.endsWith("\n")) {
            out().println();
        }
        out().flush();
    }
}
