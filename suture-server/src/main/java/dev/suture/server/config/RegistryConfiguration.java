package dev.suture.server.config;

import dev.suture.core.doc.Durations;
import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.store.JdbcIncidentReviews;
import dev.suture.store.JdbcPatchRegistry;
import dev.suture.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Governance wiring: the patch registry, its SLA policy and sweep, incident reviews.
 *
 * <p>Routine patches are due at the next maintenance window: whoever provides windows registers a
 * {@code Function<Instant, Optional<Instant>>} bean named {@code nextWindowOpening}; without one
 * the routine fallback applies.
 */
@Configuration(proxyBeanMethods = false)
public class RegistryConfiguration {
  @Bean SlaPolicy slaPolicy(@Value("${suture.sla.emergency:24h}") String emergency, @Value("${suture.sla.high:7d}") String high,
                            @Value("${suture.sla.routine-fallback:30d}") String routineFallback,
                            @Qualifier("nextWindowOpening") ObjectProvider<Function<Instant, Optional<Instant>>> nextWindowOpening) {
    return new SlaPolicy(duration("suture.sla.emergency", emergency), duration("suture.sla.high", high),
        duration("suture.sla.routine-fallback", routineFallback), nextWindowOpening.getIfAvailable(() -> t -> Optional.empty()),
        SlaPolicy.DEFAULT_AT_RISK_FRACTION);
  }

  /** Depends on {@link Store} so Flyway has migrated the schema before the registry is used. */
  @Bean JdbcPatchRegistry patchRegistry(Store store, DataSource dataSource, Clock clock, SlaPolicy policy) {
    return JdbcPatchRegistry.on(dataSource, clock, policy);
  }

  @Bean JdbcIncidentReviews incidentReviews(Store store, DataSource dataSource, Clock clock) {
    return JdbcIncidentReviews.on(dataSource, clock);
  }

  @Bean(destroyMethod = "close") SlaSweeper slaSweeper(JdbcPatchRegistry registry,
                                                       @Value("${suture.sla.sweep-interval:1m}") String interval) {
    return new SlaSweeper(registry, duration("suture.sla.sweep-interval", interval));
  }

  /** The sweep starts once the server is up, like the engine. */
  @Bean SweepStarter slaSweepStarter(SlaSweeper sweeper) { return new SweepStarter(sweeper); }

  public record SweepStarter(SlaSweeper sweeper) {
    @EventListener(ApplicationReadyEvent.class)
    public void start() { sweeper.start(); }
  }

  static Duration duration(String property, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw InvalidFieldsException.of(property, e.getMessage());
    }
  }
}
