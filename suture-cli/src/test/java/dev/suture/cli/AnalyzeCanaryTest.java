package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `suture analyze canary`, in-process, on files; the numbers are R case "shifted" (docs/judge.md). */
class AnalyzeCanaryTest {

    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private Path baseline() throws IOException {
        return file("baseline.txt", "# p99 latency, baseline\n1.1\n2.4\n3.0\n\n4.7\n5.5\n6.2\n7.9\n8.1\n9.6\n10.3\n");
    }

    private Path canary() throws IOException {
        return file("canary.txt", "11.2\n12.5\n13.1\n14.8\n15.0\n16.3\n17.7\n18.2\n19.9\n20.4\n");
    }

    @Test
    void highCanaryExitsTwoAndShowsTheWorking() throws IOException {
        Cli.Result r = Cli.run("analyze", "canary", "--control", baseline().toString(), "--experiment",
                canary().toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("classification: High\n")
                .contains("baseline:       10 points, mean 5.88000")
                .contains("canary:         10 points, mean 15.9100")
                .contains("interval (98%): [6.00002, 13.9001]")
                .contains("estimate:       10.1000")
                .contains("tolerance:      +/-2.52499")
                .contains("effect size:    2.70578 (mean_ratio)")
                .contains("warning:        baseline has 10 data points (< 50)");
    }

    @Test
    void directionDecreaseLetsARisePass() throws IOException {
        Cli.Result r = Cli.run("analyze", "canary", "--control", baseline().toString(), "--experiment",
                canary().toString(), "--direction", "decrease");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("classification: Pass\n");
    }

    @Test
    void allowedIncreaseAboveTheRatioPasses() throws IOException {
        Cli.Result r = Cli.run("analyze", "canary", "--control", baseline().toString(), "--experiment",
                canary().toString(), "--allowed-increase", "3");
        assertThat(r.exit()).isZero();
    }

    @Test
    void jsonCarriesEveryNumber() throws IOException {
        Cli.Result r = Cli.run("analyze", "canary", "--control", baseline().toString(), "--experiment",
                canary().toString(), "--critical", "-o", "json");

        JsonNode json = Json.parse(r.out());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(json.path("classification").asText()).isEqualTo("High");
        assertThat(json.path("criticalFailure").asBoolean()).isTrue();
        assertThat(json.path("control").path("count").asInt()).isEqualTo(10);
        assertThat(json.path("mannWhitney").path("lower").asDouble()).isBetween(5.9999, 6.0001);
        assertThat(json.path("mannWhitney").path("upper").asDouble()).isBetween(13.8999, 13.9002);
        assertThat(json.path("tolerance").asDouble()).isBetween(2.5249, 2.5251);
        assertThat(json.path("warnings")).hasSize(2);
    }

    @Test
    void noDataAfterRemovingNansIsNodataAndExitsTwo() throws IOException {
        Path empty = file("empty.txt", "NaN\nnan\n");
        Cli.Result removed = Cli.run("analyze", "canary", "--control", baseline().toString(), "--experiment",
                empty.toString());
        Cli.Result required = Cli.run("analyze", "canary", "--control", baseline().toString(), "--experiment",
                empty.toString(), "--must-have-data");

        assertThat(removed.exit()).isEqualTo(2);
        assertThat(removed.out()).startsWith("classification: Nodata\n").contains("test:           not run");
        assertThat(required.out()).startsWith("classification: NodataFailMetric\n");
    }

    @Test
    void aLineThatIsNotANumberNamesFileAndLine() throws IOException {
        Path bad = file("bad.txt", "1\n# fine\n2,5\n");
        Cli.Result r = Cli.run("analyze", "canary", "--control", bad.toString(), "--experiment", canary().toString());

        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).isEqualTo(bad + ":3: not a number: 2,5\n");
    }

    @Test
    void badUsageExitsSixtyFour() throws IOException {
        assertThat(Cli.run("analyze", "canary", "--control", baseline().toString()).exit()).isEqualTo(64);
        assertThat(Cli.run("analyze", "canary", "--control", baseline().toString(), "--experiment",
                canary().toString(), "--direction", "sideways").exit()).isEqualTo(64);
        Cli.Result inverted = Cli.run("analyze", "canary", "--control", baseline().toString(), "--experiment",
                canary().toString(), "--allowed-increase", "0.5", "--allowed-decrease", "2");
        assertThat(inverted.exit()).isEqualTo(64);
        assertThat(inverted.err()).contains("allowedDecrease");
        Cli.Result missing = Cli.run("analyze", "canary", "--control", tmp.resolve("nope").toString(),
                "--experiment", canary().toString());
        assertThat(missing.exit()).isEqualTo(64);
        assertThat(missing.err()).startsWith("cannot read ");
    }
}
