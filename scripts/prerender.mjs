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
// Only the atlas page asks for a picture; another page built with this
// Trunk.toml (the map maker, author.html) has no placeholder and is left as is.
if (!readFileSync(file, "utf8").includes("<!-- PRERENDER -->")) {
  console.log(`prerender.mjs: no <!-- PRERENDER --> in ${file}; nothing to do`);
  process.exit(0);
}
const out = join(mkdtempSync(join(tmpdir(), "atlas-prerender-")), "map.svg");

// The picture in the reader's theme. The export writes concrete colours (a
// standalone file); the page's own colours are CSS custom properties
// (styles/palette.css, generated from scene::style), light or dark by
// `prefers-color-scheme`. So the picture is drawn in both themes: the two
// SVGs are the same elements in the same order, and where a fill or stroke
// differs, the pair (light, dark) names one palette ink. That colour is
// then also given as `style="fill:var(--ink)"` (an inline style wins over
// the attribute, and var() works in every browser there), so the picture
// has the app's colours in either theme and nothing changes at the takeover.
function followTheme(light, dark, paletteCss) {
  const block = (css) => Object.fromEntries([...css.matchAll(/--([a-z-]+):(#[0-9a-fA-F]{6});/g)].map((m) => [m[1], m[2].toLowerCase()]));
  const [lightCss, darkCss] = paletteCss.split("@media (prefers-color-scheme: dark)");
  const [l, d] = [block(lightCss), block(darkCss)];
  const ink = new Map(Object.keys(l).filter((k) => l[k] !== d[k]).map((k) => [`${l[k]} ${d[k]}`, k]));
  const tagsL = light.split("<");
  const tagsD = dark.split("<");
  if (tagsL.length !== tagsD.length) throw new Error("prerender.mjs: the light and dark pictures differ in shape");
  let themed = 0;
  const out = tagsL.map((tag, i) => {
    if (tag === tagsD[i]) return tag;
    const colours = (t) => Object.fromEntries([...t.matchAll(/ (fill|stroke)="(#[0-9a-fA-F]{6})"/g)].map((m) => [m[1], m[2].toLowerCase()]));
    const [cl, cd] = [colours(tag), colours(tagsD[i])];
    const style = [];
    for (const prop of ["fill", "stroke"]) {
      if (!cl[prop] || cl[prop] === cd[prop]) continue;
      const name = ink.get(`${cl[prop]} ${cd[prop]}`);
      if (!name) throw new Error(`prerender.mjs: no palette ink is ${cl[prop]} in light and ${cd[prop]} in dark`);
      style.push(`${prop}:var(--${name})`);
    }
    if (tag.replace(/ (fill|stroke)="#[0-9a-fA-F]{6}"/g, "") !== tagsD[i].replace(/ (fill|stroke)="#[0-9a-fA-F]{6}"/g, "")) {
      throw new Error(`prerender.mjs: the light and dark pictures differ beyond colours at <${tag.slice(0, 60)}`);
    }
    if (!style.length) return tag;
    if (/ style="/.test(tag)) throw new Error(`prerender.mjs: an element already has a style: <${tag.slice(0, 60)}`);
    themed++;
    // After the other attributes: the picture's ids and hooks keep their place.
    return tag.replace(/^([^>]*?)(\/?)>/, `$1 style="${style.join(";")}"$2>`);
  });
  console.log(`prerender.mjs: ${themed} elements follow the theme`);
  return out.join("<");
}

// The map is drawn at the size the app's map has in a 1280×800 window (the
// sidebar's 330 px off the width, the header and footer off the
// height: styles/atlas.css), so on that screen the app's first frame matches it
// pixel for pixel. Elsewhere it is scaled and centred as the app fits the
// region's frame into its map (View::fit: the frame, less a 2% margin, contained
// and centred), so the geography does not move when the app takes over.
const MAP_W = 950;
const MAP_H = 639;

// The native data tool; `cargo` is already on PATH for the wasm build.
const atlasTool = (args) =>
  execFileSync("cargo", ["run", "--locked", "-q", "--bin", "atlas", "--", ...args], {
    cwd: source,
    stdio: ["ignore", "pipe", "inherit"],
  }).toString();
const drawn = atlasTool(["svg", join(source, "public/data"), out, "en", `${MAP_W}x${MAP_H}`]);
const darkOut = out.replace(/\.svg$/, "-dark.svg");
atlasTool(["svg", join(source, "public/data"), darkOut, "en", `${MAP_W}x${MAP_H}`, "dark"]);
// The region's frame as drawn (px): the crop scales the picture as View::fit would.
const [, FRAME_W, FRAME_H] = drawn.match(/^frame ([0-9.]+)x([0-9.]+)$/m) || [];
if (!FRAME_W) throw new Error("prerender.mjs: atlas svg did not report the frame's size");
const t = JSON.parse(atlasTool(["strings", "en"]));
let svg = readFileSync(out, "utf8");
if (!svg.startsWith("<svg")) throw new Error("prerender.mjs: atlas svg did not write an SVG");
svg = followTheme(svg, readFileSync(darkOut, "utf8"), readFileSync(join(source, "styles/palette.css"), "utf8"));
const top = Number((svg.match(/id="map" transform="translate\(0 ([0-9.]+)\)"/) || [])[1]);
if (!Number.isFinite(top)) throw new Error("prerender.mjs: no map group in the SVG");
// The export's ids (hatch patterns, clip path) must not collide with the live map's.
svg = svg.replace(/\bid="([^"]+)"/g, 'id="pre-$1"').replace(/url\(#([^)]+)\)/g, "url(#pre-$1)");
// The crop (prerender.css) needs the map's size and offset in the picture.
svg = svg.replace(
  /^<svg /,
  `<svg class="prerender-map" style="--map-w:${MAP_W};--map-h:${MAP_H};--map-top:${top};--frame-w:${FRAME_W};--frame-h:${FRAME_H}" `,
);

// The credit lines, as the export wrote them (the last line is its source note).
const creditGroup = (svg.match(/<g id="pre-credit"[^>]*>([\s\S]*?)<\/g>/) || [])[1] || "";
const credit = [...creditGroup.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).slice(0, -1).join(" · ");

const region = JSON.parse(readFileSync(join(source, "public/data/region.json"), "utf8").replace(/^\uFEFF/, ""));
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const l = region.layers;
const note =
  `<p class="prerender-note">The default view, drawn when the atlas was built. ` +
  `Every deposit and investment figure carries its sources: ` +
  `<a href="data/details.json">sources and notes</a> (JSON, by record id), ` +
  `<a href="data/${l.deposits}">deposits</a> and <a href="data/${l.flows}">investment flows</a> ` +
  `(GeoJSON), <a href="data/region.json">the manifest</a>.</p>`;
// The app's page, as it lays itself out (src/ui/app.rs: header, map, sidebar,
// footer, with the same classes), so the picture sits where the app's map will.
// Its controls are placeholders: inert, no ids or hooks (the app's own come with it).
const tool = (k) => `<button class="tool" type="button">${esc(t[k])}</button>`;
const block =
  `<div id="prerender" class="prerender app">` +
  `<header class="header" inert><div class="titles"><h1>${esc(region.title.en)}</h1>` +
  `<p class="subtitle">${esc(region.subtitle?.en ?? "")}</p></div>` +
  `<div class="toolbar"><div class="search"><input type="search" placeholder="${esc(t.Search)}" aria-label="${esc(t.Search)}"></div>` +
  `<div class="lang-switch"><button class="lang" type="button" aria-pressed="true">EN</button><button class="lang" type="button" aria-pressed="false">RU</button></div></div>` +
  `<div class="share">${["Table", "CopyLink", "Embed", "ExportSvg", "ExportPng"].map(tool).join("")}</div></header>` +
  `<main class="main"><div class="map-wrap prerender-wrap" inert>${svg}</div>` +
  `<aside class="sidebar">${note}</aside></main>` +
  `<footer class="footer"><p class="credit">${credit}</p></footer></div>` +
  // The embed's compact page has its own layout; another dataset (`?data=`) is
  // not this page at all. The picture is the default view: a link to another
  // view or other filters or layers (`v=`, `fs=`, `layers=`, …) is not this
  // picture, so only the page around it shows until the app draws that map.
  // `embed`, `sel` (a panel over the same map), `tab` (the table over it) and
  // `lang` (the same map, its names in English until the app redraws them)
  // keep it.
  `<script>(function(){var p=document.getElementById("prerender"),q=location.search;` +
  `if(/[?&]data=/.test(q)){p.remove();return;}` +
  `if(/[?&]embed=1/.test(q))p.classList.add("embed");` +
  `if(q.slice(1).split("&").some(function(kv){var k=kv.split("=")[0];return k!==""&&!/^(embed|sel|tab|lang)$/.test(k);})){` +
  `var m=p.querySelector(".prerender-map");if(m)m.remove();}})();</script>`;

let html = readFileSync(file, "utf8");
if (!html.includes("<!-- PRERENDER -->")) throw new Error("prerender.mjs: no <!-- PRERENDER --> placeholder in " + file);
html = html.replace("<!-- PRERENDER -->", block);
// The default dataset's manifest and layers, fetched while the wasm downloads
// instead of after it has started (the app's own fetches then find them
// ready: same URL, CORS mode, same-origin credentials). Not for `?data=`,
// which reads another dataset; `details.json` is read on first need.
const files = ["region.json", ...Object.entries(l).filter(([k]) => k !== "details").map(([, f]) => f)];
if (!files.every((f) => /^[A-Za-z0-9._-]+$/.test(f))) throw new Error("prerender.mjs: a layer file name to preload is not a plain file name");
// At the top of the head, after the CSP and before the stylesheets: an inline
// script after a stylesheet waits for it, and the wasm's own preload link
// would already be on the wire.
const anchor = '<meta name="color-scheme" content="light dark" />';
if (!html.includes(anchor)) throw new Error("prerender.mjs: no color-scheme meta in " + file + " to put the data preload after");
html = html.replace(
  anchor,
  anchor +
    `<script>(function(){if(/[?&]data=/.test(location.search))return;` +
    `${JSON.stringify(files)}.forEach(function(f){var k=document.createElement("link");` +
    `k.rel="preload";k.as="fetch";k.crossOrigin="anonymous";k.fetchPriority="low";k.href="data/"+f;document.head.appendChild(k);});})();</script>`,
);
writeFileSync(file, html);
console.log(`prerender.mjs: default view (${svg.length} bytes of SVG, map ${MAP_W}×${MAP_H}) in ${file}`);
