package dev.suture.core.inventory;

import dev.suture.core.version.InvalidVersionException;
import dev.suture.core.version.VersionScheme;

/** Version checks shared by the parsers. */
final class Versions {
  private Versions() {}

  /**
   * Why {@code version} is not a valid version of {@code scheme}, or null when it is. A version the
   * matcher cannot order would silently match nothing (a missed vulnerability), so the parsers
   * refuse it here, where the line number is still known.
   */
  static String problem(VersionScheme scheme, String version) {
    if (version.isEmpty()) return "empty";
    try {
      // compare() validates both sides and says which token is wrong; isValid() only says no.
      scheme.compare(version, version);
      return null;
    } catch (InvalidVersionException e) {
      return e.getMessage();
    }
  }
}
