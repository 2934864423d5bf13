package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** `suture versions compare`: one answer per input line, errors named by line, every scheme reachable by name. */
class VersionsCommandTest {

    @Test
    void printsOneAnswerPerLineInInputOrder() {
        Cli.Result r = Cli.runWithInput("1:1.0-1 2.0-1\n1.0~rc1 1.0\n\n# a comment\n2.0 2.0\n1.10 1.9\n", Map.of(),
                "versions", "compare", "--ecosystem", "debian");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(">\n<\n\n# a comment\n=\n>\n");
    }

    @Test
    void everySchemeAndOsvEcosystemNameWorks() {
        String[][] cases = {
            {"dpkg", "1.0~beta 1.0", "<"}, {"Debian:12", "2:1.0 1:9.9", ">"}, {"rpm", "1.0^git1 1.0", ">"},
            {"Rocky Linux:9", "1.0~rc1 1.0", "<"}, {"alpine", "1.2.3_rc1 1.2.3", "<"}, {"semver", "1.0.0-alpha 1.0.0", "<"},
            {"npm", "1.0.0+build.1 1.0.0", "="}, {"maven", "1.0-SNAPSHOT 1.0", "<"}, {"pypi", "1.0.post1 1.0", ">"},
            {"pep440", "1.0a1 1.0", "<"}};
        for (String[] c : cases) {
            Cli.Result r = Cli.runWithInput(c[1] + "\n", Map.of(), "versions", "compare", "--ecosystem", c[0]);
            assertThat(r.out()).as(c[0] + ": " + c[1] + " / " + r.err()).isEqualTo(c[2] + "\n");
        }
    }

    @Test
    void aBadLineIsNamedOnStderrAndKeepsTheOutputAligned() {
        Cli.Result r = Cli.runWithInput("1.0.0 2.0.0\n1.0.0\n01.0.0 1.0.0\n2.0.0 1.0.0\n", Map.of(),
                "versions", "compare", "--ecosystem", "semver");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.out()).isEqualTo("<\n!\n!\n>\n");
        assertThat(r.err()).contains("line 2: expected two versions").contains("line 3: '01.0.0' is not a valid semver version");
    }

    @Test
    void anUnknownEcosystemIsAUsageError() {
        Cli.Result r = Cli.runWithInput("1 2\n", Map.of(), "versions", "compare", "--ecosystem", "cobol");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--ecosystem: unknown ecosystem 'cobol'").contains("dpkg").contains("pep440");
    }
}
