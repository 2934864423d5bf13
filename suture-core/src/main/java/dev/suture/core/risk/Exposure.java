package dev.suture.core.risk;

import dev.suture.core.model.Asset;
import dev.suture.core.registry.InvalidFieldsException;
import java.util.Locale;

/**
 * How reachable an asset is, read from its {@code exposure} label. An asset without the label is
 * {@link #INTERNAL}: most hosts are, and guessing "internet" for all of them would drown the real
 * internet-facing ones.
 */
public enum Exposure {
  /** Reachable from the internet (load balancer, public address, edge). */
  INTERNET,
  /** Reachable only from inside the organisation's networks (the default). */
  INTERNAL,
  /** No inbound network path (air-gapped, build sandbox, offline appliance). */
  ISOLATED;

  public static final String LABEL = "exposure";

  /** The label's value; absent or blank means INTERNAL, anything else unknown is a clear error. */
  public static Exposure fromLabel(String value) {
    if (value == null || value.isBlank()) return INTERNAL;
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "internet": return INTERNET;
      case "internal": return INTERNAL;
      case "isolated": return ISOLATED;
      default:
        // A typo must not quietly rank an internet-facing host as internal.
        throw InvalidFieldsException.of("labels." + LABEL, "'" + value + "' is not an exposure (internet, internal, isolated)");
    }
  }

  public static Exposure of(Asset asset) { return fromLabel(asset.labels().get(LABEL)); }

  public String label() { return name().toLowerCase(Locale.ROOT); }
}
