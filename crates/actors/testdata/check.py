#!/usr/bin/env python3
"""Validate the annotated actor-mention passages in this directory.

Standard library only. Usage: python3 check.py [--gazetteer PATH/actors.tsv]
Exit status 1 if any file fails; prints per-type mention counts and the ids used.
"""
import collections, datetime, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ANN = re.compile(r"\[([^\[\]|]+)\|([^\[\]|]+)\]")
STATE = re.compile(r"^[A-Z]{3}$")
IO = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")
PERSON = re.compile(r"^person:[a-z0-9]+(?:-[a-z0-9]+)*$")
STATE_BODY = re.compile(r"^org:[a-z]{3}-[a-z0-9]+(?:-[a-z0-9]+)*$")
ORG = re.compile(r"^org:[a-z0-9]+(?:-[a-z0-9]+)*$")
NAME = re.compile(r"^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")


def load_gazetteer(path):
    kinds = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                kinds[cols[0]] = cols[1]
    return kinds


def length(text):
    """Words; a run of CJK ideographs/kana counts one word per 1.5 characters."""
    n = 0
    for tok in text.split():
        cjk = sum(1 for ch in tok if unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA")))
        n += max(1, round(cjk / 1.5)) if cjk else 1
    return n


def classify(aid, gaz):
    if aid.startswith("person:"):
        return "person" if PERSON.match(aid) else None
    if aid.startswith("org:"):
        if not ORG.match(aid):
            return None
        prefix = aid[4:7]
        if gaz.get(aid) == "organization" and STATE_BODY.match(aid) and gaz.get(prefix.upper()) == "state":
            return "state-body"
        if STATE_BODY.match(aid) and gaz.get(prefix.upper()) == "state" and aid[7] == "-":
            return "state-body"
        return "organization"
    if STATE.match(aid) and (not gaz or gaz.get(aid) == "state"):
        return "state"
    if IO.match(aid):
        return "international-org"
    return None


def main():
    gpath = os.path.join(HERE, "..", "..", "..", "..", "gazetteer", "actors.tsv")
    if "--gazetteer" in sys.argv:
        gpath = sys.argv[sys.argv.index("--gazetteer") + 1]
    gaz = load_gazetteer(os.path.normpath(gpath))
    errors, by_type, ids, not_in_gaz = [], collections.Counter(), collections.Counter(), set()
    files = sorted(f for f in os.listdir(HERE) if f.endswith(".txt"))
    for fn in files:
        def err(msg):
            errors.append(f"{fn}: {msg}")
        if not NAME.match(fn):
            err("file name is not NN-short-name.txt")
        raw = open(os.path.join(HERE, fn), encoding="utf-8").read()
        lines = raw.split("\n")
        m = re.fullmatch(r"@date (\d{4}-\d{2}-\d{2})", lines[0])
        if not m:
            err("first line is not '@date YYYY-MM-DD'")
        else:
            try:
                datetime.date.fromisoformat(m.group(1))
            except ValueError:
                err("invalid date")
        if len(lines) < 3 or lines[1] != "":
            err("second line must be blank")
        body = "\n".join(lines[2:]).strip("\n")
        plain = ANN.sub(lambda mm: mm.group(1), body)
        for ch in "[]|":
            if ch in plain:
                err(f"stray {ch!r} outside well-formed annotations")
        if "  " in plain:
            err("double space in plain text")
        n = length(plain)
        if not 60 <= n <= 180:
            err(f"length {n} words outside 60-180")
        for mm in ANN.finditer(body):
            surface, aid = mm.group(1), mm.group(2)
            if surface != surface.strip() or not surface:
                err(f"surface {surface!r} has surrounding space")
            if re.match(r"(?i)the\s", surface):
                err(f"surface {surface!r} starts with an article")
            kind = classify(aid, gaz)
            if kind is None:
                err(f"id {aid!r} matches no id pattern")
                continue
            by_type[kind] += 1
            ids[aid] += 1
            if gaz and aid not in gaz:
                not_in_gaz.add(aid)
    total = sum(by_type.values())
    print(f"{len(files)} files, {total} mentions, {len(ids)} distinct ids")
    for k, v in sorted(by_type.items(), key=lambda kv: -kv[1]):
        print(f"  {k:18} {v:4}")
    for kind in ("state", "international-org", "state-body", "organization", "person"):
        sel = sorted(i for i in ids if classify(i, gaz) == kind)
        print(f"\n{kind} ({len(sel)}):")
        print("  " + ", ".join(f"{i} x{ids[i]}" for i in sel))
    if gaz:
        print(f"\nids not in the gazetteer ({len(not_in_gaz)}): " + ", ".join(sorted(not_in_gaz)))
    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nall files OK")


if __name__ == "__main__":
    main()
