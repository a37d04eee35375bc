//! One frame: everything the map draws for a view, in screen pixels, with
//! its style. `Frame::build` is pure; the live SVG, the canvas, the SVG/PNG
//! export and `atlas svg` each map a `Frame` one to one, so no drawing rule
//! or colour is written twice. `Frame::hit` answers "what is under this
//! pixel" through R-trees.
//!
//! Adding a layer: give it a field here (its shapes already in screen
//! pixels, with a `PathStyle`/`TextStyle` from `scene::style`), fill it in
//! `Frame::build`, then draw it in `render::export` (SVG string) and in
//! `ui::map::layers` (live SVG or canvas).

use super::callouts::{self, AmountDraft, Note, NoteDraft};
use super::clusters::{self, CLUSTER_MIN_IN_VIEW};
use super::context::{self, ContextLayer};
use super::flows::{BADGE_H, CHIP_H, DrawnFlow, Viewport, layout};
use super::labels::{Rect, place_capped, text_width};
use super::layers::{Layer, Layers};
use super::legend::{LegendItems, legend_items};
use super::path::{Shape, ring_path};
pub use super::shapes::{FlowShape, ShapePath, TextLabel};
use super::style::{self, Hatch, Ink, Paint, PathStyle};
use super::{basemap, flows::COUNTRY_LABEL_PX};
use crate::atlas::Atlas;
use crate::data::commodity::Group;
use crate::data::{AnnotationAnchor, CountryRole, DepositStatus, FlowScope};
use crate::flows::scale::size_factor;
use crate::flows::{FlowFilter, FlowGroup, WidthScale};
use crate::i18n::{Key, Lang, t};
use crate::spatial::{BoxIndex, DepositIndex, View};

/// More deposits in view than this: markers go on a canvas (SVG overlays
/// carry hover, focus and selection). Fewer: one SVG element each.
pub const CANVAS_MIN_IN_VIEW: usize = 400;
/// Deposit names appear from this zoom (relative to the fitted view)...
pub const LABEL_MIN_ZOOM: f64 = 2.5;
/// ...for at most this many deposits (candidates tried), placing at most
/// [`MAX_LABELS`] of them.
pub const MAX_LABEL_CANDIDATES: usize = 1500;
pub const MAX_LABELS: usize = 120;
/// Pixels within which the pointer "hits" a deposit: a mouse, and a finger.
pub const HIT_PX: f64 = 10.0;
pub const TOUCH_HIT_PX: f64 = 22.0;

/// What to draw: the view, its size, the language, the filters and layers.
#[derive(Debug, Clone)]
pub struct FrameSpec<'a> {
    pub width: f64,
    pub height: f64,
    pub view: View,
    pub lang: Lang,
    /// The deposits the filter admits, as an R-tree (plane coordinates).
    pub deposits: &'a DepositIndex,
    /// Flow totals under `flow_filter`.
    pub groups: &'a [FlowGroup],
    pub flow_filter: &'a FlowFilter,
    /// Keep dollars-per-pixel fixed (the region's scale) or fit the largest arrow.
    pub lock_scale: bool,
    /// The layers shown (deposits, arrows, places, rivers, the inset).
    pub layers: Layers,
    /// Where the data came from when it is not the atlas's own ("Data from <host>").
    pub data_from: Option<String>,
}

impl FrameSpec<'_> {
    pub fn viewport(&self) -> Viewport {
        Viewport { view: self.view, width: self.width, height: self.height }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chip {
    /// Key of the investor's region-wide (or global) group.
    pub key: String,
    pub count: usize,
    pub text: String,
    pub width: f64,
    pub style: PathStyle,
}

/// An investor's capital at the frame edge; its chip lists region-wide figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Badge {
    pub investor: String,
    /// Top-left corner.
    pub pos: [f64; 2],
    pub width: f64,
    pub text: String,
    /// Darkened investor colour (white text passes AA).
    pub fill: String,
    /// The investor is in the flow filter.
    pub shown: bool,
    pub chip: Option<Chip>,
}

