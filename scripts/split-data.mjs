// Trunk post_build hook, after prerender.mjs (whose picture is drawn from the
// whole public/data) and before csp.mjs and precompress.mjs: the shipped
// copy of the data keeps only what the map draws in its deposit and flow
// layers; each record's sources and notes go to data/details.json, which the
// app reads when a reader first opens a details panel, the table or the
// region-wide figures (`atlas split`, src/data/split.rs; docs/DATA.md §2).
// public/data stays whole: it is what a newsroom edits and `atlas check` reads.
//
//   TRUNK_STAGING_DIR=dist node scripts/split-data.mjs
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR || "dist";
const source = process.env.TRUNK_SOURCE_DIR || ".";
const data = join(staging, "data");
// The map maker's page (author.html) ships no data folder of its own.
if (!existsSync(join(data, "region.json"))) {
  console.log(`split-data.mjs: no ${data}/region.json; nothing to do`);
  process.exit(0);
}
execFileSync("cargo", ["run", "--locked", "-q", "--bin", "atlas", "--", "split", join(source, "public/data"), data], {
  cwd: source,
  stdio: "inherit",
});
