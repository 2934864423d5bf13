package dev.suture.core.engine;

import dev.suture.core.doc.Document;
import dev.suture.core.model.Asset;
import java.util.List;

/** What a rollout is created from: the plan and patch documents as stored, and the fleet. */
public record RolloutRequest(Document plan, Document patch, List<Asset> fleet, String actor) {
  public RolloutRequest { fleet = List.copyOf(fleet); }
}
