#!/usr/bin/env bash
# Runs every test of actorgraph on a fresh machine: installs what the tests need (Graphviz and
# Chromium from Debian's packages, NetworkX in a local virtual environment, playwright-core from
# npm as pinned by tests/browser/package-lock.json), then checks formatting, lints, runs the
# whole test suite and the HTML view in headless Chromium. Nothing is skipped: a missing tool
# fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v dot >/dev/null 2>&1; then
    echo "tests/run.sh: installing Graphviz (Debian package graphviz)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "tests/run.sh: installing Chromium (Debian package chromium)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d tests/browser/node_modules/playwright-core ]; then
    echo "tests/run.sh: installing playwright-core (npm, pinned in tests/browser/package-lock.json)"
    (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

if ! .venv/bin/python -c "import networkx, lxml" >/dev/null 2>&1; then
    echo "tests/run.sh: creating .venv with NetworkX and lxml (PyPI)"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
fi
export ACTORGRAPH_PYTHON="$PWD/.venv/bin/python"

cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test

# The HTML view in a real browser: the seeds page loads without errors, search and the
# evidence panel, filters, zoom, pan and colouring work (tests/browser/view.mjs); the
# screenshot goes to target/browser/.
mkdir -p target/browser
cargo run --quiet -- build -o target/browser/seeds.html
cargo run --quiet -- build --communities -o target/browser/seeds-communities.html
node tests/browser/view.mjs target/browser/seeds.html target/browser/seeds-view.png target/browser/seeds-communities.html

# ---- Python module and Spark job (python/, issue 14) -------------------------------------
# Java for Spark's local mode (pyspark from PyPI ships Spark's jars, not a JVM).
if ! command -v java >/dev/null 2>&1; then
    echo "tests/run.sh: installing Java 17 (Debian package openjdk-17-jre-headless) for Spark"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! .venv/bin/python -c "import maturin, pytest, pyspark, pandas" >/dev/null 2>&1; then
    echo "tests/run.sh: installing maturin, pytest, PySpark and pandas into .venv (PyPI)"
    .venv/bin/pip install --quiet --disable-pip-version-check -r python/tests/requirements.txt
fi
cargo fmt -p actorgraph-python --check
cargo clippy -p actorgraph-python --all-targets --quiet -- -D warnings
cargo build --quiet --bin actorgraph # the CLI the Python results are compared with
# The README's install command (maturin is already in .venv: no isolated build env needed).
PATH="$PWD/.venv/bin:$PATH" .venv/bin/pip install --quiet --disable-pip-version-check --no-build-isolation ./python
ACTORGRAPH_BIN="$PWD/target/debug/actorgraph" .venv/bin/python -m pytest -q python/tests
# ---- end of the Python block -------------------------------------------------------------
