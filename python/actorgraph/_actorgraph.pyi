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
class Graph:
    """A finished actor network (wrapped by `actorgraph.Graph`)."""

    @property
    def node_count(self) -> int: ...
    @property
    def edge_count(self) -> int: ...
    def to_bytes(self, format: str) -> bytes:
        """The graph in `format` (dot, graphml, gexf, json, svg, png), as the CLI writes it."""

    def write(self, path: str | PathLike[str], format: str | None = None) -> None:
        """Writes the graph to `path` atomically (a folder for csv)."""

_Docs = Iterable[str | dict[str, Any] | PathLike[str]] | None

def tag(
    docs: _Docs,
    gazetteer: Gazetteer | None = None,
    *,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> tuple[str, list[str]]:
    """The mentions as JSON Lines, and the warnings of the run."""

def build(
    docs: _Docs,
    gazetteer: Gazetteer | None = None,
    *,
    unit: str = "sentence",
    max_evidence: int | None = None,
    min_weight: int = 1,
    top_edges: int | None = None,
    types: list[str] | None = None,
    actors: list[str] | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    communities: bool = False,
    seed: int = 1,
    line_breaks: str = "auto",
    threads: int | None = None,
    skip_bad_lines: bool = False,
    text: bool = False,
) -> tuple[Graph, list[str]]:
    """The graph of `docs` and the warnings of the run."""
