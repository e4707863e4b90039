"""The README's notebook example, run as written on real news."""

from __future__ import annotations

import re
import shutil

import networkx as nx


def test_the_readme_notebook_example_runs(root, wikinews, tmp_path, monkeypatch):
    readme = (root / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    assert len(code.strip().splitlines()) == 5
    shutil.copy(wikinews, tmp_path / "news.jsonl")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    g, G = scope["g"], scope["G"]
    assert isinstance(G, nx.Graph) and G.number_of_nodes() == len(g.nodes) > 10
    assert g.corpus["documents"] == 295 and g.corpus["dated_documents"] == 295
    assert (tmp_path / "actors.gexf").read_bytes() == g.to_bytes("gexf")
