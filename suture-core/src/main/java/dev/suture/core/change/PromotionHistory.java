package dev.suture.core.change;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Port: where a patch has already succeeded, which is what the promotion order is checked against. */
public interface PromotionHistory {
  /** One environment a patch succeeded in: at least one target there, in a rollout that SUCCEEDED at {@code at}. */
  record Success(String environment, String patchVersion, String rolloutId, Instant at) {
    public Success {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(rolloutId, "rolloutId");
      Objects.requireNonNull(at, "at");
    }
  }

  List<Success> successes(String patchId);
}
