//! Geometry in the layer files: GeoJSON geometry objects read into `geo`
//! types, and TopoJSON (shared arcs, quantised, delta-encoded integers; see
//! the TopoJSON specification) decoded to GeoJSON features, so a basemap
//! written either way goes through the same parser and validator.

use super::json::{Map, Value};
use geo::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon};

/// A GeoJSON position: `[x, y]` or `[x, y, z]` (z ignored).
fn position(v: &Value) -> Result<Coord<f64>, String> {
    match v.as_array().map(Vec::as_slice) {
        Some([x, y, rest @ ..]) if rest.len() <= 1 => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => Ok(Coord { x, y }),
            _ => Err("a position must be [longitude, latitude] numbers".into()),
        },
        _ => Err("a position must be [longitude, latitude]".into()),
    }
}

fn list<'v, 'a>(v: &'v Value<'a>, what: &str) -> Result<&'v [Value<'a>], String> {
    v.as_array().map(Vec::as_slice).ok_or_else(|| format!("{what} must be a list"))
}

fn ring(v: &Value) -> Result<LineString<f64>, String> {
    Ok(LineString::new(list(v, "a ring")?.iter().map(position).collect::<Result<_, _>>()?))
}

fn polygon(v: &Value) -> Result<Polygon<f64>, String> {
    let rings = list(v, "a polygon")?;
    let (outer, holes) = rings.split_first().ok_or("a polygon needs an outer ring")?;
    Ok(Polygon::new(ring(outer)?, holes.iter().map(ring).collect::<Result<_, _>>()?))
}

/// The types GeoJSON defines that the atlas does not draw.
const OTHER_TYPES: &[&str] = &["MultiPoint", "GeometryCollection"];

/// A GeoJSON geometry object as a `geo` geometry. `Ok(None)`: a valid
/// GeoJSON type that no layer uses (the caller names what it expected).
pub fn from_geojson(g: &Value) -> Result<Option<Geometry<f64>>, String> {
    let kind = g.get("type").and_then(Value::as_str).ok_or("missing \"type\"")?;
    let coords = || g.get("coordinates").ok_or("missing \"coordinates\"");
    Ok(Some(match kind {
        "Point" => Geometry::Point(Point(position(coords()?)?)),
        "Polygon" => Geometry::Polygon(polygon(coords()?)?),
        // Lines: the rivers layer.
        "LineString" => Geometry::LineString(ring(coords()?)?),
        "MultiLineString" => Geometry::MultiLineString(MultiLineString::new(
            list(coords()?, "a MultiLineString")?.iter().map(ring).collect::<Result<_, _>>()?,
        )),
        "MultiPolygon" => Geometry::MultiPolygon(MultiPolygon::new(
            list(coords()?, "a MultiPolygon")?.iter().map(polygon).collect::<Result<_, _>>()?,
        )),
        k if OTHER_TYPES.contains(&k) => return Ok(None),
        k => return Err(format!("unknown type \"{k}\"")),
    }))
}

fn number(v: f64) -> Value<'static> {
    Value::from(v)
}

/// `scale` and `translate` of a quantised topology.
type Transform = Option<([f64; 2], [f64; 2])>;

fn transform(topo: &Value) -> Result<Transform, String> {
    let pair = |v: Option<&Value>| -> Option<[f64; 2]> {
        match v?.as_array()?.as_slice() {
            [a, b] => Some([a.as_f64()?, b.as_f64()?]),
            _ => None,
        }
    };
    match topo.get("transform") {
        None | Some(Value::Null) => Ok(None),
        Some(t) => pair(t.get("scale"))
            .zip(pair(t.get("translate")))
            .map(Some)
            .ok_or_else(|| "\"transform\" needs \"scale\" and \"translate\", each [x, y]".into()),
    }
}

/// The arcs of a topology, decoded to positions (dequantised when the
/// topology has a `transform`).
fn arcs(topo: &Value, transform: Transform) -> Result<Vec<Vec<[f64; 2]>>, String> {
    let arcs = topo.get("arcs").and_then(Value::as_array).ok_or("missing \"arcs\" list")?;
    arcs.iter()
        .enumerate()
        .map(|(i, arc)| {
            let mut at = [0.0, 0.0];
            let arc = arc.as_array().ok_or_else(|| format!("arcs[{i}] is not a list"))?;
            arc.iter()
                .map(|p| {
                    let p = position(p).map_err(|e| format!("arcs[{i}]: {e}"))?;
                    Ok(match transform {
                        // Quantised arcs are delta-encoded: each position is the step from the previous one.
                        Some(([sx, sy], [tx, ty])) => {
                            at = [at[0] + p.x, at[1] + p.y];
                            [at[0] * sx + tx, at[1] * sy + ty]
                        }
                        None => [p.x, p.y],
                    })
                })
                .collect()
        })
        .collect()
}

