//! Every colour and drawing rule of the map, written once. The live SVG,
//! the canvas, the SVG/PNG export and `atlas svg` all take their paint from
//! here; the page's CSS reads the same palette as custom properties that the
//! build ships as `styles/palette.css`, generated from [`css_custom_properties`]
//! (`atlas css`; a test keeps it current). styles/atlas.css only says
//! `var(--land-focus)` and so on, never the colour itself.
//!
//! Data colours (commodity groups, investors) come from
//! `data::commodity::Group::color` and the region manifest.

use crate::data::commodity::Group;
use crate::data::{Deposit, Precision, SiteKind};
use crate::decimal::short;

/// A named colour of the page and the map, resolved per theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ink {
    /// Page and map background.
    Bg,
    /// Panels, and the export's paper.
    Panel,
    Ink,
    Muted,
    Line,
    LandFocus,
    LandContext,
    Border,
    BorderFocus,
    Water,
    WaterLine,
    Accent,
    FocusRing,
    /// The reference arrows and the solid/hatched key.
    Key,
    /// Outline of a marker (the same in both themes: markers sit on land).
    MarkerStroke,
    /// Text on a dark badge.
    OnDark,
    /// River lines, and their names.
    River,
    RiverText,
}

impl Ink {
    pub const ALL: [Ink; 18] = [
        Ink::Bg,
        Ink::Panel,
        Ink::Ink,
        Ink::Muted,
        Ink::Line,
        Ink::LandFocus,
        Ink::LandContext,
        Ink::Border,
        Ink::BorderFocus,
        Ink::Water,
        Ink::WaterLine,
        Ink::Accent,
        Ink::FocusRing,
        Ink::Key,
        Ink::MarkerStroke,
        Ink::OnDark,
        Ink::River,
        Ink::RiverText,
    ];

    /// The CSS custom property's name, without `--`.
    pub fn name(self) -> &'static str {
        match self {
            Ink::Bg => "bg",
            Ink::Panel => "panel",
            Ink::Ink => "ink",
            Ink::Muted => "muted",
            Ink::Line => "line",
            Ink::LandFocus => "land-focus",
            Ink::LandContext => "land-context",
            Ink::Border => "border",
            Ink::BorderFocus => "border-focus",
            Ink::Water => "water",
            Ink::WaterLine => "water-line",
            Ink::Accent => "accent",
            Ink::FocusRing => "focus-ring",
            Ink::Key => "key",
            Ink::MarkerStroke => "marker-stroke",
            Ink::OnDark => "on-dark",
            Ink::River => "river",
            Ink::RiverText => "river-text",
        }
    }

    /// The colour in a theme.
    pub fn hex(self, theme: Theme) -> &'static str {
        let light = theme == Theme::Light;
        match self {
            Ink::Bg => pick(light, "#f6f5f1", "#17191c"),
            Ink::Panel => pick(light, "#ffffff", "#202328"),
            Ink::Ink => pick(light, "#1b1b1b", "#eceae4"),
            Ink::Muted => pick(light, "#555a60", "#b3b0a8"),
            Ink::Line => pick(light, "#d4d1c9", "#3a3e45"),
            Ink::LandFocus => pick(light, "#fffdf8", "#2c3036"),
            Ink::LandContext => pick(light, "#e7e4dc", "#24272c"),
            Ink::Border => pick(light, "#8a857a", "#767a82"),
            Ink::BorderFocus => pick(light, "#5f5a50", "#9a968c"),
            Ink::Water => pick(light, "#c9dfea", "#1e3a4a"),
            Ink::WaterLine => pick(light, "#8fb4c8", "#3b6378"),
            Ink::Accent | Ink::FocusRing => pick(light, "#0b5cad", "#7db7f0"),
            Ink::Key => pick(light, "#555555", "#b3b0a8"),
            Ink::MarkerStroke => "#1b1b1b",
            Ink::OnDark => "#ffffff",
            Ink::River => pick(light, "#6d9fc4", "#4f86ad"),
            Ink::RiverText => pick(light, "#2f6690", "#8cbfe3"),
        }
    }
}

