package dev.suture.core.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code files} snapshot provider: copies of a few absolute paths, kept on the target under
 * {@code DIR/{{rollout.id}}/}, taken and restored by POSIX sh scripts run through the plan's
 * executor (so over ssh they run on the target).
 *
 * <p><b>The positional-parameter rule.</b> Nothing a plan or an asset provides is ever pasted
 * into script text. Each script below is a fixed Java constant; it runs as
 * {@code ["sh", "-c", SCRIPT, "suture-snapshot", DIR, ID, ...]}, so the directory, the rollout id,
 * the retention count and the paths reach it only as positional parameters ({@code $1},
 * {@code $2}, {@code "$@"}) and are only ever used double-quoted (or as a {@code case} word, which
 * is not split or globbed). A path like {@code /etc/x/$(touch pwned)} or {@code /etc/a;b} is
 * therefore one literal file name. The scripts must not contain {@code {{}: every argv element
 * goes through the template renderer, and only the separate {@code {{rollout.id}}} element is
 * meant to be substituted. The scripts re-check what the reader checks (absolute paths without
 * {@code .}/{@code ..} segments, no overlap, a safe id) because a path may contain a placeholder
 * whose value is only known on the target.
 *
 * <p>Layout of one snapshot: {@code DIR/ID/root/<path>} (copies with mode, owner, group and
 * timestamps; symlinks are copied as links), {@code DIR/ID/absent} (paths that did not exist, one
 * per line: restore deletes them) and {@code DIR/ID/complete} (written last, after {@code sync}).
 * ACLs, extended attributes and SELinux labels are not preserved (POSIX {@code cp -pPR}).
 *
 * <p>Exit codes: 0 ok, 2 invalid arguments, 3 no complete snapshot / path not in it (restore),
 * anything else: a failed cp/mv/rm (set -e).
 */
public final class FilesSnapshot {
  public static final String TYPE = "files";
  public static final String DEFAULT_DIR = "/var/lib/suture/snapshots";
  /** The snapshot id: one per rollout, so a retried target reuses (never retakes) its snapshot. */
  public static final String ID = "{{rollout.id}}";
  /** $0 of the scripts, shown in their error messages. */
  static final String NAME = "suture-snapshot";

  private FilesSnapshot() {}

  /** Shared by all scripts: strict mode, error helper, argument checks for DIR ($1) and ID ($2). */
  static final String PRELUDE = """
      set -eu
      LC_ALL=C
      export LC_ALL
      fail() { printf '%s: %s\\n' "$0" "$2" >&2; exit "$1"; }
      nl='
      '
      check_path() {
        case $1 in
          /*) ;;
          *) fail 2 "not an absolute path: $1" ;;
        esac
        case $1 in
          / | */ | *//* | */./* | */. | */../* | */.. | *"$nl"*) fail 2 "unsafe path: $1" ;;
        esac
      }
      [ "$#" -ge 2 ] || fail 2 "usage: DIR ID [...]"
      dir=$1
      id=$2
      check_path "$dir"
      case $id in
        '' | . | .. | *[!A-Za-z0-9._-]*) fail 2 "unsafe snapshot id: $id" ;;
      esac
      snap=$dir/$id
      check_paths() {
        [ "$#" -ge 1 ] || fail 2 "no paths given"
        pi=0
        for p in "$@"; do
          pi=$((pi + 1))
          check_path "$p"
          case $p/ in "$dir"/*) fail 2 "path is inside the snapshot dir $dir: $p" ;; esac
          case $dir/ in "$p"/*) fail 2 "path contains the snapshot dir $dir: $p" ;; esac
          qi=0
          for q in "$@"; do
            qi=$((qi + 1))
            [ "$pi" -ne "$qi" ] || continue
            case $p/ in "$q"/*) fail 2 "path $p is listed twice or inside $q" ;; esac
          done
        done
      }
      exists() { [ -e "$1" ] || [ -L "$1" ]; }
      """;

  /** $1 DIR, $2 ID, $3 RETAIN, then the paths. */
  static final String CREATE = PRELUDE + """
      [ "$#" -ge 3 ] || fail 2 "usage: DIR ID RETAIN PATH..."
      retain=$3
      case $retain in '' | *[!0-9]*) fail 2 "retain is not a whole number: $retain" ;; esac
      [ "$retain" -ge 1 ] || fail 2 "retain must be at least 1"
      shift 3
      check_paths "$@"
      umask 077
      if [ -f "$snap/complete" ]; then
        # Taken earlier in this rollout (a retry or a re-run after a crash): the existing snapshot
        # holds the state before the first apply and must not be overwritten.
        printf '%s: snapshot %s already complete\\n' "$0" "$id"
        exit 0
      fi
      # Every fork costs (a process start is 5-20 ms on a small VM, and a wave runs this on hundreds
      # of targets at once), so: rm only when there is something to remove, one mkdir for all
      # parent directories (built in a function, whose positional parameters are its own), one cp
      # per path.
      if exists "$snap"; then rm -rf "$snap"; fi
      parents() {
        n=$#
        for p in "$@"; do
          if exists "$p"; then set -- "$@" "$snap/root${p%/*}"; fi
        done
        shift "$n"
        mkdir -p "$snap/root" "$@"
      }
      parents "$@"
      : > "$snap/absent"
      for p in "$@"; do
        if exists "$p"; then
          cp -pPR "$p" "$snap/root$p"
        else
          printf '%s\\n' "$p" >> "$snap/absent"
        fi
      done
      sync
      printf '%s\\n' "$id" > "$snap/complete"
      # Retention: keep the newest RETAIN complete snapshots (by the marker's mtime), this one
      # always. Incomplete ones may belong to a rollout in progress and are left alone; only
      # subdirectories with a safe name are ever removed.
      for c in "$dir"/*/complete; do
        [ -f "$c" ] || continue
        d=${c%/complete}
        name=${d##*/}
        case $name in '' | . | .. | *[!A-Za-z0-9._-]*) continue ;; esac
        [ "$name" != "$id" ] || continue
        newer=0
        for o in "$dir"/*/complete; do
          [ -f "$o" ] || continue
          oname=${o%/complete}
          oname=${oname##*/}
          case $oname in '' | . | .. | *[!A-Za-z0-9._-]*) continue ;; esac
          if [ "$o" -nt "$c" ]; then newer=$((newer + 1)); fi
        done
        if [ "$newer" -ge "$retain" ]; then rm -rf "$d"; fi
      done
      printf '%s: snapshot %s taken\\n' "$0" "$id"
      """;

  /** $1 DIR, $2 ID, then the paths. */
  static final String RESTORE = PRELUDE + """
      shift 2
      check_paths "$@"
      umask 022
      [ -f "$snap/complete" ] || fail 3 "no complete snapshot $id in $dir: nothing restored"
      was_absent() {
        [ -f "$snap/absent" ] || return 1
        while IFS= read -r line; do
          if [ "$line" = "$1" ]; then return 0; fi
        done < "$snap/absent"
        return 1
      }
      # Check first that every path is covered, so a mismatch changes nothing.
      for p in "$@"; do
        exists "$snap/root$p" || was_absent "$p" || fail 3 "path $p is not in snapshot $id: nothing restored"
      done
      for p in "$@"; do
        if exists "$snap/root$p"; then
          # Copy next to the path, then swap: the path is missing only between rm and mv, and a
          # failed copy leaves the current file in place.
          tmp=$p.suture-restore-$id
          rm -rf "$tmp"
          parent=${p%/*}
          mkdir -p "${parent:-/}"
          cp -pPR "$snap/root$p" "$tmp"
          rm -rf "$p"
          mv "$tmp" "$p"
        else
          rm -rf "$p"
        fi
      done
      printf '%s: snapshot %s restored\\n' "$0" "$id"
      """;

  /** $1 DIR, $2 ID. Idempotent: a missing snapshot is not an error. */
  static final String DELETE = PRELUDE + """
      rm -rf "$snap"
      printf '%s: snapshot %s deleted\\n' "$0" "$id"
      """;

  public static List<String> create(String dir, int retain, List<String> paths, boolean become) {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", CREATE, NAME, dir, ID, Integer.toString(retain)));
    argv.addAll(paths);
    return PackagePreset.sudo(become, List.copyOf(argv));
  }

  public static List<String> restore(String dir, List<String> paths, boolean become) {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", RESTORE, NAME, dir, ID));
    argv.addAll(paths);
    return PackagePreset.sudo(become, List.copyOf(argv));
  }

  public static List<String> delete(String dir, boolean become) {
    return PackagePreset.sudo(become, List.of("sh", "-c", DELETE, NAME, dir, ID));
  }

  /** The expanded snapshot spec. Arguments must have passed {@link #pathProblem} and retain ≥ 1. */
  public static SnapshotSpec spec(String dir, List<String> paths, int retain, Duration timeout, boolean become) {
    return new SnapshotSpec(TYPE, create(dir, retain, paths, become), restore(dir, paths, become), timeout,
        delete(dir, become), retain);
  }

  /**
   * Why {@code path} cannot be snapshotted, if it cannot: it must be absolute, not {@code /}, with
   * no empty, {@code .} or {@code ..} segment, no trailing slash, and no NUL or line break.
   */
  public static Optional<String> pathProblem(String path) {
    if (path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0)
      return Optional.of("must not contain NUL or line breaks");
    if (!path.startsWith("/")) return Optional.of("must be an absolute path (starting with /)");
    if (path.equals("/")) return Optional.of("must not be / itself");
    if (path.endsWith("/")) return Optional.of("must not end with /");
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.isEmpty()) return Optional.of("must not contain //");
      if (segment.equals("..")) return Optional.of("must not contain a .. segment");
      if (segment.equals(".")) return Optional.of("must not contain a . segment");
    }
    return Optional.empty();
  }

  /** True when one path equals the other or lies below it. */
  public static boolean overlaps(String a, String b) {
    return (a + "/").startsWith(b + "/") || (b + "/").startsWith(a + "/");
  }
}
