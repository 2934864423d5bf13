package dev.suture.core.inventory;

import dev.suture.core.version.DpkgScheme;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the output of {@link #COMMAND} on a Debian or Ubuntu host: one tab-separated line per
 * package, {@code binary:Package, source:Package, Version, source:Version, Architecture,
 * db:Status-Abbrev}.
 *
 * <p>Rows are kept when dpkg's current status (the second letter of {@code db:Status-Abbrev}) says
 * the package's files of that version are on disk: {@code i} installed, and also the transient
 * {@code U} unpacked, {@code F} half-configured, {@code W} triggers-awaited and {@code t}
 * triggers-pending states, in which the files are all unpacked but configuration has not finished
 * (a collection that runs during an apt upgrade sees them; their binaries are just as exploitable).
 * The desired-action letter is ignored: a package on hold ({@code hi}) or marked for removal
 * ({@code ri}) is still installed. {@code n} not-installed, {@code c} config-files (only conffiles
 * remain, the "rc" rows of removed packages) and {@code H} half-installed (an unpack that failed
 * midway, whose files are a mix of two versions) are skipped, not reported as problems.
 *
 * <p>Package names: {@code binary:Package} adds {@code :arch} to Multi-Arch: same packages
 * ({@code libc6:amd64}); the qualifier is removed since the architecture is its own column and
 * advisories never carry it. Older dpkg versions that do not know the {@code source:*} virtual
 * fields print them empty; the binary name and version then stand in for the source (correct for
 * the usual package whose source has the same name, a documented gap otherwise).
 */
public final class DpkgQueryParser {
  /** The command the collector runs (quoted for a POSIX shell; it takes no user input). */
  public static final String COMMAND = "dpkg-query -W -f='${binary:Package}\\t${source:Package}\\t${Version}"
      + "\\t${source:Version}\\t${Architecture}\\t${db:Status-Abbrev}\\n'";

  private static final int FIELDS = 6;
  private static final String ON_DISK_STATES = "iUFWt";
  private static final String KNOWN_STATES = "ncHUFWti";

  private final DpkgScheme scheme = new DpkgScheme();

  public Parsed<InstalledPackage> parse(String output) {
    List<InstalledPackage> rows = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    for (Lines.Row r : Lines.tabSeparated(output, FIELDS, problems)) {
      String[] f = r.fields();
      String why = null;
      // db:Status-Abbrev is three letters (want, status, error flag); the error flag is usually a
      // space, which a transport trimming lines could drop, so two letters are accepted too.
      String status = f[5].strip();
      if (status.length() < 2 || status.length() > 3 || KNOWN_STATES.indexOf(status.charAt(1)) < 0) {
        why = "status '" + f[5] + "' is not a dpkg db:Status-Abbrev";
      } else if (ON_DISK_STATES.indexOf(status.charAt(1)) < 0) {
        continue;
      }
      String arch = f[4];
      String name = f[0];
      int colon = name.indexOf(':');
      if (why == null && colon >= 0) {
        if (!name.substring(colon + 1).equals(arch)) {
          why = "package '" + name + "' has an architecture qualifier other than its Architecture '" + arch + "'";
        }
        name = name.substring(0, colon);
      }
      if (why == null && name.isEmpty()) why = "binary:Package is empty";
      if (why == null && arch.isEmpty()) why = "Architecture is empty";
      String version = f[2];
      String versionWhy = why == null ? Versions.problem(scheme, version) : null;
      if (versionWhy != null) why = "Version: " + versionWhy;
      String sourceName = f[1].isEmpty() ? name : f[1];
      String sourceVersion = f[3].isEmpty() ? version : f[3];
      String sourceWhy = why == null ? Versions.problem(scheme, sourceVersion) : null;
      if (sourceWhy != null) why = "source:Version: " + sourceWhy;
      if (why != null) {
        problems.add(new LineProblem(r.number(), r.text(), why));
        continue;
      }
      rows.add(new InstalledPackage(name, sourceName, version, sourceVersion, arch));
    }
    return new Parsed<>(rows, problems);
  }
}
