package dev.suture.cli;

import java.util.List;
import java.util.Set;

/** State names from docs/api.md, as the CLI needs them. */
public final class RolloutStates {

    public static final Set<String> TERMINAL = Set.of("SUCCEEDED", "ROLLED_BACK", "ROLLBACK_FAILED", "ABORTED");

    /** Target states that count as done for the progress bar. */
    public static final Set<String> FINISHED_TARGET =
            Set.of("HEALTHY", "FAILED", "SKIPPED", "ROLLED_BACK", "ROLLBACK_FAILED");

    /** Display order of per-state counts: the path a target takes. */
    public static final List<String> TARGET_ORDER = List.of("PENDING", "SNAPSHOTTING", "APPLYING", "VERIFYING",
            "HEALTHY", "SKIPPED", "FAILED", "ROLLING_BACK", "ROLLED_BACK", "ROLLBACK_FAILED");

    private RolloutStates() {}

    /** `rollout watch` stops at a terminal state, and at HALTED, which waits for an operator. */
    public static boolean endsWatch(String state) {
        return TERMINAL.contains(state) || "HALTED".equals(state);
    }

    public static int watchExitCode(String state) {
        return "SUCCEEDED".equals(state) ? ExitCodes.OK : ExitCodes.ROLLOUT_FAILED;
    }
}
