package dev.suture.core.version;

/**
 * A scheme whose versions parse into a comparable value (dpkg, rpm, SemVer, Maven, PEP 440):
 * comparing is parsing both and comparing the results, and validity is the scheme's own check. apk
 * is not one: it walks both strings token by token, as apk-tools does.
 */
abstract class ParsingScheme<V extends Comparable<? super V>> implements VersionScheme {

  /**
   * Parses a version once, for callers that compare it many times.
   *
   * @throws InvalidVersionException when it is not a valid version of this scheme
   */
  public abstract V parse(String version);

  /**
   * Why {@code version} (not null) is invalid, or null when it is valid. The default parses it; a
   * scheme with a cheaper check than a full parse overrides this.
   */
  String problem(String version) {
    try {
      parse(version);
      return null;
    } catch (InvalidVersionException e) {
      return e.getMessage();
    }
  }

  @Override public final boolean isValid(String version) {
    return version != null && problem(version) == null;
  }

  @Override public final int compare(String a, String b) {
    return Integer.signum(parse(a).compareTo(parse(b)));
  }
}
