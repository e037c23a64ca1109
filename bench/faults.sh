#!/usr/bin/env bash
# Fault suite: the packaged simulator (300 requests/min, as Genesys) and two packaged gateways, a state Redis with the
# manifest's flags and an evicting cache Redis, 16 clients, one fault per phase (429 storm, 503s, token expiry, cache
# Redis stop/start, state Redis kill -9/restart, gateway kill -9 mid-delivery); loopback only.
# Usage: bench/faults.sh [seconds-per-phase] (default 20). Prints one table and writes target/bench-faults.md;
# exits non-zero when any loss or malformed-answer column is not 0.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp package -DskipTests
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.gcgateway.bench.FaultSuite "$@"
