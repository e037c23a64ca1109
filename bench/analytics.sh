#!/usr/bin/env bash
# Analytics benchmark: packaged gateway and simulator as two JVMs plus a local Redis, load from a third process,
# loopback only. Usage: bench/analytics.sh [requests-per-scenario] [warm-up-requests]   (defaults 5000 3000)
# Results: printed and written to target/bench-analytics.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp package -DskipTests
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.gcgateway.bench.AnalyticsBenchmark "$@"
