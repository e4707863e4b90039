"""Type stubs of the compiled engine (`actorgraph._actorgraph`). Use the `actorgraph` package."""

from collections.abc import Iterable
from datetime import date
from os import PathLike
from typing import Any, final

__version__: str

class ActorgraphError(ValueError):
    """An input, a gazetteer or an option actorgraph cannot use; the message says where and
    what to do (the CLI's message)."""

@final
class Gazetteer:
    """Actors and their aliases, compiled into one automaton."""

    @staticmethod
    def embedded() -> Gazetteer:
        """The default gazetteer embedded in actorgraph."""

    @staticmethod
    def load(*paths: str | PathLike[str]) -> Gazetteer:
        """Reads, validates and merges gazetteer JSON files, in order, and compiles them.
        Errors say `file:line:col`."""

    @property
    def warnings(self) -> list[str]:
        """Warnings found while loading."""

    def actors(self) -> list[dict[str, Any]]:
        """The actors in file order: `id`, `label`, `type`, `aliases`, `case_sensitive`,
        `attributes`."""

    def __len__(self) -> int: ...
    def __contains__(self, id: str) -> bool: ...

@final
class Counts:
    """Mergeable counts of a corpus (wrapped by `actorgraph.Counts`)."""

    def merge(self, other: Counts) -> Counts:
        """New counts holding both; fails when gazetteers or counting options differ."""

    def finish(
        self,
        *,
        min_weight: int = 1,
        top_edges: int | None = None,
        types: list[str] | None = None,
        actors: list[str] | None = None,
        max_evidence: int | None = None,
        communities: bool = False,
        seed: int = 1,
        keep_isolates: bool = False,
    ) -> Graph:
        """The graph: scores computed, filters applied."""

    def to_bytes(self) -> bytes:
        """The serialised counts (what pickling stores)."""

    @staticmethod
    def from_bytes(data: bytes) -> Counts:
        """Counts from `to_bytes()`."""

    def corpus_json(self) -> str:
        """Corpus-level counts as JSON."""

    def sizes(self) -> tuple[int, int]:
        """Actors and edges counted."""

    def __eq__(self, other: object) -> bool: ...

@final
class Scan:
    """The first pass over some documents (wrapped by `actorgraph.Scan`)."""

    def merge(self, other: Scan) -> Scan:
        """New scan holding both; fails when they were made with different options."""

    def to_bytes(self) -> bytes:
        """The scan as a scan file's bytes (what pickling stores)."""

    @staticmethod
    def from_bytes(data: bytes) -> Scan:
        """A scan from `to_bytes()` or a file written by `actorgraph scan`."""

    @property
    def options(self) -> tuple[bool, int]:
        """`(keep_duplicates, repeated_lines)`."""

    def duplicates(self) -> list[tuple[str, str, str]]:
        """`(id, kept id, "exact" | "near")` for every document set aside, sorted by id."""

    def __len__(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...

@final
class Graph:
    """A finished actor network (wrapped by `actorgraph.Graph`)."""

    @property
    def node_count(self) -> int: ...
    @property
    def edge_count(self) -> int: ...
    @property
    def has_relations(self) -> bool:
        """True when some edge is a typed relation (not a co-mention)."""
    @property
    def why_empty(self) -> str | None:
        """Why the graph has no link, with what to do (None when it has links)."""
    def to_bytes(self, format: str) -> bytes:
        """The graph in `format` (dot, graphml, gexf, json, svg, png), as the CLI writes it."""

    def write(self, path: str | PathLike[str], format: str | None = None) -> None:
        """Writes the graph to `path` atomically (a folder for csv)."""

_Docs = Iterable[str | dict[str, Any] | PathLike[str]] | None

def scan(
    docs: _Docs,
    *,
    keep_duplicates: bool = False,
    repeated_lines: int = 5,
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> tuple[Scan, list[str]]:
    """The first pass over `docs` and the warnings of reading."""

def tag(
    docs: _Docs,
    gazetteer: Gazetteer | None = None,
    *,
    scan: Scan | None = None,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> tuple[str, list[str]]:
    """The mentions as JSON Lines, and the warnings of the run."""

def relations(
    docs: _Docs,
    gazetteer: Gazetteer | None = None,
    *,
    lexicon: str | PathLike[str] | None = None,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> tuple[str, list[str]]:
    """The typed relations as JSON Lines (`actorgraph relations`), and the warnings."""

def count(
    docs: _Docs,
    gazetteer: Gazetteer | None = None,
    *,
    scan: Scan | None = None,
    unit: str = "sentence",
    max_evidence: int | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    keep_duplicates: bool = False,
    repeated_lines: int = 5,
    keep_boilerplate: bool = False,
    headlines: str = "link",
    edges: str = "co-mention",
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> tuple[Counts, list[str]]:
    """The counts of `docs` (given the first pass `scan` over the whole corpus, required
    unless `keep_duplicates` and `repeated_lines=0`) and the warnings of the run."""

def check_actors(actors: list[str], gazetteer: Gazetteer | None = None) -> None:
    """Fails unless every id is an actor of the gazetteer."""
