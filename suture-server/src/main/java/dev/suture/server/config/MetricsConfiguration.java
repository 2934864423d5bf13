package dev.suture.server.config;

import dev.suture.core.report.ReportService;
import dev.suture.server.metrics.ProgrammeMetricsExporter;
import dev.suture.server.metrics.ProgrammeMetricsWiring;
import dev.suture.store.JdbcPatchRegistry;
import dev.suture.store.JdbcProgrammeRecords;
import dev.suture.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Programme metrics M1–M10 and rollout progress at /actuator/prometheus (docs/metrics.md).
 * {@code suture.metrics.interval} (30s) how often they are computed, {@code suture.metrics.window}
 * (30d) what rates and means cover, {@code suture.metrics.audit-verify-interval} (10m) how often
 * the audit chain is re-verified for M10.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {
  /** Depends on {@link Store} so Flyway has migrated the schema first. */
  @Bean JdbcProgrammeRecords programmeRecords(Store store, DataSource dataSource) { return JdbcProgrammeRecords.on(dataSource); }

  @Bean(destroyMethod = "close") ProgrammeMetricsExporter programmeMetricsExporter(Store store, JdbcProgrammeRecords reader,
      JdbcPatchRegistry registry, MeterRegistry meters, Clock clock, @Value("${suture.metrics.interval:30s}") String interval,
      @Value("${suture.metrics.window:30d}") String window, @Value("${suture.metrics.audit-verify-interval:10m}") String verify,
      ReportService reports) {
    return ProgrammeMetricsWiring.exporter(store, reader, registry, meters, clock,
        RegistryConfiguration.duration("suture.metrics.interval", interval), RegistryConfiguration.duration("suture.metrics.window", window),
        RegistryConfiguration.duration("suture.metrics.audit-verify-interval", verify), reports);
  }

  @Bean MetricsStarter metricsStarter(ProgrammeMetricsExporter exporter) { return new MetricsStarter(exporter); }

  public record MetricsStarter(ProgrammeMetricsExporter exporter) {
    @EventListener(ApplicationReadyEvent.class)
    public void start() { exporter.start(); }
  }
}
