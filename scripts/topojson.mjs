// TopoJSON → GeoJSON features, for build and test scripts that read the
// basemap (the app and `atlas check` decode it in Rust: src/data/geometry.rs).
// A GeoJSON FeatureCollection is passed through.
//
//   import { features } from "./topojson.mjs";
//   features(JSON.parse(text), "countries") // [{type: "Feature", id, properties, geometry}]
export function features(json, name) {
  if (json.type !== "Topology") return json.features;
  const objects = Object.values(json.objects);
  const object = json.objects[name] ?? (objects.length === 1 ? objects[0] : null);
  if (!object) throw new Error(`topojson.mjs: no object "${name}"`);
  const [sx, sy] = json.transform?.scale ?? [1, 1];
  const [tx, ty] = json.transform?.translate ?? [0, 0];
  const arcs = json.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => (json.transform ? ((x += dx), (y += dy), [x * sx + tx, y * sy + ty]) : [dx, dy]));
  });
  const line = (ids) => {
    const out = [];
    for (const i of ids) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      out.push(...(out.length ? a.slice(1) : a));
    }
    return out;
  };
  const point = ([x, y]) => (json.transform ? [x * sx + tx, y * sy + ty] : [x, y]);
  const geometry = (g) => {
    switch (g.type) {
      case "Point": return { type: g.type, coordinates: point(g.coordinates) };
      case "MultiPoint": return { type: g.type, coordinates: g.coordinates.map(point) };
      case "LineString": return { type: g.type, coordinates: line(g.arcs) };
      case "Polygon": case "MultiLineString": return { type: g.type, coordinates: g.arcs.map(line) };
      case "MultiPolygon": return { type: g.type, coordinates: g.arcs.map((p) => p.map(line)) };
      default: return null;
    }
  };
  const geometries = object.type === "GeometryCollection" ? object.geometries : [object];
  return geometries.map((g) => ({ type: "Feature", id: g.id, properties: g.properties ?? {}, geometry: geometry(g) }));
}
