//! Arrows for a view: each country-level (investor, destination) total
//! becomes one arrow entering from the frame edge in the direction of the
//! investor's capital, tips spread around the destination's label.

use crate::atlas::Atlas;
use crate::flows::arrow::{self, Arrow, ArrowSpec};
use crate::flows::layout::{clamp_within, land};
use crate::flows::route::{Edge, start_point};
use crate::flows::{FlowGroup, WidthScale};
use crate::scene::labels::{em, spaced_label_width};
use crate::spatial::View;

#[derive(Debug, Clone, PartialEq)]
pub struct DrawnFlow {
    pub group: FlowGroup,
    pub color: String,
    /// The whole admitted amount. Hatched unless it is all realized.
    pub outer: Arrow,
    /// The realized part, solid, inside the outer arrow.
    pub inner: Option<Arrow>,
    pub outer_solid: bool,
    /// The drawn width was raised to the minimum (or the amount is undisclosed).
    pub raised_to_min: bool,
    pub edge: Option<Edge>,
}

/// An investor's capital at the frame edge, with a chip for its region-wide
/// and global figures (which are listed, never drawn to scale).
#[derive(Debug, Clone, PartialEq)]
pub struct OriginBadge {
    pub investor: String,
    /// Top-left corner of the badge.
    pub pos: [f64; 2],
    pub edge: Option<Edge>,
    pub text: String,
    pub width: f64,
    /// Key of the investor's region-wide (or global) group, and how many figures it holds.
    pub region: Option<(String, usize)>,
}

pub const BADGE_H: f64 = 20.0;
pub const CHIP_H: f64 = 18.0;

impl OriginBadge {
    pub fn height(&self) -> f64 {
        if self.region.is_some() { BADGE_H + 3.0 + CHIP_H } else { BADGE_H }
    }

    fn rect(&self) -> crate::scene::labels::Rect {
        crate::scene::labels::Rect {
            x: self.pos[0] - 3.0,
            y: self.pos[1] - 3.0,
            w: self.width + 6.0,
            h: self.height() + 6.0,
        }
    }
}

/// Font size of country labels (the arrows land around them).
pub const COUNTRY_LABEL_PX: f64 = 13.0;

/// The frame arrows enter from: the viewport, inset.
pub fn frame_rect(width: f64, height: f64) -> [f64; 4] {
    // At most half the shorter side, so the frame never inverts in a very narrow embed.
    let side = width.min(height);
    let m = if side > 0.0 { (side * 0.03).clamp(8.0, 22.0).min(side / 2.0) } else { 0.0 };
    [m, m, width - m, height - m]
}

/// A view and the size of the map it fills.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub view: View,
    pub width: f64,
    pub height: f64,
}

