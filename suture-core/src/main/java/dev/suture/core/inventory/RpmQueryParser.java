package dev.suture.core.inventory;

import dev.suture.core.version.RpmScheme;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output of {@link #COMMAND} on an RPM host (RHEL, Rocky, AlmaLinux): one tab-separated
 * line per installed package, {@code NAME, EPOCHNUM, VERSION, RELEASE, ARCH, SOURCERPM}.
 *
 * <p>The version is rpm's EVR {@code epoch:version-release}, with epoch 0 left out as rpm prints
 * it ({@code rpm -q}, advisories' "fixed" versions). {@code EPOCHNUM} rather than {@code EPOCH} is
 * queried because EPOCH prints {@code (none)} for a missing epoch, and rpm treats a missing epoch
 * as 0 when comparing.
 *
 * <p>The source package comes from {@code SOURCERPM} ({@code name-version-release.src.rpm}); its
 * version is the source's version-release with the binary's epoch, because a source RPM file name
 * carries no epoch and every binary built from it inherits the spec's epoch. {@code gpg-pubkey}
 * rows are skipped: they are the signing keys rpm keeps in its database, not software.
 */
public final class RpmQueryParser {
  /** The command the collector runs (quoted for a POSIX shell; it takes no user input). */
  public static final String COMMAND =
      "rpm -qa --qf '%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\n'";

  private static final int FIELDS = 6;

  private final RpmScheme scheme = new RpmScheme();

  public Parsed<InstalledPackage> parse(String output) {
    List<InstalledPackage> rows = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    for (Lines.Row r : Lines.tabSeparated(output, FIELDS, problems)) {
      String[] f = r.fields();
      String name = f[0];
      if ("gpg-pubkey".equals(name)) continue;
      String why = row(f);
      if (why != null) {
        problems.add(new LineProblem(r.number(), r.text(), why));
        continue;
      }
      String epochPrefix = epochPrefix(f[1]);
      String version = epochPrefix + f[2] + "-" + f[3];
      String sourceName = name;
      String sourceVersion = version;
      if (!"(none)".equals(f[5])) {
        String[] nvr = splitSourceRpm(f[5]);
        sourceName = nvr[0];
        sourceVersion = epochPrefix + nvr[1] + "-" + nvr[2];
      }
      rows.add(new InstalledPackage(name, sourceName, version, sourceVersion, f[4]));
    }
    return new Parsed<>(rows, problems);
  }

  /** Why the fields cannot make a package, or null. */
  private String row(String[] f) {
    if (f[0].isEmpty()) return "NAME is empty";
    if (!f[1].matches("[0-9]{1,10}")) return "EPOCHNUM '" + f[1] + "' is not a number";
    // A hyphen in VERSION or RELEASE would make the EVR ambiguous; rpmbuild refuses them too.
    if (f[2].isEmpty() || f[2].indexOf('-') >= 0) return "VERSION '" + f[2] + "' is empty or holds '-'";
    if (f[3].isEmpty() || f[3].indexOf('-') >= 0) return "RELEASE '" + f[3] + "' is empty or holds '-'";
    String evrWhy = Versions.problem(scheme, epochPrefix(f[1]) + f[2] + "-" + f[3]);
    if (evrWhy != null) return "EVR: " + evrWhy;
    if (f[4].isEmpty()) return "ARCH is empty";
    if (!"(none)".equals(f[5]) && splitSourceRpm(f[5]) == null) {
      return "SOURCERPM '" + f[5] + "' is not name-version-release.src.rpm";
    }
    return null;
  }

  private static String epochPrefix(String epochNum) {
    // Leading zeros are not significant to rpm; "0" and "00" both mean no epoch.
    String stripped = epochNum.replaceFirst("^0+", "");
    return stripped.isEmpty() ? "" : stripped + ":";
  }

  /**
   * {name, version, release} of a source RPM file name ({@code name-version-release.src.rpm} or
   * {@code .nosrc.rpm}), or null when it is not one. Public because SBOM generators (Syft) carry the
   * same file name for an RPM's source.
   */
  public static String[] splitSourceRpm(String file) {
    String base;
    if (file.endsWith(".src.rpm")) {
      base = file.substring(0, file.length() - ".src.rpm".length());
    } else if (file.endsWith(".nosrc.rpm")) {
      base = file.substring(0, file.length() - ".nosrc.rpm".length());
    } else {
      return null;
    }
    int rel = base.lastIndexOf('-');
    if (rel <= 0) return null;
    int ver = base.lastIndexOf('-', rel - 1);
    if (ver <= 0 || ver + 1 == rel || rel + 1 == base.length()) return null;
    return new String[] {base.substring(0, ver), base.substring(ver + 1, rel), base.substring(rel + 1)};
  }
}
