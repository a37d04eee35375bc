//! Greedy label placement: labels are tried in priority order, each at a few
//! candidate positions, and kept only where they overlap nothing placed and
//! no obstacle. Placed boxes and obstacles sit in a uniform grid, so each
//! test looks only at the cells a box touches: the work grows with the
//! number of labels, not its square, and a cap bounds it.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn centered(c: [f64; 2], w: f64, h: f64) -> Rect {
        Rect { x: c[0] - w / 2.0, y: c[1] - h / 2.0, w, h }
    }

    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    pub fn inside(&self, w: f64, h: f64) -> bool {
        self.x >= 0.0 && self.y >= 0.0 && self.x + self.w <= w && self.y + self.h <= h
    }

    pub fn center(&self) -> [f64; 2] {
        [self.x + self.w / 2.0, self.y + self.h / 2.0]
    }
}

/// Rough text width for a sans-serif face: good enough to avoid overlaps.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(em).sum::<f64>() * font_px
}

/// One character's width in ems by `text_width`'s rule.
pub fn em(c: char) -> f64 {
    if c.is_uppercase() { 0.68 } else { 0.56 }
}

/// Width of a focus-country label: upper case, letter-spaced about 1.2 px a character.
pub fn spaced_label_width(text: &str, font_px: f64) -> f64 {
    text_width(text, font_px) + 1.2 * text.chars().count() as f64
}

/// Boxes bucketed in a uniform grid of `cell`-pixel squares.
pub struct Occupancy {
    cell: f64,
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl Occupancy {
    pub fn new(cell: f64) -> Occupancy {
        Occupancy { cell, cells: HashMap::new() }
    }

    fn span(&self, r: &Rect) -> impl Iterator<Item = (i32, i32)> + use<> {
        let c = self.cell;
        let (x0, x1) = ((r.x / c).floor() as i32, ((r.x + r.w) / c).floor() as i32);
        let (y0, y1) = ((r.y / c).floor() as i32, ((r.y + r.h) / c).floor() as i32);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    pub fn insert(&mut self, r: Rect) {
        for k in self.span(&r).collect::<Vec<_>>() {
            self.cells.entry(k).or_default().push(r);
        }
    }

    pub fn hits(&self, r: &Rect) -> bool {
        self.span(r).any(|k| self.cells.get(&k).is_some_and(|v| v.iter().any(|o| o.overlaps(r))))
    }
}

/// Place labels. `candidates[i]` lists label `i`'s possible boxes, best
/// first; labels are tried in the given order (highest priority first).
/// Returns, for each label, the chosen box or `None`. `blocked` boxes
/// (markers, badges, other labels) are avoided too. At most `cap` labels
/// are placed; the rest get `None` without being tried.
pub fn place_capped(candidates: &[Vec<Rect>], blocked: &[Rect], viewport: (f64, f64), cap: usize) -> Vec<Option<Rect>> {
    let mut grid = Occupancy::new(48.0);
    for b in blocked {
        grid.insert(*b);
    }
    let mut placed = 0;
    candidates
        .iter()
        .map(|opts| {
            if placed >= cap {
                return None;
            }
            let pick = opts.iter().copied().find(|r| r.inside(viewport.0, viewport.1) && !grid.hits(r));
            if let Some(r) = pick {
                grid.insert(r);
                placed += 1;
            }
            pick
        })
        .collect()
}

/// [`place_capped`] without a cap.
pub fn place(candidates: &[Vec<Rect>], blocked: &[Rect], viewport: (f64, f64)) -> Vec<Option<Rect>> {
    place_capped(candidates, blocked, viewport, usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placed_labels_never_overlap() {
        let c = |x: f64, y: f64| vec![Rect::centered([x, y], 80.0, 14.0), Rect::centered([x, y + 16.0], 80.0, 14.0)];
        let cands = vec![c(100.0, 100.0), c(120.0, 102.0), c(130.0, 104.0), c(400.0, 100.0)];
        let out = place(&cands, &[], (800.0, 600.0));
        let chosen: Vec<Rect> = out.iter().flatten().copied().collect();
        for i in 0..chosen.len() {
            for j in i + 1..chosen.len() {
                assert!(!chosen[i].overlaps(&chosen[j]));
            }
        }
        assert!(out[0].is_some() && out[3].is_some());
        // The second label moved to its fallback position; the third had no room.
        assert_eq!(out[1], Some(cands[1][1]));
        assert!(out[2].is_none());
    }

    #[test]
    fn labels_stay_in_the_viewport_and_off_blocked_areas() {
        let cands =
            vec![vec![Rect::centered([5.0, 50.0], 40.0, 10.0)], vec![Rect::centered([200.0, 50.0], 40.0, 10.0)]];
        let out = place(&cands, &[Rect { x: 150.0, y: 0.0, w: 100.0, h: 100.0 }], (400.0, 300.0));
        assert_eq!(out, vec![None, None]);
    }

    #[test]
    fn the_grid_finds_every_overlap_a_pairwise_check_finds() {
        // Random boxes of many sizes, some larger than a grid cell.
        let mut seed = 7u64;
        let mut rnd = |m: f64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64 * m
        };
        let boxes: Vec<Rect> =
            (0..400).map(|_| Rect { x: rnd(900.0), y: rnd(700.0), w: 2.0 + rnd(150.0), h: 2.0 + rnd(60.0) }).collect();
        let cands: Vec<Vec<Rect>> = boxes.iter().map(|b| vec![*b]).collect();
        let out = place(&cands, &[], (1200.0, 900.0));
        let mut kept: Vec<Rect> = Vec::new();
        for (b, o) in boxes.iter().zip(&out) {
            let pairwise = b.inside(1200.0, 900.0) && !kept.iter().any(|k| k.overlaps(b));
            assert_eq!(o.is_some(), pairwise, "{b:?}");
            if pairwise {
                kept.push(*b);
            }
        }
        assert!(kept.len() > 20);
    }

    #[test]
    fn the_cap_bounds_how_many_labels_are_placed() {
        let cands: Vec<Vec<Rect>> = (0..100)
            .map(|i| vec![Rect { x: (i % 10) as f64 * 50.0, y: (i / 10) as f64 * 20.0, w: 40.0, h: 12.0 }])
            .collect();
        let out = place_capped(&cands, &[], (1000.0, 1000.0), 30);
        assert_eq!(out.iter().flatten().count(), 30);
        assert!(out[..30].iter().all(Option::is_some));
    }
}