impl Badge {
    /// The area the badge and its chip cover (an obstacle for labels).
    pub fn rect(&self) -> Rect {
        let (w, h) = match &self.chip {
            Some(c) => (self.width.max(c.width), BADGE_H + 3.0 + CHIP_H),
            None => (self.width, BADGE_H),
        };
        Rect { x: self.pos[0] - 2.0, y: self.pos[1] - 2.0, w: w + 4.0, h: h + 4.0 }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Index into the dataset's deposits.
    pub deposit: usize,
    pub id: String,
    pub at: [f64; 2],
    pub r: f64,
    pub status: DepositStatus,
    pub group: Group,
    pub style: PathStyle,
    /// Uncertainty halo: radius and style.
    pub halo: Option<(f64, PathStyle)>,
    /// Accessible name: "Name (Cu, Au, Kazakhstan)".
    pub label: String,
}

impl Marker {
    pub fn shape(&self) -> Shape {
        Shape::marker(self.status, self.at, self.r)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub at: [f64; 2],
    pub r: f64,
    pub count: usize,
    pub group: Group,
    /// Deposit indices, ascending.
    pub members: Vec<usize>,
    pub style: PathStyle,
    pub text: Ink,
}

/// What is under a pixel.
#[derive(Debug, Clone, PartialEq)]
pub enum Hit {
    /// Index into the dataset's deposits.
    Deposit(usize),
    /// Index into `Frame::clusters`.
    Cluster(usize),
    /// A flow group key (`china-KAZ`).
    Flow(String),
    /// Index into the dataset's countries.
    Country(usize),
}

#[derive(Debug, Clone)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    /// The view this frame was drawn with (the *drawn* view).
    pub view: View,
    pub lang: Lang,
    pub title: String,
    pub subtitle: String,
    /// Credit lines (the region's credit, then where the data came from).
    pub credit: Vec<String>,
    pub scale: WidthScale,
    pub hatches: Vec<Hatch>,
    pub countries: Vec<ShapePath>,
    pub water: Vec<ShapePath>,
    pub flows: Vec<FlowShape>,
    pub badges: Vec<Badge>,
    /// Filtered deposits in view, left to right (the table, the count and keyboard order).
    pub in_view: Vec<usize>,
    /// Single markers, left to right (the keyboard's order).
    pub markers: Vec<Marker>,
    /// The order markers are painted in (indices into `markers`): past
    /// producers first, operating mines last, so where two sites share a
    /// spot the working one is on top. Every renderer paints in this order.
    pub paint_order: Vec<usize>,
    pub clusters: Vec<Cluster>,
    /// Draw markers on a canvas (too many for one element each).
    pub canvas: bool,
    pub country_labels: Vec<TextLabel>,
    pub deposit_labels: Vec<TextLabel>,
    /// The amount at each arrow ("$17.2bn"); `key` is the arrow's `data-flow` key.
    pub amount_labels: Vec<TextLabel>,
    /// Arrows with a disclosed amount whose label found no free spot at
    /// this view (every candidate covered another label, arrow, marker or
    /// badge, or left the map): their keys.
    pub amounts_without_room: Vec<String>,
    /// The manifest's pinned notes that found room.
    pub notes: Vec<Note>,
    /// Rivers, capitals and cities, the scale bar and the locator inset.
    pub context: ContextLayer,
    pub legend: LegendItems,
    points: DepositIndex,
    arrows: BoxIndex,
    max_cluster_r: f64,
    /// Deposit index → position in `markers`.
    marker_at: std::collections::HashMap<usize, usize>,
}

/// The arrow width scale: locked to the region's, or fitted to the data.
pub fn width_scale(atlas: &Atlas, groups: &[FlowGroup], width: f64, height: f64, lock: bool) -> WidthScale {
    let spec = atlas.ds.region.flow_scale;
    let factor = size_factor(width, height);
    if lock {
        WidthScale::locked(&spec, factor)
    } else {
        let max = groups.iter().filter(|g| g.scope == FlowScope::Country).map(|g| g.total_usd).fold(0.0, f64::max);
        WidthScale::fitted(max, 40.0 * factor, spec.min_px)
    }
}

impl Frame {
    pub fn build(atlas: &Atlas, spec: &FrameSpec) -> Frame {
        let (w, h, view, lang) = (spec.width, spec.height, spec.view, spec.lang);
        let vp = spec.viewport();
        let region = &atlas.ds.region;
        let scale = width_scale(atlas, spec.groups, w, h, spec.lock_scale);
        let hatches: Vec<Hatch> = region.investors.iter().map(|i| style::hatch(&i.id, &i.color)).collect();

        // Basemap.
        let (cs, ws) = basemap::paths(atlas, vp);
        let countries = cs
            .into_iter()
            .map(|c| ShapePath { style: style::country(c.focus), id: c.iso3, focus: c.focus, d: c.d })
            .collect();
        let water =
            ws.into_iter().map(|x| ShapePath { id: x.id, focus: false, d: x.d, style: style::water() }).collect();
        // Context (rivers, places, scale bar, inset); its labels join the label step below.
        let draft = context::draft(atlas, &view, w, h, lang, spec.layers);

        // Flows and origin badges.
        let (flows, badges) = if spec.layers.shows(Layer::Flows) {
            let badge_text = |id: &str| {
                atlas
                    .ds
                    .investor(id)
                    .map(|i| format!("{} · {}", i.name.get(lang), i.origin_label.get(lang)))
                    .unwrap_or_default()
            };
            let (drawn, origin) = layout(
                atlas,
                spec.groups,
                vp,
                &scale,
                |iso| crate::case::upper(&atlas.country_name(iso, lang)),
                badge_text,
            );
            let flows = drawn.into_iter().map(flow_shape).collect();
            let badges = origin
                .into_iter()
                .filter_map(|b| {
                    let inv = atlas.ds.investor(&b.investor)?;
                    let fill = style::badge(&inv.color);
                    let chip = b.region.clone().map(|(key, count)| {
                        let text = format!("+ {count} {}", t(lang, Key::RegionWideShort));
                        let width = text_width(&text, 10.5) + 14.0;
                        let style = PathStyle {
                            dash: Some([3.0, 2.0]),
                            ..PathStyle::outlined(Paint::Ink(Ink::Panel), Paint::Hex(fill.clone()), 1.5)
                        };
                        Chip { key, count, text, width, style }
                    });
                    Some(Badge {
                        shown: spec.flow_filter.investors.contains(&b.investor),
                        investor: b.investor,
                        pos: b.pos,
                        width: b.width,
                        text: b.text,
                        fill,
                        chip,
                    })
                })
                .collect();
            (flows, badges)
        } else {
            (Vec::new(), Vec::new())
        };

        // Deposits in view, through the R-tree; clusters when there are many.
        // Sorted as (x, index) pairs, side by side in memory, not by looking each index up.
        let mut by_x: Vec<(f64, usize)> =
            spec.deposits.in_rect(view.visible_plane(w, h)).map(|i| (atlas.deposits_plane[i][0], i)).collect();
        by_x.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let in_view: Vec<usize> = by_x.into_iter().map(|(_, i)| i).collect();
        let base = atlas.base_view(w, h);
        let zoom = view.k / base.k;
        let (singles, plane_clusters) = if !spec.layers.shows(Layer::Deposits) {
            (Vec::new(), Vec::new())
        } else if in_view.len() >= CLUSTER_MIN_IN_VIEW {
            let pts: Vec<(usize, [f64; 2])> = in_view.iter().map(|&i| (i, atlas.deposits_plane[i])).collect();
            let g = clusters::group(&pts, base.k, zoom, |i| atlas.deposit_groups[i]);
            (g.singles, g.clusters)
        } else {
            (in_view.clone(), Vec::new())
        };
        let markers: Vec<Marker> = singles
            .iter()
            .map(|&i| {
                let d = &atlas.ds.deposits[i];
                Marker {
                    deposit: i,
                    id: d.id.clone(),
                    at: view.to_screen(atlas.deposits_plane[i]),
                    r: style::marker_radius(d.kind),
                    status: d.status,
                    group: atlas.deposit_groups[i],
                    style: style::marker(d),
                    halo: style::halo(d, view.k),
                    label: format!(
                        "{} ({}, {})",
                        d.display_name(lang),
                        d.commodities.join(", "),
                        atlas.country_name(&d.country, lang)
                    ),
                }
            })
            .collect();
        let clusters: Vec<Cluster> = plane_clusters
            .into_iter()
            .map(|c| {
                let (r, style) = style::cluster(c.group, c.members.len());
                Cluster {
                    at: view.to_screen(c.centre),
                    r,
                    count: c.members.len(),
                    group: c.group,
                    members: c.members,
                    style,
                    text: style::cluster_text(c.group),
                }
            })
            .collect();

        // Deposit names where there is room, once zoomed in; never over a
        // marker, a cluster, a badge or chip, or a country name.
        let to_screen = |ll: [f64; 2]| view.to_screen(atlas.proj.project(ll[0], ll[1]));
        let notes: Vec<NoteDraft> = region
            .annotations
            .iter()
            .filter_map(|a| {
                let (at, on_point) = match &a.anchor {
                    AnnotationAnchor::Deposit(id) => {
                        let i = atlas.deposit_named(id)?;
                        (view.to_screen(atlas.deposits_plane[i]), !markers.iter().any(|m| m.deposit == i))
                    }
                    AnnotationAnchor::Point(ll) => (to_screen(*ll), true),
                };
                (at[0] >= 0.0 && at[1] >= 0.0 && at[0] <= w && at[1] <= h)
                    .then(|| callouts::note_draft(a.row, a.text.get(lang), at, on_point))
            })
            .collect();
        let labels = map_labels(
            atlas,
            &markers[..if zoom >= LABEL_MIN_ZOOM { markers.len() } else { 0 }],
            Callouts { notes, amounts: callouts::amount_drafts(&flows, lang) },
            MapObstacles { markers: &markers, clusters: &clusters, badges: &badges },
            draft,
            vp,
            lang,
        );

        let mut credit = atlas.credit_lines(lang);
        credit.extend(spec.data_from.clone());
        let points = DepositIndex::new(markers.iter().map(|m| m.at).chain(clusters.iter().map(|c| c.at)).enumerate());
        let arrows = BoxIndex::new(flows.iter().map(|f: &FlowShape| f.flow.outer.bounds()));
        let max_cluster_r = clusters.iter().map(|c| c.r).fold(0.0, f64::max);
        let marker_at = markers.iter().enumerate().map(|(k, m)| (m.deposit, k)).collect();
        let rank = |s: DepositStatus| match s {
            DepositStatus::PastProducer => 0,
            DepositStatus::Exploration => 1,
            DepositStatus::Development => 2,
            DepositStatus::Operating => 3,
        };
        let mut paint_order: Vec<usize> = (0..markers.len()).collect();
        crate::sort::by_key(&mut paint_order, |&k| rank(markers[k].status));
        Frame {
            width: w,
            height: h,
            view,
            lang,
            title: region.title.get(lang).to_string(),
            subtitle: region.subtitle.get(lang).to_string(),
            credit,
            legend: legend_items(atlas, &scale, lang),
            scale,
            hatches,
            countries,
            water,
            flows,
            badges,
            canvas: in_view.len() > CANVAS_MIN_IN_VIEW,
            in_view,
            markers,
            paint_order,
            clusters,
            country_labels: labels.countries,
            deposit_labels: labels.deposits,
            amount_labels: labels.amounts,
            amounts_without_room: labels.amounts_without_room,
            notes: labels.notes,
            context: labels.context,
            points,
            arrows,
            max_cluster_r,
            marker_at,
        }
    }

