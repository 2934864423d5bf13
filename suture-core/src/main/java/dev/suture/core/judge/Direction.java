package dev.suture.core.judge;

/** Which way a metric may fail: Kayenta's {@code direction}. */
public enum Direction {
    /** Only a rise fails (latency, errors). */
    INCREASE,
    /** Only a drop fails (throughput, success rate). */
    DECREASE,
    EITHER
}
