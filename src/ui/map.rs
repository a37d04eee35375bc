//! The SVG map. Pan and zoom move one `<g>` transform; paths, markers and
//! arrows are recomputed (re-projected, re-simplified, re-laid out) only when
//! a gesture ends. Every hover and click is answered by an R-tree.

use super::state::{Hover, Shared, Ui, use_ui};
use super::tooltip::Tooltip;
use crate::data::commodity::Group;
use crate::data::{Precision, SiteKind};
use crate::flows::WidthScale;
use crate::flows::scale::size_factor;
use crate::i18n::Key;
use crate::render::format::{BADGE_DARKEN, darken};
use crate::scene::basemap;
use crate::scene::flows::{BADGE_H, CHIP_H, DrawnFlow, OriginBadge, Viewport, layout};
use crate::scene::labels::{Rect, place, text_width};
use crate::scene::markers::marker_path;
use crate::spatial::{BoxIndex, View};
use crate::url_state::Selection;
use leptos::html::Div;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Pixels within which the pointer "hits" a deposit: a mouse, and a finger.
const HIT_PX: f64 = 10.0;
const TOUCH_HIT_PX: f64 = 22.0;

#[derive(Clone, Default)]
struct Gesture {
    pointers: Vec<(i32, [f64; 2])>,
    start: Vec<[f64; 2]>,
    start_view: Option<View>,
    moved: bool,
    wheel_seq: u32,
}

/// Marker radius by kind, in pixels (constant on screen).
pub fn marker_radius(kind: SiteKind) -> f64 {
    match kind {
        SiteKind::Plant => 4.5,
        _ => 5.5,
    }
}

/// The drawn flows and an R-tree over their outlines (drawn-view pixels).
#[derive(Clone, Default)]
pub struct FlowScene {
    pub flows: Vec<DrawnFlow>,
    pub badges: Vec<OriginBadge>,
    pub index: BoxIndex,
}

/// The current width scale: locked to the region's, or fitted to the data.
pub fn current_scale(ui: &Ui) -> Option<WidthScale> {
    let (w, h) = ui.size.get();
    ui.atlas.with(|a| {
        a.as_ref().map(|a| {
            let spec = a.ds.region.flow_scale;
            let factor = size_factor(w, h);
            if ui.lock_scale.get() {
                WidthScale::locked(&spec, factor)
            } else {
                let max = ui.groups.with(|g| {
                    g.iter()
                        .filter(|g| g.scope == crate::data::FlowScope::Country)
                        .map(|g| g.total_usd)
                        .fold(0.0, f64::max)
                });
                WidthScale::fitted(max, 40.0 * factor, spec.min_px)
            }
        })
    })
}

pub fn flow_scene(ui: Ui) -> Memo<Shared<FlowScene>> {
    Memo::new(move |_| {
        let (w, h) = ui.size.get();
        let view = ui.view.get();
        let lang = ui.lang.get();
        let scale = current_scale(&ui);
        let scene = ui.atlas.with(|a| {
            let (Some(a), Some(scale)) = (a.as_ref(), scale) else {
                return FlowScene::default();
            };
            if w <= 0.0 {
                return FlowScene::default();
            }
            let groups = ui.groups.get();
            let badge_text = |id: &str| {
                a.ds.investor(id)
                    .map(|i| format!("{} · {}", i.name.get(lang), i.origin_label.get(lang)))
                    .unwrap_or_default()
            };
            let (flows, badges) = layout(
                a,
                &groups,
                Viewport { view, width: w, height: h },
                &scale,
                |iso| a.country_name(iso, lang).to_uppercase(),
                badge_text,
            );
            let index = BoxIndex::new(flows.iter().map(|f| f.outer.bounds()));
            FlowScene { flows, badges, index }
        });
        Shared::new(scene)
    })
}

fn pointer_pos(container: &NodeRef<Div>, x: i32, y: i32) -> [f64; 2] {
    container
        .get_untracked()
        .map(|el| {
            let r = el.get_bounding_client_rect();
            [x as f64 - r.left(), y as f64 - r.top()]
        })
        .unwrap_or([0.0, 0.0])
}