fn pick(light: bool, l: &'static str, d: &'static str) -> &'static str {
    if light { l } else { d }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// A fill or stroke: a palette ink (follows the theme) or a data colour.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    Ink(Ink),
    Hex(String),
    /// A pattern defined once per drawing (the hatch), by id.
    Pattern(String),
    None,
}

impl Paint {
    pub fn hex(s: &str) -> Paint {
        Paint::Hex(s.to_string())
    }

    /// For a live style attribute: `var(--land-focus)` or `#rrggbb`.
    pub fn css(&self) -> String {
        match self {
            Paint::Ink(i) => format!("var(--{})", i.name()),
            Paint::Hex(h) => h.clone(),
            Paint::Pattern(id) => format!("url(#{id})"),
            Paint::None => "none".into(),
        }
    }

    /// A concrete colour (canvas, and the export, which is always light).
    pub fn resolve(&self, theme: Theme) -> String {
        match self {
            Paint::Ink(i) => i.hex(theme).to_string(),
            Paint::Hex(h) => h.clone(),
            Paint::Pattern(id) => format!("url(#{id})"),
            Paint::None => "none".into(),
        }
    }
}

/// `:root { --bg: …; … }` for both themes: the page's CSS reads these.
/// The committed `styles/palette.css`: [`css_custom_properties`] with a
/// header. A static file, so the page's Content-Security-Policy needs no
/// inline `<style>`; a test keeps it equal to the palette.
pub fn palette_stylesheet() -> String {
    format!(
        "/* Generated from src/scene/style.rs by `cargo run --bin atlas -- css > styles/palette.css`. Do not edit. */\n{}\n",
        css_custom_properties()
    )
}

pub fn css_custom_properties() -> String {
    let block = |theme: Theme| Ink::ALL.iter().map(|i| format!("--{}:{};", i.name(), i.hex(theme))).collect::<String>();
    format!(":root{{{}}}@media (prefers-color-scheme: dark){{:root{{{}}}}}", block(Theme::Light), block(Theme::Dark))
}

/// Fill, stroke and width of a shape.
#[derive(Debug, Clone, PartialEq)]
pub struct PathStyle {
    pub fill: Paint,
    pub fill_opacity: f64,
    pub stroke: Paint,
    pub stroke_width: f64,
    pub stroke_opacity: f64,
    /// `stroke-dasharray`, in pixels.
    pub dash: Option<[f64; 2]>,
}

impl PathStyle {
    pub fn fill(fill: Paint) -> PathStyle {
        PathStyle { fill, fill_opacity: 1.0, stroke: Paint::None, stroke_width: 0.0, stroke_opacity: 1.0, dash: None }
    }

    pub fn outlined(fill: Paint, stroke: Paint, width: f64) -> PathStyle {
        PathStyle { stroke, stroke_width: width, ..PathStyle::fill(fill) }
    }

    /// (property, value) pairs, colours resolved by `paint`.
    fn pairs(&self, paint: impl Fn(&Paint) -> String) -> Vec<(&'static str, String)> {
        let mut v = vec![("fill", paint(&self.fill)), ("stroke", paint(&self.stroke))];
        if self.stroke != Paint::None {
            v.push(("stroke-width", short(self.stroke_width).to_string()));
        }
        if self.fill_opacity < 1.0 {
            v.push(("fill-opacity", short(self.fill_opacity).to_string()));
        }
        if self.stroke_opacity < 1.0 {
            v.push(("stroke-opacity", short(self.stroke_opacity).to_string()));
        }
        if let Some([a, b]) = self.dash {
            v.push(("stroke-dasharray", format!("{} {}", short(a), short(b))));
        }
        v
    }

    /// SVG presentation as one inline `style` value (`var()` works there).
    pub fn css(&self) -> String {
        self.pairs(Paint::css).iter().map(|(k, v)| format!("{k}:{v}")).collect::<Vec<_>>().join(";")
    }

