package dev.suture.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `suture login`: exchanges a user's password for a token (30 days) and stores it owner-only. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in with a user name and password; the token is stored in SUTURE_TOKEN_FILE or ~/.suture/token (0600)",
                "and used by later commands. The password is typed (not echoed) or read from stdin, never an argument."})
public final class LoginCommand extends ClientCommand {
    @Option(names = {"-u", "--user"}, required = true, description = "User name")
    String user;

    @Option(names = "--password-stdin", description = "Read the password from stdin (first line)")
    boolean passwordStdin;

    @Override
    public Integer call() {
        String password = password();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", user).put("password", password).put("label", "suture login");
        ApiClient.Response r = new ApiClient(serverUrl()).postJson(ApiClient.API + "/login", body);
        String token = Json.text(r.json(), "token");
        Path file = TokenFile.write(env(), token);
        out().println("Logged in to " + serverUrl() + " as " + user + "; token stored in " + file + " (expires "
                + Json.text(r.json(), "expires") + ")");
        out().flush();
        return ExitCodes.OK;
    }

    private String password() {
        Console console = System.console();
        if (!passwordStdin && console != null && ((Main) spec.root().userObject()).stdin() == System.in) {
            char[] typed = console.readPassword("Password for %s: ", user);
            if (typed == null || typed.length == 0) {
                throw new CliException(ExitCodes.ERROR, "no password given");
            }
            return new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(((Main) spec.root().userObject()).stdin(), StandardCharsets.UTF_8))
                    .readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException(ExitCodes.ERROR, "no password on stdin (use --password-stdin with the password on the first line)");
            }
            return line;
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read stdin: " + e.getMessage());
        }
    }
}
