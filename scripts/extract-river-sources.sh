#!/usr/bin/env bash
# Write the committed river excerpts under data/sources/ from the original file
# (data/sources/README.md says where it comes from). Run once by hand; `make data`
# then builds public/data/rivers.geojson from the excerpts, without the original.
#
#   bash scripts/extract-river-sources.sh BINNED_RIVER_F.nc
#
# BINNED_RIVER_F.nc: GSHHG 2.3.7 full-resolution WDB II rivers (Debian gmt-gshhg-full 2.3.7-6,
#   /usr/share/gmt-gshhg/binned_river_f.nc), read with GMT's `gmt coast` (Debian gmt 6.4.0).
# The input is checked against its sha256, so the excerpts are what the README says.
# Deterministic: two runs give byte-identical files.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

WDB=$1
MS=node_modules/.bin/mapshaper
OUT=data/sources
WDB_SHA=1e0f34b06bb73fa21ee1a52764d6979521c3342215e0a2cdc8de6c72d37d0cb6

got=$(sha256sum "$WDB" | cut -d' ' -f1)
if [[ "$got" != "$WDB_SHA" ]]; then
  echo "$WDB: sha256 $got, expected $WDB_SHA (another version of the file?)" >&2
  exit 1
fi
command -v gmt >/dev/null || { echo "gmt not found: apt-get install gmt gmt-gshhg-full" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
WDB_DIR=$(cd "$(dirname "$WDB")" && pwd)

# One river: every WDB II line of one river level in a box (W/E/S/N), as GMT cuts them into
# 1° bins, joined end to end (scripts/join-gmt-lines.js); of those, the lines that follow the
# river's course in scripts/rivers.js (scripts/pick-river-lines.js, the rule that names the
# lines at build time); clipped to the box; coordinates to 0.00001° (about 1 m).
wdb_river() {
  local id=$1 level=$2 w=$3 e=$4 s=$5 n=$6
  # (in $TMP: GMT leaves a gmt.history file where it runs)
  (cd "$TMP" && gmt coast -R"$w/$e/$s/$n" -Df -I"$level" -M --DIR_GSHHG="$WDB_DIR" > "$id.txt")
  node scripts/join-gmt-lines.js "$TMP/$id.txt" "$TMP/$id-joined.json" "$level"
  node scripts/pick-river-lines.js "$TMP/$id-joined.json" "$TMP/$id.json" "$id"
  "$MS" -quiet -i "$TMP/$id.json" \
    -clip bbox="$w,$s,$e,$n" \
    -o "$OUT/gshhg_wdb2_rivers_$id.geojson" precision=0.00001 format=geojson
}

# The Ili is WDB II level 2 ("major rivers"): from the edge of the box at 82°E (upstream of
# Yining) to the Kapchagay reservoir, and from the dam to the Balkhash delta (WDB II has the
# reservoir as a lake, not a river line).
wdb_river ili 2 74 82 43 47.5
# The Chu is level 3 ("additional major rivers"): from its source to where WDB II marks it
# intermittent (about 73.5°E, 44°N).
wdb_river chu 3 73.3 76.5 41.9 44.2
# The Zeravshan is level 3 too: from about 70.46°E (the upper valley above Panjakent) past
# Samarkand, Navoi and Bukhara to its end south-west of Bukhara, with the branch WDB II draws
# north of the main channel between Samarkand and Navoi (the Akdarya).
wdb_river zeravshan 3 63 71 38.5 40.8

for id in ili chu zeravshan; do
  f=$OUT/gshhg_wdb2_rivers_$id.geojson
  echo "$f: $(stat -c %s "$f") bytes, sha256 $(sha256sum "$f" | cut -d' ' -f1)"
done
