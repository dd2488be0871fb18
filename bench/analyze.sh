#!/usr/bin/env bash
# A whole `dossier analyze` (read, extract, analyse, store, link, stories,
# events, stances) of 10,000 generated articles, then the same command
# again (nothing new: no cross-article work), then one article more.
#
#   bench/analyze.sh [--datasketch] [GROUND_TRUTH_JSON]
#
# The articles are bench/link_candidates.sh's: copies of every kind of the
# extraction benchmark's bodies plus unrelated generated text, written to
# target/link-bench/corpus.jsonl by the candidates bench when missing.
# Prints wall and CPU seconds and peak RSS of each run. `--datasketch`
# also times datasketch's MinHash LSH dedup alone on the same articles
# (installed into target/bench-venv from PyPI on first use) and prints how
# many times faster the whole analysis is.
set -euo pipefail
cd "$(dirname "$0")/.."
datasketch=no
if [ "${1:-}" = "--datasketch" ]; then datasketch=yes; shift; fi
gold=$(realpath "${1:-../shared/eval/extraction/ground-truth.json}")
corpus=target/link-bench/corpus.jsonl
if [ ! -s "$corpus" ]; then
  cargo bench --quiet -p dossier-eval --bench candidates -- "$gold" >/dev/null 2>&1
fi
cargo build --quiet --release -p dossier-cli
out=target/analyze-bench
rm -rf "$out" && mkdir -p "$out"
db="$out/bench.db"
fmt="%e s wall, %U+%S s CPU, %M KiB peak"

run() {
  local name=$1 label=$2; shift 2
  /usr/bin/time -o "$out/$name.time" -f "$fmt" target/release/dossier analyze --db "$db" --json "$@" >"$out/summary.json"
  printf '%-28s %s  (%s)\n' "$label" "$(cat "$out/$name.time")" \
    "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("new {new}, links {links}, stories {stories}, events {events}, stances {stances}".format(**s))' "$out/summary.json")"
}

run first "10,000 articles:" "$corpus"
run again "again, nothing new:" "$corpus"
head -c 4000 examples/corpus/01-wire-signing.txt >"$out/one-more.txt"
echo "One more paragraph, so that the content is new." >>"$out/one-more.txt"
run more "again, one article more:" "$corpus" "$out/one-more.txt"

if [ "$datasketch" = yes ]; then
  venv=target/bench-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -c 'import datasketch' 2>/dev/null || "$venv/bin/pip" install --quiet "datasketch==2.0.0"
  theirs=$("$venv/bin/python" bench/link_datasketch.py "$corpus" target/link-bench/pairs.tsv | tail -1)
  python3 - "$theirs" "$(cut -d' ' -f1 "$out/first.time")" <<'PY'
import json, sys
theirs, ours = json.loads(sys.argv[1])["seconds"], float(sys.argv[2])
print(f"datasketch MinHash LSH dedup alone: {theirs:.1f} s; the whole dossier analyze is "
      f"{theirs / ours:.1f}x faster (wall, 2 threads)")
PY
fi
