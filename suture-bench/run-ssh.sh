#!/usr/bin/env bash
# Suture vs Ansible over real SSH on this machine (docs/benchmarks.md, "Suture vs Ansible over SSH").
#
#   suture-bench/run-ssh.sh                       # 200 and 1000 hosts, defaults below
#   suture-bench/run-ssh.sh --sizes 200 --forks-200 25,50,100,200 --suture-runs 3
#
# One fleet (the real-sshd fixture of suture-ssh's test-jar: /usr/sbin/sshd on a loopback port,
# fake hosts 127.0.1.1, 127.0.1.2, ...) is started once; then for each size Suture runs
# (in one JVM per run, under /usr/bin/time -v) and Ansible runs (ansible-playbook under
# /usr/bin/time -v, started by `SshFleetBench ansible`), each from freshly re-seeded hosts.
#
# Options:
#   --sizes LIST            fleet sizes (default 200,1000)
#   --forks-N LIST|best     Ansible forks to try at size N (default: 25,50,100,200 for the first
#                           size; "best" = the fastest of the first size's forks, for the others)
#   --max-connecting LIST   Suture SshExecutor handshake limits to try (default 32)
#   --suture-runs R         Suture runs per size and max-connecting value (default 2)
#   --ansible-runs R        Ansible runs per size and forks value (default 1)
#   --suture-args "ARGS"    more `SshFleetBench suture` options, e.g. "--wave-concurrency 200"
#   --dir DIR               work dir (default /tmp/suture-ssh-bench; [A-Za-z0-9._/+-] only)
#   --idle CORES            before each run wait (up to 10 min) until the machine's other
#                           processes use less than CORES cores over 3 s (default 0.3; 0 = don't wait)
# Environment: BENCH_JAVA_OPTS (default -Xmx1g) for the Suture JVM, MVN_FLAGS (e.g. -o),
# REBUILD=1 to rebuild even when the jar exists.
# Needs root, /usr/sbin/sshd, ssh-keygen, ansible-core (Debian), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=200,1000
MAX_CONNECTING=32
SUTURE_RUNS=2
ANSIBLE_RUNS=1
SUTURE_ARGS=
DIR=/tmp/suture-ssh-bench
IDLE=0.3
declare -A FORKS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --forks-*) FORKS[${1#--forks-}]=$2; shift 2 ;;
    --max-connecting) MAX_CONNECTING=$2; shift 2 ;;
    --suture-runs) SUTURE_RUNS=$2; shift 2 ;;
    --ansible-runs) ANSIBLE_RUNS=$2; shift 2 ;;
    --suture-args) SUTURE_ARGS=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown option $1 (--help)" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a sizes <<< "$SIZES"
IFS=, read -r -a connecting <<< "$MAX_CONNECTING"
max=0
for n in "${sizes[@]}"; do (( n > max )) && max=$n; done

for tool in /usr/bin/time /usr/bin/ansible-playbook /usr/sbin/sshd; do
  [[ -x $tool ]] || { echo "$tool is missing" >&2; exit 1; }
done

# ---- build (if needed), then a private copy of the classpath: other builds on this machine may
# ---- clean the module target dirs while a run is going on.
if [[ -n ${REBUILD:-} || ! -f suture-bench/target/suture-bench.jar || ! -f suture-bench/target/classpath.txt ]]; then
  echo "# building suture-bench" >&2
  mvn -B -q -Dstyle.color=never ${MVN_FLAGS:-} -pl suture-bench -am package -DskipTests >&2
fi
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
rm -rf "$DIR/lib" "$DIR/runs"
mkdir -p "$DIR/lib" "$DIR/runs"
cp suture-bench/target/suture-bench.jar "$DIR/lib/"
tr ':' '\n' < suture-bench/target/classpath.txt | while read -r jar; do [[ -n $jar ]] && cp "$jar" "$DIR/lib/"; done
CP="$DIR/lib/*"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx1g}
bench() { java -cp "$CP" dev.suture.bench.ssh.SshFleetBench "$@"; }

# ---- the fleet: runs until its stdin (fd 3 of this script) closes
rm -rf "$DIR/fleet"
exec 3> >(exec java -cp "$CP" dev.suture.bench.ssh.SshFleetBench fleet --dir "$DIR/fleet" --hosts "$max" > "$DIR/fleet.log" 2>&1)
FLEET_PID=$!
stop_fleet() {
  exec 3>&-
  for _ in $(seq 100); do kill -0 "$FLEET_PID" 2>/dev/null || return 0; sleep 0.1; done
  kill "$FLEET_PID" 2>/dev/null || true
}
trap stop_fleet EXIT
for _ in $(seq 600); do
  grep -q '^READY' "$DIR/fleet.log" 2>/dev/null && break
  kill -0 "$FLEET_PID" 2>/dev/null || { cat "$DIR/fleet.log" >&2; exit 1; }
  sleep 0.2
