// Load benchmark (issue 11): how soon the default map is on screen and how soon
// it answers the reader, on loopback and on a throttled network.
//
//   node --experimental-websocket scripts/bench-load.mjs [dist] [runs]    (`make bench-load`)
//
// Serves dist/ on 127.0.0.1 as a static host would (the precompressed .br/.gz
// siblings with Content-Encoding, chosen by Accept-Encoding), starts Debian's
// headless Chromium with --remote-debugging-port on loopback, and drives it
// with the DevTools protocol (Node's WebSocket; no other dependency). Each run
// opens a fresh tab with the cache disabled and records, from an observer that
// DevTools injects before the page's own scripts:
//   html       the HTML has arrived (navigation responseEnd)
//   first map  the first frame with a map in it (the pre-rendered picture or the
//              app's own), as the time of that frame minus `html`
//   interactive the app's map is drawn with its deposits (hover and click work)
//              and the picture is gone, from navigation start
//   transfer   bytes over the network for the whole load (compressed)
// Profiles: loopback, and "1.6 Mbps, 150 ms RTT" via Network.emulateNetworkConditions.
// Prints the median of `runs` (default 5) per profile.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";

const dist = process.argv[2] || "dist";
const runs = Number(process.argv[3] || 5);
const CHROME = process.env.CHROME || "/usr/bin/chromium";
const PROFILES = [
  { name: "loopback", conditions: null },
  {
    name: "1.6 Mbps, 150 ms RTT",
    conditions: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 },
  },
];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".topojson": "application/json",
  ".svg": "image/svg+xml",
};

if (typeof WebSocket !== "function") {
  console.error("bench-load: run with `node --experimental-websocket` (Node 20) or Node 22+");
  process.exit(2);
}

// ---- a static host on loopback ----
function serve(root) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    const accept = req.headers["accept-encoding"] || "";
    const headers = { "Content-Type": TYPES[extname(file)] || "application/octet-stream", Vary: "Accept-Encoding" };
    let body = file;
    if (/\bbr\b/.test(accept) && existsSync(file + ".br")) {
      body = file + ".br";
      headers["Content-Encoding"] = "br";
    } else if (/\bgzip\b/.test(accept) && existsSync(file + ".gz")) {
      body = file + ".gz";
      headers["Content-Encoding"] = "gzip";
    }
    headers["Cache-Control"] = "no-cache";
    res.writeHead(200, headers).end(readFileSync(body));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// ---- the DevTools protocol over one browser WebSocket (flattened sessions) ----
class Cdp {
  constructor(ws) {
    this.ws = ws;
    this.id = 0;
    this.pending = new Map();
    this.listeners = [];
    ws.addEventListener("message", (e) => {
      const m = JSON.parse(e.data);
      if (m.id && this.pending.has(m.id)) {
        const { ok, fail } = this.pending.get(m.id);
        this.pending.delete(m.id);
        m.error ? fail(new Error(`${m.error.message} (${m.error.code})`)) : ok(m.result);
      } else if (m.method) {
        for (const l of this.listeners) l(m);
      }
    });
  }
  send(method, params = {}, sessionId) {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((ok, fail) => this.pending.set(id, { ok, fail }));
  }
  once(method, sessionId, timeoutMs = 60000) {
    return new Promise((ok, fail) => {
      const t = setTimeout(() => fail(new Error(`timeout waiting for ${method}`)), timeoutMs);
      const l = (m) => {
        if (m.method === method && m.sessionId === sessionId) {
          clearTimeout(t);
          this.listeners = this.listeners.filter((x) => x !== l);
          ok(m.params);
        }
      };
      this.listeners.push(l);
    });
  }
}

async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "atlas-bench-load-"));
  const chrome = spawn(
    CHROME,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-extensions",
      "--no-first-run",
      "--remote-debugging-address=127.0.0.1",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "--window-size=1280,800",
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  const portFile = join(profile, "DevToolsActivePort");
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 100));
  const [port, path] = readFileSync(portFile, "utf8").trim().split("\n");
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise((ok, fail) => {
    ws.addEventListener("open", ok);
    ws.addEventListener("error", fail);
  });
  return {
    cdp: new Cdp(ws),
    close() {
      ws.close();
      chrome.kill();
      setTimeout(() => rmSync(profile, { recursive: true, force: true }), 500);
    },
  };
}

