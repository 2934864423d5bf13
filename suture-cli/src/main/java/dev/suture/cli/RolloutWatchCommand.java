package dev.suture.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `suture rollout watch ID`: live progress until the rollout ends (or halts). */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follow a rollout live until it ends or halts.",
                "Exit 0 when it SUCCEEDED, 2 when it ended ROLLED_BACK, HALTED, ROLLBACK_FAILED or ABORTED."})
public final class RolloutWatchCommand extends ClientCommand {

    @Parameters(paramLabel = "ID", description = "Rollout id")
    String id;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        LiveRenderer renderer = new LiveRenderer(out(), terminal, zone(), null, "  ");
        RolloutView end = RolloutWatcher.of(api(), renderer).watch(id, null);
        out().println("rollout " + end.id() + " " + end.state()
                + (end.haltReason() != null ? ": " + end.haltReason() : "")
                + (end.incident() != null ? " (incident " + end.incident().id() + " " + end.incident().priority() + ")"
                        : ""));
        out().flush();
        return RolloutStates.watchExitCode(end.state());
    }
}