done
grep -q '^READY' "$DIR/fleet.log" || { echo "fleet did not start" >&2; cat "$DIR/fleet.log" >&2; exit 1; }
grep '^# fleet' "$DIR/fleet.log"

# ---- helpers
busy_ticks() { awk 'NR==1 {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
cores() { grep -c ^processor /proc/cpuinfo; }
# Waits until the machine has been (almost) idle for 3 s: our own runs are over by then, so what
# is busy is someone else.
wait_idle() {
  if [[ $IDLE == 0 ]]; then echo "-"; return 0; fi
  local waited=0 b0 t0 b1 t1 busy
  while :; do
    read -r b0 t0 < <(busy_ticks); sleep 3; read -r b1 t1 < <(busy_ticks)
    busy=$(awk -v b=$((b1 - b0)) -v t=$((t1 - t0)) -v c="$(cores)" 'BEGIN {printf "%.2f", c * b / t}')
    if awk -v b="$busy" -v m="$IDLE" 'BEGIN {exit !(b < m)}'; then break; fi
    if (( waited >= 600 )); then echo "# still $busy cores busy after 10 min of waiting: running anyway" >&2; break; fi
    (( waited % 60 == 0 )) && echo "# waiting for the machine to be idle ($busy cores busy; load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    waited=$((waited + 3))
  done
  echo "$busy"
}
field() { tr ' ' '\n' <<< "$1" | awk -F= -v k="$2" '$1 == k {print substr($0, length(k) + 2)}'; }
gnu() { awk -v k="$2" 'index($0, k) {sub(/.*: /, ""); print; exit}' "$1"; }
clock() { awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s}' <<< "$1"; }

RESULTS=$DIR/results.tsv
printf 'size\ttool\tconc\twall_s\trollout_s\tcpu_s\ttool_cpu_s\thost_cpu_s\tother_cores\tmaxrss_mb\ttree_pss_mb\tok\tidle_before\tsampler_cpu_s\tlog\n' > "$RESULTS"
HEADER=$(printf '%-5s %-7s %-17s %7s %9s %7s %8s %8s %6s %8s %8s %-5s %6s %s' size tool conc wall-s rollout-s cpu-s tool-cpu host-cpu other maxrss-MB pss-MB ok idle0 sampler)
row() { # size tool conc wall rollout cpu toolcpu hostcpu other rss pss ok idle sampler log
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
  printf '%-5s %-7s %-17s %7s %9s %7s %8s %8s %6s %8s %8s %-5s %6s %s\n' "${@:1:14}"
}
# other processes' share: machine CPU minus the tool's and the hosts' over the measured interval
other_cores() { awk -v m="$1" -v t="$2" -v h="$3" -v s="$4" 'BEGIN {o = (m - t - h) / s; if (o < 0) o = 0; printf "%.2f", o}'; }

run_suture() { # size maxConnecting run
  local n=$1 k=$2 i=$3 base idle r
  base=$DIR/runs/suture-$n-k$k-$i
  idle=$(wait_idle)
  echo "# $(date -u +%H:%M:%S) suture $n hosts, max-connecting $k, run $i (idle before: $idle cores; load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  /usr/bin/time -v -o "$base.time" java $JAVA_OPTS -cp "$CP" dev.suture.bench.ssh.SshFleetBench suture --dir "$DIR/fleet" --hosts "$n" \
    --max-connecting "$k" $SUTURE_ARGS > "$base.log" 2> "$base.err" || true
  r=$(grep '^RESULT ' "$base.log" || echo "RESULT ok=false")
  grep -E '^(# stages|# last|# suture|FAILED|  - )' "$base.log" >&2 || true
  local wall cpu
  wall=$(clock "$(gnu "$base.time" 'Elapsed (wall clock)')")
  cpu=$(awk -v u="$(gnu "$base.time" 'User time')" -v s="$(gnu "$base.time" 'System time')" 'BEGIN {printf "%.2f", u + s}')
  row "$n" suture "$(field "$r" conc)" "$wall" "$(field "$r" rollout_s)" "$cpu" "$(field "$r" tool_cpu_s)" "$(field "$r" host_cpu_s)" \
    "$(other_cores "$(field "$r" machine_cpu_s)" "$(field "$r" tool_cpu_s)" "$(field "$r" host_cpu_s)" "$(field "$r" measured_s)")" \
    "$(( $(gnu "$base.time" 'Maximum resident set size') / 1024 ))" "$(field "$r" tree_pss_mb)" "$(field "$r" ok)" "$idle" \
    "$(field "$r" sampler_cpu_s)" "$base.log"
}

run_ansible() { # size forks run
  local n=$1 f=$2 i=$3 base idle r
  base=$DIR/runs/ansible-$n-f$f-$i
  idle=$(wait_idle)
  echo "# $(date -u +%H:%M:%S) ansible $n hosts, forks $f, run $i (idle before: $idle cores; load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  bench ansible --dir "$DIR/fleet" --hosts "$n" --forks "$f" > "$base.log" 2> "$base.err" || true
  cp "$DIR/fleet/ansible-$n-f$f/time.txt" "$base.time" 2>/dev/null || true
  cp "$DIR/fleet/ansible-$n-f$f/ansible.log" "$base.ansible.log" 2>/dev/null || true
  r=$(grep '^RESULT ' "$base.log" || echo "RESULT ok=false")
  grep -E '^(# ansible|FAILED|  - )' "$base.log" >&2 || true
  local cpu
  cpu=$(awk -v u="$(field "$r" user_s)" -v s="$(field "$r" sys_s)" 'BEGIN {printf "%.2f", u + s}')
  row "$n" ansible "forks=$f" "$(field "$r" wall_s)" "-" "$cpu" "$(field "$r" tool_cpu_s)" "$(field "$r" host_cpu_s)" \
    "$(other_cores "$(field "$r" machine_cpu_s)" "$(field "$r" tool_cpu_s)" "$(field "$r" host_cpu_s)" "$(field "$r" measured_s)")" \
    "$(field "$r" maxrss_mb)" "$(field "$r" tree_pss_mb)" "$(field "$r" ok)" "$idle" "$(field "$r" sampler_cpu_s)" "$base.log"
}

# fastest successful Ansible forks at size N so far
best_forks() {
  awk -F'\t' -v n="$1" '$1 == n && $2 == "ansible" && $12 == "true" {sub(/forks=/, "", $3); if (best == "" || $4 + 0 < w) {w = $4 + 0; best = $3}} END {print best}' "$RESULTS"
}

echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(cores) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1), $(ansible-playbook --version | head -1), $(ssh -V 2>&1)"
echo "# columns: wall-s = GNU time elapsed of the whole process (Suture: JVM start, reseed, H2 setup, rollout, exit);"
echo "#   rollout-s = Suture create -> SUCCEEDED; cpu-s = GNU time user+sys; tool-cpu = the tool's own processes"
echo "#   (Suture: JVM CPU from setup on; Ansible: cgroup of ansible-playbook + forks + ssh + ControlPersist masters);"
echo "#   host-cpu = cgroup of sshd and all it ran (the fake hosts); other = cores used by anything else meanwhile"
echo "#   (including the memory sampler: its CPU seconds are the last column); maxrss-MB = GNU time (largest single"
echo "#   process); pss-MB = peak sum of PSS over the tool's process tree; idle0 = busy cores just before the run"
echo "$HEADER"
first=${sizes[0]}
for n in "${sizes[@]}"; do
  for k in "${connecting[@]}"; do
    for i in $(seq "$SUTURE_RUNS"); do run_suture "$n" "$k" "$i"; done
  done
  forks=${FORKS[$n]:-}
  if [[ -z $forks ]]; then
    if [[ $n == "$first" ]]; then forks=25,50,100,200; else forks=best; fi
  fi
  if [[ $forks == best ]]; then
    forks=$(best_forks "$first")
    [[ -n $forks ]] || forks=100
    echo "# ansible at $n hosts: forks $forks (fastest at $first hosts)" >&2
  fi
  IFS=, read -r -a fl <<< "$forks"
  for f in "${fl[@]}"; do
    for i in $(seq "$ANSIBLE_RUNS"); do run_ansible "$n" "$f" "$i"; done
  done
done

echo
echo "# summary: fastest successful run of each tool per size; ratio = Ansible wall / Suture wall"
awk -F'\t' 'NR > 1 && $12 == "true" {
    k = $1 SUBSEP $2
    if (!(k in w) || $4 + 0 < w[k]) { w[k] = $4 + 0; c[k] = $3; r[k] = $5 }
    sizes[$1] = 1
  }
  END {
    for (n in sizes) {
      s = n SUBSEP "suture"; a = n SUBSEP "ansible"
      line = sprintf("%5s hosts: suture %s s (%s, rollout %s s)", n, (s in w) ? w[s] : "-", (s in c) ? c[s] : "-", (s in r) ? r[s] : "-")
      line = line sprintf(", ansible %s s (%s)", (a in w) ? w[a] : "-", (a in c) ? c[a] : "-")
      if ((s in w) && (a in w)) line = line sprintf(", ratio %.1fx (%.1fx on the rollout alone)", w[a] / w[s], w[a] / r[s])
      print line
    }
  }' "$RESULTS" | sort -n
echo "# all rows: $RESULTS; logs: $DIR/runs"
