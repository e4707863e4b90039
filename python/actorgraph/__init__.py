"""actorgraph: turn news text into actor networks.

The same engine as the ``actorgraph`` command line, from Python::

    import actorgraph
    g = actorgraph.build(["Vowell met Rasool in Baghdad.", {"id": "b", "text": "..."}])
    G = g.to_networkx()            # NetworkX graph with the GraphML attributes
    g.write("actors.gexf")         # any format of `actorgraph build`
    rows = actorgraph.tag(["Vowell met Rasool."])
    s = actorgraph.scan(part1).merge(actorgraph.scan(part2))     # the first pass, mergeable
    c = actorgraph.count(part1, scan=s).merge(actorgraph.count(part2, scan=s))
    c.finish(min_weight=2)         # the graph of part1 + part2, as one build

``docs`` is one document or an iterable of them: a ``str`` (the text; its id is its position),
a ``dict`` with the JSON Lines fields (``text``, ``id``, ``date``, ``title``, ``url``,
``source``), a ``pathlib.Path`` (a file or folder, read as the CLI reads it), or a pandas
DataFrame with those columns. ``None`` means the embedded sample articles, as the CLI without
inputs. ``gazetteer`` is a :class:`Gazetteer` (``Gazetteer.load(path)``, loaded once and
reused), a path or a list of paths (merged in order, as ``-g FILE -g FILE``, loaded on each
call), or ``None`` for the embedded one.

Like ``actorgraph build``, :func:`build` and :func:`count` make a first pass over the
documents before counting (duplicate and syndicated documents count once; lines repeated in
5 or more documents are site furniture): a one-shot iterator is materialised into a list
once for that. :func:`scan` makes that pass alone and returns a mergeable, picklable
:class:`Scan`; ``count(part, scan=whole)`` counts a part of a corpus against the first pass
of the whole, so the merged counts of all parts equal one run (``docs/duplicates.md``).
``keep_duplicates=True, repeated_lines=0`` turns the first pass off (documents are then
consumed lazily in batches).

Spark: ``python -m actorgraph.spark`` (:mod:`actorgraph.spark`) counts every partition and
merges the counts; the result equals ``actorgraph build`` byte for byte.

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
    "Counts",
    "Gazetteer",
    "Graph",
    "Scan",
    "build",
    "count",
    "relations",
    "scan",
    "tag",
]

__version__: str = _actorgraph.__version__

Document = Union[str, Mapping[str, Any], "os.PathLike[str]"]
Docs = Union[Document, Iterable[Document], None]
DateLike = Union[str, date, None]
GazetteerLike = Union[Gazetteer, str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]], None]


class ActorgraphWarning(UserWarning):
    """Something was skipped or capped, but the run succeeded (the CLI's warnings)."""


def _warn(messages: list[str]) -> None:
    for m in messages:
        warnings.warn(m, ActorgraphWarning, stacklevel=3)


def _gazetteer(gazetteer: GazetteerLike) -> Gazetteer | None:
    """A :class:`Gazetteer` as it is; a path, or a list of paths merged in order, loaded (as
    ``-g FILE -g FILE``, on every call: load once with :meth:`Gazetteer.load` to reuse it);
    ``None`` for the embedded one."""
    if gazetteer is None or isinstance(gazetteer, Gazetteer):
        return gazetteer
    if isinstance(gazetteer, (str, os.PathLike)):
        return Gazetteer.load(gazetteer)
    if isinstance(gazetteer, Iterable) and not isinstance(gazetteer, (bytes, Mapping)):
        paths = list(gazetteer)
        if paths and all(isinstance(p, (str, os.PathLike)) for p in paths):
            return Gazetteer.load(*paths)
    raise TypeError(
        "gazetteer: give a Gazetteer, a path to a gazetteer JSON file or a list of paths, "
        f"not {type(gazetteer).__name__}"
    )


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


def _materialised(docs: Docs) -> Any:
    """``docs`` as something that can be read twice (the first pass, then the counting): a
    one-shot iterator or generator becomes a list; lists, DataFrames, paths and ``None``
    stay as they are."""
    if docs is None or isinstance(docs, (str, os.PathLike, Mapping, list, tuple)):
        return docs
    if hasattr(docs, "to_dict") and hasattr(docs, "columns"):  # a pandas DataFrame
        return docs
    if isinstance(docs, bytes):
        raise TypeError("docs: give text as str, not bytes (decode it first)")
    return list(docs)


def scan(
    docs: Docs = None,
    *,
    keep_duplicates: bool = False,
    repeated_lines: int = 5,
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> Scan:
    """The first pass over ``docs`` (``actorgraph scan``): a duplicate signature and the
    line keys of every document, 36 bytes each in memory and the rest in a temporary file
    (in ``TMPDIR``).

    The result is a :class:`Scan`: merge the scans of the parts of a corpus (in any order) and
    give the merged scan to :func:`count` for every part; the merged counts then equal one
    :func:`build` over the whole corpus. ``keep_duplicates`` and ``repeated_lines`` are the
    CLI's ``--keep-duplicates`` and ``--repeated-lines`` and must match the counting's.
    """
    return Scan(_first_pass(docs, keep_duplicates, repeated_lines, threads, skip_bad_lines, text))


def _first_pass(
    docs: Docs,
    keep_duplicates: bool,
    repeated_lines: int,
    threads: int | None,
    skip_bad_lines: bool,
    text: bool,
) -> _actorgraph.Scan:
    inner, warns = _actorgraph.scan(
        _documents(docs),
        keep_duplicates=keep_duplicates,
        repeated_lines=repeated_lines,
        threads=threads,
        skip_bad_lines=skip_bad_lines,
        text=text,
    )
    # The counting pass reads the same documents and repeats these warnings.
    del warns
    return inner


class Scan:
    """The first pass over some documents: which are copies, which lines repeat.

    ``a.merge(b)`` is a new Scan holding both (associative and commutative); the decision made
    from it (the earliest dated copy is kept, ties by document id) depends only on the set of
    documents, never on how they were split. Scans pickle as ``actorgraph scan``'s file format
    (``to_bytes()`` written to ``x.ags`` is a file ``actorgraph build --scan`` reads).
    """

    def __init__(self, inner: _actorgraph.Scan) -> None:
        self._inner = inner

    def __repr__(self) -> str:
        return f"<actorgraph.Scan: {len(self)} documents>"

    def __len__(self) -> int:
        return len(self._inner)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scan) and self._inner == other._inner

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return (Scan.from_bytes, (self.to_bytes(),))

    def merge(self, other: Scan) -> Scan:
        """New scan holding ``self`` and ``other``. Raises :class:`ActorgraphError` when they
        were made with different options."""
        return Scan(self._inner.merge(other._inner))

    @property
    def duplicates(self) -> list[dict[str, str]]:
        """The documents set aside, sorted by id: ``{"id", "kept", "how"}`` where ``how`` is
        ``"exact"`` or ``"near"`` (empty with ``keep_duplicates=True``)."""
        return [{"id": i, "kept": k, "how": h} for i, k, h in self._inner.duplicates()]

    def to_bytes(self) -> bytes:
        """The scan as a scan file's bytes; :meth:`from_bytes` reads them back."""
        return self._inner.to_bytes()

    @staticmethod
    def from_bytes(data: bytes) -> Scan:
        """A scan from :meth:`to_bytes` or from a file written by ``actorgraph scan``."""
        return Scan(_actorgraph.Scan.from_bytes(data))


def tag(
    docs: Docs = None,
    gazetteer: GazetteerLike = None,
    *,
    repeated_lines: int = 5,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> list[dict[str, Any]]:
    """Every actor mention in ``docs``, as the rows of ``actorgraph tag``.

    Each row is a dict with the CLI's JSON fields: ``doc``, ``sentence``, ``paragraph``,
    ``start``, ``end`` (byte offsets into the document's UTF-8 text), ``text``, ``actor`` and
    ``zone`` (``headline``, ``body`` or ``boilerplate``), sorted by document (in input order)
    then offset. As the CLI, a first pass finds the lines repeated in ``repeated_lines`` or
    more documents (0: none), which are boilerplate.
    """
    first = None
    if repeated_lines > 0:
        docs = _materialised(docs)
        first = _first_pass(docs, True, repeated_lines, threads, skip_bad_lines, text)
    jsonl, warns = _actorgraph.tag(
        _documents(docs),
        _gazetteer(gazetteer),
        scan=first,
        line_breaks=line_breaks,
        threads=threads,
        skip_bad_lines=skip_bad_lines,
        text=text,
    )
    _warn(warns)
    return [json.loads(line) for line in jsonl.splitlines()]


def relations(
    docs: Docs = None,
    gazetteer: GazetteerLike = None,
    *,
    lexicon: str | os.PathLike[str] | None = None,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> list[dict[str, Any]]:
    """Typed relations (who met, attacked, backed whom) as the rows of ``actorgraph relations``.

    Each row is a dict with the CLI's JSON fields: ``doc``, ``sentence``, ``relation``,
    ``source``, ``target``, ``directed``, ``cue``, the byte spans of the cue and both mentions,
    ``negated``, ``planned``, ``text``, ... in document then cue order. ``lexicon`` is a
    relation lexicon JSON file (default: the embedded one, ``docs/relations.md``).
    """
    jsonl, warns = _actorgraph.relations(
        _documents(docs),
        _gazetteer(gazetteer),
        lexicon=None if lexicon is None else os.fspath(lexicon),
        line_breaks=line_breaks,
        threads=threads,
        skip_bad_lines=skip_bad_lines,
        text=text,
    )
    _warn(warns)
    return [json.loads(line) for line in jsonl.splitlines()]


def count(
    docs: Docs = None,
    gazetteer: GazetteerLike = None,
    *,
    scan: Scan | None = None,
    unit: str = "sentence",
    max_evidence: int | None = None,
    since: DateLike = None,
    until: DateLike = None,
    edges: str = "co-mention",
    keep_duplicates: bool = False,
    repeated_lines: int = 5,
    keep_boilerplate: bool = False,
    headlines: str = "link",
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> Counts:
    """Counts ``docs`` into mergeable :class:`Counts` (``actorgraph build --partial``).

    Options are the counting flags of ``actorgraph build``: ``unit``, ``max_evidence``
    (``None`` keeps all), ``since``/``until``, ``edges`` (``"co-mention"``, ``"relations"``
    or ``"both"``), ``keep_duplicates``, ``repeated_lines``, ``keep_boilerplate``,
    ``headlines`` (``"link"`` or ``"skip"``), ``line_breaks``; and how to read: ``threads``,
    ``skip_bad_lines``, ``text``.

    ``scan`` is the first pass over the whole corpus (:func:`scan`, merged over its parts);
    without it, ``docs`` are scanned first (read twice; a one-shot iterator is made a list).
    Counts of the parts of a corpus, each counted with the scan of the whole, merged, finish
    into the graph of the whole corpus, byte for byte.
    """
    first = None if scan is None else scan._inner
    if first is None and (not keep_duplicates or repeated_lines > 0):
        docs = _materialised(docs)
        first = _first_pass(docs, keep_duplicates, repeated_lines, threads, skip_bad_lines, text)
    inner, warns = _actorgraph.count(
        _documents(docs),
        _gazetteer(gazetteer),
        scan=first,
        unit=unit,
        max_evidence=max_evidence,
        since=since,
        until=until,
        keep_duplicates=keep_duplicates,
        repeated_lines=repeated_lines,
        keep_boilerplate=keep_boilerplate,
        headlines=headlines,
        edges=edges,
        line_breaks=line_breaks,
        threads=threads,
        skip_bad_lines=skip_bad_lines,
        text=text,
    )
    _warn(warns)
    return Counts(inner)


def build(
    docs: Docs = None,
    gazetteer: GazetteerLike = None,
    *,
    scan: Scan | None = None,
    unit: str = "sentence",
    max_evidence: int | None = None,
    min_weight: int = 1,
    top_edges: int | None = None,
    types: Iterable[str] | str | None = None,
    actors: Iterable[str] | str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    edges: str = "co-mention",
    keep_duplicates: bool = False,
    repeated_lines: int = 5,
    keep_boilerplate: bool = False,
    headlines: str = "link",
    communities: bool = False,
    seed: int = 1,
    keep_isolates: bool = False,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> Graph:
    """Builds the actor network of ``docs``, as ``actorgraph build`` does.

    Options are the CLI's flags: ``unit`` (``"sentence"``, ``"paragraph"``, ``"document"``),
    ``max_evidence`` (default: all evidence in JSON, 3 per edge in the other formats, as the
    CLI), ``min_weight``, ``top_edges``, ``types`` and ``actors`` (lists or comma-separated
    strings; actors by id, label or alias, kept with their neighbours and the links among
    them), ``since``/``until`` (ISO dates or ``datetime.date``; undated documents are left
    out), ``edges`` (``"co-mention"``, ``"relations"`` for typed relations, or ``"both"``;
    with relations, :meth:`Graph.to_networkx` is a ``MultiDiGraph``), ``keep_duplicates``,
    ``repeated_lines``, ``keep_boilerplate``, ``headlines``, ``communities``/``seed``
    (Louvain), ``keep_isolates``, ``line_breaks``, ``threads``, ``skip_bad_lines`` and
    ``text`` (read files that contain NUL bytes).
    It is :func:`count` (with its first pass, or the given ``scan``) followed by
    :meth:`Counts.finish`.
    """
    gazetteer = _gazetteer(gazetteer)
    actors = _names(actors)
    if actors is not None:
        actors = _actorgraph.check_actors(actors, gazetteer)
    counts = count(
        docs,
        gazetteer,
        scan=scan,
        unit=unit,
        max_evidence=max_evidence,
        since=since,
        until=until,
        edges=edges,
        keep_duplicates=keep_duplicates,
        repeated_lines=repeated_lines,
        keep_boilerplate=keep_boilerplate,
        headlines=headlines,
        line_breaks=line_breaks,
        threads=threads,
        skip_bad_lines=skip_bad_lines,
        text=text,
    )
    return counts.finish(
        min_weight=min_weight,
        top_edges=top_edges,
        types=types,
        actors=actors,
        communities=communities,
        seed=seed,
        keep_isolates=keep_isolates,
    )


def _names(value: Iterable[str] | str | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    return list(value)


class Counts:
    """Mergeable counts of a corpus: what :func:`count` returns and :meth:`Graph.counts`
    keeps.

    ``a.merge(b)`` is a new Counts holding both; merging is associative and commutative, so
    counts of any split of a corpus, merged in any order and grouping, finish into the same
    graph as one run. Counts pickle (as their compact serialised form), so they travel
    between processes and machines (Spark, multiprocessing).
    """

    def __init__(self, inner: _actorgraph.Counts) -> None:
        self._inner = inner

    def __repr__(self) -> str:
        actors, edges = self._inner.sizes()
        return f"<actorgraph.Counts: {self.corpus['documents']} documents, {actors} actors, {edges} edges>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Counts) and self._inner == other._inner

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return (Counts.from_bytes, (self.to_bytes(),))

    def merge(self, other: Counts) -> Counts:
        """New counts holding ``self`` and ``other``. Raises :class:`ActorgraphError` when they
        were counted with different gazetteers or options (the message names the difference)."""
        return Counts(self._inner.merge(other._inner))

    @property
    def corpus(self) -> dict[str, Any]:
        """Corpus counts: documents, sentences, units, mentions, ..."""
        return json.loads(self._inner.corpus_json())

    def to_bytes(self) -> bytes:
        """The serialised counts; :meth:`from_bytes` reads them back."""
        return self._inner.to_bytes()

    @staticmethod
    def from_bytes(data: bytes) -> Counts:
        """Counts serialised by :meth:`to_bytes`."""
        return Counts(_actorgraph.Counts.from_bytes(data))

    def finish(
        self,
        *,
        min_weight: int = 1,
        top_edges: int | None = None,
        types: Iterable[str] | str | None = None,
        actors: Iterable[str] | str | None = None,
        max_evidence: int | None = None,
        communities: bool = False,
        seed: int = 1,
        keep_isolates: bool = False,
    ) -> Graph:
        """The graph: scores computed, filters applied (``actorgraph build``'s flags)."""
        inner = self._inner.finish(
            min_weight=min_weight,
            top_edges=top_edges,
            types=_names(types),
            actors=_names(actors),
            max_evidence=max_evidence,
            communities=communities,
            seed=seed,
            keep_isolates=keep_isolates,
        )
        if inner.why_empty is not None:
            warnings.warn(inner.why_empty, ActorgraphWarning, stacklevel=2)
        return Graph(inner, self)


class Graph:
    """A finished actor network.

    ``nodes`` and ``edges`` are the CLI's JSON graph as lists of dicts; ``to_networkx()`` is
    the GraphML as NetworkX reads it; ``write()`` writes any format of ``actorgraph build``.
    """

    def __init__(self, inner: _actorgraph.Graph, counts: Counts) -> None:
        self._inner = inner
        self._counts = counts

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

    def counts(self) -> Counts:
        """The counts this graph was finished from (merge them with other counts)."""
        return self._counts

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

        It is NetworkX's own GraphML reader applied to the GraphML bytes, so a co-mention
        graph equals ``networkx.read_graphml`` of ``actorgraph build -o g.graphml`` exactly: a
        ``Graph``. A graph with typed relations is a ``MultiDiGraph`` keyed by kind (several
        kinds of link per pair): a directed kind (attack, visit, ...) is one edge from source
        to target, a symmetric one (co-mention, meet, cooperate) an edge each way with the
        same attributes. (NetworkX reads the GraphML as an undirected ``MultiGraph``, which
        loses the directions.)
        """
        import io

        import networkx as nx

        data = io.BytesIO(self._inner.to_bytes("graphml"))
        if not self._inner.has_relations:
            return nx.read_graphml(data)
        read = nx.read_graphml(data, force_multigraph=True)
        directed = {(e["source"], e["target"], e["kind"]) for e in self.edges if e.get("directed")}
        g = nx.MultiDiGraph(**read.graph)
        g.add_nodes_from(read.nodes(data=True))
        for u, v, d in read.edges(data=True):
            kind = d["kind"]
            if (v, u, kind) in directed:
                u, v = v, u
            g.add_edge(u, v, key=kind, **d)
            if (u, v, kind) not in directed:
                g.add_edge(v, u, key=kind, **d)
        return g
