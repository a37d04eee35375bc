//! Clusters of deposits when zoomed out.
//!
//! The deposits in view come from the R-tree (`DepositIndex::in_rect`); they
//! are bucketed into a grid anchored to the *plane*, whose cell is
//! [`CELL_PX`] pixels at the zoom level (zoom rounded down to a power of
//! two). A cell holding at least [`MIN_POINTS`] deposits becomes one
//! counted cluster at their mean position, coloured by their most common
//! commodity group; the others stay single markers. Because the grid is
//! fixed to the plane, panning never regroups anything; because each level's
//! cells are exact halves of the level below, zooming in only ever splits a
//! cluster, never merges two. One pass, O(deposits in view).
//!
//! Why not a crate: `supercluster` 3.x (the Rust port of Mapbox's) takes a
//! geojson 0.24 `Feature` with a property map per point (100k heap objects,
//! a second geojson major version in the wasm) and works in Web Mercator
//! tiles, while this map is Albers; 4.x needs Rust 1.96. The R-tree is
//! already here.

use crate::data::commodity::Group;

/// Fewer deposits in view than this: every deposit is its own marker.
pub const CLUSTER_MIN_IN_VIEW: usize = 1000;
/// Cell size on screen at the zoom level's own scale, in pixels.
pub const CELL_PX: f64 = 48.0;
/// A cell with at least this many deposits becomes a cluster.
pub const MIN_POINTS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct PlaneCluster {
    /// Deposit indices, ascending.
    pub members: Vec<usize>,
    /// Mean position (plane).
    pub centre: [f64; 2],
    pub group: Group,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grouping {
    /// Deposits drawn on their own, in input order.
    pub singles: Vec<usize>,
    /// Ordered by grid cell (row, then column), so the result is stable.
    pub clusters: Vec<PlaneCluster>,
}

/// The zoom level for `zoom` (view scale over the fitted scale): ⌊log₂ zoom⌋.
pub fn level(zoom: f64) -> i32 {
    zoom.max(1e-6).log2().floor() as i32
}

/// Group `points` (deposit, plane position) for a view at `zoom` times the
/// fitted scale `base_k`. `group_of` gives a deposit's colour group.
pub fn group(points: &[(usize, [f64; 2])], base_k: f64, zoom: f64, group_of: impl Fn(usize) -> Group) -> Grouping {
    let cell = CELL_PX / (base_k * 2f64.powi(level(zoom)));
    // One number per point: cell row, cell column, deposit, position in
    // `points`, 32 bits each, so sorting compares integers: one pass then
    // groups each cell's deposits in deposit order, whatever order the query
    // gave them in. (Rows and columns are offset into u32; a view never
    // spans 2³¹ cells.)
    let cell_of = |v: f64| ((v / cell).floor() as i32 as u32 ^ 0x8000_0000) as u128;
    let mut keyed: Vec<u128> = points
        .iter()
        .enumerate()
        .map(|(n, &(i, p))| cell_of(p[1]) << 96 | cell_of(p[0]) << 64 | (i as u32 as u128) << 32 | n as u32 as u128)
        .collect();
    keyed.sort_unstable();
    let deposit = |k: u128| (k >> 32) as u32 as usize;
    let mut clustered = vec![false; points.len()];
    let mut clusters = Vec::new();
    for run in keyed.chunk_by(|a, b| a >> 64 == b >> 64) {
        if run.len() < MIN_POINTS {
            continue;
        }
        let mut counts = [0usize; Group::ALL.len()];
        let mut c = [0.0, 0.0];
        for &k in run {
            let n = k as u32 as usize;
            clustered[n] = true;
            let p = points[n].1;
            if let Some(g) = Group::ALL.iter().position(|&g| g == group_of(deposit(k))) {
                counts[g] += 1;
            }
            c = [c[0] + p[0], c[1] + p[1]];
        }
        let len = run.len() as f64;
        // The most common group; ties go to the earlier group in the legend.
        let best = (0..counts.len()).fold(0, |b, g| if counts[g] > counts[b] { g } else { b });
        clusters.push(PlaneCluster {
            members: run.iter().map(|&k| deposit(k)).collect(),
            centre: [c[0] / len, c[1] / len],
            group: Group::ALL[best],
        });
    }
    let singles = points.iter().zip(&clustered).filter(|(_, c)| !**c).map(|(p, _)| p.0).collect();
    Grouping { singles, clusters }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn points(n: usize, seed: u64) -> Vec<(usize, [f64; 2])> {
        let mut s = seed;
        let mut r = || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n).map(|i| (i, [r() * 0.4 - 0.2, r() * 0.3 - 0.15])).collect()
    }

    const BASE_K: f64 = 2500.0;

    fn group_of(i: usize) -> Group {
        Group::ALL[i % 3]
    }

    #[test]
    fn every_deposit_is_drawn_exactly_once_as_a_single_or_in_a_cluster() {
        let pts = points(5000, 1);
        for zoom in [0.6, 1.0, 3.0, 10.0] {
            let g = group(&pts, BASE_K, zoom, group_of);
            let mut seen: Vec<usize> = g.singles.clone();
            for c in &g.clusters {
                assert!(c.members.len() >= MIN_POINTS);
                seen.extend(&c.members);
            }
            seen.sort_unstable();
            assert_eq!(seen, (0..pts.len()).collect::<Vec<_>>(), "zoom {zoom}");
        }
    }

    #[test]
    fn zooming_in_splits_clusters_and_never_merges_them() {
        let pts = points(5000, 2);
        let coarse = group(&pts, BASE_K, 1.0, group_of);
        let mid = group(&pts, BASE_K, 2.0, group_of);
        let fine = group(&pts, BASE_K, 4.0, group_of);
        assert!(mid.clusters.len() > coarse.clusters.len(), "{} vs {}", mid.clusters.len(), coarse.clusters.len());
        assert!(fine.singles.len() > mid.singles.len() && mid.singles.len() >= coarse.singles.len());
        let owner: std::collections::HashMap<usize, usize> =
            coarse.clusters.iter().enumerate().flat_map(|(ci, c)| c.members.iter().map(move |&m| (m, ci))).collect();
        for c in &fine.clusters {
            let parents: BTreeSet<_> = c.members.iter().map(|m| owner.get(m)).collect();
            assert_eq!(parents.len(), 1, "a fine cluster comes from one coarse cluster: {parents:?}");
            assert!(parents.iter().all(Option::is_some));
        }
    }

    #[test]
    fn a_cluster_sits_at_its_members_mean_and_takes_their_most_common_colour() {
        let pts =
            vec![(0, [0.001, 0.001]), (1, [0.002, 0.001]), (2, [0.001, 0.003]), (3, [0.004, 0.003]), (9, [0.3, 0.3])];
        let g = group(&pts, BASE_K, 1.0, |i| if i == 3 { Group::Uranium } else { Group::Copper });
        assert_eq!(g.singles, vec![9]);
        assert_eq!(g.clusters.len(), 1);
        let c = &g.clusters[0];
        assert_eq!(c.members, vec![0, 1, 2, 3]);
        assert!((c.centre[0] - 0.002).abs() < 1e-12 && (c.centre[1] - 0.002).abs() < 1e-12);
        assert_eq!(c.group, Group::Copper);
    }

    #[test]
    fn panning_does_not_regroup() {
        // The same deposits, asked for in a different order (another view's query), group the same.
        let pts = points(3000, 3);
        let mut rev = pts.clone();
        rev.reverse();
        let a = group(&pts, BASE_K, 2.0, group_of);
        let b = group(&rev, BASE_K, 2.0, group_of);
        assert!(a.clusters == b.clusters, "the same clusters whatever the query order");
    }
}
