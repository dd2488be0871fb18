#!/usr/bin/env python3
"""Build dossier's bundled actor gazetteer.

Reads
  * the PETRARCH2 actor dictionaries and CountryInfo (under
    ../shared/data/actor_dictionaries/, or $GAZETTEER_SOURCES),
  * the ISO 3166 names and their gettext translations shipped by the
    `pycountry` package,
  * the hand-curated files in gazetteer/curated/,
and writes gazetteer/actors.tsv, aliases.tsv, roles.tsv and ambiguous.tsv.

Usage:  python3 gazetteer/build.py            (pycountry must be importable)
        python3 gazetteer/build.py --check    (also run gazetteer/check.py)

Only the standard library and pycountry are used. The output is deterministic:
the same inputs give byte-identical files.
"""

import gettext
import os
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict

try:
    import pycountry
except ImportError:  # pragma: no cover
    sys.exit("build.py needs pycountry: python3 -m venv /tmp/gzvenv && "
             "/tmp/gzvenv/bin/pip install pycountry && /tmp/gzvenv/bin/python gazetteer/build.py")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CURATED = os.path.join(HERE, "curated")


def find_sources():
    cands = [os.environ.get("GAZETTEER_SOURCES", ""),
             os.path.join(REPO, "..", "shared", "data", "actor_dictionaries"),
             "/work/shared/data/actor_dictionaries"]
    for c in cands:
        if c and os.path.isdir(os.path.join(c, "petrarch2")):
            return os.path.abspath(c)
    sys.exit("cannot find actor_dictionaries/ (set GAZETTEER_SOURCES)")


SRC = find_sources()
PETRARCH_COUNTRIES = os.path.join(SRC, "petrarch2", "Phoenix.Countries.actors.txt")
PETRARCH_INTL = os.path.join(SRC, "petrarch2", "Phoenix.International.actors.txt")
COUNTRYINFO = os.path.join(SRC, "countryinfo", "CountryInfo.120116.txt")

TYPES = ["name", "official", "short", "variant", "capital", "seat",
         "adjective", "demonym", "surname", "translation"]
TYPE_RANK = {t: i for i, t in enumerate(TYPES)}
ROLES = ["head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "leader", "un_secretary_general", "nato_secretary_general",
         "eu_commission_president", "eu_council_president", "eu_high_representative"]
# pycountry locale -> ISO 639-1 code written to aliases.tsv
PYCOUNTRY_LOCALES = [("zh_CN", "zh"), ("zh_TW", "zh"), ("zh_HK", "zh"), ("ru", "ru"),
                     ("ko", "ko"), ("ja", "ja"), ("fr", "fr"), ("es", "es"),
                     ("de", "de"), ("ar", "ar")]
SCRIPT_RANGES = {
    "zh": [(0x4E00, 0x9FFF), (0x3400, 0x4DBF)],
    "ja": [(0x4E00, 0x9FFF), (0x3040, 0x30FF)],
    "ko": [(0xAC00, 0xD7AF)],
    "ru": [(0x0400, 0x04FF)],
    "uk": [(0x0400, 0x04FF)],
    "ar": [(0x0600, 0x06FF)],
}
# countries of CountryInfo whose code is not the ISO code we use
CI_CODE_MAP = {"KSV": "XKX", "TMP": "TLS"}
SOURCE_DATE = "2011-02"  # CountryInfo's <Government> data ends about here

# the language a state's own names are written in, for strings shared by two languages (日本: zh or ja)
OWN_LANG = {"JPN": "ja", "CHN": "zh", "TWN": "zh", "KOR": "ko", "PRK": "ko", "RUS": "ru", "UKR": "uk"}
log_lines = []


def log(msg):
    log_lines.append(msg)


# --------------------------------------------------------------------------- utilities

def read_tsv(path, ncols=None):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            f = line.split("\t")
            if ncols is not None:
                if len(f) > ncols:
                    sys.exit("%s:%d: %d fields, expected %d" % (path, n, len(f), ncols))
                f += [""] * (ncols - len(f))
            rows.append([x.strip() for x in f])
    return rows


def split_list(s):
    return [x.strip() for x in s.split(";") if x.strip()] if s else []


def ascii_fold(s):
    s = s.replace("ı", "i").replace("İ", "I").replace("ø", "o").replace("Ø", "O") \
         .replace("ß", "ss").replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slugify(s):
    s = ascii_fold(s).lower().replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def clean_alias(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"\s+", " ", s).strip()
    return s


def has_script(s, lang):
    ranges = SCRIPT_RANGES.get(lang)
    if not ranges:
        return True
    return any(lo <= ord(c) <= hi for c in s for lo, hi in ranges)


ARABIC_MARKS = re.compile("[\u064B-\u0652\u0670\u0640]")


def normalise_translation(s, lang):
    s = clean_alias(s)
    if lang == "ar":
        s = ARABIC_MARKS.sub("", s)  # news Arabic is unvocalised
    if lang in ("ru", "uk"):
        s = unicodedata.normalize("NFC", unicodedata.normalize("NFD", s).replace("\u0301", ""))
    return s


LOWER_PARTICLES = {"de", "da", "das", "do", "dos", "du", "del", "della", "di", "van", "von",
                   "der", "den", "ter", "zu", "y", "e", "bin", "ibn", "bint", "al", "el", "ul"}
ROMAN = re.compile(r"^[IVX]+$")


