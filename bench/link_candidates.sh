#!/usr/bin/env bash
# Candidate search of the link stage vs datasketch, on the same documents.
#
#   bench/link_candidates.sh [GROUND_TRUTH_JSON]   10,000 documents, both tools
#   bench/link_candidates.sh --million             1,000,000 generated documents,
#                                                  dossier only: time and peak RSS
#
# The 10,000 documents are copies of the extraction benchmark's article
# bodies (every kind of copy, fixed seed) plus unrelated generated text,
# written by the Rust bench to target/link-bench/ and read by both sides.
# Installs datasketch 2.0.0 into target/bench-venv (PyPI) on first use.
# Both sides time text -> candidate pairs; dossier is timed on 2 threads and
# on 1 (datasketch is single-threaded); the ratio uses the 2-thread time,
# the machine's whole capacity, and the 1-thread ratio is printed beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--million" ]; then
  /usr/bin/time -v cargo bench --quiet -p dossier-eval --bench candidates -- --million 2>target/link-million.time
  grep -E 'Maximum resident|Elapsed' target/link-million.time
  exit
fi

venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import datasketch' 2>/dev/null; then
  "$venv/bin/pip" install --quiet "datasketch==2.0.0"
fi

gold=$(realpath "${1:-../shared/eval/extraction/ground-truth.json}")
ours=$(cargo bench --quiet -p dossier-eval --bench candidates -- "$gold" 2>/dev/null)
theirs=$("$venv/bin/python" bench/link_datasketch.py target/link-bench/corpus.jsonl target/link-bench/pairs.tsv)
echo "$ours" | head -3
echo "$theirs" | head -1
python3 - "$(echo "$ours" | tail -1)" "$(echo "$theirs" | tail -1)" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"ratio: dossier is {theirs['seconds'] / ours['seconds_2_threads']:.0f}x faster than datasketch "
      f"({theirs['seconds'] / ours['seconds_1_thread']:.0f}x on one thread); "
      f"recall {ours['recall']:.3f} vs {theirs['recall']:.3f}")
PY
