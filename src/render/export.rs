//! A standalone SVG of the current view: title, map, legend, credit and
//! source line, with every style inline and a safe font stack, so the file
//! opens the same in a browser, Illustrator or Inkscape. PNG export renders
//! this same SVG onto a canvas at 2×.

use crate::atlas::Atlas;
use crate::data::Precision;
use crate::data::commodity::Group;
use crate::flows::WidthScale;
use crate::flows::arrow::reference;
use crate::i18n::{Key, Lang, t};
use crate::render::format::usd;
use crate::render::svg::escape;
use crate::scene::basemap;
use crate::scene::flows::{BADGE_H, CHIP_H, DrawnFlow, OriginBadge, Viewport};
use crate::scene::markers::marker_path;
use std::fmt::Write;

pub const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";
const HEADER_H: f64 = 64.0;

pub struct ExportScene<'a> {
    pub atlas: &'a Atlas,
    pub vp: Viewport,
    pub lang: Lang,
    /// Deposits drawn (filtered and in view), as indices into the dataset.
    pub deposits: &'a [usize],
    pub flows: &'a [DrawnFlow],
    pub badges: &'a [OriginBadge],
    pub scale: WidthScale,
    /// The permalink of this view, printed in the source line.
    pub url: &'a str,
}

/// The SVG document and its size in pixels ([width, height]).
/// The credit, plus "Data from <host>" when the data is not the bundled default.
fn credit_line(a: &Atlas, lang: Lang) -> String {
    let credit = a.ds.region.credit.get(lang);
    match &a.ds.data_from {
        Some(host) => format!("{credit} · {} {host}", t(lang, Key::DataFrom)),
        None => credit.to_string(),
    }
}

