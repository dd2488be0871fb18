#!/usr/bin/env bash
# Odd article shapes that once made one stage quadratic: a page-long
# "sentence" of dates, of names, of attacks; thousands of short quoted
# paragraphs; thousands of sentences naming people; quotations whose
# speaker is a description ("the Democratic front-runner"). Each shape is written
# at two sizes, N and 2N units, and analysed alone into a fresh store with
# `dossier analyze`; the script prints the CPU seconds of each and their
# ratio. A linear stage gives about 2 (less while the fixed start-up of
# loading the gazetteer and the model dominates); 4 means quadratic.
#
#   bench/shapes.sh [N]      (default 3000)
#
# Needs python3 (the generator only). Writes into target/shapes-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-3000}"
cargo build --quiet --release -p dossier-cli
out=target/shapes-bench
rm -rf "$out" && mkdir -p "$out"
python3 - "$out" "$n" <<'EOF'
import random, sys
out, n = sys.argv[1], int(sys.argv[2])
first = ["John", "Mary", "Ahmed", "Li", "Olga", "Pierre", "Kofi", "Ana", "Raj", "Yuki"]
last = ["Smith", "Chen", "Ivanov", "Dubois", "Mensah", "Garcia", "Patel", "Tanaka", "Okafor", "Novak"]
def shapes(k, rng):
    name = lambda i: f"{rng.choice(first)} {rng.choice(last)}{i}"
    return {
        "dates-one-sentence": " ".join(f"on {rng.randint(1, 28)} March {rng.randint(1950, 2030)} or Tuesday" for _ in range(k)) + ".",
        "names-one-sentence": ", ".join(name(i) for i in range(k)) + ".",
        "attacks-one-sentence": "Russia attacked Ukraine and China condemned the strike while " * k + "it ended.",
        "quoted-paragraphs": "\n\n".join(f"\u201cWe will go to town {i},\u201d he said. She added that it was fine." for i in range(k)),
        "named-sentences": " ".join(f"{name(i)} spoke. Later {rng.choice(last)}{i} left." for i in range(k)),
        "described-speakers": "\n\n".join(f"Democratic candidate {name(i)} met Republican candidate {name(i)}.\n\n\u201cWe will win {i},\u201d the Democratic front-runner said." for i in range(k)),
        "event-sentences": " ".join(f"Russia attacked Ukraine on day {i}. China condemned the strike." for i in range(k)),
    }
for size in (1, 2):
    for shape, body in shapes(n * size, random.Random(7)).items():
        with open(f"{out}/{shape}-{size}.txt", "w") as f:
            f.write(f"A headline\n\n{body}\n")
EOF
printf '%-22s %10s %10s %8s\n' shape "N (s CPU)" "2N (s CPU)" ratio
for one in "$out"/*-1.txt; do
  shape=$(basename "$one" -1.txt)
  secs=()
  for size in 1 2; do
    file="$out/$shape-$size.txt"
    /usr/bin/time -f "%U %S" -o "$out/time" \
      target/release/dossier --db "$out/$shape-$size.db" analyze "$file" >/dev/null 2>"$out/err" \
      || { echo "$shape: dossier analyze failed:"; cat "$out/err"; exit 1; }
    secs+=("$(awk '{print $1 + $2}' "$out/time")")
  done
  printf '%-22s %10s %10s %8s\n' "$shape" "${secs[0]}" "${secs[1]}" \
    "$(awk -v a="${secs[0]}" -v b="${secs[1]}" 'BEGIN { printf "%.2f", b / (a > 0 ? a : 0.01) }')"
done
