#!/usr/bin/env bash
# Extraction speed: dossier vs trafilatura on the same pages, in one run.
#
#   bench/extraction.sh [PAGES_DIR]
#
# Installs trafilatura 2.3.1 into target/bench-venv (PyPI) on first use.
# Both sides read and decode the pages first and time extraction only, on
# one core each (dossier's bench is single-threaded; Python is too).
set -euo pipefail
cd "$(dirname "$0")/.."
pages=$(realpath "${1:-../shared/eval/extraction/html}")

venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "trafilatura==2.3.1" lxml_html_clean
fi

ours=$(cargo bench --quiet -p dossier-extract --bench extraction -- "$pages" 20 2>/dev/null)
texts=target/bench-trafilatura-texts
theirs=$("$venv/bin/python" bench/trafilatura_rate.py "$pages" 2 "$texts")
echo "$ours" | head -1
echo "$theirs" | head -1
python3 - "$(echo "$ours" | tail -1)" "$(echo "$theirs" | tail -1)" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"ratio: dossier is {ours['pages_per_s'] / theirs['pages_per_s']:.1f}x trafilatura's rate")
PY

# Quality of both under the same metric, when the pages are the benchmark's.
gold=$(dirname "$pages")/ground-truth.json
if [ -f "$gold" ]; then
  cargo run --quiet --release -- eval extraction --gold "$gold" --html "$pages" | tail -1 | sed 's/^/dossier     /'
  cargo run --quiet --release -- eval extraction --gold "$gold" --html "$pages" --extracted "$texts" | tail -1 | sed 's/^/trafilatura /'
fi
