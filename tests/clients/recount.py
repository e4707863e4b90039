"""Recounts an actorgraph graph from first principles and compares it with the GraphML file,
read by NetworkX. Shares nothing with actorgraph: its own sentence and paragraph rule, its own
matcher, its own formulas (docs/weights.md).

usage: recount.py CORPUS.jsonl GAZETTEER.json UNIT GRAPH.graphml

The corpus is written by tests/clients.rs so that these simple rules are exact: paragraphs are
separated by a blank line, a sentence ends with ". " or the paragraph end and starts with a
capital, actor names are capitalised words found nowhere else.
"""

import collections
import itertools
import json
import math
import re
import sys

import networkx as nx


def units_of(doc, unit):
    """The units of one document, each a list of sentences."""
    paragraphs = [p for p in doc["text"].split("\n\n") if p.strip()]
    sentences = [[s for s in re.split(r"(?<=\.) +", p.strip()) if s] for p in paragraphs]
    if unit == "sentence":
        return [[s] for p in sentences for s in p]
    if unit == "paragraph":
        return sentences
    return [[s for p in sentences for s in p]] if sentences else []


def recount(corpus, names, unit):
    word = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    n_units = 0
    mentions = collections.Counter()
    actor_units = collections.Counter()
    actor_docs = collections.Counter()
    pair_units = collections.Counter()
    pair_docs = collections.Counter()
    for doc in corpus:
        found_in_doc = set()
        pairs_in_doc = set()
        for u in units_of(doc, unit):
            n_units += 1
            found = [names[m] for s in u for m in word.findall(s)]
            mentions.update(found)
            present = set(found)
            actor_units.update(present)
            found_in_doc |= present
            for a, b in itertools.combinations(sorted(present), 2):
                pair_units[a, b] += 1
                pairs_in_doc.add((a, b))
        actor_docs.update(found_in_doc)
        pair_docs.update(pairs_in_doc)
    edges = {}
    for (a, b), w in pair_units.items():
        pa, pb, pab = actor_units[a] / n_units, actor_units[b] / n_units, w / n_units
        npmi = 1.0 if pab >= 1 else math.log(pab / (pa * pb)) / -math.log(pab)
        jaccard = w / (actor_units[a] + actor_units[b] - w)
        edges[a, b] = {"weight": w, "documents": pair_docs[a, b], "npmi": npmi, "jaccard": jaccard}
    nodes = {
        a: {"mentions": mentions[a], "units": actor_units[a], "documents": actor_docs[a]}
        for a in mentions
    }
    return n_units, nodes, edges


def main():
    corpus_path, gazetteer_path, unit, graph_path = sys.argv[1:]
    corpus = [json.loads(line) for line in open(corpus_path, encoding="utf-8")]
    actors = json.load(open(gazetteer_path, encoding="utf-8"))["actors"]
    names = {a["label"]: a["id"] for a in actors}
    n_units, nodes, edges = recount(corpus, names, unit)

    g = nx.read_graphml(graph_path)
    problems = []
    if set(g.nodes) != set(nodes):
        problems.append(f"nodes: graph {sorted(g.nodes)}, recount {sorted(nodes)}")
    for a, want in nodes.items():
        for k, v in want.items():
            if a in g.nodes and int(g.nodes[a][k]) != v:
                problems.append(f"node {a} {k}: graph {g.nodes[a][k]}, recount {v}")
    got_edges = {tuple(sorted(e)) for e in g.edges}
    if got_edges != set(edges):
        problems.append(f"edges: graph {sorted(got_edges)}, recount {sorted(edges)}")
    for (a, b), want in edges.items():
        if not g.has_edge(a, b):
            continue
        d = g.edges[a, b]
        for k, v in want.items():
            if not math.isclose(float(d[k]), v, rel_tol=1e-9, abs_tol=1e-12):
                problems.append(f"edge {a}--{b} {k}: graph {d[k]}, recount {v}")
    if problems:
        print("\n".join(problems[:20]))
        sys.exit(1)
    print(f"ok: {unit}: {n_units} units, {len(nodes)} nodes, {len(edges)} edges")


if __name__ == "__main__":
    main()