def title_word(w, first):
    if not w:
        return w
    if ROMAN.match(w) and len(w) <= 4 and not first:
        return w
    if re.fullmatch(r"([A-Z]\.)+", w):
        return w
    parts = w.split("-")
    out = []
    for i, p in enumerate(parts):
        lp = p.lower()
        if i == 0 and not first and lp in ("al", "el", "ad", "as", "an", "ar", "at", "az", "ash", "ul"):
            out.append(lp)
            continue
        if i == 0 and not first and lp in LOWER_PARTICLES:
            out.append(lp)
            continue
        q = lp.capitalize()
        if lp[:1] in ("'", "`") and len(lp) > 1:
            q = "'" + lp[1:].capitalize()
        if lp.startswith("mc") and len(lp) > 2:
            q = "Mc" + lp[2:].capitalize()
        if "'" in q:
            a, b = q.split("'", 1)
            if len(a) == 1 and b:
                q = a.upper() + "'" + b.capitalize()
        out.append(q)
    return "-".join(out)


def tabari_name(raw):
    """'KIM_JONG_UN_' -> 'Kim Jong Un'; 'PEOPLE'S_REPUBLIC_OF_CHINA' -> "People's Republic of China"."""
    raw = raw.strip().strip("_").replace("_", " ").replace("`", "'")
    raw = re.sub(r"\s+", " ", raw).strip()
    words = raw.split(" ")
    out = []
    small = {"of", "the", "and", "for", "in", "on", "to"}
    for i, w in enumerate(words):
        lw = w.lower()
        if w.upper() in ACRONYMS:
            out.append(w.upper())
        elif i > 0 and lw in small:
            out.append(lw)
        else:
            out.append(title_word(w, i == 0))
    return " ".join(out)


def iso_date(d):
    """'20030431' -> '2003-04-30' (CountryInfo has impossible days); '0101' years fixed by caller."""
    d = d.strip()
    if not re.fullmatch(r"\d{8}", d):
        return ""
    y, m, day = int(d[:4]), int(d[4:6]), int(d[6:])
    if m < 1 or m > 12:
        return "%04d" % y
    mdays = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28,
             31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    day = max(1, min(day, mdays))
    return "%04d-%02d-%02d" % (y, m, day)


def petrarch_date(d):
    """PETRARCH dates are YYMMDD (19xx/20xx guessed) or YYYYMMDD."""
    d = d.strip()
    if re.fullmatch(r"\d{8}", d):
        return iso_date(d)
    if re.fullmatch(r"\d{6}", d):
        yy = int(d[:2])
        century = "20" if yy <= 30 else "19"
        return iso_date(century + d)
    return ""


def date_key(d, end=False):
    """Comparable key for partial ISO dates; empty start = -inf, empty end = +inf."""
    if not d:
        return "9999-99-99" if end else "0000-00-00"
    if len(d) == 4:
        return d + ("-12-31" if end else "-01-01")
    if len(d) == 7:
        return d + ("-31" if end else "-01")
    return d


# --------------------------------------------------------------------------- sources

def parse_tabari(path):
    """Blocks of a TABARI .actors file: head, synonyms, codes [(code, dates)]."""
    blocks = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            s = line.split("#", 1)[0].rstrip()
            if not s.strip():
                continue
            if s.startswith("+"):
                if cur is not None:
                    syn = re.sub(r"\[.*", "", s[1:]).strip()
                    if syn:
                        cur["syn"].append(syn)
                    cur["codes"] += re.findall(r"\[([^\]]*)\]", s)
            elif s[0] in " \t":
                if cur is not None:
                    cur["codes"] += re.findall(r"\[([^\]]*)\]", s)
            else:
                m = re.match(r"([^\[\t]*[^\[\s])\s*(.*)$", s)
                if not m:
                    continue
                cur = {"head": m.group(1).strip(), "syn": [],
                       "codes": re.findall(r"\[([^\]]*)\]", m.group(2))}
                blocks.append(cur)
    return blocks


def code_dates(code):
    """'IGOUNO 970101-061231' -> ('IGOUNO', start, end); '>20121115' -> open end."""
    parts = code.split(None, 1)
    c = parts[0] if parts else ""
    d = parts[1].strip() if len(parts) > 1 else ""
    start = end = ""
    if d.startswith(">"):
        start = petrarch_date(d[1:])
    elif d.startswith("<"):
        end = petrarch_date(d[1:])
    elif "-" in d:
        a, b = d.split("-", 1)
        start, end = petrarch_date(a), petrarch_date(b)
    return c, start, end


