package dev.suture.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `suture demo --once` for real (a server child JVM, 12 service JVMs, HTTP, files), with
 * {@link FakeSutureServer} standing in for the server so the CLI side is checked on its own.
 */
class DemoAgainstFakeServerTest {

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void bothScenariosEndAsExpectedAndNothingIsLeftRunning() throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SUTURE_SERVER_JAR", fakeServerJar().toString());
        env.put("SUTURE_SERVER_JAVA_OPTS", "-Xmx64m -XX:TieredStopAtLevel=1 -Dfake.timeScale=0.2");
        env.remove("TERM");
        // The fake server judges health by /health only; it cannot run the Prometheus gates.
        env.put("SUTURE_DEMO_PROMETHEUS", "off");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.execute(new String[] {"demo", "--once"}, new PrintWriter(out, true), new PrintWriter(err, true),
                env, new ByteArrayInputStream(new byte[0]));

        String story = out.toString().replace("\u25B6", ">").replace("\u2714", "ok").replace("\u2718", "x")
                .replace("\u21A9", "<-");
        assertThat(exit).as(story + err).isZero();
        assertThat(story).contains(
                "12 demo services up",
                "  asset/prod-web-10 created",
                "  plan/web-sop-production created",
                "> Stage 4/6 canary: patching stg-web-01 first, then baking 3s (production would bake 15m)",
                "ok every staging service reports version 1.1.0 on its own /version (2 checked)",
                "Staging succeeded, so the patch may go to production once the CAB approves a change request.",
                "alice (requester) opens normal change request CR-1",
                "  bob approves (1 of 2): SUBMITTED",
                "  carol approves (2 of 2): APPROVED",
                "--change CR-1",
                "alice (requester) opens emergency change request CR-2",
                "  bob approves (1 of 1): APPROVED",
                "a post-hoc review of this emergency change is due",
                "> Stage 5/7 wave: wave 1: patching prod-web-02, prod-web-03, prod-web-04, prod-web-05 (up to 2 at a time,"
                        + " 0 errors allowed), then observing 5s (production would observe 15m)",
                "ok every production service reports version 1.1.0 on its own /version (10 checked)",
                "> Stage 4/7 canary: patching prod-web-01 first",
                "    x canary FAILED: check health failed on prod-web-01: HTTP 503",
                "  ! incident INC-1 (P1) opened",
                "ok rollout r-3 ROLLED_BACK after",
                "s, as expected: ",
                "ok incident INC-1 (P1) is open",
                "ok audit chain intact",
                "ok Demo finished: both scenarios ended as expected.");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).filter(c -> c.contains("suture"))).isEmpty();
    }

    /** A manifest-only jar: `java -jar` on it runs the fake with this test's classpath. */
    private Path fakeServerJar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.put(Attributes.Name.MAIN_CLASS, FakeSutureServer.class.getName());
        attributes.put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).map(p -> Path.of(p).toUri().toString()).collect(Collectors.joining(" ")));
        Path jar = tmp.resolve("fake-suture-server.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(file, manifest)) {
            return jar;
        }
    }
}
