package dev.suture.cli.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every process the demo starts, and the guarantee that none outlives it: {@link #close()} runs
 * on normal exit and from a shutdown hook (Ctrl-C, SIGTERM), and takes their descendants too
 * (commands the server spawned). The demo services also exit by themselves if this JVM is killed.
 */
final class ChildProcesses implements AutoCloseable {

    private final List<Process> children = new CopyOnWriteArrayList<>();
    private final Duration grace;
    private boolean closed;

    ChildProcesses(Duration grace) {
        this.grace = grace;
    }

    synchronized Process start(ProcessBuilder builder) throws IOException {
        if (closed) {
            throw new IOException("shutting down: not starting " + builder.command().get(0));
        }
        Process process = builder.start();
        children.add(process);
        return process;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (Process child : children) {
            child.descendants().forEach(all::add);
            all.add(child.toHandle());
        }
        ProcessHandle.current().descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> survivors = new ArrayList<>();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                survivors.add(handle);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                survivors.add(handle);
            }
        }
        // SIGTERM was ignored or too slow: no orphans, whatever it takes
        survivors.forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
