#!/usr/bin/env python3
"""Builds the link stage's lexicons from WordNet 3.0 and SymSpell's frequency lists.

    python3 crates/link/tools/build_lexicons.py WORDNET_DIR SYMSPELL_DIR lexicons/

WORDNET_DIR is Debian's `wordnet-base` (/usr/share/wordnet); SYMSPELL_DIR is
the `symspellpy` package folder from PyPI (symspellpy 6.9.0), which bundles
`frequency_dictionary_en_82_765.txt` and
`frequency_bigramdictionary_en_243_342.txt`. Writes `link_synonyms.tsv`,
`link_classes.tsv` and `link_usage.tsv`; their format and licences are in
lexicons/README.md. Only word lists and counts are written, never text.
"""

import math
import os
import re
import sys
from collections import defaultdict

WN, SS, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
# Words spinners swap and the detector checks: the most frequent forms only.
THESAURUS_WORDS = 30000
MAX_SYNONYMS = 8
# Class edges use only a lemma's first senses (WordNet orders them by
# frequency); classes stay small (see below).
CLASS_SENSES = 4
CLASS_CAP = 16
HEADER = """# {title}
# Built by crates/link/tools/build_lexicons.py from WordNet 3.0 (Debian
# wordnet-base) and SymSpell's English frequency lists (PyPI symspellpy 6.9.0,
# MIT; counts from the Google Books Ngram data). See lexicons/README.md.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY
# MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.
"""


def word_ok(w):
    return re.fullmatch(r"[a-z]+", w) is not None and len(w) > 1


freq = {}
for line in open(os.path.join(SS, "frequency_dictionary_en_82_765.txt")):
    w, c = line.split()
    if word_ok(w):
        freq[w] = int(c)
rank = {w: i for i, w in enumerate(sorted(freq, key=lambda w: -freq[w]))}
stop = set()
for line in open(os.path.join(os.path.dirname(OUT.rstrip("/")) or ".", OUT, "stopwords_en.txt")):
    line = line.strip()
    if line and not line.startswith("#"):
        stop.add(line)

# synsets: offset -> lemmas; senses: (lemma, pos) -> offsets in sense order
synset = {}
senses = {}
for name, p in POS.items():
    for line in open(os.path.join(WN, "data." + name)):
        if line.startswith("  "):
            continue
        f = line.split()
        n = int(f[3], 16)
        lemmas = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).lower() for i in range(n)]
        synset[(p, f[0])] = [l for l in lemmas if word_ok(l)]
    for line in open(os.path.join(WN, "index." + name)):
        if line.startswith("  "):
            continue
        f = line.split()
        lemma, n_syn, n_ptr = f[0], int(f[2]), int(f[3])
        senses[(lemma, p)] = f[4 + n_ptr + 2:][:n_syn]

exceptions = defaultdict(list)  # (surface, pos) -> lemmas
for name, p in POS.items():
    for line in open(os.path.join(WN, name + ".exc")):
        f = line.split()
        exceptions[(f[0], p)] += f[1:]

# WordNet's morphy rules, tagged with the inflection they undo.
RULES = {
    "n": [("s", "", "pl"), ("ses", "s", "pl"), ("xes", "x", "pl"), ("zes", "z", "pl"),
          ("ches", "ch", "pl"), ("shes", "sh", "pl"), ("men", "man", "pl"), ("ies", "y", "pl")],
    "v": [("s", "", "s"), ("ies", "y", "s"), ("es", "e", "s"), ("es", "", "s"),
          ("ed", "e", "ed"), ("ed", "", "ed"), ("ing", "e", "ing"), ("ing", "", "ing")],
    "a": [("er", "", "er"), ("est", "", "est"), ("er", "e", "er"), ("est", "e", "est")],
    "r": [],
}


def analyses(w):
    """(lemma, pos, form) readings of a surface word."""
    out = []
    for p in POS.values():
        if (w, p) in senses:
            out.append((w, p, "base"))
        for lemma in exceptions.get((w, p), []):
            if (lemma, p) in senses:
                form = {"n": "pl", "v": "ed", "a": "er", "r": "er"}[p]
                if p == "v" and w.endswith("ing"):
                    form = "ing"
                elif p == "v" and w.endswith("s") and not w.endswith("ss"):
                    form = "s"
                out.append((lemma, p, form))
        for suffix, repl, form in RULES[p]:
            if w.endswith(suffix) and len(w) > len(suffix) + 1:
                lemma = w[: len(w) - len(suffix)] + repl
                if (lemma, p) in senses:
                    out.append((lemma, p, form))
    return list(dict.fromkeys(out))


