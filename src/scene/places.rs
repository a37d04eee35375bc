//! Capitals and cities for a view: which show at this scale (ranked by size,
//! fewer when zoomed out), their markers, and their label candidates for the
//! one collision-free label step.

use super::labels::{Rect, text_width};
use crate::data::Place;
use crate::i18n::Lang;
use crate::spatial::{Albers, View};

/// People per kilometre of screen pixel: a city shows when its population
/// is at least this times the km a pixel spans at the map's centre. At the
/// default desktop view (~3.3 km/px) that is cities of ~330,000 and more;
/// at 4× zoom, ~80,000. Capitals of the focus states always show.
pub const PEOPLE_PER_KM_PX: f64 = 100_000.0;

/// Font sizes (px) of capital and city labels.
pub const CAPITAL_PX: f64 = 12.0;
pub const CITY_PX: f64 = 11.0;
/// Marker radii (px): a capital is a ringed dot, a city a plain dot.
pub const CAPITAL_R: f64 = 4.2;
pub const CITY_R: f64 = 2.6;

/// A place to draw, in screen pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMark {
    /// Index into the dataset's places.
    pub place: usize,
    pub id: String,
    pub at: [f64; 2],
    pub capital: bool,
    /// In one of the region's focus states.
    pub focus: bool,
    pub text: String,
    pub font_px: f64,
    pub r: f64,
}

impl PlaceMark {
    /// The marker's box (an obstacle for every label).
    pub fn marker_rect(&self) -> Rect {
        Rect::centered(self.at, 2.0 * self.r + 2.0, 2.0 * self.r + 2.0)
    }

    /// Label boxes, best first: right of the marker, left, above, below,
    /// the four diagonals, then a line further out.
    pub fn label_candidates(&self) -> Vec<Rect> {
        let (tw, th) = (label_width(&self.text, self.font_px, self.capital), self.font_px + 3.0);
        let gap = self.r + 2.5;
        let [x, y] = self.at;
        vec![
            Rect { x: x + gap, y: y - th / 2.0, w: tw, h: th },
            Rect { x: x - gap - tw, y: y - th / 2.0, w: tw, h: th },
            Rect { x: x - tw / 2.0, y: y - gap - th, w: tw, h: th },
            Rect { x: x - tw / 2.0, y: y + gap, w: tw, h: th },
            Rect { x: x + gap * 0.8, y: y - gap * 0.8 - th, w: tw, h: th },
            Rect { x: x + gap * 0.8, y: y + gap * 0.8, w: tw, h: th },
            Rect { x: x - gap * 0.8 - tw, y: y - gap * 0.8 - th, w: tw, h: th },
            Rect { x: x - gap * 0.8 - tw, y: y + gap * 0.8, w: tw, h: th },
            // A line further out, where markers crowd the near spots.
            Rect { x: x - tw / 2.0, y: y + gap + th + 1.0, w: tw, h: th },
            Rect { x: x - tw / 2.0, y: y - gap - 2.0 * th - 1.0, w: tw, h: th },
            Rect { x: x + gap, y: y + th / 2.0 + 1.0, w: tw, h: th },
            Rect { x: x - gap - tw, y: y + th / 2.0 + 1.0, w: tw, h: th },
        ]
    }
}

/// A place name's width: the rough estimate, widened for wide sans faces
/// (DejaVu Sans, Chromium's default on Linux, runs ~10% wider; bold ~25%).
pub fn label_width(text: &str, font_px: f64, bold: bool) -> f64 {
    text_width(text, font_px) * if bold { 1.25 } else { 1.12 } + 2.0
}

/// The least population a city needs to show at `km_per_px`.
pub fn min_population(km_per_px: f64) -> f64 {
    PEOPLE_PER_KM_PX * km_per_px
}

/// Whether `p` shows at `km_per_px`: focus-state capitals always, others by size.
pub fn shows(p: &Place, focus: &[String], km_per_px: f64) -> bool {
    (p.capital && focus.contains(&p.country)) || p.population as f64 >= min_population(km_per_px)
}

