package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `suture credentials`, in-process; whatever happens, the secret is never printed. */
class CredentialsCommandTest {

    static final String PASSWORD = "s3cret-Password-only-in-this-test-4e1b";

    @TempDir
    Path tmp;

    final List<Cli.Result> results = new ArrayList<>();

    private Cli.Result run(String stdin, Map<String, String> env, String... args) {
        String[] withData = new String[args.length + 2];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--data";
        withData[args.length + 1] = tmp.resolve("data").toString();
        Cli.Result result = Cli.runWithInput(stdin, env, withData);
        results.add(result);
        return result;
    }

    private Cli.Result run(String stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    @AfterEach
    void nothingPrintedASecret() throws Exception {
        List<String> keyLines = sshKey().lines().filter(l -> !l.startsWith("-----")).toList();
        for (Cli.Result r : results) {
            String printed = r.out() + r.err();
            assertThat(printed).doesNotContain(PASSWORD);
            keyLines.forEach(line -> assertThat(printed).doesNotContain(line));
        }
    }

    @Test
    void addsAPasswordFromStdinAndListsItWithoutTheSecret() {
        Cli.Result add = run(PASSWORD + "\n", "credentials", "add", "db-admin", "--type", "password", "--from-stdin");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).matches("stored credential db-admin \\(password, sha256:[0-9a-f]{16}\\)\n");
        assertThat(add.err()).startsWith("created master key " + tmp.resolve("data").resolve("master.key"));

        Cli.Result list = run("", "credentials", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out().lines().toList()).hasSize(2);
        assertThat(list.out()).matches("NAME +TYPE +FINGERPRINT +CREATED\n"
                + "db-admin  password  sha256:[0-9a-f]{16}  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n");
        assertThat(list.err()).isEmpty();
    }

    @Test
    void theTrailingNewlineOfAPasswordIsNotPartOfIt() {
        String withNewline = run(PASSWORD + "\n", "credentials", "add", "a", "--type", "password", "--from-stdin").out();
        String without = run(PASSWORD, "credentials", "add", "b", "--type", "password", "--from-stdin").out();
        assertThat(withNewline.replace(" a ", " ")).isEqualTo(without.replace(" b ", " "));
    }

    @Test
    void addsAnSshKeyFromAFile() throws Exception {
        Path key = Files.writeString(tmp.resolve("id_rsa"), sshKey());
        Cli.Result add = run("", "credentials", "add", "prod-ssh", "--type", "ssh-key", "--from-file", key.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).matches("stored credential prod-ssh \\(ssh-key, SHA256:[A-Za-z0-9+/]{43}\\)\n");
        assertThat(run("", "credentials", "list").out()).contains("prod-ssh  ssh-key  SHA256:");
    }

    @Test
    void anSshKeyThatIsNotAKeyIsRefusedWithoutShowingIt() {
        Cli.Result add = run(PASSWORD, "credentials", "add", "prod-ssh", "--type", "ssh-key", "--from-stdin");
        assertThat(add.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(add.err()).contains("secret: an ssh-key must be a private key");
    }

    @Test
    void removeDeletesAndSaysSoWhenThereIsNothingToDelete() {
        run(PASSWORD, "credentials", "add", "db-admin", "--type", "password", "--from-stdin");
        Cli.Result remove = run("", "credentials", "remove", "db-admin");
        assertThat(remove.exit()).isZero();
        assertThat(remove.out()).isEqualTo("removed credential db-admin\n");
        Cli.Result again = run("", "credentials", "remove", "db-admin");
        assertThat(again.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(again.err()).contains("no credential named 'db-admin'");
        Cli.Result list = run("", "credentials", "list");
        assertThat(list.out()).isEmpty();
        assertThat(list.err()).startsWith("no credentials in ");
    }

    @Test
    void theSecretMustComeFromExactlyOneOfFileOrStdin() throws IOException {
        Path file = Files.writeString(tmp.resolve("pw"), PASSWORD);
        Cli.Result none = run("", "credentials", "add", "db-admin", "--type", "password");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("--from-file").contains("--from-stdin");
        Cli.Result both = run(PASSWORD, "credentials", "add", "db-admin", "--type", "password", "--from-stdin",
                "--from-file", file.toString());
        assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(Files.exists(tmp.resolve("data").resolve("credentials.json"))).isFalse();
    }

    @Test
    void anUnknownTypeIsABadCommandLine() {
        Cli.Result r = run(PASSWORD, "credentials", "add", "db-admin", "--type", "token", "--from-stdin");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--type").contains("ssh-key or password");
    }

    @Test
    void aBadNameIsABadCommandLine() {
        Cli.Result r = run(PASSWORD, "credentials", "add", "Prod SSH", "--type", "password", "--from-stdin");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("Invalid value for NAME: 'Prod SSH'");
        assertThat(Files.exists(tmp.resolve("data"))).as("a bad command line creates nothing").isFalse();
    }

    @Test
    void aMissingFileIsAnError() {
        Cli.Result r = run("", "credentials", "add", "db-admin", "--type", "password", "--from-file",
                tmp.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("cannot read").contains("no such file");
    }

    @Test
    void aMalformedMasterKeyIsNamedButNotEchoed() {
        String value = "definitely-not-a-key";
        Cli.Result r = run("", Map.of("SUTURE_MASTER_KEY", value), "credentials", "list");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("SUTURE_MASTER_KEY").doesNotContain(value);
    }

    @Test
    void theWrongMasterKeyStillListsButCannotAdd() {
        Map<String, String> first = Map.of("SUTURE_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        byte[] other = new byte[32];
        other[0] = 1;
        Map<String, String> second = Map.of("SUTURE_MASTER_KEY", Base64.getEncoder().encodeToString(other));
        assertThat(run(PASSWORD, first, "credentials", "add", "a", "--type", "password", "--from-stdin").exit()).isZero();
        assertThat(Files.exists(tmp.resolve("data").resolve("master.key"))).isFalse();
        assertThat(run("", second, "credentials", "list").out()).containsPattern("\na +password +sha256:");
        Cli.Result add = run(PASSWORD, second, "credentials", "add", "b", "--type", "password", "--from-stdin");
        assertThat(add.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(add.err()).contains("different master key");
    }

    @Test
    void theDefaultDataDirectoryIsTheServers() {
        assertThat(CredentialsCommand.defaultDataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".suture"));
        assertThat(Cli.run("credentials", "add", "--help").out()).contains("default: ~/.suture");
    }

    private static String sshKeyPem;

    static synchronized String sshKey() throws Exception {
        if (sshKeyPem == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            sshKeyPem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        }
        return sshKeyPem;
    }
}
