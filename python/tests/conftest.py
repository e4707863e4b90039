"""Shared fixtures: the repository, the CLI binary the module is compared with, real data.

The CLI is `target/debug/actorgraph` (built by `cargo test` in tests/run.sh) unless
ACTORGRAPH_BIN names another; real data is /work/shared/data or ../shared/data beside the
repository (ACTORGRAPH_DATA overrides). A missing one fails the test, it is never skipped.
"""

from __future__ import annotations

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
        args = tuple(map(str, args))
        # The module reads its documents once (they may be a one-shot iterator), so it makes
        # no first pass: no duplicate detection and no repeated-line furniture (its recipe
        # says so, docs/duplicates.md). The CLI is asked for the same.
        if args[:1] in (("build",), ("tag",)):
            args = (args[0], "--keep-duplicates", "--repeated-lines", "0", *args[1:])
        r = subprocess.run([cli_bin, *args], capture_output=True)
        if check and r.returncode != 0:
            raise AssertionError(f"actorgraph {' '.join(map(str, args))}: {r.stderr.decode()}")
        return r

    return run
