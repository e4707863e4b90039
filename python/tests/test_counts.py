"""`Counts`: merging any split of a corpus gives the graph of the whole; pickling keeps it."""

from __future__ import annotations

import json
import pickle
import random
from concurrent.futures import ProcessPoolExecutor
from functools import reduce

import pytest

import actorgraph


@pytest.fixture(scope="module")
def records(wikinews, root) -> list[dict]:
    rows = [json.loads(line) for line in wikinews.read_text(encoding="utf-8").splitlines()]
    rows += [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted((root / "seeds").glob("*.txt"))]
    return rows


def split(rows: list, k: int, rng: random.Random) -> list[list]:
    """`rows` shuffled and cut into k parts at random places (some may be empty)."""
    rows = rows[:]
    rng.shuffle(rows)
    cuts = sorted(rng.randrange(len(rows) + 1) for _ in range(k - 1))
    return [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)])]


def merge_randomly(parts: list, rng: random.Random):
    """Merges in a random order and grouping."""
    parts = parts[:]
    while len(parts) > 1:
        i, j = rng.sample(range(len(parts)), 2)
        merged = parts[i].merge(parts[j])
        parts = [p for n, p in enumerate(parts) if n not in (i, j)] + [merged]
    return parts[0]


# (name, count options): each split must finish into the single run's bytes.
CASES = [
    ("all evidence", {}),
    ("evidence cap 2", {"max_evidence": 2}),
    ("paragraph unit", {"unit": "paragraph"}),
    ("date range", {"since": "2019-06-01", "until": "2019-12-31"}),
]


@pytest.mark.parametrize("name,options", CASES, ids=[c[0] for c in CASES])
def test_any_split_merged_in_any_order_equals_one_run(records, name, options):
    whole = actorgraph.count(records, **options)
    expected = {f: whole.finish().to_bytes(f) for f in ["json", "graphml"]}
    for seed in range(3):
        rng = random.Random(seed)
        pieces = split(records, rng.randint(2, 7), rng)
        # The first pass of the whole corpus, merged from the parts' scans, for every part.
        first = merge_randomly([actorgraph.scan(p) for p in pieces], rng)
        parts = [actorgraph.count(p, scan=first, **options) for p in pieces]
        merged = merge_randomly(parts, rng)
        assert merged == whole, f"{name}, seed {seed}"
        for f, want in expected.items():
            assert merged.finish().to_bytes(f) == want, f"{name}, seed {seed}: {f}"


def test_build_is_count_then_finish(records):
    g = actorgraph.build(records, min_weight=2)
    assert g.counts() == actorgraph.count(records)
    assert g.to_bytes("json") == actorgraph.count(records).finish(min_weight=2).to_bytes("json")


def test_counts_pickle_to_equal_counts(records):
    c = actorgraph.count(records, max_evidence=3)
    back = pickle.loads(pickle.dumps(c))
    assert back == c and back is not c
    assert back.finish().to_bytes("graphml") == c.finish().to_bytes("graphml")
    assert actorgraph.Counts.from_bytes(c.to_bytes()) == c
    assert repr(back) == repr(c)


def _scan_part(rows: list[dict]) -> actorgraph.Scan:
    return actorgraph.scan(rows, threads=1)


def _count_part(rows: list[dict], first: actorgraph.Scan) -> actorgraph.Counts:
    return actorgraph.count(rows, scan=first, threads=1)


def test_scans_and_counts_travel_between_processes(records):
    parts = split(records, 4, random.Random(1))
    with ProcessPoolExecutor(2) as pool:
        first = reduce(actorgraph.Scan.merge, pool.map(_scan_part, parts))
        counts = list(pool.map(_count_part, parts, [first] * len(parts)))
    assert first == actorgraph.scan(records)
    assert reduce(actorgraph.Counts.merge, counts) == actorgraph.count(records)


# (name, options of a, options of b, message)
INCOMPATIBLE = [
    ("unit", {}, {"unit": "paragraph"},
     "built with different --unit (sentence and paragraph); build every part with the same gazetteer and options"),
    ("since", {}, {"since": "2019-01-01"},
     "built with different --since (none and 2019-01-01); build every part with the same gazetteer and options"),
]


@pytest.mark.parametrize("name,a,b,message", INCOMPATIBLE, ids=[c[0] for c in INCOMPATIBLE])
def test_merging_incompatible_counts_names_the_difference(name, a, b, message):
    with pytest.raises(actorgraph.ActorgraphError) as e:
        actorgraph.count("Iran", **a).merge(actorgraph.count("Iraq", **b))
    assert str(e.value) == message


def test_counts_of_different_gazetteers_do_not_merge(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"actors": [{"id": "iran", "label": "Iran", "type": "state"}]}))
    mine = actorgraph.count("Iran", actorgraph.Gazetteer.load(path))
    with pytest.raises(actorgraph.ActorgraphError) as e:
        mine.merge(actorgraph.count("Iran"))
    assert str(e.value).startswith("built with different gazetteer fingerprint (")


def test_a_loaded_gazetteer_pickles_and_tags_the_same(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"actors": [{"id": "acme", "label": "Acme Corp", "type": "company"}]}))
    g = actorgraph.Gazetteer.load(path)
    back = pickle.loads(pickle.dumps(g))
    assert repr(back) == repr(g)
    assert actorgraph.tag("Acme Corp.", back) == actorgraph.tag("Acme Corp.", g)
    embedded = pickle.loads(pickle.dumps(actorgraph.Gazetteer.embedded()))
    assert len(embedded) == len(actorgraph.Gazetteer.embedded())


def test_counts_bytes_are_partial_files_the_cli_merges(cli, records, wikinews, tmp_path):
    half = len(records) // 2
    first = actorgraph.scan(records)
    (tmp_path / "a.agc").write_bytes(actorgraph.count(records[:half], scan=first).to_bytes())
    (tmp_path / "b.agc").write_bytes(actorgraph.count(records[half:], scan=first).to_bytes())
    merged = cli("merge", tmp_path / "b.agc", tmp_path / "a.agc", "--format", "graphml").stdout
    assert merged == actorgraph.build(records).to_bytes("graphml")
    cli("build", wikinews, "--partial", "-o", tmp_path / "w.agc")
    assert actorgraph.Counts.from_bytes((tmp_path / "w.agc").read_bytes()) == actorgraph.count(wikinews)
