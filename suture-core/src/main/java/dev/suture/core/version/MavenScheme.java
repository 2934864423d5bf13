package dev.suture.core.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven version ordering, delegated to maven-artifact 3.9.16's {@link ComparableVersion}: the class Maven 3.9
 * itself uses to order dependency versions and resolve ranges, so an advisory's range means here what it means
 * to the build that pulled the artifact in. Re-implementing its rules (item lists, qualifier aliases such as
 * {@code cr}=rc and {@code ga}=final, padding, MNG-5568/6572/7644 fixes) would be a second copy to keep in step.
 *
 * <p>The version is pinned to 3.9.16 deliberately: ComparableVersion changed between Maven 3.8, 3.9 and 4.0
 * (MNG-7644 and others), and the 4.0 line answers some comparisons differently (listed in
 * docs/versions-languages.md). Maven 3.9 is what builds use today.
 *
 * <p>ComparableVersion accepts any string. Suture rejects only what cannot be a deployed Maven version and would
 * make {@code suture versions compare}'s {@code A B} lines ambiguous: null, the empty string, and strings with
 * whitespace or control characters. Stateless and thread-safe (ComparableVersion instances are created per call
 * and never shared).
 */
public final class MavenScheme extends ParsingScheme<org.apache.maven.artifact.versioning.ComparableVersion> {
  public static final String NAME = "maven";

  public MavenScheme() {
  }

  @Override public String name() {
    return NAME;
  }

  /** Parses {@code version} once; a caller comparing it many times keeps the result. */
  @Override public ComparableVersion parse(String version) {
    if (version == null) throw new InvalidVersionException(NAME, "null", "no version given");
    String why = why(version);
    if (why != null) throw new InvalidVersionException(NAME, version, why);
    return new ComparableVersion(version);
  }

  @Override String problem(String version) { return why(version); }

  static String why(String v) {
    if (v.isEmpty()) return "empty";
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return "whitespace at position " + (i + 1);
      }
      if (Character.isISOControl(c)) return "control character at position " + (i + 1);
    }
    return null;
  }
}
