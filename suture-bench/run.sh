#!/usr/bin/env bash
# Builds suture-bench (and what it depends on) and runs the rollout benchmark.
#   suture-bench/run.sh --targets 1000,10000 --db both --latency-ms 5
# JVM flags: BENCH_JAVA_OPTS (default -Xmx4g). Extra Maven flags: MVN_FLAGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
# build output goes to stderr: stdout is only the benchmark table
mvn -B -q -Dstyle.color=never ${MVN_FLAGS:-} -pl suture-bench -am install -DskipTests >&2
exec java ${BENCH_JAVA_OPTS:--Xmx4g} \
  -cp "suture-bench/target/suture-bench.jar:$(cat suture-bench/target/classpath.txt)" \
  dev.suture.bench.RolloutBenchmark "$@"