/// What is under a point given in live-screen pixels.
pub fn hit(ui: &Ui, scene: &FlowScene, p: [f64; 2], tolerance_px: f64) -> Option<Hover> {
    let live = ui.live.get_untracked();
    let drawn = ui.view.get_untracked();
    let plane = live.to_plane(p);
    if ui.layer_on("deposits")
        && let Some(i) = ui.index.with_untracked(|idx| idx.nearest_within(plane, tolerance_px / live.k))
    {
        return Some(Hover::Deposit(i));
    }
    if ui.layer_on("flows") {
        let (s, dx, dy) = live.relative_to(&drawn);
        let pd = [(p[0] - dx) / s, (p[1] - dy) / s];
        // Thin arrows are drawn last (on top), so they win.
        if let Some(i) = scene.index.candidates(pd).filter(|&i| scene.flows[i].outer.contains(pd)).max() {
            return Some(Hover::Flow(scene.flows[i].group.key()));
        }
    }
    ui.atlas.with_untracked(|a| a.as_ref().and_then(|a| a.country_at(plane)).map(Hover::Country))
}

#[component]
pub fn MapView() -> impl IntoView {
    let ui = use_ui();
    let container: NodeRef<Div> = NodeRef::new();
    let gesture = StoredValue::new(Gesture::default());
    let scene = expect_context::<Memo<Shared<FlowScene>>>();
    let ctrl_hint = RwSignal::new(false);

    // Track the container's size; keep the view's centre and zoom on resize.
    let measure = move || {
        if let Some(el) = container.get_untracked() {
            let r = el.get_bounding_client_rect();
            let (w, h) = (r.width().round(), r.height().round());
            if w > 0.0 && h > 0.0 && (w, h) != ui.size.get_untracked() {
                let old = ui.size.get_untracked();
                let keep = ui.atlas.with_untracked(|a| {
                    a.as_ref().filter(|_| old.0 > 0.0).map(|a| {
                        let base = a.base_view(old.0, old.1);
                        ui.view.get_untracked().to_center_zoom(&a.proj, &base, old.0, old.1)
                    })
                });
                ui.size.set((w, h));
                let pending = ui.pending_view.get_value().or(keep);
                ui.atlas.with_untracked(|a| {
                    if let Some(a) = a {
                        let base = a.base_view(w, h);
                        let v = match pending {
                            Some((lon, lat, z)) => View::from_center_zoom(&a.proj, &base, lon, lat, z, w, h),
                            None => base,
                        };
                        ui.pending_view.set_value(None);
                        ui.set_view(v);
                    }
                });
            }
        }
    };
    Effect::new(move |_| {
        // Re-measure once the data arrives (the fit needs the frame).
        if ui.atlas.with(Option::is_some) {
            ui.size.update_untracked(|s| *s = (0.0, 0.0));
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let commit = move || ui.view.set(ui.live.get_untracked());

    let zoom_by = move |factor: f64, at: Option<[f64; 2]>| {
        let Some(base) = ui.base_view() else { return };
        let (w, h) = ui.size.get_untracked();
        let at = at.unwrap_or([w / 2.0, h / 2.0]);
        ui.set_view(ui.live.get_untracked().zoom_at(&base, factor, at));
    };

    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let p = pointer_pos(&container, ev.client_x(), ev.client_y());
        if let Some(t) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = t.set_pointer_capture(ev.pointer_id());
        }
        gesture.update_value(|g| {
            g.pointers.retain(|(id, _)| *id != ev.pointer_id());
            g.pointers.push((ev.pointer_id(), p));
            g.start = g.pointers.iter().map(|x| x.1).collect();
            g.start_view = Some(ui.live.get_untracked());
            if g.pointers.len() == 1 {
                g.moved = false;
            }
        });
    };

    let on_move = move |ev: web_sys::PointerEvent| {
        let p = pointer_pos(&container, ev.client_x(), ev.client_y());
        let g = gesture.get_value();
        if let (Some(start_view), false) = (g.start_view, g.pointers.is_empty()) {
            gesture.update_value(|g| {
                if let Some(x) = g.pointers.iter_mut().find(|x| x.0 == ev.pointer_id()) {
                    x.1 = p;
                }
            });
            let g = gesture.get_value();
            if g.pointers.len() >= 2 && g.start.len() >= 2 {
                let Some(base) = ui.base_view() else { return };
                let (a0, b0, a1, b1) = (g.start[0], g.start[1], g.pointers[0].1, g.pointers[1].1);
                let d0 = ((a0[0] - b0[0]).powi(2) + (a0[1] - b0[1]).powi(2)).sqrt().max(1.0);
                let d1 = ((a1[0] - b1[0]).powi(2) + (a1[1] - b1[1]).powi(2)).sqrt();
                let m0 = [(a0[0] + b0[0]) / 2.0, (a0[1] + b0[1]) / 2.0];
                let m1 = [(a1[0] + b1[0]) / 2.0, (a1[1] + b1[1]) / 2.0];
                ui.live.set(start_view.zoom_at(&base, d1 / d0, m0).pan(m1[0] - m0[0], m1[1] - m0[1]));
                gesture.update_value(|g| g.moved = true);
            } else if let Some(s) = g.start.first() {
                let (dx, dy) = (p[0] - s[0], p[1] - s[1]);
                if g.moved || dx.abs() + dy.abs() > 4.0 {
                    gesture.update_value(|g| g.moved = true);
                    ui.hover.set(None);
                    ui.live.set(start_view.pan(dx, dy));
                }
            }
            return;
        }
        let h = scene.with_untracked(|s| hit(&ui, s, p, HIT_PX));
        ui.hover.set(h.map(|h| (h, p)));
    };

    let on_up = move |ev: web_sys::PointerEvent| {
        let p = pointer_pos(&container, ev.client_x(), ev.client_y());
        let g = gesture.get_value();
        let was_click = !g.moved && g.pointers.len() == 1;
        gesture.update_value(|g| {
            g.pointers.retain(|(id, _)| *id != ev.pointer_id());
            g.start = g.pointers.iter().map(|x| x.1).collect();
            g.start_view = (!g.pointers.is_empty()).then(|| ui.live.get_untracked());
        });
        if was_click {
            let tol = if ev.pointer_type() == "touch" { TOUCH_HIT_PX } else { HIT_PX };
            match scene.with_untracked(|s| hit(&ui, s, p, tol)) {
                Some(Hover::Deposit(i)) => {
                    let id = ui.atlas.with_untracked(|a| a.as_ref().map(|a| a.ds.deposits[i].id.clone()));
                    ui.selected.set(id.map(Selection::Deposit));
                }
                Some(Hover::Flow(key)) => ui.selected.set(Some(Selection::Flow(key))),
                _ => ui.selected.set(None),
            }
        } else if gesture.get_value().pointers.is_empty() {
            commit();
        }
    };

    let on_wheel = move |ev: web_sys::WheelEvent| {
        if ui.embed && !(ev.ctrl_key() || ev.meta_key()) {
            // Let the page scroll; say how to zoom.
            ctrl_hint.set(true);
            set_timeout(move || ctrl_hint.set(false), Duration::from_millis(1400));
            return;
        }
        ev.prevent_default();
        let Some(base) = ui.base_view() else { return };
        let p = pointer_pos(&container, ev.client_x(), ev.client_y());
        let unit = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        let factor = (-ev.delta_y() * unit * 0.0022).exp();
        ui.live.set(ui.live.get_untracked().zoom_at(&base, factor, p));
        // Commit once the wheel rests.
        gesture.update_value(|g| g.wheel_seq = g.wheel_seq.wrapping_add(1));
        let seq = gesture.get_value().wheel_seq;
        set_timeout(
            move || {
                if gesture.get_value().wheel_seq == seq {
                    commit();
                }
            },
            Duration::from_millis(160),
        );
    };

    let on_dblclick = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        let p = pointer_pos(&container, ev.client_x(), ev.client_y());
        zoom_by(if ev.shift_key() { 0.5 } else { 2.0 }, Some(p));
    };

    let on_key = move |ev: web_sys::KeyboardEvent| {
        // Only when the map itself has focus (not a marker or a control).
        if ev.target() != ev.current_target() {
            return;
        }
        let step = 80.0;
        match ev.key().as_str() {
            "ArrowLeft" => ui.set_view(ui.live.get_untracked().pan(step, 0.0)),
            "ArrowRight" => ui.set_view(ui.live.get_untracked().pan(-step, 0.0)),
            "ArrowUp" => ui.set_view(ui.live.get_untracked().pan(0.0, step)),
            "ArrowDown" => ui.set_view(ui.live.get_untracked().pan(0.0, -step)),
            "+" | "=" => zoom_by(1.5, None),
            "-" | "_" => zoom_by(1.0 / 1.5, None),
            "0" => {
                if let Some(b) = ui.base_view() {
                    ui.set_view(b)
                }
            }
            _ => return,
        }
        ev.prevent_default();
    };

    let transform = move || {
        let (s, dx, dy) = ui.live.get().relative_to(&ui.view.get());
        format!("translate({dx:.2} {dy:.2}) scale({s:.5})")
    };

    let in_view_count = move || {
        let (w, h) = ui.size.get();
        let v = ui.live.get();
        ui.index.with(|i| i.in_rect(v.visible_plane(w, h)).count())
    };

    let summary = move || {
        let lang = ui.lang.get();
        ui.atlas.with(|a| {
            let Some(a) = a else { return String::new() };
            let n = ui.visible.with(Vec::len);
            let largest = ui.groups.with(|g| {
                g.iter()
                    .filter(|g| g.scope == crate::data::FlowScope::Country)
                    .max_by(|x, y| x.total_usd.total_cmp(&y.total_usd))
                    .map(|g| {
                        let inv = a.ds.investor(&g.investor).map(|i| i.name.get(lang).to_string()).unwrap_or_default();
                        format!(
                            "{inv} → {}, {}",
                            a.country_name(&g.destination, lang),
                            crate::render::format::usd(g.total_usd, lang)
                        )
                    })
                    .unwrap_or_default()
            });
            let investors = a.ds.region.investors.len();
            format!("{n} {} {investors} {} {largest}", ui.t(Key::Summary), ui.t(Key::SummaryInvestors))
        })
    };

    view! {
        <div
            class="map"
            class:embed=ui.embed
            node_ref=container
            tabindex="0"
            role="region"
            aria-label=move || ui.t(Key::MapLabel)
            aria-describedby="map-summary"
            on:keydown=on_key
        >
            <p id="map-summary" class="visually-hidden">{summary}</p>
            <svg
                class="map-svg"
                width=move || ui.size.get().0
                height=move || ui.size.get().1
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:pointerleave=move |_| {
                    if gesture.with_value(|g| g.pointers.is_empty()) {
                        ui.hover.set(None)
                    }
                }
                on:wheel=on_wheel
                on:dblclick=on_dblclick
            >
                <Patterns/>
                <g class="viewport" transform=transform>
                    <Countries/>
                    <Show when=move || ui.layer_on("flows")>
                        <Arrows scene=scene/>
                    </Show>
                    <Show when=move || ui.layer_on("deposits")>
                        <Deposits/>
                    </Show>
                    <CountryLabels/>
                </g>
            </svg>
            <ZoomControls zoom_by=zoom_by/>
            <div class="in-view" aria-live="polite">
                <strong>{in_view_count}</strong>" "{move || ui.t(Key::DepositsInView)}
            </div>
            <Show when=move || ctrl_hint.get()>
                <div class="ctrl-hint" role="status">{move || ui.t(Key::CtrlToZoom)}</div>
            </Show>
            <Tooltip scene=scene/>
        </div>
    }
}

