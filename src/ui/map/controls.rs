//! The map's controls: zoom buttons, the "N in view" count, the embed's
//! ctrl-to-zoom hint, and the list a cluster opens.

use super::gesture::zoom_by;
use crate::decimal::fixed;
use crate::i18n::Key;
use crate::ui::state::use_ui;
use crate::url_state::Selection;
use leptos::prelude::*;

/// How many names a cluster's list shows.
const CLUSTER_LIST_MAX: usize = 50;

#[component]
pub fn ZoomControls() -> impl IntoView {
    let ui = use_ui();
    view! {
        <div class="zoom-controls">
            <button type="button" class="zoom-in" aria-label=move || ui.t(Key::ZoomIn) title=move || ui.t(Key::ZoomIn)
                on:click=move |_| zoom_by(ui, 1.6, None)>"+"</button>
            <button type="button" class="zoom-out" aria-label=move || ui.t(Key::ZoomOut) title=move || ui.t(Key::ZoomOut)
                on:click=move |_| zoom_by(ui, 1.0 / 1.6, None)>"−"</button>
            <button type="button" class="zoom-reset" aria-label=move || ui.t(Key::ResetView) title=move || ui.t(Key::ResetView)
                on:click=move |_| { if let Some(b) = ui.base_view() { ui.set_view(b) } }>"⟲"</button>
        </div>
    }
}

/// Deposits in the drawn view (updates when a gesture ends, not per move).
#[component]
pub fn InViewCount() -> impl IntoView {
    let ui = use_ui();
    let n = move || ui.frame.with(|f| f.as_ref().map(|f| f.in_view.len()).unwrap_or(0));
    view! {
        <div class="in-view" aria-live="polite">
            // On a narrow map "in view" is for screen readers only (styles/atlas.css),
            // so the count keeps clear of the zoom buttons in either language.
            <strong>{n}</strong>" "{move || crate::i18n::deposits(ui.lang.get(), n())}
            <span class="in-view-tail">" "{move || ui.t(Key::InView)}</span>
        </div>
    }
}

/// A cluster's deposits: the first fifty by name, and how many more; zoom in to split it.
#[component]
pub fn ClusterList() -> impl IntoView {
    let ui = use_ui();
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            ui.cluster_open.set(None);
        }
    });
    on_cleanup(move || esc.remove());
    let content = move || {
        let c = ui.cluster_open.get()?;
        let lang = ui.lang.get();
        let atlas = ui.atlas.get()?;
        let frame = ui.frame.get()?;
        let cl = frame.clusters.get(c)?;
        let mut names: Vec<(String, String)> = cl
            .members
            .iter()
            .map(|&i| (atlas.ds.deposits[i].display_name(lang).to_string(), atlas.ds.deposits[i].id.clone()))
            .collect();
        crate::sort::by(&mut names, |a, b| a.cmp(b));
        let more = names.len().saturating_sub(CLUSTER_LIST_MAX);
        let at = cl.at;
        let [px, py] = ui.pointer.get_untracked();
        let (w, _) = ui.size.get_untracked();
        let left = if px > w - 300.0 { px - 290.0 } else { px + 12.0 };
        Some(view! {
            <div class="cluster-list" role="dialog" aria-label=format!("{} {}", cl.count, crate::case::lower(ui.t(Key::Deposits)))
                data-cluster-list=cl.count style:left=format!("{}px", fixed(left, 0)) style:top=format!("{}px", fixed(py.max(8.0), 0))>
                <div class="cluster-head">
                    <strong>{cl.count}" "{crate::case::lower(ui.t(Key::Deposits))}</strong>
                    <button type="button" class="close" aria-label=ui.t(Key::Close) on:click=move |_| ui.cluster_open.set(None)>"×"</button>
                </div>
                <ul>
                    {names.into_iter().take(CLUSTER_LIST_MAX).map(|(name, id)| view! {
                        <li><button type="button" class="link" data-cluster-member=id.clone()
                            on:click=move |_| { ui.cluster_open.set(None); crate::ui::reveal::select(ui, Selection::Deposit(id.clone())) }>{name}</button></li>
                    }).collect_view()}
                </ul>
                {(more > 0).then(|| view! { <p class="note">{format!("{CLUSTER_LIST_MAX} {}, {more} {}", ui.t(Key::Shown), ui.t(Key::More))}</p> })}
                <button type="button" class="tool" on:click=move |_| { ui.cluster_open.set(None); zoom_by(ui, 4.0, Some(at)) }>
                    {ui.t(Key::ZoomIn)}</button>
            </div>
        })
    };
    view! { {content} }
}
