package dev.suture.core.finding;

import java.util.Objects;

/**
 * What a finding is about: one advisory against one package (as the advisory names it: the source
 * package on Debian) on one asset. The installed version is not part of the key: upgrading to a
 * still-affected version keeps the same finding, with its first-seen time.
 */
public record FindingKey(String asset, String advisoryId, String packageName) {
  public FindingKey {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(advisoryId, "advisoryId");
    Objects.requireNonNull(packageName, "packageName");
  }

  @Override
  public String toString() { return asset + "/" + advisoryId + "/" + packageName; }
}
