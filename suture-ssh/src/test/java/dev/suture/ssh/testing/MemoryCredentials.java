package dev.suture.ssh.testing;

import dev.suture.core.port.Credential;
import dev.suture.core.port.CredentialStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Credentials kept in memory, for tests and benchmarks that do not exercise encryption at rest. */
public final class MemoryCredentials implements CredentialStore {
  private final Map<String, Credential> byName = new ConcurrentHashMap<>();

  @Override public Optional<Credential> find(String name) { return Optional.ofNullable(byName.get(name)); }

  @Override public List<Info> list() {
    return byName.values().stream().map(c -> new Info(c.name(), c.type(), c.fingerprint(), Instant.EPOCH)).toList();
  }

  @Override public Info put(String name, String type, byte[] secret) {
    byName.put(name, new Credential(name, type, secret, "test:" + name));
    return new Info(name, type, "test:" + name, Instant.EPOCH);
  }

  @Override public boolean remove(String name) { return byName.remove(name) != null; }
}
