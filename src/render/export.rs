//! A standalone SVG of a [`Frame`]: title, map, legend, credit and source
//! line, with every style inline and a safe font stack, so the file opens
//! the same in a browser, Illustrator or Inkscape. PNG export renders this
//! same SVG onto a canvas at 2×. Everything drawn comes from the frame; the
//! export only decides where the header and legend go, and is always light.

use crate::decimal::{fixed, short};
use crate::flows::arrow::reference;
use crate::i18n::{Key, t};
use crate::render::layers::{self, Target};
use crate::render::svg::escape;
use crate::scene::frame::Frame;
use crate::scene::labels::text_width;
use crate::scene::path::{Shape, ring_path};
use crate::scene::style::{self, FONT, Ink, PathStyle, Theme};
use std::fmt::Write;

const HEADER_H: f64 = 64.0;
/// Height of one credit line.
const LINE_H: f64 = 15.0;

fn ink(th: Theme, i: Ink) -> &'static str {
    i.hex(th)
}

fn attrs(th: Theme, s: &PathStyle) -> String {
    s.attrs(th)
}

/// Where the legend starts and how tall it is, and where the credit lines go.
pub struct ExportLayout {
    pub width: f64,
    pub height: f64,
    pub legend_top: f64,
    pub legend_height: f64,
    /// Baselines of the credit lines, then of the source (URL) line.
    pub credit_y: Vec<f64>,
}

pub fn layout(frame: &Frame) -> ExportLayout {
    let w = frame.width.max(560.0);
    let legend_top = HEADER_H + frame.height + 12.0;
    let legend_height = legend_height(frame);
    let first = legend_top + legend_height + 20.0;
    let credit_y: Vec<f64> = (0..=frame.credit.len()).map(|i| first + i as f64 * LINE_H).collect();
    let height = (credit_y.last().copied().unwrap_or(first) + 10.0).ceil();
    ExportLayout { width: w, height, legend_top, legend_height, credit_y }
}

/// The SVG document and its size in pixels ([width, height]). `url` is the
/// permalink of this view, printed in the source line.
pub fn standalone_svg(frame: &Frame, url: &str) -> (String, [f64; 2]) {
    standalone_svg_in(frame, url, Theme::Light, None)
}

/// [`standalone_svg`] with deposit `selected` ringed as the live map rings it
/// (the reader's download of what they see).
pub fn standalone_svg_selecting(frame: &Frame, url: &str, selected: Option<&str>) -> (String, [f64; 2]) {
    standalone_svg_in(frame, url, Theme::Light, selected)
}

