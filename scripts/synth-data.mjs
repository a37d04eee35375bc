#!/usr/bin/env node
// Synthetic datasets for the benchmark and the scale tests: N valid deposits
// (the 77 shipped ones, then synthetic ones) placed inside the five focus countries (point-in-polygon against the
// shipped countries.geojson), with the shipped countries, water, flows and
// headlines. Deterministic (seeded), so two runs give the same file.
//
//   node scripts/synth-data.mjs N OUTDIR
//
// Writes OUTDIR/region.json (layers point at sibling files) and the layers.
// Nothing it writes is committed: OUTDIR lives under dist/ or target/.
import fs from "node:fs";
import path from "node:path";
import { features as topojson } from "./topojson.mjs";

const [n, outDir] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(n) || n <= 0 || !outDir) {
  console.error("usage: node scripts/synth-data.mjs N OUTDIR");
  process.exit(2);
}
const src = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "public", "data");
fs.mkdirSync(outDir, { recursive: true });
const region = JSON.parse(fs.readFileSync(path.join(src, "region.json"), "utf8"));
for (const f of Object.values(region.layers)) fs.copyFileSync(path.join(src, f), path.join(outDir, f));
fs.writeFileSync(path.join(outDir, "region.json"), JSON.stringify(region));

// xorshift32: the same sequence every run.
let s = 0x9e3779b9 ^ n;
const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };

const countries = topojson(JSON.parse(fs.readFileSync(path.join(src, region.layers.countries), "utf8")), "countries")
  .filter((f) => region.focus.includes(f.properties.iso3 ?? f.properties.id ?? f.id));
const polys = (g) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
const inRing = (x, y, ring) => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const inside = (x, y, g) => polys(g).some((p) => inRing(x, y, p[0]) && !p.slice(1).some((h) => inRing(x, y, h)));
const bbox = (g) => {
  const b = [180, 90, -180, -90];
  for (const p of polys(g)) for (const [x, y] of p[0]) { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
  return b;
};
const boxes = countries.map((c) => ({ iso3: c.properties.iso3 ?? c.properties.id ?? c.id, g: c.geometry, b: bbox(c.geometry) }));
// Weight countries by box area, so density is roughly even.
const area = boxes.map((c) => (c.b[2] - c.b[0]) * (c.b[3] - c.b[1]));
const total = area.reduce((a, b) => a + b, 0);
const pick = () => { let r = rnd() * total; for (let i = 0; i < boxes.length; i++) { r -= area[i]; if (r <= 0) return boxes[i]; } return boxes[0]; };

const commodities = [["Cu", "Au"], ["Au"], ["U"], ["Zn", "Pb"], ["W"], ["REE"], ["Cr"], ["Li"], ["potash"], ["Mo", "Cu"]];
const statuses = ["operating", "development", "exploration", "past_producer"];
const kinds = ["deposit", "mine", "plant"];
// The shipped deposits first (the flows name some of them), then synthetic ones up to N.
const features = JSON.parse(fs.readFileSync(path.join(src, region.layers.deposits), "utf8")).features.slice(0, n);
for (let i = features.length; i < n; i++) {
  let c, x, y;
  do { c = pick(); x = c.b[0] + rnd() * (c.b[2] - c.b[0]); y = c.b[1] + rnd() * (c.b[3] - c.b[1]); } while (!inside(x, y, c.g));
  const id = `syn-${String(i).padStart(6, "0")}`;
  const approx = rnd() < 0.1;
  features.push({
    type: "Feature",
    id,
    geometry: { type: "Point", coordinates: [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4] },
    properties: {
      id, name: `Synthetic ${i}`, kind: kinds[i % 3], country: c.iso3,
      commodities: commodities[Math.floor(rnd() * commodities.length)],
      status: statuses[Math.floor(rnd() * statuses.length)], operator: "Synthetic operator", investors: [],
      precision: approx ? "approximate" : "exact", precision_km: approx ? 20 : 1,
      precision_note: "synthetic benchmark point",
      sources: [{ url: `https://example.org/synthetic/${id}`, title: "Synthetic benchmark record" }], notes: "",
    },
  });
}
fs.writeFileSync(path.join(outDir, region.layers.deposits), JSON.stringify({ type: "FeatureCollection", features }));
console.log(`${outDir}: ${n} deposits`);
