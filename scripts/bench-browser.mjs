#!/usr/bin/env -S node --experimental-websocket
// `make bench-browser`: the atlas in headless Chromium at 1280×800, driven
// through the DevTools protocol, on the shipped data and on synthetic
// datasets of 1k, 10k and 100k valid deposits (scripts/synth-data.mjs,
// written under target/, never committed), served from dist/ on loopback.
//
// For each dataset: load → complete map; a 40-move mouse drag then 6 wheel
// steps — drag time, frame p50/p95 and the longest task during them; the
// time to settle (redrawn and painted) after the drag is released; hover →
// tooltip latency; the JS heap, the wasm linear memory (which the JS heap
// leaves out) and the renderer's resident memory; and the load split by the
// loader's performance marks (fetch, parse + validate, build + draw).
// Prints a Markdown table and writes it to target/bench-browser.md.
// A benchmark, not a test: nothing here fails on a slow number.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dist = path.join(root, "dist");
const dataRoot = path.join(root, "target", "bench-data");
// 0 stands for the shipped dataset (public/data), whatever its size.
const sizes = (process.env.BENCH_SIZES ?? "0,1000,10000,100000").split(",").map(Number);
const chrome = process.env.CHROME ?? "/usr/bin/chromium";
if (!fs.existsSync(path.join(dist, "index.html"))) {
  console.error("dist/ is missing: run `trunk build --release` (make build) first");
  process.exit(1);
}

// ---- data ----
for (const n of sizes.filter((n) => n !== 0)) {
  const dir = path.join(dataRoot, `synth-${n}`);
  if (!fs.existsSync(path.join(dir, "deposits.geojson"))) {
    execFileSync(process.execPath, [path.join(root, "scripts", "synth-data.mjs"), String(n), dir], { stdio: "inherit" });
  }
}

// ---- static server on loopback: dist/ and /bench-data/ ----
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".geojson": "application/json" };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split("?")[0]);
  const file = url.startsWith("/bench-data/") ? path.join(dataRoot, url.slice(12)) : path.join(dist, url === "/" ? "index.html" : url);
  if (url.includes("..") || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

// ---- Chromium and a DevTools session ----
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-bench-"));
const browser = spawn(chrome, ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,800", "--remote-debugging-port=0",
  `--user-data-dir=${profile}`, "about:blank"], { stdio: "ignore", detached: true });
const portFile = path.join(profile, "DevToolsActivePort");
for (let i = 0; i < 200 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
const [port, wsPath] = fs.readFileSync(portFile, "utf8").trim().split("\n");
const ws = new WebSocket(`ws://127.0.0.1:${port}${wsPath}`);
await new Promise((r) => ws.addEventListener("open", r, { once: true }));
let seq = 0;
const pending = new Map();
ws.addEventListener("message", (ev) => {
  const m = JSON.parse(ev.data);
  if (m.id && pending.has(m.id)) { const { resolve, reject } = pending.get(m.id); pending.delete(m.id); m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result); }
});
const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
  const id = ++seq; pending.set(id, { resolve, reject }); ws.send(JSON.stringify({ id, method, params, sessionId }));
});

const version = (await send("Browser.getVersion")).product;

