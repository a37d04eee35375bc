//! Images at a chosen size: a view of the atlas drawn by the atlas's own
//! scene layout and export (title, map, legend, credit and source line), for
//! a social card (the whole document exactly 1200×675) or print.

use crate::atlas::Atlas;
use crate::flows::scale::size_factor;
use crate::flows::{FlowGroup, WidthScale};
use crate::i18n::Lang;
use crate::render::export::{ExportScene, standalone_svg};
use crate::scene::flows::{Viewport, layout};
use crate::spatial::View;

pub struct Picture<'a> {
    pub atlas: &'a Atlas,
    /// The flow groups drawn (as the filters give them).
    pub groups: &'a [FlowGroup],
    /// Deposits the filters admit; those in view are drawn.
    pub visible: &'a [usize],
    /// Centre and zoom (`View::to_center_zoom`); `None`: the fitted view.
    pub place: Option<(f64, f64, f64)>,
    pub lang: Lang,
    /// Printed in the source line.
    pub url: &'a str,
}

impl Picture<'_> {
    /// The standalone SVG with a map area of `w`×`h`, and the document's size.
    pub fn svg(&self, w: f64, h: f64) -> (String, [f64; 2]) {
        let (a, lang) = (self.atlas, self.lang);
        let base = a.base_view(w, h);
        let view = match self.place {
            Some((lon, lat, z)) => View::from_center_zoom(&a.proj, &base, lon, lat, z, w, h),
            None => base,
        };
        let vp = Viewport { view, width: w, height: h };
        let scale = WidthScale::locked(&a.ds.region.flow_scale, size_factor(w, h));
        let badge = |id: &str| {
            a.ds.investor(id)
                .map(|i| format!("{} · {}", i.name.get(lang), i.origin_label.get(lang)))
                .unwrap_or_default()
        };
        let (flows, badges) = layout(a, self.groups, vp, &scale, |iso| a.country_name(iso, lang).to_uppercase(), badge);
        let deposits: Vec<usize> = a.deposit_index(self.visible).in_rect(view.visible_plane(w, h)).collect();
        standalone_svg(&ExportScene {
            atlas: a,
            vp,
            lang,
            deposits: &deposits,
            flows: &flows,
            badges: &badges,
            scale,
            url: self.url,
        })
    }

    /// The SVG whose whole document is `w`×`h`: the map area is what is left
    /// once title, legend and credit are laid out. The legend lists what the
    /// map shows, so its height can change with the map's: a few rounds settle it.
    pub fn svg_exact(&self, w: f64, h: f64) -> (String, [f64; 2]) {
        let mut map_h = h;
        let mut out = self.svg(w, map_h);
        for _ in 0..6 {
            if (out.1[1] - h).abs() < 0.5 || map_h <= MIN_MAP_H {
                break;
            }
            map_h = (map_h + h - out.1[1]).max(MIN_MAP_H);
            out = self.svg(w, map_h);
        }
        out
    }
}

/// Below this the map is not worth drawing; the document then runs taller.
const MIN_MAP_H: f64 = 200.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::{FlowFilter, aggregate};

    #[test]
    fn a_social_card_is_exactly_1200_by_675_and_keeps_title_and_credit() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let a = Atlas::new(crate::data::load::from_dir(&dir).unwrap());
        let ids: Vec<String> = a.ds.region.investors.iter().map(|i| i.id.clone()).collect();
        let groups = aggregate(&a.ds.flows, &FlowFilter::all(&ids));
        let visible: Vec<usize> = (0..a.ds.deposits.len()).collect();
        let p = Picture { atlas: &a, groups: &groups, visible: &visible, place: None, lang: Lang::En, url: "u" };
        let (svg, size) = p.svg_exact(1200.0, 675.0);
        assert_eq!(size, [1200.0, 675.0]);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed");
        let text: String = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(text.contains(a.ds.region.title.en.as_str()));
        assert!(text.contains(a.ds.region.credit.en.as_str()));
        // Zoomed in on the same centre, fewer deposits are in the picture.
        let zoomed = Picture { place: Some((66.9, 41.3, 4.0)), ..p };
        let (zsvg, _) = zoomed.svg(1000.0, 700.0);
        assert!(zsvg.matches("data-deposit-id").count() < svg.matches("data-deposit-id").count());
    }
}
