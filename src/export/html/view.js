// actorgraph interactive view: draws the embedded graph on one canvas (so 20,000 edges are a
// few path strokes, not 20,000 DOM elements), with search, filters, legend and evidence.
// Hand-written, no dependencies. Data reaches the page only through textContent.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const nodes = data.nodes;
  const edges = data.edges;
  const N = nodes.length;
  const E = edges.length;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    for (const c of children) e.append(c);
    return e;
  }

  // ---- page structure
  const canvas = el("canvas", { id: "canvas" });
  const title = el("div", { id: "title", text: data.title });
  const legend = el("div", { id: "legend" });
  const stage = el("div", { id: "stage" }, canvas, title, legend);
  const search = el("input", { id: "search", type: "search", placeholder: "Search an actor (any alias)", autocomplete: "off" });
  const results = el("div", { id: "results" });
  const info = el("div", { id: "info" });
  const side = el("div", { id: "side" }, search, results);
  document.body.append(stage, side);

  // ---- indexes
  const adj = Array.from({ length: N }, () => []);
  edges.forEach((e, j) => { adj[e.s].push(j); adj[e.t].push(j); });
  const kindStyle = new Map(data.kinds.map(([name, color, directed, dashed]) => [name, { color, directed, dashed }]));
  const typeStyle = new Map(data.types.map(([name, color, shape]) => [name, { color, shape }]));
  const radius = nodes.map((n) => Math.min(18, 4 + 1.5 * Math.sqrt(n.mentions)));
  const byMentions = nodes.map((_, i) => i).sort((a, b) => nodes[b].mentions - nodes[a].mentions || (nodes[a].id < nodes[b].id ? -1 : 1));
  const maxWeight = edges.reduce((m, e) => Math.max(m, e.weight), 1);
  const allDates = new Set();
  for (const e of edges) for (const d of e.dates) allDates.add(d);
  const dates = [...allDates].sort();
  const hasCommunities = nodes.some((n) => n.community !== undefined);

  // ---- filters
  const state = {
    types: new Set(data.types.map((t) => t[0])),
    kinds: new Set(data.kinds.map((k) => k[0])),
    minWeight: 1,
    from: "",
    to: "",
    colorBy: hasCommunities ? "community" : "type",
    selected: null, // { node: i } or { edge: j }
  };
  const nodeOn = new Uint8Array(N);
  const batches = new Map();
  // While the user pans or zooms, each frame is the last full frame moved and scaled (one
  // image copy, a few milliseconds even in software rendering); the full frame is redrawn
  // IDLE_MS after the last step. Steps arriving within one frame are drawn once (draw() asks
  // for at most one animation frame).
  const IDLE_MS = 150;
  let moving = 0; // timer of the full redraw after the last pan or zoom step
  function moved() {
    clearTimeout(moving);
    moving = setTimeout(() => { moving = 0; draw(); }, IDLE_MS);
    draw();
  }
  const edgeOn = new Uint8Array(E);
  function applyFilters() {
    for (let i = 0; i < N; i++) nodeOn[i] = state.types.has(nodes[i].type) ? 1 : 0;
    for (let j = 0; j < E; j++) {
      const e = edges[j];
      let on = nodeOn[e.s] && nodeOn[e.t] && state.kinds.has(e.kind) && e.weight >= state.minWeight;
      if (on && (state.from || state.to)) {
        on = e.dates.some((d) => (!state.from || d >= state.from) && (!state.to || d <= state.to));
      }
      edgeOn[j] = on ? 1 : 0;
    }
    batch(batches, (j) => edgeOn[j]);
    draw();
  }
  function batch(into, keep) {
    into.clear();
    for (let j = 0; j < E; j++) {
      if (!keep(j)) continue;
      const e = edges[j];
      const key = e.kind + "|" + Math.min(8, Math.round(1 + Math.log(e.weight)));
      let b = into.get(key);
      if (!b) into.set(key, (b = []));
      b.push(j);
    }
  }

  function fieldset(name, ...children) {
    return el("fieldset", {}, el("legend", { text: name }), ...children);
  }
  function checkbox(text, color, checked, onChange) {
    const box = el("input", { type: "checkbox" });
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    const sw = el("span", { class: "swatch" });
    sw.style.background = color;
    return el("label", {}, box, sw, document.createTextNode(text));
  }
  side.append(el("h2", { text: "Filters" }));
  side.append(fieldset("Actor types", ...data.types.map(([t, color]) =>
    checkbox(t, color, true, (on) => { on ? state.types.add(t) : state.types.delete(t); applyFilters(); }))));
  side.append(fieldset("Relations", ...data.kinds.map(([k, color]) =>
    checkbox(k, color, true, (on) => { on ? state.kinds.add(k) : state.kinds.delete(k); applyFilters(); }))));
  const weightOut = el("span", { text: "1" });
  const weight = el("input", { type: "range", min: "1", max: String(maxWeight), value: "1", id: "min-weight" });
  weight.addEventListener("input", () => { state.minWeight = Number(weight.value); weightOut.textContent = weight.value; applyFilters(); });
  side.append(fieldset("Weight (sentences shared)", el("label", {}, document.createTextNode("at least "), weightOut), weight));
  if (dates.length) {
    const from = el("input", { type: "date", min: dates[0], max: dates[dates.length - 1], id: "date-from" });
    const to = el("input", { type: "date", min: dates[0], max: dates[dates.length - 1], id: "date-to" });
    from.addEventListener("change", () => { state.from = from.value; applyFilters(); });
    to.addEventListener("change", () => { state.to = to.value; applyFilters(); });
    side.append(fieldset("Dates (" + dates[0] + " to " + dates[dates.length - 1] + ")",
      el("label", {}, document.createTextNode("from "), from), el("label", {}, document.createTextNode("to "), to)));
  }
  const colorBy = el("select", { id: "color-by" }, el("option", { value: "type", text: "actor type" }));
  if (hasCommunities) colorBy.append(el("option", { value: "community", text: "community" }));
  colorBy.value = state.colorBy;
  colorBy.addEventListener("change", () => { state.colorBy = colorBy.value; renderLegend(); draw(); });
  side.append(fieldset("Colour by", colorBy));
  side.append(info);

  function nodeColor(i) {
    const n = nodes[i];
    if (state.colorBy === "community") {
      return data.community_colors[n.community] || "#c7c7c7";
    }
    return typeStyle.get(n.type).color;
  }

  function renderLegend() {
    legend.replaceChildren();
    if (state.colorBy === "community") {
      const seen = new Map();
      for (const i of byMentions) {
        const c = nodes[i].community;
        if (!seen.has(c)) seen.set(c, i);
      }
      const known = [...seen.keys()].filter((c) => data.community_colors[c]).sort((a, b) => a - b);
      for (const c of known) {
        legend.append(swatchRow(data.community_colors[c], "community " + c + ": " + nodes[seen.get(c)].label + "…"));
      }
      if (seen.size > known.length) legend.append(swatchRow("#c7c7c7", (seen.size - known.length) + " smaller communities"));
    } else {
      for (const [t, color, shape] of data.types) legend.append(swatchRow(color, t + " (" + shape + " in pictures)"));
    }
    for (const [k, color, directed, dashed] of data.kinds) {
      const line = el("span", { class: dashed ? "line dashed" : "line" });
      line.style.borderTopColor = color;
      legend.append(el("div", {}, line, document.createTextNode(k + (directed ? " (arrow: source → target)" : ""))));
    }
    legend.append(el("div", { text: "line width: sentences shared (1 to " + maxWeight + "); node size: mentions" }));
  }
  function swatchRow(color, text) {
    const sw = el("span", { class: "swatch" });
    sw.style.background = color;
    return el("div", {}, sw, document.createTextNode(text));
  }

  // ---- view transform (screen = world * scale + offset)
  const view = { scale: 1, x: 0, y: 0 };
  let dpr = 1;
  function resize() {
    dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(canvas.clientWidth * dpr));
    canvas.height = Math.max(1, Math.round(canvas.clientHeight * dpr));
    draw();
  }
  function fit() {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < N; i++) {
      const n = nodes[i], r = radius[i];
      x0 = Math.min(x0, n.x - r); y0 = Math.min(y0, n.y - r);
      x1 = Math.max(x1, n.x + r); y1 = Math.max(y1, n.y + r);
    }
    if (!N) { x0 = y0 = -1; x1 = y1 = 1; }
    // Fit between the title and the legend, with room for labels on the right.
    const top = title.offsetHeight + 20, bottom = legend.offsetHeight + 24, m = 20;
    const w = canvas.clientWidth - 2 * m - 120, h = Math.max(100, canvas.clientHeight - top - bottom);
    view.scale = Math.min(w / Math.max(1, x1 - x0), h / Math.max(1, y1 - y0), 4);
    view.x = m + w / 2 - view.scale * (x0 + x1) / 2;
    view.y = top + h / 2 - view.scale * (y0 + y1) / 2;
  }
  const sx = (i) => nodes[i].x * view.scale + view.x;
  const sy = (i) => nodes[i].y * view.scale + view.y;

  // ---- drawing
  // Full frames are drawn off-screen into `next`, then swapped with `full` (the last complete
  // frame) and copied to the visible canvas; `fullView` is the view `full` was drawn at. While
  // the user pans or zooms, each frame is only `full` moved and scaled (one image copy). On a
  // large graph a full frame is drawn in slices of at most SLICE_MS per animation frame (each
  // slice made pixels at once, so its cost is known), so that input never waits for it; a
  // pan or zoom step abandons it. A small graph's full frame is one slice.
  // Slices read one pixel back (getImageData) to make their drawing happen at once; the
  // off-screen canvases are then kept in memory (willReadFrequently), drawn by the CPU.
  const screen = canvas.getContext("2d");
  const SLICE_MS = 25;
  const SLICED = E > 2000 || N > 2000;
  let full = document.createElement("canvas");
  let next = document.createElement("canvas");
  full.getContext("2d", { willReadFrequently: SLICED });
  let ctx = next.getContext("2d", { willReadFrequently: SLICED });
  let fullView = null;
  let job = null; // { steps, at, view, edges, nodes, labels }: the full frame being drawn
  let dirty = true; // the state changed since the last full frame was started
  const stats = { nodes: 0, edges: 0, labels: 0, frames: 0, frameMs: 0, fullFrames: 0 };
  let pending = false;
  function draw() {
    dirty = true;
    requestFrame();
  }
  function requestFrame() {
    if (!pending) { pending = true; requestAnimationFrame(frame); }
  }
  function shapePath(shape, x, y, r) {
    if (shape === "box") { ctx.rect(x - r, y - r * 0.8, 2 * r, 1.6 * r); return; }
    if (shape === "parallelogram") {
      ctx.moveTo(x - r * 0.6, y - r * 0.8); ctx.lineTo(x + r * 1.2, y - r * 0.8);
      ctx.lineTo(x + r * 0.6, y + r * 0.8); ctx.lineTo(x - r * 1.2, y + r * 0.8); ctx.closePath();
      return;
    }
    const sides = shape === "hexagon" ? 6 : shape === "octagon" ? 8 : 0;
    if (!sides) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
    for (let k = 0; k <= sides; k++) {
      const a = (2 * Math.PI * k) / sides + (sides === 8 ? Math.PI / 8 : 0);
      k ? ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a)) : ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
    }
  }
  function frame() {
    pending = false;
    const t0 = performance.now();
    if (moving && fullView) job = null;
    else if (dirty) { dirty = false; job = fullJob(); }
    if (job) runJob(fullView && SLICED ? t0 + SLICE_MS : Infinity);
    show();
    if (job) requestFrame();
    stats.frames++;
    stats.frameMs = performance.now() - t0;
  }
  // Runs steps of the full frame until `deadline`; swaps it in when complete.
  function runJob(deadline) {
    while (job.at < job.steps.length) {
      job.steps[job.at++]();
      if (deadline !== Infinity) {
        ctx.getImageData(0, 0, 1, 1); // makes the slice pixels now, so its time counts
        if (performance.now() > deadline) return;
      }
    }
    [full, next] = [next, full];
    ctx = next.getContext("2d");
    fullView = job.view;
    stats.nodes = job.nodes;
    stats.edges = job.edges;
    stats.labels = job.labels;
    stats.fullFrames++;
    job = null;
  }
  // The last full frame, moved and scaled from the view it was drawn at to the current view.
  function show() {
    screen.setTransform(1, 0, 0, 1, 0, 0);
    screen.clearRect(0, 0, canvas.width, canvas.height);
    if (!fullView) return;
    const k = view.scale / fullView.scale;
    screen.imageSmoothingQuality = "low";
    screen.setTransform(dpr * k, 0, 0, dpr * k, dpr * (view.x - fullView.x * k), dpr * (view.y - fullView.y * k));
    screen.drawImage(full, 0, 0, full.width / dpr, full.height / dpr);
  }
  // The full frame at the current view and filters, as a list of steps (each a few hundred
  // edges or nodes) drawn into `next`.
  function fullJob() {
    const job = { steps: [], at: 0, view: { scale: view.scale, x: view.x, y: view.y }, edges: 0, nodes: 0, labels: 0 };
    const steps = job.steps;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    steps.push(() => {
      if (next.width !== canvas.width || next.height !== canvas.height) {
        next.width = canvas.width;
        next.height = canvas.height;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
    });
    const onScreen = (i, pad) => { const x = sx(i), y = sy(i); return x > -pad && y > -pad && x < w + pad && y < h + pad; };
    const sel = state.selected;
    const focus = new Set();
    if (sel && sel.node !== undefined) { focus.add(sel.node); for (const j of adj[sel.node]) if (edgeOn[j]) focus.add(edges[j].s === sel.node ? edges[j].t : edges[j].s); }
    if (sel && sel.edge !== undefined) { focus.add(edges[sel.edge].s); focus.add(edges[sel.edge].t); }
    // Edges, batched by kind and width (batches are rebuilt when filters change), in paths of
    // at most 500 (a software rasteriser strokes many small paths faster than one huge one);
    // edges entirely left, right, above or below the canvas are skipped.
    const alpha = E > 2000 ? 0.35 : 0.7;
    for (const [key, list] of batches) {
      const [kind, width] = key.split("|");
      const st = kindStyle.get(kind);
      for (let from = 0; from < list.length; from += 500) {
        steps.push(() => {
          ctx.globalAlpha = alpha;
          ctx.strokeStyle = st.color;
          ctx.lineWidth = Number(width);
          ctx.setLineDash(st.dashed ? [6, 4] : []);
          ctx.beginPath();
          for (const j of list.slice(from, from + 500)) {
            const e = edges[j];
            const x0 = sx(e.s), y0 = sy(e.s), x1 = sx(e.t), y1 = sy(e.t);
            if ((x0 < 0 && x1 < 0) || (y0 < 0 && y1 < 0) || (x0 > w && x1 > w) || (y0 > h && y1 > h)) continue;
            ctx.moveTo(x0, y0);
            ctx.lineTo(x1, y1);
            job.edges++;
            if (st.directed && E <= 5000) arrowHead(e);
          }
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.globalAlpha = 1;
        });
      }
    }
    // Highlighted edges: the selected edge, or the selected node's edges.
    if (sel) {
      steps.push(() => {
        ctx.strokeStyle = "#111";
        ctx.lineWidth = 2.5;
        ctx.beginPath();
        const list = sel.edge !== undefined ? [sel.edge] : adj[sel.node].filter((j) => edgeOn[j]);
        for (const j of list) { const e = edges[j]; ctx.moveTo(sx(e.s), sy(e.s)); ctx.lineTo(sx(e.t), sy(e.t)); }
        ctx.stroke();
      });
    }
    // Nodes, batched by colour and shape, 1,000 per path at most.
    const groups = new Map();
    for (let i = 0; i < N; i++) {
      if (!nodeOn[i] || !onScreen(i, 20)) continue;
      const key = nodeColor(i) + "|" + typeStyle.get(nodes[i].type).shape;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(i);
      job.nodes++;
    }
    for (const [key, list] of groups) {
      const [color, shape] = key.split("|");
      for (let from = 0; from < list.length; from += 1000) {
        steps.push(() => {
          ctx.strokeStyle = "#333";
          ctx.lineWidth = N > 2000 ? 0.5 : 1;
          ctx.fillStyle = color;
          ctx.beginPath();
          for (const i of list.slice(from, from + 1000)) shapePath(shape, sx(i), sy(i), Math.max(2, radius[i] * Math.sqrt(view.scale)));
          ctx.fill();
          ctx.stroke();
        });
      }
    }
    steps.push(() => {
      if (focus.size) {
        ctx.strokeStyle = "#111";
        ctx.lineWidth = 2.5;
        ctx.beginPath();
        for (const i of focus) { const r = Math.max(2, radius[i] * Math.sqrt(view.scale)) + 3; ctx.moveTo(sx(i) + r, sy(i)); ctx.arc(sx(i), sy(i), r, 0, 2 * Math.PI); }
        ctx.stroke();
      }
      job.labels = drawLabels(focus, w, h, onScreen);
    });
    return job;
  }
  function arrowHead(e) {
    const x0 = sx(e.s), y0 = sy(e.s), x1 = sx(e.t), y1 = sy(e.t);
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len < 1) return;
    const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    const r = Math.max(2, radius[e.t] * Math.sqrt(view.scale));
    const tx = x1 - ux * r, ty = y1 - uy * r;
    ctx.moveTo(tx - ux * 8 - uy * 4, ty - uy * 8 + ux * 4);
    ctx.lineTo(tx, ty);
    ctx.lineTo(tx - ux * 8 + uy * 4, ty - uy * 8 - ux * 4);
    ctx.moveTo(x1, y1);
  }
  // Labels: the selection first, then by mentions; a label is drawn only where it overlaps no
  // label already drawn, so labels never overlap at any zoom.
  const labelWidth = new Float64Array(N).fill(-1);
  function drawLabels(focus, w, h, onScreen) {
    ctx.font = "11px system-ui, Helvetica, Arial, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.fillStyle = "#111";
    const placed = [];
    let tried = 0;
    const order = [...focus, ...byMentions];
    for (const i of order) {
      if (placed.length >= 150 || tried >= 600) break;
      if (!nodeOn[i] || !onScreen(i, 0)) continue;
      tried++;
      const r = Math.max(2, radius[i] * Math.sqrt(view.scale));
      const x = sx(i) + r + 3, y = sy(i);
      if (labelWidth[i] < 0) labelWidth[i] = ctx.measureText(nodes[i].label).width;
      const tw = labelWidth[i];
      const box = [x - 1, y - 7, x + tw + 1, y + 7];
      if (placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
      placed.push(box);
      ctx.strokeText(nodes[i].label, x, y);
      ctx.fillText(nodes[i].label, x, y);
    }
    return placed.length;
  }

  // ---- hit testing
  function hit(px, py) {
    let best = null, bestD = Infinity;
    for (let i = 0; i < N; i++) {
      if (!nodeOn[i]) continue;
      const d = Math.hypot(sx(i) - px, sy(i) - py);
      const r = Math.max(2, radius[i] * Math.sqrt(view.scale)) + 3;
      if (d <= r && d < bestD) { best = { node: i }; bestD = d; }
    }
    if (best) return best;
    bestD = 6;
    for (let j = 0; j < E; j++) {
      if (!edgeOn[j]) continue;
      const e = edges[j];
      const x0 = sx(e.s), y0 = sy(e.s), x1 = sx(e.t), y1 = sy(e.t);
      const dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
      const t = l2 ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / l2)) : 0;
      const d = Math.hypot(x0 + t * dx - px, y0 + t * dy - py);
      if (d < bestD) { best = { edge: j }; bestD = d; }
    }
    return best;
  }

  // ---- panels
  function nodeLink(i, onClick) {
    const a = el("span", { class: "link", text: nodes[i].label });
    a.addEventListener("click", onClick || (() => select({ node: i }, true)));
    return a;
  }
  function select(sel, center) {
    state.selected = sel;
    info.replaceChildren();
    if (sel && sel.node !== undefined) showNode(sel.node);
    if (sel && sel.edge !== undefined) showEdge(sel.edge);
    if (sel && center) {
      const i = sel.node !== undefined ? sel.node : edges[sel.edge].s;
      view.x = canvas.clientWidth / 2 - nodes[i].x * view.scale;
      view.y = canvas.clientHeight / 2 - nodes[i].y * view.scale;
    }
    draw();
  }
  function showNode(i) {
    const n = nodes[i];
    info.append(el("h2", { text: n.label }));
    const meta = [n.type, n.mentions + " mention(s)", n.documents + " document(s)"];
    if (n.community !== undefined) meta.push("community " + n.community);
    info.append(el("div", { class: "meta", text: meta.join(" · ") }));
    if (n.aliases.length) info.append(el("div", { class: "meta", text: "Also: " + n.aliases.join(", ") }));
    const list = adj[i].filter((j) => edgeOn[j]).sort((a, b) => edges[b].weight - edges[a].weight);
    info.append(el("h2", { text: list.length + " neighbour(s)" }));
    const table = el("table");
    for (const j of list) {
      const e = edges[j], other = e.s === i ? e.t : e.s;
      table.append(el("tr", {}, el("td", {}, nodeLink(other, () => select({ edge: j }))), el("td", { text: e.kind }), el("td", { class: "num", text: String(e.weight) })));
    }
    info.append(table);
  }
  function showEdge(j) {
    const e = edges[j], st = kindStyle.get(e.kind);
    info.append(el("h2", {}, nodeLink(e.s), document.createTextNode(st.directed ? " → " : " – "), nodeLink(e.t)));
    const meta = [e.kind, e.weight + " sentence(s)", e.documents + " document(s)", "npmi " + e.npmi];
    if (e.dates.length) meta.push(e.dates[0] + " to " + e.dates[e.dates.length - 1]);
    info.append(el("div", { class: "meta", text: meta.join(" · ") }));
    info.append(el("h2", { text: "Evidence (" + e.evidence.length + " of " + e.weight + ")" }));
    for (const ev of e.evidence) {
      const head = el("div", { class: "meta" }, document.createTextNode(ev.doc + (ev.date ? " · " + ev.date : "")));
      if (ev.url && /^https?:\/\//i.test(ev.url)) {
        head.append(document.createTextNode(" · "), el("a", { href: ev.url, target: "_blank", rel: "noopener noreferrer", text: ev.url }));
      }
      const text = el("div", { class: "text" });
      let at = 0;
      // Marks are the stored spans (UTF-16 ranges, sorted, disjoint): both mentions, and for a
      // typed relation its cue.
      for (const [a, b, role] of ev.marks) {
        const title = role === "cue" ? "relation cue" : "mention of " + nodes[role === "source" ? e.s : e.t].label;
        text.append(document.createTextNode(ev.text.slice(at, a)), el("mark", { class: role, title, text: ev.text.slice(a, b) }));
        at = b;
      }
      text.append(document.createTextNode(ev.text.slice(at)));
      info.append(el("div", { class: "evidence" }, head, text));
    }
  }

  // ---- search by any alias
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[\u2010-\u2015\-'’‘`´.]/g, " ").replace(/\s+/g, " ").trim();
  const names = nodes.map((n) => [n.label, ...n.aliases].map((a) => [fold(a), a]));
  function find(q) {
    q = fold(q);
    if (!q) return [];
    const scored = [];
    for (let i = 0; i < N; i++) {
      let best = 0, via = "";
      for (const [f, orig] of names[i]) {
        const s = f === q ? 3 : f.startsWith(q) || f.includes(" " + q) ? 2 : f.includes(q) ? 1 : 0;
        if (s > best) { best = s; via = orig; }
      }
      if (best) scored.push([best, nodes[i].mentions, i, via]);
    }
    scored.sort((a, b) => b[0] - a[0] || b[1] - a[1] || a[2] - b[2]);
    return scored.slice(0, 12);
  }
  function showResults() {
    results.replaceChildren();
    for (const [, , i, via] of find(search.value)) {
      const row = el("div", { text: nodes[i].label + (via !== nodes[i].label ? " (" + via + ")" : "") + " · " + nodes[i].type });
      row.addEventListener("click", () => select({ node: i }, true));
      results.append(row);
    }
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { const r = find(search.value); if (r.length) select({ node: r[0][2] }, true); }
  });

  // ---- pan, zoom, click
  let drag = null;
  canvas.addEventListener("mousedown", (ev) => { drag = { x: ev.offsetX, y: ev.offsetY, vx: view.x, vy: view.y, moved: false }; });
  window.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const r = canvas.getBoundingClientRect();
    const dx = ev.clientX - r.left - drag.x, dy = ev.clientY - r.top - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; canvas.classList.add("dragging"); }
    if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; moved(); }
  });
  window.addEventListener("mouseup", (ev) => {
    if (!drag) return;
    const moved = drag.moved;
    drag = null;
    canvas.classList.remove("dragging");
    if (!moved && ev.target === canvas) select(hit(ev.offsetX, ev.offsetY));
  });
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const f = Math.exp(-ev.deltaY * 0.0015);
    view.x = ev.offsetX - (ev.offsetX - view.x) * f;
    view.y = ev.offsetY - (ev.offsetY - view.y) * f;
    view.scale *= f;
    moved();
  }, { passive: false });
  window.addEventListener("resize", resize);

  // ---- hooks for tests and benchmarks
  window.actorgraph = {
    stats: () => Object.assign({}, stats),
    node: (id) => nodes.findIndex((n) => n.id === id),
    screenOf: (i) => [sx(i), sy(i)],
    // A point of the canvas where a click selects the edge between ids a and b.
    pointOnEdge(a, b) {
      const ia = this.node(a), ib = this.node(b);
      const j = edges.findIndex((e) => (e.s === ia && e.t === ib) || (e.s === ib && e.t === ia));
      if (j < 0) return null;
      const e = edges[j];
      for (let k = 1; k < 40; k++) {
        const t = 0.5 + (k % 2 ? 1 : -1) * Math.floor(k / 2) / 40;
        const x = sx(e.s) + t * (sx(e.t) - sx(e.s)), y = sy(e.s) + t * (sy(e.t) - sy(e.s));
        const h = hit(x, y);
        if (h && h.edge === j) return [x, y];
      }
      return null;
    },
    ready: false,
  };
  renderLegend();
  resize();
  fit();
  applyFilters();
  requestAnimationFrame(() => requestAnimationFrame(() => {
    window.actorgraph.ready = true;
    window.actorgraph.loadMs = performance.now();
  }));
})();
