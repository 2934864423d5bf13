package dev.suture.server.config;

import dev.suture.core.change.ChangeDecisions;
import dev.suture.core.change.ChangePolicy;
import dev.suture.core.change.ChangeService;
import dev.suture.core.change.FreezeCheck;
import dev.suture.core.change.PromotionPolicy;
import dev.suture.core.change.RolloutAdmission;
import dev.suture.core.change.RolloutStarter;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.doc.Durations;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.store.JdbcChangeRequestStore;
import dev.suture.store.JdbcPromotionHistory;
import dev.suture.store.Store;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Change requests and rollout admission. Properties: suture.change.quorum (2),
 * suture.change.standard-plans, suture.change.on-call (comma-separated user names),
 * suture.change.review-due (48h), suture.change.review-sweep (1m), suture.promotion.order
 * (staging,production; chains separated by ';'), suture.promotion.soak (env=duration,...),
 * suture.promotion.protected (production).
 */
@Configuration(proxyBeanMethods = false)
public class ChangeConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ChangeConfiguration.class);

  @Bean ChangePolicy changePolicy(@Value("${suture.change.quorum:2}") int quorum, @Value("${suture.change.standard-plans:}") String standard,
                                  @Value("${suture.change.on-call:}") String onCall, @Value("${suture.change.review-due:48h}") String reviewDue) {
    return new ChangePolicy(quorum, names(standard), names(onCall), Durations.parse(reviewDue));
  }

  @Bean PromotionPolicy promotionPolicy(@Value("${suture.promotion.order:staging,production}") String order,
                                        @Value("${suture.promotion.soak:}") String soak,
                                        @Value("${suture.promotion.protected:production}") String protectedEnvironments) {
    return PromotionPolicy.parse(order, soak, protectedEnvironments);
  }

  /** Takes the Store so that its Flyway migration (V4 creates these tables) has run first. */
  @Bean JdbcChangeRequestStore changeRequestStore(DataSource dataSource, Clock clock, Store migrated) {
    return JdbcChangeRequestStore.on(dataSource, clock);
  }

  /**
   * Freezes come from whichever bean implements {@link FreezeCheck} (the freeze documents); with
   * none configured nothing is frozen, and the log says so rather than pretending otherwise.
   */
  @Bean ChangeService changeService(JdbcChangeRequestStore store, ChangePolicy policy, ObjectProvider<FreezeCheck> freezes, Clock clock) {
    FreezeCheck check = freezes.getIfAvailable(() -> {
      log.info("no freeze source configured: change requests are not checked against freezes");
      return FreezeCheck.NONE;
    });
    return new ChangeService(store, new ChangeDecisions(policy, check), clock);
  }

  @Bean RolloutStarter rolloutStarter(RolloutEngine engine, ChangeService changes, DataSource dataSource, DocumentParser parser,
                                      PromotionPolicy promotion, Clock clock, Store migrated) {
    return new RolloutStarter(engine, changes, JdbcPromotionHistory.on(dataSource, parser), new RolloutAdmission(promotion), clock);
  }

  @Bean(destroyMethod = "close") ReviewSweeper reviewSweeper(ChangeService changes,
                                                             @Value("${suture.change.review-sweep:1m}") String period) {
    return new ReviewSweeper(changes, Durations.parse(period));
  }

  private static Set<String> names(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }
}