    /// SVG presentation attributes with concrete colours (the export).
    pub fn attrs(&self, theme: Theme) -> String {
        self.pairs(|p| p.resolve(theme)).iter().map(|(k, v)| format!(r#"{k}="{v}""#)).collect::<Vec<_>>().join(" ")
    }
}

/// Country outlines.
pub fn country(focus: bool) -> PathStyle {
    if focus {
        PathStyle::outlined(Paint::Ink(Ink::LandFocus), Paint::Ink(Ink::BorderFocus), 1.1)
    } else {
        PathStyle::outlined(Paint::Ink(Ink::LandContext), Paint::Ink(Ink::Border), 0.7)
    }
}

pub fn water() -> PathStyle {
    PathStyle::outlined(Paint::Ink(Ink::Water), Paint::Ink(Ink::WaterLine), 0.5)
}

/// Marker radius by kind, in pixels (constant on screen).
pub fn marker_radius(kind: SiteKind) -> f64 {
    match kind {
        SiteKind::Plant => 4.5,
        _ => 5.5,
    }
}

/// A deposit marker: filled with its primary commodity's group colour and
/// outlined, or hollow with a dashed outline when only the region is known.
pub fn marker(d: &Deposit) -> PathStyle {
    let color = Paint::hex(Group::of(d.primary()).color());
    if d.precision == Precision::Region {
        PathStyle { dash: Some([2.5, 1.5]), ..PathStyle::outlined(Paint::Ink(Ink::Panel), color, 2.0) }
    } else {
        PathStyle::outlined(color, Paint::Ink(Ink::MarkerStroke), 1.2)
    }
}

/// The uncertainty halo of an approximate deposit, when it is larger than
/// the marker: its radius in pixels at plane scale `k` and its style.
pub fn halo(d: &Deposit, k: f64) -> Option<(f64, PathStyle)> {
    let r = d.precision_km / 6371.0 * k;
    (d.precision != Precision::Exact && r > marker_radius(d.kind) + 1.5).then(|| {
        let fill_opacity = if d.precision == Precision::Region { 0.08 } else { 0.14 };
        (
            r,
            PathStyle {
                fill: Paint::hex(Group::of(d.primary()).color()),
                fill_opacity,
                stroke: Paint::Ink(Ink::Ink),
                stroke_width: 1.0,
                stroke_opacity: 0.3,
                dash: Some([2.0, 2.0]),
            },
        )
    })
}

/// A cluster: a disc in its dominant group's colour, sized by its count.
pub fn cluster(group: Group, count: usize) -> (f64, PathStyle) {
    let r = (9.0 + 3.2 * (count as f64).log10() * 2.0).min(26.0);
    (r, PathStyle { fill_opacity: 0.85, ..PathStyle::outlined(Paint::hex(group.color()), Paint::Ink(Ink::Panel), 2.0) })
}

/// Text on a cluster: dark on the light group colours (yellow, sky blue,
/// orange), white on the others, for AA contrast.
pub fn cluster_text(group: Group) -> Ink {
    match group {
        Group::Uranium | Group::LeadZinc | Group::Precious | Group::Industrial => Ink::MarkerStroke,
        _ => Ink::OnDark,
    }
}

/// Ring around a selected marker, and around the keyboard focus.
pub fn selection_ring() -> PathStyle {
    PathStyle::outlined(Paint::None, Paint::Ink(Ink::Ink), 2.0)
}

pub fn focus_ring() -> PathStyle {
    PathStyle::outlined(Paint::None, Paint::Ink(Ink::FocusRing), 3.0)
}

/// How much badges darken an investor colour (white text stays AA).
pub const BADGE_DARKEN: f64 = crate::color::BADGE_DARKEN;

/// The badge colour for an investor colour.
pub fn badge(investor_color: &str) -> String {
    crate::color::darken(investor_color, BADGE_DARKEN)
}

/// Committed (not yet realized) money: a hatch in the investor colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Hatch {
    pub id: String,
    pub color: String,
    pub size: f64,
    pub angle_deg: f64,
    pub line_width: f64,
    pub background_opacity: f64,
}

pub fn hatch(investor: &str, color: &str) -> Hatch {
    Hatch {
        id: format!("hatch-{investor}"),
        color: color.to_string(),
        size: 6.0,
        angle_deg: 45.0,
        line_width: 2.6,
        background_opacity: 0.12,
    }
}

/// A font for map text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    pub size: f64,
    pub weight: u16,
    pub italic: bool,
    pub letter_spacing: f64,
    pub fill: Paint,
    /// The halo drawn behind the text (paint-order: stroke).
    pub halo: Paint,
}

