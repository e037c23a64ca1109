#!/usr/bin/env bash
# Side by side, in one run: Tailcall 1.0.0, Hive Gateway 2.15.1 (GraphQL Mesh over an OpenAPI subset, without and with
# its response cache) and the project's packaged gateway, all in front of the project's simulator run on its own, for
# the same Genesys details page (25 conversations), 16 connections (wrk). Every uncached request has its own interval
# (start shifted by its index in ms), so nothing caches. Figure: CPU ms per request of the measured process (/proc),
# with rps and latency. Loopback only.
#
# Run from the project's root after `./mvnw package -DskipTests` (or set APP=path/to/quarkus-run.jar):
#   bash bench/peers.sh            # D=10 (seconds measured), W=10 (warm-up seconds) per scenario
#
# The project's copy of ../shared/bench/peers.sh (same set-up and table), with three additions: the gateway's CPU split
# by thread group (event loops, JIT compiler, GC) for its rows, latency of every uncached peer at one request rate
# (R requests a second, default 100: wrk paced by a fixed pause per connection, so the rates differ by the latencies;
# the measured rate is printed), and GW_JVM_ARGS for the gateway's JVM (e.g. a JFR recording, see docs/benchmarks.md).
# Installs wrk (Debian) and the peers (npm, into PEERS_DIR, default ~/.cache/peer-bench) when missing.
# It starts the gateway with the settings keys of the project as of 2026-12 (gateway.security.api-keys.*,
# gateway.security.rate-limit.*, simulator.*, genesys.*): copy it into bench/ and adapt it if those change.
set -u
here=$(cd "$(dirname "$0")" && pwd)
APP=${APP:-target/quarkus-app/quarkus-run.jar}; APP=$(readlink -f "$APP")
D=${D:-10}; W=${W:-10}; P=${PEERS_DIR:-$HOME/.cache/peer-bench}; R=${R:-100}
SIM=18491; GW=18492; RP=18493
[ -f "$APP" ] || { echo "no $APP: run ./mvnw package -DskipTests first"; exit 2; }
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || { echo "wrk missing"; exit 2; }
mkdir -p "$P" && cd "$P" || exit 2
if [ ! -x node_modules/.bin/hive-gateway ] || [ ! -x node_modules/@tailcallhq/core-linux-x64-gnu/bin/tailcall ]; then
  [ -f package.json ] || npm init -y >/dev/null
  npm install --no-audit --no-fund --silent --save-exact @graphql-hive/gateway@2.15.1 @graphql-mesh/compose-cli@1.8.2 \
    @omnigraph/openapi@0.112.4 graphql @tailcallhq/core-linux-x64-gnu@1.0.0 >/dev/null 2>&1 || { echo "peer install failed"; exit 2; }