/// Lay out the country-scope groups for a viewport.
pub fn layout(
    atlas: &Atlas,
    groups: &[FlowGroup],
    vp: Viewport,
    scale: &WidthScale,
    label_of: impl Fn(&str) -> String,
    badge_text: impl Fn(&str) -> String,
) -> (Vec<DrawnFlow>, Vec<OriginBadge>) {
    let Viewport { view, width, height } = vp;
    let rect = frame_rect(width, height);
    let to_screen = |ll: [f64; 2]| view.to_screen(atlas.proj.project(ll[0], ll[1]));
    struct Pending<'a> {
        g: &'a FlowGroup,
        start: [f64; 2],
        edge: Option<Edge>,
        color: String,
        width: f64,
        raised: bool,
    }
    let mut pending: Vec<Pending> = Vec::new();
    for g in groups.iter().filter(|g| g.scope == crate::data::FlowScope::Country) {
        let (Some(inv), Some(c)) = (atlas.ds.investor(&g.investor), atlas.ds.country(&g.destination)) else {
            continue;
        };
        let (start, edge) = start_point(c.label, inv.origin, rect, to_screen);
        let (w, raised) = scale.width(g.total_usd);
        pending.push(Pending {
            g,
            start,
            edge,
            color: inv.color.clone(),
            width: w,
            raised: raised || g.total_usd <= 0.0,
        });
    }

    let mut out: Vec<DrawnFlow> = Vec::new();
    let mut dests: Vec<&str> = pending.iter().map(|p| p.g.destination.as_str()).collect();
    dests.sort_unstable();
    dests.dedup();
    for dest in dests {
        let Some(c) = atlas.ds.country(dest) else {
            continue;
        };
        let anchor = to_screen(c.label);
        let mine: Vec<&Pending> = pending.iter().filter(|p| p.g.destination == dest).collect();
        let rx = spaced_label_width(&label_of(dest), COUNTRY_LABEL_PX) / 2.0 + 6.0;
        let starts: Vec<[f64; 2]> = mine.iter().map(|p| p.start).collect();
        let landings = land(anchor, &starts, rx, COUNTRY_LABEL_PX, 0.5);
        for (p, l) in mine.iter().zip(landings) {
            let spec = ArrowSpec { start: p.start, end: l.end, anchor, width: p.width, bend: l.bend };
            let outer = arrow::build(&spec);
            let pledged = p.g.pledged_usd();
            let (inner, outer_solid) = if p.g.realized_usd > 0.0 && pledged > 0.0 {
                let (wi, _) = scale.width(p.g.realized_usd);
                (Some(arrow::build(&ArrowSpec { width: wi.min(p.width), ..spec })), false)
            } else {
                (None, pledged <= 0.0 && p.g.total_usd > 0.0)
            };
            out.push(DrawnFlow {
                group: p.g.clone(),
                color: p.color.clone(),
                outer,
                inner,
                outer_solid,
                raised_to_min: p.raised,
                edge: p.edge,
            });
        }
    }
    // Wide arrows first, so thin ones stay visible on top.
    crate::sort::by(&mut out, |a, b| {
        b.outer.width.total_cmp(&a.outer.width).then_with(|| a.group.key().cmp(&b.group.key()))
    });

    let mut badges: Vec<OriginBadge> = Vec::new();
    for inv in &atlas.ds.region.investors {
        let starts: Vec<&DrawnFlow> = out.iter().filter(|f| f.group.investor == inv.id).collect();
        let (pos, edge) = if starts.is_empty() {
            start_point(atlas.ds.region.frame_center(), inv.origin, rect, to_screen)
        } else {
            let n = starts.len() as f64;
            let m = starts
                .iter()
                .fold([0.0, 0.0], |a, f| [a[0] + f.outer.outline[0][0] / n, a[1] + f.outer.outline[0][1] / n]);
            (m, starts[0].edge)
        };
        let region = groups
            .iter()
            .filter(|g| g.investor == inv.id && g.scope != crate::data::FlowScope::Country)
            .min_by_key(|g| g.scope)
            .map(|g| {
                let n = groups.iter().filter(|h| h.investor == inv.id && h.scope != crate::data::FlowScope::Country);
                (g.key(), n.map(|h| h.records.len()).sum())
            });
        let text = badge_text(&inv.id);
        let bw = badge_text_width(&text) + 16.0;
        let c = snap_to_edge(pos, edge, rect);
        let mut b = OriginBadge {
            investor: inv.id.clone(),
            pos: [c[0] - bw / 2.0, c[1] - BADGE_H / 2.0],
            edge,
            text,
            width: bw,
            region,
        };
        keep_inside(&mut b, width, height);
        // Slide along the edge, alternately each way and further each time,
        // until it clears the badges already placed.
        let dir = match edge {
            Some(Edge::Left) | Some(Edge::Right) => [0.0, 1.0],
            _ => [1.0, 0.0],
        };
        let origin = b.pos;
        for step in 0..400 {
            if !badges.iter().any(|o: &OriginBadge| o.rect().overlaps(&b.rect())) {
                break;
            }
            let d = 4.0 * (step / 2 + 1) as f64 * if step % 2 == 0 { 1.0 } else { -1.0 };
            b.pos = [origin[0] + dir[0] * d, origin[1] + dir[1] * d];
            keep_inside(&mut b, width, height);
        }
        badges.push(b);
    }
    (out, badges)
}

fn keep_inside(b: &mut OriginBadge, width: f64, height: f64) {
    b.pos[0] = b.pos[0].min(width - b.width - 4.0).max(4.0);
    b.pos[1] = b.pos[1].min(height - b.height() - 4.0).max(4.0);
}

fn snap_to_edge(p: [f64; 2], edge: Option<Edge>, r: [f64; 4]) -> [f64; 2] {
    match edge {
        Some(Edge::Top) => [clamp_within(p[0], r[0], r[2]), r[1]],
        Some(Edge::Bottom) => [clamp_within(p[0], r[0], r[2]), r[3]],
        Some(Edge::Left) => [r[0], clamp_within(p[1], r[1], r[3])],
        Some(Edge::Right) => [r[2], clamp_within(p[1], r[1], r[3])],
        None => p,
    }
}

