package dev.suture.core.change;

import dev.suture.core.doc.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order environments are patched in, as one or more chains ("staging,production" or
 * "staging,production;management,main"), the soak time a patch must have spent succeeded in an
 * environment before the next one in its chain, and which environments are protected (a rollout
 * touching one needs an approved change request).
 */
public record PromotionPolicy(List<List<String>> chains, Map<String, Duration> soak, Set<String> protectedEnvironments) {
  public PromotionPolicy {
    chains = chains.stream().map(List::copyOf).toList();
    soak = Map.copyOf(soak);
    protectedEnvironments = Set.copyOf(protectedEnvironments);
    Set<String> seen = new HashSet<>();
    for (List<String> chain : chains)
      for (String env : chain)
        if (!seen.add(env)) throw new IllegalArgumentException("suture.promotion.order: environment '" + env + "' appears twice");
    for (String env : soak.keySet())
      if (!seen.contains(env))
        throw new IllegalArgumentException("suture.promotion.soak: '" + env + "' is not in suture.promotion.order");
  }

  public static PromotionPolicy defaults() { return parse("staging,production", "", "production"); }

  /**
   * Parses the server properties: order "a,b;c,d", soak "a=1h,c=2d" (keyed by the environment the
   * patch soaks in before the next one), protected "production,main".
   */
  public static PromotionPolicy parse(String order, String soak, String protectedEnvironments) {
    List<List<String>> chains = new ArrayList<>();
    for (String chain : order.split(";")) {
      List<String> envs = names(chain);
      if (!envs.isEmpty()) chains.add(envs);
    }
    Map<String, Duration> soaks = new LinkedHashMap<>();
    for (String entry : soak.split(",")) {
      if (entry.isBlank()) continue;
      int eq = entry.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("suture.promotion.soak: '" + entry.trim() + "' is not environment=duration (e.g. management=2d)");
      soaks.put(entry.substring(0, eq).trim(), Durations.parse(entry.substring(eq + 1)));
    }
    return new PromotionPolicy(chains, soaks, Set.copyOf(names(protectedEnvironments)));
  }

  private static List<String> names(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) if (!s.isBlank()) out.add(s.trim());
    return out;
  }

  /** The environments a patch must have succeeded in before {@code env}; empty when it is first or in no chain. */
  public List<String> ahead(String env) {
    for (List<String> chain : chains) {
      int i = chain.indexOf(env);
      if (i >= 0) return chain.subList(0, i);
    }
    return List.of();
  }

  public Duration soakIn(String env) { return soak.getOrDefault(env, Duration.ZERO); }

  public boolean isProtected(String env) { return protectedEnvironments.contains(env); }
}
