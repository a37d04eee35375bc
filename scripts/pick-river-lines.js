// Keep, of a GeoJSON file's lines, those that follow one river's course by the rule
// scripts/rivers.js names lines with (the course table there; the river must be the best
// match of the line). Used by scripts/extract-river-sources.sh to cut one river out of
// all the WDB II lines in a box, never by hand. Output order follows the input.
//
//   node scripts/pick-river-lines.js IN.geojson OUT.geojson RIVER_ID
"use strict";
const fs = require("fs");
const { RIVERS, riverOf } = require("./rivers.js");

const [input, output, id] = process.argv.slice(2);
if (!RIVERS.some((r) => r[0] === id)) {
  console.error(`pick-river-lines: ${id} is not a river in scripts/rivers.js`);
  process.exit(1);
}
const src = JSON.parse(fs.readFileSync(input, "utf8"));
const features = src.features.flatMap((f) => {
  const g = f.geometry;
  if (!g) return [];
  const lines = g.type === "LineString" ? [g.coordinates] : g.coordinates;
  return lines
    .filter((line) => riverOf(line) === id)
    .map((coordinates) => ({ type: "Feature", properties: f.properties, geometry: { type: "LineString", coordinates } }));
});
if (!features.length) {
  console.error(`pick-river-lines: no line of ${input} follows the ${id}`);
  process.exit(1);
}
fs.writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features }));
