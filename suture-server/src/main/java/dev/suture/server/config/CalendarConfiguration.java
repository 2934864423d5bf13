package dev.suture.server.config;

import dev.suture.core.change.CalendarFreezes;
import dev.suture.core.change.FreezeCheck;
import dev.suture.core.change.ReviewObligations;
import dev.suture.core.registry.ObligationSource;
import dev.suture.store.JdbcChangeRequestStore;
import dev.suture.core.window.Opening;
import dev.suture.store.Store;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Maintenance windows and freezes feeding change requests (freezes) and the SLA policy (routine = next window). */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {
  @Bean FreezeCheck freezeCheck(Store store) { return new CalendarFreezes(store.calendar()); }

  /** Emergency change requests' post-hoc reviews, listed in the SLA report next to patch SLAs. */
  @Bean ObligationSource reviewObligations(JdbcChangeRequestStore changes) { return new ReviewObligations(changes); }

  /**
   * Routine patches are due by the end of the next maintenance window that opens after they are
   * proposed (SOP-005: "next scheduled window"); empty when no window is defined.
   */
  @Bean Function<Instant, Optional<Instant>> nextWindowOpening(Store store) {
    return t -> store.calendar().windows().stream().flatMap(w -> w.nextOpening(t).stream())
        .min(Comparator.comparing(Opening::start)).map(Opening::end);
  }
}
