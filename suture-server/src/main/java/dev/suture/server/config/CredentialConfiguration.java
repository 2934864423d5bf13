package dev.suture.server.config;

import dev.suture.core.port.CredentialStore;
import dev.suture.credentials.FileCredentialStore;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The credential store plans refer to by name: credentials.json in the data directory, the same
 * one {@code suture credentials} writes to. Opened at startup so that a malformed
 * SUTURE_MASTER_KEY or a master.key others can read stops the server instead of the first rollout.
 */
@Configuration(proxyBeanMethods = false)
public class CredentialConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CredentialConfiguration.class);

  @Bean CredentialStore credentialStore(@Value("${suture.data-dir:}") String dataDir, Clock clock) {
    if (dataDir.isBlank()) {
      // only when started without ServerArgs (embedded in a test): nothing to read credentials from
      log.warn("no suture.data-dir: the credential store is empty and read-only");
      return CredentialStore.empty();
    }
    FileCredentialStore store = FileCredentialStore.open(Path.of(dataDir), System.getenv(), clock);
    log.info("credentials: {}", store);
    return store;
  }
}
