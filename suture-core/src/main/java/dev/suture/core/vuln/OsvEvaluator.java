package dev.suture.core.vuln;

import dev.suture.core.version.SemVerScheme;
import dev.suture.core.version.VersionScheme;
import dev.suture.core.version.VersionSchemes;
import dev.suture.core.vuln.OsvRecord.Affected;
import dev.suture.core.vuln.OsvRecord.Event;
import dev.suture.core.vuln.OsvRecord.EventKind;
import dev.suture.core.vuln.OsvRecord.Range;
import dev.suture.core.vuln.OsvRecord.RangeType;
import dev.suture.core.vuln.OsvVerdict.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The OSV schema's evaluation algorithm (osv-schema, "Evaluation"): a version is affected when it is
 * listed in {@code versions}, or when for some range it is before one of the range's limits (or the
 * range has none) and walking the range's events sorted by version leaves it vulnerable:
 * {@code introduced <= v} sets vulnerable, {@code fixed <= v} and {@code last_affected < v} clear it.
 * Versions are ordered by the ecosystem's {@link VersionScheme} (SEMVER ranges by SemVer 2.0).
 * GIT ranges are skipped: they name commits, and hosts report package versions, not commits; OSV
 * feeds for distributions and language registries also carry ECOSYSTEM ranges or versions lists.
 * Stateless and thread-safe.
 */
public final class OsvEvaluator {
  private static final VersionScheme SEMVER = new SemVerScheme();

  /**
   * Evaluates one advisory for one installed package.
   *
   * @param ecosystem the host's ecosystem with its release, e.g. {@code Debian:12}, {@code Alpine:v3.20}
   */
  public OsvVerdict evaluate(OsvRecord record, String ecosystem, String packageName, String version) {
    String id = record.id();
    if (record.isWithdrawn()) {
      return new OsvVerdict(id, Outcome.NOT_AFFECTED, "withdrawn",
          "the advisory was withdrawn on " + record.withdrawn().get(), Optional.empty());
    }
    // Every matching entry is tried: an advisory may list the same package twice (e.g. once per
    // release, or once with ranges and once with a versions list), and any one of them may say affected.
    OsvVerdict undecided = null;
    OsvVerdict notAffected = null;
    for (int a = 0; a < record.affected().size(); a++) {
      Affected entry = record.affected().get(a);
      if (entry.pkg().isEmpty()) continue;
      OsvRecord.Package pkg = entry.pkg().get();
      if (!pkg.name().equals(packageName) || !ecosystemApplies(pkg.ecosystem(), ecosystem)) continue;
      OsvVerdict v = entry(id, "affected[" + a + "]", entry, pkg.ecosystem(), version);
      if (v.affected()) return v;
      if (v.outcome() == Outcome.UNDECIDED) {
        if (undecided == null) undecided = v;
      } else if (notAffected == null) {
        notAffected = v;
      }
    }
    // An entry Suture could not evaluate outweighs one that says "not affected": reporting "unknown"
    // is honest, reporting "safe" might be a missed vulnerability.
    if (undecided != null) return undecided;
    if (notAffected != null) return notAffected;
    return new OsvVerdict(id, Outcome.NOT_AFFECTED, "",
        "no affected entry for " + packageName + " in " + ecosystem, Optional.empty());
  }

  private OsvVerdict entry(String id, String path, Affected entry, String ecosystem, String version) {
    OsvVerdict undecided = null;
    OsvVerdict notAffected = null;
    for (int r = 0; r < entry.ranges().size(); r++) {
      OsvVerdict v = range(id, path + ".ranges[" + r + "]", entry.ranges().get(r), ecosystem, version);
      if (v == null) continue;
      if (v.affected()) return v;
      if (v.outcome() == Outcome.UNDECIDED) {
        if (undecided == null) undecided = v;
      } else if (notAffected == null) {
        notAffected = v;
      }
    }
    // The spec's membership test is exact string equality, so it needs no scheme and still works when
    // the installed version cannot be parsed.
    int listed = entry.versions().indexOf(version);
    if (listed >= 0) {
      return new OsvVerdict(id, Outcome.AFFECTED, path + ".versions[" + listed + "]",
          version + " is listed in the advisory's versions", Optional.empty());
    }
    if (undecided != null) return undecided;
    if (notAffected != null) return notAffected;
    return new OsvVerdict(id, Outcome.NOT_AFFECTED, path,
        version + " is not listed in the advisory's versions"
            + (entry.ranges().isEmpty() ? "" : " and the entry has only GIT ranges"), Optional.empty());
  }

