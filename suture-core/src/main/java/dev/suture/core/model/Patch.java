package dev.suture.core.model;

import java.util.List;
import java.util.Objects;

/** A targeted change: what to roll out, why (tickets, CVEs) and how urgent. */
public record Patch(String id, String title, PatchKind kind, PatchForm form, Priority priority,
                    String version, List<String> tickets, List<String> cves) {
  public Patch {
    Names.require("metadata.name", id);
    Objects.requireNonNull(kind, "kind");
    form = form == null ? PatchForm.PATCH : form;
    Objects.requireNonNull(priority, "priority");
    if (version == null || version.isBlank()) throw new IllegalArgumentException("spec.version is required");
    title = title == null ? id : title;
    tickets = List.copyOf(tickets == null ? List.of() : tickets);
    cves = List.copyOf(cves == null ? List.of() : cves);
  }
}
