package dev.suture.core.version;

import java.util.Comparator;

/**
 * The ordering of versions in one packaging ecosystem (dpkg, rpm, apk, SemVer, Maven, PEP 440). A
 * wrong comparison is a missed vulnerability or a false alarm, so each scheme follows its upstream
 * tool exactly and is tested against the upstream suites' vectors (suture-core test resources
 * {@code versions/}); any deviation is listed in docs/versions.md.
 */
public interface VersionScheme extends Comparator<String> {
  /** The scheme's name as `suture versions compare --ecosystem` takes it. */
  String name();

  /** True when {@code version} is a valid version of this scheme. */
  boolean isValid(String version);

  /**
   * Negative, zero or positive as {@code a} sorts before, equal to or after {@code b}.
   *
   * @throws InvalidVersionException when either is not a valid version of this scheme
   */
  @Override int compare(String a, String b);
}
