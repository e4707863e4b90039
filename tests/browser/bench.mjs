// Speed of a large HTML view in headless Debian chromium (software rendering: --disable-gpu).
// Usage: node tests/browser/bench.mjs RUNS PAGE.html [PAGE.html ...]
// tests/browser/bench.sh builds the 5,000-node / 20,000-edge page and runs this. With several
// pages (e.g. the same graph with an older view.js), runs alternate between them so that each
// sees the same machine load. Per page, medians over the runs of:
// - load: navigation start to the first complete frame (the page sets window.actorgraph.loadMs
//   after drawing every visible node and edge);
// - zoom step: one wheel event to the end of the next painted frame (event dispatched in the
//   page, then the next animation frame, then a task queued after that frame's paint);
// - pan step: the same for one mouse move of a drag;
// - zoom step after a pause: zoom steps 200 ms apart (each while the page redraws the previous
//   step at full detail);
// - full redraw: a redraw at full detail (a window resize event) to the end of its paint.
// Each run takes 20 zoom steps and 20 pan steps and keeps the median step.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { statSync } from "node:fs";
import { LAUNCH } from "./launch.mjs";

const [runs, ...pages] = process.argv.slice(2);
if (!pages.length || !(Number(runs) > 0)) {
  console.error("usage: node tests/browser/bench.mjs RUNS PAGE.html [PAGE.html ...]");
  process.exit(2);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const results = new Map(pages.map((p) => [p, { load: [], work: [], longest: [], zoom: [], pan: [], paused: [], full: [], stats: null }]));

// Runs inside the page: times steps from event to painted frame.
async function measure() {
  const canvas = document.getElementById("canvas");
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  async function step(fire) {
    const t0 = performance.now();
    fire();
    await painted();
    return performance.now() - t0;
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  await painted();
  const zoom = [];
  const work = []; // JavaScript time of the page's frame during zoom steps
  for (let k = 0; k < 20; k++) {
    zoom.push(await step(() => canvas.dispatchEvent(new WheelEvent("wheel",
      { deltaY: k < 10 ? -100 : 100, clientX: 500, clientY: 400, bubbles: true, cancelable: true }))));
    work.push(window.actorgraph.stats().frameMs);
  }
  const r = canvas.getBoundingClientRect();
  canvas.dispatchEvent(new MouseEvent("mousedown", { clientX: r.left + 400, clientY: r.top + 400, bubbles: true }));
  const pan = [];
  for (let k = 0; k < 20; k++) {
    const x = r.left + 400 + 12 * (k < 10 ? k + 1 : 20 - k), y = r.top + 400 + 7 * (k < 10 ? k + 1 : 20 - k);
    pan.push(await step(() => window.dispatchEvent(new MouseEvent("mousemove", { clientX: x, clientY: y, bubbles: true }))));
  }
  window.dispatchEvent(new MouseEvent("mouseup", { clientX: r.left + 400, clientY: r.top + 400, bubbles: true }));
  // Zoom steps 200 ms apart: each lands while the full redraw after the previous one runs.
  const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
  const paused = [];
  for (let k = 0; k < 10; k++) {
    await sleep(200);
    paused.push(await step(() => canvas.dispatchEvent(new WheelEvent("wheel",
      { deltaY: k % 2 ? 100 : -100, clientX: 600, clientY: 300, bubbles: true, cancelable: true }))));
  }
  // Let the full redraw after the last step finish, then time one more full redraw, to the
  // paint of its last slice (a page drawing in one go has no fullFrames counter).
  await sleep(1500);
  await painted();
  const before = window.actorgraph.stats().fullFrames;
  const long = []; // main-thread tasks over 50 ms (the Long Tasks API's threshold)
  const observer = new PerformanceObserver((list) => { for (const t of list.getEntries()) long.push(t.duration); });
  observer.observe({ type: "longtask" });
  const full = await step(() => window.dispatchEvent(new Event("resize")));
  const t0 = performance.now() - full;
  while (before !== undefined && window.actorgraph.stats().fullFrames === before) await painted();
  await sleep(100);
  observer.disconnect();
  return { longest: Math.max(0, ...long), work: mid(work), zoom: mid(zoom), pan: mid(pan), paused: mid(paused), full: performance.now() - t0 };
}

const browser = await chromium.launch(LAUNCH);
try {
  for (let run = 0; run < Number(runs); run++) {
    for (const path of pages) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(m.text()); });
      await page.goto(pathToFileURL(path).href);
      await page.waitForFunction(() => window.actorgraph && window.actorgraph.ready, null, { timeout: 120000 });
      const res = results.get(path);
      res.load.push(await page.evaluate(() => window.actorgraph.loadMs));
      const m = await page.evaluate(measure);
      res.zoom.push(m.zoom);
      res.work.push(m.work);
      res.pan.push(m.pan);
      res.paused.push(m.paused);
      res.full.push(m.full);
      res.longest.push(m.longest);
      await page.waitForTimeout(1500);
      res.stats = await page.evaluate(() => window.actorgraph.stats());
      if (errors.length) throw new Error(errors.join("\n"));
      await page.close();
    }
  }
} finally {
  await browser.close();
}
for (const [path, r] of results) {
  const mb = (statSync(path).size / 1e6).toFixed(1);
  const f = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  console.log(`${path}: ${mb} MB, ${r.stats.nodes} nodes and ${r.stats.edges} edges drawn; medians of ${r.load.length} runs (range):`);
  console.log(`  load to first frame ${f(r.load)}; zoom step ${f(r.zoom)} (JavaScript of its frame ${f(r.work)}); pan step ${f(r.pan)}; ` +
    `zoom step 200 ms after the previous one ${f(r.paused)}; full redraw ${f(r.full)}, ` +
    `its longest main-thread task ${f(r.longest)} (0: none over 50 ms)`);
}
