//! The lon/lat rectangle a region is framed by, and the Albers parameters it
//! is projected with: plain values the projection and the view take, and the
//! manifest (`data::schema`) reads.

use serde::{Deserialize, Serialize};

/// A lon/lat rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds { west: -180.0, south: -90.0, east: 180.0, north: 90.0 }
    }
}

impl Bounds {
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        lon >= self.west && lon <= self.east && lat >= self.south && lat <= self.north
    }
}

/// Albers equal-area conic parameters, in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProjectionSpec {
    pub lon0: f64,
    pub lat0: f64,
    pub lat1: f64,
    pub lat2: f64,
}

impl ProjectionSpec {
    /// Standard parallels at 1/6 and 5/6 of the frame's latitude span (the
    /// usual rule for a conic), centred on the frame; if that straddles the
    /// equator so the cone flattens, parallels at 20° and 50° on the frame's side.
    pub fn fitted(f: Bounds) -> ProjectionSpec {
        let (lon0, lat0) = ((f.west + f.east) / 2.0, (f.south + f.north) / 2.0);
        let span = f.north - f.south;
        let spec = ProjectionSpec { lon0, lat0, lat1: f.south + span / 6.0, lat2: f.north - span / 6.0 };
        if super::Albers::check(spec).is_ok() {
            return spec;
        }
        let side = if lat0 < 0.0 { -1.0 } else { 1.0 };
        ProjectionSpec { lon0, lat0, lat1: 20.0 * side, lat2: 50.0 * side }
    }
}

impl Default for ProjectionSpec {
    fn default() -> Self {
        ProjectionSpec { lon0: 0.0, lat0: 0.0, lat1: 20.0, lat2: 50.0 }
    }
}
