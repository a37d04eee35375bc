#!/usr/bin/env python3
"""Merge reviewed deposit additions into public/data/deposits.geojson.

Each file in data/additions/*.json is a JSON array of GeoJSON Point features in
the deposits schema (docs/DATA.md §2.4). Files are merged in file-name order and
features in file order, so the result is reproducible. A feature whose id is
already in deposits.geojson replaces that feature in place (so running the
script twice gives the same file); any other feature is appended.

Before writing, every incoming feature is reviewed for what `atlas check` does
not enforce: sources present with http(s) URLs and titles, a precision_note,
precision_km in the range its precision allows, and no second record for a
site already on the map (same normalised name). Any problem stops the merge
with a message naming the file, the feature and the field. Run `atlas check`
afterwards for the rest (schema, ids, commodities, point inside its country).

Usage: python3 scripts/merge-deposits.py [--check]
  --check  exit 1 if deposits.geojson is not what the merge produces.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "public/data/deposits.geojson"
ADDITIONS = ROOT / "data/additions"
KM = {"exact": (0, 2), "approximate": (2, 50), "region": (50, 150)}
REQUIRED = ["id", "name", "kind", "country", "commodities", "status", "operator", "precision", "precision_km",
            "precision_note", "sources"]


def norm(name):
    """A site name without accents, punctuation, brackets or generic words."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\(.*?\)", " ", s)
    s = re.sub(r"[^a-z0-9 ]", " ", s)
    generic = {"deposit", "deposits", "mine", "mines", "plant", "project", "the", "and", "of", "gold", "field"}
    return " ".join(w for w in s.split() if w not in generic)


def review(where, f):
    p = f.get("properties") or {}
    problems = []
    for k in REQUIRED:
        if p.get(k) in (None, "", []):
            problems.append((k, "missing or empty"))
    if f.get("id") != p.get("id"):
        problems.append(("id", "feature id and properties.id differ"))
    for i, s in enumerate(p.get("sources") or []):
        if not str(s.get("url", "")).startswith(("http://", "https://")):
            problems.append((f"sources[{i}].url", "must be an http(s) URL"))
        if not str(s.get("title", "")).strip():
            problems.append((f"sources[{i}].title", "missing title"))
    prec, km = p.get("precision"), p.get("precision_km")
    if prec in KM and isinstance(km, (int, float)):
        lo, hi = KM[prec]
        if not lo <= km <= hi:
            problems.append(("precision_km", f"{km} km is outside {lo}–{hi} km for precision {prec!r}"))
    if prec == "exact" and "wiki" in str(p.get("precision_note", "")).lower() \
            and "agrees with" not in str(p.get("precision_note", "")).lower():
        problems.append(("precision", "an exact point resting only on Wikipedia must be 'approximate'"))
    return [f"{where} ({p.get('id')!r}), field {k!r}: {m}" for k, m in problems]


def merge():
    base = json.loads(TARGET.read_text(encoding="utf-8"))
    features = base["features"]
    index = {f["properties"]["id"]: i for i, f in enumerate(features)}
    errors = []
    for path in sorted(ADDITIONS.glob("*.json")):
        incoming = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(incoming, list):
            sys.exit(f"{path.relative_to(ROOT)}: expected a JSON array of features")
        for n, f in enumerate(incoming):
            where = f"{path.relative_to(ROOT)}, feature {n}"
            errors += review(where, f)
            pid = f.get("properties", {}).get("id")
            if pid in index:
                features[index[pid]] = f
            else:
                index[pid] = len(features)
                features.append(f)
    # One record per site: no two records with the same normalised name.
    seen = {}
    for f in features:
        key = norm(f["properties"]["name"])
        if key in seen:
            errors.append(f"deposits: {f['properties']['id']!r} has the same site name as {seen[key]!r} ({key!r})")
        seen.setdefault(key, f["properties"]["id"])
    if errors:
        sys.exit("\n".join(["merge refused:"] + errors))
    return json.dumps(base, indent=2, ensure_ascii=False) + "\n"


def main():
    out = merge()
    if "--check" in sys.argv[1:]:
        if TARGET.read_text(encoding="utf-8") != out:
            sys.exit("public/data/deposits.geojson differs from the merge of data/additions; run scripts/merge-deposits.py")
        print("deposits.geojson is up to date with data/additions")
        return
    TARGET.write_text(out, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(json.loads(out)['features'])} deposits")


if __name__ == "__main__":
    main()
