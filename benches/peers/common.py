"""Shared by the peer benchmarks: the same aliases as actorgraph's default gazetteer, the same
JSON Lines corpus, the same job (tag every mention, link actors that share a sentence, count
pairs), and the same report line."""

import itertools
import json
import pathlib
import sys
import time
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parents[2]


def aliases(path=ROOT / "gazetteer" / "actors.json"):
    """(alias text, actor id) for every label and alias."""
    out = []
    for a in json.loads(path.read_text(encoding="utf-8"))["actors"]:
        out.append((a["label"], a["id"]))
        for x in a.get("aliases", []):
            out.append((x if isinstance(x, str) else x["text"], a["id"]))
    return out


def documents(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)["text"]


def count_pairs(pairs, actors_in_sentence):
    for a, b in itertools.combinations(sorted(set(actors_in_sentence)), 2):
        pairs[(a, b)] += 1


def run(name, corpus, job):
    """Times `job(corpus) -> (documents, mentions, pairs Counter)` and prints one line."""
    size = pathlib.Path(corpus).stat().st_size
    t = time.perf_counter()
    docs, mentions, pairs = job(corpus)
    secs = time.perf_counter() - t
    print(f"{name}: {size / 1e6 / secs:.1f} MB/s, {docs / secs:.0f} docs/s, "
          f"{mentions} mentions, {len(pairs)} pairs, {secs:.1f} s")


if __name__ == "__main__":
    sys.exit("import this module")
