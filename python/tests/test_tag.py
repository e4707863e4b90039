"""`actorgraph.tag` and `Gazetteer`: the CLI's rows, the documents Python can give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import actorgraph


def rows(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode().splitlines()]


def test_seeds_give_the_cli_rows(cli):
    assert actorgraph.tag() == rows(cli("tag").stdout)


def test_a_path_gives_the_cli_rows(cli, wikinews):
    assert actorgraph.tag(wikinews) == rows(cli("tag", wikinews).stdout)


# (name, docs, expected [(doc, text, actor)])
DOC_CASES = [
    ("one string", "Vowell met Rasool.", [("0", "Vowell", "vowell"), ("0", "Rasool", "rasool")]),
    ("strings are numbered", ["No one.", "Al-Sudani spoke."], [("1", "Al-Sudani", "sudani")]),
    ("a record", {"id": "r1", "text": "Kataib Hezbollah"}, [("r1", "Kataib Hezbollah", "kataib_hezbollah")]),
    ("int id", [{"id": 42, "text": "Iran"}], [("42", "Iran", "iran")]),
    ("record without id", [{"text": "x"}, {"text": "Iran"}], [("1", "Iran", "iran")]),
    ("a generator", (t for t in ["Iran", "Iraq"]), [("0", "Iran", "iran"), ("1", "Iraq", "iraq")]),
    ("a tuple", ("Iran",), [("0", "Iran", "iran")]),
    ("nothing", [], []),
]


@pytest.mark.parametrize("name,docs,expected", DOC_CASES, ids=[c[0] for c in DOC_CASES])
def test_documents_python_can_give(name, docs, expected):
    got = [(r["doc"], r["text"], r["actor"]) for r in actorgraph.tag(docs)]
    assert got == expected


def test_rows_have_the_cli_fields_and_byte_offsets():
    text = "Iran’s envoy met Al‑Sudani."  # a curly apostrophe and a non-breaking hyphen
    (iran, sudani) = actorgraph.tag(text)
    assert list(iran) == ["doc", "sentence", "paragraph", "zone", "start", "end", "text", "actor"]
    raw = text.encode()
    assert raw[sudani["start"]:sudani["end"]].decode() == sudani["text"] == "Al‑Sudani"


def test_paths_and_texts_mix_in_order(tmp_path):
    (tmp_path / "a.txt").write_text("Iraq", encoding="utf-8")
    got = [(r["doc"], r["actor"]) for r in actorgraph.tag(["Iran", tmp_path / "a.txt", "Syria"])]
    assert got == [("0", "iran"), ("a", "iraq"), ("2", "syria")]


def test_a_loaded_gazetteer_is_used(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"actors": [{"id": "acme", "label": "Acme Corp", "type": "company"}]}))
    g = actorgraph.Gazetteer.load(path)
    assert len(g) == 1 and "acme" in g and "iran" not in g
    assert [r["actor"] for r in actorgraph.tag("Acme Corp and Iran.", g)] == ["acme"]
    assert g.actors()[0]["id"] == "acme"
    assert repr(g) == f"<Gazetteer {path}: 1 actors, 1 patterns>"


def test_embedded_gazetteer_is_the_default():
    g = actorgraph.Gazetteer.embedded()
    assert actorgraph.tag("Iran", g) == actorgraph.tag("Iran")
    assert "sudani" in g and len(g) == len(g.actors())
