// Trunk post_build hook, run BEFORE csp.mjs and precompress.mjs: puts the
// default view, drawn at build time by the same scene code as the app and
// the export (`atlas svg`: scene::frame::default_frame + render::export), into
// dist/index.html. The map, its arrows and its legend are then on screen
// before the wasm arrives, and stay for a reader without JavaScript, with a
// link to the data and its sources. The app removes the picture once its own
// map is drawn (src/ui/app.rs); with `?data=` the picture would show the
// wrong dataset, so a small inline script (hashed into the CSP by csp.mjs)
// removes it at once.
//
//   TRUNK_STAGING_DIR=dist node scripts/prerender.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR || "dist";
const source = process.env.TRUNK_SOURCE_DIR || ".";
const file = join(staging, "index.html");
const out = join(mkdtempSync(join(tmpdir(), "atlas-prerender-")), "map.svg");

// The native data tool; `cargo` is already on PATH for the wasm build.
execFileSync("cargo", ["run", "--locked", "-q", "--bin", "atlas", "--", "svg", join(source, "public/data"), out, "en"], {
  cwd: source,
  stdio: ["ignore", "ignore", "inherit"],
});
let svg = readFileSync(out, "utf8");
if (!svg.startsWith("<svg")) throw new Error("prerender.mjs: atlas svg did not write an SVG");
// The export's ids (hatch patterns, clip path) must not collide with the live map's.
svg = svg.replace(/\bid="([^"]+)"/g, 'id="pre-$1"').replace(/url\(#([^)]+)\)/g, "url(#pre-$1)");
svg = svg.replace(/^<svg /, '<svg class="prerender-map" preserveAspectRatio="xMidYMin meet" ');

const region = JSON.parse(readFileSync(join(source, "public/data/region.json"), "utf8").replace(/^\uFEFF/, ""));
const l = region.layers;
const block =
  `<div id="prerender" class="prerender" aria-hidden="false">${svg}` +
  `<p class="prerender-note">The default view, drawn when the atlas was built. ` +
  `Every deposit and investment figure carries its sources: ` +
  `<a href="data/${l.deposits}">deposits</a>, <a href="data/${l.flows}">investment flows</a> ` +
  `(GeoJSON; each record's <code>sources</code>), <a href="data/region.json">the manifest</a>.</p></div>` +
  `<script>if (/[?&]data=/.test(location.search)) document.getElementById("prerender").remove();</script>`;

let html = readFileSync(file, "utf8");
if (!html.includes("<!-- PRERENDER -->")) throw new Error("prerender.mjs: no <!-- PRERENDER --> placeholder in " + file);
html = html.replace("<!-- PRERENDER -->", block);
writeFileSync(file, html);
console.log(`prerender.mjs: default view (${svg.length} bytes of SVG) in ${file}`);
