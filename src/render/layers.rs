//! One SVG writer for the frame's layers. The live map sets each of its
//! layers' markup from these functions (`Target::Live`); the export, the
//! `atlas svg` command and the pre-rendered page draw the same calls into
//! one file (`Target::File`). So an element's markup, its hooks
//! (`data-iso3`, `data-flow`, …) and the way its style is written exist once.
//!
//! Text from data is escaped ([`escape`]): it is always text, never markup,
//! also where the live map parses this markup.

use crate::decimal::{fixed, short};
use crate::render::svg::escape;
use crate::scene::context::ContextLayer;
use crate::scene::flows::{BADGE_H, CHIP_H};
use crate::scene::frame::{Frame, Marker, TextLabel};
use crate::scene::style::{self, Hatch, Ink, Paint, PathStyle, Theme};
use std::fmt::Write;

/// Where the markup goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The live map: palette inks as `var(--…)` in a `style` attribute, so
    /// the page's theme applies; class names for the page's stylesheet;
    /// region chips are buttons.
    Live,
    /// A file that stands alone: the concrete colours of one theme as
    /// presentation attributes, and no classes.
    File(Theme),
}

impl Target {
    fn live(self) -> bool {
        self == Target::Live
    }

    /// ` class="…"` on the live map; nothing in a file.
    fn class(self, o: &mut String, names: &str) {
        if self.live() {
            let _ = write!(o, r#" class="{names}""#);
        }
    }

    /// A colour as this target writes it.
    fn paint(self, p: &Paint) -> String {
        match self {
            Target::Live => p.css(),
            Target::File(th) => p.resolve(th),
        }
    }

    /// A shape's fill and stroke: one `style` attribute (live) or
    /// presentation attributes (file).
    fn style(self, o: &mut String, s: &PathStyle) {
        match self {
            Target::Live => {
                let _ = write!(o, r#" style="{}""#, s.css());
            }
            Target::File(th) => {
                let _ = write!(o, " {}", s.attrs(th));
            }
        }
    }

    /// Colours by property (`fill`, `stroke`): one `style` attribute (live)
    /// or presentation attributes (file).
    fn colours(self, o: &mut String, paints: &[(&str, &Paint)]) {
        match self {
            Target::Live => {
                let css: Vec<String> = paints.iter().map(|(k, p)| format!("{k}:{}", self.paint(p))).collect();
                let _ = write!(o, r#" style="{}""#, css.join(";"));
            }
            Target::File(_) => {
                for (k, p) in paints {
                    let _ = write!(o, r#" {k}="{}""#, self.paint(p));
                }
            }
        }
    }

    /// `<g class="…">` on the live map, `<g>` in a file.
    fn group(self, o: &mut String, class: &str) {
        o.push_str("<g");
        self.class(o, class);
        o.push('>');
    }
}

/// A circle in its style, with a class on the live map.
fn circle(o: &mut String, t: Target, class: Option<&str>, at: [f64; 2], r: f64, s: &PathStyle) {
    o.push_str("<circle");
    if let Some(c) = class {
        t.class(o, c);
    }
    let _ = write!(o, r#" cx="{}" cy="{}" r="{r}""#, fixed(at[0], 1), fixed(at[1], 1), r = fixed(r, 1));
    t.style(o, s);
    o.push_str("/>");
}

/// The hatch patterns of committed money, one per investor colour (inside `<defs>`).
pub fn hatches(o: &mut String, f: &Frame) {
    for h in &f.hatches {
        hatch(o, h);
    }
}

fn hatch(o: &mut String, h: &Hatch) {
    let _ = write!(
        o,
        r#"<pattern id="{id}" width="{s}" height="{s}" patternUnits="userSpaceOnUse" patternTransform="rotate({a})"><rect width="{s}" height="{s}" fill="{c}" fill-opacity="{bo}"/><line x1="0" y1="0" x2="0" y2="{s}" stroke="{c}" stroke-width="{lw}"/></pattern>"#,
        id = escape(&h.id),
        s = short(h.size),
        a = short(h.angle_deg),
        c = escape(&h.color),
        bo = short(h.background_opacity),
        lw = short(h.line_width)
    );
}

/// A label: centred on its point, its halo painted under the letters.
/// `hook` is the label's data attribute (`data-label-deposit`), if any.
pub fn text(o: &mut String, t: Target, l: &TextLabel, class: &str, hook: Option<&str>) {
    let s = &l.style;
    o.push_str("<text");
    t.class(o, &if l.focus { format!("{class} focus") } else { class.to_string() });
    if let Some(h) = hook {
        let _ = write!(o, r#" {h}="{}""#, escape(&l.key));
    }
    let _ = write!(
        o,
        r#" x="{}" y="{}" font-size="{}" font-weight="{}" font-style="{}""#,
        fixed(l.at[0], 1),
        fixed(l.at[1], 1),
        short(s.size),
        s.weight,
        if s.italic { "italic" } else { "normal" },
    );
    if s.letter_spacing > 0.0 {
        let _ = write!(o, r#" letter-spacing="{}""#, short(s.letter_spacing));
    }
    o.push_str(r#" text-anchor="middle" dominant-baseline="central" stroke-width="3" stroke-linejoin="round" paint-order="stroke""#);
    t.colours(o, &[("fill", &s.fill), ("stroke", &s.halo)]);
    let _ = write!(o, ">{}</text>", escape(&l.text));
}

/// Countries, then water bodies.
pub fn basemap(o: &mut String, t: Target, f: &Frame) {
    for c in &f.countries {
        o.push_str("<path");
        t.class(o, if c.focus { "country focus" } else { "country context" });
        let _ = write!(o, r#" data-iso3="{}" d="{}""#, escape(&c.id), c.d);
        t.style(o, &c.style);
        o.push_str(r#" stroke-linejoin="round"/>"#);
    }
    t.group(o, "water");
    for w in &f.water {
        o.push_str("<path");
        t.class(o, "water-body");
        let _ = write!(o, r#" data-water="{}" d="{}""#, escape(&w.id), w.d);
        t.style(o, &w.style);
        o.push_str("/>");
    }
    o.push_str("</g>");
}

/// Rivers (their lines; the names are in [`context_labels`]).
pub fn rivers(o: &mut String, t: Target, c: &ContextLayer) {
    for r in &c.rivers {
        o.push_str("<path");
        t.class(o, "river");
        let _ = write!(o, r#" data-river="{}" d="{}""#, escape(&r.id), r.d);
        t.style(o, &r.style);
        o.push_str(r#" stroke-linejoin="round"/>"#);
    }
}

/// The arrows: the committed outline, and the realized part inside it.
pub fn flows(o: &mut String, t: Target, f: &Frame) {
    for s in &f.flows {
        o.push_str("<g");
        t.class(o, if s.flow.raised_to_min { "flow min-width" } else { "flow" });
        let _ = write!(
            o,
            r#" data-flow="{}" data-investor="{}" data-amount="{}" data-width="{}"><path"#,
            escape(&s.key),
            escape(&s.flow.group.investor),
            fixed(s.flow.group.total_usd, 0),
            fixed(s.flow.outer.width, 3)
        );
        t.class(o, "flow-outer");
        let _ = write!(o, r#" d="{}""#, s.outer_d);
        t.style(o, &s.outer);
        if t.live() {
            // The arrow's colour, readable without the computed style.
            let _ = write!(o, r#" stroke="{}""#, escape(&s.outer.stroke.css()));
        }
        o.push_str("/>");
        if let Some((d, st)) = &s.inner {
            o.push_str("<path");
            t.class(o, "flow-inner");
            let _ = write!(o, r#" d="{d}""#);
            t.style(o, st);
            let _ = write!(o, r#" data-width="{}"/>"#, fixed(s.flow.inner.as_ref().map(|a| a.width).unwrap_or(0.0), 3));
        }
        o.push_str("</g>");
    }
}

/// Each investor's origin badge, and its chip for region-wide figures (a
/// dashed chip, never an arrow to scale; a button on the live map).
pub fn badges(o: &mut String, t: Target, f: &Frame) {
    for b in &f.badges {
        let fill = escape(&b.fill);
        o.push_str("<g");
        t.class(o, if b.shown { "origin-badge" } else { "origin-badge off" });
        if !b.shown && !t.live() {
            o.push_str(r#" opacity="0.35""#);
        }
        let _ = write!(
            o,
            r#" data-origin="{}" transform="translate({} {})"><rect width="{}" height="{badge_h}" rx="10" fill="{fill}"/><text x="{}" y="{}" font-size="11" font-weight="600" text-anchor="middle" dominant-baseline="central""#,
            escape(&b.investor),
            fixed(b.pos[0], 1),
            fixed(b.pos[1], 1),
            fixed(b.width, 1),
            fixed(b.width / 2.0, 1),
            short(BADGE_H / 2.0),
            badge_h = short(BADGE_H)
        );
        t.colours(o, &[("fill", &Paint::Ink(Ink::OnDark))]);
        let _ = write!(o, ">{}</text>", escape(&b.text));
        if let Some(c) = &b.chip {
            let key = escape(&c.key);
            o.push_str("<g");
            t.class(o, "region-chip");
            let _ = write!(o, r#" data-region-group="{key}" transform="translate(0 {})""#, fixed(BADGE_H + 3.0, 1));
            if t.live() {
                let _ = write!(o, r#" role="button" tabindex="0" aria-label="{}""#, escape(&c.text));
            }
            let _ = write!(o, r#"><rect width="{}" height="{}" rx="9""#, fixed(c.width, 1), short(CHIP_H));
            t.style(o, &c.style);
            let _ = write!(
                o,
                r#"/><text x="{}" y="{}" font-size="10.5" font-weight="600" text-anchor="middle" dominant-baseline="central""#,
                fixed(c.width / 2.0, 1),
                short(CHIP_H / 2.0),
            );
            // The theme's ink on the chip's panel fill: the investor's colour
            // (the dashed border) as text was under 4.5:1 for some investors.
            t.colours(o, &[("fill", &Paint::Ink(Ink::Ink))]);
            let _ = write!(o, ">{}</text></g>", escape(&c.text));
        }
        o.push_str("</g>");
    }
}

/// Capitals and cities: a ring, and a dot for a capital.
pub fn places(o: &mut String, t: Target, c: &ContextLayer) {
    for p in &c.places {
        o.push_str("<g");
        t.class(o, if p.capital { "place capital" } else { "place" });
        let _ = write!(o, r#" data-place="{}">"#, escape(&p.id));
        circle(o, t, None, p.at, p.r, &p.style);
        if let Some((r, s)) = &p.dot {
            circle(o, t, None, p.at, *r, s);
        }
        o.push_str("</g>");
    }
}

/// Country, deposit and amount labels, and the pinned notes with their leaders.
pub fn labels(o: &mut String, t: Target, f: &Frame) {
    for (group, labels, class, hook) in [
        ("country-labels", &f.country_labels, "country-label", "data-label-country"),
        ("deposit-labels", &f.deposit_labels, "deposit-label", "data-label-deposit"),
        ("amount-labels", &f.amount_labels, "amount-label", "data-flow-amount"),
    ] {
        t.group(o, group);
        for l in labels {
            text(o, t, l, class, Some(hook));
        }
        o.push_str("</g>");
    }
    t.group(o, "notes");
    for n in &f.notes {
        o.push_str("<g");
        t.class(o, "note");
        let _ = write!(o, r#" data-annotation="{}"><path"#, n.index);
        t.class(o, "note-leader");
        let _ = write!(o, r#" d="{}""#, n.leader_d);
        t.style(o, &n.leader);
        o.push_str("/>");
        if let Some((at, r, s)) = &n.dot {
            circle(o, t, None, *at, *r, s);
        }
        for l in &n.lines {
            text(o, t, l, "note-label", None);
        }
        o.push_str("</g>");
    }
    o.push_str("</g>");
}

/// Place names, and river names turned along their river.
pub fn context_labels(o: &mut String, t: Target, c: &ContextLayer) {
    t.group(o, "place-labels");
    for l in &c.place_labels {
        text(o, t, l, "place-label", Some("data-label-place"));
    }
    o.push_str("</g>");
    t.group(o, "river-labels");
    for r in &c.river_labels {
        let l = &r.label;
        let _ = write!(
            o,
            r#"<g data-river-label="{}" transform="translate({} {}) rotate({})">"#,
            escape(&l.key),
            fixed(l.at[0], 1),
            fixed(l.at[1], 1),
            fixed(r.angle, 1)
        );
        text(o, t, &TextLabel { at: [0.0, 0.0], ..l.clone() }, "river-label", None);
        o.push_str("</g>");
    }
    o.push_str("</g>");
}

/// The scale bar and, when `inset`, the locator inset (in the map's corner;
/// the live map keeps them still while the layers pan, and leaves the inset
/// out on a map narrower than `scene::context::INSET_MIN_MAP_WIDTH`; a file
/// is always wide enough).
pub fn furniture(o: &mut String, t: Target, c: &ContextLayer, inset: bool) {
    if let Some(b) = &c.scale_bar {
        o.push_str("<g");
        t.class(o, "scale-bar");
        let _ = write!(
            o,
            r#" data-scale-km="{}" data-scale-px="{}"><path d="{}""#,
            short(b.bar.km),
            fixed(b.bar.px, 2),
            b.d()
        );
        t.style(o, &b.style);
        o.push_str("/>");
        text(o, t, &b.label, "scale-label", None);
        o.push_str("</g>");
    }
    if let Some(i) = c.inset.as_ref().filter(|_| inset) {
        let n = &i.inset;
        o.push_str("<g");
        t.class(o, "inset");
        let _ = write!(
            o,
            r#" data-inset="1" transform="translate({} {})"><rect width="{}" height="{}" rx="4""#,
            fixed(i.at[0], 1),
            fixed(i.at[1], 1),
            fixed(n.width, 1),
            fixed(n.height, 1)
        );
        t.style(o, &i.panel);
        o.push_str("/><path");
        t.class(o, "inset-land");
        let _ = write!(o, r#" d="{}""#, n.land);
        t.style(o, &i.land);
        o.push_str("/><path");
        t.class(o, "inset-frame");
        let _ = write!(o, r#" data-inset-frame="1" d="{}""#, n.frame);
        t.style(o, &i.frame);
        o.push_str("/>");
        for (p, s) in n.capitals.iter().zip(&i.capitals) {
            let _ = write!(
                o,
                r#"<circle data-inset-capital="{}" cx="{}" cy="{}" r="2.6""#,
                escape(&p.investor),
                fixed(p.at[0], 1),
                fixed(p.at[1], 1)
            );
            t.style(o, s);
            let _ = write!(o, "><title>{}</title></circle>", escape(&p.label));
        }
        o.push_str("</g>");
    }
}

/// Deposit markers: the uncertainty halos under them, then each marker in
/// the frame's paint order. On the live map each marker is a button that
/// carries its keyboard position (`data-pos`, left to right) and its name;
/// the map moves the one `tabindex="0"` among them. A file gives each its
/// name as a tooltip. (Above the canvas threshold the live map draws
/// markers on the canvas instead.)
pub fn markers(o: &mut String, t: Target, f: &Frame) {
    t.group(o, "halos");
    for m in &f.markers {
        if let Some((r, s)) = &m.halo {
            circle(o, t, Some("uncertainty"), m.at, *r, s);
        }
    }
    o.push_str("</g>");
    t.group(o, "markers");
    for &pos in &f.paint_order {
        let m = &f.markers[pos];
        o.push_str("<g");
        t.class(o, "deposit");
        let _ = write!(
            o,
            r#" data-deposit-id="{}" data-status="{}" data-group="{}""#,
            escape(&m.id),
            m.status.as_str(),
            m.group.key()
        );
        if t.live() {
            let _ = write!(o, r#" data-pos="{pos}" role="button" tabindex="-1" aria-label="{}""#, escape(&m.label));
        }
        o.push('>');
        marker_shape(o, t, m);
        if !t.live() {
            let _ = write!(o, "<title>{}</title>", escape(&m.label));
        }
        o.push_str("</g>");
    }
    o.push_str("</g>");
}

/// A marker's shape in its style.
pub fn marker_shape(o: &mut String, t: Target, m: &Marker) {
    o.push_str("<path");
    t.class(o, "marker");
    let _ = write!(o, r#" d="{}""#, m.shape().d());
    t.style(o, &m.style);
    o.push_str("/>");
}

/// One marker drawn above the canvas (`hovered` or `selected`), the
/// selected one with its ring.
pub fn marker_overlay(o: &mut String, t: Target, m: &Marker, state: &str) {
    o.push_str("<g");
    t.class(o, &format!("deposit {state}"));
    let _ = write!(o, r#" data-deposit-id="{}" data-status="{}">"#, escape(&m.id), m.status.as_str());
    if state == "selected" {
        selection_ring(o, t, m);
    }
    marker_shape(o, t, m);
    o.push_str("</g>");
}

/// The ring around the selected marker (drawn first inside its group).
pub fn selection_ring(o: &mut String, t: Target, m: &Marker) {
    circle(o, t, Some("selection-ring"), m.at, m.r + 5.0, &style::selection_ring());
}

/// Calls `draw` into a new string (a live layer's markup).
pub fn markup(draw: impl FnOnce(&mut String)) -> String {
    let mut o = String::new();
    draw(&mut o);
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::style::TextStyle;

    fn label(text: &str) -> TextLabel {
        TextLabel {
            key: "k\"<".into(),
            focus: true,
            text: text.into(),
            at: [10.0, 20.0],
            style: crate::scene::style::deposit_label(),
        }
    }

    #[test]
    fn text_from_data_is_escaped_so_the_live_map_never_parses_it_as_markup() {
        for t in [Target::Live, Target::File(Theme::Light)] {
            let mut o = String::new();
            text(&mut o, t, &label("<img src=x onerror=alert(1)> & co"), "deposit-label", Some("data-label-deposit"));
            assert!(o.contains("&lt;img src=x onerror=alert(1)&gt; &amp; co</text>"), "{o}");
            assert!(o.contains(r#"data-label-deposit="k&quot;&lt;""#), "{o}");
            assert!(!o.contains("<img"), "{o}");
        }
    }

    /// Every layer of the default frame, as one target writes it.
    fn all_layers(t: Target, f: &Frame) -> String {
        let mut o = String::from(r#"<svg xmlns="http://www.w3.org/2000/svg"><defs>"#);
        hatches(&mut o, f);
        o.push_str("</defs>");
        basemap(&mut o, t, f);
        rivers(&mut o, t, &f.context);
        flows(&mut o, t, f);
        places(&mut o, t, &f.context);
        markers(&mut o, t, f);
        if let Some(m) = f.markers.first() {
            marker_overlay(&mut o, t, m, "selected");
        }
        labels(&mut o, t, f);
        context_labels(&mut o, t, &f.context);
        badges(&mut o, t, f);
        furniture(&mut o, t, &f.context, true);
        o.push_str("</svg>");
        o
    }

    #[test]
    fn both_targets_write_well_formed_markup_with_the_same_elements_and_hooks() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let a = crate::atlas::Atlas::new(crate::data::load::from_dir(&dir).unwrap());
        let f = crate::scene::frame::default_frame(&a, 1280.0, 800.0, None, crate::i18n::Lang::En);
        let shape = |svg: &str| -> Vec<(String, Vec<(String, String)>)> {
            let doc = roxmltree::Document::parse(svg).expect("well-formed");
            // A live marker carries its keyboard position, a file's its name as a
            // tooltip: the one difference, checked below.
            doc.descendants()
                .filter(|n| n.is_element())
                .filter(|n| {
                    !(n.has_tag_name("title") && n.parent().is_some_and(|p| p.has_attribute("data-deposit-id")))
                })
                .map(|n| {
                    let hooks = n
                        .attributes()
                        .filter(|a| a.name().starts_with("data-") && a.name() != "data-pos")
                        .map(|a| (a.name().to_string(), a.value().to_string()))
                        .collect();
                    (n.tag_name().name().to_string(), hooks)
                })
                .collect()
        };
        let (live, file) = (all_layers(Target::Live, &f), all_layers(Target::File(Theme::Light), &f));
        assert_eq!(shape(&live), shape(&file), "the same elements, in the same order, with the same hooks");
        assert!(shape(&live).len() > 500, "the whole frame is drawn");
        assert!(!file.contains("class=") && !file.contains("var(--"), "a file stands alone");
        assert!(live.contains(r#"class="country focus""#) && live.contains("var(--"), "the live map follows the page");
        let n = f.markers.len();
        assert!(n > 0);
        assert_eq!(live.matches(" data-pos=").count(), n, "each live marker has its keyboard position");
        assert_eq!(live.matches(r#" role="button""#).count(), n + f.badges.iter().filter(|b| b.chip.is_some()).count());
        assert_eq!(file.matches("<title>").count(), n + f.context.inset.as_ref().map_or(0, |i| i.inset.capitals.len()));
    }

    #[test]
    fn a_region_chips_text_has_aa_contrast_on_the_chip_in_both_themes() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let a = crate::atlas::Atlas::new(crate::data::load::from_dir(&dir).unwrap());
        let f = crate::scene::frame::default_frame(&a, 1280.0, 800.0, None, crate::i18n::Lang::En);
        for theme in [Theme::Light, Theme::Dark] {
            let mut o = String::from(r#"<svg xmlns="http://www.w3.org/2000/svg">"#);
            badges(&mut o, Target::File(theme), &f);
            o.push_str("</svg>");
            let doc = roxmltree::Document::parse(&o).expect("well-formed");
            let chips: Vec<_> = doc.descendants().filter(|n| n.has_attribute("data-region-group")).collect();
            assert!(chips.len() >= 3, "{theme:?}: {} chips", chips.len());
            for g in chips {
                let fill = |tag: &str| {
                    g.children().find(|n| n.has_tag_name(tag)).and_then(|n| n.attribute("fill")).unwrap().to_string()
                };
                let (bg, ink) = (fill("rect"), fill("text"));
                let c = crate::color::contrast(&bg, &ink);
                assert!(c >= 4.5, "{theme:?} {}: {ink} on {bg} is {c:.2}:1", g.attribute("data-region-group").unwrap());
            }
        }
    }

    #[test]
    fn the_live_map_gets_classes_and_palette_variables_and_a_file_gets_colours() {
        let l = label("Muruntau");
        let TextStyle { fill, halo, .. } = l.style.clone();
        let mut live = String::new();
        text(&mut live, Target::Live, &l, "deposit-label", None);
        assert!(live.contains(r#"class="deposit-label focus""#), "{live}");
        assert!(live.contains(&format!(r#"style="fill:{};stroke:{}""#, fill.css(), halo.css())), "{live}");
        let mut file = String::new();
        text(&mut file, Target::File(Theme::Dark), &l, "deposit-label", None);
        assert!(!file.contains("class="), "{file}");
        assert!(
            file.contains(&format!(r#"fill="{}" stroke="{}""#, fill.resolve(Theme::Dark), halo.resolve(Theme::Dark))),
            "{file}"
        );
    }
}