pub fn standalone_svg(s: &ExportScene) -> (String, [f64; 2]) {
    let a = s.atlas;
    let lang = s.lang;
    let (mw, mh) = (s.vp.width, s.vp.height);
    let w = mw.max(560.0);
    let mut legend_svg = String::new();
    let legend_h = legend(&mut legend_svg, s, HEADER_H + mh + 12.0, w);
    // Header, map, legend, then two lines of credit.
    let h = (HEADER_H + mh + 12.0 + legend_h + 44.0).ceil();
    let mut o = String::with_capacity(200_000);
    let title = a.ds.region.title.get(lang);
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="{}" role="img" aria-label="{}">"#,
        escape(FONT),
        escape(title)
    );
    let _ = write!(o, "<title>{}</title>", escape(title));
    o.push_str("<defs>");
    for inv in &a.ds.region.investors {
        let _ = write!(
            o,
            r#"<pattern id="hatch-{id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{c}" fill-opacity="0.12"/><line x1="0" y1="0" x2="0" y2="6" stroke="{c}" stroke-width="2.6"/></pattern>"#,
            id = escape(&inv.id),
            c = escape(&inv.color)
        );
    }
    let _ =
        write!(o, r#"<clipPath id="map-clip"><rect x="0" y="0" width="{mw:.0}" height="{mh:.0}"/></clipPath></defs>"#);
    let _ = write!(o, r##"<rect width="{w:.0}" height="{h:.0}" fill="#ffffff"/>"##);

    // Header.
    let _ =
        write!(o, r##"<text x="16" y="28" font-size="19" font-weight="700" fill="#1b1b1b">{}</text>"##, escape(title));
    let _ = write!(
        o,
        r##"<text x="16" y="50" font-size="12" fill="#555a60">{}</text>"##,
        escape(a.ds.region.subtitle.get(lang))
    );

    // Map.
    let _ = write!(o, r#"<g id="map" transform="translate(0 {HEADER_H})" clip-path="url(#map-clip)">"#);
    let _ = write!(o, r##"<rect width="{mw:.0}" height="{mh:.0}" fill="#f6f5f1"/>"##);
    let (countries, water) = basemap::paths(a, s.vp);
    for c in &countries {
        let (fill, stroke, sw) = if c.focus { ("#fffdf8", "#5f5a50", 1.1) } else { ("#e7e4dc", "#8a857a", 0.7) };
        let _ = write!(
            o,
            r#"<path data-iso3="{}" d="{}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}" stroke-linejoin="round"/>"#,
            escape(&c.iso3),
            c.d
        );
    }
    for wb in &water {
        let _ = write!(
            o,
            r##"<path data-water="{}" d="{}" fill="#c9dfea" stroke="#8fb4c8" stroke-width="0.5"/>"##,
            escape(&wb.id),
            wb.d
        );
    }
    o.push_str(r#"<g id="flows">"#);
    for f in s.flows {
        let fill = if f.outer_solid { f.color.clone() } else { format!("url(#hatch-{})", f.group.investor) };
        let _ = write!(
            o,
            r#"<g data-flow="{}"><path d="{}" fill="{}" stroke="{}" stroke-width="1"/>"#,
            escape(&f.group.key()),
            f.outer.path(),
            escape(&fill),
            escape(&f.color)
        );
        if let Some(inner) = &f.inner {
            let _ = write!(o, r#"<path d="{}" fill="{}"/>"#, inner.path(), escape(&f.color));
        }
        o.push_str("</g>");
    }
    for b in s.badges {
        let Some(inv) = a.ds.investor(&b.investor) else { continue };
        let c = escape(&crate::render::format::darken(&inv.color, crate::render::format::BADGE_DARKEN));
        let _ = write!(
            o,
            r##"<g transform="translate({:.1} {:.1})"><rect width="{:.1}" height="{BADGE_H}" rx="10" fill="{c}"/><text x="{:.1}" y="14" font-size="11" font-weight="600" fill="#ffffff" text-anchor="middle">{}</text>"##,
            b.pos[0],
            b.pos[1],
            b.width,
            b.width / 2.0,
            escape(&b.text)
        );
        // Region-wide figures: a dashed chip, never an arrow to scale.
        if let Some((_, n)) = &b.region {
            let text = format!("+ {n} {}", t(lang, Key::RegionWideShort));
            let cw = crate::scene::labels::text_width(&text, 10.5) + 14.0;
            let _ = write!(
                o,
                r##"<g transform="translate(0 {:.1})"><rect width="{cw:.1}" height="{CHIP_H}" rx="9" fill="#ffffff" stroke="{c}" stroke-dasharray="3 2" stroke-width="1.5"/><text x="{:.1}" y="13" font-size="10.5" font-weight="600" fill="{c}" text-anchor="middle">{}</text></g>"##,
                BADGE_H + 3.0,
                cw / 2.0,
                escape(&text)
            );
        }
        o.push_str("</g>");
    }
    o.push_str("</g><g id=\"deposits\">");
    for &i in s.deposits {
        let d = &a.ds.deposits[i];
        let p = s.vp.view.to_screen(a.deposits_plane[i]);
        let color = Group::of(d.primary()).color();
        let r = if d.kind == crate::data::SiteKind::Plant { 4.5 } else { 5.5 };
        let halo = d.precision_km / 6371.0 * s.vp.view.k;
        if d.precision != Precision::Exact && halo > r + 1.5 {
            let _ = write!(
                o,
                r##"<circle cx="{:.1}" cy="{:.1}" r="{halo:.1}" fill="{color}" fill-opacity="0.14" stroke="#1b1b1b" stroke-opacity="0.3" stroke-dasharray="2 2"/>"##,
                p[0], p[1]
            );
        }
        let (fill, stroke, dash) = if d.precision == Precision::Region {
            ("#ffffff", color, r#" stroke-dasharray="2.5 1.5""#)
        } else {
            (color, "#1b1b1b", "")
        };
        let _ = write!(
            o,
            r#"<path data-deposit-id="{}" d="{}" fill="{fill}" stroke="{stroke}" stroke-width="1.2"{dash}><title>{}</title></path>"#,
            escape(&d.id),
            marker_path(d.status, p[0], p[1], r),
            escape(d.display_name(lang))
        );
    }
    o.push_str("</g>");
    for l in basemap::country_labels(a, s.vp, lang) {
        let (size, weight, style, fill) =
            if l.focus { (13, 700, "normal", "#1b1b1b") } else { (11, 400, "italic", "#555a60") };
        let spacing = if l.focus { r#" letter-spacing="1.1""# } else { "" };
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="{size}" font-weight="{weight}" font-style="{style}"{spacing} fill="{fill}" text-anchor="middle" dominant-baseline="central" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">{}</text>"##,
            l.at[0],
            l.at[1],
            escape(&l.text)
        );
    }
    o.push_str("</g>");

    o.push_str(&legend_svg);

    // Credit and source line.
    let _ = write!(
        o,
        r##"<text x="16" y="{:.0}" font-size="11" fill="#555a60">{}</text><text x="16" y="{:.0}" font-size="10" fill="#555a60">{}</text>"##,
        h - 24.0,
        escape(&credit_line(a, lang)),
        h - 9.0,
        escape(s.url)
    );
    o.push_str("</svg>");
    (o, [w, h])
}

/// Write the legend at `top`; returns its height.
fn legend(o: &mut String, s: &ExportScene, top: f64, width: f64) -> f64 {
    let lang = s.lang;
    let _ = write!(
        o,
        r##"<g id="legend" data-legend="1" transform="translate(16 {top:.0})" font-size="11" fill="#1b1b1b">"##
    );
    // Column 1: investors and the arrow scale.
    let _ = write!(o, r#"<text y="10" font-weight="700">{}</text>"#, escape(t(lang, Key::Flows)));
    let mut x = 0.0;
    for inv in &s.atlas.ds.region.investors {
        let name = inv.name.get(lang);
        let _ = write!(
            o,
            r#"<rect x="{x:.1}" y="18" width="10" height="10" fill="{}"/><text x="{:.1}" y="27">{}</text>"#,
            escape(&inv.color),
            x + 14.0,
            escape(name)
        );
        x += 14.0 + crate::scene::labels::text_width(name, 11.0) + 12.0;
    }
    let _ = write!(
        o,
        r##"<rect x="0" y="36" width="18" height="8" fill="#555555"/><text x="24" y="44">{}</text><rect x="0" y="52" width="18" height="8" fill="url(#hatch-{})" stroke="#555555"/><text x="24" y="60">{}</text>"##,
        escape(t(lang, Key::RealizedSolid)),
        escape(s.atlas.ds.region.investors.first().map(|i| i.id.as_str()).unwrap_or("")),
        escape(t(lang, Key::PledgedHatched))
    );
    let mut y = 72.0;
    for &amount in &s.atlas.ds.region.flow_scale.reference_usd {
        let (wpx, _) = s.scale.width(amount);
        let (ar, [bw, bh]) = reference(wpx, 60.0, [0.0, y]);
        let cy = y + bh / 2.0;
        let _ = write!(
            o,
            r##"<path data-ref-usd="{amount:.0}" d="{}" fill="#555555"/><text x="{:.1}" y="{:.1}">{}</text>"##,
            ar.path(),
            bw + 8.0,
            cy + 4.0,
            escape(&usd(amount, lang))
        );
        y += bh + 2.0;
    }
    // Column 2: deposit colours, shapes and precision.
    let col = (width / 2.0).max(300.0);
    let _ = write!(
        o,
        r#"<g transform="translate({col:.0} 0)"><text y="10" font-weight="700">{}</text>"#,
        escape(t(lang, Key::Deposits))
    );
    for (i, g) in Group::ALL.iter().enumerate() {
        let (cx, cy) = (if i < 4 { 0.0 } else { 190.0 }, 24.0 + (i % 4) as f64 * 16.0);
        let _ = write!(
            o,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{}" stroke="#1b1b1b"/><text x="{:.1}" y="{:.1}">{}</text>"##,
            cx + 5.0,
            cy,
            g.color(),
            cx + 14.0,
            cy + 4.0,
            escape(g.label(lang))
        );
    }
    let statuses = [
        (crate::data::DepositStatus::Operating, Key::Operating),
        (crate::data::DepositStatus::Development, Key::Development),
        (crate::data::DepositStatus::Exploration, Key::Exploration),
        (crate::data::DepositStatus::PastProducer, Key::PastProducer),
    ];
    let mut sx = 0.0;
    for (st, key) in statuses {
        let label = t(lang, key);
        let _ = write!(
            o,
            r##"<path d="{}" fill="#8c8c8c" stroke="#1b1b1b"/><text x="{:.1}" y="96">{}</text>"##,
            marker_path(st, sx + 5.0, 92.0, 5.0),
            sx + 14.0,
            escape(label)
        );
        sx += 14.0 + crate::scene::labels::text_width(label, 11.0) + 14.0;
    }
    let _ = write!(
        o,
        r##"<circle cx="5" cy="114" r="8" fill="#8c8c8c" fill-opacity="0.14" stroke="#1b1b1b" stroke-opacity="0.3" stroke-dasharray="2 2"/><circle cx="5" cy="114" r="4" fill="#8c8c8c" stroke="#1b1b1b"/><text x="18" y="118">{}</text><circle cx="5" cy="134" r="5" fill="#ffffff" stroke="#8c8c8c" stroke-width="1.5" stroke-dasharray="2.5 1.5"/><text x="18" y="138">{}</text></g></g>"##,
        escape(t(lang, Key::Approximate)),
        escape(t(lang, Key::RegionLevel))
    );
    // Column 2 ends at 140; column 1 at the last reference arrow.
    y.max(146.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;
    use crate::flows::{FlowFilter, aggregate};
    use crate::scene::flows::layout;

    #[test]
    fn the_export_is_well_formed_svg_with_arrows_legend_and_credit() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let a = Atlas::new(load::from_dir(&dir).unwrap());
        let vp = Viewport { view: a.base_view(1000.0, 640.0), width: 1000.0, height: 640.0 };
        let ids: Vec<String> = a.ds.region.investors.iter().map(|i| i.id.clone()).collect();
        let groups = aggregate(&a.ds.flows, &FlowFilter::all(&ids));
        let scale = WidthScale::locked(&a.ds.region.flow_scale, 1.0);
        let (flows, badges) = layout(&a, &groups, vp, &scale, |i| i.to_string(), |i| i.to_string());
        let deposits: Vec<usize> = (0..a.ds.deposits.len()).collect();
        let (svg, [w, h]) = standalone_svg(&ExportScene {
            atlas: &a,
            vp,
            lang: Lang::En,
            deposits: &deposits,
            flows: &flows,
            badges: &badges,
            scale,
            url: "https://example.org/atlas/?v=1,2,3&lang=en",
        });
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
        let count = |attr: &str| doc.descendants().filter(|n| n.attribute(attr).is_some()).count();
        assert_eq!(count("data-flow"), flows.len());
        assert_eq!(count("data-deposit-id"), deposits.len());
        assert_eq!(count("data-ref-usd"), 3);
        assert!(doc.descendants().any(|n| n.attribute("id") == Some("legend")));
        let text: String = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(text.contains("Data: Natural Earth"));
        assert!(text.contains("https://example.org/atlas/?v=1,2,3&lang=en"), "the URL is escaped and kept");
        assert_eq!(root.attribute("width"), Some(format!("{w:.0}").as_str()));
        assert_eq!(root.attribute("height"), Some(format!("{h:.0}").as_str()));
        // The credit line sits below everything else.
        let legend_bottom = 64.0 + 640.0 + 12.0 + 146.0;
        assert!(h > legend_bottom + 30.0, "{h}");
        // No class-based styling: the file stands alone.
        assert!(!svg.contains("class="));
    }
}
