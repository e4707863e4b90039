// Load time of a large HTML view in headless Debian chromium: from navigation start to the
// first complete frame (the page sets window.actorgraph.loadMs after drawing every visible
// node and edge). Usage: node tests/browser/bench.mjs PAGE.html [RUNS]
// tests/browser/bench.sh builds the 5,000-node / 20,000-edge page and runs this.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { statSync } from "node:fs";
import { LAUNCH } from "./launch.mjs";

const [page_path, runs = "5"] = process.argv.slice(2);
const browser = await chromium.launch(LAUNCH);
const times = [];
const frames = [];
let stats;
try {
  for (let r = 0; r < Number(runs); r++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(page_path).href);
    await page.waitForFunction(() => window.actorgraph && window.actorgraph.ready, null, { timeout: 120000 });
    times.push(await page.evaluate(() => window.actorgraph.loadMs));
    // Zoom steps: each wheel event redraws the canvas (the 3,000 heaviest edges while moving,
    // everything 150 ms after the last step); time per step.
    frames.push(await page.evaluate(async () => {
      const canvas = document.getElementById("canvas");
      const t0 = performance.now();
      for (let k = 0; k < 20; k++) {
        canvas.dispatchEvent(new WheelEvent("wheel", { deltaY: k < 10 ? -100 : 100, clientX: 500, clientY: 400, bubbles: true, cancelable: true }));
        await new Promise((r) => requestAnimationFrame(() => r()));
      }
      return [(performance.now() - t0) / 20, window.actorgraph.stats().frameMs];
    }));
    // The full redraw after the last zoom step.
    await page.waitForTimeout(500);
    stats = await page.evaluate(() => window.actorgraph.stats());
    if (errors.length) throw new Error(errors.join("\n"));
    await page.close();
  }
} finally {
  await browser.close();
}
times.sort((a, b) => a - b);
const mb = (statSync(page_path).size / 1e6).toFixed(1);
console.log(`${page_path}: ${mb} MB, ${stats.nodes} nodes and ${stats.edges} edges drawn; ` +
  `load to first frame over ${times.length} runs: median ${times[times.length >> 1].toFixed(0)} ms, ` +
  `min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms; ` +
  `zoom step (event to next frame): median ${frames.map((f) => f[0]).sort((a, b) => a - b)[frames.length >> 1].toFixed(1)} ms, ` +
  `drawing one frame: median ${frames.map((f) => f[1]).sort((a, b) => a - b)[frames.length >> 1].toFixed(1)} ms`);