fi
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
redis-server --port $RP --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & pids+=($!)
KEY=bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'); SALT=$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
HASH=$SALT:$(printf '%s%s' "$SALT" "$KEY" | sha256sum | cut -d' ' -f1)
common=(-Xmx512m -Dgateway.security.api-keys.bench.hash=$HASH -Dgateway.security.api-keys.bench.roles=admin
        -Dgateway.security.rate-limit.per-second=10000000 -Dgateway.security.rate-limit.burst=10000000
        -Dquarkus.redis.hosts=redis://127.0.0.1:$RP -Dwebhooks.deliver=false)
java "${common[@]}" -Dquarkus.http.port=$SIM -Dsimulator.enabled=true -Dsimulator.rate-limit-per-minute=100000000 \
  -jar "$APP" > sim.log 2>&1 & pids+=($!)
for _ in $(seq 1 90); do curl -fs 127.0.0.1:$SIM/q/health/live >/dev/null && break; sleep 1; done
U=http://127.0.0.1:$SIM/simulator
java "${common[@]}" ${GW_JVM_ARGS:-} -Dquarkus.http.port=$GW -Dsimulator.enabled=false -Dgenesys.api-url=$U -Dgenesys.login-url=$U \
  -Dgenesys.client-id=gateway-dev -Dgenesys.client-secret=gateway-dev-secret -jar "$APP" > gw.log 2>&1 & GWPID=$!; pids+=($GWPID)
TOKEN=$(curl -s -u gateway-dev:gateway-dev-secret -d grant_type=client_credentials $U/oauth/token | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
mkdir -p compose gw-nocache gw-cache tc
sed "s#http://127.0.0.1:4010#$U#" "$here/peers-openapi.yaml" > compose/openapi.yaml
cat > compose/mesh.config.ts <<TS
import { defineConfig } from '@graphql-mesh/compose-cli'
import { loadOpenAPISubgraph } from '@omnigraph/openapi'
export const composeConfig = defineConfig({ subgraphs: [{ sourceHandler: loadOpenAPISubgraph('Genesys', {
  source: './openapi.yaml', endpoint: '$U',
  selectQueryOrMutationField: [{ type: 'query', fieldName: 'postAnalyticsConversationsDetailsQuery' }],
  operationHeaders: { Authorization: '{context.headers.authorization}' } }) }] })
TS
(cd compose && ../node_modules/.bin/mesh-compose -o ../supergraph.graphql >/dev/null 2>&1) || { echo "mesh-compose failed"; exit 2; }
cp supergraph.graphql gw-nocache/; cp supergraph.graphql gw-cache/
cat > gw-cache/gateway.config.ts <<'TS'
import { defineConfig } from '@graphql-hive/gateway'
export const gatewayConfig = defineConfig({ supergraph: './supergraph.graphql', responseCaching: { session: () => null, ttl: 60_000 } })
TS
cat > tc/genesys.graphql <<GQL
schema @server(port: 4001, hostname: "127.0.0.1") @upstream(allowedHeaders: ["authorization"]) { query: Query }
type Query { postAnalyticsConversationsDetailsQuery(input: ConversationQueryInput): Resp
  @http(method: POST, url: "$U/api/v2/analytics/conversations/details/query", body: "{{.args.input}}") }
input ConversationQueryInput { interval: String!  order: String  orderBy: String  paging: PagingSpecInput }
input PagingSpecInput { pageSize: Int  pageNumber: Int }
type Resp { conversations: [Conv]  totalHits: Int }
type Conv { conversationId: String conversationStart: String conversationEnd: String originatingDirection: String }
GQL
(cd gw-nocache && exec ../node_modules/.bin/hive-gateway supergraph supergraph.graphql --host 127.0.0.1 --port 4000 >../hive.log 2>&1) & HIVE=$!; pids+=($HIVE)
(cd gw-cache && exec ../node_modules/.bin/hive-gateway supergraph -c gateway.config.ts --host 127.0.0.1 --port 4002 >../hive-cache.log 2>&1) & HIVEC=$!; pids+=($HIVEC)
(cd tc && TAILCALL_TRACKER=false exec ../node_modules/@tailcallhq/core-linux-x64-gnu/bin/tailcall start genesys.graphql >../tc.log 2>&1) & TC=$!; pids+=($TC)
for _ in $(seq 1 90); do curl -fs 127.0.0.1:$GW/q/health/ready >/dev/null && break; sleep 1; done
sleep 8
S0=$(date -u -d '-7 days' +%Y-%m-%dT00:00:00); E0=$(date -u -d '-1 days' +%Y-%m-%dT00:00:00.000Z)
# A wrk script per target; vary=1 shifts the interval start by the request index (ms), vary=0 repeats one request.
mk() { cat > "$1.lua" <<LUA
local n = 0
local base = os.time{year=${S0:0:4}, month=tonumber("${S0:5:2}"), day=tonumber("${S0:8:2}"), hour=0}
request = function()
  n = n + 1
  local ms = $3 * n
  local start = os.date("!%Y-%m-%dT%H:%M:%S", base + math.floor(ms / 1000)) .. string.format(".%03dZ", ms % 1000)
  if "$2" == "gw" then
    local q = '{ conversations(filter:{interval:{start:\\\\"' .. start .. '\\\\",end:\\\\"${E0}\\\\"}}, first:25){ totalCount edges{ node{ id start end direction } } } }'
    return wrk.format("POST", nil, {["Content-Type"]="application/json", ["X-API-Key"]="${KEY}"}, '{"query":"' .. q .. '"}')
  end
  local t = ("$2" == "tc") and "ConversationQueryInput" or "ConversationQuery_Input"
  local body = '{"query":"query C(\$in: ' .. t .. '){ postAnalyticsConversationsDetailsQuery(input: \$in){ totalHits conversations{ conversationId conversationStart conversationEnd originatingDirection } } }","variables":{"in":{"interval":"' .. start .. '/${E0}","paging":{"pageSize":25,"pageNumber":1}}}}'
  return wrk.format("POST", nil, {["Content-Type"]="application/json", ["Authorization"]="Bearer ${TOKEN}"}, body)
end
LUA
}
mk peer-vary peer 1; mk peer-fixed peer 0; mk tc-vary tc 1; mk gw-vary gw 1; mk gw-fixed gw 0
# The same uncached requests at about R a second in all: 16 connections, each pausing 16000/R ms before a request.
for f in peer-vary tc-vary gw-vary; do
  { cat $f.lua; echo "delay = function() return $((16000 / R)) end"; } > $f-paced.lua
  sed -i 's/local ms = 1 \* n/local ms = 1 * n + 500000/' $f-paced.lua  # intervals of their own: nothing cached
done
tck=$(getconf CLK_TCK)
rss() { awk '/VmRSS/ {printf "%d MiB", $2/1024}' /proc/$1/status 2>/dev/null; }
threads() { for t in /proc/$1/task/*; do awk -v n="$(tr -d ' ' < $t/comm)" '{print n, $14+$15}' $t/stat 2>/dev/null; done \
  | sed -E 's/[-#]?[0-9]+ / /' | awk '{sum[$1]+=$2} END {for (k in sum) print k, sum[k]}' | sort; }
split=()
measure() { # name pid lua url
  local pid=$2; cpu() { awk '{print $14+$15}' /proc/$pid/stat 2>/dev/null || echo 0; }
  wrk -t2 -c16 -d${W}s -s "$3" "$4" >/dev/null 2>&1
  local t0=$(threads $pid)
  local c0=$(cpu); local out=$(wrk -t2 -c16 -d${D}s --latency -s "$3" "$4" 2>&1); local c1=$(cpu)
  if [ "$pid" = "$GWPID" ]; then
    local reqs0=$(echo "$out" | awk '/requests in/ {print $1}')
    split+=("$1: $(join -a2 -e0 -o 0,1.2,2.2 <(echo "$t0") <(threads $pid) | awk -v r=${reqs0:-1} -v t=$tck \
      '{d=($3-$2)*1000/t/r; if (d>=0.01) printf "%s %.3f, ", $1, d}')")
  fi
  local reqs=$(echo "$out" | awk '/requests in/ {print $1}'); local non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf '| %-30s | %9s | %8s | %8s | %6s | %8s | %s |\n' "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')" \
    "$(awk -v a=$c0 -v b=$c1 -v t=$tck -v r=${reqs:-1} 'BEGIN{printf "%.3f",(b-a)*1000/t/r}')" "$(rss $pid)" "${non2xx:-0}"
}
check() { # url headers... -> first 120 chars of one answer; a non-data answer stops the run
  local a; a=$(curl -s -X POST "$@"); echo "  ${a:0:120}"; case "$a" in '{"data":{"'*) ;; *) echo "not a data answer: stop"; exit 1 ;; esac; }
echo "load $(cut -d' ' -f1 /proc/loadavg); one answer from each:"
check http://127.0.0.1:$GW/graphql -H 'content-type: application/json' -H "X-API-Key: $KEY" \
  -d "{\"query\":\"{ conversations(filter:{interval:{start:\\\"$S0.000Z\\\",end:\\\"$E0\\\"}}, first:25){ totalCount } }\"}"
for port in 4001 4000; do
  check http://127.0.0.1:$port/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \
    -d "{\"query\":\"{ postAnalyticsConversationsDetailsQuery(input:{interval:\\\"$S0.000Z/$E0\\\", paging:{pageSize:25,pageNumber:1}}){ totalHits } }\"}"
done
echo
echo "| scenario | rps | p50 | p99 | CPU ms/req | RSS | non-2xx |"
echo "|---|---|---|---|---|---|---|"
measure "tailcall 1.0.0, uncached" $TC tc-vary.lua http://127.0.0.1:4001/graphql
measure "hive 2.15.1, uncached" $HIVE peer-vary.lua http://127.0.0.1:4000/graphql
measure "this gateway, uncached (warm-up)" $GWPID gw-vary.lua http://127.0.0.1:$GW/graphql
measure "hive 2.15.1, cache hit" $HIVEC peer-fixed.lua http://127.0.0.1:4002/graphql
measure "this gateway, cache hit" $GWPID gw-fixed.lua http://127.0.0.1:$GW/graphql
measure "tailcall 1.0.0, uncached (2nd)" $TC tc-vary.lua http://127.0.0.1:4001/graphql
measure "this gateway, uncached (2nd)" $GWPID gw-vary.lua http://127.0.0.1:$GW/graphql
echo
echo "Compare the (2nd) rows: both processes warm, same machine, same minute."
echo
echo "The gateway's CPU per request by thread group (ms; vert.x-eventloo = the event loops, C2/C1 = the JIT compiler):"
for line in "${split[@]}"; do echo "- $line"; done
echo
echo "Latency at about $R requests a second, uncached, 20 s each after the runs above:"
echo
echo "| target | rps | p50 | p90 | p99 |"
echo "|---|---|---|---|---|"
paced() { local out=$(wrk -t2 -c16 -d20s --latency -s "$2" "$3" 2>&1)
  printf '| %-18s | %6s | %8s | %8s | %8s |\n' "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="90%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')"; }
paced "tailcall 1.0.0" tc-vary-paced.lua http://127.0.0.1:4001/graphql
paced "hive 2.15.1" peer-vary-paced.lua http://127.0.0.1:4000/graphql
paced "this gateway" gw-vary-paced.lua http://127.0.0.1:$GW/graphql
echo
echo "RSS after the runs: tailcall $(rss $TC), hive $(rss $HIVE), hive with cache $(rss $HIVEC), this gateway $(rss $GWPID)"
