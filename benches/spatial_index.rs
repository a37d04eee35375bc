//! R-tree vs linear scan for the two questions every pointer event and
//! every view change asks: "nearest deposit within a few pixels" and "what
//! is in view". `make bench` runs it; the numbers go in the README.

use atlas::spatial::DepositIndex;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::hint::black_box;

fn points(n: usize) -> Vec<[f64; 2]> {
    let mut rng = StdRng::seed_from_u64(42);
    (0..n).map(|_| [rng.random_range(-1.0..1.0), rng.random_range(-1.0..1.0)]).collect()
}

fn linear_nearest_within(pts: &[[f64; 2]], q: [f64; 2], r: f64) -> Option<usize> {
    let mut best = None;
    let mut best_d = r * r;
    for (i, p) in pts.iter().enumerate() {
        let d = (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2);
        if d <= best_d {
            best_d = d;
            best = Some(i);
        }
    }
    best
}

fn linear_in_rect(pts: &[[f64; 2]], r: [f64; 4]) -> usize {
    pts.iter().filter(|p| p[0] >= r[0] && p[0] <= r[2] && p[1] >= r[1] && p[1] <= r[3]).count()
}

/// A zoomed-in view: 5% of the extent each way.
const VIEW: [f64; 4] = [0.2, 0.2, 0.3, 0.3];

/// Before timing anything: the R-tree must give the linear scan's answers,
/// or the comparison is meaningless.
fn check_same_answers(idx: &DepositIndex, pts: &[[f64; 2]], queries: &[[f64; 2]], r: f64, rect: [f64; 4]) {
    let mut hits = 0;
    for &q in queries {
        let (tree, scan) = (idx.nearest_within(q, r), linear_nearest_within(pts, q, r));
        assert_eq!(tree, scan, "nearest within {r} of {q:?} among {} points", pts.len());
        hits += usize::from(scan.is_some());
    }
    assert!(hits > 0, "no query found a point: the check proved nothing");
    let mut tree: Vec<usize> = idx.in_rect(rect).collect();
    tree.sort_unstable();
    let scan: Vec<usize> =
        (0..pts.len()).filter(|&i| linear_in_rect(std::slice::from_ref(&pts[i]), rect) == 1).collect();
    assert!(!scan.is_empty());
    assert_eq!(tree, scan, "points in {rect:?} among {}", pts.len());
}

fn bench(c: &mut Criterion) {
    let queries = points(256).into_iter().map(|p| [p[0] * 0.9, p[1] * 0.9]).collect::<Vec<_>>();
    let mut g = c.benchmark_group("nearest_within");
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        let pts = points(n);
        let idx = DepositIndex::new(pts.iter().copied().enumerate());
        let r = 0.01;
        check_same_answers(&idx, &pts, &queries, r, VIEW);
        g.bench_with_input(BenchmarkId::new("rtree", n), &n, |b, _| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % queries.len();
                black_box(idx.nearest_within(queries[i], r))
            })
        });
        g.bench_with_input(BenchmarkId::new("linear", n), &n, |b, _| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % queries.len();
                black_box(linear_nearest_within(&pts, queries[i], r))
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("in_view");
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        let pts = points(n);
        let idx = DepositIndex::new(pts.iter().copied().enumerate());
        let rect = VIEW;
        g.bench_with_input(BenchmarkId::new("rtree", n), &n, |b, _| b.iter(|| black_box(idx.in_rect(rect).count())));
        g.bench_with_input(BenchmarkId::new("linear", n), &n, |b, _| b.iter(|| black_box(linear_in_rect(&pts, rect))));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
