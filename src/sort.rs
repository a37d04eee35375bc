//! One stable sort for the whole app.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every
//! call site with its own closure gets its own copy of the standard
//! library's driftsort (quicksort, merge, small-sort: 3–5 KB of wasm each;
//! about 68 KB of sort code in all before this module). Here the sorting
//! itself is done once, on `u32` positions with a `dyn` comparison, and
//! each call site keeps only a small permutation step. Stable, like
//! `sort_by`: equal elements keep their order.
//!
//! For a sort that runs on every frame at 100,000 deposits (the in-view
//! list), the direct `sort_unstable_by` stays: a `dyn` call per comparison
//! costs time there.
//!
//! ```
//! let mut v = vec![("b", 2), ("a", 1), ("c", 1)];
//! atlas::sort::by_key(&mut v, |x| x.1);
//! assert_eq!(v, [("a", 1), ("c", 1), ("b", 2)]);
//! ```

use std::cmp::Ordering;

/// Sort `v` stably by `cmp`.
pub fn by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(v.len(), &|a, b| cmp(&v[a as usize], &v[b as usize]));
    permute(v, order);
}

/// Sort `v` stably by a key.
pub fn by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)))
}

/// `0..n` in the order `cmp` gives: the one instantiation of the sort.
fn positions(n: usize, cmp: &dyn Fn(u32, u32) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Put `v[order[k]]` at position `k`, following each cycle of the permutation.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] as usize != start {
            let from = order[at] as usize;
            v.swap(at, from);
            order[at] = at as u32;
            at = from;
        }
        order[at] = at as u32;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn it_sorts_as_the_standard_stable_sort_does() {
        let mut x: u64 = 7;
        for n in [0usize, 1, 2, 3, 10, 100, 1000] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((x >> 60) as u8, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|e| e.0);
            let mut got = v.clone();
            super::by_key(&mut got, |e| e.0);
            assert_eq!(got, want, "n = {n}");
            let mut rev = v;
            super::by(&mut rev, |a, b| b.0.cmp(&a.0));
            want.sort_by_key(|e| std::cmp::Reverse(e.0));
            assert_eq!(rev, want, "descending, n = {n}");
        }
    }
}
