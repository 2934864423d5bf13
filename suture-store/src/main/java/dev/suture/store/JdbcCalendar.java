package dev.suture.store;

import dev.suture.core.doc.DocumentKind;
import dev.suture.core.port.Calendar;
import dev.suture.core.port.DocumentStore;
import dev.suture.core.window.Freeze;
import dev.suture.core.window.MaintenanceWindow;
import java.util.List;
import java.util.Optional;

/**
 * Windows and freezes as applied documents (kinds MaintenanceWindow and Freeze). Read on every
 * call: the engine asks at batch starts and while waiting, which is rare next to target writes.
 */
public final class JdbcCalendar implements Calendar {
  private final DocumentStore documents;

  JdbcCalendar(DocumentStore documents) { this.documents = documents; }

  @Override public Optional<MaintenanceWindow> window(String name) {
    return documents.find(DocumentKind.MAINTENANCE_WINDOW, name).map(d -> d.as(MaintenanceWindow.class));
  }

  @Override public List<MaintenanceWindow> windows() {
    return documents.list(DocumentKind.MAINTENANCE_WINDOW).stream().map(d -> d.as(MaintenanceWindow.class)).toList();
  }

  @Override public List<Freeze> freezes() {
    return documents.list(DocumentKind.FREEZE).stream().map(d -> d.as(Freeze.class)).toList();
  }
}
