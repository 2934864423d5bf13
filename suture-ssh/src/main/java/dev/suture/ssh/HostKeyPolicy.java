package dev.suture.ssh;

import java.util.Locale;

/** How an unknown host key is treated. A changed key is always refused. */
enum HostKeyPolicy {
  /** Only hosts whose key is already in known_hosts (default, like StrictHostKeyChecking=yes). */
  STRICT,
  /** Trust and record a first-seen key (audited); refuse a changed one (StrictHostKeyChecking=accept-new). */
  ACCEPT_NEW;

  static HostKeyPolicy parse(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "strict": return STRICT;
      case "accept-new": return ACCEPT_NEW;
      default: throw new IllegalArgumentException("executor.options.hostKeyPolicy: '" + s + "' is not one of strict, accept-new");
    }
  }
}
