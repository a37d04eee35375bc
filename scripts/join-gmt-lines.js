// Read GMT multi-segment text (`gmt coast -M`: a "> ..." header line, then "lon lat" lines)
// and write a GeoJSON FeatureCollection of LineStrings, with segments that meet end to start
// joined into one line (GMT cuts lines at its 1° bins) and one-point or zero-length pieces
// dropped. Output order follows the input, so the result is deterministic.
//
//   node scripts/join-gmt-lines.js IN.txt OUT.geojson LEVEL
//
// LEVEL (the WDB II river level asked of GMT) is kept as each line's `wdb_level`.
"use strict";
const fs = require("fs");

const [input, output, level] = process.argv.slice(2);
const LEVEL = Number(level);
const segs = [];
for (const line of fs.readFileSync(input, "utf8").split("\n")) {
  if (line.startsWith(">")) segs.push([]);
  else if (line.trim() && segs.length) segs[segs.length - 1].push(line.trim().split(/\s+/).slice(0, 2).map(Number));
}
const same = (a, b) => Math.abs(a[0] - b[0]) < 1e-7 && Math.abs(a[1] - b[1]) < 1e-7;
let lines = segs.filter((s) => s.length >= 2 && !s.every((p) => same(p, s[0])));
// Join until nothing more joins: a line whose end is another's start takes it on.
for (let joined = true; joined; ) {
  joined = false;
  for (let i = 0; i < lines.length && !joined; i++) {
    for (let j = 0; j < lines.length && !joined; j++) {
      if (i === j) continue;
      const a = lines[i], b = lines[j];
      if (same(a[a.length - 1], b[0])) { lines[i] = a.concat(b.slice(1)); joined = true; }
      else if (same(a[a.length - 1], b[b.length - 1])) { lines[i] = a.concat(b.slice(0, -1).reverse()); joined = true; }
      if (joined) lines.splice(j, 1);
    }
  }
}
const features = lines.map((coordinates) => ({ type: "Feature", properties: { wdb_level: LEVEL }, geometry: { type: "LineString", coordinates } }));
fs.writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features }));