def parse_countryinfo(path):
    txt = open(path, encoding="utf-8", errors="replace").read()
    countries = []
    for m in re.finditer(r"<Country>(.*?)</Country>", txt, re.S):
        body = m.group(1)

        def field(tag):
            mm = re.search(r"<%s>(.*?)</%s>" % (re.escape(tag), re.escape(tag)), body, re.S)
            return mm.group(1) if mm else ""

        code = field("CountryCode").strip()
        iso3 = field("ISO3166-alpha3").strip()
        c = {"code": code, "iso3": iso3, "leaders": [], "government": [],
             "capitals": [tabari_name(x.split("#")[0]) for x in field("Capital").splitlines()
                          if x.split("#")[0].strip()],
             "nationality": [tabari_name(x.split("#")[0]) for x in field("Nationality").splitlines()
                             if x.split("#")[0].strip()]}
        lead = field("Leaders")
        tag = None
        for line in lead.splitlines():
            s = line.split("#", 1)[0].strip()
            if not s:
                continue
            mt = re.match(r"^<(/?)([^>]*)>", s)
            if mt:
                tag = None if mt.group(1) else mt.group(2).strip().lower()
                continue
            mm = re.match(r"^(.*?)\s*\[([^\]]*)\]", s)
            if not mm or tag is None:
                continue
            names = re.findall(r"\{([^}]*)\}", mm.group(1)) or [mm.group(1)]
            d = mm.group(2).strip()
            start = end = ""
            if d.startswith(">"):
                start = iso_date(d[1:])
            elif d.startswith("<"):
                end = iso_date(d[1:])
            elif "-" in d:
                a, b = d.split("-", 1)
                start, end = iso_date(a.strip()), iso_date(b.strip())
            c["leaders"].append((tag, [n.strip() for n in names if n.strip()], start, end, d))
        gov = field("Government")
        for line in gov.splitlines():
            if line.strip().startswith("#") or not line.strip():
                continue
            main, _, title = line.partition("#")
            mm = re.match(r"^\s*(.*?)\s*((?:\[[^\]]*\]\s*)+)$", main.rstrip())
            if not mm:
                continue
            names = re.findall(r"\{([^}]*)\}", mm.group(1)) or [mm.group(1)]
            codes = re.findall(r"\[([^\]]*)\]", mm.group(2))
            titles = [t.strip() for t in title.split("&")]
            for i, cd in enumerate(codes):
                parts = cd.split(None, 1)
                d = parts[1].strip() if len(parts) > 1 else ""
                start = end = ""
                if d.startswith(">"):
                    start = iso_date(d[1:].strip())
                elif d.startswith("<"):
                    end = iso_date(d[1:].strip())
                elif "-" in d:
                    a, b = d.split("-", 1)
                    start, end = iso_date(a.strip()), iso_date(b.strip())
                t = titles[i] if i < len(titles) else (titles[-1] if titles else "")
                c["government"].append(([n.strip() for n in names if n.strip()], start, end, d, t))
        countries.append(c)
    return countries


# --------------------------------------------------------------------------- output model

class Gazetteer:
    def __init__(self):
        self.actors = OrderedDict()      # id -> dict(kind, name, country)
        self.aliases = OrderedDict()     # (id, alias) -> (type, lang, source)
        self.roles = []                  # dicts
        self.dropped = set(a.lower() for a in self.read_drop())

    @staticmethod
    def read_drop():
        p = os.path.join(CURATED, "drop_aliases.tsv")
        return [r[0] for r in read_tsv(p, 2)] if os.path.exists(p) else []

    def add_actor(self, aid, kind, name, country=""):
        if aid in self.actors:
            return
        self.actors[aid] = {"kind": kind, "name": name, "country": country}

    def add_alias(self, aid, alias, typ, lang="en", source="", force=False):
        alias = clean_alias(alias)
        if not alias or "\t" in alias:
            return False
        if not force and alias.lower() in self.dropped:
            return False
        key = (aid, alias)
        if key in self.aliases:
            old = self.aliases[key]
            country = self.actors.get(aid, {}).get("country", "")
            if old[1] != lang and lang == OWN_LANG.get(country) and old[0] == typ:
                self.aliases[key] = (typ, lang, source)  # same string in two languages: the actor's own
            elif TYPE_RANK[typ] < TYPE_RANK[old[0]] and old[2] != "curated":
                self.aliases[key] = (typ, lang, source)
            return False
        self.aliases[key] = (typ, lang, source)
        return True


G = Gazetteer()

# --------------------------------------------------------------------------- states

OFFICIAL_WORDS = re.compile(r"\b(Republic|Kingdom|State|States|Federation|Federal|Commonwealth|"
                            r"Principality|Sultanate|Duchy|Emirates|Union|Plurinational|Islamic|"
                            r"Democratic|Socialist|People's|Bolivarian|Independent|Confederation)\b")


def uninvert(s, lang):
    """'Korea, Republic of' -> 'Republic of Korea' (for Latin-script languages)."""
    if ", " not in s:
        return s
    a, b = s.split(", ", 1)
    if b.endswith("'"):
        return b + a
    return b + " " + a


