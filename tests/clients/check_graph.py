"""Opens actorgraph's exports with the programs users open them in and checks each against
the JSON graph: same nodes, labels, types, edges and weights, and no warning from Graphviz.

usage: check_graph.py DIR   (DIR holds g.json, g.graphml, g.gexf, g.dot and csv/)

Run by tests/clients.rs; needs NetworkX, lxml and Graphviz (tests/run.sh installs them).
"""

import csv
import json
import math
import pathlib
import subprocess
import sys

import networkx as nx
from lxml import etree

FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


def xml_text(s):
    """What an XML parser reads back: forbidden characters became U+FFFD."""
    return "".join("\ufffd" if c in FORBIDDEN else c for c in s)


def dot_label(s):
    """What a rendered DOT label shows: line breaks are \\n, forbidden characters U+FFFD."""
    return xml_text(s.replace("\r\n", "\n").replace("\r", "\n"))


def dot_id(s):
    """What Graphviz reads back as a node name (see export/dot.rs `id`): an odd run of
    backslashes before a quote or the end reads back one longer; line breaks are spaces."""
    s = s.replace("\r", " ").replace("\n", " ")
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\":
            j = i
            while j < len(s) and s[j] == "\\":
                j += 1
            run = j - i
            if run % 2 == 1 and (j == len(s) or s[j] == '"'):
                run += 1
            out.append("\\" * run)
            i = j
        else:
            out.append(s[i])
            i += 1
    return xml_text("".join(out))