/// [`standalone_svg`] in the colours of `th` (the build's pre-rendered page
/// draws both themes and keeps one picture whose palette follows the reader's).
pub fn standalone_svg_in(frame: &Frame, url: &str, th: Theme, selected: Option<&str>) -> (String, [f64; 2]) {
    let lay = layout(frame);
    let (w, h) = (lay.width, lay.height);
    let (mw, mh) = (frame.width, frame.height);
    let mut o = String::with_capacity(200_000 + frame.markers.len() * 200);
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}" role="img" aria-label="{}">"#,
        escape(FONT),
        escape(&frame.title),
        w = fixed(w, 0),
        h = fixed(h, 0)
    );
    let _ = write!(o, "<title>{}</title><defs>", escape(&frame.title));
    layers::hatches(&mut o, frame);
    let _ = write!(
        o,
        r#"<clipPath id="map-clip"><rect x="0" y="0" width="{mw}" height="{mh}"/></clipPath></defs>"#,
        mw = fixed(mw, 0),
        mh = fixed(mh, 0)
    );
    let _ = write!(
        o,
        r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
        ink(th, Ink::Panel),
        w = fixed(w, 0),
        h = fixed(h, 0)
    );

    // Header.
    let _ = write!(
        o,
        r#"<text x="16" y="28" font-size="19" font-weight="700" fill="{}">{}</text><text x="16" y="50" font-size="12" fill="{}">{}</text>"#,
        ink(th, Ink::Ink),
        escape(&frame.title),
        ink(th, Ink::Muted),
        escape(&frame.subtitle)
    );

    // Map.
    let _ = write!(o, r#"<g id="map" transform="translate(0 {})" clip-path="url(#map-clip)">"#, short(HEADER_H));
    let _ = write!(
        o,
        r#"<rect width="{mw}" height="{mh}" fill="{}"/>"#,
        ink(th, Ink::Bg),
        mw = fixed(mw, 0),
        mh = fixed(mh, 0)
    );
    let t = Target::File(th);
    layers::basemap(&mut o, t, frame);
    layers::rivers(&mut o, t, &frame.context);
    o.push_str(r#"<g id="flows">"#);
    layers::flows(&mut o, t, frame);
    o.push_str(r#"</g><g id="places">"#);
    layers::places(&mut o, t, &frame.context);
    o.push_str(r#"</g><g id="deposits">"#);
    layers::markers(&mut o, t, frame);
    if let Some(m) = selected.and_then(|id| frame.markers.iter().find(|m| m.id == id)) {
        layers::selection_ring(&mut o, t, m);
    }
    for (i, c) in frame.clusters.iter().enumerate() {
        let _ = write!(
            o,
            r#"<g data-cluster="{i}" data-count="{}"><circle cx="{}" cy="{}" r="{}" {}/><text x="{}" y="{}" font-size="11" font-weight="700" fill="{}" text-anchor="middle" dominant-baseline="central">{}</text></g>"#,
            c.count,
            fixed(c.at[0], 1),
            fixed(c.at[1], 1),
            fixed(c.r, 1),
            attrs(th, &c.style),
            fixed(c.at[0], 1),
            fixed(c.at[1], 1),
            ink(th, c.text),
            c.count
        );
    }
    o.push_str("</g>");
    layers::labels(&mut o, t, frame);
    layers::context_labels(&mut o, t, &frame.context);
    layers::badges(&mut o, t, frame);
    layers::furniture(&mut o, t, &frame.context, true);
    o.push_str("</g>");

    legend(&mut o, th, frame, lay.legend_top, w);

    // Credit lines, then the source line.
    let _ = write!(o, r#"<g id="credit" font-size="11" fill="{}">"#, ink(th, Ink::Muted));
    for (line, y) in frame.credit.iter().map(String::as_str).chain(std::iter::once(url)).zip(&lay.credit_y) {
        let _ = write!(o, r#"<text x="16" y="{y}">{}</text>"#, escape(line), y = fixed(*y, 0));
    }
    o.push_str("</g></svg>");
    (o, [w, h])
}

/// Column 1: investors, solid/hatched key, reference arrows. Column 2:
/// commodity colours, status shapes, precision.
fn legend_height(frame: &Frame) -> f64 {
    let mut y = 72.0;
    for r in &frame.legend.refs {
        let (_, [_, bh]) = reference(r.width, 60.0, [0.0, y]);
        y += bh + 2.0;
    }
    y.max(146.0)
}

fn legend(o: &mut String, th: Theme, frame: &Frame, top: f64, width: f64) {
    let lang = frame.lang;
    let l = &frame.legend;
    let key = l.key_fill.resolve(th);
    let _ = write!(
        o,
        r#"<g id="legend" data-legend="1" transform="translate(16 {top})" font-size="11" fill="{}">"#,
        ink(th, Ink::Ink),
        top = fixed(top, 0)
    );
    // Column 1 names the investors whose arrows are drawn (their badges are
    // shown); with none (no flows, or all filtered out) the deposits key moves left.
    let shown: Vec<_> =
        l.investors.iter().filter(|i| frame.badges.iter().any(|b| b.shown && b.investor == i.id)).collect();
    let flows = !shown.is_empty();
    if flows {
        let _ = write!(o, r#"<text y="10" font-weight="700">{}</text>"#, escape(t(lang, Key::Flows)));
        let mut x = 0.0;
        for inv in &shown {
            let _ = write!(
                o,
                r#"<rect x="{x}" y="18" width="10" height="10" fill="{}"/><text x="{}" y="27">{}</text>"#,
                escape(&inv.color),
                fixed(x + 14.0, 1),
                escape(&inv.name),
                x = fixed(x, 1)
            );
            x += 14.0 + text_width(&inv.name, 11.0) + 12.0;
        }
        let hatch = shown.first().map(|i| i.hatch.id.as_str()).unwrap_or("");
        let _ = write!(
            o,
            r#"<rect x="0" y="36" width="18" height="8" fill="{key}"/><text x="24" y="44">{}</text><rect x="0" y="52" width="18" height="8" fill="url(#{})" stroke="{key}"/><text x="24" y="60">{}</text>"#,
            escape(t(lang, Key::RealizedSolid)),
            escape(hatch),
            escape(t(lang, Key::PledgedHatched))
        );
        let mut y = 72.0;
        for r in &l.refs {
            let (ar, [bw, bh]) = reference(r.width, 60.0, [0.0, y]);
            let _ = write!(
                o,
                r#"<path data-ref-usd="{}" d="{}" fill="{key}"/><text x="{}" y="{}">{}</text>"#,
                fixed(r.amount, 0),
                ring_path(&ar.outline),
                fixed(bw + 8.0, 1),
                fixed(y + bh / 2.0 + 4.0, 1),
                escape(&r.label)
            );
            y += bh + 2.0;
        }
    }
    let col = if flows { (width / 2.0).max(300.0) } else { 0.0 };
    let _ = write!(
        o,
        r#"<g transform="translate({col} 0)"><text y="10" font-weight="700">{}</text>"#,
        escape(t(lang, Key::Deposits)),
        col = fixed(col, 0)
    );
    let neutral = attrs(th, &l.neutral);
    for (i, (g, label)) in l.groups.iter().enumerate() {
        let (cx, cy) = (if i < 4 { 0.0 } else { 190.0 }, 24.0 + (i % 4) as f64 * 16.0);
        let _ = write!(
            o,
            r#"<circle cx="{}" cy="{cy}" r="5" fill="{}" stroke="{}"/><text x="{}" y="{}">{}</text>"#,
            fixed(cx + 5.0, 1),
            g.color(),
            ink(th, Ink::MarkerStroke),
            fixed(cx + 14.0, 1),
            fixed(cy + 4.0, 1),
            escape(label),
            cy = fixed(cy, 1)
        );
    }
    let mut sx = 0.0;
    for (st, label) in &l.statuses {
        let _ = write!(
            o,
            r#"<path d="{}" {neutral}/><text x="{}" y="96">{}</text>"#,
            Shape::marker(*st, [sx + 5.0, 92.0], 5.0).d(),
            fixed(sx + 14.0, 1),
            escape(label)
        );
        sx += 14.0 + text_width(label, 11.0) + 14.0;
    }
    let halo = PathStyle { fill_opacity: 0.14, stroke_opacity: 0.3, dash: Some([2.0, 2.0]), ..l.neutral.clone() };
    let region = PathStyle {
        dash: Some([2.5, 1.5]),
        ..style::PathStyle::outlined(style::Paint::Ink(Ink::Panel), l.neutral.fill.clone(), 1.5)
    };
    let _ = write!(
        o,
        r#"<circle cx="5" cy="114" r="8" {}/><circle cx="5" cy="114" r="4" {neutral}/><text x="18" y="118">{}</text><circle cx="5" cy="134" r="5" {}/><text x="18" y="138">{}</text></g></g>"#,
        attrs(th, &halo),
        escape(l.approximate),
        attrs(th, &region),
        escape(l.region_level)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::Atlas;
    use crate::data::load;
    use crate::i18n::Lang;
    use crate::spatial::View;

    fn frame(a: &Atlas, view: View, w: f64, h: f64, data_from: Option<String>) -> Frame {
        let mut f = crate::scene::frame::default_frame(a, w, h, Some(view), Lang::En);
        f.credit.extend(data_from);
        f
    }

    fn atlas() -> Atlas {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        Atlas::new(load::from_dir(&dir).unwrap())
    }

    /// Bottom of an element's box, for the few shapes the legend uses.
    fn bottom(n: roxmltree::Node) -> f64 {
        let f = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        match n.tag_name().name() {
            "rect" => f("y") + f("height"),
            "circle" => f("cy") + f("r"),
            "text" => f("y") + 3.0,
            "path" => n
                .attribute("d")
                .unwrap_or("")
                .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
                .filter_map(|xy| xy.split(',').nth(1)?.parse::<f64>().ok())
                .fold(0.0, f64::max),
            _ => 0.0,
        }
    }

    #[test]
    fn a_map_of_deposits_alone_names_no_investor_and_has_no_arrow_key() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let mut ds = load::from_dir(&dir).unwrap();
        ds.flows.clear();
        crate::data::validate::retain_valid(&mut ds);
        assert!(ds.region.investors.is_empty());
        let a = Atlas::new(ds);
        let f = frame(&a, a.base_view(1000.0, 640.0), 1000.0, 640.0, None);
        assert!(f.badges.is_empty() && f.legend.investors.is_empty() && f.legend.refs.is_empty());
        let (svg, _) = standalone_svg(&f, "https://example.org/atlas/");
        roxmltree::Document::parse(&svg).expect("well-formed XML");
        assert!(!svg.contains(crate::i18n::t(Lang::En, crate::i18n::Key::Flows)), "a flows heading");
        assert!(!svg.contains("data-ref-usd") && !svg.contains("data-origin"));
        // The deposits key is still there, in the first column.
        assert!(svg.contains(r#"<g transform="translate(0 0)"><text y="10" font-weight="700">Deposits</text>"#));
    }

    #[test]
    fn a_selected_deposit_is_ringed_in_the_export_as_on_screen() {
        let a = atlas();
        let f = frame(&a, a.base_view(1000.0, 640.0), 1000.0, 640.0, None);
        let m = f.markers.iter().find(|m| m.id == "muruntau").expect("Muruntau drawn");
        let ring = layers::markup(|o| layers::selection_ring(o, Target::File(Theme::Light), m));
        let (plain, _) = standalone_svg(&f, "u");
        let (ringed, _) = standalone_svg_selecting(&f, "u", Some("muruntau"));
        assert!(!plain.contains(&ring) && ringed.contains(&ring));
        assert_eq!(ringed.len(), plain.len() + ring.len(), "the ring and nothing else");
        assert_eq!(standalone_svg_selecting(&f, "u", Some("atlantis")).0, plain, "an id not drawn rings nothing");
    }

    #[test]
    fn with_one_investor_ticked_the_exports_legend_names_that_investor_alone() {
        let a = atlas();
        let filter = crate::flows::FlowFilter::all(&["china".to_string()]);
        let f = crate::scene::frame::filtered_frame(&a, 1000.0, 640.0, None, Lang::En, &filter);
        let (svg, _) = standalone_svg(&f, "https://example.org/atlas/?inv=china");
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let legend = doc.descendants().find(|n| n.attribute("id") == Some("legend")).unwrap();
        let texts: Vec<&str> = legend.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.contains(&"China"), "{texts:?}");
        for other in ["EU", "US", "Russia"] {
            assert!(!texts.contains(&other), "{other} in the legend: {texts:?}");
        }
    }

    #[test]
    fn the_export_is_well_formed_svg_that_draws_the_whole_frame() {
        let a = atlas();
        let f = frame(&a, a.base_view(1000.0, 640.0), 1000.0, 640.0, None);
        let (svg, [w, h]) = standalone_svg(&f, "https://example.org/atlas/?v=1,2,3&lang=en");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
        let count = |attr: &str| doc.descendants().filter(|n| n.attribute(attr).is_some()).count();
        assert_eq!(count("data-flow"), f.flows.len());
        assert_eq!(count("data-deposit-id"), f.markers.len());
        assert_eq!(count("data-origin"), f.badges.len());
        assert_eq!(count("data-ref-usd"), 3);
        assert!(doc.descendants().any(|n| n.attribute("id") == Some("legend")));
        let text: String = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(text.contains("Data: Natural Earth"));
        assert!(text.contains("https://example.org/atlas/?v=1,2,3&lang=en"), "the URL is escaped and kept");
        assert_eq!(root.attribute("width"), Some(format!("{w:.0}").as_str()));
        assert_eq!(root.attribute("height"), Some(format!("{h:.0}").as_str()));
        // No class-based styling: the file stands alone.
        assert!(!svg.contains("class="));
        // Each marker is drawn with the frame's own style for it.
        for m in &f.markers {
            let g = doc.descendants().find(|n| n.attribute("data-deposit-id") == Some(m.id.as_str())).unwrap();
            let el = g.children().find(|n| n.has_tag_name("path")).unwrap();
            assert_eq!(g.children().find(|n| n.has_tag_name("title")).and_then(|n| n.text()), Some(m.label.as_str()));
            assert_eq!(el.attribute("fill"), Some(m.style.fill.resolve(Theme::Light).as_str()), "{}", m.id);
            assert_eq!(el.attribute("stroke"), Some(m.style.stroke.resolve(Theme::Light).as_str()), "{}", m.id);
        }
    }

    #[test]
    fn the_credit_and_source_lines_sit_below_the_legend() {
        let a = atlas();
        for data_from in [None, Some("Data from data.example.org".to_string())] {
            let f = frame(&a, a.base_view(1000.0, 640.0), 1000.0, 640.0, data_from.clone());
            let (svg, [_, h]) = standalone_svg(&f, "https://example.org/");
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let legend = doc.descendants().find(|n| n.attribute("id") == Some("legend")).unwrap();
            let top: f64 = legend
                .attribute("transform")
                .and_then(|t| t.trim_start_matches("translate(16 ").trim_end_matches(')').parse().ok())
                .unwrap();
            let legend_bottom = top + legend.descendants().map(bottom).fold(0.0, f64::max);
            let credit = doc.descendants().find(|n| n.attribute("id") == Some("credit")).unwrap();
            let lines: Vec<(f64, String)> = credit
                .children()
                .filter(|n| n.is_element())
                .map(|n| (n.attribute("y").unwrap().parse().unwrap(), n.text().unwrap_or("").to_string()))
                .collect();
            // The region's credit, each context layer's attribution, where the data came from, the URL.
            assert_eq!(lines.len(), 2 + a.ds.context.attributions.len() + usize::from(data_from.is_some()));
            assert!(lines.iter().any(|l| l.1.contains("GeoNames (CC BY 4.0)")), "{lines:?}");
            let first_top = lines[0].0 - 11.0;
            assert!(first_top > legend_bottom, "credit at {first_top} overlaps the legend ending at {legend_bottom}");
            assert!(lines.windows(2).all(|p| p[1].0 >= p[0].0 + 11.0), "lines do not overlap: {lines:?}");
            assert!(lines.last().unwrap().0 < h, "the source line is inside the page");
            if let Some(d) = &data_from {
                assert!(lines.iter().any(|l| &l.1 == d), "{lines:?}");
            }
        }
    }

    #[test]
    fn the_same_frame_gives_the_same_export_and_labels_reach_it() {
        let a = atlas();
        let (w, h) = (1000.0, 640.0);
        let base = a.base_view(w, h);
        let v = base.zoom_at(&base, 3.0, [520.0, 380.0]);
        let (x, _) = standalone_svg(&frame(&a, v, w, h, None), "u");
        let (y, _) = standalone_svg(&frame(&a, v, w, h, None), "u");
        assert_eq!(x, y);
        let f = frame(&a, v, w, h, None);
        assert!(!f.deposit_labels.is_empty());
        let doc = roxmltree::Document::parse(&x).unwrap();
        let labels: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("data-label-deposit").is_some())
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(labels, f.deposit_labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>());
    }

    #[test]
    fn with_many_deposits_the_export_draws_the_frames_clusters_and_counts_every_deposit() {
        let mut ds =
            crate::data::load::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")).unwrap();
        // Twenty-five copies of each deposit, a few kilometres apart: 1,925 in all.
        let orig = ds.deposits.clone();
        for k in 1..25 {
            for d in &orig {
                let mut c = d.clone();
                c.id = format!("{}-{k}", d.id);
                c.lon += 0.03 * (k % 5) as f64;
                c.lat += 0.03 * (k / 5) as f64;
                ds.deposits.push(c);
            }
        }
        let a = Atlas::new(ds);
        let f = frame(&a, a.base_view(1000.0, 640.0), 1000.0, 640.0, None);
        assert!(f.canvas && !f.clusters.is_empty(), "{} in view", f.in_view.len());
        let (svg, _) = standalone_svg(&f, "u");
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let clusters: Vec<usize> =
            doc.descendants().filter_map(|n| n.attribute("data-count")).map(|c| c.parse().unwrap()).collect();
        assert_eq!(clusters, f.clusters.iter().map(|c| c.count).collect::<Vec<_>>());
        let singles = doc.descendants().filter(|n| n.attribute("data-deposit-id").is_some()).count();
        assert_eq!(singles, f.markers.len());
        assert_eq!(singles + clusters.iter().sum::<usize>(), f.in_view.len());
    }
}
