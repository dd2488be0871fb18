#!/usr/bin/env bash
# Load test of `dossier serve` on loopback: a store of 10,000 generated
# articles (bench/analyze.sh's: target/link-bench/corpus.jsonl, written by
# the candidates bench when missing), then wrk for $DURATION (default 30s)
# per class of endpoint — pages (overview, story, article, actor), the JSON
# API (lists and details), search (page and API, several queries) — with
# $CONNECTIONS (default 8) connections. Prints p50/p99/max latency, rate
# and errors per class. Goal: search p99 < 50 ms, pages < 100 ms, 0 errors.
#
#   bench/serve.sh [GROUND_TRUTH_JSON]
#
# Needs wrk (apt-get install wrk). The store is kept in target/serve-bench
# and reused; delete it to rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
gold=$(realpath "${1:-../shared/eval/extraction/ground-truth.json}")
corpus=target/link-bench/corpus.jsonl
if [ ! -s "$corpus" ]; then
  cargo bench --quiet -p dossier-eval --bench candidates -- "$gold" >/dev/null 2>&1
fi
cargo build --quiet --release -p dossier-cli
out=target/serve-bench
mkdir -p "$out"
db="$out/bench.db"
if [ ! -s "$db" ]; then
  /usr/bin/time -f "analyze: %e s" target/release/dossier analyze --db "$db" "$corpus" >/dev/null
fi
port=${PORT:-18080}
base="http://127.0.0.1:$port"
target/release/dossier --db "$db" serve --addr "127.0.0.1:$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'echo "serve: peak RSS $(grep VmHWM /proc/$server/status | tr -s " " | cut -d" " -f2-)"; kill -INT $server; wait $server' EXIT
for _ in $(seq 100); do curl -sf "$base/api/v1/stories?limit=1" >/dev/null && break; sleep 0.2; done

first() { curl -sf "$base/api/v1/$1" | python3 -c "import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)['items'][$2]['id'], safe=''))"; }
story=$(first "stories?limit=1" 0)
docs=$(for i in 0 1 2 3; do first "documents?offset=$((i * 2000))&limit=1" 0; done)
actors=$(for i in 0 5 20; do first "actors?limit=21" "$i"; done)
echo "store: $(curl -sf "$base/api/v1/documents?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') documents, $(curl -sf "$base/api/v1/stories?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') stories"

pages="/ /story/$story"
for d in $docs; do pages="$pages /document/$d"; done
for a in $actors; do pages="$pages /actor/$a"; done
api="/api/v1/stories /api/v1/stories/$story /api/v1/documents /api/v1/events /api/v1/actors /api/v1/quotes"
for d in $docs; do api="$api /api/v1/documents/$d"; done
for a in $actors; do api="$api /api/v1/actors/$a /api/v1/calculus/$a"; done
search=""
for q in government "prime+minister" election police "water+accord" said "security+council" economy; do
  search="$search /search?q=$q /api/v1/search?q=$q"
done

for class in pages api search; do
  printf '%-7s ' "$class:"
  PATHS="${!class}" wrk -t"$(( ${CONNECTIONS:-8} < 2 ? 1 : 2 ))" -c"${CONNECTIONS:-8}" -d"${DURATION:-30s}" --latency -s bench/serve.lua "$base" | tail -1
done
