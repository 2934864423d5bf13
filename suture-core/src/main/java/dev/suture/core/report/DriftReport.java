package dev.suture.core.report;

import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.model.Asset;
import dev.suture.core.version.InvalidVersionException;
import dev.suture.core.version.VersionScheme;
import dev.suture.core.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drift: the versions of one package deployed across environments (patch-curriculum.txt, "drift
 * reports comparing deployed versions across environments").
 *
 * <p>For each (ecosystem family, binary package) installed in more than one environment, the versions
 * per environment with their host counts. The expected version of an environment is the newest version
 * installed in the <em>first environment of its promotion chain</em> (staging in
 * "staging,production"): a patch reaches production after staging, so staging shows what production
 * should converge to. When the environment is in no chain, or the chain's first environment does not
 * have the package, the expected version is the newest in the whole fleet. Versions are compared with
 * the ecosystem's {@link VersionScheme}; without a scheme, or for a version the scheme rejects, the
 * row is {@code incomparable} and not counted as drift.
 *
 * <p>The family is the ecosystem without its release ("Debian" for Debian:11 and Debian:12), so a host
 * on an older release shows as behind: that is drift too.
 */
public record DriftReport(List<Row> rows) implements Report {
  public enum Status {
    CURRENT("current"), BEHIND("behind"), AHEAD("ahead"), INCOMPARABLE("incomparable");

    private final String wire;

    Status(String wire) { this.wire = wire; }

    public String wireName() { return wire; }

    public boolean drift() { return this == BEHIND || this == AHEAD; }
  }

  /** What the expected version was taken from when the environment's chain head does not have it. */
  public static final String FLEET = "fleet";

  /**
   * @param expected the version this environment should run; empty when none could be determined
   * @param basis the environment {@code expected} was taken from, or {@value #FLEET}
   * @param assets the assets at {@code version} in {@code environment}, sorted
   */
  public record Row(String family, String packageName, String environment, String version, String expected, String basis,
                    Status status, List<String> assets) {
    public Row { assets = List.copyOf(assets); }
  }

  public DriftReport { rows = List.copyOf(rows); }

  private record Key(String family, String name) {}

  /**
   * @param assets asset documents by name (inventories of assets without one are ignored: no environment)
   * @param chains the promotion order, e.g. [[staging, production]]
   */
  public static DriftReport of(Map<String, Asset> assets, Collection<InventorySnapshot> inventories, List<List<String>> chains) {
    Builder b = builder(assets, chains);
    inventories.forEach(b::add);
    return b.build();
  }

  public static Builder builder(Map<String, Asset> assets, List<List<String>> chains) { return new Builder(assets, chains); }

  /** Takes inventories one at a time, so a fleet's snapshots can be streamed from the store without being held. */
  public static final class Builder {
    private final Map<String, Asset> assets;
    private final List<List<String>> chains;
    // (family, package) → environment → version → assets
    private final Map<Key, Map<String, Map<String, Set<String>>>> seen = new HashMap<>();

    private Builder(Map<String, Asset> assets, List<List<String>> chains) {
      this.assets = Map.copyOf(assets);
      this.chains = chains.stream().map(List::copyOf).toList();
    }

    public void add(InventorySnapshot s) {
      Asset a = assets.get(s.asset());
      if (a == null) return;
      for (PackageSet set : s.packageSets()) {
        String family = family(set.ecosystem());
        for (InstalledPackage p : set.packages())
          seen.computeIfAbsent(new Key(family, p.name()), k -> new HashMap<>()).computeIfAbsent(a.environment(), k -> new HashMap<>())
              .computeIfAbsent(p.version(), k -> new TreeSet<>()).add(s.asset());
      }
    }

    public DriftReport build() {
      Comparator<String> envOrder = environmentOrder(chains);
      List<Row> rows = new ArrayList<>();
      List<Key> keys = new ArrayList<>(seen.keySet());
      keys.sort(Comparator.comparing(Key::family).thenComparing(Key::name));
      for (Key key : keys) {
        Map<String, Map<String, Set<String>>> byEnv = seen.get(key);
        if (byEnv.size() < 2) continue;
        Optional<VersionScheme> scheme = VersionSchemes.find(key.family());
        Optional<String> fleetNewest = newest(scheme, byEnv.values().stream().flatMap(m -> m.keySet().stream()).toList());
        List<String> envs = new ArrayList<>(byEnv.keySet());
        envs.sort(envOrder);
        for (String env : envs) {
          String basis = FLEET;
          Optional<String> expected = fleetNewest;
          Optional<String> head = head(chains, env);
          if (head.isPresent() && byEnv.containsKey(head.get())) {
            Optional<String> headNewest = newest(scheme, byEnv.get(head.get()).keySet());
            if (headNewest.isPresent()) {
              basis = head.get();
              expected = headNewest;
            }
          }
          List<String> versions = new ArrayList<>(byEnv.get(env).keySet());
          versions.sort(newestFirst(scheme));
          for (String v : versions) {
            Status st = status(scheme, v, expected);
            rows.add(new Row(key.family(), key.name(), env, v, expected.orElse(""), expected.isPresent() ? basis : "", st,
                List.copyOf(byEnv.get(env).get(v))));
          }
        }
      }
      return new DriftReport(rows);
    }
  }

  static String family(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    return colon > 0 ? ecosystem.substring(0, colon) : ecosystem;
  }

  /** The first environment of the chain {@code env} is in. */
  private static Optional<String> head(List<List<String>> chains, String env) {
    for (List<String> c : chains) if (c.contains(env)) return Optional.of(c.get(0));
    return Optional.empty();
  }

  /** Environments in promotion order (chain by chain), then the others by name. */
  private static Comparator<String> environmentOrder(List<List<String>> chains) {
    Map<String, Integer> rank = new HashMap<>();
    for (List<String> c : chains) for (String e : c) rank.putIfAbsent(e, rank.size());
    return Comparator.<String>comparingInt(e -> rank.getOrDefault(e, Integer.MAX_VALUE)).thenComparing(Comparator.naturalOrder());
  }

  private static Optional<String> newest(Optional<VersionScheme> scheme, Collection<String> versions) {
    if (scheme.isEmpty()) return Optional.empty();
    String best = null;
    for (String v : versions) {
      if (!scheme.get().isValid(v)) continue;
      if (best == null || scheme.get().compare(v, best) > 0) best = v;
    }
    return Optional.ofNullable(best);
  }

  /** Newest first by the scheme; invalid versions (and all, without a scheme) after, by text. */
  private static Comparator<String> newestFirst(Optional<VersionScheme> scheme) {
    return (a, b) -> {
      if (scheme.isPresent()) {
        boolean va = scheme.get().isValid(a);
        boolean vb = scheme.get().isValid(b);
        if (va && vb) {
          int c = scheme.get().compare(b, a);
          return c != 0 ? c : a.compareTo(b);
        }
        if (va != vb) return va ? -1 : 1;
      }
      return a.compareTo(b);
    };
  }

  private static Status status(Optional<VersionScheme> scheme, String version, Optional<String> expected) {
    if (scheme.isEmpty() || expected.isEmpty()) return Status.INCOMPARABLE;
    try {
      int c = scheme.get().compare(version, expected.get());
      return c == 0 ? Status.CURRENT : c < 0 ? Status.BEHIND : Status.AHEAD;
    } catch (InvalidVersionException e) {
      return Status.INCOMPARABLE;
    }
  }

  /** Rows that drift (behind or ahead of the expected version). */
  public List<Row> drifting() { return rows.stream().filter(r -> r.status().drift()).toList(); }

  /** Assets behind their environment's expected version, by (family/package). */
  public Map<String, Set<String>> lagging() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Row r : rows)
      if (r.status() == Status.BEHIND) out.computeIfAbsent(r.family() + "/" + r.packageName(), k -> new TreeSet<>()).addAll(r.assets());
    return out;
  }

  @Override public ReportKind kind() { return ReportKind.DRIFT; }

  /** Drift rows list their assets; current rows only count them (a big fleet would make the cell huge). */
  @Override public List<ReportTable> tables() {
    ReportTable.Builder t = ReportTable.builder("drift", "family", "package", "environment", "version", "hosts", "expected",
        "expectedFrom", "status", "drift", "driftAssets");
    for (Row r : rows)
      t.row(r.family(), r.packageName(), r.environment(), r.version(), r.assets().size(), r.expected(), r.basis(),
          r.status().wireName(), r.status().drift(), r.status().drift() ? String.join(" ", r.assets()) : "");
    return List.of(t.build());
  }
}
