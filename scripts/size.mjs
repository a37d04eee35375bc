// What the default map transfers, file by file: raw, gzip and brotli bytes,
// and the total. Exits 1 when a budget is exceeded (issue: "weighs less than
// a photo"): the wasm at most 180 KB gzip, everything the default map loads
// (HTML, JS, wasm, CSS, data) at most 250 KB gzip.
//
//   node scripts/size.mjs dist
import { readFileSync, readdirSync } from "node:fs";
import { join, basename } from "node:path";
import { gzip, brotli } from "./precompress.mjs";

const KB = 1000;
const BUDGET = { wasmGzip: 180 * KB, totalGzip: 250 * KB };

const dir = process.argv[2] || "dist";
const top = readdirSync(dir).filter((n) => !/\.(gz|br)$/.test(n));
const pick = (re) => top.filter((n) => re.test(n)).map((n) => join(dir, n));
// The page, its script, wasm and styles, and the layers the bundled manifest names.
const manifest = JSON.parse(readFileSync(join(dir, "data/region.json"), "utf8"));
// The details file (sources and notes, `atlas split`) is read only when a
// reader opens a details panel or the table: listed apart, not in the total.
const { details, ...mapLayers } = manifest.layers || {};
const layers = Object.values(mapLayers).map((f) => join(dir, "data", f));
const loaded = [
  ...pick(/^index\.html$/),
  ...pick(/\.js$/).filter((p) => basename(p) !== "embed.js"),
  ...pick(/\.wasm$/),
  ...pick(/\.css$/),
  join(dir, "data/region.json"),
  ...layers,
];

const rows = loaded.map((p) => {
  const buf = readFileSync(p);
  return { file: p.slice(dir.length + 1), raw: buf.length, gz: gzip(buf).length, br: brotli(buf).length };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), { raw: 0, gz: 0, br: 0 });
const pad = (s, n) => String(s).padStart(n);
console.log(`${"file".padEnd(44)} ${pad("raw", 10)} ${pad("gzip", 10)} ${pad("brotli", 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)} ${pad(r.raw, 10)} ${pad(r.gz, 10)} ${pad(r.br, 10)}`);
console.log(`${"total (default map)".padEnd(44)} ${pad(total.raw, 10)} ${pad(total.gz, 10)} ${pad(total.br, 10)}`);
if (details) {
  const buf = readFileSync(join(dir, "data", details));
  const f = `data/${details} (on first need)`;
  console.log(`${f.padEnd(44)} ${pad(buf.length, 10)} ${pad(gzip(buf).length, 10)} ${pad(brotli(buf).length, 10)}`);
}

const wasm = rows.find((r) => r.file.endsWith(".wasm"));
const over = [];
if (wasm && wasm.gz > BUDGET.wasmGzip) over.push(`wasm ${wasm.gz} B gzip > budget ${BUDGET.wasmGzip} B`);
if (total.gz > BUDGET.totalGzip) over.push(`total ${total.gz} B gzip > budget ${BUDGET.totalGzip} B`);
if (over.length) {
  console.error(`over budget: ${over.join("; ")}`);
  process.exit(1);
}
console.log(`within budget (wasm ≤ ${BUDGET.wasmGzip} B gzip, total ≤ ${BUDGET.totalGzip} B gzip)`);