def build_states(ci_by_iso, petrarch_blocks):
    states = read_tsv(os.path.join(CURATED, "states.tsv"), 9)
    state_ids = []
    for sid, a2, name, status, short, variants, adjs, dems, caps in states:
        state_ids.append(sid)
        G.add_actor(sid, "state", name, sid)
        G.add_alias(sid, name, "name", source="curated", force=True)
        for x in split_list(short):
            G.add_alias(sid, x, "short", source="curated", force=True)
        for x in split_list(variants):
            G.add_alias(sid, x, "variant", source="curated", force=True)
        for x in split_list(caps):
            G.add_alias(sid, x, "capital", source="curated", force=True)
        for x in split_list(adjs):
            G.add_alias(sid, x, "adjective", source="curated", force=True)
        for x in split_list(dems):
            G.add_alias(sid, x, "demonym", source="curated", force=True)
        # English ISO names from pycountry (not for Taiwan, whose ISO name is political)
        c = pycountry.countries.get(alpha_3=sid)
        if c is not None and sid != "TWN":
            for fld in ("official_name", "name", "common_name"):
                v = getattr(c, fld, None)
                if not v:
                    continue
                forms = []
                m = re.match(r"^(.*?) \((.*)\)$", v)
                if m:
                    forms += [m.group(1), m.group(2)]
                elif ", " in v:
                    forms.append(uninvert(v, "en"))
                else:
                    forms.append(v)
                for f in forms:
                    f = re.sub(r"^The ", "the ", f) if f.startswith("The ") and "of the" in f else f
                    typ = "official" if OFFICIAL_WORDS.search(f) else "variant"
                    G.add_alias(sid, f, typ, source="pycountry")
        # CountryInfo capitals: cross-check only (the curated list decides)
        ci = ci_by_iso.get(sid)
        if ci:
            cur_caps = {ascii_fold(x).lower() for x in split_list(caps)}
            for cap in ci["capitals"]:
                if ascii_fold(cap).lower() not in cur_caps:
                    log("countryinfo capital not used for %s: %s" % (sid, cap))
    # PETRARCH country blocks: keep official long forms and dotted abbreviations only
    names_by_state = defaultdict(set)
    for (aid, alias), (typ, lang, src) in G.aliases.items():
        if aid in G.actors and G.actors[aid]["kind"] == "state":
            for w in re.findall(r"[A-Za-z]+", ascii_fold(alias)):
                names_by_state[aid].add(w.lower())
    off_re = re.compile(r"^(THE_)?((ISLAMIC|FEDERAL|DEMOCRATIC|PEOPLE'S|UNITED|HASHEMITE|SOCIALIST|"
                        r"ARAB|BOLIVARIAN|PLURINATIONAL|ORIENTAL|SOVEREIGN|INDEPENDENT|COOPERATIVE)_)*"
                        r"(REPUBLIC|KINGDOM|FEDERATION|STATE|STATES|COMMONWEALTH|PRINCIPALITY|"
                        r"SULTANATE|GRAND_DUCHY|EMIRATE|UNION)_OF_(THE_)?[A-Z_']+$")
    adj_rep = re.compile(r"^([A-Z]+)_REPUBLIC_?$")
    for b in petrarch_blocks:
        if len(b["codes"]) != 1 or not re.fullmatch(r"[A-Z]{3}", b["codes"][0].strip()):
            continue
        sid = b["codes"][0].strip()
        if sid not in G.actors:
            continue
        for raw in [b["head"]] + b["syn"]:
            raw = raw.strip()
            if "(" in raw or "," in raw:
                continue
            cand = None
            typ = None
            if re.fullmatch(r"([A-Z]\.){2,4}_?", raw):
                cand, typ = raw.rstrip("_"), "short"
            elif off_re.match(raw.rstrip("_") + "_" if not raw.endswith("_") else raw) or off_re.match(raw.rstrip("_")):
                name = tabari_name(raw)
                words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
                last = [w for w in words if w not in ("of", "the", "and")]
                # the distinctive words must appear among the state's curated names
                if last and last[-1] in names_by_state[sid]:
                    cand, typ = name, "official"
            else:
                m = adj_rep.match(raw)
                if m:
                    name = tabari_name(raw)
                    adj = name.split(" ")[0]
                    if (sid, adj) in G.aliases and G.aliases[(sid, adj)][0] == "adjective":
                        cand, typ = name, "official"
            if cand:
                G.add_alias(sid, cand, typ, source="petrarch2")
    return state_ids


def build_state_translations(state_ids):
    locdir = os.path.join(os.path.dirname(pycountry.__file__), "locales")
    cand = defaultdict(lambda: defaultdict(set))  # (lang, alias) -> id -> fields
    for loc, lang in PYCOUNTRY_LOCALES:
        try:
            tr = gettext.translation("iso3166-1", locdir, languages=[loc])
        except OSError:
            log("pycountry has no %s translations" % loc)
            continue
        for sid in state_ids:
            c = pycountry.countries.get(alpha_3=sid)
            if c is None:
                continue
            fields = ("common_name",) if sid == "TWN" else ("name", "official_name", "common_name")
            for fld in fields:
                en = getattr(c, fld, None)
                if not en:
                    continue
                t = tr.gettext(en)
                if not t or t == en:
                    continue
                t = normalise_translation(t, lang)
                forms = []
                m = re.match(r"^(.*?)\s*\((.*)\)$", t)
                if m:
                    forms += [m.group(1).strip(), m.group(2).strip()]
                elif re.search(r"[,،、]", t):
                    if lang in ("fr", "es", "de"):
                        forms.append(uninvert(t, lang))
                    else:
                        continue
                else:
                    forms.append(t)
                for f in forms:
                    if not f or not has_script(f, lang) or f == en:
                        continue
                    if lang in ("fr", "es", "de") and ascii_fold(f).lower() == ascii_fold(en).lower():
                        continue
                    cand[(lang, f)][sid].add(fld)
    for (lang, f), ids in sorted(cand.items()):
        if len(ids) > 1:
            # keep it only for a state whose own short name it is
            own = [i for i, flds in ids.items() if "name" in flds or "common_name" in flds]
            if len(own) != 1:
                log("translation dropped, names several states: %s %s -> %s" % (lang, f, sorted(ids)))
                continue
            ids = {own[0]: ids[own[0]]}
        sid = next(iter(ids))
        G.add_alias(sid, f, "translation", lang, source="pycountry")


# --------------------------------------------------------------------------- organisations

ORG_NOISE = re.compile(r"(?<![A-Z])(PRESIDENT|SPOKESMAN|SPOKESWOMAN|SPOKESPERSON|SECRETARY|CHIEF|OFFICIAL|"
                       r"MINISTER|COUNTRIES|MEMBERS|POLITBURO|CENTRAL_COMMITTEE|GENERAL_COMMITTEE|"
                       r"CPPCC|CONSULTATIVE|UNIT|STAFF|GROUP_OF_EIGHT|CHAIRMAN|SPEAKER|MILITARY_COMMISSION|"
                       r"UNSCR|THE_WB|THE_EU|THE_UN|CHINESE_CENTRAL)(?![A-Z])")
ACRONYMS = set()