/// A line made of arcs (negative index `!i` = arc `i` reversed); each arc
/// after the first starts where the previous one ended, so its first
/// position is dropped.
fn stitch(arcs: &[Vec<[f64; 2]>], indices: &Value) -> Result<Value<'static>, String> {
    let mut line: Vec<[f64; 2]> = Vec::new();
    for i in indices.as_array().ok_or("arc indices must be a list")? {
        let i = match i {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
        .ok_or("an arc index must be a whole number")?;
        let arc = arcs.get(if i < 0 { !i } else { i } as usize).ok_or_else(|| format!("arc {i} does not exist"))?;
        let skip = usize::from(!line.is_empty());
        if i < 0 {
            line.extend(arc.iter().rev().skip(skip));
        } else {
            line.extend(arc.iter().skip(skip));
        }
    }
    Ok(Value::Array(line.into_iter().map(|[x, y]| Value::Array(vec![number(x), number(y)])).collect()))
}

fn nested(
    v: &Value,
    depth: usize,
    leaf: &dyn Fn(&Value) -> Result<Value<'static>, String>,
) -> Result<Value<'static>, String> {
    if depth == 0 {
        return leaf(v);
    }
    let items = v.as_array().ok_or("\"arcs\" is not nested as its type needs")?;
    Ok(Value::Array(items.iter().map(|x| nested(x, depth - 1, leaf)).collect::<Result<_, _>>()?))
}

/// One TopoJSON geometry object as a GeoJSON geometry.
fn geometry(arcs: &[Vec<[f64; 2]>], g: &Value, scale: Transform) -> Result<Value<'static>, String> {
    let Some(kind) = g.get("type").and_then(Value::as_str) else {
        return Ok(Value::Null);
    };
    let arc_depth = match kind {
        "LineString" => 0,
        "Polygon" | "MultiLineString" => 1,
        "MultiPolygon" => 2,
        "Point" | "MultiPoint" => {
            let point = |p: &Value| -> Result<Value<'static>, String> {
                let c = position(p)?;
                let [x, y] = match scale {
                    Some(([sx, sy], [tx, ty])) => [c.x * sx + tx, c.y * sy + ty],
                    None => [c.x, c.y],
                };
                Ok(Value::Array(vec![number(x), number(y)]))
            };
            let coords = g.get("coordinates").ok_or("missing \"coordinates\"")?;
            let coords = nested(coords, usize::from(kind == "MultiPoint"), &point)?;
            return Ok(object(vec![("type", Value::String(kind.to_string().into())), ("coordinates", coords)]));
        }
        _ => return Err(format!("unknown type \"{kind}\"")),
    };
    let a = g.get("arcs").ok_or("missing \"arcs\"")?;
    let coords = nested(a, arc_depth, &|line| stitch(arcs, line))?;
    Ok(object(vec![("type", Value::String(kind.to_string().into())), ("coordinates", coords)]))
}

fn object<'a>(pairs: Vec<(&'static str, Value<'a>)>) -> Value<'a> {
    Value::Object(Map::from(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect::<Vec<_>>()))
}

/// Is this a TopoJSON file (`"type": "Topology"`)?
pub fn is_topology(root: &Value) -> bool {
    root.get("type").and_then(Value::as_str) == Some("Topology")
}

