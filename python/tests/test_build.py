"""`actorgraph.build` against `actorgraph build`: the same bytes, the same NetworkX graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import actorgraph

# (name, Python options, CLI flags): each row must give byte-identical outputs.
OPTION_CASES = [
    ("defaults", {}, []),
    ("paragraph unit", {"unit": "paragraph"}, ["--unit", "paragraph"]),
    ("document unit", {"unit": "document"}, ["--unit", "document"]),
    ("evidence cap", {"max_evidence": 1}, ["--max-evidence", "1"]),
    ("min weight", {"min_weight": 2}, ["--min-weight", "2"]),
    ("top edges", {"top_edges": 5}, ["--top-edges", "5"]),
    ("types as list", {"types": ["person", "armed_group"]}, ["--types", "person,armed_group"]),
    ("types as str", {"types": "person"}, ["--types", "person"]),
    ("ego network", {"actors": ["sudani"]}, ["--actors", "sudani"]),
    ("communities", {"communities": True, "seed": 7}, ["--communities", "--seed", "7"]),
    ("line breaks", {"line_breaks": "space"}, ["--line-breaks", "space"]),
]

FORMATS = ["json", "graphml", "gexf", "dot"]


@pytest.mark.parametrize("name,options,flags", OPTION_CASES, ids=[c[0] for c in OPTION_CASES])
def test_seeds_give_the_cli_bytes_in_every_format(cli, name, options, flags):
    g = actorgraph.build(**options)
    for fmt in FORMATS:
        expected = cli("build", *flags, "--format", fmt).stdout
        assert g.to_bytes(fmt) == expected, f"{name}: {fmt} differs from the CLI"


def test_real_corpus_from_a_path_and_from_records_gives_the_cli_bytes(cli, wikinews):
    expected = cli("build", wikinews, "--format", "json").stdout
    from_path = actorgraph.build(wikinews)
    records = [json.loads(line) for line in wikinews.read_text(encoding="utf-8").splitlines()]
    from_records = actorgraph.build(records)
    from_generator = actorgraph.build(r for r in records)
    assert from_path.to_json().encode() == expected
    assert from_records.to_json().encode() == expected
    assert from_generator.to_json().encode() == expected


def test_to_networkx_equals_networkx_reading_the_cli_graphml(cli, tmp_path):
    cli("build", "-o", tmp_path / "g.graphml")
    expected = nx.read_graphml(tmp_path / "g.graphml")
    got = actorgraph.build().to_networkx()
    assert type(got) is type(expected)
    assert dict(got.nodes(data=True)) == dict(expected.nodes(data=True))
    edges = lambda G: {tuple(sorted((a, b))): d for a, b, d in G.edges(data=True)}  # noqa: E731
    assert edges(got) == edges(expected)
    assert got.number_of_edges() == expected.number_of_edges() > 0
    # Typed as GraphML declares them.
    node = got.nodes["sudani"]
    assert isinstance(node["mentions"], int) and isinstance(node["size"], float)


def test_to_networkx_keeps_the_direction_of_typed_relations():
    g = actorgraph.build(edges="both")
    got = g.to_networkx()
    assert isinstance(got, nx.MultiDiGraph)
    # (source, target, kind) as the JSON graph gives them; symmetric kinds both ways.
    want = []
    for e in g.edges:
        kind = e.get("kind", "co-mention")
        want.append((e["source"], e["target"], kind))
        if not e.get("directed"):
            want.append((e["target"], e["source"], kind))
    assert sorted(got.edges(keys=True)) == sorted(want)
    # The seeds' attacks go one way: the United States struck, it was not struck.
    attacks = {(u, v) for u, v, k in got.edges(keys=True) if k == "attack"}
    assert ("united_states", "kataib_hezbollah") in attacks
    assert ("kataib_hezbollah", "united_states") not in attacks
    d = got.edges["united_states", "kataib_hezbollah", "attack"]
    assert d["directed"] is True and d["weight"] >= 1
    assert dict(got.nodes(data=True)) == dict(g.to_networkx().nodes(data=True))


@pytest.mark.parametrize("name,fmt", [("g.json", None), ("g.graphml", None), ("g.gexf", None),
                                      ("g.dot", None), ("g.gv", None), ("out", "csv"),
                                      ("g.txt", "graphml")])
def test_write_gives_the_cli_files(cli, tmp_path, name, fmt):
    g = actorgraph.build(unit="paragraph")
    g.write(tmp_path / "py" / name if fmt == "csv" else tmp_path / f"py-{name}", format=fmt)
    flags = ["--format", fmt] if fmt else []
    cli_out = tmp_path / "cli" / name if fmt == "csv" else tmp_path / f"cli-{name}"
    cli("build", "--unit", "paragraph", "-o", cli_out, *flags)
    if fmt == "csv":
        for f in ["nodes.csv", "edges.csv"]:
            assert (tmp_path / "py" / name / f).read_bytes() == (cli_out / f).read_bytes()
    else:
        assert (tmp_path / f"py-{name}").read_bytes() == cli_out.read_bytes()


def test_nodes_and_edges_are_the_json_fields(cli):
    saved = json.loads(cli("build", "--format", "json").stdout)
    g = actorgraph.build()
    assert g.nodes == saved["nodes"]
    assert g.edges == saved["edges"]
    assert g.corpus == saved["corpus"]
    assert len(g) == len(saved["nodes"])
    assert repr(g) == f"<actorgraph.Graph: {len(saved['nodes'])} nodes, {len(saved['edges'])} edges>"


def test_output_is_identical_for_any_thread_count(wikinews):
    one = actorgraph.build(wikinews, threads=1).to_bytes("json")
    two = actorgraph.build(wikinews, threads=2).to_bytes("json")
    assert one == two


# (name, documents, expected (node id, first_date, last_date) of "iran")
DATE_CASES = [
    ("iso string", [{"id": "a", "text": "Iran and Iraq.", "date": "2024-02-11"}], ("2024-02-11", "2024-02-11")),
    ("date-time", [{"id": "a", "text": "Iran and Iraq.", "date": "2024-02-11T23:30:00Z"}], ("2024-02-11", "2024-02-11")),
    ("datetime.date", [{"id": "a", "text": "Iran and Iraq.", "date": __import__("datetime").date(2024, 3, 1)}], ("2024-03-01", "2024-03-01")),
    ("datetime", [{"id": "a", "text": "Iran and Iraq.", "date": __import__("datetime").datetime(2024, 3, 1, 9)}], ("2024-03-01", "2024-03-01")),
    ("two days", [{"id": "a", "text": "Iran and Iraq.", "date": "2024-01-05"},
                  {"id": "b", "text": "Iraq and Iran.", "date": "2023-12-31"}], ("2023-12-31", "2024-01-05")),
]


@pytest.mark.parametrize("name,docs,expected", DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_record_dates(name, docs, expected):
    iran = next(n for n in actorgraph.build(docs).nodes if n["id"] == "iran")
    assert (iran["first_date"], iran["last_date"]) == expected


def test_since_and_until_take_dates_and_strings():
    import datetime

    # Distinct texts: copies of one text would count once, under the earliest date.
    docs = [{"id": str(d), "text": f"Iran and Iraq, day {d}.", "date": f"2024-01-{d:02}"} for d in range(1, 11)]
    a = actorgraph.build(docs, since="2024-01-03", until=datetime.date(2024, 1, 5))
    assert a.corpus["documents"] == 3
    assert a.edges[0]["weight"] == 3


# (name, how the gazetteer is given, given the root): every form gives the graph of
# `actorgraph build -g tests/docs/my.json -g tests/docs/other.json`.
GAZETTEER_FORMS = [
    ("loaded", lambda r: actorgraph.Gazetteer.load(r / "tests/docs/my.json", r / "tests/docs/other.json")),
    ("list of str", lambda r: [str(r / "tests/docs/my.json"), str(r / "tests/docs/other.json")]),
    ("tuple of paths", lambda r: (r / "tests/docs/my.json", r / "tests/docs/other.json")),
]


@pytest.mark.parametrize("name,given", GAZETTEER_FORMS, ids=[c[0] for c in GAZETTEER_FORMS])
def test_a_gazetteer_given_by_its_paths_is_loaded_as_the_cli_loads_it(cli, root, name, given):
    mine, other = root / "tests/docs/my.json", root / "tests/docs/other.json"
    expected = cli("build", "-g", mine, "-g", other, "--format", "json").stdout
    assert actorgraph.build(gazetteer=given(root)).to_bytes("json") == expected, name
    assert actorgraph.tag("Vowell met Sudani.", given(root)) == actorgraph.tag(
        "Vowell met Sudani.", actorgraph.Gazetteer.load(mine, other)
    )


def test_one_path_and_a_bad_gazetteer_argument(cli, root):
    mine = root / "tests/docs/my.json"
    # The seeds name no two of its actors in one sentence: the CLI exits 1 with a warning.
    expected = cli("build", "-g", mine, "--format", "json", check=False).stdout
    with pytest.warns(actorgraph.ActorgraphWarning):
        assert actorgraph.build(gazetteer=str(mine)).to_bytes("json") == expected
    with pytest.warns(actorgraph.ActorgraphWarning):
        assert actorgraph.build(gazetteer=mine).to_bytes("json") == expected
    for bad in [42, {"actors": []}, [], [mine, 3]]:
        with pytest.raises(TypeError) as e:
            actorgraph.build(gazetteer=bad)
        assert str(e.value).startswith("gazetteer: give a Gazetteer, a path to a gazetteer JSON file")


# (name, docs, options, the warning's start): a graph without links warns why, as the CLI
# does (exit status 1), in this module's keywords.
EMPTY_CASES = [
    ("one actor", "Iran.", {}, "1 actor(s) but no link: no two actors share a sentence; try unit='paragraph' or unit='document' (boilerplate is not linked: keep_boilerplate=True)"),
    ("one actor per paragraph", "Iran.\n\nIraq.", {"unit": "paragraph"}, "2 actor(s) but no link: no two actors share a paragraph"),
    ("ego network", "Iran and Iraq.", {"actors": "sudani"}, "the actors given to actors= have no links"),
    ("no actor", "Nothing here.", {}, "no actor of the gazetteer is mentioned in the 1 document(s)"),
    ("types", None, {"types": "persn"}, "no actor of type persn is mentioned in the 5 document(s)"),
    ("min weight", "Iran and Iraq.", {"min_weight": 5}, "no link is left after min_weight=5"),
    ("undated", ["Iran and Iraq."], {"since": "2024-01-01"}, "no documents were counted"),
]


@pytest.mark.parametrize("name,docs,options,start", EMPTY_CASES, ids=[c[0] for c in EMPTY_CASES])
def test_a_graph_without_links_warns_why(name, docs, options, start):
    with pytest.warns(actorgraph.ActorgraphWarning) as caught:
        g = actorgraph.build(docs, **options)
    assert g.to_bytes("json") and len(g.edges) == 0
    messages = [str(w.message) for w in caught]
    assert any(m.startswith(start) for m in messages), messages


def test_a_graph_with_links_does_not_warn(recwarn):
    assert len(actorgraph.build("Iran and Iraq.").edges) == 1
    assert not [w for w in recwarn if issubclass(w.category, actorgraph.ActorgraphWarning)]