    /// What is under `p` (pixels of this frame's view): a deposit or cluster,
    /// then an arrow (thin arrows are on top, so they win), then a country.
    pub fn hit(&self, atlas: &Atlas, p: [f64; 2], tolerance_px: f64) -> Option<Hit> {
        let n = self.markers.len();
        let reach = tolerance_px.max(self.max_cluster_r);
        let d2 = |a: [f64; 2]| (a[0] - p[0]).powi(2) + (a[1] - p[1]).powi(2);
        let near = self.points.in_rect([p[0] - reach, p[1] - reach, p[0] + reach, p[1] + reach]).filter(|&j| {
            if j < n {
                d2(self.markers[j].at) <= tolerance_px.powi(2)
            } else {
                d2(self.clusters[j - n].at) <= self.clusters[j - n].r.powi(2)
            }
        });
        let pos = |j: usize| if j < n { self.markers[j].at } else { self.clusters[j - n].at };
        if let Some(j) = near.min_by(|&a, &b| d2(pos(a)).total_cmp(&d2(pos(b))).then(a.cmp(&b))) {
            return Some(if j < n { Hit::Deposit(self.markers[j].deposit) } else { Hit::Cluster(j - n) });
        }
        if let Some(i) = self.arrows.candidates(p).filter(|&i| self.flows[i].flow.outer.contains(p)).max() {
            return Some(Hit::Flow(self.flows[i].key.clone()));
        }
        atlas.country_at(self.view.to_plane(p)).map(Hit::Country)
    }

