package dev.suture.core.incident;

import java.time.LocalDate;

/**
 * A follow-up from a post-mortem. Owner and due date may be left empty while the post-mortem is a
 * draft; {@link Postmortem#problems()} insists on them before the incident can close, because an
 * action item nobody owns is not going to happen.
 */
public record ActionItem(String description, String owner, LocalDate due, boolean done) {
  public ActionItem {
    description = description == null ? "" : description.strip();
    owner = owner == null || owner.isBlank() ? null : owner.strip();
  }
}
