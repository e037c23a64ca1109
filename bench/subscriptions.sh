#!/usr/bin/env bash
# Subscriptions benchmark: the packaged simulator (simulated callers) and two packaged gateways sharing one local Redis;
# 100 graphql-ws clients watch the same six queues. Loopback only. Usage: bench/subscriptions.sh [seconds] (default 30).
# Results: printed and written to target/bench-subscriptions.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp package -DskipTests
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.gcgateway.bench.SubscriptionsBenchmark "$@"
