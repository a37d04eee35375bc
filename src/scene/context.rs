//! The context layer of a [`Frame`](super::frame::Frame): rivers, capitals
//! and cities, the scale bar and the locator inset, in screen pixels with
//! their styles. Built in two steps around the frame's one label step:
//! [`draft`] gives the shapes and the label candidates; the frame places
//! those together with the deposit labels; [`finish`] keeps what was placed.

use super::inset::{self, Inset};
use super::labels::Rect;
use super::layers::{Layer, Layers};
use super::places::{self, PlaceMark};
use super::rivers::{self, RiverLabel};
use super::scalebar::{self, ScaleBar};
use super::shapes::{ShapePath, TextLabel};
use super::style::{self, PathStyle, TextStyle};
use crate::atlas::Atlas;
use crate::decimal::fixed;
use crate::i18n::Lang;
use crate::spatial::View;

/// Below this map width the live page hides the inset (it would cover the
/// map) and labels may use its corner; the export always draws it.
pub const INSET_MIN_MAP_WIDTH: f64 = 640.0;
/// Room kept at the bottom-left for the page's "N in view" count.
const COUNT_H: f64 = 34.0;
/// The zoom buttons over the map's bottom-right corner (styles/atlas.css
/// `.zoom-controls`: three buttons of up to 44 px on phones, 4 px apart, 10 px in),
/// stacked, or in a row on a map up to [`ZOOM_ROW_MAX_MAP_WIDTH`] wide.
const ZOOM_W: f64 = 58.0;
const ZOOM_H: f64 = 154.0;
/// Up to this map width the zoom buttons sit in a row (styles/atlas.css,
/// `@container map (max-width: 720px)`): a stack as tall as a third of a
/// phone's map covered the names at its right edge.
pub const ZOOM_ROW_MAX_MAP_WIDTH: f64 = 720.0;