    /// The single marker of deposit `i`, if it is drawn on its own.
    pub fn marker_of(&self, i: usize) -> Option<&Marker> {
        self.marker_pos(i).map(|k| &self.markers[k])
    }

    /// Where deposit `i`'s marker is in `markers` (its keyboard position).
    pub fn marker_pos(&self, i: usize) -> Option<usize> {
        self.marker_at.get(&i).copied()
    }
}

/// The frame for `view` (the fitted view if `None`) with every layer on and
/// every filter at its default: `atlas svg`, and the tests.
pub fn default_frame(atlas: &Atlas, width: f64, height: f64, view: Option<View>, lang: Lang) -> Frame {
    let ids: Vec<String> = atlas.ds.region.investors.iter().map(|i| i.id.clone()).collect();
    filtered_frame(atlas, width, height, view, lang, &FlowFilter::all(&ids))
}

/// [`default_frame`] with the flows that `filter` passes.
pub fn filtered_frame(
    atlas: &Atlas,
    width: f64,
    height: f64,
    view: Option<View>,
    lang: Lang,
    filter: &FlowFilter,
) -> Frame {
    let groups = crate::flows::aggregate(&atlas.ds.flows, filter);
    let all: Vec<usize> = (0..atlas.ds.deposits.len()).collect();
    let index = atlas.deposit_index(&all);
    Frame::build(
        atlas,
        &FrameSpec {
            width,
            height,
            view: view.unwrap_or_else(|| atlas.base_view(width, height)),
            lang,
            deposits: &index,
            groups: &groups,
            flow_filter: filter,
            lock_scale: true,
            layers: Layers::default(),
            data_from: None,
        },
    )
}

fn flow_shape(f: DrawnFlow) -> FlowShape {
    let color = Paint::Hex(f.color.clone());
    let fill = if f.outer_solid { color.clone() } else { Paint::Pattern(format!("hatch-{}", f.group.investor)) };
    let outer = PathStyle {
        dash: (f.group.total_usd <= 0.0).then_some([3.0, 2.0]),
        ..PathStyle::outlined(fill, color.clone(), 1.0)
    };
    let inner = f.inner.as_ref().map(|a| (ring_path(&a.outline), PathStyle::fill(color)));
    FlowShape { key: f.group.key(), outer_d: ring_path(&f.outer.outline), outer, inner, flow: f }
}

/// Labels placed before the deposit names: the pinned notes, then the arrows' amounts.
struct Callouts {
    notes: Vec<NoteDraft>,
    amounts: Vec<AmountDraft>,
}

/// What the label step placed.
struct MapLabels {
    countries: Vec<TextLabel>,
    deposits: Vec<TextLabel>,
    amounts: Vec<TextLabel>,
    amounts_without_room: Vec<String>,
    notes: Vec<Note>,
    context: ContextLayer,
}

/// What no map label may cover.
struct MapObstacles<'a> {
    markers: &'a [Marker],
    clusters: &'a [Cluster],
    badges: &'a [Badge],
}

