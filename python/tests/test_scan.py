"""The first pass from Python: `build` equals the CLI's default recipe on a corpus with
syndicated copies and furniture lines; `scan` is mergeable and picklable; `count(part,
scan=whole)` merges into one build; typed relations as the CLI gives them."""

from __future__ import annotations

import json
import pickle
import random
from functools import reduce

import pytest
import actorgraph


def test_build_equals_the_cli_defaults_with_copies_and_furniture(cli, syndicated, syndicated_path):
    path = syndicated_path
    run = cli("build", path, "--verbose", "--format", "json")
    # The corpus tests what it should: copies are found, furniture changes the graph.
    assert "duplicate document(s) counted once" in run.stderr.decode()
    for fmt in ["json", "graphml"]:
        expected = cli("build", path, "--format", fmt).stdout
        assert actorgraph.build(syndicated).to_bytes(fmt) == expected, fmt
        assert actorgraph.build(iter(syndicated)).to_bytes(fmt) == expected, f"{fmt}: iterator"
        assert actorgraph.build(path).to_bytes(fmt) == expected, f"{fmt}: path"
    naive = cli("build", path, "--keep-duplicates", "--repeated-lines", "0", "--format", "json").stdout
    assert naive != run.stdout
    assert actorgraph.build(syndicated, keep_duplicates=True, repeated_lines=0).to_json().encode() == naive


# (name, Python options, CLI flags)
OPTION_CASES = [
    ("keep duplicates", {"keep_duplicates": True}, ["--keep-duplicates"]),
    ("no furniture", {"repeated_lines": 0}, ["--repeated-lines", "0"]),
    ("furniture from 3", {"repeated_lines": 3}, ["--repeated-lines", "3"]),
    ("keep boilerplate", {"keep_boilerplate": True}, ["--keep-boilerplate"]),
    ("skip headlines", {"headlines": "skip"}, ["--headlines", "skip"]),
    ("relations", {"edges": "relations"}, ["--edges", "relations"]),
    ("both kinds", {"edges": "both"}, ["--edges", "both"]),
]


@pytest.mark.parametrize("name,options,flags", OPTION_CASES, ids=[c[0] for c in OPTION_CASES])
def test_first_pass_and_edge_options_equal_the_cli(cli, syndicated, syndicated_path, name, options, flags):
    path = syndicated_path
    expected = cli("build", path, *flags, "--format", "graphml").stdout
    assert actorgraph.build(syndicated, **options).to_bytes("graphml") == expected, name


def test_parts_counted_with_the_merged_scan_equal_one_build(syndicated):
    expected = actorgraph.build(syndicated).to_bytes("json")
    rng = random.Random(3)
    rows = syndicated[:]
    rng.shuffle(rows)
    parts = [rows[i::4] for i in range(4)]
    scans = [actorgraph.scan(p) for p in parts]
    first = reduce(actorgraph.Scan.merge, scans[::-1])
    assert first == actorgraph.scan(syndicated)
    assert len(first) == len(syndicated)
    merged = reduce(actorgraph.Counts.merge, [actorgraph.count(p, scan=first) for p in parts])
    assert merged.finish().to_bytes("json") == expected
    # Each part alone misses the copies and the furniture of the others: the test can fail.
    alone = reduce(actorgraph.Counts.merge, [actorgraph.count(p) for p in parts])
    assert alone.finish().to_bytes("json") != expected


def test_scans_pickle_and_are_scan_files(cli, syndicated, syndicated_path, tmp_path):
    first = actorgraph.scan(syndicated)
    back = pickle.loads(pickle.dumps(first))
    assert back == first and back.duplicates == first.duplicates
    copies = {d["id"]: (d["kept"], d["how"]) for d in first.duplicates}
    assert copies["0copy00"][1] == "exact" and copies["zcopy00"][1] == "near"
    assert copies["0copy00"][0] == copies["zcopy00"][0] == syndicated[0]["id"]
    # The bytes are a file `actorgraph build --scan` reads, and the CLI's files read back.
    path = syndicated_path
    (tmp_path / "py.ags").write_bytes(first.to_bytes())
    with_scan = cli("build", path, "--scan", tmp_path / "py.ags", "--format", "json").stdout
    assert with_scan == cli("build", path, "--format", "json").stdout
    cli("scan", path, "-o", tmp_path / "cli.ags")
    assert actorgraph.Scan.from_bytes((tmp_path / "cli.ags").read_bytes()) == first


# (name, call, message)
REFUSED = [
    ("scans of different options",
     lambda: actorgraph.scan("Iran").merge(actorgraph.scan("Iraq", keep_duplicates=True)),
     "scans made with different options cannot be combined: the other scan was made with "
     "--keep-duplicates --repeated-lines 5, this one with --repeated-lines 5; scan again with "
     "the same --keep-duplicates and --repeated-lines"),
    ("count with another scan's options",
     lambda: actorgraph.count("Iran", scan=actorgraph.scan("Iran"), repeated_lines=3),
     "scans made with different options cannot be combined: scan was made with "
     "--repeated-lines 5, count with --repeated-lines 3; scan again with the same "
     "--keep-duplicates and --repeated-lines"),
    ("count with a scan of other documents",
     lambda: actorgraph.count([{"id": "b", "text": "Iraq and Syria met."}],
                              scan=actorgraph.scan([{"id": "a", "text": "Iraq and Iran met."}])),
     'document "b" is not in the scan this run was given: its duplicates and repeated lines '
     "would be decided without it, and the counts would not equal one build of the whole "
     "corpus; scan every part of the corpus, merge the scans (`actorgraph scan --scan a.ags "
     "--scan b.ags -o all.ags`) and give the merged scan to each build (docs/duplicates.md); "
     "if the scan is older than the document's last edit, scan again"),
    ("bytes that are no scan", lambda: actorgraph.Scan.from_bytes(b"x"),
     "<bytes>: not a scan file (make one with `actorgraph scan INPUTS -o FILE.ags`)"),
    ("unknown edges", lambda: actorgraph.count("Iran", edges="friends"),
     'edges="friends": expected "co-mention", "relations" or "both"'),
]


@pytest.mark.parametrize("name,call,message", REFUSED, ids=[c[0] for c in REFUSED])
def test_what_cannot_be_done_exactly_is_refused(name, call, message):
    with pytest.raises(actorgraph.ActorgraphError) as e:
        call()
    assert str(e.value) == message


def test_tag_marks_furniture_as_the_cli_does(cli, syndicated, syndicated_path):
    rows = actorgraph.tag(syndicated)
    assert rows == [json.loads(line) for line in cli("tag", syndicated_path).stdout.decode().splitlines()]
    # The furniture line's mentions (conftest.FURNITURE) are boilerplate, in every copy.
    docs = {r["doc"] for r in rows if r["text"] == "Iran" and r["zone"] == "boilerplate"}
    assert len(docs) >= 5, docs


def test_relations_are_the_cli_rows(cli, wikinews):
    expected = [json.loads(line) for line in cli("relations", wikinews).stdout.decode().splitlines()]
    got = actorgraph.relations(wikinews)
    assert got == expected and len(got) > 0
    records = [json.loads(line) for line in wikinews.read_text(encoding="utf-8").splitlines()]
    assert actorgraph.relations(records) == expected
    (row,) = actorgraph.relations("Vowell met Rasool in Baghdad.")
    assert (row["relation"], row["source"], row["target"], row["cue"]) == ("meet", "rasool", "vowell", "met")
