#!/usr/bin/env bash
# Story grouping on a real multi-topic pile, read from ../shared at run time
# (nothing is copied into the repo):
#
#   bench/stories.sh [SHARED_DIR]
#
# The pile: every PolNeAR text (train + dev: 924 political articles from 7
# outlets, 2015-16 US election coverage; outlet and date from the file
# name), the 91 extraction-benchmark bodies (unrelated topics), the 5 seeds
# (one story) and the bundled sample corpus (one story). Runs `dossier eval
# stories` on the store: the largest story's share of the pile, the stories
# of two or more documents, whether the seeds are one story, and for a hand
# check of coherence 20 stories (the 10 largest, 10 more spread evenly over
# the rest) with their name, evidence and headlines; then the spun flags on
# the human-written articles (each a false alarm).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(realpath "${1:-../shared}")
out=target/stories-bench
rm -rf "$out" && mkdir -p "$out/pile"

python3 - "$shared" "$out/pile" <<'PY'
import json, os, sys
shared, out = sys.argv[1], sys.argv[2]
with open(os.path.join(out, "polnear.jsonl"), "w") as f:
    for part in ("train", "dev"):
        folder = os.path.join(shared, "eval/polnear", part, "text")
        for name in sorted(os.listdir(folder)):
            outlet, date, _ = name.split("_", 2)
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            f.write(json.dumps({"id": f"polnear:{name[:-4]}", "outlet": outlet,
                                "published": date, "text": text}) + "\n")
gold = json.load(open(os.path.join(shared, "eval/extraction/ground-truth.json")))
with open(os.path.join(out, "extraction.jsonl"), "w") as f:
    for key, page in sorted(gold.items()):
        f.write(json.dumps({"id": f"extraction:{key[:12]}", "url": page.get("url"),
                            "text": page["articleBody"]}) + "\n")
PY

cargo build --quiet --release -p dossier-cli
db="$out/pile.db"
/usr/bin/time -f "analyze: %e s wall, %U s user, %M KiB peak" \
  target/release/dossier analyze --db "$db" "$out/pile" "$shared/corpus/seeds" examples/corpus >/dev/null
target/release/dossier eval stories --db "$db" --together corpus/seeds/ --sample "${SAMPLE:-20}"

# Machine-rewriting flags on the pile's human-written articles (PolNeAR and
# the extraction benchmark): each one is a false alarm.
target/release/dossier export --db "$db" --format json >"$out/export.json"
python3 - "$out/export.json" <<'PY'
import json, sys
docs = json.load(open(sys.argv[1]))["documents"]
human = [d for d in docs if d["id"].startswith(("polnear:", "extraction:"))]
flagged = [d["id"] for d in human if d["spun"]]
print(f"\nspun flags on {len(human)} human-written articles: {len(flagged)} "
      f"({1000 * len(flagged) / max(len(human), 1):.1f} per 1,000)")
for d in flagged:
    print(f"  {d}")
PY
