package dev.suture.core.judge;

/** What to do with NaN samples (a scrape that returned no value): Kayenta's {@code nanStrategy}. */
public enum NanStrategy {
    /** Drop them; a series left empty is "no data". */
    REMOVE,
    /** Count them as 0 (for counters where "absent" means "none happened"). */
    REPLACE
}
