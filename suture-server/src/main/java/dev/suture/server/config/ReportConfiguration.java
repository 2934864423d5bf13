package dev.suture.server.config;

import dev.suture.core.change.PromotionPolicy;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.core.report.ReportService;
import dev.suture.core.vuln.FindingViews;
import dev.suture.core.vuln.VulnerabilityService;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reports (docs/reports.md): drift follows {@code suture.promotion.order}; SLA "at risk" uses the SLA
 * policy's at-risk fraction.
 */
@Configuration(proxyBeanMethods = false)
public class ReportConfiguration {
  @Bean ReportService reportService(VulnerabilityService service, FindingViews views, PromotionPolicy promotion, SlaPolicy sla,
                                    Clock clock) {
    return new ReportService(service, views, promotion.chains(), sla.atRiskFraction(), clock);
  }
}
