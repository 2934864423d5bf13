package dev.suture.core.port;

import java.util.List;
import java.util.Optional;

/** Port: named secrets, stored encrypted at rest. Listing never returns secrets. */
public interface CredentialStore {
  /** Name, type and fingerprint of a stored credential: everything that may be shown. */
  record Info(String name, String type, String fingerprint, java.time.Instant created) {}

  Optional<Credential> find(String name);

  List<Info> list();

  /** Adds or replaces; returns the stored info. */
  Info put(String name, String type, byte[] secret);

  /** @return false when no credential had that name. */
  boolean remove(String name);

  /** A store with nothing in it (tests, or a server started without a data dir). */
  static CredentialStore empty() {
    return new CredentialStore() {
      @Override public Optional<Credential> find(String name) { return Optional.empty(); }
      @Override public List<Info> list() { return List.of(); }
      @Override public Info put(String name, String type, byte[] secret) { throw new UnsupportedOperationException("read-only empty credential store"); }
      @Override public boolean remove(String name) { return false; }
    };
  }
}