pub fn country_label(focus: bool) -> TextStyle {
    if focus {
        TextStyle {
            size: 13.0,
            weight: 700,
            italic: false,
            letter_spacing: 1.1,
            fill: Paint::Ink(Ink::Ink),
            halo: Paint::Ink(Ink::LandFocus),
        }
    } else {
        TextStyle {
            size: 11.0,
            weight: 400,
            italic: true,
            letter_spacing: 0.0,
            fill: Paint::Ink(Ink::Muted),
            halo: Paint::Ink(Ink::Bg),
        }
    }
}

pub fn deposit_label() -> TextStyle {
    TextStyle {
        size: 11.0,
        weight: 400,
        italic: false,
        letter_spacing: 0.0,
        fill: Paint::Ink(Ink::Ink),
        halo: Paint::Ink(Ink::Bg),
    }
}

/// A river line: thicker for major rivers.
pub fn river(rank: u32) -> PathStyle {
    PathStyle::outlined(Paint::None, Paint::Ink(Ink::River), if rank <= 1 { 1.4 } else { 1.0 })
}

/// The amount written at an arrow ("$17.2bn"): bold ink on a halo, so it
/// reads over land, water and the arrow's own hatch in both themes.
pub fn amount_label() -> TextStyle {
    TextStyle { size: 11.5, weight: 700, ..deposit_label() }
}

/// A pinned note's text, and its leader line to the anchor.
pub fn note_label() -> TextStyle {
    TextStyle { size: 11.0, weight: 400, italic: true, ..deposit_label() }
}

pub fn note_leader() -> PathStyle {
    PathStyle::outlined(Paint::None, Paint::Ink(Ink::Ink), 0.9)
}

/// The dot a note pinned to a point (not a deposit) points at.
pub fn note_dot() -> PathStyle {
    PathStyle::outlined(Paint::Ink(Ink::Ink), Paint::Ink(Ink::Panel), 0.8)
}

pub fn river_label() -> TextStyle {
    TextStyle {
        size: crate::scene::rivers::RIVER_LABEL_PX,
        weight: 400,
        italic: true,
        letter_spacing: 0.3,
        fill: Paint::Ink(Ink::RiverText),
        halo: Paint::Ink(Ink::Bg),
    }
}

/// A capital is a ringed dot (this ring, then [`place_dot`] inside); a
/// city is a plain dot. Both dark, so they never read as a deposit colour.
pub fn capital_ring() -> PathStyle {
    PathStyle::outlined(Paint::Ink(Ink::Panel), Paint::Ink(Ink::Ink), 1.4)
}

pub fn place_dot() -> PathStyle {
    PathStyle::outlined(Paint::Ink(Ink::Ink), Paint::Ink(Ink::Panel), 0.8)
}

pub fn place_label(capital: bool) -> TextStyle {
    TextStyle {
        size: if capital { crate::scene::places::CAPITAL_PX } else { crate::scene::places::CITY_PX },
        weight: if capital { 700 } else { 400 },
        italic: false,
        letter_spacing: 0.0,
        fill: Paint::Ink(if capital { Ink::Ink } else { Ink::Muted }),
        halo: Paint::Ink(Ink::Bg),
    }
}

/// The scale bar: a dark bar with a light edge, and its length in km.
pub fn scale_bar() -> PathStyle {
    PathStyle::outlined(Paint::Ink(Ink::Ink), Paint::Ink(Ink::Panel), 1.0)
}

pub fn scale_label() -> TextStyle {
    TextStyle {
        size: 11.0,
        weight: 600,
        italic: false,
        letter_spacing: 0.0,
        fill: Paint::Ink(Ink::Ink),
        halo: Paint::Ink(Ink::Bg),
    }
}