def petrarch_index(blocks):
    idx = defaultdict(list)
    for b in blocks:
        idx[b["head"].strip().rstrip("_").upper()].append(b)
    return idx


def build_orgs(intl_idx, ctry_idx):
    rows = read_tsv(os.path.join(CURATED, "organizations.tsv"), 8)
    for r in rows:
        for x in split_list(r[4]):
            if re.fullmatch(r"[A-Za-z]{2,6}", x) and x.isupper():
                ACRONYMS.add(x.upper())
    ACRONYMS.update({"UN", "EU", "US", "UK", "PLA"})
    names = defaultdict(int)
    for r in rows:
        names[r[1].lower()] += 1
    for oid, name, country, official, short, variants, seats, petr in rows:
        G.add_actor(oid, "organization", name, country)
        if names[name.lower()] == 1:
            G.add_alias(oid, name, "name", source="curated", force=True)
        for x in split_list(official):
            G.add_alias(oid, x, "official", source="curated", force=True)
        for x in split_list(short):
            G.add_alias(oid, x, "short", source="curated", force=True)
        for x in split_list(variants):
            G.add_alias(oid, x, "variant", source="curated", force=True)
        for x in split_list(seats):
            G.add_alias(oid, x, "seat", source="curated", force=True)
        for head in split_list(petr):
            key = head.strip().rstrip("_").upper()
            found = intl_idx.get(key) or ctry_idx.get(key)
            if not found:
                log("petrarch headword not found for %s: %s" % (oid, head))
                continue
            for b in found:
                for raw in [b["head"]] + b["syn"]:
                    raw = raw.strip()
                    if not raw or "(" in raw or ORG_NOISE.search(raw.upper()):
                        continue
                    core = raw.rstrip("_")
                    curated_short = {x.upper(): x for x in split_list(short)}
                    if core.upper() in curated_short:
                        G.add_alias(oid, curated_short[core.upper()], "short", source="petrarch2")
                    elif re.fullmatch(r"([A-Z]\.)+", core):
                        G.add_alias(oid, core, "short", source="petrarch2")
                    else:
                        nm = tabari_name(raw)
                        nm = re.sub(r"^The ", "the ", nm)
                        typ = "official" if nm.lower() == (official or "").lower() else "variant"
                        G.add_alias(oid, nm, typ, source="petrarch2")


# --------------------------------------------------------------------------- people

TITLE_PREFIX = re.compile(r"^(PRESIDENT|PRIME|PREMIER|MINISTER|SECRETARY|SECRETARY-GENERAL|KING|QUEEN|"
                          r"GENERAL|REFORMER|CHAIRMAN|UN|U\.N\.|UNITED|SHEIKH|MR\.?|MRS\.?|DR\.?|LORD|"
                          r"LADY|BARONESS|PRINCE|SIR|AYATOLLAH|CROWN)[_ ]")


PERSON_NOISE = re.compile(r"PRESIDENT|ADMINISTRATION|GOVERNMENT|MINISTER|PREMIER|SECRETARY|SPOKES|"
                          r"LEADER|CHIEF|KING|QUEEN|OFFICIAL|REGIME|AMERICAN|FORMER|REFORMER|CHAIRMAN|"
                          r"GENERAL|COMMANDER|DICTATOR|STRONGMAN|GOVERNOR|GOV\.|^US_|^U\.S\.|^THE_")


def person_variants(name, country):
    out = []
    f = ascii_fold(name)
    if f != name:
        out.append(f)
    toks = name.split(" ")
    if country in ("KOR", "PRK", "TWN") and any("-" in t for t in toks):
        spaced = " ".join(p.capitalize() if i else p for t in toks
                          for i, p in enumerate(t.split("-")))
        spaced = " ".join(w[:1].upper() + w[1:] for w in spaced.split(" "))
        capped = " ".join("-".join(p[:1].upper() + p[1:] for p in t.split("-")) for t in toks)
        out += [spaced, capped]
    if country == "JPN" and len(toks) == 2:
        out.append(toks[1] + " " + toks[0])
        if f != name:
            ft = f.split(" ")
            out.append(ft[1] + " " + ft[0])
    return out


class People:
    def __init__(self):
        self.people = OrderedDict()   # id -> dict(name, country, source)
        self.by_slug = {}             # slug of any known name -> id

    def add(self, pid, name, country, source):
        if pid not in self.people:
            self.people[pid] = {"name": name, "country": country, "source": source}
        self.by_slug.setdefault(slugify(name), pid)
        return pid

    def resolve(self, name, country):
        """Id for an imported name: an existing person of that country, else a new id.
        A long (3+ words) or regnal name ('Elizabeth II') matches across countries."""
        s = slugify(name)
        pid = self.by_slug.get(s)
        toks = name.split()
        if not pid and len(toks) >= 3 and not any(re.fullmatch(r"[A-Z]\.?", t) for t in toks[1:-1]):
            p2 = self.by_slug.get(slugify(toks[0] + " " + toks[-1]))
            if p2 and self.people[p2]["country"] == country:
                pid = p2
        if pid and (self.people[pid]["country"] in (country, "") or len(toks) >= 3
                    or ROMAN.match(toks[-1])):
            return pid, False
        pid = "person:" + s
        if pid in self.people and self.people[pid]["country"] != country:
            pid = "person:%s-%s" % (s, country.lower())
        if pid in self.people:
            return pid, False
        return pid, True


P = People()


