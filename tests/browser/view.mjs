// Browser test of the HTML view, in Debian's chromium driven by playwright-core (tests/run.sh
// installs both). Usage: node tests/browser/view.mjs PAGE.html SCREENSHOT.png
// Checks: the seeds page loads with no console error or page error, draws every node, search
// finds "Al Sudani", clicking the CJTF-OIR–Vowell edge shows both evidence sentences with the
// stored mention spans highlighted, exactly; a node's panel lists its counts and neighbours;
// the legend, zoom, pan and the filters by type, relation, dates and weight work; then saves
// a screenshot. With a third page (built with --communities): colour by community, then by
// type, checked on the legend and on the pixels of a node.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { LAUNCH } from "./launch.mjs";

const [page_path, shot, communities_path] = process.argv.slice(2);
const browser = await chromium.launch(LAUNCH);
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // The page must not touch the network: any request other than the file itself fails the test.
  const requests = [];
  context.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(page_path).href);
  await page.waitForFunction(() => window.actorgraph && window.actorgraph.ready);

  const stats = await page.evaluate(() => window.actorgraph.stats());
  const total = await page.evaluate(() => JSON.parse(document.getElementById("graph-data").textContent).nodes.length);
  assert.equal(total, 36, "the seeds have 36 linked-or-mentioned actors outside boilerplate");
  assert.equal(stats.nodes, total, "every node is drawn in the first view");

  // Search by an alias that is not the label.
  await page.fill("#search", "Al Sudani");
  const first = await page.locator("#results div").first().textContent();
  assert.match(first, /Mohammed Shia al-Sudani/, `first search result: ${first}`);
  await page.press("#search", "Enter");
  await page.waitForSelector("#info h2");
  assert.equal(await page.locator("#info h2").first().textContent(), "Mohammed Shia al-Sudani");
  // The node's panel: its counts and one row per neighbour (weight in the last column).
  const graph = await page.evaluate(() => JSON.parse(document.getElementById("graph-data").textContent));
  const sudani = graph.nodes.findIndex((n) => n.id === "sudani");
  const links = graph.edges.filter((e) => e.s === sudani || e.t === sudani);
  assert.equal(stats.edges, graph.edges.length, "every edge is drawn in the first view");
  const meta = await page.locator("#info .meta").first().textContent();
  assert.ok(meta.includes(`${graph.nodes[sudani].mentions} mention(s)`) && meta.includes(`${graph.nodes[sudani].documents} document(s)`), meta);
  const rows = await page.locator("#info table tr td.num").allTextContents();
  assert.deepEqual(rows.map(Number), links.map((e) => e.weight).sort((a, b) => b - a), "neighbours by weight");

  // Back to the whole graph, then click on the CJTF-OIR – Vowell edge on the canvas.
  await page.reload();
  await page.waitForFunction(() => window.actorgraph && window.actorgraph.ready);
  const point = await page.evaluate(() => window.actorgraph.pointOnEdge("cjtf_oir", "vowell"));
  assert.ok(point, "the CJTF-OIR – Vowell edge has a clickable point");
  const box = await page.locator("#canvas").boundingBox();
  await page.mouse.click(box.x + point[0], box.y + point[1]);
  await page.waitForSelector("#info .evidence");
  const heading = await page.locator("#info h2").first().textContent();
  assert.match(heading, /Combined Joint Task Force.*JB Vowell/, heading);
  const evidence = await page.locator("#info .evidence .text").evaluateAll((texts) => texts.map((t) => ({
    text: t.textContent,
    marks: [...t.querySelectorAll("mark")].map((m) => [m.textContent, m.className]),
  })));
  assert.equal(evidence.length, 2, "both evidence sentences");
  // Exactly the stored mention spans are marked, in each sentence; the en dash before the
  // mention of Vowell checks that byte offsets became JavaScript (UTF-16) string indices.
  const texts = [/^Commander of the Combined Task Force – Operation Inherent Resolve, Major Gen\. JB Vowell, likewise confirmed that talks to discuss/,
    /^On a similar note, the Commander of the Combined Task Force – Operation Inherent Resolve, Major Gen\. JB Vowell,/];
  evidence.forEach(({ text, marks }, k) => {
    assert.match(text, texts[k]);
    assert.deepEqual(marks, [["Combined Task Force – Operation Inherent Resolve", "source"], ["JB Vowell", "target"]], text);
  });

  // Legend: every actor type and relation kind.
  const legend = await page.locator("#legend").textContent();
  for (const [t] of graph.types) assert.ok(legend.includes(t), `legend lacks ${t}`);
  for (const [k] of graph.kinds) assert.ok(legend.includes(k), `legend lacks ${k}`);

  // Zoom (wheel around the cursor) and pan (drag) move the nodes on the canvas.
  const at = () => page.evaluate(() => ["iraq", "united_states"].map((id) => window.actorgraph.screenOf(window.actorgraph.node(id))));
  const gap = (p) => Math.hypot(p[0][0] - p[1][0], p[0][1] - p[1][1]);
  const before = await at();
  await page.mouse.move(box.x + 500, box.y + 400);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((g) => {
    const [a, b] = ["iraq", "united_states"].map((id) => window.actorgraph.screenOf(window.actorgraph.node(id)));
    return Math.hypot(a[0] - b[0], a[1] - b[1]) > 1.3 * g;
  }, gap(before));
  const zoomed = await at();
  await page.mouse.move(box.x + 900, box.y + 150);
  await page.mouse.down();
  await page.mouse.move(box.x + 960, box.y + 190, { steps: 5 });
  await page.mouse.up();
  const panned = await at();
  for (let k = 0; k < 2; k++) {
    assert.ok(Math.abs(panned[k][0] - zoomed[k][0] - 60) < 1 && Math.abs(panned[k][1] - zoomed[k][1] - 40) < 1, `pan: ${zoomed} → ${panned}`);
  }
  await page.reload();
  await page.waitForFunction(() => window.actorgraph && window.actorgraph.ready);

  // Filters, each checked by what is drawn: actor type, relation kind, dates, weight.
  const drawn = (field, n) => page.waitForFunction(([f, m]) => window.actorgraph.stats()[f] === m, [field, n]);
  const persons = graph.nodes.filter((n) => n.type === "person").length;
  const person = page.locator("#side label", { hasText: /^person$/ }).locator("input");
  await person.uncheck();
  await drawn("nodes", total - persons);
  await person.check();
  await drawn("nodes", total);
  const comention = page.locator("#side label", { hasText: /^co-mention$/ }).locator("input");
  await comention.uncheck();
  await drawn("edges", 0);
  await comention.check();
  await drawn("edges", stats.edges);
  const last = graph.edges.flatMap((e) => e.dates).sort().pop();
  await page.fill("#date-from", last);
  await drawn("edges", graph.edges.filter((e) => e.dates.includes(last)).length);
  await page.fill("#date-from", "");
  await drawn("edges", stats.edges);
  await page.locator("#min-weight").fill("5");
  await drawn("edges", graph.edges.filter((e) => e.weight >= 5).length);

  if (shot) {
    await page.reload();
    await page.waitForFunction(() => window.actorgraph && window.actorgraph.ready);
    const p = await page.evaluate(() => window.actorgraph.pointOnEdge("cjtf_oir", "vowell"));
    await page.mouse.click(box.x + p[0], box.y + p[1]);
    await page.waitForSelector("#info .evidence");
    await page.screenshot({ path: shot });
  }
  // Colour by community (a page built with --communities): the default there; the legend and
  // the pixels at a node's centre follow the choice.
  if (communities_path) {
    const p2 = await context.newPage();
    p2.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(m.text()); });
    p2.on("pageerror", (e) => errors.push(String(e)));
    await p2.goto(pathToFileURL(communities_path).href);
    await p2.waitForFunction(() => window.actorgraph && window.actorgraph.ready);
    const colourAt = (id) => p2.evaluate((id) => {
      const canvas = document.getElementById("canvas");
      const [x, y] = window.actorgraph.screenOf(window.actorgraph.node(id));
      const probe = document.createElement("canvas");
      probe.width = probe.height = 1;
      const c = probe.getContext("2d", { willReadFrequently: true });
      const dpr = canvas.width / canvas.clientWidth;
      c.drawImage(canvas, Math.round(x * dpr), Math.round(y * dpr), 1, 1, 0, 0, 1, 1);
      return "#" + [...c.getImageData(0, 0, 1, 1).data.slice(0, 3)].map((v) => v.toString(16).padStart(2, "0")).join("");
    }, id);
    const g2 = await p2.evaluate(() => JSON.parse(document.getElementById("graph-data").textContent));
    const iraq = g2.nodes.find((n) => n.id === "iraq");
    assert.equal(await p2.locator("#color-by").inputValue(), "community");
    assert.match(await p2.locator("#legend").textContent(), /community 0: /);
    assert.equal(await colourAt("iraq"), g2.community_colors[iraq.community]);
    await p2.selectOption("#color-by", "type");
    await p2.waitForFunction(() => !/community 0: /.test(document.getElementById("legend").textContent));
    const typeColour = g2.types.find((t) => t[0] === iraq.type)[1];
    await p2.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    assert.equal(await colourAt("iraq"), typeColour);
    assert.notEqual(typeColour, g2.community_colors[iraq.community]);
  }
  assert.deepEqual(errors, [], "no console errors");
  assert.deepEqual(requests, [], "no network requests");
  console.log(`tests/browser/view.mjs: ok (${total} nodes, ${stats.edges} edges drawn, ${stats.labels} labels)`);
} finally {
  await browser.close();
}
