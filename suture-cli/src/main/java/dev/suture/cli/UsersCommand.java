package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `suture users add|list|token`: user and token administration (admin role). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users and API tokens (needs the admin role)",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Token.class})
public final class UsersCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a user")
    static final class Add extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = {"-r", "--role"}, required = true, split = ",",
                description = "Role(s): viewer, requester, approver, operator, auditor, admin")
        List<String> roles;

        @Option(names = "--password-stdin", description = "Read a password (12+ characters) from stdin; without it the user has tokens only")
        boolean passwordStdin;

        @Override
        public Integer call() {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name);
            roles.forEach(body.putArray("roles")::add);
            if (passwordStdin) {
                body.put("password", firstLine());
            }
            JsonNode user = api().postJson(ApiClient.API + "/users", body).json();
            out().println("user " + Json.text(user, "name") + " created with roles " + user.get("roles"));
            out().flush();
            return ExitCodes.OK;
        }

        private String firstLine() {
            try {
                String line = new BufferedReader(new InputStreamReader(((Main) spec.root().userObject()).stdin(),
                        StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new CliException(ExitCodes.ERROR, "no password on stdin");
                }
                return line;
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "cannot read stdin: " + e.getMessage());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users")
    static final class ListUsers extends ClientCommand {
        @Override
        public Integer call() {
            Table t = new Table("NAME", "ROLES", "PASSWORD", "DISABLED", "CREATED");
            for (JsonNode u : api().get(ApiClient.API + "/users").json()) {
                List<String> r = new java.util.ArrayList<>();
                u.get("roles").forEach(n -> r.add(n.asText()));
                t.row(Json.text(u, "name"), String.join(",", r), u.get("password").asBoolean() ? "yes" : "no",
                        u.get("disabled").asBoolean() ? "yes" : "no", Json.text(u, "created"));
            }
            out().print(t.render());
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issue an API token for a user; it is printed once and cannot be shown again")
    static final class Token extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--label", description = "What the token is for (e.g. ci-robot)")
        String label = "";

        @Option(names = "--ttl", description = "Lifetime, e.g. 90d or 12h (default: no expiry)")
        String ttl;

        @Override
        public Integer call() {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("label", label);
            if (ttl != null) {
                body.put("ttl", ttl);
            }
            JsonNode issued = api().postJson(ApiClient.API + "/users/" + ApiClient.segment(name) + "/tokens", body).json();
            out().println(Json.text(issued, "token"));
            err().println("token " + Json.text(issued, "id") + " for " + name + " (expires "
                    + (issued.hasNonNull("expires") ? Json.text(issued, "expires") : "never") + "): shown once, store it now");
            out().flush();
            err().flush();
            return ExitCodes.OK;
        }
    }
}
