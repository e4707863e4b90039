"""Draws `actorgraph relations` JSON Lines as a Graphviz DOT graph (for docs/seeds-relations.svg).

    actorgraph relations | python3 docs/relations_dot.py | dot -Tsvg -o docs/seeds-relations.svg

One edge per (source, target, relation), labelled with the type and the number of sentences;
directed types get an arrow, symmetric ones none; dashed when every mention is planned, red
when negated. Until `build --edges relations` exists, this is how to see the typed graph.
"""
import collections
import json
import sys

COLOURS = {"meet": "#1f77b4", "visit": "#17becf", "attack": "#d62728", "criticize": "#ff7f0e",
           "support": "#2ca02c", "cooperate": "#9467bd", "affiliation": "#7f7f7f"}
SYMMETRIC = {"meet", "cooperate"}

edges = collections.Counter()
planned = collections.Counter()
negated = collections.Counter()
for line in sys.stdin:
    r = json.loads(line)
    key = (r["source"], r["target"], r["relation"])
    edges[key] += 1
    planned[key] += r["modality"] == "planned"
    negated[key] += r["negated"]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


print("digraph relations {")
print('  graph [rankdir=LR, fontname="Helvetica"]; node [shape=box, style=rounded, fontname="Helvetica"];')
print('  edge [fontname="Helvetica", fontsize=10];')
for (s, t, rel), n in sorted(edges.items()):
    style = "dashed" if planned[(s, t, rel)] == n else "solid"
    colour = "red" if negated[(s, t, rel)] else COLOURS.get(rel, "black")
    arrow = "none" if rel in SYMMETRIC else "normal"
    label = rel if n == 1 else f"{rel} ×{n}"
    print(f"  {q(s)} -> {q(t)} [label={q(label)}, color={q(colour)}, fontcolor={q(colour)}, "
          f"style={style}, arrowhead={arrow}, penwidth={1 + min(n, 6) * 0.5}];")
print("}")