def unescape_esc_string(s):
    """Graphviz keeps escString escapes in -Tjson output; undo \\n, \\" and \\\\."""
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in 'n"\\':
            out.append({"n": "\n", '"': '"', "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def check_typed(d, j):
    """A graph with typed relation edges (build --edges relations|both): several edges per
    pair, some directed. Every reader must keep the kinds apart and the directions."""
    want = {}
    for e in j["edges"]:
        key = (e["source"], e["target"], e.get("kind", "co-mention"))
        want[key] = (e["weight"], e.get("directed", False))
    ns = "{http://graphml.graphdrawing.org/xmlns}"

    # GraphML: NetworkX reads a MultiGraph (edgedefault is undirected); the `directed`
    # attribute and the XML source/target give the MultiDiGraph of the typed relations.
    g = nx.read_graphml(d / "g.graphml", force_multigraph=True)
    check(g.number_of_edges() == len(want), f"graphml edges {g.number_of_edges()} != {len(want)}")
    got = sorted((tuple(sorted((u, v))), a["kind"], a["weight"], a["directed"]) for u, v, a in g.edges(data=True))
    check(got == sorted((tuple(sorted((s, t))), k, float(w), dr) for (s, t, k), (w, dr) in want.items()),
          "graphml kinds, weights and directions")
    root = etree.parse(str(d / "g.graphml")).getroot()
    keys = {k.get("attr.name"): k.get("id") for k in root.iter(ns + "key") if k.get("for") == "edge"}
    dg = nx.MultiDiGraph()
    for el in root.iter(ns + "edge"):
        data = {x.get("key"): x.text for x in el.iter(ns + "data")}
        kind, directed = data[keys["kind"]], data[keys["directed"]] == "true"
        s, t = el.get("source"), el.get("target")
        dg.add_edge(s, t, key=kind)
        if not directed:
            dg.add_edge(t, s, key=kind)
        check(want.get((s, t, kind), (None, None))[1] == directed, f"graphml direction {s}->{t} {kind}")
    check(dg.number_of_edges() == sum(1 if dr else 2 for _, dr in want.values()), "multidigraph edges")

    # GEXF 1.3 mixed: NetworkX's read_gexf does not read mixed graphs (its documented limit),
    # so the edges are read with lxml: one per typed edge, type directed/undirected per edge.
    x = etree.parse(str(d / "g.gexf")).getroot()
    gns = "{http://gexf.net/1.3}"
    graph = x.find(gns + "graph")
    directed_any = any(dr for _, dr in want.values())
    check(graph.get("defaultedgetype") == ("mixed" if directed_any else "undirected"), "gexf defaultedgetype")
    got = {}
    for el in x.iter(gns + "edge"):
        got[(el.get("source"), el.get("target"), el.get("kind"))] = (
            int(float(el.get("weight"))), el.get("type") == "directed")
    check(got == want, "gexf edges, kinds and types")

    # DOT: a digraph Graphviz lays out without a warning, one edge per typed edge.
    r = subprocess.run(["dot", "-Tsvg", str(d / "g.dot")], capture_output=True)
    check(r.returncode == 0 and r.stderr == b"", f"dot: {r.stderr.decode(errors='replace')}")
    r = subprocess.run(["dot", "-Tjson", str(d / "g.dot")], capture_output=True, check=True)
    check(len(json.loads(r.stdout).get("edges", [])) == len(want), "dot edge count")

    # CSV: one row per typed edge with its kind and direction.
    with open(d / "csv" / "edges.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check({(r["Source"], r["Target"], r["Kind"]): (int(r["Weight"]), r["Directed"] == "true") for r in rows}
          == want, "csv typed edges")
    kinds = sorted({k for _, _, k in want})
    print(f"ok typed: {len(j['nodes'])} nodes, {len(want)} edges, kinds={','.join(kinds)}")


def main(d):
    d = pathlib.Path(d)
    j = json.loads((d / "g.json").read_text(encoding="utf-8"))
    check(j["format"] == "actorgraph", "json format tag")
    if any("kind" in e for e in j["edges"]):
        return check_typed(d, j)
    nodes = {n["id"]: n for n in j["nodes"]}
    edges = {(e["source"], e["target"]): e for e in j["edges"]}
    dated = j["corpus"]["dated_documents"] > 0

    # GraphML through NetworkX, and its structure through lxml.
    g = nx.read_graphml(d / "g.graphml")
    check(sorted(g.nodes) == sorted(xml_text(i) for i in nodes), "graphml node ids")
    check(g.number_of_edges() == len(edges), f"graphml edges {g.number_of_edges()} != {len(edges)}")
    by_xml_id = {xml_text(i): n for i, n in nodes.items()}
    for nid, data in g.nodes(data=True):
        n = by_xml_id[nid]
        check(data["label"] == xml_text(n["label"]), f"graphml label of {nid!r}: {data['label']!r}")
        check(data["type"] == xml_text(n["type"]), f"graphml type of {nid!r}")
        check(data["mentions"] == n["mentions"], f"graphml mentions of {nid!r}")
        check(data["color"].startswith("#") and len(data["color"]) == 7, "graphml color")
    for (s, t), e in edges.items():
        data = g.edges[xml_text(s), xml_text(t)]
        check(data["weight"] == float(e["weight"]), f"graphml weight {s}-{t}")
        check(math.isclose(data["npmi"], e["npmi"]), f"graphml npmi {s}-{t}")
    root = etree.parse(str(d / "g.graphml")).getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    tags = [c.tag for c in root]
    check(tags[-1] == ns + "graph" and all(t == ns + "key" for t in tags[:-1]), "keys before graph")
    declared = {}
    for k in root.iter(ns + "key"):
        check(k.get("attr.type") in {"string", "double", "long", "int", "float", "boolean"}, "key type")
        declared[k.get("id")] = k.get("for")
    for el in root.iter(ns + "data"):
        owner = el.getparent().tag.replace(ns, "")
        check(declared.get(el.get("key")) == owner, f"data key {el.get('key')} declared for {owner}")

    # GEXF through NetworkX.
    x = nx.read_gexf(d / "g.gexf")
    check(sorted(x.nodes) == sorted(xml_text(i) for i in nodes), "gexf node ids")
    check(x.number_of_edges() == len(edges), "gexf edges")
    check(x.graph["mode"] == ("dynamic" if dated else "static"), "gexf mode")
    for nid, data in x.nodes(data=True):
        n = by_xml_id[nid]
        check(data["label"] == xml_text(n["label"]), f"gexf label of {nid!r}: {data['label']!r}")
        check(data["type"] == xml_text(n["type"]), f"gexf type of {nid!r}")
        check(set(data["viz"]["color"]) >= {"r", "g", "b"}, "gexf viz color")
        if dated:
            check([s for s, _ in data["spells"]] == n.get("dates", []), f"gexf node spells {nid!r}")
    for (s, t), e in edges.items():
        data = x.edges[xml_text(s), xml_text(t)]
        check(data["weight"] == float(e["weight"]), f"gexf weight {s}-{t}")
        if dated:
            check([a for a, _ in data["spells"]] == e.get("dates", []), f"gexf edge spells {s}-{t}")

    # DOT through Graphviz: both layouts without a warning, then names and labels read back.
    for engine in ("dot", "sfdp"):
        r = subprocess.run([engine, "-Tsvg", str(d / "g.dot")], capture_output=True)
        check(r.returncode == 0, f"{engine} failed: {r.stderr!r}")
        check(r.stderr == b"", f"{engine} warned: {r.stderr.decode(errors='replace')}")
    r = subprocess.run(["dot", "-Tjson", str(d / "g.dot")], capture_output=True, check=True)
    objects = json.loads(r.stdout)["objects"]
    check(len(objects) == len(nodes), "dot node count")
    check(len(json.loads(r.stdout).get("edges", [])) == len(edges), "dot edge count")
    by_dot_id = {dot_id(i): n for i, n in nodes.items()}
    for o in objects:
        n = by_dot_id[o["name"]]
        check(unescape_esc_string(o["label"]) == dot_label(n["label"]), f"dot label of {o['name']!r}: {o['label']!r}")

    # CSV through Python's csv module (what spreadsheets and LOAD CSV read).
    with open(d / "csv" / "nodes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check({r["Id"]: r["Label"] for r in rows} == {i: n["label"] for i, n in nodes.items()}, "csv nodes")
    with open(d / "csv" / "edges.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check({(r["Source"], r["Target"]): int(r["Weight"]) for r in rows}
          == {k: e["weight"] for k, e in edges.items()}, "csv edges")

    print(f"ok: {len(nodes)} nodes, {len(edges)} edges, dated={dated}")


if __name__ == "__main__":
    main(sys.argv[1])
