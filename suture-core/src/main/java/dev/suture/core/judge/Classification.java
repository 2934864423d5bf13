package dev.suture.core.judge;

/** Per-metric outcome, Kayenta's labels. */
public enum Classification {
    PASS,
    HIGH,
    LOW,
    /** No data and the metric is not required to have it: left out of the score. */
    NODATA,
    /** No data for a mustHaveData metric: counts against the group score. */
    NODATA_FAIL_METRIC;

    public boolean isNoData() {
        return this == NODATA || this == NODATA_FAIL_METRIC;
    }
}