vocab = [w for w in freq if w not in stop]
reading = {w: analyses(w) for w in vocab}
inflect = {}  # (lemma, pos, form) -> most frequent surface
for w in sorted(vocab, key=lambda w: -freq[w]):
    for a in reading[w]:
        inflect.setdefault(a, w)


def lemma_synonyms(lemma, p, first_senses=None):
    offsets = senses.get((lemma, p), [])
    if first_senses:
        offsets = offsets[:first_senses]
    out = []
    for o in offsets:
        out += [l for l in synset[(p, o)] if l != lemma]
    return list(dict.fromkeys(out))


def surface_synonyms(w, first_senses=None):
    out = []
    for lemma, p, form in reading[w]:
        for s in lemma_synonyms(lemma, p, first_senses):
            t = inflect.get((s, p, form))
            if t and t != w and t not in stop:
                out.append(t)
    return list(dict.fromkeys(out))


# Thesaurus: every sense, as a spinner uses it.
common = sorted((w for w in vocab if rank[w] < THESAURUS_WORDS), key=lambda w: rank[w])
thesaurus = {}
for w in common:
    syns = sorted(surface_synonyms(w), key=lambda s: -freq[s])[:MAX_SYNONYMS]
    if syns:
        thesaurus[w] = syns
with open(os.path.join(OUT, "link_synonyms.tsv"), "w") as f:
    f.write(HEADER.format(title="dossier link: thesaurus of common English words (surface forms)"))
    f.write("# Format: word<TAB>synonyms, space-separated, most frequent first.\n")
    for w in common:
        if w in thesaurus:
            f.write(f"{w}\t{' '.join(thesaurus[w])}\n")

# Classes: a partition of lemmas in which a spinner's swap most often stays
# inside one class. Synonym edges are merged strongest first (a lemma's first
# senses before its rare ones, frequent words before rare ones) with union-find,
# and no class grows past CLASS_CAP lemmas, so chains of rare senses cannot glue
# unrelated words together. The representative is the class's commonest word.
def lemma_of(w):
    rs = reading.get(w) or [(w, None, "base")]
    return max(rs, key=lambda r: freq.get(r[0], 0))[0]


lemmas = sorted({lemma_of(w) for w in vocab}, key=lambda l: (-freq.get(l, 0), l))
edges = []
for l in lemmas:
    for p in POS.values():
        for sense, o in enumerate(senses.get((l, p), [])[:CLASS_SENSES]):
            for s in synset[(p, o)]:
                if s != l and s in freq and s not in stop:
                    edges.append((sense, -min(freq.get(l, 0), freq[s]), l, s))
edges.sort()
parent, size = {}, {}


def find(x):
    parent.setdefault(x, x)
    size.setdefault(x, 1)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


for _, _, l, s in edges:
    a, b = find(l), find(s)
    if a != b and size[a] + size[b] <= CLASS_CAP:
        if freq.get(a, 0) < freq.get(b, 0):
            a, b = b, a
        parent[b] = a
        size[a] += size[b]


def root(l):
    return find(l)


groups = defaultdict(list)
for w in sorted(vocab, key=lambda w: rank[w]):
    r = root(lemma_of(w))
    if r != w:
        groups[r].append(w)
with open(os.path.join(OUT, "link_classes.tsv"), "w") as f:
    f.write(HEADER.format(title="dossier link: word classes (inflections and first-sense synonyms)"))
    f.write("# Format: representative<TAB>words that normalise to it, space-separated.\n")
    for r in sorted(groups, key=lambda r: rank.get(r, 10**9)):
        f.write(f"{r}\t{' '.join(groups[r])}\n")

# The reference of normal usage: counts of the bigrams the detector can ask
# about (one word has synonyms) and of every word in them.
bigrams = []
for line in open(os.path.join(SS, "frequency_bigramdictionary_en_243_342.txt")):
    a, b, c = line.split()
    if word_ok(a) and word_ok(b) and (a in thesaurus or b in thesaurus):
        bigrams.append((a, b, int(c)))
words = sorted({w for a, b, _ in bigrams for w in (a, b) if w in freq} | set(thesaurus), key=lambda w: rank[w])
with open(os.path.join(OUT, "link_usage.tsv"), "w") as f:
    f.write(HEADER.format(title="dossier link: reference of normal English usage (word and bigram counts)"))
    f.write("# Format: word or word pair<TAB>round(log2(count / 6.4 million)), counts from Google Books.\n")
    for w in words:
        f.write(f"{w}\t{round(math.log2(freq[w] / 6.4e6))}\n")
    for a, b, c in bigrams:
        f.write(f"{a} {b}\t{round(math.log2(c / 6.4e6))}\n")
