package dev.suture.core.propose;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Priority;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.version.VersionScheme;
import dev.suture.core.version.VersionSchemes;
import dev.suture.core.vuln.FindingViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups open findings into patch proposals: one per (ecosystem, package, environment), at the
 * highest fixed version any of its findings needs, compared in the ecosystem's version scheme. A
 * version at or above every advisory's fix closes them all, so one patch per package and environment
 * is enough.
 *
 * <p>Left out, on purpose: findings that are not OPEN (PATCH_PLANNED ones already have their patch;
 * the others are closed or excepted), findings whose advisory names no fixed version (nothing to
 * roll out yet), and findings on assets with no Asset document (no environment to target). When the
 * ecosystem has no known version scheme, or a fixed version does not parse in it, the versions cannot
 * be ordered: each distinct fixed version then becomes its own proposal rather than guessing.
 */
public final class ProposalGrouper {
  private record GroupKey(String ecosystem, String packageName, String environment) {}

  private record Draft(GroupKey key, String fixedVersion, List<FindingViews.Scored> findings) {}

  private static final Comparator<FindingKey> BY_KEY = Comparator.comparing(FindingKey::asset)
      .thenComparing(FindingKey::advisoryId).thenComparing(FindingKey::packageName);

  private ProposalGrouper() {}

  /**
   * @param scored findings with their risk (any state: only OPEN ones are proposed)
   * @param assets the assets by name (their environment places each finding)
   * @return the proposals, most urgent first (priority, then due date, then environment and package)
   */
  public static List<Proposal> group(List<FindingViews.Scored> scored, Map<String, Asset> assets) {
    Map<GroupKey, List<FindingViews.Scored>> groups = new TreeMap<>(Comparator.comparing(GroupKey::environment)
        .thenComparing(GroupKey::packageName).thenComparing(GroupKey::ecosystem));
    for (FindingViews.Scored s : scored) {
      Finding f = s.finding();
      if (f.state() != FindingState.OPEN || f.fixedVersion().isEmpty()) continue;
      Asset asset = assets.get(f.key().asset());
      if (asset == null) continue;
      groups.computeIfAbsent(new GroupKey(f.ecosystem(), f.key().packageName(), asset.environment()), k -> new ArrayList<>()).add(s);
    }
    List<Draft> drafts = new ArrayList<>();
    for (var e : groups.entrySet()) drafts.addAll(drafts(e.getKey(), e.getValue()));
    return proposals(drafts, assets);
  }

  /** One draft at the highest fixed version, or one per fixed version when they cannot be ordered. */
  private static List<Draft> drafts(GroupKey key, List<FindingViews.Scored> findings) {
    Optional<VersionScheme> scheme = VersionSchemes.find(key.ecosystem());
    if (scheme.isPresent()) {
      try {
        String highest = null;
        for (FindingViews.Scored s : findings) {
          String v = s.finding().fixedVersion().get();
          if (highest == null || scheme.get().compare(v, highest) > 0) highest = v;
        }
        return List.of(new Draft(key, highest, findings));
      } catch (IllegalArgumentException unordered) {
        // InvalidVersionException: fall through to one proposal per fixed version.
      }
    }
    Map<String, List<FindingViews.Scored>> byVersion = new TreeMap<>();
    for (FindingViews.Scored s : findings)
      byVersion.computeIfAbsent(s.finding().fixedVersion().get(), v -> new ArrayList<>()).add(s);
    List<Draft> out = new ArrayList<>();
    byVersion.forEach((v, fs) -> out.add(new Draft(key, v, fs)));
    return out;
  }

  private static List<Proposal> proposals(List<Draft> drafts, Map<String, Asset> assets) {
    // Ids are assigned in a fixed order so that a collision resolves the same way every time.
    Map<String, Integer> baseCount = new HashMap<>();
    Map<Draft, String> base = new LinkedHashMap<>();
    for (Draft d : drafts) {
      String id = ProposalIds.of(d.key().packageName(), d.fixedVersion(), d.key().environment());
      base.put(d, id);
      baseCount.merge(id, 1, Integer::sum);
    }
    Map<String, Integer> used = new HashMap<>();
    List<Proposal> out = new ArrayList<>();
    for (Draft d : drafts) {
      String id = base.get(d);
      if (baseCount.get(id) > 1) id = id + "-" + ProposalIds.sanitise(d.key().ecosystem());
      int n = used.merge(id, 1, Integer::sum);
      if (n > 1) id = id + "-" + n;
      out.add(proposal(id, d));
    }
    out.sort(Comparator.comparing(Proposal::priority)
        .thenComparing(p -> p.due().orElse(Instant.MAX))
        .thenComparing(Proposal::environment).thenComparing(Proposal::packageName).thenComparing(Proposal::id));
    return out;
  }

  private static Proposal proposal(String id, Draft d) {
    TreeSet<String> assetNames = new TreeSet<>();
    TreeSet<String> advisories = new TreeSet<>();
    TreeSet<String> cves = new TreeSet<>();
    List<FindingKey> keys = new ArrayList<>();
    Priority priority = null;
    Instant due = null;
    for (FindingViews.Scored s : d.findings()) {
      FindingKey k = s.finding().key();
      keys.add(k);
      assetNames.add(k.asset());
      advisories.add(k.advisoryId());
      if (k.advisoryId().startsWith("CVE-")) cves.add(k.advisoryId());
      for (String alias : s.aliases()) if (alias.startsWith("CVE-")) cves.add(alias);
      if (s.risk().isPresent()) {
        RiskScore r = s.risk().get();
        // Priority is declared most urgent first: the lowest ordinal wins.
        if (priority == null || r.priority().compareTo(priority) < 0) priority = r.priority();
        if (due == null || r.due().isBefore(due)) due = r.due();
      }
    }
    keys.sort(BY_KEY);
    return new Proposal(id, d.key().ecosystem(), d.key().packageName(), d.fixedVersion(), d.key().environment(),
        List.copyOf(assetNames), List.copyOf(advisories), List.copyOf(cves), priority == null ? Priority.ROUTINE : priority,
        Optional.ofNullable(due), keys);
  }
}
