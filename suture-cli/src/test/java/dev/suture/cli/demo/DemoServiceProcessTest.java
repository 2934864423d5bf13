package dev.suture.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo service as a real child process: it must not outlive the process that started it. */
class DemoServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void exitsWhenItsParentDies() throws Exception {
        Files.writeString(dir.resolve("version"), "1.0.0");
        int port = Ports.free(1).get(0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String service = String.join(" ", List.of(java, "-Xmx24m", "-XX:TieredStopAtLevel=1", "-cp",
                "'" + System.getProperty("java.class.path") + "'", DemoService.class.getName(),
                "--port", Integer.toString(port), "--dir", "'" + dir + "'", "--parent-pid", "$$"));
        // sh starts the service in the background, prints its pid, lets it boot, and exits: the service
        // loses its parent. --parent-pid names the shell, as the demo's orchestrator does, so a JVM slow to
        // boot (a loaded machine) cannot miss the moment and take init for its parent.
        Process shell = new ProcessBuilder("sh", "-c", service + " >/dev/null 2>&1 & echo $!; sleep 1").start();
        long pid = Long.parseLong(new String(shell.getInputStream().readAllBytes()).trim());
        shell.waitFor();
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid);
        try {
            assertThat(orphan).isPresent();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (orphan.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(orphan.get().isAlive()).as("service outlived its parent").isFalse();
        } finally {
            orphan.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void doesNotStartWhenTheGivenParentIsAlreadyGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process service = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                DemoService.class.getName(), "--port", "0", "--dir", dir.toString(),
                "--parent-pid", Long.toString(gone.pid())).redirectErrorStream(true).start();

        assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(service.getInputStream().readAllBytes())).contains("parent process is already gone");
    }
}
