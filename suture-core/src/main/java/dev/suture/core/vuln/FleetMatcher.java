package dev.suture.core.vuln;

import dev.suture.core.inventory.InstalledPackage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Matches a whole fleet against an {@link AdvisoryIndex}. Ten thousand hosts mostly run the same few
 * versions of each package, so the fleet is first reduced to its DISTINCT tuples (ecosystem with
 * release, package, version); each tuple is evaluated once per candidate advisory with
 * {@link OsvEvaluator}, and only the verdicts that say affected (or undecided) are expanded back to the
 * hosts that have the tuple.
 *
 * <p>The package and version of a tuple are the SOURCE package's when the inventory reports one: OSV's
 * Debian, Ubuntu and Alpine advisories (and Rocky/Alma) name source packages, so a host with binary
 * {@code libcurl4 7.88.1-10+deb12u5} built from source {@code curl 7.88.1-10+deb12u5} is matched as
 * {@code curl}. A row whose source name or version is blank is matched by its binary name and version.
 * The findings name the binary package as well, because that is what gets patched.
 *
 * <p>The fleet is fixed at construction (an inventory change builds a new matcher; incremental inventory
 * updates are not done). The advisory index may change underneath: {@link #matchAdvisory} applies one new
 * or changed advisory to the known tuples of the packages it names only, so its cost is proportional to
 * those tuples and their hosts, not to the fleet. Both methods may run concurrently with each other and
 * with index updates.
 */
public final class FleetMatcher {
  private final AdvisoryIndex index;
  private final OsvEvaluator evaluator;
  private final String[] hostIds;
  private final Map<Tuple, Occurrences> tuples = new HashMap<>();
  private final Map<AdvisoryIndex.Key, List<Tuple>> tuplesByKey = new HashMap<>();
  private final LongAdder evaluations = new LongAdder();
  private final long rows;

  /** A host's inventory: its id, its OSV ecosystem with release (e.g. "Debian:12") and its packages. */
  public record Host(String id, String ecosystem, List<InstalledPackage> packages) {
    public Host {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(ecosystem, "ecosystem");
      Objects.requireNonNull(packages, "packages");
    }
  }

  /** One distinct (ecosystem with release, package, version): the package and version advisories name. */
  public record Tuple(String ecosystem, String packageName, String version) {}

  /**
   * One advisory that applies to one installed package on one host. The verdict is shared by every host
   * with the same tuple (it is computed once), so a finding costs three references.
   */
  public record Finding(String host, InstalledPackage installed, OsvVerdict verdict) {
    public String packageName() { return installed.name(); }
    public String version() { return installed.version(); }
    public String advisoryId() { return verdict.recordId(); }
    public Optional<String> fixed() { return verdict.fixed(); }
    public String reason() { return verdict.why(); }
  }

  /** What one advisory does to the fleet: its findings, and the hosts they are on. */
  public record AdvisoryMatch(String advisoryId, List<Finding> findings) {
    public AdvisoryMatch {
      findings = List.copyOf(findings);
    }

    public Set<String> hosts() {
      Set<String> hosts = new LinkedHashSet<>();
      for (Finding f : findings) hosts.add(f.host());
      return hosts;
    }
  }

  public FleetMatcher(AdvisoryIndex index, Collection<Host> hosts) {
    this.index = Objects.requireNonNull(index, "index");
    this.evaluator = new OsvEvaluator();
    this.hostIds = new String[hosts.size()];
    Set<String> seen = new java.util.HashSet<>();
    long n = 0;
    int h = 0;
    for (Host host : hosts) {
      if (host.id().isBlank()) throw new IllegalArgumentException("host #" + h + ": id is blank");
      if (!seen.add(host.id())) throw new IllegalArgumentException("host " + host.id() + ": listed twice");
      if (host.ecosystem().isBlank()) throw new IllegalArgumentException("host " + host.id() + ": ecosystem is blank");
      hostIds[h] = host.id();
      for (InstalledPackage p : host.packages()) {
        Tuple t = new Tuple(host.ecosystem(), matchName(p), matchVersion(p));
        Occurrences occ = tuples.get(t);
        if (occ == null) {
          occ = new Occurrences();
          tuples.put(t, occ);
          tuplesByKey.computeIfAbsent(AdvisoryIndex.Key.of(t.ecosystem(), t.packageName()), k -> new ArrayList<>()).add(t);
        }
        occ.add(h, p);
        n++;
      }
      h++;
    }
    for (Occurrences o : tuples.values()) o.trim();
    this.rows = n;
  }

  /** The name advisories use for this row: the source package's when known. */
  public static String matchName(InstalledPackage p) { return p.sourceName().isBlank() ? p.name() : p.sourceName(); }

  public static String matchVersion(InstalledPackage p) {
    return p.sourceName().isBlank() || p.sourceVersion().isBlank() ? p.version() : p.sourceVersion();
  }

  public int distinctTuples() { return tuples.size(); }

  public long installedRows() { return rows; }

  public int hosts() { return hostIds.length; }

  /** How many (tuple, advisory) evaluations this matcher has run; tests use it to check each tuple is evaluated once. */
  public long evaluations() { return evaluations.sum(); }

  /**
   * Matches every distinct tuple against its candidate advisories and returns the findings by host id
   * (hosts without findings are absent). Findings are AFFECTED verdicts and UNDECIDED ones (Suture could
   * not order the versions: reported rather than silently dropped); NOT_AFFECTED verdicts are not
   * returned. The tuples are evaluated in parallel (the evaluator is stateless).
   */
  public Map<String, List<Finding>> matchAll() {
    List<List<Finding>> perTuple = tuples.entrySet().parallelStream().map(e -> {
      List<Finding> out = new ArrayList<>();
      Tuple t = e.getKey();
      for (OsvRecord r : index.candidates(t.ecosystem(), t.packageName())) evaluate(r, t, e.getValue(), out);
      return out;
    }).toList();
    Map<String, List<Finding>> byHost = new HashMap<>();
    for (List<Finding> fs : perTuple) {
      for (Finding f : fs) byHost.computeIfAbsent(f.host(), k -> new ArrayList<>()).add(f);
    }
    return byHost;
  }

  /**
   * Adds or replaces {@code record} in the index (see {@link AdvisoryIndex#add}) and evaluates the record
   * the index then holds for that id against the known tuples of the packages it names, and only those.
   * The result replaces every earlier finding of that advisory id: a withdrawn or changed advisory yields
   * the findings it now implies (none when withdrawn). The findings equal those {@link #matchAll} returns
   * for that advisory id.
   */
  public AdvisoryMatch matchAdvisory(OsvRecord record) {
    index.add(record);
    OsvRecord current = index.get(record.id()).orElse(record);
    List<Finding> out = new ArrayList<>();
    for (AdvisoryIndex.Key k : AdvisoryIndex.keys(current)) {
      for (Tuple t : tuplesByKey.getOrDefault(k, List.of())) evaluate(current, t, tuples.get(t), out);
    }
    return new AdvisoryMatch(current.id(), out);
  }

  private void evaluate(OsvRecord r, Tuple t, Occurrences occ, List<Finding> out) {
    evaluations.increment();
    OsvVerdict v = evaluator.evaluate(r, t.ecosystem(), t.packageName(), t.version());
    if (v.outcome() == OsvVerdict.Outcome.NOT_AFFECTED) return;
    for (int i = 0; i < occ.size; i++) out.add(new Finding(hostIds[occ.hosts[i]], occ.packages[i], v));
  }

  /**
   * The rows of one tuple as two parallel arrays (host index, installed row): about 8 bytes per row with
   * compressed references, instead of an object per row.
   */
  private static final class Occurrences {
    int[] hosts = new int[4];
    InstalledPackage[] packages = new InstalledPackage[4];
    int size;

    void add(int host, InstalledPackage p) {
      if (size == hosts.length) {
        hosts = Arrays.copyOf(hosts, size * 2);
        packages = Arrays.copyOf(packages, size * 2);
      }
      hosts[size] = host;
      packages[size] = p;
      size++;
    }

    void trim() {
      hosts = Arrays.copyOf(hosts, size);
      packages = Arrays.copyOf(packages, size);
    }
  }
}
