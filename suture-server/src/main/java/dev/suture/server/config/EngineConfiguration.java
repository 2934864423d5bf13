package dev.suture.server.config;

import dev.suture.command.CommandCheckRunner;
import dev.suture.command.CommandExecutor;
import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.Adapters;
import dev.suture.core.engine.EngineConfig;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.port.Calendar;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.port.CredentialStore;
import dev.suture.core.port.Notifier;
import dev.suture.core.port.TargetExecutor;
import dev.suture.http.HttpCheckRunner;
import dev.suture.http.WebhookNotifier;
import dev.suture.prometheus.BurnRateCheckRunner;
import dev.suture.prometheus.JudgeCheckRunner;
import dev.suture.prometheus.PrometheusCheckRunner;
import dev.suture.prometheus.PrometheusClient;
import dev.suture.ssh.SshExecutor;
import dev.suture.store.Store;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Wires the core engine to its adapters. Adapters are collected by type into {@link Adapters}. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {
  @Bean Clock clock() { return Clock.systemUTC(); }

  @Bean TargetExecutor commandExecutor() { return new CommandExecutor(); }

  /**
   * Executor {@code ssh}. Its default known_hosts is the data dir's (a server should not trust
   * whatever its Unix user's ~/.ssh holds); first-seen keys accepted under hostKeyPolicy
   * accept-new are audited. The store is looked up lazily: it needs the document parser, which
   * needs the list of executors, this one included.
   */
  @Bean(destroyMethod = "close") SshExecutor sshExecutor(CredentialStore credentials, @Value("${suture.data-dir:}") String dataDir,
                                                         ObjectProvider<Store> store) {
    Path knownHosts = dataDir.isBlank() ? Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")
        : Path.of(dataDir, "known_hosts");
    return new SshExecutor(credentials, knownHosts, (host, port, fingerprint, file) ->
        store.getObject().audit().append(List.of(AuditRecord.of("engine:ssh", "ssh.hostkey.accepted", "host/" + host + ":" + port,
            "fingerprint", fingerprint, "knownHosts", file.toString(), "policy", "accept-new"))));
  }

  @Bean CheckRunner commandCheckRunner() { return new CommandCheckRunner(); }

  @Bean CheckRunner httpCheckRunner() { return new HttpCheckRunner(); }

  @Bean CheckRunner prometheusCheckRunner(Clock clock) { return new PrometheusCheckRunner(new PrometheusClient(), clock); }

  /** Rollout-level checks over Prometheus: canary versus baseline, and the SLO burn rate. */
  @Bean CheckRunner judgeCheckRunner() { return new JudgeCheckRunner(new PrometheusClient()); }

  @Bean CheckRunner burnRateCheckRunner() { return new BurnRateCheckRunner(new PrometheusClient()); }

  @Bean Notifier webhookNotifier() { return new WebhookNotifier(); }

  /** The calendar (maintenance windows, freezes) lives in the store, which needs the parser, which needs these adapters. */
  @Bean Adapters adapters(List<TargetExecutor> executors, List<CheckRunner> checks, Optional<Notifier> notifier,
                          ObjectProvider<Store> store) {
    return new Adapters(executors, checks, notifier, Calendar.deferred(() -> store.getObject().calendar()));
  }

  @Bean DocumentParser documentParser(Adapters adapters) { return new DocumentParser(adapters.executorTypes()); }

  @Bean(destroyMethod = "close") Store store(DataSource dataSource, Clock clock, DocumentParser parser) {
    return Store.on(dataSource, clock, parser);
  }

  @Bean(destroyMethod = "close") RolloutEngine rolloutEngine(Store store, Adapters adapters, Clock clock,
      @Value("${suture.node-id:}") String nodeId, @Value("${spring.datasource.url}") String dbUrl) {
    String owner = nodeId.isBlank() ? defaultNodeId(dbUrl) : nodeId;
    return new RolloutEngine(store.rollouts(), store.audit(), adapters, clock, EngineConfig.defaults(owner));
  }

  /**
   * Stable across restarts of the same node (same host, same database), so a restarted node takes
   * its own leases back at once instead of waiting for them to expire.
   */
  static String defaultNodeId(String dbUrl) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "#" + Integer.toHexString(dbUrl.hashCode());
  }

  /** Resume rollouts only once the server is fully up. */
  @Bean EngineStarter engineStarter(RolloutEngine engine) { return new EngineStarter(engine); }

  public record EngineStarter(RolloutEngine engine) {
    @EventListener(ApplicationReadyEvent.class)
    public void start() { engine.start(); }
  }
}
