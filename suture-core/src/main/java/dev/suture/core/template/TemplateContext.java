package dev.suture.core.template;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values {{...}} placeholders may name for one target of one rollout. {@code snapshotId} is
 * the target's snapshot once one was taken (null before), for restore and delete commands.
 */
public record TemplateContext(String rolloutId, Patch patch, Asset target, String snapshotId) {
  public TemplateContext(String rolloutId, Patch patch, Asset target) {
    this(rolloutId, patch, target, null);
  }

  public Optional<String> lookup(String variable) {
    return Optional.ofNullable(switch (variable) {
      case "rollout.id" -> rolloutId;
      case "snapshot.id" -> snapshotId;
      case "patch.id" -> patch.id();
      case "patch.version" -> patch.version();
      case "patch.title" -> patch.title();
      case "target.name" -> target.name();
      case "target.address" -> target.address();
      case "target.environment" -> target.environment();
      default -> variable.startsWith("target.labels.")
          ? target.labels().get(variable.substring("target.labels.".length())) : null;
    });
  }

  /** Flat view, for notifications and tests. */
  public Map<String, String> asMap() {
    Map<String, String> m = new HashMap<>();
    for (String k : new String[] {"rollout.id", "snapshot.id", "patch.id", "patch.version", "patch.title", "target.name", "target.address",
        "target.environment"}) lookup(k).ifPresent(v -> m.put(k, v));
    target.labels().forEach((k, v) -> m.put("target.labels." + k, v));
    return m;
  }
}
