#!/usr/bin/env bash
# Load test of `sitrep serve` on loopback: CLIENTS concurrent clients (200)
# for SECONDS (60) of mixed reads (pages of events with and without
# filters, stats, single records, health) over a store, while one writer
# posts documents (WRITER=0: none); then checks that no read failed and no
# write was lost.
#
#   scripts/load-test.sh STORE.db [SECONDS] [CLIENTS]
#
# Needs wrk (Debian: apt-get install wrk), curl and python3. A store of
# about 100,000 events from real news:
#   python3 scripts/make_news_feed.py --copies 40 > feed.jsonl
#   sitrep ingest feed.jsonl --db big.db
set -euo pipefail
DB=${1:?usage: scripts/load-test.sh STORE.db [SECONDS] [CLIENTS]}
SECS=${2:-60}
CLIENTS=${3:-200}
cd "$(dirname "$0")/.."
BIN=${SITREP_BIN:-target/release/sitrep}
PORT=${PORT:-8188}
TOKEN=load-test-token-0123456789
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Requests: a mix of what the map and analysts' scripts ask.
python3 - "$DB" > "$WORK/mixed.lua" <<'PY'
import sqlite3, sys, random
c = sqlite3.connect(sys.argv[1])
random.seed(7)
ids = [r[0] for r in c.execute("SELECT id FROM events ORDER BY random() LIMIT 300")]
types = [r[0] for r in c.execute("SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 8")]
paths = ["/api/events?limit=100", "/api/stats", "/healthz"]
paths += [f"/api/events?type={t}&limit=100" for t in types]
paths += [f"/api/stats?type={t}" for t in types]
paths += ["/api/events?from=2010-01-01&to=2010-12-31&limit=100", "/api/events?country=IN&limit=50",
          "/api/events?min_fatalities=5&limit=100", "/api/events?actor=police&limit=100",
          "/api/events?bbox=72,18,74,20&limit=100", "/api/events?acled=Riots&limit=100"]
paths += ["/api/events/" + i.replace("#", "%23") for i in ids]
print("local paths = {" + ",".join('"%s"' % p for p in paths) + "}")
print("""
math.randomseed(7)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect_err=%d read_err=%d write_err=%d timeout=%d\\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
""")
PY

SITREP_TOKEN=$TOKEN "$BIN" serve --db "$DB" --addr 127.0.0.1:$PORT --no-example 2> "$WORK/server.log" &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
BEFORE=$(curl -sf "http://127.0.0.1:$PORT/healthz")
echo "store before: $BEFORE"

# The writer: one document per request, each a new id, for the whole run
# (WRITER=0: reads only).
(
  end=$((SECONDS + SECS)); n=0; ok=0
  [ "${WRITER:-1}" = 0 ] && end=0
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    body="{\"id\":\"load-$$-$n\",\"published\":\"2024-05-07\",\"source\":\"load test\",\"text\":\"Gunmen killed $n policemen in Kano on Monday, police said. Protesters later blocked a road in the city.\"}"
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' --data "$body" "http://127.0.0.1:$PORT/api/documents")
    [ "$code" = 200 ] && ok=$((ok + 1))
  done
  echo "$n $ok" > "$WORK/writer"
) &
WRITER=$!

wrk -t2 -c"$CLIENTS" -d"${SECS}s" --timeout 30s --latency -s "$WORK/mixed.lua" "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt" | grep -E "RESULT|Requests/sec|Socket errors|Non-2xx" || true
wait $WRITER
read -r POSTED STORED < "$WORK/writer"
AFTER=$(curl -sf "http://127.0.0.1:$PORT/healthz")
RSS=$(awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$SERVER/status)
echo "store after: $AFTER"
echo "writer: $POSTED posted, $STORED stored (200)"
echo "server peak RSS: $RSS"
python3 - "$BEFORE" "$AFTER" "$STORED" <<'PY'
import json, sys
b, a, stored = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
grew = a["documents"] - b["documents"]
print(f"documents: {b['documents']} -> {a['documents']} (+{grew}); lost writes: {stored - grew}")
sys.exit(0 if grew == stored else 1)
PY
grep -q "non2xx=0 connect_err=0 read_err=0 write_err=0 timeout=0" "$WORK/wrk.txt" || { echo "read errors"; exit 1; }
echo "ok: no read error, no write lost"
