#!/usr/bin/env bash
# The scale-out path end to end: a generated corpus on the PostgreSQL
# queue, then 1, 2 and 3 `dossier worker`s into a PostgreSQL store (with 3,
# one worker is killed with SIGKILL twice and started again), each run
# checked against a single-process SQLite `dossier analyze` of the same
# corpus (every document stored once; the same reuse links, stories,
# events and every other table), and articles/s printed for each.
#
#   bench/scale.sh [ARTICLES]        (default 2000)
#   DOSSIER_BIN=PATH bench/scale.sh …  (that binary; else one built first)
#
# Starts PostgreSQL on 127.0.0.1 with .ci/setup-postgres.sh. The corpus
# is made of stories as news has them: most texts appear once, about one
# story in seven is a copy family of 2 to 10 documents (the original and
# copies with light edits: a paragraph dropped, a word or two changed, a
# line added), the copies scattered through the pile; the first fifteen
# families are the sample corpus's texts, so there are actors and events
# to merge, the others unrelated text of the corpus's words. So reuse links
# grow with the pile, not with its square. Every article ends with a
# numbered correction line, boilerplate every document shares.
# At the end, the single-process store is analysed again with the same
# corpus: a re-run with nothing new.
# Throughput is wall time from the workers' start to the last one's exit
# (the queue filled before), on this machine's cores: more workers on one
# machine share its cores; they add throughput when they run on more.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
# One batch size for the single run and the workers: the link stage aligns
# every pair while the store holds at most 200 documents, so where batches
# end decides which pairs a small store compares.
batch=64
# DOSSIER_BIN=PATH runs a binary built before instead of building one.
[ -n "${DOSSIER_BIN:-}" ] || cargo build --quiet --release -p dossier-cli
url=$(.ci/setup-postgres.sh)
base=${url%/*}
out=target/scale-bench
rm -rf "$out" && mkdir -p "$out"
# A copy of the binary, so a build during a long run changes nothing in it.
cp "${DOSSIER_BIN:-target/release/dossier}" "$out/dossier"
bin=$PWD/$out/dossier
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$n" >"$out/corpus.jsonl" <<'PY'
import glob, json, random, re, sys
n = int(sys.argv[1])
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("examples/corpus/*.txt"))]
words = re.findall(r"[A-Za-z][a-z]+", " ".join(texts))
rng = random.Random(7)

def unrelated():
    # Sentences of words drawn from the corpus: a text no other shares.
    return [" ".join(
        " ".join(rng.choice(words) for _ in range(rng.randrange(8, 20))).capitalize() + "."
        for _ in range(4)) for _ in range(6)]

def edited(paragraphs):
    # A copy with light edits: a paragraph dropped, one to three words changed.
    paragraphs = list(paragraphs)
    if len(paragraphs) > 3:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(paragraphs))
        tokens = paragraphs[at].split(" ")
        tokens[rng.randrange(len(tokens))] = rng.choice(words)
        paragraphs[at] = " ".join(tokens)
    return paragraphs

docs = []
stories = 0
while len(docs) < n:
    if stories < len(texts):
        original = [p for p in texts[stories].split("\n\n") if p.strip()]
        size = rng.randrange(2, 11)
    else:
        original = unrelated()
        size = rng.randrange(2, 11) if rng.random() < 0.15 else 1
    stories += 1
    docs.append(original)
    docs.extend(edited(original) for _ in range(size - 1))
docs = docs[:n]
rng.shuffle(docs)
for i, paragraphs in enumerate(docs):
    paragraphs = paragraphs + [f"Correction {i}: an earlier version of this article misspelt a name."]
    print(json.dumps({"id": f"scale-{i}", "text": "\n\n".join(paragraphs)}))
PY

compare() { # compare EXPORT_JSON REFERENCE_JSON
  python3 - "$1" "$2" "$n" <<'PY'
import json, sys
def normalised(path):
    tables = json.load(open(path))
    for name, rows in tables.items():
        for r in rows:
            if name == "reuse":
                if r["a"] > r["b"]:
                    r["a"], r["b"] = r["b"], r["a"]
                    for p in r["passages"]:
                        p["a"], p["b"] = p["b"], p["a"]
                r["passages"].sort(key=lambda p: p["a"])
            if name == "actors":
                r["roles"].sort(); r["aliases"].sort()
        rows.sort(key=lambda r: json.dumps(r, sort_keys=True))
    return tables
got, ref, n = normalised(sys.argv[1]), normalised(sys.argv[2]), int(sys.argv[3])
ids = [d["id"] for d in got["documents"]]
problems = []
if len(ids) != n or len(set(ids)) != n:
    problems.append(f"{len(ids)} documents, {len(set(ids))} distinct, of {n}")
for table in ref:
    if got[table] != ref[table]:
        problems.append(f"{table}: {len(got[table])} rows, single process {len(ref[table])}")
print("same as the single-process run" if not problems else "DIFFERS: " + "; ".join(problems))
sys.exit(1 if problems else 0)
PY
}

start=$(date +%s.%N)
"$bin" --db "$out/single.db" analyze --batch-size "$batch" --json "$out/corpus.jsonl" >"$out/single.json"
single=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
"$bin" --db "$out/single.db" export --format json >"$out/single-export.json"
python3 - "$out/single.json" "$n" "$single" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n, secs = int(sys.argv[2]), float(sys.argv[3])
print(f"single process, SQLite:  {n} articles in {secs:.1f} s = {n / secs:.0f} articles/s "
      f"({s['links']} reuse links, {s['stories']} stories, {s['events']} events)")
PY

status=0
for workers in 1 2 3; do
  db="dossier_scale_$workers"
  psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
  "$bin" --db "$base/$db" enqueue "$out/corpus.jsonl" >/dev/null
  worker() { "$bin" --db "$base/$db" worker --until-empty --batch-size "$batch" --json >>"$out/workers-$workers.log" 2>&1; }
  start=$(date +%s.%N)
  pids=()
  for _ in $(seq "$workers"); do worker & pids+=($!); done
  kills=""
  if [ "$workers" = 3 ]; then
    for round in 1 2; do
      sleep 3
      # The worker process itself (the shell function's child), by its id.
      victim=$(pgrep -P "${pids[0]}" -x dossier || true)
      if [ -n "$victim" ]; then
        kill -9 "$victim"; wait "${pids[0]}" || true
        worker & pids[0]=$!
        kills="$kills kill -9 at ${round}x3 s;"
      fi
    done
  fi
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  secs=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
  "$bin" --db "$base/$db" export --format json >"$out/export-$workers.json"
  verdict=$(compare "$out/export-$workers.json" "$out/single-export.json") || status=1
  python3 -c "import sys; n, s = int(sys.argv[1]), float(sys.argv[2]); print(f'{sys.argv[3]} worker(s), PostgreSQL: {n} articles in {s:.1f} s = {n / s:.0f} articles/s;{sys.argv[4]} {sys.argv[5]}')" \
    "$n" "$secs" "$workers" "$kills" "$verdict"
done
# A re-run with nothing new: every document's content hash is stored, so
# nothing is read past that check and no cross-article work is done.
start=$(date +%s.%N)
"$bin" --db "$out/single.db" analyze --batch-size "$batch" --json "$out/corpus.jsonl" >"$out/rerun.json"
python3 -c "import sys, json; s = json.load(open(sys.argv[3])); print(f'a re-run with nothing new, SQLite: {float(sys.argv[2]) - float(sys.argv[1]):.2f} s ({s[\"new\"]} new)')" \
  "$start" "$(date +%s.%N)" "$out/rerun.json"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