def ci_leader_role(tag):
    t = tag.lower().replace("_", " ")
    if re.search(r"vice|deputy|governor|administrator|commissioner|\bresident|lieutenant|"
                 r"representative|minister of state|regency|chief minister", t):
        return None
    if re.search(r"prime minister|premier|chancellor|heads? of government|chiefs? of government|"
                 r"council of ministers|executive yuan|federal executive council|government leaders|"
                 r"presidents of the government", t):
        return "head_of_government"
    if re.search(r"general secretar|first secretar|secretaries of the central committee|"
                 r"communist party|leaders?$|leader of the revolution|supreme leader", t):
        return "leader"
    if re.search(r"^presidents?\b(?!.*(national assembly|people's assembly|executive council|"
                 r"governing council|council of state|government council))|heads? of state|kings?|queens?|"
                 r"emirs?|sultans?|emperors?|shahs|sovereign princes|grand dukes|princes/princesses|"
                 r"paramount rulers|captains-regent|presidency|presidium|council of state|"
                 r"state council|interim president|rulers|military council|revolutionary|junta|"
                 r"national salvation|state law and order|state peace and development|"
                 r"provisional ruling council|national provisional defense council|"
                 r"supreme national council|high council of state|coprinces", t):
        return "head_of_state"
    return None


PERSON_TITLES = re.compile(r"^(Ayatollah|Sheikh|Shaikh|Sheik|Prince|Princess|King|Queen|Emir|Sir|Dame|"
                           r"General|Gen\.|Colonel|Col\.|Marshal|Field Marshal|Lieutenant|Major|Captain|"
                           r"Admiral|Dr\.?|Lord|Lady|HRH|Mr\.?|Mrs\.?|Samdech|Datuk Seri|Dato' Seri|Datuk|Dato'|Tun|Tan Sri|Sheikha|Hojatolislam|Hojatoleslam|Sayyed|Sayyid|Mullah) ")


def strip_title(name):
    while True:
        m = PERSON_TITLES.match(name)
        if not (m and len(name[m.end():].split()) >= 2):
            return name
        name = name[m.end():]


# presidential systems: the president is also head of government (as in curated/roles.tsv)
PRESIDENTIAL = {"USA", "BRA", "MEX", "ARG", "IDN"}

FM_RE = re.compile(r"^(minister|secretary) (of|for) (foreign|external) (affairs|relations)\b")
DM_RE = re.compile(r"^(minister|secretary) (of|for) (national )?defen[cs]e\b")
GB_FM = re.compile(r"^secretary of state for foreign (and commonwealth )?affairs")
GB_DM = re.compile(r"^secretary of state for defen[cs]e")


def ci_gov_role(title, country):
    t = title.lower().strip()
    if "acting" in t or "deputy" in t or "vice" in t:
        return None
    if FM_RE.match(t) or (country == "GBR" and GB_FM.match(t)):
        return "foreign_minister"
    if DM_RE.match(t) or (country == "GBR" and GB_DM.match(t)):
        return "defence_minister"
    return None


