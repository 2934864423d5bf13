package dev.suture.core.vuln;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "is this installed version affected by this advisory", with the reason, because a
 * finding nobody can explain is a finding nobody trusts: the findings UI shows {@link #why()} and points
 * at {@link #path()} in the advisory.
 *
 * @param outcome AFFECTED, NOT_AFFECTED, or UNDECIDED when Suture cannot order the versions (no scheme
 *     for the ecosystem, or the installed version is not valid in it) and no versions[] entry matched
 * @param path the JSON path of the deciding element: the introduced event that opened the affected
 *     window, the versions[] entry, the fixed/last_affected event that closed it; empty when no entry
 *     applied to the package at all
 * @param why one sentence for humans
 * @param fixed the version that fixes it, when the deciding range names one
 */
public record OsvVerdict(String recordId, Outcome outcome, String path, String why, Optional<String> fixed) {
  public enum Outcome { AFFECTED, NOT_AFFECTED, UNDECIDED }

  public OsvVerdict {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(fixed, "fixed");
  }

  public boolean affected() { return outcome == Outcome.AFFECTED; }
}
