"""Shared fixtures: the repository, the CLI binary the module is compared with, real data.

The CLI is `target/debug/actorgraph` (built by `cargo test` in tests/run.sh) unless
ACTORGRAPH_BIN names another; real data is /work/shared/data or ../shared/data beside the
repository (ACTORGRAPH_DATA overrides). A missing one fails the test, it is never skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _data_dir() -> Path:
    candidates = [os.environ.get("ACTORGRAPH_DATA"), ROOT.parent / "shared" / "data", "/work/shared/data"]
    for c in candidates:
        if c and (Path(c) / "wikinews" / "wikinews.jsonl").exists():
            return Path(c)
    raise FileNotFoundError(
        "shared data not found: set ACTORGRAPH_DATA to the folder holding wikinews/wikinews.jsonl"
    )


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def wikinews() -> Path:
    return _data_dir() / "wikinews" / "wikinews.jsonl"


@pytest.fixture(scope="session")
def cli_bin() -> Path:
    path = Path(os.environ.get("ACTORGRAPH_BIN", ROOT / "target" / "debug" / "actorgraph"))
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `cargo build` (tests/run.sh does)")
    return path


@pytest.fixture(scope="session")
def cli(cli_bin: Path):
    """Runs `actorgraph ARGS`; returns the completed process (stdout as bytes)."""

    def run(*args: str | os.PathLike[str], check: bool = True) -> subprocess.CompletedProcess[bytes]:
        # The CLI's defaults: the module makes the same first pass (duplicates, repeated lines).
        args = tuple(map(str, args))
        r = subprocess.run([cli_bin, *args], capture_output=True)
        if check and r.returncode != 0:
            raise AssertionError(f"actorgraph {' '.join(map(str, args))}: {r.stderr.decode()}")
        return r

    return run


#: A line that names two actors and is no cue-led boilerplate: site furniture once it is in
#: 5 or more documents (the CLI's default --repeated-lines).
FURNITURE = "Iraq and Iran coverage from our Baghdad desk"


@pytest.fixture(scope="session")
def syndicated(wikinews) -> list[dict]:
    """Real news with what real corpora add: every fourth long article republished twice (once
    re-spaced, undated; once edited: new headline, last paragraph dropped, dated later), and a
    furniture line under six articles. Copies sort before and after their originals by id."""
    rows = [json.loads(line) for line in wikinews.read_text(encoding="utf-8").splitlines()]
    out = []
    long = [r for r in rows if r["text"].count("\n\n") >= 5]
    for n, r in enumerate(long[:40]):
        r = dict(r)
        if n % 7 == 0:
            r["text"] = r["text"] + "\n" + FURNITURE + "\n"
        out.append(r)
        if n % 4 == 0:
            paras = r["text"].split("\n\n")
            respaced = {k: v for k, v in r.items() if k in ("title", "url")}
            out.append({"id": f"0copy{n:02}", **respaced, "text": r["text"].replace("\n\n", "\n\n\n")})
            out.append({"id": f"zcopy{n:02}", "date": "2030-01-01",
                        "text": "Wire: " + r.get("title", "report") + "\n\n" + "\n\n".join(paras[:-1])})
    taken = {r["id"] for r in long[:40]}
    out += [r for r in rows if r["id"] not in taken][40:100]
    return out


@pytest.fixture(scope="session")
def syndicated_path(syndicated, tmp_path_factory) -> Path:
    """:func:`syndicated` as a JSON Lines file."""
    path = tmp_path_factory.mktemp("syndicated") / "docs.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in syndicated), encoding="utf-8")
    return path
