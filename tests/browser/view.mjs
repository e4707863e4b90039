// Browser test of the HTML view, in Debian's chromium driven by playwright-core (tests/run.sh
// installs both). Usage: node tests/browser/view.mjs PAGE.html SCREENSHOT.png
// Checks: the seeds page loads with no console error or page error, draws every node, search
// finds "Al Sudani", clicking the CJTF-OIR–Vowell edge shows both evidence sentences with the
// stored mention spans highlighted, exactly; then saves a screenshot.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { LAUNCH } from "./launch.mjs";

const [page_path, shot] = process.argv.slice(2);
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

  // Filters: heavier edges only, fewer edges drawn.
  await page.locator("#min-weight").fill("5");
  await page.waitForFunction((n) => window.actorgraph.stats().edges < n, stats.edges);

  if (shot) {
    await page.reload();
    await page.waitForFunction(() => window.actorgraph && window.actorgraph.ready);
    const p = await page.evaluate(() => window.actorgraph.pointOnEdge("cjtf_oir", "vowell"));
    await page.mouse.click(box.x + p[0], box.y + p[1]);
    await page.waitForSelector("#info .evidence");
    await page.screenshot({ path: shot });
  }
  assert.deepEqual(errors, [], "no console errors");
  assert.deepEqual(requests, [], "no network requests");
  console.log(`tests/browser/view.mjs: ok (${total} nodes, ${stats.edges} edges drawn, ${stats.labels} labels)`);
} finally {
  await browser.close();
}