def build_people(ci_countries, ctry_blocks, intl_blocks, state_ids):
    # curated people
    for row in read_tsv(os.path.join(CURATED, "people.tsv"), 10):
        pid, name, country, variants, surnames, zh, ru, ko, ja, uk = row
        P.add(pid, name, country, "curated")
        G.add_actor(pid, "person", name, country)
        G.add_alias(pid, name, "name", source="curated", force=True)
        for v in split_list(variants):
            G.add_alias(pid, v, "variant", source="curated", force=True)
            P.by_slug.setdefault(slugify(v), pid)
        for v in person_variants(name, country):
            G.add_alias(pid, v, "variant", source="curated")
            P.by_slug.setdefault(slugify(v), pid)
        for v in split_list(variants):
            for w in person_variants(v, country):
                G.add_alias(pid, w, "variant", source="curated")
        for s in split_list(surnames):
            G.add_alias(pid, s, "surname", source="curated", force=True)
        cols = [("zh", zh), ("ja", ja), ("ko", ko), ("ru", ru), ("uk", uk)]
        own = {"JPN": "ja", "KOR": "ko", "PRK": "ko", "RUS": "ru", "UKR": "uk"}.get(country)
        cols.sort(key=lambda lc: 0 if lc[0] == own else 1)
        for lang, col in cols:
            for v in split_list(col):
                G.add_alias(pid, normalise_translation(v, lang), "translation", lang,
                            source="curated", force=True)
    curated_roles = []
    for row in read_tsv(os.path.join(CURATED, "roles.tsv"), 6):
        pid, role, country, start, end, note = row
        curated_roles.append({"person": pid, "role": role, "country": country,
                              "start": start, "end": end, "note": note or "curated"})
    # IGO office-holders whose dates PETRARCH2 gives
    intl_idx = petrarch_index(intl_blocks)
    petr_roles = []
    for head, pid, name, country, role, prefix, org, variants in \
            read_tsv(os.path.join(CURATED, "petrarch_roles.tsv"), 8):
        blocks = intl_idx.get(head.strip().rstrip("_").upper())
        if not blocks:
            log("petrarch_roles: headword not found: %s" % head)
            continue
        if pid not in P.people:
            P.add(pid, name, country, "petrarch2")
            G.add_actor(pid, "person", name, country)
            G.add_alias(pid, name, "name", source="curated", force=True)
            for v in person_variants(name, country):
                G.add_alias(pid, v, "variant", source="petrarch2")
        for v in split_list(variants):
            G.add_alias(pid, v, "variant", source="curated", force=True)
        done = False
        for b in blocks:
            for raw in [b["head"]] + b["syn"]:
                if not TITLE_PREFIX.match(raw.upper()) and "(" not in raw:
                    G.add_alias(pid, tabari_name(raw), "variant", source="petrarch2")
            for cd in b["codes"]:
                c, s, e = code_dates(cd)
                if c == prefix and not done and (s or e):
                    petr_roles.append({"person": pid, "role": role, "country": org,
                                       "start": s, "end": e, "note": "petrarch2"})
                    done = True
        if not done:
            log("petrarch_roles: no dated %s code for %s" % (prefix, head))
    # CountryInfo leaders and ministers
    imported = []
    stateset = set(state_ids)
    for c in ci_countries:
        sid = CI_CODE_MAP.get(c["code"], c["code"])
        if sid not in stateset:
            continue
        for tag, names, start, end, raw in c["leaders"]:
            role = ci_leader_role(tag)
            if sid == "IRN" and role == "head_of_state":
                role = "head_of_government"  # Iran's president; the Supreme Leader is head of state
            if role is None:
                continue
            imported.append((sid, role, names, start, end, raw, "countryinfo", tag))
            if sid in PRESIDENTIAL and role == "head_of_state" and tag.startswith("president"):
                imported.append((sid, "head_of_government", names, start, end, raw, "countryinfo", tag))
        for names, start, end, raw, title in c["government"]:
            role = ci_gov_role(title, sid)
            if role is None:
                continue
            imported.append((sid, role, names, start, end, raw, "countryinfo", title))
    drop_imports = set()
    for name, country, _why in read_tsv(os.path.join(CURATED, "drop_imports.tsv"), 3):
        drop_imports.add((slugify(name), country))
    # curated (country, role) spans: imports that overlap them are superseded
    cur_span = defaultdict(lambda: "9999")
    for r in curated_roles + petr_roles:
        k = (r["country"], r["role"])
        cur_span[k] = min(cur_span[k], date_key(r["start"]))
    imp_roles = []
    for sid, role, names, start, end, raw, src, what in imported:
        if not names:
            continue
        acting = any("acting" in n.lower() for n in names)
        names = [re.sub(r"\s*\(.*$", "", n).strip() for n in names]
        names = [n for n in names if n]
        if not names:
            continue
        name = strip_title(tabari_name(names[0]))
        if re.search(r"\b(Council|Committee|Junta|Government|Commission|Presidency|Directorate)\b", name):
            continue
        if not re.search(r"[A-Za-z]{2}", name) or len(name) < 4:
            continue
        if (slugify(name), sid) in drop_imports:
            continue
        k = (sid, role)
        clamped = False
        if k in cur_span and date_key(end, True) > cur_span[k]:
            if not start or date_key(start) >= cur_span[k]:
                continue  # the curated chain covers this period
            end, clamped = cur_span[k], True  # ends where the curated chain begins
        pid, new = P.resolve(name, sid)
        if new:
            P.add(pid, name, sid, src)
            toks = name.split()
            if len(toks) >= 3:
                P.by_slug.setdefault(slugify(toks[0] + " " + toks[-1]), pid)
            G.add_actor(pid, "person", name, sid)
            G.add_alias(pid, name, "name", source=src)
        for n in names:
            nm = tabari_name(n)
            G.add_alias(pid, nm, "variant" if nm != G.actors[pid]["name"] else "name", source=src)
            for v in person_variants(nm, sid):
                G.add_alias(pid, v, "variant", source=src)
        note = src + ("; acting" if acting else "")
        if start == "" and raw.startswith("<"):
            note += "; in office by 2003-01, start not recorded"
        if clamped:
            note += "; end set to the start of the curated successor"
        elif end == "" and raw.startswith(">"):
            note += "; in office at source date (%s), end not recorded; uncertain" % SOURCE_DATE
        imp_roles.append({"person": pid, "role": role, "country": sid,
                          "start": start, "end": end, "note": note})
    # PETRARCH2 country-file synonyms of people we have (e.g. DENG_XIAO_PING)
    for b in ctry_blocks:
        pid = P.by_slug.get(slugify(tabari_name(b["head"])))
        if not pid or pid not in G.actors or G.actors[pid]["kind"] != "person":
            continue
        last = re.sub(r"[^a-z]", "", ascii_fold(G.actors[pid]["name"].split()[-1]).lower())
        for raw in b["syn"]:
            if TITLE_PREFIX.match(raw.upper()) or PERSON_NOISE.search(raw.upper()) \
                    or "(" in raw or "," in raw:
                continue
            nm = tabari_name(raw)
            letters = re.sub(r"[^a-z]", "", ascii_fold(nm).lower())
            core_toks = [t for t in re.split(r"[\s-]+", nm) if t.lower() not in LOWER_PARTICLES]
            if len(core_toks) >= 2 and last and last in letters:
                G.add_alias(pid, nm, "variant", source="petrarch2")
    # merge, dedupe
    seen = set()
    for r in curated_roles + petr_roles + imp_roles:
        k = (r["person"], r["role"], r["country"], r["start"], r["end"])
        if k in seen:
            continue
        seen.add(k)
        G.roles.append(r)


# --------------------------------------------------------------------------- curated extras, ambiguity

def build_extra_aliases():
    for aid, alias, typ, lang in read_tsv(os.path.join(CURATED, "aliases.tsv"), 4):
        if aid not in G.actors:
            sys.exit("curated/aliases.tsv: unknown id %s" % aid)
        if typ not in TYPE_RANK:
            sys.exit("curated/aliases.tsv: bad type %s" % typ)
        a = normalise_translation(alias, lang) if lang != "en" else alias
        if lang not in ("", "en") and typ in ("name", "official", "short", "variant"):
            typ = "translation"  # names in other languages; capitals and seats keep their type
        G.add_alias(aid, a, typ, lang or "en", source="curated", force=True)


