// Trunk post_build hook: fill the Content-Security-Policy placeholders in the
// built index.html.
//   __INLINE_SCRIPT_HASHES__  the sha256 of each inline <script> Trunk wrote
//                             (its wasm loader, which names hashed files, so
//                             the hash changes with every build)
//   __ALLOWED_DATA_ORIGINS__  allowed_data_origins of public/data/region.json,
//                             so connect-src is the atlas's own origin plus
//                             exactly the origins `?data=` may use.
// Run by Trunk with TRUNK_STAGING_DIR set; fails the build on a bad origin.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR || "dist";
const source = process.env.TRUNK_SOURCE_DIR || ".";
const file = join(staging, "index.html");
let html = readFileSync(file, "utf8");

const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
}
if (hashes.length === 0) throw new Error("csp.mjs: no inline script found in " + file);

let region = readFileSync(join(source, "public/data/region.json"), "utf8");
region = region.replace(/^\uFEFF/, "");
const origins = JSON.parse(region).allowed_data_origins || [];
for (const o of origins) {
  if (!/^https?:\/\/[A-Za-z0-9.\-]+(:[0-9]{1,5})?$/.test(o)) {
    throw new Error(`csp.mjs: allowed_data_origins: "${o}" is not an origin like https://data.example.org`);
  }
}

if (!html.includes("__INLINE_SCRIPT_HASHES__") || !html.includes("__ALLOWED_DATA_ORIGINS__")) {
  throw new Error("csp.mjs: the CSP placeholders are missing from " + file);
}
html = html
  .replace("__INLINE_SCRIPT_HASHES__", hashes.join(" "))
  .replace("__ALLOWED_DATA_ORIGINS__", origins.map((o) => o.toLowerCase()).join(" "));
writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline script hash(es), ${origins.length} allowed data origin(s)`);
