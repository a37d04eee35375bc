//! The basemap for a viewport: country and water paths, and country labels
//! that do not collide. Shared by the live map and the SVG export.

use super::flows::{COUNTRY_LABEL_PX, Viewport};
use super::labels::{Rect, place, spaced_label_width, text_width};
use super::path::multipolygon_path;
use crate::atlas::{Atlas, map_coords};
use crate::data::CountryRole;
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub struct CountryPath {
    pub iso3: String,
    pub focus: bool,
    pub d: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WaterPath {
    pub id: String,
    pub d: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CountryLabel {
    pub iso3: String,
    pub focus: bool,
    pub text: String,
    /// Centre of the label.
    pub at: [f64; 2],
}

/// Paths in screen pixels, simplified to ~0.6 px; parts far outside the viewport skipped.
pub fn paths(atlas: &Atlas, vp: Viewport) -> (Vec<CountryPath>, Vec<WaterPath>) {
    let (w, h) = (vp.width, vp.height);
    let clip = Some([-w * 0.5, -h * 0.5, w * 1.5, h * 1.5]);
    let to_screen = |p: [f64; 2]| vp.view.to_screen(p);
    let countries = atlas
        .ds
        .countries
        .iter()
        .zip(&atlas.countries_plane)
        .map(|(c, mp)| CountryPath {
            iso3: c.iso3.clone(),
            focus: c.role == CountryRole::Focus,
            d: multipolygon_path(&map_coords(mp, to_screen), 0.6, clip),
        })
        .collect();
    let water = atlas
        .ds
        .water
        .iter()
        .zip(&atlas.water_plane)
        .map(|(wb, mp)| WaterPath { id: wb.id.clone(), d: multipolygon_path(&map_coords(mp, to_screen), 0.6, clip) })
        .collect();
    (countries, water)
}

/// Country labels: focus states first, each at its label point or just
/// below it, kept only where it overlaps no other label.
pub fn country_labels(atlas: &Atlas, vp: Viewport, lang: Lang) -> Vec<CountryLabel> {
    country_labels_clear_of(atlas, vp, lang, &[])
}

/// [`country_labels`], also kept off `blocked` boxes (capital markers).
pub fn country_labels_clear_of(atlas: &Atlas, vp: Viewport, lang: Lang, blocked: &[Rect]) -> Vec<CountryLabel> {
    let mut order: Vec<usize> = (0..atlas.ds.countries.len()).collect();
    crate::sort::by_key(&mut order, |&i| (atlas.ds.countries[i].role != CountryRole::Focus, i));
    let texts: Vec<(bool, String)> = order
        .iter()
        .map(|&i| {
            let c = &atlas.ds.countries[i];
            let focus = c.role == CountryRole::Focus;
            (focus, if focus { crate::case::upper(c.name(lang)) } else { c.name(lang).to_string() })
        })
        .collect();
    let cands: Vec<Vec<Rect>> = order
        .iter()
        .zip(&texts)
        .map(|(&i, (focus, text))| {
            let px = if *focus { COUNTRY_LABEL_PX } else { 11.0 };
            let p = vp.view.to_screen(atlas.labels_plane[i]);
            let tw = if *focus { spaced_label_width(text, px) } else { text_width(text, px) };
            // At the label point, then just below, above, and to either side.
            let lh = px + 2.0;
            [[0.0, 0.0], [0.0, lh + 2.0], [0.0, -lh - 2.0], [tw * 0.35, lh / 2.0 + 1.0], [-tw * 0.35, -lh / 2.0 - 1.0]]
                .iter()
                .map(|d| Rect::centered([p[0] + d[0], p[1] + d[1]], tw, lh))
                .collect()
        })
        .collect();
    let placed = place(&cands, blocked, (vp.width, vp.height));
    order
        .iter()
        .zip(texts)
        .zip(placed)
        .filter_map(|((&i, (focus, text)), r)| {
            r.map(|r| CountryLabel {
                iso3: atlas.ds.countries[i].iso3.clone(),
                focus,
                text,
                at: [r.x + r.w / 2.0, r.y + r.h / 2.0],
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;
    use crate::scene::labels::Rect;

    #[test]
    fn all_five_states_are_labelled_without_overlaps_on_desktop_and_phone() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let a = Atlas::new(load::from_dir(&dir).unwrap());
        for (w, h) in [(1280.0, 800.0), (390.0, 374.0)] {
            let vp = Viewport { view: a.base_view(w, h), width: w, height: h };
            for lang in [Lang::En, Lang::Ru] {
                let labels = country_labels(&a, vp, lang);
                let focus: Vec<_> = labels.iter().filter(|l| l.focus).map(|l| l.iso3.as_str()).collect();
                assert_eq!(focus.len(), 5, "{w}x{h} {lang:?}: {focus:?}");
                let boxes: Vec<Rect> = labels
                    .iter()
                    .map(|l| {
                        let px = if l.focus { COUNTRY_LABEL_PX } else { 11.0 };
                        let tw = if l.focus { spaced_label_width(&l.text, px) } else { text_width(&l.text, px) };
                        Rect::centered(l.at, tw, px + 2.0)
                    })
                    .collect();
                for i in 0..boxes.len() {
                    for j in i + 1..boxes.len() {
                        assert!(!boxes[i].overlaps(&boxes[j]), "{} and {} overlap", labels[i].iso3, labels[j].iso3);
                    }
                }
            }
        }
    }
}
