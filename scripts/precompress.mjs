// Writes precompressed siblings (`.gz`, gzip level 9; `.br`, brotli quality 11)
// next to every text or wasm file under a folder, so a static host can serve
// them with `Content-Encoding` and no work per request. Deterministic: the
// same input gives the same bytes (no file names or times in the gzip header).
//
//   node scripts/precompress.mjs dist
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const COMPRESSIBLE = /\.(html|js|mjs|wasm|css|json|geojson|topojson|svg|txt|csv|ico)$/;

export function gzip(buf) {
  return gzipSync(buf, { level: 9 });
}

export function brotli(buf) {
  return brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
}

export function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node scripts/precompress.mjs DIR");
    process.exit(2);
  }
  let n = 0;
  for (const p of files(dir)) {
    if (!COMPRESSIBLE.test(p)) continue;
    const buf = readFileSync(p);
    writeFileSync(p + ".gz", gzip(buf));
    writeFileSync(p + ".br", brotli(buf));
    n++;
  }
  console.log(`precompressed ${n} files under ${dir} (.gz and .br)`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