// Runs in the page before its own scripts: notes the frame in which a map first
// appears, and the frame in which the app's own map (with deposits) is drawn and
// the pre-rendered picture is gone.
const OBSERVER = `(() => {
  const t = (window.__load = { firstMap: null, appMap: null, interactive: null });
  const tick = (now) => {
    const pre = document.getElementById("prerender");
    const app = document.querySelector(".map-wrap [data-deposit-id], .map-wrap canvas[data-deposits-drawn]");
    if (t.firstMap === null && (pre?.querySelector("svg, img") || app)) t.firstMap = now;
    if (t.appMap === null && app) t.appMap = now;
    if (t.interactive === null && app && !pre) t.interactive = now;
    if (t.interactive === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function once(cdp, url, conditions) {
  const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
  const s = (m, p) => cdp.send(m, p, sessionId);
  await s("Page.enable");
  await s("Network.enable");
  await s("Runtime.enable");
  await s("Network.setCacheDisabled", { cacheDisabled: true });
  if (conditions) await s("Network.emulateNetworkConditions", conditions);
  await s("Page.addScriptToEvaluateOnNewDocument", { source: OBSERVER });
  let bytes = 0;
  const onData = (m) => {
    if (m.sessionId === sessionId && m.method === "Network.loadingFinished") bytes += m.params.encodedDataLength;
  };
  cdp.listeners.push(onData);
  const loaded = cdp.once("Page.loadEventFired", sessionId);
  await s("Page.navigate", { url });
  // On a loaded machine the load event can be late; the observer below decides.
  await loaded.catch(() => {});
  let r;
  for (let i = 0; i < 600; i++) {
    const { result } = await s("Runtime.evaluate", {
      expression: `JSON.stringify({ ...window.__load, html: performance.getEntriesByType("navigation")[0]?.responseEnd,
        fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null })`,
      returnByValue: true,
    });
    r = JSON.parse(result.value);
    if (r.interactive !== null) break;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  await new Promise((ok) => setTimeout(ok, 200));
  cdp.listeners = cdp.listeners.filter((x) => x !== onData);
  await cdp.send("Target.closeTarget", { targetId });
  return { ...r, bytes };
}

const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN;
};
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : "—");

const server = await serve(dist);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
try {
  await once(browser.cdp, url, null); // warm-up (process start, compile caches off the books)
  console.log(`load of ${url} (dist: ${dist}), median of ${runs} runs, fresh tab, cache disabled, Chromium headless 1280x800`);
  console.log(`${"profile".padEnd(22)} ${"html".padStart(8)} ${"first map".padStart(10)} ${"interactive".padStart(12)} ${"transfer".padStart(10)}`);
  for (const p of PROFILES) {
    const rs = [];
    for (let i = 0; i < runs; i++) rs.push(await once(browser.cdp, url, p.conditions));
    const html = median(rs.map((r) => r.html));
    const first = median(rs.map((r) => (r.firstMap === null ? null : r.firstMap - r.html)));
    const inter = median(rs.map((r) => r.interactive));
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify(rs.map((r) => [r.html, r.firstMap, r.appMap, r.interactive].map(Math.round))));
    const kb = median(rs.map((r) => r.bytes)) / 1000;
    console.log(
      `${p.name.padEnd(22)} ${ms(html).padStart(8)} ${("+" + ms(first)).padStart(10)} ${ms(inter).padStart(12)} ${(kb.toFixed(0) + " KB").padStart(10)}`,
    );
  }
  console.log("html: navigation start to the HTML received; first map: after the HTML, the first frame with a map;");
  console.log("interactive: navigation start to the app's own map drawn with its deposits (and the picture gone).");
} finally {
  browser.close();
  server.close();
}