async function page() {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const s = (m, p) => send(m, p, sessionId);
  await s("Page.enable"); await s("Runtime.enable"); await s("Performance.enable");
  await s("Emulation.setDeviceMetricsOverride", { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
  const evaluate = async (expression) => {
    const r = await s("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
    return r.result.value;
  };
  return { s, evaluate, close: () => send("Target.closeTarget", { targetId }) };
}

const mouse = (s, type, x, y, extra = {}) => s("Input.dispatchMouseEvent", { type, x, y, button: type === "mouseMoved" && !extra.buttons ? "none" : "left", clickCount: type === "mouseMoved" ? 0 : 1, ...extra });
const pct = (xs, p) => { const v = [...xs].sort((a, b) => a - b); return v.length ? v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))] : NaN; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// In-page probes: frame intervals, long tasks, the tooltip's appearance.
const probes = `(() => {
  const w = window; w.__frames = []; w.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push(e.duration); }).observe({ entryTypes: ["longtask"] });
  let last = performance.now();
  const tick = (t) => { w.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  return 0;
})()`;

async function run(n) {
  const { s, evaluate, close } = await page();
  const url = n === 0 ? `${base}/` : `${base}/?data=/bench-data/synth-${n}/region.json`;
  await s("Page.navigate", { url });
  // Complete map: the count reads N, the frame is drawn, and a paint followed.
  const complete = await evaluate(`new Promise((done) => {
    const ok = () => { const c = document.querySelector('.in-view strong'); const l = document.querySelector('.layers[data-frame]');
      return c && +c.textContent > 0 && l && document.querySelector('path[data-iso3]'); };
    const poll = () => ok() ? requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))) : setTimeout(poll, 10);
    poll();
  })`);
  // Where the load went: the loader's performance marks (ui/loader.rs).
  const marks = await evaluate(`(() => { const m = {}; for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('atlas-')) m[e.name] = e.startTime; return m; })()`);
  const inView = await evaluate(`+document.querySelector('.in-view strong').textContent`);
  const canvas = await evaluate(`!!document.querySelector('canvas[data-deposits-drawn]')`);
  await evaluate(probes);
  await sleep(300);
  const rect = await evaluate(`(() => { const r = document.querySelector('.map').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`);
  const [cx, cy] = [rect[0] + rect[2] / 2, rect[1] + rect[3] / 2];

  // 40-move drag, then 6 wheel steps.
  await evaluate(`(window.__frames = [], window.__long = [], 0)`);
  const t0 = performance.now();
  await mouse(s, "mousePressed", cx, cy);
  for (let i = 1; i <= 40; i++) await mouse(s, "mouseMoved", cx + i * 6, cy + i * 3, { buttons: 1, button: "left" });
  const frameBefore = await evaluate(`+document.querySelector('.layers').dataset.frame`);
  const tRelease = await evaluate(`performance.now()`);
  await mouse(s, "mouseReleased", cx + 240, cy + 120);
  const dragTime = (performance.now() - t0) / 1000;
  // Settled: the frame after the release is built and painted.
  const settledAt = await evaluate(`new Promise((done) => { const poll = () => +document.querySelector('.layers').dataset.frame > ${frameBefore}
      ? requestAnimationFrame(() => done(performance.now())) : setTimeout(poll, 2); poll(); })`);
  const settle = settledAt - tRelease;
  const dragFrames = await evaluate(`window.__frames.slice(1)`);
  for (let i = 0; i < 6; i++) { await s("Input.dispatchMouseEvent", { type: "mouseWheel", x: cx, y: cy, deltaX: 0, deltaY: -120 }); await sleep(30); }
  await sleep(600);
  const frames = await evaluate(`window.__frames.slice(1)`);
  const longest = await evaluate(`Math.max(0, ...window.__long)`);

  // Hover → tooltip: pointer event timestamp to the tooltip painted, at a few spots.
  await mouse(s, "mouseMoved", 5, 5);
  const hovers = [];
  for (const [fx, fy] of [[0.45, 0.45], [0.55, 0.5], [0.4, 0.6], [0.6, 0.4], [0.5, 0.55]]) {
    await mouse(s, "mouseMoved", rect[0] + 2, rect[1] + 2);
    await sleep(80);
    await evaluate(`(() => { window.__hov = new Promise((done) => {
        let t = null;
        const on = (e) => { if (t === null) t = e.timeStamp; };
        document.addEventListener('pointermove', on, { capture: true });
        // The tooltip's insertion, observed as it happens (a microtask after the DOM change).
        const obs = new MutationObserver(() => { if (t !== null && document.querySelector('.tooltip')) {
          const ms = performance.now() - t; obs.disconnect(); document.removeEventListener('pointermove', on, { capture: true }); done(ms); } });
        obs.observe(document.querySelector('.map'), { childList: true, subtree: true });
        setTimeout(() => { obs.disconnect(); done(null); }, 2000);
      }); return 0; })()`);
    await mouse(s, "mouseMoved", rect[0] + rect[2] * fx, rect[1] + rect[3] * fy);
    const ms = await evaluate(`window.__hov`);
    if (ms !== null) hovers.push(ms);
  }
  // The wasm linear memory (never shrinks: its size is the peak the app needed).
  const wasmMB = await evaluate(`window.__atlasWasmMemory ? window.__atlasWasmMemory.buffer.byteLength / 1048576 : NaN`);
  const metrics = Object.fromEntries((await s("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  // The renderer's resident memory (JS heap, the wasm linear memory, DOM, canvas).
  const procs = (await send("SystemInfo.getProcessInfo")).processInfo.filter((p) => p.type === "renderer");
  const rss = procs.map((p) => { try { return +fs.readFileSync(`/proc/${p.id}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1] / 1024; } catch { return 0; } });
  await close();
  return {
    n, inView, canvas, complete: complete / 1000, drag: dragTime,
    dragP50: pct(dragFrames, 50), dragP95: pct(dragFrames, 95),
    p50: pct(frames, 50), p95: pct(frames, 95), longest, settle,
    hover: pct(hovers, 50), heapMB: metrics.JSHeapUsedSize / 1048576, wasmMB, rssMB: Math.max(0, ...rss),
    fetch: (marks["atlas-fetched"] - marks["atlas-load-start"]) / 1000,
    parse: (marks["atlas-parsed"] - marks["atlas-fetched"]) / 1000,
    draw: (complete - marks["atlas-parsed"]) / 1000,
  };
}

const rows = [];
try {
  // Warm-up: the first load compiles the wasm; measure cached runs only.
  { const { s, evaluate, close } = await page(); await s("Page.navigate", { url: `${base}/` });
    await evaluate(`new Promise((d) => { const p = () => document.querySelector('.layers[data-frame]') ? d(0) : setTimeout(p, 20); p(); })`); await close(); }
  for (const n of sizes) {
    process.stderr.write(`${n} deposits… `);
    rows.push(await run(n));
    process.stderr.write("done\n");
  }
} finally {
  ws.close();
  try { process.kill(-browser.pid, "SIGKILL"); } catch {}
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "–");
const table = [
  `| deposits | mode | load → complete map | of which fetch / parse + validate / build + draw | 40-move drag | frame p50 / p95 (drag + wheel) | longest task | settled after drag | hover → tooltip in DOM | JS heap | wasm memory | renderer memory (RSS) |`,
  `|---:|:--|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
  ...rows.map((r) => `| ${r.n === 0 ? `shipped (${r.inView} in view)` : r.n.toLocaleString("en")} | ${r.canvas ? "canvas" : "SVG"}${r.inView >= 1000 ? " + clusters" : ""} | ${f(r.complete, 2)} s | ${f(r.fetch, 2)} / ${f(r.parse, 2)} / ${f(r.draw, 2)} s | ${f(r.drag, 2)} s | ${f(r.p50, 1)} / ${f(r.p95, 1)} ms | ${f(r.longest)} ms | ${f(r.settle)} ms | ${f(r.hover, 1)} ms | ${f(r.heapMB, 1)} MB | ${f(r.wasmMB)} MB | ${f(r.rssMB)} MB |`),
].join("\n");
const note = `Headless ${version}, 1280×800, --disable-gpu, ${os.cpus().length} cores; ${new Date().toISOString().slice(0, 10)}.`;
console.log(`\n${table}\n\n${note}`);
fs.mkdirSync(path.join(root, "target"), { recursive: true });
fs.writeFileSync(path.join(root, "target", "bench-browser.md"), `${table}\n\n${note}\n`);
