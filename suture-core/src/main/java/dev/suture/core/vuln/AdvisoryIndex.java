package dev.suture.core.vuln;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OSV records indexed by (ecosystem without its release, package name), so that matching an installed
 * package looks only at the advisories that name it. The release is left out of the key on purpose: an
 * advisory for plain "Debian" applies to every Debian release, and {@link OsvEvaluator} decides per
 * entry whether "Debian:12" applies to a host (it never applies to Debian 11 or Alpine).
 *
 * <p>Thread-safe for one writer and many readers: writers are serialised, and each key's list is
 * replaced by a new immutable list (copy-on-write), so a reader sees either the old or the new list of a
 * key, never a half-updated one. A reader running during a replace may see the old record under one key
 * and the new under another; the next read is consistent.
 */
public final class AdvisoryIndex {
  private final Map<Key, List<OsvRecord>> byKey = new ConcurrentHashMap<>();
  private final Map<String, OsvRecord> byId = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();

  /** The index key: the OSV ecosystem's base name in lower case (OSV names never differ by case only) and the package. */
  public record Key(String ecosystem, String packageName) {
    public Key {
      Objects.requireNonNull(ecosystem, "ecosystem");
      Objects.requireNonNull(packageName, "packageName");
    }

    /** The key for an ecosystem with or without release ("Debian:12", "Ubuntu:22.04:LTS", "npm") and a package. */
    public static Key of(String ecosystem, String packageName) {
      int colon = ecosystem.indexOf(':');
      String base = colon < 0 ? ecosystem : ecosystem.substring(0, colon);
      return new Key(base.toLowerCase(Locale.ROOT), packageName);
    }
  }

  /**
   * Adds a record, or replaces the stored record of the same id when this one's {@code modified} is
   * newer. A record that is not newer than the stored one is ignored (a re-import of an old feed must
   * not undo a newer change).
   *
   * @return true when the record was stored
   */
  public boolean add(OsvRecord record) {
    Objects.requireNonNull(record, "record");
    synchronized (writeLock) {
      OsvRecord old = byId.get(record.id());
      if (old != null && !record.modified().isAfter(old.modified())) return false;
      if (old != null) unlink(old);
      for (Key k : keys(record)) {
        List<OsvRecord> list = new ArrayList<>(byKey.getOrDefault(k, List.of()));
        list.add(record);
        byKey.put(k, List.copyOf(list));
      }
      byId.put(record.id(), record);
      return true;
    }
  }

  /** Same as {@link #add}: the name says what a feed re-import means by it. */
  public boolean replace(OsvRecord record) { return add(record); }

  /** Removes the record with this id; returns it, or empty when there was none. */
  public Optional<OsvRecord> remove(String id) {
    synchronized (writeLock) {
      OsvRecord old = byId.remove(id);
      if (old != null) unlink(old);
      return Optional.ofNullable(old);
    }
  }

  private void unlink(OsvRecord old) {
    for (Key k : keys(old)) {
      List<OsvRecord> list = new ArrayList<>(byKey.getOrDefault(k, List.of()));
      list.removeIf(r -> r.id().equals(old.id()));
      if (list.isEmpty()) byKey.remove(k); else byKey.put(k, List.copyOf(list));
    }
  }

  /** The records that name this package in this ecosystem (any release); an immutable snapshot. */
  public List<OsvRecord> candidates(String ecosystem, String packageName) {
    return byKey.getOrDefault(Key.of(ecosystem, packageName), List.of());
  }

  public Optional<OsvRecord> get(String id) { return Optional.ofNullable(byId.get(id)); }

  public int size() { return byId.size(); }

  public Collection<OsvRecord> records() { return List.copyOf(byId.values()); }

  /** The distinct keys a record is filed under: one per named package of its affected entries. */
  public static Set<Key> keys(OsvRecord record) {
    Set<Key> keys = new LinkedHashSet<>();
    for (OsvRecord.Affected a : record.affected()) {
      a.pkg().ifPresent(p -> keys.add(Key.of(p.ecosystem(), p.name())));
    }
    return keys;
  }
}
