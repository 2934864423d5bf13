package dev.suture.core.finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns what the matcher says now into finding changes, given the findings already stored.
 *
 * <p>Evidence moves findings, people's decisions are kept: a match with no finding opens one; a
 * REMEDIATED finding that matches again is reopened (history kept, same first-seen); a finding in any
 * other state is only refreshed (installed and fixed version). A finding that no longer matches is
 * REMEDIATED — the inventory shows a fixed version or the package is gone — whatever its state, since
 * an exception or a false-positive verdict about a package that is no longer vulnerable has nothing left
 * to cover. A withdrawn advisory's findings become FALSE_POSITIVE: the publisher said it was wrong.
 *
 * <p>The reconciler is told which findings the new evidence covers ({@code scope}): after one host's
 * inventory changed, that host's findings; after one advisory changed, that advisory's findings. Findings
 * outside the scope are not touched, so a partial view never remediates what it did not look at.
 */
public final class FindingReconciler {
  /** The actor of changes evidence made: an inventory or a feed, not a person. */
  public static final String INVENTORY_ACTOR = "system:inventory";
  public static final String FEED_ACTOR = "system:feed";

  /** What to store: new and changed findings (version 0 = new) and their history lines. */
  public record Result(List<Finding> upserts, List<FindingChange> changes) {
    public Result {
      upserts = List.copyOf(upserts);
      changes = List.copyOf(changes);
    }

    public boolean isEmpty() { return upserts.isEmpty(); }

    public long count(FindingState to) { return changes.stream().filter(c -> c.to() == to).count(); }
  }

  /**
   * @param matches every current match within the scope
   * @param existing the stored findings within the scope (others are ignored)
   * @param inScope which stored findings the matches speak for
   * @param actor who the evidence came from ({@link #INVENTORY_ACTOR} or {@link #FEED_ACTOR})
   */
  public Result reconcile(Collection<Match> matches, Collection<Finding> existing, Predicate<FindingKey> inScope,
                          String actor, Instant now) {
    Map<FindingKey, Match> current = new LinkedHashMap<>();
    for (Match m : matches) current.putIfAbsent(m.key(), m);
    Map<FindingKey, Finding> stored = new LinkedHashMap<>();
    for (Finding f : existing) if (inScope.test(f.key())) stored.put(f.key(), f);

    List<Finding> upserts = new ArrayList<>();
    List<FindingChange> changes = new ArrayList<>();
    for (Match m : current.values()) {
      Finding f = stored.get(m.key());
      if (f == null) {
        upserts.add(Finding.open(m.key(), m.ecosystem(), m.installedVersion(), m.fixedVersion(), now));
        changes.add(new FindingChange(m.key(), Optional.empty(), FindingState.OPEN, actor, now, opened(m)));
        continue;
      }
      Finding seen = f.seenAt(m.installedVersion(), m.fixedVersion(), now);
      if (f.state() == FindingState.REMEDIATED) {
        upserts.add(seen.withState(FindingState.OPEN, Optional.empty(), Optional.empty()));
        changes.add(new FindingChange(m.key(), Optional.of(f.state()), FindingState.OPEN, actor, now,
            "affected again: " + opened(m)));
      } else if (!seen.equals(f)) {
        upserts.add(seen);
      }
    }
    for (Finding f : stored.values()) {
      if (current.containsKey(f.key()) || f.state() == FindingState.REMEDIATED) continue;
      upserts.add(f.withState(FindingState.REMEDIATED, Optional.empty(), Optional.of(now)));
      changes.add(new FindingChange(f.key(), Optional.of(f.state()), FindingState.REMEDIATED, actor, now,
          noLongerAffected(f, actor)));
    }
    return new Result(upserts, changes);
  }

  /** A withdrawn advisory: every finding of it that is not already closed becomes a false positive. */
  public Result withdrawn(String advisoryId, Collection<Finding> existing, Instant now) {
    List<Finding> upserts = new ArrayList<>();
    List<FindingChange> changes = new ArrayList<>();
    for (Finding f : existing) {
      if (!f.key().advisoryId().equals(advisoryId)) continue;
      if (f.state() == FindingState.REMEDIATED || f.state() == FindingState.FALSE_POSITIVE) continue;
      upserts.add(f.withState(FindingState.FALSE_POSITIVE, Optional.empty(), Optional.empty()));
      changes.add(new FindingChange(f.key(), Optional.of(f.state()), FindingState.FALSE_POSITIVE, FEED_ACTOR, now,
          "advisory " + advisoryId + " was withdrawn by its publisher"));
    }
    return new Result(upserts, changes);
  }

  /** Accepted risks past their expiry go back to OPEN: an exception never silently lasts forever. */
  public Result expire(Collection<Finding> existing, Instant now) {
    List<Finding> upserts = new ArrayList<>();
    List<FindingChange> changes = new ArrayList<>();
    for (Finding f : existing) {
      if (f.state() != FindingState.ACCEPTED_RISK) continue;
      RiskException e = f.exception().orElseThrow();
      if (e.expiresAt().isAfter(now)) continue;
      upserts.add(f.withState(FindingState.OPEN, Optional.empty(), Optional.empty()));
      changes.add(new FindingChange(f.key(), Optional.of(f.state()), FindingState.OPEN, "system:exception-expiry", now,
          "accepted risk approved by " + e.approver() + " expired at " + e.expiresAt()));
    }
    return new Result(upserts, changes);
  }

  private static String noLongerAffected(Finding f, String actor) {
    String what = f.key().packageName() + " " + f.installedVersion();
    return FEED_ACTOR.equals(actor)
        ? "no longer affected: the changed advisory no longer covers " + what
        : "no longer affected: " + what + " is no longer installed" + f.fixedVersion().map(v -> " (fixed in " + v + ")").orElse("");
  }

  private static String opened(Match m) {
    return m.key().packageName() + " " + m.installedVersion() + " on " + m.ecosystem()
        + m.fixedVersion().map(v -> ", fixed in " + v).orElse(", no fixed version published")
        + (m.why().isBlank() ? "" : " (" + m.why() + ")");
  }
}
