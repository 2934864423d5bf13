package dev.suture.core.judge;

/** Whether Kayenta's IQR outlier filter runs before the test. */
public enum OutlierStrategy {
    KEEP,
    REMOVE
}
