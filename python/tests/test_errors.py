"""Errors: Python exceptions carrying the CLI's messages; warnings as Python warnings."""

from __future__ import annotations

import json
import threading
import time
import warnings
from pathlib import Path

import pytest

import actorgraph
from actorgraph import ActorgraphError

PREFIX = "actorgraph: error: "


def cli_message(cli, *args) -> str:
    r = cli(*args, check=False)
    assert r.returncode == 2, r.stderr
    err = r.stderr.decode().strip()
    assert err.startswith(PREFIX), err
    return err[len(PREFIX):]


# (name, gazetteer file content, CLI args after -g FILE) — each must fail in both.
GAZETTEER_CASES = [
    ("not json", "{\"actors\": [", ["build"]),
    ("duplicate id", json.dumps({"actors": [{"id": "a", "label": "A"}, {"id": "a", "label": "B"}]}), ["build"]),
    ("missing label", json.dumps({"actors": [{"id": "a"}]}), ["build"]),
]


@pytest.mark.parametrize("name,content,args", GAZETTEER_CASES, ids=[c[0] for c in GAZETTEER_CASES])
def test_gazetteer_errors_carry_the_cli_message(cli, tmp_path, name, content, args):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    expected = cli_message(cli, *args, "-g", path)
    with pytest.raises(ActorgraphError) as e:
        actorgraph.Gazetteer.load(path)
    assert str(e.value) == expected
    assert isinstance(e.value, ValueError)


def test_missing_gazetteer_file_is_file_not_found(cli, tmp_path):
    path = tmp_path / "nope.json"
    expected = cli_message(cli, "build", "-g", path)
    with pytest.raises(FileNotFoundError) as e:
        actorgraph.Gazetteer.load(path)
    assert str(e.value) == expected


def test_bad_json_lines_record_carries_the_cli_message(cli, tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "Iran"}\n{"id": "b"}\n', encoding="utf-8")
    expected = cli_message(cli, "build", path)
    with pytest.raises(ActorgraphError) as e:
        actorgraph.build(path)
    assert str(e.value) == expected
    with pytest.warns(actorgraph.ActorgraphWarning):
        g = actorgraph.build(path, skip_bad_lines=True)
    assert g.corpus["documents"] == 1


# (name, call, exception type, message)
CALL_CASES = [
    ("record without text", lambda: actorgraph.build([{"id": "a"}]), ActorgraphError,
     'docs[0]: the record has no "text"; give each dict a "text" field'),
    ("bad record date", lambda: actorgraph.tag([{"text": "x", "date": "11/02/2024"}]), ActorgraphError,
     'docs[0]: date "11/02/2024" is not ISO 8601 (use 2024-02-11 or 2024-02-11T09:30:00Z)'),
    ("wrong document type", lambda: actorgraph.tag(["ok", 3]), TypeError,
     'docs[1]: expected a str (a document\'s text), a dict (a record with "text", "id", "date", ...) or a pathlib.Path, not int'),
    ("bytes", lambda: actorgraph.tag(b"Iran"), TypeError, "docs: give text as str, not bytes (decode it first)"),
    ("unknown unit", lambda: actorgraph.build(unit="word"), ActorgraphError,
     'unit="word": expected "sentence", "paragraph" or "document"'),
    ("unknown actor", lambda: actorgraph.build(actors=["nobody"]), ActorgraphError,
     'actors: no actor is named "nobody" (by id, label or alias); give an id, label or alias '
     'from the gazetteer (-g FILE, or the embedded gazetteer/actors.json)'),
    ("bad since", lambda: actorgraph.build(since="yesterday"), ActorgraphError,
     'since="yesterday" is not an ISO 8601 date such as 2024-02-11'),
    ("zero threads", lambda: actorgraph.build(threads=0), ActorgraphError, "threads must be at least 1"),
    ("unknown format", lambda: actorgraph.build().to_bytes("pdf"), ActorgraphError,
     'format="pdf": expected one of dot, graphml, gexf, json, csv, svg, png, html'),
    ("no gazetteer file", lambda: actorgraph.Gazetteer.load(), ActorgraphError,
     "Gazetteer.load needs at least one file; use Gazetteer.embedded() for the default"),
]


@pytest.mark.parametrize("name,call,exc,message", CALL_CASES, ids=[c[0] for c in CALL_CASES])
def test_bad_calls_raise_clear_errors(name, call, exc, message):
    with pytest.raises(exc) as e:
        call()
    assert str(e.value) == message


def test_write_without_a_known_extension_says_what_to_do(tmp_path):
    with pytest.raises(ActorgraphError) as e:
        actorgraph.build().write(tmp_path / "graph.xyz")
    assert "use an extension" in str(e.value) and "graph.xyz" in str(e.value)
    assert not (tmp_path / "graph.xyz").exists()


def test_unreadable_inputs_fail_like_the_cli(cli, tmp_path):
    missing = tmp_path / "missing.txt"
    expected = cli_message(cli, "build", missing)
    with pytest.raises(ActorgraphError) as e, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        actorgraph.build(missing)
    assert str(e.value) == expected


def test_the_gil_is_released_while_building(wikinews, tmp_path):
    """Another Python thread keeps running while the engine works: with the GIL held, it
    would stop for the whole call."""
    text = wikinews.read_text(encoding="utf-8")
    corpus = tmp_path / "big.jsonl"
    stamps: list[float] = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0.0005)

    t = threading.Thread(target=tick)
    t.start()
    try:
        # A corpus big enough for one call to take a while on this machine.
        for copies in [8, 32, 128]:
            corpus.write_text(text * copies, encoding="utf-8")
            stamps.clear()
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the copies repeat document ids
                actorgraph.build(corpus, threads=1)
            t1 = time.perf_counter()
            if t1 - t0 > 0.3:
                break
    finally:
        stop.set()
        t.join()
    inside = [s for s in stamps if t0 <= s <= t1]
    gaps = [b - a for a, b in zip([t0, *inside], [*inside, t1])]
    assert t1 - t0 > 0.3
    assert max(gaps) < 0.5 * (t1 - t0), (max(gaps), t1 - t0, len(inside))
