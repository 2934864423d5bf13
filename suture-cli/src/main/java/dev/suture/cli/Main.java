package dev.suture.cli;

import dev.suture.cli.demo.DemoCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The `suture` command. */
@Command(name = "suture", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Suture: patch orchestration. Client of the Suture REST API.",
        subcommands = {ServerCommand.class, ApplyCommand.class, GetCommand.class, RolloutCommand.class,
                AuditCommand.class, DemoCommand.class, dev.suture.cli.importer.ImportCommand.class, CredentialsCommand.class,
                LoginCommand.class, UsersCommand.class, ChangeCommand.class, AnalyzeCommand.class, VersionsCommand.class, VulnCommands.Feeds.class, VulnCommands.Inventory.class, VulnCommands.Findings.class,
                PatchCommand.class,
                ReportCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok", "  1  error (API error, invalid document, broken audit chain)",
                "  2  rollout did not succeed (rollout watch); canary not Pass (analyze canary)", "  3  server unreachable", "  64 bad command line",
                "%nClient commands use --server, else env SUTURE_SERVER, else " + Main.DEFAULT_SERVER + ".",
                "Credentials, when the server asks for them: env SUTURE_TOKEN (bearer token),",
                "or SUTURE_USER and SUTURE_PASSWORD (basic), else the token `suture login` stored",
                "in SUTURE_TOKEN_FILE or ~/.suture/token."})
public final class Main implements Runnable {

    public static final String DEFAULT_SERVER = "http://localhost:8080";

    private final Map<String, String> env;
    private final InputStream stdin;

    @Spec
    private CommandSpec spec;

    public Main(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    public Map<String, String> env() {
        return env;
    }

    public InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err, System.getenv(), System.in));
    }

    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env,
            InputStream stdin) {
        CommandLine cli = new CommandLine(new Main(env, stdin));
        cli.setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, rest) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, failed.getErr());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, failed, parsed) -> {
            if (ex instanceof CliException problem) {
                problem.lines().forEach(failed.getErr()::println);
                return problem.exitCode();
            }
            failed.getErr().println("suture: internal error: " + ex);
            if (env.containsKey("SUTURE_DEBUG")) {
                for (StackTraceElement frame : ex.getStackTrace()) {
                    failed.getErr().println("\tat " + frame);
                }
            } else {
                failed.getErr().println("(set SUTURE_DEBUG=1 to see where)");
            }
            return ExitCodes.ERROR;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** "suture 0.1.0" from the filtered version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"suture " + version(), "Java " + System.getProperty("java.version")};
        }

        static String version() {
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                String version = properties.getProperty("version", "unknown");
                return version.startsWith("@") ? "dev" : version;
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
