package dev.suture.core.feed;

/** What one read handed to its sink: {@code records} accepted and {@code problems} skipped. */
public record FeedSummary(long records, long problems) {}
