//! Images at a chosen size: a view of the atlas drawn by the atlas's own
//! scene layout and export (title, map, legend, credit and source line), for
//! a social card (the whole document exactly 1200×675) or print.

use crate::atlas::Atlas;
use crate::flows::{FlowFilter, FlowGroup};
use crate::i18n::Lang;
use crate::render::export::standalone_svg;
use crate::scene::frame::{Frame, FrameSpec};
use crate::spatial::View;

pub struct Picture<'a> {
    pub atlas: &'a Atlas,
    /// The flow groups drawn, under `flow_filter`.
    pub groups: &'a [FlowGroup],
    pub flow_filter: &'a FlowFilter,
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
        let a = self.atlas;
        let base = a.base_view(w, h);
        let view = match self.place {
            Some((lon, lat, z)) => View::from_center_zoom(&a.proj, &base, lon, lat, z, w, h),
            None => base,
        };
        let index = a.deposit_index(self.visible);
        let spec = FrameSpec {
            width: w,
            height: h,
            view,
            lang: self.lang,
            deposits: &index,
            groups: self.groups,
            flow_filter: self.flow_filter,
            lock_scale: true,
            layers: crate::scene::layers::Layers::default(),
            data_from: None,
        };
        standalone_svg(&Frame::build(a, &spec), self.url)
    }

    /// The SVG whose whole document is `w`×`h`: the map area is what is left
    /// once title, legend and credit are laid out. The legend lists what the
    /// map shows, so its height moves with the map's; the tallest fit at most
    /// `h` is kept and the rest of `h` is left blank below the credit.
    pub fn svg_exact(&self, w: f64, h: f64) -> (String, [f64; 2]) {
        let mut map_h = h;
        let mut best: Option<(String, [f64; 2])> = None;
        for _ in 0..8 {
            let out = self.svg(w, map_h);
            let eh = out.1[1];
            if eh <= h && best.as_ref().is_none_or(|b| eh > b.1[1]) {
                best = Some(out);
            }
            if best.as_ref().is_some_and(|b| b.1[1] == h) || map_h <= MIN_MAP_H {
                break;
            }
            map_h = (map_h + (h - eh)).max(MIN_MAP_H);
        }
        let Some((svg, [ew, eh])) = best else { return self.svg(w, MIN_MAP_H) };
        let from = format!("height=\"{eh:.0}\" viewBox=\"0 0 {ew:.0} {eh:.0}\"");
        let to = format!("height=\"{h:.0}\" viewBox=\"0 0 {ew:.0} {h:.0}\"");
        match svg.find(&from) {
            Some(i) if eh < h => (format!("{}{to}{}", &svg[..i], &svg[i + from.len()..]), [ew, h]),
            _ => (svg, [ew, eh]),
        }
    }
}

/// Below this the map is not worth drawing; the document then runs taller.
const MIN_MAP_H: f64 = 200.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::aggregate;

    #[test]
    fn a_social_card_is_exactly_1200_by_675_and_keeps_title_and_credit() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        let a = Atlas::new(crate::data::load::from_dir(&dir).unwrap());
        let ids: Vec<String> = a.ds.region.investors.iter().map(|i| i.id.clone()).collect();
        let filter = FlowFilter::all(&ids);
        let groups = aggregate(&a.ds.flows, &filter);
        let visible: Vec<usize> = (0..a.ds.deposits.len()).collect();
        let p = Picture {
            atlas: &a,
            groups: &groups,
            flow_filter: &filter,
            visible: &visible,
            place: None,
            lang: Lang::En,
            url: "u",
        };
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
