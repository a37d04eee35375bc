//! The page: header, map, sidebar (filters and legend), details panel and
//! the credit line. Loads the dataset, keeps the URL in step with the state.

use super::details::Details;
use super::filters::Filters;
use super::legend::{CompactLegend, Legend};
use super::loader::{DEFAULT_MANIFEST, load, load_fragment};
use super::map::{MapView, flow_scene};
use super::search::Search;
use super::share::ShareBar;
use super::state::{Ui, use_ui};
use super::table::TableView;
use crate::atlas::Atlas;
use crate::i18n::{Key, Lang};
use crate::url_state::{Selection, UrlState};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn App() -> impl IntoView {
    let search = window().location().search().unwrap_or_default();
    let (url, url_errors) = UrlState::parse(&search);
    let data_url = url.data.clone().unwrap_or_else(|| DEFAULT_MANIFEST.to_string());
    let ui = Ui::new(&url, data_url.clone());
    provide_context(ui);
    ui.problems.set(url_errors.iter().map(|e| e.to_string()).collect());
    let investors_from_url = url.flow_investors.is_some();
    let scene = flow_scene(ui);
    provide_context(scene);

    // A fragment permalink (`#map=…`) carries a journalist's map itself.
    let hash = window().location().hash().unwrap_or_default();
    leptos::task::spawn_local(async move {
        let loaded = match crate::author::doc::has_map(&hash) {
            true => match load_fragment(&hash).await {
                Err(e) => {
                    ui.problems.update(|p| p.push(e.to_string()));
                    load(&data_url).await
                }
                ok => ok,
            },
            false => load(&data_url).await,
        };
        match loaded {
            Ok(ds) => {
                let errs: Vec<String> = ds.errors.iter().map(|e| e.to_string()).collect();
                if !investors_from_url {
                    ui.flow_investors.set(ds.region.investors.iter().map(|i| i.id.clone()).collect());
                }
                ui.problems.update(|p| p.extend(errs));
                // A permalink may name a deposit or arrow this dataset lacks: say so, don't open an empty panel.
                let missing = match ui.selected.get_untracked() {
                    Some(Selection::Deposit(id)) if ds.deposit(&id).is_none() => {
                        Some(format!("no deposit with id \"{id}\""))
                    }
                    Some(Selection::Flow(key))
                        if !ds.flows.iter().any(|f| format!("{}-{}", f.investor, f.destination) == key) =>
                    {
                        Some(format!("no investment flow \"{key}\""))
                    }
                    _ => None,
                };
                if let Some(m) = missing {
                    ui.problems.update(|p| p.push(format!("URL parameter \"sel\": {m}")));
                    ui.selected.set(None);
                }
                ui.atlas.set(Some(Arc::new(Atlas::new(ds))));
            }
            Err(e) => ui.problems.update(|p| p.push(e.to_string())),
        }
    });

    // Keep the URL in step (replaceState: no history entry per pan).
    Effect::new(move |_| {
        if ui.atlas.with(Option::is_none) {
            return;
        }
        let q = ui.url_state().to_query();
        let path = window().location().pathname().unwrap_or_default();
        // The fragment (a map permalink's data) stays.
        let hash = window().location().hash().unwrap_or_default();
        let url = if q.is_empty() { format!("{path}{hash}") } else { format!("{path}?{q}{hash}") };
        if let Ok(h) = window().history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    });

    // The document language follows the UI language.
    Effect::new(move |_| {
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", ui.lang.get().code());
        }
    });

    if ui.embed {
        post_height_on_resize();
    }

    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            ui.selected.set(None);
            ui.hover.set(None);
        }
    });
    on_cleanup(move || esc.remove());

    view! {
        <div class="app" class:embed=ui.embed>
            <Header/>
            <main class="main">
                <div class="map-wrap">
                    <MapView/>
                    <Show when=move || ui.table.get()>
                        <TableView/>
                    </Show>
                    <Details/>
                </div>
                <Show when=move || !ui.embed>
                    <aside class="sidebar">
                        <Legend/>
                        <Filters/>
                    </aside>
                </Show>
            </main>
            <Show when=move || ui.embed>
                <CompactLegend/>
            </Show>
            <Footer/>
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let ui = use_ui();
    let title = move || ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.title.get(ui.lang.get()).to_string()));
    let subtitle = move || ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.subtitle.get(ui.lang.get()).to_string()));
    view! {
        <header class="header">
            <div class="titles">
                <h1>{move || title().unwrap_or_else(|| ui.t(Key::Loading).to_string())}</h1>
                <p class="subtitle">{subtitle}</p>
            </div>
            <div class="toolbar">
                <Search/>
                <LangSwitch/>
            </div>
            <Show when=move || !ui.embed>
                <ShareBar scene=expect_context()/>
            </Show>
        </header>
    }
}

#[component]
fn LangSwitch() -> impl IntoView {
    let ui = use_ui();
    let button = move |lang: Lang, label: &'static str| {
        view! {
            <button type="button" class="lang" data-lang=lang.code() aria-pressed=move || (ui.lang.get() == lang).to_string()
                on:click=move |_| ui.lang.set(lang)>{label}</button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || ui.t(Key::Language)>
            {button(Lang::En, "EN")}
            {button(Lang::Ru, "RU")}
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let ui = use_ui();
    let credit = move || ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.credit.get(ui.lang.get()).to_string()));
    // `permalink` reads the state through tracked signals, so the link follows the view.
    let full = move || super::share::permalink(&ui, false);
    let from_link = crate::author::doc::has_map(&window().location().hash().unwrap_or_default());
    view! {
        <footer class="footer">
            {from_link.then(|| view! { <p class="data-origin" data-origin="link">{move || ui.t(Key::DataFromLink)}</p> })}
            <p class="credit">{credit}
                <Show when=move || ui.embed>
                    " · "<a class="open-full" href=full target="_blank" rel="noopener">{move || ui.t(Key::OpenFull)}" ↗"</a>
                </Show>
            </p>
            <Show when=move || ui.problems.with(|p| !p.is_empty())>
                <div class="problems" role="alert">
                    <strong>{move || ui.t(Key::DataProblems)}</strong>
                    <ul>{move || ui.problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            </Show>
        </footer>
    }
}

/// In an iframe, tell the host page our content height whenever it changes
/// (`{type: "ca-atlas:height", height}`); `embed.js` on the host resizes
/// the frame. The height is not secret, so any origin may read it.
fn post_height_on_resize() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    let post = || {
        let Some(body) = document().body() else { return };
        let h = body.scroll_height().max(body.offset_height());
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &(h as f64).into());
        if let Ok(Some(parent)) = window().parent()
            && parent != window()
        {
            let _ = parent.post_message(&msg, "*");
        }
    };
    let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| post());
    if let (Ok(obs), Some(body)) = (web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()), document().body()) {
        obs.observe(&body);
    }
    cb.forget();
}

pub const HEIGHT_MESSAGE: &str = "ca-atlas:height";