/// Hatch patterns for committed money, one per investor colour.
#[component]
fn Patterns() -> impl IntoView {
    let ui = use_ui();
    view! {
        <defs>
            {move || {
                ui.atlas.with(|a| {
                    a.as_ref()
                        .map(|a| {
                            a.ds.region.investors.iter().map(|inv| {
                                view! {
                                    <pattern
                                        id=format!("hatch-{}", inv.id)
                                        width="6" height="6"
                                        patternUnits="userSpaceOnUse"
                                        patternTransform="rotate(45)"
                                    >
                                        <rect width="6" height="6" fill=inv.color.clone() fill-opacity="0.12"></rect>
                                        <line x1="0" y1="0" x2="0" y2="6" stroke=inv.color.clone() stroke-width="2.6"></line>
                                    </pattern>
                                }
                            }).collect_view()
                        })
                })
            }}
        </defs>
    }
}

#[component]
fn Countries() -> impl IntoView {
    let ui = use_ui();
    let paths = Memo::new(move |_| {
        let vp = ui.viewport();
        ui.atlas.with(|a| a.as_ref().map(|a| basemap::paths(a, vp)).unwrap_or_default())
    });
    view! {
        <g class="countries">
            {move || {
                let (countries, water) = paths.get();
                view! {
                    {countries.into_iter().map(|c| view! {
                        <path class="country" class:focus=c.focus class:context=!c.focus data-iso3=c.iso3 d=c.d></path>
                    }).collect_view()}
                    <g class="water">
                        {water.into_iter().map(|w| view! { <path class="water-body" data-water=w.id d=w.d></path> }).collect_view()}
                    </g>
                }
            }}
        </g>
    }
}

