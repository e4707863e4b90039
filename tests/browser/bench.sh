#!/usr/bin/env bash
# Benchmark: load time of a 5,000-node / 20,000-edge HTML view in headless chromium.
# Needs what tests/run.sh installs (chromium, tests/browser/node_modules).
set -euo pipefail
cd "$(dirname "$0")/../.."
nodes=${1:-5000}
edges=${2:-20000}
mkdir -p target/browser
cargo build --release --quiet --example synthetic_view
echo "layout and write of the page:"
time target/release/examples/synthetic_view "$nodes" "$edges" "target/browser/synthetic-$nodes.html"
node tests/browser/bench.mjs "target/browser/synthetic-$nodes.html" 5
