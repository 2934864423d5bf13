package dev.suture.cli;

/** Process exit codes; scripts rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An API error, a validation failure, a broken audit chain. */
    public static final int ERROR = 1;
    /** `rollout watch`: the rollout ended in anything but SUCCEEDED. */
    public static final int ROLLOUT_FAILED = 2;
    /** The server could not be reached. */
    public static final int UNREACHABLE = 3;
    /** Bad command line (EX_USAGE), kept apart from 2 so scripts can trust "2 = rollout failed". */
    public static final int USAGE = 64;

    private ExitCodes() {}
}
