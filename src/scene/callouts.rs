//! Text that speaks for the map without a hover: the amount at each arrow
//! ("$17.2bn", what its width shows) and the manifest's pinned notes. This
//! module only proposes candidate boxes; `frame::map_labels` places them in
//! the one label step, above deposit names, so nothing overlaps.

use super::labels::{Rect, text_width};
use super::shapes::{FlowShape, TextLabel};
use super::style::{self, PathStyle, TextStyle};
use crate::decimal::fixed;
use crate::flows::arrow::Arrow;
use crate::format::usd;
use crate::i18n::Lang;

/// Where along an arrow (share of its body, tail to head) an amount may
/// sit, best first: the middle, either side of it, then towards the head
/// and the tail (a crowded middle, where arrows from one capital run side
/// by side, still leaves a free spot near one end).
const ALONG: [f64; 17] = [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.9, 0.1];
/// Gap between an arrow's edge and its amount, px.
const GAP: f64 = 2.5;

/// An arrow's amount and where it may go.
pub struct AmountDraft {
    /// The arrow's `data-flow` key.
    pub key: String,
    pub text: String,
    pub candidates: Vec<Rect>,
}

/// The amount of each arrow that has a disclosed one (the counted total
/// its width shows, in the reader's language), with candidate boxes on the
/// arrow's own body, then beside it — never on another arrow.
/// An arrow with no disclosed amount gets no number.
pub fn amount_drafts(flows: &[FlowShape], lang: Lang) -> Vec<AmountDraft> {
    let st = style::amount_label();
    let h = st.size + 3.0;
    let mut drafts: Vec<AmountDraft> = flows
        .iter()
        .filter(|f| f.flow.group.total_usd > 0.0)
        .map(|f| {
            let text = usd(f.flow.group.total_usd, lang);
            let w = amount_width(&text, st.size);
            let a = &f.flow.outer;
            let mut beside = Vec::new();
            let mut on = Vec::new();
            for t in ALONG {
                let Some((c, n, half)) = at_share(a, t) else { continue };
                // How far the box reaches along the normal from its centre.
                let reach = (n[0] * w / 2.0).abs() + (n[1] * h / 2.0).abs();
                for s in [1.0, -1.0] {
                    let d = s * (half + GAP + reach);
                    beside.push(Rect::centered([c[0] + n[0] * d, c[1] + n[1] * d], w, h));
                }
                on.push(Rect::centered(c, w, h));
            }
            // Then one and two label heights farther out, still close enough to read as this arrow's.
            for (t, out) in ALONG.iter().map(|&t| (t, h)).chain(ALONG.iter().map(|&t| (t, 2.0 * h))) {
                let Some((c, n, half)) = at_share(a, t) else { continue };
                let reach = (n[0] * w / 2.0).abs() + (n[1] * h / 2.0).abs();
                for s in [1.0, -1.0] {
                    let d = s * (half + GAP + reach + out);
                    beside.push(Rect::centered([c[0] + n[0] * d, c[1] + n[1] * d], w, h));
                }
            }
            // On the arrow's own body first (the halo breaks the line, so
            // the figure reads as the arrow's), then beside it.
            let candidates = on
                .into_iter()
                .chain(beside)
                .filter(|r| flows.iter().filter(|o| o.key != f.key).all(|o| !covers(r, &o.flow.outer)))
                .collect();
            AmountDraft { key: f.key.clone(), text, candidates }
        })
        .collect();
    // The arrow with the fewest free spots chooses first, so a roomier one
    // does not take the only spot a crowded one had.
    crate::sort::by_key(&mut drafts, |d| d.candidates.len());
    drafts
}

/// The box width of an amount: `text_width` is a regular face's estimate,
/// and the amount is bold (about a quarter wider, digits and the wide "m"
/// most) with a 1.5 px halo each side, so the box is measured generously:
/// a label that is drawn wider than its box could touch its neighbour.
fn amount_width(text: &str, px: f64) -> f64 {
    text_width(text, px) * 1.25 + 4.0
}

/// The centre line point at share `t` of the body, its unit normal and the half-width there.
fn at_share(a: &Arrow, t: f64) -> Option<([f64; 2], [f64; 2], f64)> {
    let s = a.spine();
    if s.len() < 2 {
        return None;
    }
    let i = ((t * (s.len() - 1) as f64).round() as usize).clamp(1, s.len() - 1);
    let (p, q) = (s[i - 1].0, s[i].0);
    let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
    let l = dx.hypot(dy);
    if l < 1e-9 {
        return None;
    }
    Some(([(p[0] + q[0]) / 2.0, (p[1] + q[1]) / 2.0], [-dy / l, dx / l], (s[i - 1].1 + s[i].1) / 2.0))
}

