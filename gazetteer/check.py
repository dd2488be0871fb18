#!/usr/bin/env python3
"""Consistency checks for the generated gazetteer files (standard library only).

    python3 gazetteer/check.py

Exits non-zero when a check fails; prints counts per kind, alias type and language.
"""

import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"state", "organization", "person"}
TYPES = {"name", "official", "short", "adjective", "demonym", "capital", "seat",
         "translation", "surname", "variant"}
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "leader",
         "un_secretary_general", "nato_secretary_general", "eu_commission_president",
         "eu_council_president", "eu_high_representative"}
ID_RE = {
    "state": re.compile(r"^[A-Z]{3}$"),
    "organization": re.compile(r"^([A-Z][A-Z0-9_]*|org:[a-z]{3}-[a-z0-9]+(-[a-z0-9]+)*)$"),
    "person": re.compile(r"^person:[a-z0-9]+(-[a-z0-9]+)*$"),
}
LANG_RE = re.compile(r"^[a-z]{2}$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
NON_ACTOR_READING = re.compile(r"^(word|person-name|language|(city|us-state|region|river|other-org|"
                               r"other-person):[a-z0-9-]+)$")

errors = []


def err(msg):
    errors.append(msg)


def read(name, ncols):
    path = os.path.join(HERE, name)
    rows = []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if not lines[0].startswith("#"):
        err("%s: first line is not a '#' header" % name)
    if lines[-1] != "":
        err("%s: no final newline" % name)
    for n, line in enumerate(lines[1:-1], 2):
        f = line.split("\t")
        if len(f) != ncols:
            err("%s:%d: %d fields, expected %d" % (name, n, len(f), ncols))
            continue
        if any(x != x.strip() for x in f):
            err("%s:%d: field with surrounding spaces" % (name, n))
        rows.append(f)
    return rows


actors = read("actors.tsv", 5)
aliases = read("aliases.tsv", 4)
roles = read("roles.tsv", 6)
ambiguous = read("ambiguous.tsv", 3)

ids = {}
for aid, kind, name, country, rl in actors:
    if aid in ids:
        err("actors: duplicate id %s" % aid)
    ids[aid] = (kind, country, rl)
    if kind not in KINDS:
        err("actors: bad kind %s for %s" % (kind, aid))
        continue
    if not ID_RE[kind].match(aid):
        err("actors: id %s does not follow the %s scheme" % (aid, kind))
    if not name:
        err("actors: empty name for %s" % aid)
state_ids = {a for a, v in ids.items() if v[0] == "state"}
for aid, (kind, country, rl) in ids.items():
    if kind == "state" and country != aid:
        err("actors: state %s has country %s" % (aid, country))
    if kind == "organization":
        if aid.startswith("org:"):
            if country not in state_ids or aid[4:7] != country.lower():
                err("actors: state body %s has country %r" % (aid, country))
        elif country:
            err("actors: international organisation %s has a country" % aid)
    if kind == "person" and country and country not in state_ids:
        err("actors: person %s has unknown country %s" % (aid, country))
    for r in filter(None, rl.split(";")):
        if r not in ROLES:
            err("actors: unknown role %s for %s" % (r, aid))

seen = set()
for aid, alias, typ, lang in aliases:
    if aid not in ids:
        err("aliases: unknown id %s" % aid)
    if (aid, alias) in seen:
        err("aliases: duplicate (%s, %s)" % (aid, alias))
    seen.add((aid, alias))
    if typ not in TYPES:
        err("aliases: bad type %s" % typ)
    if not LANG_RE.match(lang):
        err("aliases: bad lang %s" % lang)
    if not alias:
        err("aliases: empty alias for %s" % aid)
    if typ == "translation" and lang == "en":
        err("aliases: English translation %s %s" % (aid, alias))
    if typ == "surname" and ids.get(aid, ("",))[0] != "person":
        err("aliases: surname for non-person %s" % aid)
has_name = {aid for aid, alias, typ, lang in aliases if typ == "name" and lang == "en"}
for aid, (kind, _, _) in ids.items():
    if kind in ("state", "person") and aid not in has_name:
        err("aliases: %s has no English name alias" % aid)

person_roles = {}
for person, role, country, start, end, note in roles:
    if person not in ids or ids[person][0] != "person":
        err("roles: unknown person %s" % person)
    if role not in ROLES:
        err("roles: bad role %s" % role)
    if country not in ids:
        err("roles: unknown country/organisation %s" % country)
    for d in (start, end):
        if d and not DATE_RE.match(d):
            err("roles: bad date %r (%s)" % (d, person))
    if start and end and start[:len(end)] > end[:len(start)]:
        err("roles: start after end for %s %s %s-%s" % (person, role, start, end))
    if not note:
        err("roles: empty note for %s" % person)
    person_roles.setdefault(person, set()).add(role)
for aid, (kind, country, rl) in ids.items():
    if kind == "person":
        want = person_roles.get(aid, set())
        got = set(filter(None, rl.split(";")))
        if want != got:
            err("actors: roles of %s are %s, roles.tsv has %s" % (aid, sorted(got), sorted(want)))

amb_aliases = set()
for alias, readings, note in ambiguous:
    if alias in amb_aliases:
        err("ambiguous: duplicate alias %s" % alias)
    amb_aliases.add(alias)
    for r in filter(None, readings.split(";")):
        if r not in ids and not NON_ACTOR_READING.match(r):
            err("ambiguous: reading %s of %r is neither an actor id nor a known non-actor reading"
                % (r, alias))
by_alias = {}
for aid, alias, typ, lang in aliases:
    by_alias.setdefault(alias, set()).add(aid)
for alias, s in by_alias.items():
    if len(s) > 1 and alias not in amb_aliases:
        err("alias %r names several actors (%s) but is not in ambiguous.tsv" % (alias, sorted(s)))

print("actors.tsv   %6d rows" % len(actors))
print("aliases.tsv  %6d rows" % len(aliases))
print("roles.tsv    %6d rows" % len(roles))
print("ambiguous.tsv %5d rows" % len(ambiguous))
print("actors by kind:  " + ", ".join("%s %d" % kv for kv in sorted(Counter(v[0] for v in ids.values()).items())))
print("aliases by type: " + ", ".join("%s %d" % kv for kv in Counter(a[2] for a in aliases).most_common()))
print("aliases by lang: " + ", ".join("%s %d" % kv for kv in Counter(a[3] for a in aliases).most_common()))
print("roles by role:   " + ", ".join("%s %d" % kv for kv in Counter(r[1] for r in roles).most_common()))
open_roles = sum(1 for r in roles if not r[4])
print("open-ended roles: %d (of which marked uncertain: %d)"
      % (open_roles, sum(1 for r in roles if not r[4] and "uncertain" in r[5])))
if errors:
    print("\n%d problem(s):" % len(errors))
    for e in errors[:200]:
        print("  " + e)
    sys.exit(1)
print("all checks passed")
