package dev.suture.core.inventory;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OSV ecosystem name, with its release, for an operating-system release. One rule for every way
 * Suture learns the release: a host's {@code /etc/os-release} ({@link OsRelease#osvEcosystem()}) and a
 * container image's SBOM (a purl's {@code distro} qualifier or the SBOM's operating-system component).
 * Two copies of the Ubuntu LTS rule or the Alpine branch rule would drift, and a host and an image of
 * the same release would then be matched against different advisories.
 *
 * <p>Each method takes the release as the distribution numbers it ({@code VERSION_ID}) and returns empty
 * when the value is not one the rule knows; it never guesses.
 */
public final class OsvEcosystems {
  private static final Pattern MAJOR = Pattern.compile("([0-9]+)(?:\\..*)?");
  private static final Pattern ALPINE_BRANCH = Pattern.compile("([0-9]+\\.[0-9]+)(?:\\.[0-9]+)*");
  private static final Pattern UBUNTU_RELEASE = Pattern.compile("([0-9]{2})\\.(0[0-9]|1[0-2])");
  private static final Pattern RHEL_CPE = Pattern.compile("cpe:/o:redhat:(enterprise_linux:[0-9]+(?::.*)?)");

  private OsvEcosystems() {}

  /** {@code 12} → {@code Debian:12}; a point release ({@code 12.5}) counts as its major release. */
  public static Optional<String> debian(String versionId) {
    return major(versionId).map(v -> "Debian:" + v);
  }

  /**
   * {@code 22.04} → {@code Ubuntu:22.04:LTS}, {@code 23.10} → {@code Ubuntu:23.10}: the OSV schema
   * requires the {@code :LTS} suffix for LTS releases. {@code lts} says whether the release is LTS when
   * the source states it (os-release's VERSION "22.04.4 LTS (Jammy Jellyfish)"); null applies Ubuntu's
   * rule (the April release of even years). A point release ({@code 22.04.4}) counts as its release.
   */
  public static Optional<String> ubuntu(String versionId, Boolean lts) {
    String release = versionId.matches("[0-9]{2}\\.[0-9]{2}\\.[0-9]+")
        ? versionId.substring(0, versionId.lastIndexOf('.')) : versionId;
    Matcher m = UBUNTU_RELEASE.matcher(release);
    if (!m.matches()) return Optional.empty();
    boolean isLts = lts != null ? lts : Integer.parseInt(m.group(1)) % 2 == 0 && m.group(2).equals("04");
    return Optional.of("Ubuntu:" + release + (isLts ? ":LTS" : ""));
  }

  /**
   * {@code 3.20.3} or {@code 3.20} → {@code Alpine:v3.20} (OSV names release branches with a
   * {@code v}); edge ({@code _alpha}/{@code _git} versions) → empty.
   */
  public static Optional<String> alpine(String versionId) {
    Matcher m = ALPINE_BRANCH.matcher(versionId);
    return m.matches() ? Optional.of("Alpine:v" + m.group(1)) : Optional.empty();
  }

  /** {@code 9.4} → {@code Rocky Linux:9} (major release only, as Rocky publishes). */
  public static Optional<String> rocky(String versionId) {
    return major(versionId).map(v -> "Rocky Linux:" + v);
  }

  /** {@code 9.4} → {@code AlmaLinux:9} (major release only, as AlmaLinux publishes). */
  public static Optional<String> almaLinux(String versionId) {
    return major(versionId).map(v -> "AlmaLinux:" + v);
  }

  /**
   * OSV's Red Hat ecosystem is scoped by product CPE, not by release:
   * {@code cpe:/o:redhat:enterprise_linux:9::baseos} → {@code Red Hat:enterprise_linux:9::baseos}.
   */
  public static Optional<String> redHatFromCpe(String cpeName) {
    Matcher m = RHEL_CPE.matcher(cpeName);
    return m.matches() ? Optional.of("Red Hat:" + m.group(1)) : Optional.empty();
  }

  /**
   * The Red Hat family for a release when no product CPE is known ({@code 9.4} →
   * {@code Red Hat:enterprise_linux:9}): the value up to the release, which a matcher treats as the
   * family of the BaseOS and AppStream streams. Only for sources that carry no CPE (SBOMs); a host's
   * os-release has CPE_NAME and uses {@link #redHatFromCpe}.
   */
  public static Optional<String> redHatFamily(String versionId) {
    return major(versionId).map(v -> "Red Hat:enterprise_linux:" + v);
  }

  private static Optional<String> major(String version) {
    Matcher m = MAJOR.matcher(version);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
