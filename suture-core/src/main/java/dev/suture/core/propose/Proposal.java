package dev.suture.core.propose;

import dev.suture.core.finding.FindingKey;
import dev.suture.core.model.Names;
import dev.suture.core.model.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A patch Suture proposes: one package brought to one fixed version on one environment, closing the
 * open findings listed. The fixed version is the highest any of those findings needs (in the
 * ecosystem's version order), so a single patch closes them all.
 *
 * @param id stable while the findings behind it stay the same; a valid document name
 * @param ecosystem the ecosystem with release the findings were matched in (e.g. {@code Debian:12})
 * @param packageName the package as the advisories name it (the source package on Debian)
 * @param priority the highest risk priority among the findings (ROUTINE when none could be scored)
 * @param due the earliest due date among the findings, when any could be scored
 * @param findings the findings the patch closes, ordered by asset, advisory, package
 */
public record Proposal(String id, String ecosystem, String packageName, String fixedVersion, String environment,
                       List<String> assets, List<String> advisoryIds, List<String> cves, Priority priority,
                       Optional<Instant> due, List<FindingKey> findings) {
  public Proposal {
    Names.require("id", id);
    if (!Names.isPlain(id)) throw new IllegalArgumentException("id '" + id + "' is not a plain document name");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(fixedVersion, "fixedVersion");
    Objects.requireNonNull(environment, "environment");
    assets = List.copyOf(assets);
    advisoryIds = List.copyOf(advisoryIds);
    cves = List.copyOf(cves);
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(due, "due");
    findings = List.copyOf(findings);
    if (findings.isEmpty()) throw new IllegalArgumentException("a proposal closes at least one finding");
  }
}
