package dev.suture.cli;

import dev.suture.core.port.Credential;
import dev.suture.core.port.CredentialStore;
import dev.suture.credentials.CredentialException;
import dev.suture.credentials.FileCredentialStore;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `suture credentials add|list|remove`: manages the encrypted credential store in the data
 * directory directly (not through the API, which never accepts or returns secrets). A secret is
 * read from a file or stdin only: a command-line argument would be visible to every user via ps.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = {"Manage the SSH keys and passwords plans refer to by name, encrypted at rest.",
                "They live in DIR/credentials.json, DIR being the server's data directory.",
                "Master key: env SUTURE_MASTER_KEY (base64 of 32 bytes), else DIR/master.key",
                "(0600, created on first use: back it up). Run as the user the server runs as.",
                "Secrets come from a file or stdin, never from an argument; never printed."},
        subcommands = {CredentialsCommand.Add.class, CredentialsCommand.ListCommand.class, CredentialsCommand.Remove.class})
public final class CredentialsCommand implements Runnable {

    static {
        // The credential store logs through SLF4J and the CLI has no logging backend, on purpose: without
        // this, SLF4J complains about the missing backend on stderr the first time the store is touched.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The same default as `suture server --data`. */
    static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".suture");
    }

    /** What every subcommand shares: the data directory and opening the store in it. */
    abstract static class Base implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR",
                description = "The server's data directory (default: ~/.suture)")
        Path data;

        Main main() {
            return (Main) spec.root().userObject();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        Path dataDir() {
            return (data != null ? data : defaultDataDir()).toAbsolutePath().normalize();
        }

        FileCredentialStore open() {
            Map<String, String> env = main().env();
            Path keyFile = dataDir().resolve("master.key");
            boolean newKey = !env.containsKey("SUTURE_MASTER_KEY") && !Files.exists(keyFile);
            FileCredentialStore store = guarded(() -> FileCredentialStore.open(dataDir(), env, Clock.systemUTC()));
            if (newKey && Files.exists(keyFile)) {
                err().println("created master key " + keyFile + " (0600); back it up: without it the stored"
                        + " credentials cannot be decrypted");
            }
            return store;
        }

        /** The store's failures are the user's to fix: plain lines, exit 1, never a stack trace. */
        static <T> T guarded(Callable<T> action) {
            try {
                return action.call();
            } catch (IllegalArgumentException | CredentialException | UncheckedIOException e) {
                throw new CliException(ExitCodes.ERROR, e.getMessage());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CliException(ExitCodes.ERROR, e.getMessage());
            }
        }
    }

    /** Where the secret comes from: exactly one of a file or stdin. */
    static final class Source {
        @Option(names = "--from-file", paramLabel = "PATH", required = true,
                description = "Read the secret from this file (e.g. ~/.ssh/id_ed25519)")
        Path file;

        @Option(names = "--from-stdin", required = true,
                description = "Read the secret from stdin (a password typed at a terminal is not echoed)")
        boolean stdin;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a credential, or replace the one with that name.",
                    "A single trailing newline is dropped from a password (echo, or a file saved by an editor)."})
    static final class Add extends Base {

        @Parameters(index = "0", paramLabel = "NAME", description = "[a-z0-9][a-z0-9._-]{0,62}")
        String name;

        @Option(names = "--type", required = true, paramLabel = "TYPE",
                description = "ssh-key (an unencrypted OpenSSH or PEM private key) or password")
        String type;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Override
        public Integer call() {
            if (!FileCredentialStore.NAME.matcher(name).matches()) {
                throw new ParameterException(spec.commandLine(), "Invalid value for NAME: '" + name
                        + "' (lower-case letters, digits, '.', '_', '-'; starts with a letter or digit; at most 63)");
            }
            if (!FileCredentialStore.TYPES.contains(type)) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--type': '" + type + "' (expected ssh-key or password)");
            }
            FileCredentialStore store = open();
            byte[] secret = source.file != null ? readFile(source.file) : readStdin();
            try {
                if (Credential.PASSWORD.equals(type)) {
                    secret = withoutTrailingNewline(secret);
                }
                byte[] toStore = secret;
                CredentialStore.Info info = guarded(() -> store.put(name, type, toStore));
                out().println("stored credential " + info.name() + " (" + info.type() + ", " + info.fingerprint() + ")");
                return ExitCodes.OK;
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }

        private static byte[] readFile(Path file) {
            try {
                if (Files.size(file) > FileCredentialStore.MAX_SECRET_BYTES) {
                    throw new CliException(ExitCodes.ERROR, "cannot use " + file + ": larger than "
                            + FileCredentialStore.MAX_SECRET_BYTES + " bytes, so not a key or password");
                }
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": no such file");
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
            }
        }

        private byte[] readStdin() {
            InputStream in = main().stdin();
            Console console = System.console();
            if (in == System.in && console != null && Credential.PASSWORD.equals(type)) {
                char[] typed = console.readPassword("Password for %s: ", name);
                if (typed == null) {
                    return new byte[0];
                }
                return utf8(typed);
            }
            try {
                byte[] bytes = in.readNBytes(FileCredentialStore.MAX_SECRET_BYTES + 1);
                if (bytes.length > FileCredentialStore.MAX_SECRET_BYTES) {
                    Arrays.fill(bytes, (byte) 0);
                    throw new CliException(ExitCodes.ERROR, "stdin: more than " + FileCredentialStore.MAX_SECRET_BYTES
                            + " bytes, so not a key or password");
                }
                return bytes;
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "cannot read stdin: " + e.getMessage());
            }
        }

        private static byte[] utf8(char[] chars) {
            var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            Arrays.fill(chars, '\0');
            Arrays.fill(buffer.array(), (byte) 0);
            return bytes;
        }

        static byte[] withoutTrailingNewline(byte[] secret) {
            int end = secret.length;
            if (end > 0 && secret[end - 1] == '\n') {
                end--;
                if (end > 0 && secret[end - 1] == '\r') {
                    end--;
                }
            }
            if (end == secret.length) {
                return secret;
            }
            byte[] trimmed = Arrays.copyOf(secret, end);
            Arrays.fill(secret, (byte) 0);
            return trimmed;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List name, type, fingerprint and creation time; never a secret.")
    static final class ListCommand extends Base {

        @Override
        public Integer call() {
            FileCredentialStore store = open();
            var credentials = guarded(store::list);
            if (credentials.isEmpty()) {
                err().println("no credentials in " + store.file());
                return ExitCodes.OK;
            }
            Table table = new Table("name", "type", "fingerprint", "created");
            credentials.forEach(c -> table.row(c.name(), c.type(), c.fingerprint(), c.created().truncatedTo(ChronoUnit.SECONDS)));
            out().print(table.render());
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a credential.")
    static final class Remove extends Base {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            FileCredentialStore store = open();
            if (!guarded(() -> store.remove(name))) {
                throw new CliException(ExitCodes.ERROR, "no credential named '" + name + "' in " + store.file());
            }
            out().println("removed credential " + name);
            return ExitCodes.OK;
        }
    }
}