/// The locator inset: a panel, land, the map's frame and the capitals.
pub fn inset_panel() -> PathStyle {
    PathStyle { fill_opacity: 0.92, ..PathStyle::outlined(Paint::Ink(Ink::Panel), Paint::Ink(Ink::Line), 1.0) }
}

pub fn inset_land() -> PathStyle {
    PathStyle { fill_opacity: 0.45, ..PathStyle::fill(Paint::Ink(Ink::Border)) }
}

pub fn inset_frame() -> PathStyle {
    PathStyle { fill_opacity: 0.15, ..PathStyle::outlined(Paint::Ink(Ink::Accent), Paint::Ink(Ink::Accent), 1.6) }
}

pub fn inset_capital(color: &str) -> PathStyle {
    PathStyle::outlined(Paint::hex(color), Paint::Ink(Ink::Panel), 1.0)
}

pub fn inset_label() -> TextStyle {
    TextStyle {
        size: 9.0,
        weight: 600,
        italic: false,
        letter_spacing: 0.0,
        fill: Paint::Ink(Ink::Ink),
        halo: Paint::Ink(Ink::Panel),
    }
}

pub const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

#[cfg(test)]
mod tests {
    use super::*;

    /// Hex colours written in a file, lower-cased.
    fn hexes(text: &str) -> Vec<String> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        for i in 0..b.len() {
            if b[i] == b'#' {
                let run = b[i + 1..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
                if run == 6 {
                    out.push(text[i..i + 7].to_lowercase());
                }
            }
        }
        out
    }

    #[test]
    fn the_palette_is_written_once_and_the_css_only_reads_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let palette: Vec<String> =
            Ink::ALL.iter().flat_map(|i| [i.hex(Theme::Light), i.hex(Theme::Dark)]).map(str::to_lowercase).collect();
        let css = std::fs::read_to_string(root.join("styles/atlas.css")).unwrap();
        let mut files = vec![("styles/atlas.css".to_string(), css)];
        let mut stack = vec![root.join("src")];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("scene/style.rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    // Tests may name colours (contrast checks); the code may not.
                    let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
                    files.push((p.display().to_string(), code));
                }
            }
        }
        for (name, text) in &files {
            for h in hexes(text) {
                assert!(!palette.contains(&h), "{name} writes the palette colour {h}: take it from scene::style");
            }
        }
        let generated = std::fs::read_to_string(root.join("styles/palette.css")).unwrap_or_default();
        assert_eq!(
            generated,
            palette_stylesheet(),
            "styles/palette.css is stale: run `cargo run --bin atlas -- css > styles/palette.css`"
        );
        let css = css_custom_properties();
        for i in Ink::ALL {
            assert!(css.contains(&format!("--{}:{};", i.name(), i.hex(Theme::Light))));
            assert!(css.contains(&format!("--{}:{};", i.name(), i.hex(Theme::Dark))));
        }
    }

    #[test]
    fn badge_text_is_drawn_in_the_white_the_data_check_assumes() {
        // `color::badge_text_contrast` (the investor-colour check in data/)
        // computes white text on the badge; the badge's ink must be that white.
        for theme in [Theme::Light, Theme::Dark] {
            assert!((crate::color::luminance(Ink::OnDark.hex(theme)) - 1.0).abs() < 1e-12);
        }
        assert_eq!(badge("#d55e00"), crate::color::darken("#d55e00", crate::color::BADGE_DARKEN));
    }

    #[test]
    fn cluster_text_is_readable_on_every_group_colour() {
        use crate::color::contrast;
        for g in Group::ALL {
            let text = cluster_text(g).hex(Theme::Light);
            assert!(contrast(g.color(), text) >= 3.0, "{g:?}: {:.2}", contrast(g.color(), text));
        }
    }

    #[test]
    fn a_live_style_follows_the_theme_and_an_export_style_is_concrete() {
        let s = country(true);
        assert_eq!(s.css(), "fill:var(--land-focus);stroke:var(--border-focus);stroke-width:1.1");
        assert_eq!(s.attrs(Theme::Light), r##"fill="#fffdf8" stroke="#5f5a50" stroke-width="1.1""##);
    }
}
