#!/usr/bin/env bash
# Analytics benchmark: packaged gateway and simulator as two JVMs plus a local Redis, load from a third process,
# loopback only. Usage: bench/analytics.sh [-Dname=value ...] [requests-per-scenario] [warm-up-requests]
# (defaults 5000 3000). -D options go to the benchmark's JVM, e.g. -Dbench.gateway.jvm-args=... for a JFR recording.
# Results: printed and written to target/bench-analytics.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp package -DskipTests
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
properties=(); counts=()
for arg in "$@"; do
  case "$arg" in -D*) properties+=("$arg") ;; *) counts+=("$arg") ;; esac
done
exec java "${properties[@]}" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.gcgateway.bench.AnalyticsBenchmark "${counts[@]}"
