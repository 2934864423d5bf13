package dev.suture.core.inventory;

import dev.suture.core.version.ApkScheme;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Alpine's installed-package database, {@value #DATABASE}, as printed by {@link #COMMAND}.
 *
 * <p>Why the database file and not {@code apk list --installed}: the file is mode 0644, so any SSH
 * user can read it with {@code cat}, without running apk (which opens repository indexes and the
 * cache and can print warnings about them) and without depending on the apk-tools version's
 * output format. Above all its fields are explicit: {@code apk list} prints
 * {@code name-version-rN}, which has to be split at a hyphen guessed from the version grammar
 * (names hold hyphens and digits: {@code py3-pip-24.0-r2}, {@code so:libssl.so.3}), while the
 * database has {@code P:} name, {@code V:} version, {@code A:} architecture and {@code o:} origin
 * (the source package, which Alpine advisories name) on their own lines.
 *
 * <p>The file is a sequence of blocks separated by blank lines, one per package, of
 * {@code X:value} lines keyed by one character; keys other than P, V, A and o (checksums, file
 * lists, dependencies) are ignored. A package without {@code o:} is its own origin, and subpackages
 * share their origin's version, so the source version is the package's.
 */
public final class ApkParser {
  public static final String DATABASE = "/lib/apk/db/installed";
  /** The command the collector runs; it takes no user input. */
  public static final String COMMAND = "cat " + DATABASE;

  private final ApkScheme scheme = new ApkScheme();

  public Parsed<InstalledPackage> parse(String output) {
    List<InstalledPackage> rows = new ArrayList<>();
    List<LineProblem> problems = new ArrayList<>();
    List<String> lines = Lines.of(output);
    Block block = null;
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : "";
      if (line.isEmpty()) {
        if (block != null) block.finish(rows, problems);
        block = null;
        continue;
      }
      if (block == null) block = new Block(i + 1, line);
      if (line.length() < 2 || line.charAt(1) != ':') {
        problems.add(new LineProblem(i + 1, line, "not a 'X:value' line of the apk database"));
        continue;
      }
      String value = line.substring(2);
      switch (line.charAt(0)) {
        case 'P': block.name = value; break;
        case 'V': block.version = value; break;
        case 'A': block.arch = value; break;
        case 'o': block.origin = value; break;
        default: break;
      }
    }
    return new Parsed<>(rows, problems);
  }

  /** One package's lines, remembered from its first line so a problem can point at it. */
  private final class Block {
    final int line;
    final String firstLine;
    String name;
    String version;
    String arch;
    String origin;

    Block(int line, String firstLine) {
      this.line = line;
      this.firstLine = firstLine;
    }

    void finish(List<InstalledPackage> rows, List<LineProblem> problems) {
      String why = null;
      if (name == null || name.isEmpty()) {
        why = "package block has no P: (name)";
      } else if (version == null || version.isEmpty()) {
        why = "package '" + name + "' has no V: (version)";
      } else {
        String versionWhy = Versions.problem(scheme, version);
        if (versionWhy != null) why = "package '" + name + "' V: " + versionWhy;
      }
      if (why != null) {
        problems.add(new LineProblem(line, firstLine, why));
        return;
      }
      // A block with a bad line but a usable P: and V: is still kept: the bad line was reported,
      // and dropping the package would hide it from matching.
      String source = origin == null || origin.isEmpty() ? name : origin;
      rows.add(new InstalledPackage(name, source, version, version, arch == null ? "" : arch));
    }
  }
}
