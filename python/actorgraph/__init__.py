"""actorgraph: turn news text into actor networks.

The same engine as the ``actorgraph`` command line, from Python::

    import actorgraph
    g = actorgraph.build(["Vowell met Rasool in Baghdad.", {"id": "b", "text": "..."}])
    G = g.to_networkx()            # NetworkX graph with the GraphML attributes
    g.write("actors.gexf")         # any format of `actorgraph build`
    rows = actorgraph.tag(["Vowell met Rasool."])

``docs`` is one document or an iterable of them: a ``str`` (the text; its id is its position),
a ``dict`` with the JSON Lines fields (``text``, ``id``, ``date``, ``title``, ``url``,
``source``), a ``pathlib.Path`` (a file or folder, read as the CLI reads it), or a pandas
DataFrame with those columns. ``None`` means the embedded sample articles, as the CLI without
inputs. Iterables are consumed lazily in batches, so a generator over a large corpus works.

Work runs in Rust with the GIL released, on all cores (``threads=N`` to limit it); the result
is identical for every thread count. Errors raise :class:`ActorgraphError` (a ``ValueError``)
or an ``OSError`` with the CLI's message; non-fatal problems are :class:`ActorgraphWarning`.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Union

from . import _actorgraph
from ._actorgraph import ActorgraphError, Gazetteer

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__all__ = [
    "ActorgraphError",
    "ActorgraphWarning",
    "Gazetteer",
    "Graph",
    "build",
    "relations",
    "tag",
]

__version__: str = _actorgraph.__version__

Document = Union[str, Mapping[str, Any], "os.PathLike[str]"]
Docs = Union[Document, Iterable[Document], None]
DateLike = Union[str, date, None]


class ActorgraphWarning(UserWarning):
    """Something was skipped or capped, but the run succeeded (the CLI's warnings)."""


def _warn(messages: list[str]) -> None:
    for m in messages:
        warnings.warn(m, ActorgraphWarning, stacklevel=3)


def _documents(docs: Docs) -> Iterable[Any] | None:
    """``docs`` as an iterable the engine reads (one document becomes a list of one)."""
    if docs is None:
        return None
    if isinstance(docs, (str, os.PathLike)) or isinstance(docs, Mapping):
        docs = [docs]
    elif hasattr(docs, "to_dict") and hasattr(docs, "columns"):  # a pandas DataFrame
        frame = docs.astype(object).where(docs.notna(), None)
        return frame.to_dict("records")
    elif isinstance(docs, bytes):
        raise TypeError("docs: give text as str, not bytes (decode it first)")
    return (dict(d) if isinstance(d, Mapping) and not isinstance(d, dict) else d for d in docs)


def tag(
    docs: Docs = None,
    gazetteer: Gazetteer | None = None,
    *,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> list[dict[str, Any]]:
    """Every actor mention in ``docs``, as the rows of ``actorgraph tag``.

    Each row is a dict with the CLI's JSON fields: ``doc``, ``sentence``, ``paragraph``,
    ``start``, ``end`` (byte offsets into the document's UTF-8 text), ``text`` and ``actor``,
    sorted by document (in input order) then offset.
    """
    jsonl, warns = _actorgraph.tag(
        _documents(docs),
        gazetteer,
        line_breaks=line_breaks,
        threads=threads,
        skip_bad_lines=skip_bad_lines,
        text=text,
    )
    _warn(warns)
    return [json.loads(line) for line in jsonl.splitlines()]


def relations(
    docs: Docs = None,
    gazetteer: Gazetteer | None = None,
    **options: Any,
) -> list[dict[str, Any]]:
    """Typed relations (who met, attacked, backed whom) as the rows of ``actorgraph relations``.

    Not available in this version: the relation extractor is not part of the library yet.
    """
    raise NotImplementedError(
        "actorgraph.relations needs the relation extractor (actorgraph relations), which this "
        "version of the library does not have yet; use actorgraph.tag or actorgraph.build"
    )


def build(
    docs: Docs = None,
    gazetteer: Gazetteer | None = None,
    *,
    unit: str = "sentence",
    max_evidence: int | None = None,
    min_weight: int = 1,
    top_edges: int | None = None,
    types: Iterable[str] | str | None = None,
    actors: Iterable[str] | str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    communities: bool = False,
    seed: int = 1,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> Graph:
    """Builds the actor network of ``docs``, as ``actorgraph build`` does.

    Options are the CLI's flags: ``unit`` (``"sentence"``, ``"paragraph"``, ``"document"``),
    ``max_evidence`` (default: all evidence in JSON, 3 per edge in the other formats, as the
    CLI), ``min_weight``, ``top_edges``, ``types`` and ``actors`` (lists or comma-separated
    strings), ``since``/``until`` (ISO dates or ``datetime.date``; undated documents are left
    out), ``communities``/``seed`` (Louvain), ``line_breaks``, ``threads``,
    ``skip_bad_lines`` and ``text`` (read files that contain NUL bytes).
    """
    inner, warns = _actorgraph.build(
        _documents(docs),
        gazetteer,
        unit=unit,
        max_evidence=max_evidence,
        min_weight=min_weight,
        top_edges=top_edges,
        types=_names(types),
        actors=_names(actors),
        since=since,
        until=until,
        communities=communities,
        seed=seed,
        line_breaks=line_breaks,
        threads=threads,
        skip_bad_lines=skip_bad_lines,
        text=text,
    )
    _warn(warns)
    return Graph(inner)


def _names(value: Iterable[str] | str | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    return list(value)


class Graph:
    """A finished actor network.

    ``nodes`` and ``edges`` are the CLI's JSON graph as lists of dicts; ``to_networkx()`` is
    the GraphML as NetworkX reads it; ``write()`` writes any format of ``actorgraph build``.
    """

    def __init__(self, inner: _actorgraph.Graph) -> None:
        self._inner = inner

    def __repr__(self) -> str:
        return f"<actorgraph.Graph: {self._inner.node_count} nodes, {self._inner.edge_count} edges>"

    def __len__(self) -> int:
        return self._inner.node_count

    @cached_property
    def _saved(self) -> dict[str, Any]:
        return json.loads(self.to_json())

    @property
    def nodes(self) -> list[dict[str, Any]]:
        """Actors in id order, each a dict with the JSON fields (``id``, ``label``, ``type``,
        ``mentions``, ``documents``, dates, ...)."""
        return self._saved["nodes"]

    @property
    def edges(self) -> list[dict[str, Any]]:
        """Links in (source, target) order, each a dict with the JSON fields (``source``,
        ``target``, ``weight``, ``npmi``, ``jaccard``, ``evidence``, ...)."""
        return self._saved["edges"]

    @property
    def corpus(self) -> dict[str, Any]:
        """Corpus counts: documents, sentences, units, mentions, ..."""
        return self._saved["corpus"]

    def to_json(self) -> str:
        """The graph as ``actorgraph build --format json`` writes it."""
        return self._inner.to_bytes("json").decode("utf-8")

    def to_bytes(self, format: str) -> bytes:
        """The graph in ``format`` (``dot``, ``graphml``, ``gexf``, ``json``, ``svg``, ``png``)
        as the CLI writes it."""
        return self._inner.to_bytes(format)

    def write(self, path: str | os.PathLike[str], format: str | None = None) -> None:
        """Writes the graph to ``path`` atomically, in ``format`` or the one its extension
        names (``.dot .gv .graphml .gexf .json .svg .png``; ``csv`` writes a folder with
        ``nodes.csv`` and ``edges.csv``)."""
        self._inner.write(os.fspath(path), format)

    def to_networkx(self) -> networkx.Graph:
        """The graph as a NetworkX graph with the node and edge attributes of the GraphML
        output (``label``, ``type``, ``color``, ``size``, ``mentions``, ...; ``weight``,
        ``npmi``, ``jaccard``, ``evidence``, ...), typed as GraphML declares them.

        It is NetworkX's own GraphML reader applied to the GraphML bytes, so it equals
        ``networkx.read_graphml`` of ``actorgraph build -o g.graphml`` exactly.
        """
        import io

        import networkx as nx

        return nx.read_graphml(io.BytesIO(self._inner.to_bytes("graphml")))