#[component]
fn CountryLabels() -> impl IntoView {
    let ui = use_ui();
    let labels = Memo::new(move |_| {
        let vp = ui.viewport();
        let lang = ui.lang.get();
        ui.atlas.with(|a| a.as_ref().map(|a| basemap::country_labels(a, vp, lang)).unwrap_or_default())
    });
    view! {
        <g class="country-labels" aria-hidden="true">
            {move || labels.get().into_iter().map(|l| view! {
                <text class="country-label" class:focus=l.focus data-label-iso3=l.iso3 x=format!("{:.1}", l.at[0]) y=format!("{:.1}", l.at[1])
                    text-anchor="middle" dominant-baseline="central">{l.text}</text>
            }).collect_view()}
        </g>
    }
}

#[component]
fn Arrows(scene: Memo<Shared<FlowScene>>) -> impl IntoView {
    let ui = use_ui();
    // The hover signal changes on every pointer move (it carries the
    // position); redraw the arrows only when the hovered arrow changes.
    let hovered_flow = Memo::new(move |_| {
        ui.hover.with(|h| match h {
            Some((Hover::Flow(k), _)) => Some(k.clone()),
            _ => None,
        })
    });
    view! {
        <g class="flows">
            {move || {
                let s = scene.get();
                let selected = ui.selected.get();
                let hovered = hovered_flow.get();
                let arrows = s.flows.iter().map(|f| {
                    let key = f.group.key();
                    let sel = selected == Some(Selection::Flow(key.clone())) || hovered.as_deref() == Some(key.as_str());
                    let outer_fill = if f.outer_solid { f.color.clone() } else { format!("url(#hatch-{})", f.group.investor) };
                    view! {
                        <g class="flow" class:selected=sel class:min-width=f.raised_to_min
                            data-flow=key.clone()
                            data-investor=f.group.investor.clone()
                            data-amount=format!("{:.0}", f.group.total_usd)
                            data-width=format!("{:.3}", f.outer.width)>
                            <path class="flow-outer" d=f.outer.path() fill=outer_fill stroke=f.color.clone()
                                stroke-dasharray=if f.group.total_usd <= 0.0 { "3 2" } else { "none" }></path>
                            {f.inner.as_ref().map(|inner| view! {
                                <path class="flow-inner" d=inner.path() fill=f.color.clone()
                                    data-width=format!("{:.3}", inner.width)></path>
                            })}
                        </g>
                    }
                }).collect_view();
                let badges = s
                    .badges
                    .iter()
                    .filter_map(|b| {
                        // Darkened, so white text and the chip's text pass AA contrast.
                        let color = ui.atlas.with(|a| {
                            a.as_ref().and_then(|a| a.ds.investor(&b.investor)).map(|i| darken(&i.color, BADGE_DARKEN))
                        })?;
                        let shown = ui.flow_investors.with(|v| v.contains(&b.investor));
                        let chip = b.region.clone().map(|(key, n)| {
                            let text = format!("+ {n} {}", ui.t(Key::RegionWideShort));
                            let cw = text_width(&text, 10.5) + 14.0;
                            let sel = selected == Some(Selection::Flow(key.clone()));
                            let k2 = key.clone();
                            view! {
                                <g class="region-chip" class:selected=sel data-region-group=key.clone()
                                    transform=format!("translate(0 {})", BADGE_H + 3.0)
                                    role="button" tabindex="0" aria-label=text.clone()
                                    on:pointerup=move |ev| { ev.stop_propagation(); ui.selected.set(Some(Selection::Flow(key.clone()))) }
                                    on:pointerdown=|ev| ev.stop_propagation()
                                    on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ui.selected.set(Some(Selection::Flow(k2.clone()))) }>
                                    <rect width=format!("{cw:.1}") height=CHIP_H rx="9" fill="white" stroke=color.clone() stroke-dasharray="3 2" stroke-width="1.5"></rect>
                                    <text x=format!("{:.1}", cw / 2.0) y=CHIP_H / 2.0 text-anchor="middle" dominant-baseline="central" fill=color.clone()>{text.clone()}</text>
                                </g>
                            }
                        });
                        Some(view! {
                            <g class="origin-badge" class:off=!shown data-origin=b.investor.clone()
                                transform=format!("translate({:.1} {:.1})", b.pos[0], b.pos[1])>
                                <rect width=format!("{:.1}", b.width) height=BADGE_H rx="10" fill=color.clone()></rect>
                                <text x=format!("{:.1}", b.width / 2.0) y=BADGE_H / 2.0 text-anchor="middle" dominant-baseline="central">{b.text.clone()}</text>
                                {chip}
                            </g>
                        })
                    })
                    .collect_view();
                view! { {arrows}<g class="origin-badges">{badges}</g> }
            }}
        </g>
    }
}

