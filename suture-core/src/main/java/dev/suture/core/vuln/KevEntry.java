package dev.suture.core.vuln;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalog: a CVE with evidence of exploitation
 * in the wild, the date CISA added it and the remediation due date it set for federal agencies.
 */
public record KevEntry(String cveId, String vendorProject, String product, String name, LocalDate dateAdded,
                       Optional<LocalDate> dueDate, boolean knownRansomwareUse) {
  public KevEntry {
    Objects.requireNonNull(cveId, "cveId");
    vendorProject = vendorProject == null ? "" : vendorProject;
    product = product == null ? "" : product;
    name = name == null ? "" : name;
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(dueDate, "dueDate");
  }
}
