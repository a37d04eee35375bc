// What the shipped wasm is made of. Takes wasm-bindgen's output from the
// last `trunk build --release` (it still has its function names), optimises
// it as Trunk does (`wasm-opt -Oz`, plus `-g` to keep the names), then runs
// `twiggy top` and adds up the shallow size of every function by the crate
// its name starts with. The name section is left out (Trunk's build drops
// it), so the total is within a few KB of the shipped file.
//
//   node scripts/wasm-crates.mjs [N crates] [M items]     (`make size-report`)
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const input = "target/wasm-bindgen/release/atlas-web_bg.wasm";
const n = Number(process.argv[2] || 15);
const m = Number(process.argv[3] || 15);
const wasm = join(mkdtempSync(join(tmpdir(), "atlas-size-")), "named.wasm");
const flags = (process.env.WASM_OPT_FLAGS || "-Oz").split(/\s+/).filter(Boolean);
execFileSync("wasm-opt", [...flags, "-g", input, "-o", wasm], { stdio: "inherit" });
const csv = execFileSync("twiggy", ["top", "-n", "1000000", "--format", "csv", wasm], {
  encoding: "utf8",
  maxBuffer: 1 << 28,
});

// Minimal CSV reader for twiggy's output (quoted names may contain commas and "").
function* rows(text) {
  let i = text.indexOf("\n") + 1;
  while (i < text.length) {
    const cells = [];
    while (true) {
      let cell = "";
      if (text[i] === '"') {
        i++;
        while (!(text[i] === '"' && text[i + 1] !== '"')) {
          if (text[i] === '"') i++;
          cell += text[i++];
        }
        i++;
      } else {
        while (i < text.length && text[i] !== "," && text[i] !== "\n") cell += text[i++];
      }
      cells.push(cell);
      if (text[i] === ",") i++;
      else break;
    }
    i++;
    if (cells.length > 1) yield cells;
  }
}

const byCrate = new Map();
const items = [];
let code = 0;
for (const [name, shallow] of rows(csv)) {
  const size = Number(shallow);
  if (/subsection$/.test(name) || /^custom section/.test(name)) continue;
  items.push([name, size]);
  let crate;
  if (/^data segment/.test(name)) crate = "(data segments: strings, tables)";
  else if (/^(code|type)\[\d+\]$/.test(name) || /^(table|elem|import|export|global|memory)/.test(name)) crate = "(wasm tables, types, imports, unnamed)";
  else crate = (name.match(/([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/) || [, "(other)"])[1];
  byCrate.set(crate, (byCrate.get(crate) || 0) + size);
  code += size;
}
const list = [...byCrate].sort((a, b) => b[1] - a[1]);
console.log(`${"crate / segment".padEnd(42)} ${"bytes".padStart(9)} ${"share".padStart(6)}`);
for (const [c, s] of list.slice(0, n)) console.log(`${c.padEnd(42)} ${String(s).padStart(9)} ${((100 * s) / code).toFixed(1).padStart(5)}%`);
const rest = list.slice(n).reduce((t, [, s]) => t + s, 0);
console.log(`${"(the rest)".padEnd(42)} ${String(rest).padStart(9)} ${((100 * rest) / code).toFixed(1).padStart(5)}%`);
console.log(`${"code and data, without custom sections".padEnd(42)} ${String(code).padStart(9)}`);
console.log();
console.log(`${"largest items".padEnd(96)} ${"bytes".padStart(9)}`);
items.sort((a, b) => b[1] - a[1]);
for (const [name, s] of items.slice(0, m)) console.log(`${name.replace(/::h[0-9a-f]{16}$/, "").slice(0, 96).padEnd(96)} ${String(s).padStart(9)}`);

// The standard library's float formatting (Grisu/Dragon4, ~17 KB) stays out:
// numbers are written by atlas::decimal. One `{}` or `{:.1}` on an f64 in the
// app's code (or an f64 attribute value in a view) brings it back.
const float = items.filter(([name]) => /flt2dec|fmt::float|<f(32|64) as core[^>]*::fmt::/.test(name));
console.log();
if (float.length === 0) console.log("float formatting: absent (numbers are written by atlas::decimal)");
else {
  const bytes = float.reduce((t, [, s]) => t + s, 0);
  console.log(`float formatting: PRESENT, ${bytes} B in ${float.length} items; find the f64 written with {} / {:.N} (docs/ARCHITECTURE.md, "Numbers")`);
  process.exitCode = 1;
}