#[component]
fn Deposits() -> impl IntoView {
    let ui = use_ui();
    let focus_idx = RwSignal::new(0usize);
    let markers = move || {
        let view = ui.view.get();
        let (w, h) = ui.size.get();
        let selected = ui.selected.get();
        let lang = ui.lang.get();
        let zoom = ui.base_view().map(|b| view.k / b.k).unwrap_or(1.0);
        ui.atlas.with(|a| {
            let Some(a) = a else { return ().into_any() };
            // Viewport culling through the R-tree.
            let mut shown: Vec<usize> = ui.index.with(|i| i.in_rect(view.visible_plane(w, h)).collect());
            shown.sort_by(|&x, &y| a.deposits_plane[x][0].total_cmp(&a.deposits_plane[y][0]));
            let halos = shown.iter().filter_map(|&i| {
                let d = &a.ds.deposits[i];
                let r = d.precision_km / 6371.0 * view.k;
                (d.precision != Precision::Exact && r > marker_radius(d.kind) + 1.5).then(|| {
                    let p = view.to_screen(a.deposits_plane[i]);
                    view! {
                        <circle class="uncertainty" class:region=d.precision == Precision::Region
                            cx=format!("{:.1}", p[0]) cy=format!("{:.1}", p[1]) r=format!("{r:.1}")
                            fill=Group::of(d.primary()).color()></circle>
                    }
                })
            }).collect_view();
            let n = shown.len();
            let current = focus_idx.get().min(n.saturating_sub(1));
            let marks = shown.iter().enumerate().map(|(pos, &i)| {
                let d = &a.ds.deposits[i];
                let p = view.to_screen(a.deposits_plane[i]);
                let r = marker_radius(d.kind);
                let color = Group::of(d.primary()).color();
                let hollow = d.precision == Precision::Region;
                let is_sel = selected == Some(Selection::Deposit(d.id.clone()));
                let label = format!("{} ({}, {})", d.display_name(lang), d.commodities.join(", "), a.country_name(&d.country, lang));
                let id = d.id.clone();
                let id2 = d.id.clone();
                let next = move |delta: isize| {
                    let to = ((pos as isize + delta).rem_euclid(n as isize)) as usize;
                    focus_idx.set(to);
                    request_animation_frame(move || {
                        let doc = document();
                        if let Ok(Some(el)) = doc.query_selector(".deposit[tabindex='0']")
                            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
                        {
                            let _ = el.focus();
                        }
                    });
                };
                view! {
                    <g class="deposit" class:selected=is_sel class:approximate=d.precision == Precision::Approximate
                        class:region=hollow
                        data-deposit-id=id.clone()
                        data-status=d.status.as_str()
                        data-group=Group::of(d.primary()).key()
                        role="button"
                        tabindex=if pos == current { "0" } else { "-1" }
                        aria-label=label
                        on:focus=move |_| ui.hover.set(Some((Hover::Deposit(i), [p[0], p[1] - 8.0])))
                        on:blur=move |_| ui.hover.set(None)
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            match ev.key().as_str() {
                                "ArrowRight" | "ArrowDown" => next(1),
                                "ArrowLeft" | "ArrowUp" => next(-1),
                                "Enter" | " " => ui.selected.set(Some(Selection::Deposit(id2.clone()))),
                                _ => return,
                            }
                            ev.prevent_default();
                            ev.stop_propagation();
                        }
                    >
                        {is_sel.then(|| view! { <circle class="selection-ring" cx=format!("{:.1}", p[0]) cy=format!("{:.1}", p[1]) r=format!("{:.1}", r + 5.0)></circle> })}
                        <path class="marker" d=marker_path(d.status, p[0], p[1], r)
                            fill=if hollow { "white" } else { color } stroke=if hollow { color } else { "#1b1b1b" }></path>
                    </g>
                }
            }).collect_view();
            // Deposit names where there is room, once zoomed in.
            let labels = (zoom >= 2.5).then(|| {
                let cands: Vec<Vec<Rect>> = shown.iter().map(|&i| {
                    let d = &a.ds.deposits[i];
                    let p = view.to_screen(a.deposits_plane[i]);
                    let tw = text_width(&format!("{} · {}", d.display_name(lang), d.primary()), 11.0);
                    vec![
                        Rect { x: p[0] + 8.0, y: p[1] - 7.0, w: tw, h: 14.0 },
                        Rect { x: p[0] - 8.0 - tw, y: p[1] - 7.0, w: tw, h: 14.0 },
                        Rect { x: p[0] - tw / 2.0, y: p[1] - 22.0, w: tw, h: 14.0 },
                    ]
                }).collect();
                let blocked: Vec<Rect> = shown.iter().map(|&i| Rect::centered(view.to_screen(a.deposits_plane[i]), 10.0, 10.0)).collect();
                let placed = place(&cands, &blocked, (w, h));
                shown.iter().zip(placed).filter_map(|(&i, r)| r.map(|r| {
                    let d = &a.ds.deposits[i];
                    view! { <text class="deposit-label" x=format!("{:.1}", r.x) y=format!("{:.1}", r.y + 10.5)>{format!("{} · {}", d.display_name(lang), d.primary())}</text> }
                })).collect_view()
            });
            view! { <g class="halos">{halos}</g><g class="markers">{marks}</g><g class="deposit-labels" aria-hidden="true">{labels}</g> }.into_any()
        })
    };
    view! { <g class="deposits">{markers}</g> }
}

#[component]
fn ZoomControls<F>(zoom_by: F) -> impl IntoView
where
    F: Fn(f64, Option<[f64; 2]>) + Copy + Send + Sync + 'static,
{
    let ui = use_ui();
    view! {
        <div class="zoom-controls">
            <button type="button" class="zoom-in" aria-label=move || ui.t(Key::ZoomIn) title=move || ui.t(Key::ZoomIn)
                on:click=move |_| zoom_by(1.6, None)>"+"</button>
            <button type="button" class="zoom-out" aria-label=move || ui.t(Key::ZoomOut) title=move || ui.t(Key::ZoomOut)
                on:click=move |_| zoom_by(1.0 / 1.6, None)>"−"</button>
            <button type="button" class="zoom-reset" aria-label=move || ui.t(Key::ResetView) title=move || ui.t(Key::ResetView)
                on:click=move |_| { if let Some(b) = ui.base_view() { ui.set_view(b) } }>"⟲"</button>
        </div>
    }
}