/// The width of a badge's text (11 px, semi-bold). `text_width` is a
/// regular face's estimate; bold Cyrillic runs wider still (measured in
/// Chromium: "США · Вашингтон" 112 px against 98 estimated), so its letters
/// count wider here, and the text keeps clear of the pill's ends.
fn badge_text_width(text: &str) -> f64 {
    let cyrillic = |c: char| ('\u{400}'..='\u{4ff}').contains(&c);
    text.chars()
        .map(|c| match (cyrillic(c), c.is_uppercase()) {
            (true, true) => 0.80 * 11.0,
            (true, false) => 0.64 * 11.0,
            _ => em(c) * 11.0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;
    use crate::flows::{FlowFilter, aggregate};

    fn atlas() -> Atlas {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        Atlas::new(load::from_dir(&dir).expect("dataset"))
    }

    #[test]
    fn arrows_into_one_country_never_share_an_end_point() {
        let a = atlas();
        let ids: Vec<String> = a.ds.region.investors.iter().map(|i| i.id.clone()).collect();
        let groups = aggregate(&a.ds.flows, &FlowFilter::all(&ids));
        for (w, h) in [(1280.0, 800.0), (390.0, 844.0)] {
            let view = a.base_view(w, h);
            let scale = WidthScale::locked(&a.ds.region.flow_scale, 1.0);
            let (flows, badges) = layout(
                &a,
                &groups,
                Viewport { view, width: w, height: h },
                &scale,
                |iso| iso.to_string(),
                |inv| inv.to_string(),
            );
            assert!(!flows.is_empty());
            assert_eq!(badges.len(), a.ds.region.investors.len());
            for (i, x) in badges.iter().enumerate() {
                assert!(x.pos[0] >= 0.0 && x.pos[0] + x.width <= w && x.pos[1] >= 0.0 && x.pos[1] + x.height() <= h);
                for y in &badges[i + 1..] {
                    assert!(
                        !x.rect().overlaps(&y.rect()),
                        "{} and {} overlap at {w}x{h}: {badges:?}",
                        x.investor,
                        y.investor
                    );
                }
            }
            // China's region-wide figures hang off its badge.
            let china = badges.iter().find(|b| b.investor == "china").unwrap();
            assert_eq!(china.region.as_ref().map(|r| r.0.as_str()), Some("china-CA5"));
            for (i, f) in flows.iter().enumerate() {
                for g in &flows[i + 1..] {
                    if f.group.destination == g.group.destination {
                        let d = ((f.outer.tip[0] - g.outer.tip[0]).powi(2) + (f.outer.tip[1] - g.outer.tip[1]).powi(2))
                            .sqrt();
                        assert!(
                            d > 3.0,
                            "{} and {} end {d:.1}px apart at {w}x{h}: {:?} {:?} / {:?} {:?}",
                            f.group.key(),
                            g.group.key(),
                            f.outer.outline[0],
                            f.outer.tip,
                            g.outer.outline[0],
                            g.outer.tip
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn realized_inside_total_and_widths_follow_the_scale() {
        let a = atlas();
        let ids: Vec<String> = a.ds.region.investors.iter().map(|i| i.id.clone()).collect();
        let groups = aggregate(&a.ds.flows, &FlowFilter::all(&ids));
        let view = a.base_view(1280.0, 800.0);
        let spec = a.ds.region.flow_scale;
        let scale = WidthScale::locked(&spec, 1.0);
        let (flows, _) = layout(
            &a,
            &groups,
            Viewport { view, width: 1280.0, height: 800.0 },
            &scale,
            |iso| iso.to_string(),
            |inv| inv.to_string(),
        );
        // The width the manifest's own numbers give: dollars over dollars-per-pixel, never below the minimum.
        let expected = |usd: f64| (usd / spec.usd_per_px).max(spec.min_px);
        let mut inner_seen = 0;
        for f in &flows {
            let key = f.group.key();
            assert!((f.outer.width - expected(f.group.total_usd)).abs() < 1e-9, "{key}: {}", f.outer.width);
            match &f.inner {
                Some(inner) => {
                    inner_seen += 1;
                    assert!(f.group.realized_usd > 0.0 && f.group.pledged_usd() > 0.0, "{key}");
                    assert!((inner.width - expected(f.group.realized_usd)).abs() < 1e-9, "{key}: {}", inner.width);
                    assert_eq!(inner.tip, f.outer.tip, "{key}: the realized part ends where the whole does");
                    assert!(!f.outer_solid, "{key}: with a pledged part the outer arrow is hatched");
                }
                None => assert!(f.group.realized_usd <= 0.0 || f.group.pledged_usd() <= 0.0, "{key}"),
            }
        }
        assert!(inner_seen > 0, "the shipped data has arrows with a realized part");
    }
}
