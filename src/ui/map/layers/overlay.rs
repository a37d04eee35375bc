//! Above the markers: country and deposit labels, origin badges with their
//! chips, and — in canvas mode — the SVG overlays of the hovered, focused
//! and selected marker, which carry `data-deposit-id` and take keyboard
//! focus. The overlay SVG lets pointer events through except on chips and
//! the focus proxy.

use super::super::KeyFocus;
use crate::scene::flows::{BADGE_H, CHIP_H};
use crate::scene::frame::{Marker, TextLabel};
use crate::scene::style;
use crate::ui::state::{Hover, use_ui};
use crate::url_state::Selection;
use leptos::prelude::*;

pub(super) fn label_view(l: &TextLabel, class: &'static str) -> impl IntoView + use<> {
    let s = &l.style;
    view! {
        <text class=class class:focus=l.focus data-label=l.key.clone()
            x=format!("{:.1}", l.at[0]) y=format!("{:.1}", l.at[1])
            text-anchor="middle" dominant-baseline="central"
            style:font-size=format!("{}px", s.size) style:font-weight=s.weight.to_string()
            style:font-style=if s.italic { "italic" } else { "normal" } style:letter-spacing=format!("{}px", s.letter_spacing)
            style:fill=s.fill.css() style:stroke=s.halo.css()
        >{l.text.clone()}</text>
    }
}

#[component]
pub fn Labels() -> impl IntoView {
    let ui = use_ui();
    view! {
        <g class="labels" aria-hidden="true">
            {move || ui.frame.get().map(|f| view! {
                <g class="country-labels">{f.country_labels.iter().map(|l| label_view(l, "country-label")).collect_view()}</g>
                <g class="deposit-labels">{f.deposit_labels.iter().map(|l| label_view(l, "deposit-label")).collect_view()}</g>
                <g class="amount-labels">{f.amount_labels.iter().map(|l| view! {
                    <g data-flow-amount=l.key.clone()>{label_view(l, "amount-label")}</g>
                }).collect_view()}</g>
                <g class="notes">{f.notes.iter().map(|n| view! {
                    <g class="note" data-annotation=n.index.to_string()>
                        <path class="note-leader" d=n.leader_d.clone() style=n.leader.css()></path>
                        {n.dot.as_ref().map(|(at, r, s)| view! {
                            <circle cx=format!("{:.1}", at[0]) cy=format!("{:.1}", at[1]) r=format!("{r:.1}") style=s.css()></circle>
                        })}
                        {n.lines.iter().map(|l| label_view(l, "note-label")).collect_view()}
                    </g>
                }).collect_view()}</g>
            })}
        </g>
    }
}

#[component]
pub fn Badges() -> impl IntoView {
    let ui = use_ui();
    view! {
        <g class="origin-badges">
            {move || ui.frame.get().map(|f| f.badges.iter().map(|b| {
                let chip = b.chip.clone().map(|c| {
                    let (k1, k2, k3) = (c.key.clone(), c.key.clone(), c.key.clone());
                    let sel = move || ui.selected.with(|s| matches!(s, Some(Selection::Flow(k)) if *k == k3));
                    view! {
                        <g class="region-chip" class:selected=sel data-region-group=c.key.clone()
                            transform=format!("translate(0 {})", BADGE_H + 3.0)
                            role="button" tabindex="0" aria-label=c.text.clone()
                            on:pointerup=move |ev| { ev.stop_propagation(); ui.selected.set(Some(Selection::Flow(k1.clone()))) }
                            on:pointerdown=|ev| ev.stop_propagation()
                            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ui.selected.set(Some(Selection::Flow(k2.clone()))) }>
                            <rect width=format!("{:.1}", c.width) height=CHIP_H rx="9" style:fill=c.style.live(0) style:stroke=c.style.live(1) style:stroke-width=c.style.live(2) style:fill-opacity=c.style.live(3) style:stroke-opacity=c.style.live(4) style:stroke-dasharray=c.style.live(5)></rect>
                            <text x=format!("{:.1}", c.width / 2.0) y=CHIP_H / 2.0 text-anchor="middle" dominant-baseline="central" fill=b.fill.clone()>{c.text.clone()}</text>
                        </g>
                    }
                });
                view! {
                    <g class="origin-badge" class:off=!b.shown data-origin=b.investor.clone()
                        transform=format!("translate({:.1} {:.1})", b.pos[0], b.pos[1])>
                        <rect width=format!("{:.1}", b.width) height=BADGE_H rx="10" fill=b.fill.clone()></rect>
                        <text x=format!("{:.1}", b.width / 2.0) y=BADGE_H / 2.0 text-anchor="middle" dominant-baseline="central">{b.text.clone()}</text>
                        {chip}
                    </g>
                }
            }).collect_view())}
        </g>
    }
}

