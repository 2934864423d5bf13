package dev.suture.core.registry;

import dev.suture.core.model.Names;
import dev.suture.core.model.Patch;
import dev.suture.core.model.Priority;
import java.util.List;
import java.util.Objects;

/**
 * What the registry copies from the Patch document: its priority and the tickets and CVEs that
 * triggered it (SOP-005: every patch is linked to its issue or vulnerability). Copied, not
 * referenced, so the record shows what was approved even if the document is re-applied later.
 */
public record PatchRef(String patchId, String title, Priority priority, List<String> tickets, List<String> cves) {
  public PatchRef {
    Names.require("patch", patchId);
    Objects.requireNonNull(priority, "priority");
    title = title == null ? patchId : title;
    tickets = List.copyOf(tickets == null ? List.of() : tickets);
    cves = List.copyOf(cves == null ? List.of() : cves);
  }

  public static PatchRef of(Patch p) { return new PatchRef(p.id(), p.title(), p.priority(), p.tickets(), p.cves()); }
}
