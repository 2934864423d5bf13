package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {

    @TempDir
    Path tmp;

    private static ServerCommand parse(String... args) {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void passesTheServerFlagsOnUnchanged() {
        ServerCommand command = parse("--port", "9090", "--data", "/var/lib/suture",
                "--db-url", "jdbc:postgresql://db/suture", "--db-user", "suture", "--db-password", "s3cret");

        assertThat(command.serverArguments()).containsExactly("--data", "/var/lib/suture", "--port", "9090",
                "--db-url", "jdbc:postgresql://db/suture", "--db-user", "suture", "--db-password", "s3cret");
    }

    @Test
    void passesUnknownFlagsThroughToo() {
        assertThat(parse("--port", "1", "--spring.profiles.active=dev").serverArguments())
                .containsExactly("--port", "1", "--spring.profiles.active=dev");
        assertThat(parse().serverArguments()).isEmpty();
    }

    @Test
    void findsTheJarFromTheEnvironmentFirst() throws IOException {
        Path explicit = Files.createFile(tmp.resolve("custom.jar"));
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("suture-server/target"));
        Path inHome = Files.createFile(home.resolve(ServerJar.RELATIVE));

        assertThat(ServerJar.locate(Map.of("SUTURE_SERVER_JAR", explicit.toString(), "SUTURE_HOME", home.toString())))
                .isEqualTo(explicit);
        assertThat(ServerJar.locate(Map.of("SUTURE_HOME", home.toString()))).isEqualTo(inHome);
    }

    @Test
    void saysHowToGetAMissingJar() {
        assertThatThrownBy(() -> ServerJar.locate(Map.of("SUTURE_SERVER_JAR", tmp.resolve("nope.jar").toString())))
                .isInstanceOf(CliException.class).hasMessageContaining("server jar not found");
    }

    @Test
    void splitsJvmOptions() {
        assertThat(ServerJar.jvmOptions(Map.of("X", " -Xmx1g  -Dfoo=bar "), "X")).isEqualTo(List.of("-Xmx1g", "-Dfoo=bar"));
        assertThat(ServerJar.jvmOptions(Map.of(), "X")).isEmpty();
    }
}
