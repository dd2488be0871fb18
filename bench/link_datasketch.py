"""datasketch's MinHash LSH on the documents of bench/link_candidates.sh.

    python bench/link_datasketch.py CORPUS.jsonl PAIRS.tsv

The textbook recipe: lowercase word tokens, 5-word shingles, MinHash with
128 permutations (update_batch, datasketch's fastest path), MinHashLSH with
threshold 0.5; every document inserted, then every document queried.
Times text -> candidates (file reading excluded); prints recall per kind of
copy and a JSON line for the script.
"""

import json
import re
import sys
import time
from collections import defaultdict

from datasketch import MinHash, MinHashLSH

texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
pairs = [line.rstrip("\n").split("\t") for line in open(sys.argv[2], encoding="utf-8")]
word = re.compile(r"\w+")

start = time.perf_counter()
lsh = MinHashLSH(threshold=0.5, num_perm=128)
sigs = []
for i, text in enumerate(texts):
    tokens = word.findall(text.lower())
    shingles = {" ".join(tokens[j : j + 5]).encode() for j in range(max(1, len(tokens) - 4))}
    m = MinHash(num_perm=128)
    m.update_batch(list(shingles))
    lsh.insert(i, m)
    sigs.append(m)
candidates = set()
for i, m in enumerate(sigs):
    for j in lsh.query(m):
        if j != i:
            candidates.add((min(i, j), max(i, j)))
seconds = time.perf_counter() - start

hit, of = defaultdict(int), defaultdict(int)
for a, b, kind in pairs:
    a, b = int(a), int(b)
    of[kind] += 1
    hit[kind] += (min(a, b), max(a, b)) in candidates
recall = sum(hit.values()) / max(1, sum(of.values()))
by_kind = ", ".join(f"{k} {hit[k] / of[k]:.3f}" for k in of)
print(f"datasketch candidates: {len(texts)} docs in {seconds:.2f} s (1 thread); "
      f"{len(candidates)} candidate pairs; recall {recall:.3f} ({by_kind})")
print(json.dumps({"seconds": seconds, "recall": recall}))
