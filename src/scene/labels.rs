//! Greedy label placement: labels are tried in priority order, each at a few
//! candidate positions, and kept only where they overlap nothing placed.

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
}

/// Rough text width for a sans-serif face: good enough to avoid overlaps.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().map(|c| if c.is_uppercase() { 0.68 } else { 0.56 }).sum::<f64>() * font_px
}

/// Width of a focus-country label: upper case, letter-spaced about 1.2 px a character.
pub fn spaced_label_width(text: &str, font_px: f64) -> f64 {
    text_width(text, font_px) + 1.2 * text.chars().count() as f64
}

/// Place labels. `candidates[i]` lists label `i`'s possible boxes, best
/// first; labels are tried in the given order (highest priority first).
/// Returns, for each label, the chosen box or `None`. `blocked` boxes
/// (markers, the legend) are avoided too.
pub fn place(candidates: &[Vec<Rect>], blocked: &[Rect], viewport: (f64, f64)) -> Vec<Option<Rect>> {
    let mut placed: Vec<Rect> = Vec::new();
    candidates
        .iter()
        .map(|opts| {
            let pick = opts.iter().copied().find(|r| {
                r.inside(viewport.0, viewport.1)
                    && !placed.iter().any(|p| p.overlaps(r))
                    && !blocked.iter().any(|b| b.overlaps(r))
            });
            if let Some(r) = pick {
                placed.push(r);
            }
            pick
        })
        .collect()
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
}