/// Does the box cover any painted part of the arrow? The body is tested as
/// the band around its centre line (sampled every few pixels), the head by
/// its outline's points and the box's corners.
pub fn covers(r: &Rect, a: &Arrow) -> bool {
    let b = a.bounds();
    if b[0] > r.x + r.w || b[2] < r.x || b[1] > r.y + r.h || b[3] < r.y {
        return false;
    }
    // Is `p` within `reach` of the box? Squared distances: this runs for
    // every candidate box at every sample of every arrow, on each frame.
    let near = |p: [f64; 2], reach: f64| {
        let dx = (r.x - p[0]).max(p[0] - r.x - r.w).max(0.0);
        let dy = (r.y - p[1]).max(p[1] - r.y - r.h).max(0.0);
        reach >= 0.0 && dx * dx + dy * dy <= reach * reach
    };
    let body = a.spine().windows(2).any(|w| {
        let ((p, hp), (q, hq)) = (w[0], w[1]);
        let steps = ((q[0] - p[0]).hypot(q[1] - p[1]) / 2.0).ceil().max(1.0) as usize;
        (0..=steps).any(|k| {
            let u = k as f64 / steps as f64;
            near([p[0] + (q[0] - p[0]) * u, p[1] + (q[1] - p[1]) * u], hp + (hq - hp) * u)
        })
    });
    let corners = [[r.x, r.y], [r.x + r.w, r.y], [r.x, r.y + r.h], [r.x + r.w, r.y + r.h], r.center()];
    body || a.outline.iter().any(|&p| near(p, 0.0)) || corners.iter().any(|&p| a.contains(p))
}

/// A pinned note: its lines (each centred at its own point), the leader
/// line from the text to the anchor, and a dot when the anchor is a point
/// rather than a deposit marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Position in the manifest's `annotations` list (the `data-annotation` hook),
    /// so a note keeps its number when an earlier one is dropped.
    pub index: usize,
    pub lines: Vec<TextLabel>,
    /// `M x y L x y`.
    pub leader_d: String,
    pub leader: PathStyle,
    pub dot: Option<([f64; 2], f64, PathStyle)>,
}

/// Characters a note's line holds before it wraps.
const NOTE_LINE_CHARS: usize = 28;

/// The text in lines of at most [`NOTE_LINE_CHARS`] characters, split at spaces
/// (a longer word gets a line of its own).
pub fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= NOTE_LINE_CHARS => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// A note before placement.
pub struct NoteDraft {
    pub index: usize,
    pub lines: Vec<String>,
    pub anchor: [f64; 2],
    pub on_point: bool,
    pub candidates: Vec<Rect>,
}

pub fn note_style() -> TextStyle {
    style::note_label()
}

fn line_h() -> f64 {
    note_style().size + 3.0
}

/// Candidate boxes around the anchor: diagonally off each corner, near
/// then farther, so the leader line stays short.
pub fn note_draft(index: usize, text: &str, anchor: [f64; 2], on_point: bool) -> NoteDraft {
    let lines = wrap(text);
    let st = note_style();
    let w = lines.iter().map(|l| text_width(l, st.size)).fold(0.0, f64::max) + 4.0;
    let h = lines.len() as f64 * line_h() + 2.0;
    let [x, y] = anchor;
    let mut candidates = Vec::new();
    for d in [14.0, 30.0, 52.0] {
        candidates.push(Rect { x: x + d, y: y - d - h, w, h });
        candidates.push(Rect { x: x - d - w, y: y - d - h, w, h });
        candidates.push(Rect { x: x + d, y: y + d, w, h });
        candidates.push(Rect { x: x - d - w, y: y + d, w, h });
    }
    NoteDraft { index, lines, anchor, on_point, candidates }
}

/// The note drawn in the box `r` that placement chose.
pub fn note_at(d: NoteDraft, r: Rect) -> Note {
    let st = note_style();
    let lh = line_h();
    let lines = d
        .lines
        .into_iter()
        .enumerate()
        .map(|(k, text)| TextLabel {
            key: d.index.to_string(),
            focus: false,
            text,
            at: [r.x + r.w / 2.0, r.y + 1.0 + lh * (k as f64 + 0.5)],
            style: st.clone(),
        })
        .collect();
    // From the box's nearest point to (just short of) the anchor.
    let [ax, ay] = d.anchor;
    // max/min rather than clamp: no panic, and no float formatting for its message.
    let near = [ax.max(r.x).min(r.x + r.w), ay.max(r.y).min(r.y + r.h)];
    let (dx, dy) = (ax - near[0], ay - near[1]);
    let l = dx.hypot(dy).max(1e-9);
    let stop = if d.on_point { 3.0 } else { 6.0 };
    let end = if l > stop { [ax - dx / l * stop, ay - dy / l * stop] } else { d.anchor };
    Note {
        index: d.index,
        lines,
        leader_d: format!("M{} {}L{} {}", fixed(near[0], 1), fixed(near[1], 1), fixed(end[0], 1), fixed(end[1], 1)),
        leader: style::note_leader(),
        dot: d.on_point.then(|| (d.anchor, 2.5, style::note_dot())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_note_wraps_at_spaces_and_keeps_every_word() {
        let t = "Chinese lenders financed the smelter expansion in 2021, according to the operator's annual report";
        let lines = wrap(t);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.chars().count() <= NOTE_LINE_CHARS));
        assert_eq!(lines.join(" "), t);
    }
}
