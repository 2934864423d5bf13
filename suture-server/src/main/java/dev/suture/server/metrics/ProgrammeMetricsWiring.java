package dev.suture.server.metrics;

import dev.suture.core.report.ReportService;
import dev.suture.store.JdbcPatchRegistry;
import dev.suture.store.JdbcProgrammeRecords;
import dev.suture.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/** Builds the exporter and its loader (the configuration package sees only this). */
public final class ProgrammeMetricsWiring {
  private ProgrammeMetricsWiring() {}

  public static ProgrammeMetricsExporter exporter(Store store, JdbcProgrammeRecords reader, JdbcPatchRegistry registry,
                                                  MeterRegistry meters, Clock clock, Duration interval, Duration window,
                                                  Duration verifyInterval, ReportService reports) {
    return new ProgrammeMetricsExporter(new ProgrammeRecordsLoader(store, reader, registry, clock, window, reports), store.audit(), meters,
        clock, interval, verifyInterval);
  }
}