/// The box the zoom buttons cover on a `width`×`height` map.
pub fn controls_rect(width: f64, height: f64) -> Rect {
    let (w, h) = if width <= ZOOM_ROW_MAX_MAP_WIDTH { (ZOOM_H, ZOOM_W) } else { (ZOOM_W, ZOOM_H) };
    Rect { x: width - w, y: height - h, w, h }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMarker {
    pub id: String,
    pub at: [f64; 2],
    pub capital: bool,
    pub r: f64,
    pub style: PathStyle,
    /// The dot inside a capital's ring: radius and style.
    pub dot: Option<(f64, PathStyle)>,
}

/// A river's name, turned `angle` degrees (clockwise) about its centre.
#[derive(Debug, Clone, PartialEq)]
pub struct RiverText {
    pub label: TextLabel,
    pub angle: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScaleBarShape {
    pub bar: ScaleBar,
    /// Left end of the bar, at its vertical middle.
    pub at: [f64; 2],
    pub height: f64,
    pub style: PathStyle,
    pub label: TextLabel,
}

impl ScaleBarShape {
    /// The bar as path data: a thin rectangle.
    pub fn d(&self) -> String {
        let [x, y] = self.at;
        let h = self.height;
        format!(
            "M{},{}h{}v{}h{}Z",
            fixed(x, 1),
            fixed(y - h / 2.0, 1),
            fixed(self.bar.px, 2),
            fixed(h, 1),
            fixed(-self.bar.px, 2)
        )
    }

    fn rect(&self) -> Rect {
        Rect { x: self.at[0] - 4.0, y: self.at[1] - 22.0, w: self.bar.px.max(60.0) + 8.0, h: 30.0 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InsetShape {
    /// Top-left corner on the map.
    pub at: [f64; 2],
    pub inset: Inset,
    pub panel: PathStyle,
    pub land: PathStyle,
    pub frame: PathStyle,
    /// One style per capital, same order as `inset.capitals`.
    pub capitals: Vec<PathStyle>,
    pub label: TextStyle,
}

impl InsetShape {
    pub fn rect(&self) -> Rect {
        Rect { x: self.at[0] - 2.0, y: self.at[1] - 2.0, w: self.inset.width + 4.0, h: self.inset.height + 4.0 }
    }
}

/// What the frame draws for context.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContextLayer {
    pub rivers: Vec<ShapePath>,
    /// Capitals of the focus states always; other places when their name fits.
    pub places: Vec<PlaceMarker>,
    pub place_labels: Vec<TextLabel>,
    pub river_labels: Vec<RiverText>,
    pub scale_bar: Option<ScaleBarShape>,
    pub inset: Option<InsetShape>,
}

/// The shapes, and the label candidates for the frame's label step.
pub struct Draft {
    pub layer: ContextLayer,
    /// Places that show at this scale, most important first.
    pub marks: Vec<PlaceMark>,
    pub rivers: Vec<RiverLabel>,
    /// Boxes no label may cover: place markers, the scale bar, the inset, the count.
    pub blocked: Vec<Rect>,
    /// The zoom buttons' corner: the labels placed after the country names and
    /// the capitals (notes, amounts, deposit, city and river names) keep off it;
    /// the five states' names and capitals may not fit elsewhere on a phone.
    pub controls: Rect,
}

impl Draft {
    /// Label candidates of the places: (index into `marks`, boxes).
    pub fn place_candidates(&self, capitals: bool) -> Vec<(usize, Vec<Rect>)> {
        self.marks
            .iter()
            .enumerate()
            .filter(|(_, m)| (m.capital && m.focus) == capitals)
            .map(|(i, m)| (i, m.label_candidates()))
            .collect()
    }

    /// Label candidates of the rivers: (index into `rivers`, boxes).
    pub fn river_candidates(&self) -> Vec<(usize, Vec<Rect>)> {
        self.rivers.iter().enumerate().map(|(i, r)| (i, r.spots.iter().map(|s| s.rect).collect())).collect()
    }
}

/// The inset's width for a map `width` px wide.
pub fn inset_width(width: f64) -> f64 {
    (width * 0.15).clamp(120.0, 190.0)
}

/// The context for `view`: the layers `layers` hides are left out (the
/// scale bar is always drawn).
pub fn draft(atlas: &Atlas, view: &View, width: f64, height: f64, lang: Lang, layers: Layers) -> Draft {
    let ctx = &atlas.ds.context;
    let region = &atlas.ds.region;
    let kpp = scalebar::km_per_px(&atlas.proj, view, [width / 2.0, height / 2.0]);
    let no_rivers: &[_] = &[];
    let shown_rivers = if layers.shows(Layer::Rivers) { &ctx.rivers[..] } else { no_rivers };
    let rivers = rivers::paths(shown_rivers, &atlas.proj, view, width, height)
        .into_iter()
        .map(|p| ShapePath { id: p.id, focus: false, d: p.d, style: style::river(p.rank) })
        .collect();
    let marks = if layers.shows(Layer::Places) {
        places::marks(&ctx.places, &region.focus, &atlas.proj, view, width, height, kpp, lang)
    } else {
        Vec::new()
    };
    let river_labels = rivers::labels(shown_rivers, &atlas.proj, view, (width, height), kpp, lang);
    let mut blocked: Vec<Rect> = marks.iter().map(PlaceMark::marker_rect).collect();
    // The count reads "77 deposits in view" (or its longer Russian), ~280 px at most.
    blocked.push(Rect { x: 0.0, y: height - COUNT_H, w: (width * 0.75).min(290.0), h: COUNT_H });

    let bar = scalebar::scale_bar(&atlas.proj, view, width, height, lang);
    let at = [14.0, height - COUNT_H - 8.0];
    let label = TextLabel {
        key: "scale".into(),
        focus: false,
        text: bar.label.clone(),
        at: [at[0] + bar.px / 2.0, at[1] - 11.0],
        style: style::scale_label(),
    };
    let scale_bar = ScaleBarShape { bar, at, height: 4.0, style: style::scale_bar(), label };
    blocked.push(scale_bar.rect());

    let inset = (layers.shows(Layer::Inset) && !ctx.world.is_empty()).then(|| {
        let inset = inset::build(
            &ctx.world,
            region.frame,
            &region.investors,
            |i| i.origin_label.get(lang).to_string(),
            inset_width(width),
        );
        let top = scale_bar.rect().y - 6.0 - inset.height;
        InsetShape {
            at: [10.0, top.max(4.0)],
            capitals: inset.capitals.iter().map(|c| style::inset_capital(&c.color)).collect(),
            inset,
            panel: style::inset_panel(),
            land: style::inset_land(),
            frame: style::inset_frame(),
            label: style::inset_label(),
        }
    });
    // Labels keep off the inset where the page shows it.
    if let Some(i) = inset.as_ref().filter(|_| width >= INSET_MIN_MAP_WIDTH) {
        blocked.push(i.rect());
    }
    Draft {
        layer: ContextLayer { rivers, scale_bar: Some(scale_bar), inset, ..Default::default() },
        marks,
        rivers: river_labels,
        blocked,
        controls: controls_rect(width, height),
    }
}

/// Keep the placed labels: `places[i]` is the box chosen for `draft.marks[i]`,
/// `rivers[i]` for `draft.rivers[i]`. A city whose name did not fit is not
/// drawn (an unnamed dot would read as a deposit); a focus capital always is.
pub fn finish(draft: Draft, places: &[Option<Rect>], rivers: &[Option<Rect>]) -> ContextLayer {
    let mut layer = draft.layer;
    for (m, r) in draft.marks.iter().zip(places) {
        if r.is_none() && !(m.capital && m.focus) {
            continue;
        }
        layer.places.push(PlaceMarker {
            id: m.id.clone(),
            at: m.at,
            capital: m.capital,
            r: m.r,
            style: if m.capital { style::capital_ring() } else { style::place_dot() },
            dot: m.capital.then(|| (1.8, style::place_dot())),
        });
        if let Some(r) = r {
            layer.place_labels.push(TextLabel {
                key: m.id.clone(),
                focus: m.capital,
                text: m.text.clone(),
                at: r.center(),
                style: style::place_label(m.capital),
            });
        }
    }
    for (l, r) in draft.rivers.iter().zip(rivers) {
        let Some(spot) = r.and_then(|r| l.spots.iter().find(|s| s.rect == r)) else { continue };
        layer.river_labels.push(RiverText {
            label: TextLabel {
                key: l.id.clone(),
                focus: false,
                text: l.text.clone(),
                at: spot.at,
                style: style::river_label(),
            },
            angle: spot.angle,
        });
    }
    layer
}

/// The part of a `width`×`height` map that a panel over it at `panel`
/// ([x0, y0, x1, y1], map pixels) leaves free: beside a side panel or above
/// a bottom sheet, as [x0, y0, x1, y1]; `None` when it leaves too little to
/// show a selection in (a panel over the whole map).
pub fn free_beside(width: f64, height: f64, panel: [f64; 4]) -> Option<[f64; 4]> {
    const ROOM: f64 = 160.0;
    let [left, top, right, _] = panel;
    if left >= ROOM && right >= width - 20.0 {
        Some([0.0, 0.0, left, height])
    } else if top >= ROOM && left <= 20.0 && right >= width - 20.0 {
        Some([0.0, 0.0, width, top])
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::flows::COUNTRY_LABEL_PX;
    use crate::scene::frame::default_frame;
    use crate::scene::labels::{spaced_label_width, text_width};

    #[test]
    fn a_side_panel_leaves_the_map_beside_it_free_and_a_bottom_sheet_the_map_above_it() {
        assert_eq!(free_beside(950.0, 640.0, [560.0, 10.0, 940.0, 630.0]), Some([0.0, 0.0, 560.0, 640.0]));
        assert_eq!(free_beside(390.0, 400.0, [0.0, 200.0, 390.0, 400.0]), Some([0.0, 0.0, 390.0, 200.0]));
        // Over the whole map (the embed on a phone): nothing free.
        assert_eq!(free_beside(390.0, 320.0, [8.0, 8.0, 382.0, 312.0]), None);
    }

    fn atlas() -> Atlas {
        Atlas::new(
            crate::data::load::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")).unwrap(),
        )
    }

    #[test]
    fn a_hidden_context_layer_is_left_out_and_the_others_stay() {
        let a = atlas();
        let v = a.base_view(1280.0, 800.0);
        let all = draft(&a, &v, 1280.0, 800.0, Lang::En, Layers::default());
        assert!(!all.marks.is_empty() && !all.rivers.is_empty() && !all.layer.rivers.is_empty());
        assert!(all.layer.inset.is_some());
        for hide in [Layer::Places, Layer::Rivers, Layer::Inset] {
            let d = draft(&a, &v, 1280.0, 800.0, Lang::En, Layers::default().with(hide, false));
            assert_eq!(d.marks.is_empty(), hide == Layer::Places, "{hide:?}");
            assert_eq!(d.rivers.is_empty() && d.layer.rivers.is_empty(), hide == Layer::Rivers, "{hide:?}");
            assert_eq!(d.layer.inset.is_none(), hide == Layer::Inset, "{hide:?}");
            // The scale bar is not a layer: it is always drawn.
            assert!(d.layer.scale_bar.is_some());
        }
    }

    #[test]
    fn the_default_frame_names_the_five_capitals_in_both_languages_without_overlaps() {
        let a = atlas();
        // A full window, the map beside the sidebar in a 1280×800 window (headless and
        // headed heights), a phone.
        for (w, h) in [(1280.0, 800.0), (935.0, 507.0), (935.0, 563.0), (935.0, 650.0), (390.0, 374.0)] {
            for (lang, names) in [
                (Lang::En, ["Astana", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat"]),
                (Lang::Ru, ["Астана", "Ташкент", "Бишкек", "Душанбе", "Ашхабад"]),
            ] {
                let f = default_frame(&a, w, h, None, lang);
                let c = &f.context;
                let texts: Vec<&str> = c.place_labels.iter().map(|l| l.text.as_str()).collect();
                if w > 900.0 {
                    for n in names {
                        assert!(texts.contains(&n), "{w}: {n} not in {texts:?}");
                    }
                    assert!(texts.len() > 5, "cities too: {texts:?}");
                    assert!(w < 1200.0 || !c.river_labels.is_empty(), "{w}: no river named");
                }
                // The five states keep their names, placed around the capitals.
                assert_eq!(f.country_labels.iter().filter(|l| l.focus).count(), 5, "{w} {lang:?}");
                // Every capital of the five is drawn, named or not.
                assert!(names.iter().all(|_| c.places.iter().filter(|p| p.capital).count() >= 5));
                // All labels, of every kind, pairwise apart.
                let mut boxes: Vec<(String, Rect)> = Vec::new();
                for l in &f.country_labels {
                    let px = if l.focus { COUNTRY_LABEL_PX } else { 11.0 };
                    let tw = if l.focus { spaced_label_width(&l.text, px) } else { text_width(&l.text, px) };
                    boxes.push((l.text.clone(), Rect::centered(l.at, tw, px + 2.0)));
                }
                for l in f.deposit_labels.iter().chain(&c.place_labels) {
                    boxes.push((
                        l.text.clone(),
                        Rect::centered(l.at, text_width(&l.text, l.style.size), l.style.size + 2.0),
                    ));
                }
                for (i, (ta, ra)) in boxes.iter().enumerate() {
                    for (tb, rb) in &boxes[i + 1..] {
                        assert!(!ra.overlaps(rb), "{w} {lang:?}: {ta} overlaps {tb}");
                    }
                    for p in &c.places {
                        let own = c.place_labels.iter().any(|l| l.text == *ta && l.key == p.id);
                        assert!(
                            own || !ra.overlaps(&Rect::centered(p.at, 2.0 * p.r, 2.0 * p.r)),
                            "{ta} covers {}",
                            p.id
                        );
                    }
                }
                assert!(f.context.scale_bar.is_some() && f.context.inset.is_some());
            }
        }
    }

    #[test]
    fn the_scale_bar_and_inset_sit_in_the_bottom_left_corner_inside_the_map() {
        let a = atlas();
        let f = default_frame(&a, 1280.0, 800.0, None, Lang::En);
        let bar = f.context.scale_bar.as_ref().unwrap();
        let inset = f.context.inset.as_ref().unwrap();
        assert!(bar.at[0] > 0.0 && bar.at[0] + bar.bar.px < 400.0 && bar.at[1] < 800.0 && bar.at[1] > 600.0);
        let r = inset.rect();
        assert!(r.x >= 0.0 && r.y >= 0.0 && r.y + r.h <= bar.rect().y && r.w <= 200.0);
        // No label sits on the inset.
        let inset_rect = inset.rect();
        for l in f.context.place_labels.iter().chain(&f.deposit_labels) {
            assert!(
                !Rect::centered(l.at, text_width(&l.text, l.style.size), l.style.size).overlaps(&inset_rect),
                "{}",
                l.text
            );
        }
    }

    #[test]
    fn the_export_draws_the_same_context_as_the_frame_even_on_a_phone() {
        let a = atlas();
        for (w, h) in [(1000.0, 640.0), (390.0, 374.0)] {
            let f = default_frame(&a, w, h, None, Lang::Ru);
            let (svg, _) = crate::render::export::standalone_svg(&f, "u");
            let doc = roxmltree::Document::parse(&svg).expect("well-formed");
            let count = |attr: &str| doc.descendants().filter(|n| n.attribute(attr).is_some()).count();
            assert_eq!(count("data-river"), f.context.rivers.len());
            assert_eq!(count("data-place"), f.context.places.len());
            assert_eq!(count("data-label-place"), f.context.place_labels.len());
            assert_eq!(count("data-river-label"), f.context.river_labels.len());
            assert_eq!(count("data-inset"), 1, "the export always has the inset");
            assert_eq!(count("data-inset-capital"), 4);
            let bar = doc.descendants().find(|n| n.attribute("data-scale-km").is_some()).expect("scale bar");
            let km: f64 = bar.attribute("data-scale-km").unwrap().parse().unwrap();
            assert_eq!(km, f.context.scale_bar.as_ref().unwrap().bar.km);
            let text: String = doc.descendants().filter_map(|n| n.text()).collect();
            assert!(text.contains(" км"), "the unit in Russian");
            assert!(f.context.place_labels.iter().all(|l| text.contains(&l.text)));
            assert!(f.context.place_labels.iter().any(|l| l.text.chars().any(|c| ('а'..='я').contains(&c))));
        }
    }

    #[test]
    fn a_region_without_context_layers_draws_none() {
        let mut a = atlas();
        a.ds.context = Default::default();
        let f = default_frame(&a, 1280.0, 800.0, None, Lang::En);
        assert!(f.context.places.is_empty() && f.context.rivers.is_empty() && f.context.inset.is_none());
        assert!(f.context.scale_bar.is_some(), "the scale bar needs only the projection");
    }
}
