package dev.suture.cli;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `suture rollout watch ID`: live progress until the rollout ends (or halts). */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follow a rollout live until it ends or halts.",
                "Exit 0 when it SUCCEEDED, 2 when it ended ROLLED_BACK, HALTED, ROLLBACK_FAILED or ABORTED.",
                "With -o json nothing is drawn; the final rollout detail is printed when it ends."})
public final class RolloutWatchCommand extends ClientCommand {

    @Parameters(paramLabel = "ID", description = "Rollout id")
    String id;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        ApiClient api = api();
        PrintWriter sink = output.json() ? new PrintWriter(Writer.nullWriter()) : out();
        LiveRenderer renderer = new LiveRenderer(sink, terminal(), zone(), null, "  ");
        RolloutView end = RolloutWatcher.of(api, renderer).watch(id, null);
        if (output.json()) {
            printRaw(api.get(RolloutCommand.path(id), "rollout", id).body());
        } else {
            out().println("rollout " + end.id() + " " + end.state()
                    + (end.haltReason() != null ? ": " + end.haltReason() : "")
                    + (end.incident() != null
                            ? " (incident " + end.incident().id() + " " + end.incident().priority() + ")" : ""));
            out().flush();
        }
        return RolloutStates.watchExitCode(end.state());
    }
}