/// The features of one object of a topology, as GeoJSON `Feature`s in
/// file order: the object named `name`, or the only object. A geometry
/// whose arcs cannot be decoded comes back with its error (the feature
/// then has no geometry), so the caller can name it and keep the rest.
pub fn features<'a>(topo: &Value<'a>, name: &str) -> Result<Vec<(Value<'a>, Option<String>)>, String> {
    let Some(Value::Object(objects)) = topo.get("objects") else {
        return Err("a TopoJSON Topology needs an \"objects\" object".into());
    };
    let only = match objects.len() {
        1 => objects.first(),
        _ => None,
    };
    let layer = objects
        .get(name)
        .or(only)
        .ok_or_else(|| format!("the Topology has no object named \"{name}\" (and more than one object)"))?;
    let scale = transform(topo)?;
    let arcs = arcs(topo, scale)?;
    let geometries = match layer.get("type").and_then(Value::as_str) {
        Some("GeometryCollection") => layer
            .get("geometries")
            .and_then(Value::as_array)
            .ok_or("a GeometryCollection needs \"geometries\"")?
            .as_slice(),
        _ => std::slice::from_ref(layer),
    };
    Ok(geometries
        .iter()
        .map(|g| {
            let (geometry, error) = match geometry(&arcs, g, scale) {
                Ok(v) => (v, None),
                Err(e) => (Value::Null, Some(e)),
            };
            let mut f = vec![("type", Value::String("Feature".into())), ("geometry", geometry)];
            f.push(("properties", g.get("properties").cloned().unwrap_or(Value::Object(Map::default()))));
            if let Some(id) = g.get("id") {
                f.push(("id", id.clone()));
            }
            (object(f), error)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::json::from_str;

    /// Two unit squares side by side sharing the edge x = 1 (arc 1), quantised
    /// with scale 0.5 and translate (10, 20): positions are (10 + x/2, 20 + y/2).
    const TOPO: &str = r#"{"type":"Topology",
      "transform":{"scale":[0.5,0.5],"translate":[10,20]},
      "objects":{"boxes":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","id":"A","properties":{"name":"a"},"arcs":[[0,1]]},
        {"type":"MultiPolygon","properties":{"name":"b"},"arcs":[[[-2,2]]]},
        {"type":"Point","properties":{"name":"p"},"coordinates":[4,2]},
        {"type":"Polygon","properties":{"name":"bad"},"arcs":[[7]]},
        {"type":null,"properties":{"name":"none"}}]}},
      "arcs":[[[2,2],[-2,0],[0,-2],[2,0]], [[2,0],[0,2]], [[2,0],[2,0],[0,2],[-2,0]]]}"#;

    fn coords(f: &Value) -> Vec<[f64; 2]> {
        let g = from_geojson(f.get("geometry").unwrap()).unwrap().unwrap();
        use geo::CoordsIter;
        g.coords_iter().map(|c| [c.x, c.y]).collect()
    }

    #[test]
    fn quantised_delta_encoded_arcs_are_decoded_and_shared_edges_stitched() {
        let topo = from_str(TOPO).unwrap();
        assert!(is_topology(&topo));
        let f = features(&topo, "boxes").unwrap();
        assert_eq!(f.len(), 5);
        // A: arc 0 (top, left, bottom edges of the left square) then arc 1 (the shared edge, upwards).
        assert_eq!(coords(&f[0].0), [[11.0, 21.0], [10.0, 21.0], [10.0, 20.0], [11.0, 20.0], [11.0, 21.0]]);
        assert_eq!(f[0].0.get("id").and_then(Value::as_str), Some("A"));
        assert_eq!(f[0].0.get("properties").and_then(|p| p.get("name")).and_then(Value::as_str), Some("a"));
        // B: arc 1 reversed (the shared edge downwards), then arc 2 without its first position.
        assert_eq!(coords(&f[1].0), [[11.0, 21.0], [11.0, 20.0], [12.0, 20.0], [12.0, 21.0], [11.0, 21.0]]);
        // Points are quantised but not delta-encoded.
        assert_eq!(coords(&f[2].0), [[12.0, 21.0]]);
        assert_eq!(f[3].1.as_deref(), Some("arc 7 does not exist"));
        assert!(f[4].0.get("geometry").unwrap().is_null());
    }

    #[test]
    fn the_only_object_is_used_whatever_its_name_and_a_missing_one_is_named() {
        let topo = from_str(TOPO).unwrap();
        assert_eq!(features(&topo, "countries").unwrap().len(), 5);
        let two =
            TOPO.replace(r#""objects":{"#, r#""objects":{"other":{"type":"GeometryCollection","geometries":[]},"#);
        assert!(features(&from_str(&two).unwrap(), "countries").unwrap_err().contains("no object named \"countries\""));
    }

    #[test]
    fn geojson_geometry_errors_are_named() {
        for (g, what) in [
            (r#"{"type":"Point","coordinates":[1]}"#, "position"),
            (r#"{"type":"Polygon","coordinates":[]}"#, "outer ring"),
            (r#"{"type":"Polygon"}"#, "missing \"coordinates\""),
            (r#"{"type":"Circle","coordinates":[0,0]}"#, "unknown type \"Circle\""),
        ] {
            assert!(from_geojson(&from_str(g).unwrap()).unwrap_err().contains(what), "{g}");
        }
        // Lines are read (the rivers layer); a type no layer draws gives None.
        assert!(matches!(
            from_geojson(&from_str(r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#).unwrap()),
            Ok(Some(Geometry::LineString(_)))
        ));
        assert_eq!(from_geojson(&from_str(r#"{"type":"MultiPoint","coordinates":[[0,0]]}"#).unwrap()), Ok(None));
    }
}
