package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Parses the real output of this machine's dpkg-query (the build hosts are Debian), so a format
 * the hand-written fixture does not show (a new status letter, an odd version) fails here first.
 * Skipped where dpkg-query does not exist.
 */
class DpkgQueryLiveTest {
  @Test
  void parsesTheLocalDatabaseWithoutProblems() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-query")), "no dpkg-query on this machine");
    // The same format as DpkgQueryParser.COMMAND, passed as an argument list: no shell involved.
    Process p = new ProcessBuilder("/usr/bin/dpkg-query", "-W", "-f=${binary:Package}\t${source:Package}\t${Version}"
        + "\t${source:Version}\t${Architecture}\t${db:Status-Abbrev}\n").redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();

    Parsed<InstalledPackage> parsed = new DpkgQueryParser().parse(out);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.rows()).isNotEmpty();
    assertThat(parsed.rows()).anyMatch(r -> r.name().equals("dpkg"));
    assertThat(parsed.rows()).allMatch(r -> !r.name().contains(":") && !r.sourceName().isEmpty());
  }
}
