#!/usr/bin/env bash
# Benchmark: load, zoom, pan and redraw times of a 5,000-node / 20,000-edge HTML view in
# headless chromium (software rendering). Needs what tests/run.sh installs (chromium,
# tests/browser/node_modules).
# Usage: bash tests/browser/bench.sh [NODES [EDGES [RUNS [REV]]]]
# With REV (a git revision), the same page is also written with REV's src/export/html/view.js
# and both are measured, runs alternating (a before/after comparison under the same load).
set -euo pipefail
cd "$(dirname "$0")/../.."
nodes=${1:-5000}
edges=${2:-20000}
runs=${3:-5}
rev=${4:-}
mkdir -p target/browser
cargo build --release --quiet --example synthetic_view
page="target/browser/synthetic-$nodes.html"
echo "layout and write of the page:"
time target/release/examples/synthetic_view "$nodes" "$edges" "$page"
pages=("$page")
if [ -n "$rev" ]; then
    before="target/browser/synthetic-$nodes-$rev.html"
    git show "$rev:src/export/html/view.js" >target/browser/view-before.js
    node -e '
      const fs = require("fs");
      const [page, script, out] = process.argv.slice(1);
      const html = fs.readFileSync(page, "utf8");
      const a = html.lastIndexOf("<script>\n") + "<script>\n".length, b = html.lastIndexOf("</script>");
      fs.writeFileSync(out, html.slice(0, a) + fs.readFileSync(script, "utf8") + html.slice(b));
    ' "$page" target/browser/view-before.js "$before"
    pages=("$before" "$page")
fi
node tests/browser/bench.mjs "$runs" "${pages[@]}"