def load_stopwords():
    p = os.path.join(REPO, "lexicons", "stopwords_en.txt")
    out = set()
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(line.lower())
    return out


def build_ambiguous():
    amb = OrderedDict()
    for alias, readings, note in read_tsv(os.path.join(CURATED, "ambiguous.tsv"), 3):
        amb[alias] = (split_list(readings), note)
    by_alias = defaultdict(set)
    for (aid, alias) in G.aliases:
        by_alias[alias].add(aid)
    stop = load_stopwords()
    for alias, ids in sorted(by_alias.items()):
        ids = sorted(ids)
        if alias in amb:
            reads, note = amb[alias]
            for i in ids:
                if i not in reads:
                    reads.append(i)
            amb[alias] = (reads, note)
        elif len(ids) > 1:
            amb[alias] = (ids, "same alias listed for several actors")
        if alias.lower() in stop:
            reads, note = amb.get(alias, (list(ids), ""))
            if "word" not in reads:
                reads.append("word")
            if not note:
                note = "lower-cased it is an English function word"
            amb[alias] = (reads, note)
    return amb


# --------------------------------------------------------------------------- output

def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("#" + "\t".join(header) + "\n")
        for r in rows:
            for x in r:
                if "\t" in x or "\n" in x:
                    sys.exit("tab or newline inside a field: %r" % (r,))
            fh.write("\t".join(r) + "\n")


def kind_order(aid):
    k = G.actors[aid]["kind"]
    return ({"state": 0, "organization": 1, "person": 2}[k],
            0 if not aid.startswith("org:") else 1, aid)


def main():
    ci = parse_countryinfo(COUNTRYINFO)
    ci_by_iso = {}
    for c in ci:
        sid = CI_CODE_MAP.get(c["code"], c["code"])
        ci_by_iso.setdefault(sid, c)
    ctry_blocks = parse_tabari(PETRARCH_COUNTRIES)
    intl_blocks = parse_tabari(PETRARCH_INTL)

    state_ids = build_states(ci_by_iso, ctry_blocks)
    build_state_translations(state_ids)
    build_orgs(petrarch_index(intl_blocks), petrarch_index(ctry_blocks))
    build_people(ci, ctry_blocks, intl_blocks, state_ids)
    build_extra_aliases()

    # drop aliases that collide with another actor's name when they are not curated
    # (e.g. an imported person called like a state), keeping curated ones
    names = defaultdict(set)
    for (aid, alias), (typ, lang, src) in G.aliases.items():
        if src == "curated" and typ in ("name", "official", "short", "variant"):
            names[alias].add(aid)
    for key in list(G.aliases):
        aid, alias = key
        typ, lang, src = G.aliases[key]
        if src != "curated" and alias in names and aid not in names[alias]:
            log("non-curated alias dropped, it is a curated name of %s: %s -> %s"
                % (sorted(names[alias]), alias, aid))
            del G.aliases[key]

    # roles per person
    person_roles = defaultdict(set)
    for r in G.roles:
        person_roles[r["person"]].add(r["role"])
    # every person needs a row; people only reachable via roles are already added
    for r in G.roles:
        if r["person"] not in G.actors:
            sys.exit("role for unknown person %s" % r["person"])

    ids = sorted(G.actors, key=kind_order)
    actor_rows = []
    for aid in ids:
        a = G.actors[aid]
        roles = ";".join(x for x in ROLES if x in person_roles.get(aid, ()))
        actor_rows.append([aid, a["kind"], a["name"], a["country"], roles])
    write_tsv(os.path.join(HERE, "actors.tsv"), ["id", "kind", "name", "country", "roles"], actor_rows)

    order = {aid: i for i, aid in enumerate(ids)}
    lang_rank = {"en": 0, "zh": 1, "ja": 2, "ko": 3, "ru": 4, "uk": 5, "fr": 6, "es": 7, "de": 8, "ar": 9}
    alias_rows = sorted(([aid, alias, t, l] for (aid, alias), (t, l, s) in G.aliases.items()),
                        key=lambda r: (order[r[0]], TYPE_RANK[r[2]], lang_rank.get(r[3], 99), r[1]))
    write_tsv(os.path.join(HERE, "aliases.tsv"), ["id", "alias", "type", "lang"], alias_rows)

    role_rows = sorted(([r["person"], r["role"], r["country"], r["start"], r["end"], r["note"]]
                        for r in G.roles),
                       key=lambda r: (r[2], ROLES.index(r[1]), date_key(r[3]), r[0]))
    write_tsv(os.path.join(HERE, "roles.tsv"), ["person", "role", "country", "start", "end", "note"],
              role_rows)

    amb = build_ambiguous()
    amb_rows = [[a, ";".join(r), n] for a, (r, n) in sorted(amb.items(), key=lambda x: x[0].lower())]
    write_tsv(os.path.join(HERE, "ambiguous.tsv"), ["alias", "readings", "note"], amb_rows)

    with open(os.path.join(HERE, "build.log"), "w", encoding="utf-8") as fh:
        fh.write("".join(sorted(set(l + "\n" for l in log_lines))))
    print("actors %d, aliases %d, roles %d, ambiguous %d (notes in gazetteer/build.log)"
          % (len(actor_rows), len(alias_rows), len(role_rows), len(amb_rows)))
    if "--check" in sys.argv:
        import runpy
        runpy.run_path(os.path.join(HERE, "check.py"), run_name="__main__")


if __name__ == "__main__":
    main()