/// The one label step: greedy, in priority order — focus-state capitals
/// and country names (see below which first), pinned notes, the arrows'
/// amounts, deposit names (`named`, once zoomed in), other places by rank,
/// then rivers. Each label keeps off every label placed before it and
/// off place markers, the scale bar and the inset; all but the country
/// names also keep off deposit markers, clusters, badges and chips (a
/// focus capital's name may cover deposit markers, never other labels).
fn map_labels(
    atlas: &Atlas,
    named: &[Marker],
    callouts: Callouts,
    obstacles: MapObstacles,
    draft: context::Draft,
    vp: Viewport,
    lang: Lang,
) -> MapLabels {
    let Callouts { notes, amounts } = callouts;
    let MapObstacles { markers, clusters, badges } = obstacles;
    let size = (vp.width, vp.height);
    let style = style::deposit_label();
    let lh = style.size + 3.0;
    let shown = &named[..named.len().min(MAX_LABEL_CANDIDATES)];
    let texts: Vec<String> = shown
        .iter()
        .map(|m| {
            let d = &atlas.ds.deposits[m.deposit];
            format!("{} · {}", d.display_name(lang), d.primary())
        })
        .collect();
    let cands: Vec<Vec<Rect>> = shown
        .iter()
        .zip(&texts)
        .map(|(m, text)| {
            let tw = text_width(text, style.size);
            let [x, y] = m.at;
            vec![
                Rect { x: x + 8.0, y: y - lh / 2.0, w: tw, h: lh },
                Rect { x: x - 8.0 - tw, y: y - lh / 2.0, w: tw, h: lh },
                Rect { x: x - tw / 2.0, y: y - 8.0 - lh, w: tw, h: lh },
            ]
        })
        .collect();
    let mut blocked: Vec<Rect> = markers.iter().map(|m| Rect::centered(m.at, 2.0 * m.r, 2.0 * m.r)).collect();
    blocked.extend(clusters.iter().map(|c| Rect::centered(c.at, 2.0 * c.r, 2.0 * c.r)));
    blocked.extend(badges.iter().map(Badge::rect));
    blocked.extend(draft.blocked.iter().copied());
    // Each focus capital, in rank order, takes the first spot that leaves
    // every focus state that could be named still named; the country names
    // then go around the capitals. A capital with no such spot joins the
    // step below. Both keep off place markers, the scale bar and the inset.
    let capitals = draft.place_candidates(true);
    let focus_states = atlas.ds.countries.iter().filter(|c| c.role == CountryRole::Focus).count();
    let focus_named = |extra: &[Rect]| {
        let focus = |names: &[basemap::CountryLabel]| names.iter().filter(|l| l.focus).count();
        let mut clear = draft.blocked.clone();
        clear.extend_from_slice(extra);
        clear.push(draft.controls);
        // Off the zoom buttons too, unless that names fewer of the focus states
        // (then, and only then, placed a second time without that corner).
        let off_controls = basemap::country_labels_clear_of(atlas, vp, lang, &clear);
        let b = focus(&off_controls);
        if b == focus_states {
            return (b, off_controls);
        }
        clear.pop();
        let anywhere = basemap::country_labels_clear_of(atlas, vp, lang, &clear);
        let a = focus(&anywhere);
        if b >= a { (b, off_controls) } else { (a, anywhere) }
    };
    let (all_named, _) = focus_named(&[]);
    let mut early: Vec<Option<Rect>> = vec![None; capitals.len()];
    let mut taken: Vec<Rect> = Vec::new();
    // A capital's name may sit over deposit markers (they stay clickable
    // under it), so that a dense dataset never hides where the capitals
    // are; it still keeps off badges, chips, place markers, the scale bar
    // and the inset.
    let capital_blocked: Vec<Rect> = badges.iter().map(Badge::rect).chain(draft.blocked.iter().copied()).collect();
    for (k, (_, cands)) in capitals.iter().enumerate() {
        let free = |r: &Rect| r.inside(size.0, size.1) && !capital_blocked.iter().chain(&taken).any(|o| o.overlaps(r));
        let spot = cands.iter().filter(|r| free(r)).find(|r| {
            let mut with = taken.clone();
            with.push(**r);
            focus_named(&with).0 >= all_named
        });
        if let Some(r) = spot {
            early[k] = Some(*r);
            taken.push(*r);
        }
    }
    let country_labels: Vec<TextLabel> = focus_named(&taken)
        .1
        .into_iter()
        .map(|l| TextLabel {
            style: style::country_label(l.focus),
            key: l.iso3,
            focus: l.focus,
            text: l.text,
            at: l.at,
        })
        .collect();
    blocked.extend(taken.iter().copied());
    // Nothing placed from here on goes under the zoom buttons (an amount there was hidden on phones).
    blocked.push(draft.controls);
    // Country names as the other labels see them: bold letter-spaced capitals
    // run ~10% wider than the estimate in wide faces, so keep that much clear.
    blocked.extend(country_labels.iter().map(|l| {
        let px = if l.focus { COUNTRY_LABEL_PX } else { 11.0 };
        let tw = if l.focus { super::labels::spaced_label_width(&l.text, px) } else { text_width(&l.text, px) };
        Rect::centered(l.at, tw * 1.12, px + 2.0)
    }));
    let late: Vec<(usize, Vec<Rect>)> =
        capitals.iter().zip(&early).filter(|(_, e)| e.is_none()).map(|(c, _)| c.clone()).collect();
    let others = draft.place_candidates(false);
    let rivers = draft.river_candidates();
    let n_deposits = cands.len();
    let all: Vec<Vec<Rect>> = notes
        .iter()
        .map(|n| n.candidates.clone())
        .chain(amounts.iter().map(|a| a.candidates.clone()))
        .chain(late.iter().map(|c| c.1.clone()))
        .chain(cands)
        .chain(others.iter().map(|c| c.1.clone()))
        .chain(rivers.iter().map(|c| c.1.clone()))
        .collect();
    let cap = MAX_LABELS + notes.len() + amounts.len() + late.len() + others.len() + rivers.len();
    let placed = place_capped(&all, &blocked, size, cap);
    let (at_notes, rest) = placed.split_at(notes.len());
    let (at_amounts, rest) = rest.split_at(amounts.len());
    let (at_late, rest) = rest.split_at(late.len());
    let (at_deposits, rest) = rest.split_at(n_deposits);
    let (at_others, at_rivers) = rest.split_at(others.len());
    let mut at_places = vec![None; draft.marks.len()];
    for ((i, _), r) in capitals.iter().zip(&early).chain(late.iter().zip(at_late)).chain(others.iter().zip(at_others)) {
        if r.is_none() && at_places[*i].is_some() {
            continue;
        }
        at_places[*i] = *r;
    }
    let deposit_labels = shown
        .iter()
        .zip(texts)
        .zip(at_deposits)
        .filter_map(|((m, text), r)| {
            r.map(|r| TextLabel { key: m.id.clone(), focus: false, text, at: r.center(), style: style.clone() })
        })
        .collect();
    let amount_style = style::amount_label();
    let mut amounts_without_room = Vec::new();
    let mut amount_labels = Vec::new();
    for (a, r) in amounts.into_iter().zip(at_amounts) {
        match r {
            Some(r) => amount_labels.push(TextLabel {
                key: a.key,
                focus: false,
                text: a.text,
                at: r.center(),
                style: amount_style.clone(),
            }),
            None => amounts_without_room.push(a.key),
        }
    }
    let notes = notes.into_iter().zip(at_notes).filter_map(|(n, r)| r.map(|r| callouts::note_at(n, r))).collect();
    MapLabels {
        countries: country_labels,
        deposits: deposit_labels,
        amounts: amount_labels,
        amounts_without_room,
        notes,
        context: context::finish(draft, &at_places, at_rivers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    pub(crate) fn atlas() -> Atlas {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data");
        Atlas::new(load::from_dir(&dir).expect("dataset"))
    }

    fn frame_at(a: &Atlas, view: View, w: f64, h: f64) -> Frame {
        default_frame(a, w, h, Some(view), Lang::En)
    }

    #[test]
    fn the_default_view_draws_every_deposit_as_its_own_svg_marker() {
        let a = atlas();
        let f = frame_at(&a, a.base_view(1280.0, 800.0), 1280.0, 800.0);
        assert!(!f.canvas);
        assert!(f.clusters.is_empty());
        assert_eq!(f.markers.len(), f.in_view.len());
        // Every deposit in the frame's rectangle, found by brute force, is drawn.
        let r = f.view.visible_plane(1280.0, 800.0);
        let brute =
            a.deposits_plane.iter().filter(|p| p[0] >= r[0] && p[0] <= r[2] && p[1] >= r[1] && p[1] <= r[3]).count();
        assert_eq!(f.markers.len(), brute);
    }

    #[test]
    fn a_marker_takes_its_style_from_its_deposit_in_one_place() {
        let a = atlas();
        let f = frame_at(&a, a.base_view(1280.0, 800.0), 1280.0, 800.0);
        for m in &f.markers {
            let d = &a.ds.deposits[m.deposit];
            let color = Group::of(d.primary()).color();
            match d.precision {
                crate::data::Precision::Region => assert_eq!(m.style.stroke, Paint::hex(color), "{}", d.id),
                _ => assert_eq!(m.style.fill, Paint::hex(color), "{}", d.id),
            }
            assert_eq!(m.r, if d.kind == crate::data::SiteKind::Plant { 4.5 } else { 5.5 });
        }
    }

    #[test]
    fn hit_finds_the_marker_under_the_pointer_and_the_country_elsewhere() {
        let a = atlas();
        let f = frame_at(&a, a.base_view(1280.0, 800.0), 1280.0, 800.0);
        let m = f.markers.iter().find(|m| m.id == "muruntau").expect("muruntau drawn");
        let got = f.hit(&a, [m.at[0] + 3.0, m.at[1] - 2.0], HIT_PX);
        // Co-located deposits may share the spot; the one hit sits exactly there.
        let Some(Hit::Deposit(i)) = got else { panic!("{got:?}") };
        assert_eq!(f.view.to_screen(a.deposits_plane[i]), m.at);
        // Far from any marker and arrow, inside Kazakhstan: the country.
        let kaz = a.ds.countries.iter().position(|c| c.iso3 == "KAZ").unwrap();
        let lp = f.view.to_screen(a.labels_plane[kaz]);
        let probe = (0..40)
            .flat_map(|i| (0..40).map(move |j| [lp[0] - 200.0 + i as f64 * 10.0, lp[1] - 100.0 + j as f64 * 5.0]))
            .find(|&p| {
                f.markers.iter().all(|m| (m.at[0] - p[0]).hypot(m.at[1] - p[1]) > 30.0)
                    && f.flows.iter().all(|fl| !fl.flow.outer.contains(p))
                    && a.country_at(f.view.to_plane(p)) == Some(kaz)
            })
            .expect("an empty spot in Kazakhstan");
        assert_eq!(f.hit(&a, probe, HIT_PX), Some(Hit::Country(kaz)));
        // An arrow's own mid-point hits that arrow (or a thinner one drawn on it).
        let fl = &f.flows[0];
        assert!(matches!(f.hit(&a, fl.flow.outer.mid, 0.0), Some(Hit::Flow(_)) | Some(Hit::Deposit(_))));
    }

    #[test]
    fn deposit_labels_never_cover_badges_chips_markers_or_each_other() {
        let a = atlas();
        let (w, h) = (1280.0, 800.0);
        let base = a.base_view(w, h);
        for (zoom, at) in [(3.0, [640.0, 400.0]), (4.0, [500.0, 500.0]), (2.6, [300.0, 300.0])] {
            let f = frame_at(&a, base.zoom_at(&base, zoom, at), w, h);
            assert!(!f.deposit_labels.is_empty(), "zoom {zoom}: some names fit");
            let boxes: Vec<Rect> = f
                .deposit_labels
                .iter()
                .map(|l| Rect::centered(l.at, text_width(&l.text, l.style.size), l.style.size + 3.0))
                .collect();
            for (i, b) in boxes.iter().enumerate() {
                for badge in &f.badges {
                    assert!(
                        !b.overlaps(&badge.rect()),
                        "{} covers the {} badge",
                        f.deposit_labels[i].text,
                        badge.investor
                    );
                }
                for m in &f.markers {
                    assert!(
                        !b.overlaps(&Rect::centered(m.at, 2.0 * m.r, 2.0 * m.r)),
                        "{} covers {}",
                        f.deposit_labels[i].text,
                        m.id
                    );
                }
                for o in &boxes[i + 1..] {
                    assert!(!b.overlaps(o));
                }
            }
        }
    }

    #[test]
    fn deposit_labels_beside_a_badge_move_or_drop_rather_than_cover_it() {
        // Views that put a deposit right where the badges sit (frame edges), zoomed in so names show.
        let a = atlas();
        let (w, h) = (1280.0, 800.0);
        let base = a.base_view(w, h);
        let mut contested = 0;
        for i in (0..a.ds.deposits.len()).step_by(3) {
            for target in [[w - 70.0, h * 0.45], [w - 70.0, h * 0.55], [90.0, 40.0], [160.0, 30.0], [60.0, 110.0]] {
                let k = base.k * 3.0;
                let p = a.deposits_plane[i];
                let view = View { k, tx: target[0] - p[0] * k, ty: target[1] + p[1] * k };
                let f = frame_at(&a, view, w, h);
                let badges: Vec<Rect> = f.badges.iter().map(Badge::rect).collect();
                // Would this deposit's name, on its first-choice side, cover a badge?
                if let Some(m) = f.marker_of(i) {
                    let d = &a.ds.deposits[i];
                    let tw = text_width(&format!("{} · {}", d.display_name(Lang::En), d.primary()), 11.0);
                    let first = Rect { x: m.at[0] + 8.0, y: m.at[1] - 7.0, w: tw, h: 14.0 };
                    if badges.iter().any(|b| b.overlaps(&first)) {
                        contested += 1;
                    }
                }
                for l in &f.deposit_labels {
                    let r = Rect::centered(l.at, text_width(&l.text, l.style.size), l.style.size + 3.0);
                    for (b, badge) in badges.iter().zip(&f.badges) {
                        assert!(!r.overlaps(b), "{} covers the {} badge or its chip", l.text, badge.investor);
                    }
                }
            }
        }
        assert!(contested > 5, "the views put names against badges ({contested})");
    }

    #[test]
    fn no_amount_note_or_deposit_name_goes_under_the_zoom_buttons() {
        let a = atlas();
        // A phone's map and a desktop one, fitted and zoomed in (deposit names show).
        for (w, h) in [(390.0, 374.0), (950.0, 639.0)] {
            for zoom in [1.0, 3.0] {
                let base = a.base_view(w, h);
                let v = base.zoom_at(&base, zoom, [w / 2.0, h / 2.0]);
                let f = default_frame(&a, w, h, Some(v), Lang::En);
                let corner = super::super::context::controls_rect(w, h);
                let b = |l: &TextLabel| Rect::centered(l.at, text_width(&l.text, l.style.size), l.style.size + 3.0);
                for l in f.amount_labels.iter().chain(&f.deposit_labels).chain(f.notes.iter().flat_map(|n| &n.lines)) {
                    assert!(!b(l).overlaps(&corner), "{w}x{h} at {zoom}: {:?} under the zoom buttons", l.text);
                }
                // The five states' names too, here (elsewhere one may have no other room).
                if zoom == 1.0 {
                    assert_eq!(f.country_labels.iter().filter(|l| l.focus).count(), 5, "{w}x{h}");
                }
                for l in f.country_labels.iter().filter(|l| l.focus) {
                    let r =
                        Rect::centered(l.at, super::super::labels::spaced_label_width(&l.text, COUNTRY_LABEL_PX), 16.0);
                    assert!(!r.overlaps(&corner), "{w}x{h} at {zoom}: {} under the zoom buttons", l.text);
                }
            }
        }
    }

    /// Every label box the frame placed: countries, places, deposits, amounts, note lines.
    fn label_boxes(f: &Frame) -> Vec<(String, Rect)> {
        let b = |l: &TextLabel| Rect::centered(l.at, text_width(&l.text, l.style.size), l.style.size + 3.0);
        let mut out: Vec<(String, Rect)> = Vec::new();
        out.extend(f.country_labels.iter().map(|l| {
            let px = if l.focus { COUNTRY_LABEL_PX } else { 11.0 };
            let tw =
                if l.focus { super::super::labels::spaced_label_width(&l.text, px) } else { text_width(&l.text, px) };
            (l.text.clone(), Rect::centered(l.at, tw, px + 2.0))
        }));
        out.extend(f.context.place_labels.iter().map(|l| (l.text.clone(), b(l))));
        out.extend(f.deposit_labels.iter().map(|l| (l.text.clone(), b(l))));
        out.extend(f.amount_labels.iter().map(|l| (l.text.clone(), b(l))));
        out.extend(f.notes.iter().flat_map(|n| n.lines.iter().map(|l| (l.text.clone(), b(l)))));
        out
    }

    #[test]
    fn every_arrow_with_a_disclosed_amount_has_its_label_or_a_recorded_reason() {
        let a = atlas();
        // 950×639 is the map in a 1280×800 page, 950×496 the same under chromedriver.
        for (w, h) in [(1280.0, 800.0), (950.0, 639.0), (950.0, 496.0), (390.0, 844.0)] {
            let base = a.base_view(w, h);
            for (zoom, lang) in [(1.0, Lang::En), (1.0, Lang::Ru), (3.0, Lang::En)] {
                let f = default_frame(&a, w, h, Some(base.zoom_at(&base, zoom, [w / 2.0, h / 2.0])), lang);
                for fl in &f.flows {
                    let labelled = f.amount_labels.iter().filter(|l| l.key == fl.key).count();
                    let dropped = f.amounts_without_room.iter().filter(|k| **k == fl.key).count();
                    if fl.flow.group.total_usd > 0.0 {
                        assert_eq!(labelled + dropped, 1, "{} at {w}x{h} zoom {zoom}", fl.key);
                        if labelled == 1 {
                            let l = f.amount_labels.iter().find(|l| l.key == fl.key).unwrap();
                            // The figure the width shows, in the reader's language.
                            assert_eq!(l.text, crate::format::usd(fl.flow.group.total_usd, lang));
                        }
                    } else {
                        assert_eq!(labelled + dropped, 0, "{}: no amount, no number", fl.key);
                    }
                }
                if w > 900.0 && zoom == 1.0 {
                    assert!(
                        f.amounts_without_room.is_empty(),
                        "{lang:?}: every amount fits the default desktop view: {:?}",
                        f.amounts_without_room
                    );
                }
            }
        }
    }

    #[test]
    fn no_placed_label_overlaps_another_or_covers_another_arrow() {
        let a = atlas();
        for (w, h) in [(1280.0, 800.0), (390.0, 844.0)] {
            let base = a.base_view(w, h);
            for zoom in [1.0, 2.0, 3.0] {
                let f = default_frame(&a, w, h, Some(base.zoom_at(&base, zoom, [w / 2.0, h / 2.0])), Lang::En);
                assert!(!f.amount_labels.is_empty());
                let boxes = label_boxes(&f);
                for (i, (t, b)) in boxes.iter().enumerate() {
                    for (u, o) in &boxes[i + 1..] {
                        assert!(!b.overlaps(o), "{t:?} overlaps {u:?} at {w}x{h} zoom {zoom}");
                    }
                }
                for l in &f.amount_labels {
                    let r = Rect::centered(l.at, text_width(&l.text, l.style.size), l.style.size + 3.0);
                    for fl in f.flows.iter().filter(|fl| fl.key != l.key) {
                        assert!(!callouts::covers(&r, &fl.flow.outer), "{} covers {}", l.key, fl.key);
                    }
                    for b in &f.badges {
                        assert!(!r.overlaps(&b.rect()), "{} covers the {} badge", l.key, b.investor);
                    }
                }
            }
        }
    }

    #[test]
    fn the_export_writes_the_same_amounts_as_the_frame() {
        let a = atlas();
        for lang in [Lang::En, Lang::Ru] {
            let f = default_frame(&a, 1280.0, 800.0, None, lang);
            let (svg, _) = crate::render::export::standalone_svg(&f, "https://example.org/");
            let mut got: Vec<(String, String)> = svg
                .split(r#"data-flow-amount=""#)
                .skip(1)
                .map(|s| {
                    let key = s.split('"').next().unwrap().to_string();
                    let text = s.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
                    (key, text)
                })
                .collect();
            let mut want: Vec<(String, String)> =
                f.amount_labels.iter().map(|l| (l.key.clone(), crate::render::svg::escape(&l.text))).collect();
            got.sort();
            want.sort();
            assert!(!want.is_empty());
            assert_eq!(got, want);
        }
    }

    #[test]
    fn pinned_notes_are_placed_off_every_other_label_with_a_leader_to_their_anchor() {
        let mut a = atlas();
        let dep = a.ds.deposits.iter().find(|d| d.id == "muruntau").unwrap().id.clone();
        a.ds.region.annotations = vec![
            crate::data::Annotation {
                row: 0,
                text: crate::data::Text {
                    en: "The largest open-pit gold mine".into(), ru: "Крупнейший карьер".into()
                },
                anchor: AnnotationAnchor::Deposit(dep),
            },
            crate::data::Annotation {
                row: 1,
                text: crate::data::Text { en: "A pipeline starts here".into(), ru: String::new() },
                anchor: AnnotationAnchor::Point([60.0, 42.0]),
            },
        ];
        let f = default_frame(&a, 1280.0, 800.0, None, Lang::Ru);
        assert_eq!(f.notes.iter().map(|n| n.index).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(f.notes[0].lines[0].text, "Крупнейший карьер");
        assert_eq!(f.notes[1].lines[0].text, "A pipeline starts here", "no Russian text: the English one");
        assert!(f.notes[0].dot.is_none() && f.notes[1].dot.is_some(), "a point gets a dot, a deposit has its marker");
        let boxes = label_boxes(&f);
        for (i, (t, b)) in boxes.iter().enumerate() {
            for (u, o) in &boxes[i + 1..] {
                assert!(!b.overlaps(o), "{t:?} overlaps {u:?}");
            }
        }
    }

    #[test]
    fn the_same_spec_builds_the_same_frame() {
        let a = atlas();
        let v = a.base_view(1000.0, 640.0);
        let (x, y) = (frame_at(&a, v, 1000.0, 640.0), frame_at(&a, v, 1000.0, 640.0));
        assert_eq!(x.markers, y.markers);
        assert_eq!(x.flows, y.flows);
        assert_eq!(x.badges, y.badges);
        assert_eq!(x.countries, y.countries);
    }
}
