package dev.suture.core.finding;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An advisory matched to an asset's installed package, with its lifecycle.
 *
 * @param ecosystem the ecosystem with release the match was made in (e.g. {@code Debian:12})
 * @param installedVersion the affected version last seen installed
 * @param fixedVersion the version that fixes it on this ecosystem, when the advisory names one
 * @param firstSeen when the finding was first opened (kept across reopenings)
 * @param fixAvailableSince when a fixed version was first known for it
 * @param remediatedAt when it was last remediated; empty while it applies
 * @param exception the accepted risk, while the state is ACCEPTED_RISK
 * @param version optimistic-concurrency version of the stored row
 */
public record Finding(FindingKey key, String ecosystem, String installedVersion, Optional<String> fixedVersion,
                      FindingState state, Instant firstSeen, Optional<Instant> fixAvailableSince,
                      Optional<Instant> remediatedAt, Optional<RiskException> exception, long version) {
  public Finding {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(installedVersion, "installedVersion");
    Objects.requireNonNull(fixedVersion, "fixedVersion");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(fixAvailableSince, "fixAvailableSince");
    Objects.requireNonNull(remediatedAt, "remediatedAt");
    Objects.requireNonNull(exception, "exception");
    if (state == FindingState.ACCEPTED_RISK && exception.isEmpty())
      throw new IllegalArgumentException("an accepted-risk finding needs its exception (approver, reason, expiry)");
  }

  /** A finding first seen now. */
  public static Finding open(FindingKey key, String ecosystem, String installed, Optional<String> fixed, Instant now) {
    return new Finding(key, ecosystem, installed, fixed, FindingState.OPEN, now, fixed.map(f -> now),
        Optional.empty(), Optional.empty(), 0);
  }

  public Finding withState(FindingState next, Optional<RiskException> exception, Optional<Instant> remediatedAt) {
    return new Finding(key, ecosystem, installedVersion, fixedVersion, state.transitionTo(next), firstSeen,
        fixAvailableSince, remediatedAt, exception, version);
  }

  /** The same finding seen again at {@code installed}, fixed by {@code fixed} (a fix may appear later). */
  public Finding seenAt(String installed, Optional<String> fixed, Instant now) {
    Optional<Instant> since = fixAvailableSince.isPresent() ? fixAvailableSince : fixed.map(f -> now);
    return new Finding(key, ecosystem, installed, fixed.isPresent() ? fixed : fixedVersion, state, firstSeen, since,
        remediatedAt, exception, version);
  }

  public Finding withVersion(long v) {
    return new Finding(key, ecosystem, installedVersion, fixedVersion, state, firstSeen, fixAvailableSince,
        remediatedAt, exception, v);
  }
}