fn marker_overlay(m: &Marker, class: &'static str) -> impl IntoView + use<> {
    view! {
        <g class=format!("deposit {class}") data-deposit-id=m.id.clone() data-status=m.status.as_str()>
            <path class="marker" d=m.shape().d() style:fill=m.style.live(0) style:stroke=m.style.live(1) style:stroke-width=m.style.live(2) style:fill-opacity=m.style.live(3) style:stroke-opacity=m.style.live(4) style:stroke-dasharray=m.style.live(5)></path>
        </g>
    }
}

/// Canvas mode: the hovered and the selected marker, and the keyboard's
/// focus proxy (one element that moves from deposit to deposit).
#[component]
pub fn MarkerOverlays(focus: KeyFocus) -> impl IntoView {
    let ui = use_ui();
    let canvas = Memo::new(move |_| ui.frame.with(|f| f.as_ref().is_some_and(|f| f.canvas)));
    let hovered = Memo::new(move |_| match ui.hover.get() {
        Some(Hover::Deposit(i)) => Some(i),
        _ => None,
    });
    let hover = move || {
        let i = hovered.get()?;
        ui.frame.with(|f| f.as_ref().filter(|f| f.canvas)?.marker_of(i).map(|m| marker_overlay(m, "hovered")))
    };
    let selected = move || {
        let Some(Selection::Deposit(id)) = ui.selected.get() else { return None };
        let i = ui.atlas.with(|a| a.as_ref()?.deposit_named(&id))?;
        ui.frame.with(|f| {
            let f = f.as_ref().filter(|f| f.canvas)?;
            let m = f.marker_of(i)?;
            let ring = style::selection_ring();
            Some(view! {
                <g class="deposit selected" data-deposit-id=m.id.clone()>
                    <circle class="selection-ring" cx=format!("{:.1}", m.at[0]) cy=format!("{:.1}", m.at[1]) r=format!("{:.1}", m.r + 5.0) style:fill=ring.live(0) style:stroke=ring.live(1) style:stroke-width=ring.live(2) style:fill-opacity=ring.live(3) style:stroke-opacity=ring.live(4) style:stroke-dasharray=ring.live(5)></circle>
                    <path class="marker" d=m.shape().d() style:fill=m.style.live(0) style:stroke=m.style.live(1) style:stroke-width=m.style.live(2) style:fill-opacity=m.style.live(3) style:stroke-opacity=m.style.live(4) style:stroke-dasharray=m.style.live(5)></path>
                </g>
            })
        })
    };
    // The proxy: the marker at the keyboard position, focusable.
    let current = Memo::new(move |_| {
        ui.frame.with(|f| {
            let f = f.as_ref().filter(|f| f.canvas && !f.markers.is_empty())?;
            let pos = focus.pos.get().min(f.markers.len() - 1);
            let m = &f.markers[pos];
            Some((pos, m.deposit, m.id.clone(), m.label.clone(), m.shape().d(), m.style.clone(), m.at, m.r))
        })
    });
    let proxy = move || {
        canvas.get().then(|| {
            let attr = move |k: usize| {
                current.with(|c| {
                    c.as_ref().map(|c| match k {
                        0 => c.2.clone(),
                        1 => c.3.clone(),
                        _ => c.4.clone(),
                    })
                })
            };
            let prop = move |k: usize| current.with(|c| c.as_ref().map(|c| c.5.live(k)).unwrap_or_default());
            view! {
                <g class="deposit focus-proxy" role="button" tabindex="0"
                    data-deposit-id=move || attr(0) aria-label=move || attr(1)
                    on:focus=move |_| if let Some((_, i, .., at, _)) = current.get_untracked() { focus.show(i, at) }
                    on:blur=move |_| ui.hover.set(None)
                    on:keydown=move |ev| if let Some((pos, i, ..)) = current.get_untracked() { focus.key(ev, pos, i) }>
                    <path class="marker" d=move || attr(2)
                        style:fill=move || prop(0) style:stroke=move || prop(1) style:stroke-width=move || prop(2)
                        style:fill-opacity=move || prop(3) style:stroke-opacity=move || prop(4) style:stroke-dasharray=move || prop(5)></path>
                </g>
            }
        })
    };
    view! { <g class="marker-overlays">{hover}{selected}{proxy}</g> }
}