  /** One range's verdict, or null for a GIT range (not evaluated). */
  private OsvVerdict range(String id, String path, Range range, String ecosystem, String v) {
    if (range.type() == RangeType.GIT) return null;
    Optional<VersionScheme> found = range.type() == RangeType.SEMVER ? Optional.of(SEMVER) : VersionSchemes.find(ecosystem);
    if (found.isEmpty()) {
      return new OsvVerdict(id, Outcome.UNDECIDED, path, "Suture has no version scheme for ecosystem " + ecosystem,
          Optional.empty());
    }
    VersionScheme scheme = found.get();
    if (!scheme.isValid(v)) {
      return new OsvVerdict(id, Outcome.UNDECIDED, path,
          "installed version '" + v + "' is not a valid " + scheme.name() + " version", Optional.empty());
    }
    List<Indexed> events = new ArrayList<>();
    for (int i = 0; i < range.events().size(); i++) events.add(new Indexed(i, range.events().get(i)));
    // List.sort is stable: events of equal version and kind keep document order.
    events.sort(order(scheme));

    Indexed limit = null;
    boolean beforeLimits = true;
    for (Indexed e : events) {
      if (e.event.kind() != EventKind.LIMIT) continue;
      if (limit == null) {
        limit = e;
        beforeLimits = false;
      }
      if (e.event.isLimitStar() || scheme.compare(v, e.event.version()) < 0) {
        beforeLimits = true;
        break;
      }
    }
    if (!beforeLimits) {
      return new OsvVerdict(id, Outcome.NOT_AFFECTED, path + ".events[" + limit.index + "]",
          v + " is not before any limit of the range (lowest limit " + limit.event.version() + ")", Optional.empty());
    }

    boolean vulnerable = false;
    int deciding = -1;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i).event;
      if (e.kind() == EventKind.INTRODUCED && (e.isIntroducedZero() || scheme.compare(v, e.version()) >= 0)) {
        vulnerable = true;
        deciding = i;
      } else if (e.kind() == EventKind.FIXED && scheme.compare(v, e.version()) >= 0) {
        vulnerable = false;
        deciding = i;
      } else if (e.kind() == EventKind.LAST_AFFECTED && scheme.compare(v, e.version()) > 0) {
        vulnerable = false;
        deciding = i;
      }
    }

    if (vulnerable) {
      Indexed intro = events.get(deciding);
      // The events after the opening one, in order, say where the window closes.
      for (int i = deciding + 1; i < events.size(); i++) {
        Event e = events.get(i).event;
        if (e.kind() == EventKind.FIXED) {
          return new OsvVerdict(id, Outcome.AFFECTED, at(path, intro),
              v + " is at or after introduced " + intro.event.version() + " and before fixed " + e.version(),
              Optional.of(e.version()));
        }
        if (e.kind() == EventKind.LAST_AFFECTED) {
          return new OsvVerdict(id, Outcome.AFFECTED, at(path, intro),
              v + " is at or after introduced " + intro.event.version() + " and at or before last_affected "
                  + e.version() + " (no fixed version named)", Optional.empty());
        }
      }
      return new OsvVerdict(id, Outcome.AFFECTED, at(path, intro),
          v + " is at or after introduced " + intro.event.version() + " and no fix is known", Optional.empty());
    }
    if (deciding < 0) {
      Indexed first = events.stream().filter(e -> e.event.kind() == EventKind.INTRODUCED).findFirst().orElseThrow();
      return new OsvVerdict(id, Outcome.NOT_AFFECTED, at(path, first),
          v + " is before introduced " + first.event.version(), Optional.empty());
    }
    Indexed close = events.get(deciding);
    if (close.event.kind() == EventKind.FIXED) {
      return new OsvVerdict(id, Outcome.NOT_AFFECTED, at(path, close),
          v + " is at or after fixed " + close.event.version(), Optional.of(close.event.version()));
    }
    return new OsvVerdict(id, Outcome.NOT_AFFECTED, at(path, close),
        v + " is after last_affected " + close.event.version(), Optional.empty());
  }

  private static String at(String rangePath, Indexed e) { return rangePath + ".events[" + e.index + "]"; }

  /**
   * Sorts events by version; {@code introduced: "0"} first and {@code limit: "*"} last, as the spec's
   * special values say. At equal versions introduced comes first, so "introduced X, fixed X" is an empty
   * window rather than an affected X, whatever order the record lists them in.
   */
  private static Comparator<Indexed> order(VersionScheme scheme) {
    return (x, y) -> {
      int c = Integer.compare(rank(x.event), rank(y.event));
      if (c == 0 && rank(x.event) == 1) c = scheme.compare(x.event.version(), y.event.version());
      return c != 0 ? c : Integer.compare(x.event.kind().ordinal(), y.event.kind().ordinal());
    };
  }

  /** 0 for introduced "0", 2 for limit "*", 1 for everything ordered by the scheme. */
  private static int rank(Event e) { return e.isIntroducedZero() ? 0 : e.isLimitStar() ? 2 : 1; }

  private record Indexed(int index, Event event) {}

  /**
   * True when an advisory for {@code advisory} (an OSV ecosystem, possibly with ":release") applies to a
   * host of ecosystem {@code host}. The ecosystem names must be equal (ignoring case: no two OSV
   * ecosystems differ by case only); an advisory without a release applies to every release, one with a
   * release only to hosts of exactly that release. A host whose release is unknown gets no
   * release-specific advisory: which release's fixed version applied would be a guess.
   */
  public static boolean ecosystemApplies(String advisory, String host) {
    if (advisory == null || host == null) return false;
    int ac = advisory.indexOf(':');
    int hc = host.indexOf(':');
    String aBase = ac < 0 ? advisory : advisory.substring(0, ac);
    String hBase = hc < 0 ? host : host.substring(0, hc);
    if (!aBase.equalsIgnoreCase(hBase)) return false;
    if (ac < 0) return true;
    return hc >= 0 && advisory.substring(ac + 1).equals(host.substring(hc + 1));
  }
}
