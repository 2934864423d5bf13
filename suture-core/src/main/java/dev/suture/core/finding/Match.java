package dev.suture.core.finding;

import java.util.Objects;
import java.util.Optional;

/**
 * The matcher's statement that an advisory applies to a package on an asset now: the input of
 * {@link FindingReconciler}. {@code installedVersion} is the version the advisory was evaluated at
 * (the source package's on Debian), {@code why} the evaluator's explanation.
 */
public record Match(FindingKey key, String ecosystem, String installedVersion, Optional<String> fixedVersion, String why) {
  public Match {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(installedVersion, "installedVersion");
    Objects.requireNonNull(fixedVersion, "fixedVersion");
    why = why == null ? "" : why;
  }
}