/// The places that show in a `width`×`height` view, most important (lowest
/// rank) first, with their markers; the label step then keeps what fits.
#[allow(clippy::too_many_arguments)]
pub fn marks(
    places: &[Place],
    focus: &[String],
    proj: &Albers,
    view: &View,
    width: f64,
    height: f64,
    km_per_px: f64,
    lang: Lang,
) -> Vec<PlaceMark> {
    let mut order: Vec<usize> = (0..places.len()).filter(|&i| shows(&places[i], focus, km_per_px)).collect();
    crate::sort::by_key(&mut order, |&i| (places[i].rank, i));
    order
        .into_iter()
        .filter_map(|i| {
            let p = &places[i];
            let at = view.to_screen(proj.project(p.lon, p.lat));
            let inside = at[0] >= 0.0 && at[1] >= 0.0 && at[0] <= width && at[1] <= height;
            inside.then(|| PlaceMark {
                place: i,
                id: p.id.clone(),
                at,
                capital: p.capital,
                focus: focus.contains(&p.country),
                text: p.name(lang).to_string(),
                font_px: if p.capital { CAPITAL_PX } else { CITY_PX },
                r: if p.capital { CAPITAL_R } else { CITY_R },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::Atlas;
    use crate::data::load;
    use crate::scene::scalebar::km_per_px;

    fn atlas() -> Atlas {
        Atlas::new(load::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")).unwrap())
    }

    fn at(a: &Atlas, w: f64, h: f64, zoom: f64, lang: Lang) -> Vec<PlaceMark> {
        let base = a.base_view(w, h);
        let view = base.zoom_at(&base, zoom, [w / 2.0, h / 2.0]);
        let kpp = km_per_px(&a.proj, &view, [w / 2.0, h / 2.0]);
        marks(&a.ds.context.places, &a.ds.region.focus, &a.proj, &view, w, h, kpp, lang)
    }

    #[test]
    fn the_shipped_places_hold_the_five_capitals_and_the_named_cities() {
        let a = atlas();
        let ps = &a.ds.context.places;
        let capitals: Vec<&str> = ps
            .iter()
            .filter(|p| p.capital && a.ds.region.focus.contains(&p.country))
            .map(|p| p.name_en.as_str())
            .collect();
        for c in ["Astana", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat"] {
            assert!(capitals.contains(&c), "{c} missing from {capitals:?}");
        }
        assert_eq!(capitals.len(), 5);
        for c in ["Almaty", "Shymkent", "Karaganda", "Samarkand", "Osh", "Khujand"] {
            let p = ps.iter().find(|p| p.name_en == c).unwrap_or_else(|| panic!("{c}"));
            assert!(!p.name_ru.is_empty() && p.population > 100_000 && !p.capital);
        }
        // Ranks are a strict order: the five capitals first, then by population.
        let mut ranks: Vec<u32> = ps.iter().map(|p| p.rank).collect();
        ranks.sort_unstable();
        assert_eq!(ranks, (1..=ps.len() as u32).collect::<Vec<_>>());
        assert!(ps.iter().filter(|p| p.rank <= 5).all(|p| p.capital));
        assert!(a.ds.context.attributions.iter().any(|t| t.en.contains("GeoNames")));
    }

    #[test]
    fn fewer_places_show_when_zoomed_out_and_capitals_always_do() {
        let a = atlas();
        let mut last = usize::MAX;
        for zoom in [6.0, 3.0, 1.5, 1.0, 0.6] {
            let m = at(&a, 1280.0, 800.0, zoom, Lang::En);
            let n =
                a.ds.context
                    .places
                    .iter()
                    .filter(|p| {
                        shows(p, &a.ds.region.focus, {
                            let base = a.base_view(1280.0, 800.0);
                            let v = base.zoom_at(&base, zoom, [640.0, 400.0]);
                            km_per_px(&a.proj, &v, [640.0, 400.0])
                        })
                    })
                    .count();
            assert!(n <= last, "zoom {zoom}: {n} > {last}");
            last = n;
            if zoom <= 1.0 {
                let caps = m.iter().filter(|p| p.capital && p.focus).count();
                assert_eq!(caps, 5, "zoom {zoom}");
            }
        }
        let near = at(&a, 1280.0, 800.0, 1.0, Lang::En).len();
        let phone = at(&a, 390.0, 374.0, 1.0, Lang::En).len();
        assert!(phone < near, "a smaller map shows fewer places: {phone} vs {near}");
        // Most important first.
        let m = at(&a, 1280.0, 800.0, 1.0, Lang::Ru);
        assert!(m.windows(2).all(|w| a.ds.context.places[w[0].place].rank < a.ds.context.places[w[1].place].rank));
        assert!(m.iter().any(|p| p.text == "Бишкек"));
    }

    #[test]
    fn label_candidates_never_cover_their_own_marker() {
        let a = atlas();
        for m in at(&a, 1280.0, 800.0, 2.0, Lang::En) {
            for r in m.label_candidates() {
                assert!(!r.overlaps(&m.marker_rect()), "{}: {r:?}", m.id);
            }
        }
    }
}
