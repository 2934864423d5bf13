package dev.suture.bench;

import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.model.Asset;
import dev.suture.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents a run needs, written as YAML and applied through the same parser and document
 * store a user's {@code suture apply} goes through: N assets, a patch and the plan.
 */
final class BenchFleet {
  static final String PATCH = "bench-patch";
  static final String PLAN = "bench-plan";
  static final String FROM_VERSION = "1.0";
  static final String TO_VERSION = "2.0";
  /** Assets per document-store transaction (and per parse: well under the parser's 8 MiB limit). */
  private static final int CHUNK = 5000;

  private BenchFleet() {}

  static String assetName(int i) { return String.format("host-%06d", i); }

  /** Inserts {@code n} assets; returns them as parsed (the fleet handed to the rollout). */
  static List<Asset> insertAssets(Store store, DocumentParser parser, int n) {
    List<Asset> assets = new ArrayList<>(n);
    for (int from = 0; from < n; from += CHUNK) {
      int to = Math.min(n, from + CHUNK);
      StringBuilder sb = new StringBuilder(160 * (to - from));
      for (int i = from; i < to; i++) {
        sb.append("---\napiVersion: suture.dev/v1\nkind: Asset\nmetadata: {name: ").append(assetName(i))
            .append(", labels: {role: web, rack: r").append(i % 40).append("}}\nspec: {environment: production, address: 10.")
            .append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.').append(i & 255).append("}\n");
      }
      List<Document> docs = parser.parse("bench-fleet-" + from + ".yaml", sb.toString());
      store.documents().apply(docs, "bench");
      for (Document d : docs) assets.add(d.as(Asset.class));
    }
    return assets;
  }

  /** The patch and the plan: canary, then waves to 50% and 100%, no bakes (nothing to wait for). */
  static void insertPatchAndPlan(Store store, DocumentParser parser, BenchOptions o, int wave1Errors, int wave2Errors) {
    String yaml = """
        apiVersion: suture.dev/v1
        kind: Patch
        metadata: {name: %s}
        spec: {title: benchmark patch, kind: security, priority: high, version: '%s'}
        ---
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: %s}
        spec:
          targets: {selector: "environment=production,role=web"}
          executor: {type: %s, apply: [apply, "{{patch.version}}"], version: [version], rollback: [rollback], timeout: 60s}
          stages:
            - canary: {count: "%s", maxConcurrency: %d}
            - wave: {percent: 50, maxConcurrency: %d, maxErrors: %d}
            - wave: {percent: 100, maxConcurrency: %d, maxErrors: %d}
          onFailure: {rollback: automatic, incident: P1}
        """.formatted(PATCH, TO_VERSION, PLAN, SimulatedExecutor.TYPE, o.canary(), o.maxConcurrency(),
        o.maxConcurrency(), wave1Errors, o.maxConcurrency(), wave2Errors);
    store.documents().apply(parser.parse("bench-plan.yaml", yaml), "bench");
  }

  static Document patch(Store store) { return store.documents().find(DocumentKind.PATCH, PATCH).orElseThrow(); }

  static Document plan(Store store) { return store.documents().find(DocumentKind.PLAN, PLAN).orElseThrow(); }
}
