//! The page: header, map, sidebar (filters and legend), details panel and
//! the credit line. Loads the dataset, keeps the URL in step with the state.

use super::details::Details;
use super::filters::Filters;
use super::legend::{CompactLegend, Legend};
use super::loader::{DEFAULT_MANIFEST, load, load_fragment};
use super::map::MapView;
use super::search::Search;
use super::share::ShareBar;
use super::state::{Ui, use_ui};
use super::table::TableView;
use crate::atlas::Atlas;
use crate::data::trust::bounded;
use crate::i18n::{Key, Lang};
use crate::url_state::{Selection, UrlState};
use leptos::prelude::*;
use std::sync::Arc;

/// At most this many URL problems are listed, each cut to [`ECHO_CHARS`]:
/// a crafted link must not fill the page with its own text.
const MAX_URL_PROBLEMS: usize = 8;
const ECHO_CHARS: usize = 160;

/// The URL problems as shown: bounded in number and length.
fn url_problems(errors: &[crate::url_state::ParamError]) -> Vec<String> {
    let mut out: Vec<String> =
        errors.iter().take(MAX_URL_PROBLEMS).map(|e| bounded(&e.to_string(), ECHO_CHARS)).collect();
    if errors.len() > MAX_URL_PROBLEMS {
        out.push(format!("… and {} more URL parameters ignored", errors.len() - MAX_URL_PROBLEMS));
    }
    out
}

#[component]
pub fn App() -> impl IntoView {
    let search = window().location().search().unwrap_or_default();
    let (url, url_errors) = UrlState::parse(&search);
    let data_param = url.data.clone();
    let ui = Ui::new(&url, data_param.clone().unwrap_or_else(|| DEFAULT_MANIFEST.to_string()));
    provide_context(ui);
    ui.problems.set(url_problems(&url_errors));
    let investors_from_url = url.flow_investors.is_some();
    // Set when nothing could be loaded at all: the header says so instead of "Loading…".
    let failed = RwSignal::new(false);

    leptos::task::spawn_local(async move {
        // A fragment permalink (`#map=…`) carries a journalist's map itself.
        let hash = window().location().hash().unwrap_or_default();
        let mut loaded = load(data_param.as_deref()).await;
        if crate::author::doc::has_map(&hash) {
            match load_fragment(&hash).await {
                Ok(ds) => loaded.dataset = Ok(ds),
                Err(e) => ui.problems.update(|p| p.push(format!("{e}; showing the default map instead"))),
            }
        }
        if let Some(why) = loaded.refused {
            ui.problems.update(|p| p.push(why));
        }
        if !loaded.from_param {
            // Copy link and Embed must not keep a URL whose data is not shown.
            ui.data_url.set_value(DEFAULT_MANIFEST.to_string());
        }
        match loaded.dataset {
            Ok(ds) => {
                let errs: Vec<String> = ds.errors.iter().map(|e| e.to_string()).collect();
                if !investors_from_url {
                    ui.flow.update(|f| f.investors = ds.region.investors.iter().map(|i| i.id.clone()).collect());
                }
                ui.problems.update(|p| p.extend(errs));
                // A permalink may name a deposit or arrow this dataset lacks: say so, don't open an empty panel.
                let missing = match ui.selected.get_untracked() {
                    Some(Selection::Deposit(id)) if ds.deposit(&id).is_none() => {
                        Some(format!("no deposit with id \"{}\"", bounded(&id, 80)))
                    }
                    Some(Selection::Flow(key))
                        if !ds.flows.iter().any(|f| format!("{}-{}", f.investor, f.destination) == key) =>
                    {
                        Some(format!("no investment flow \"{}\"", bounded(&key, 80)))
                    }
                    _ => None,
                };
                if let Some(m) = missing {
                    ui.problems.update(|p| p.push(format!("URL parameter \"sel\": {m}")));
                    ui.selected.set(None);
                }
                if ds.details_url.is_none() {
                    // The layers carry their own sources (or none can be read): nothing to fetch.
                    ui.details.set(Some(Arc::new(Default::default())));
                }
                ui.atlas.set(Some(Arc::new(Atlas::new(ds))));
            }
            Err(e) => {
                ui.problems.update(|p| p.push(e.to_string()));
                failed.set(true);
            }
        }
    });

    // The records' sources and notes, read when a reader first needs them:
    // a details panel or the table (`layers.details`, data::details).
    let details_asked = StoredValue::new(false);
    Effect::new(move |_| {
        let wanted = ui.selected.with(Option::is_some) || ui.table.get() || ui.details_wanted.get();
        if !wanted || details_asked.get_value() || ui.details.with(Option::is_some) {
            return;
        }
        let Some((url, file)) = ui
            .atlas
            .with(|a| a.as_ref().and_then(|a| a.ds.details_url.clone().zip(a.ds.region.layers.details.clone())))
        else {
            return;
        };
        details_asked.set_value(true);
        leptos::task::spawn_local(async move {
            let (details, mut errors) = super::loader::load_details(&url, &file).await;
            ui.atlas.with_untracked(|a| {
                if let Some(a) = a {
                    errors.extend(details.check(&file, &a.ds));
                }
            });
            let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            ui.problems.update(|p| p.extend(shown));
            ui.details.set(Some(Arc::new(details)));
        });
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

    // The document language and title follow the UI language (the title is
    // the map's own: a journalist's or another dataset's, once loaded).
    Effect::new(move |_| {
        let lang = ui.lang.get();
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.code());
        }
        if let Some(title) = ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.title.get(lang).to_string()))
            && !title.is_empty()
        {
            document().set_title(&title);
        }
    });

    if ui.embed {
        post_height_on_change();
    }

    // The picture pre-rendered into index.html (scripts/prerender.mjs) covers the
    // page until the app has its data, or loading has failed (so the problems
    // show). It goes in the same task that draws the app's map, so no frame is
    // painted without a map, and the browser never paints both.
    Effect::new(move |_| {
        if (ui.atlas.with(Option::is_some) || failed.get())
            && let Some(el) = document().get_element_by_id("prerender")
        {
            el.remove();
        }
    });

    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            super::reveal::close(ui);
            ui.hover.set(None);
        }
    });
    on_cleanup(move || esc.remove());

    view! {
        <div class="app" class:embed=ui.embed>
            <Header failed=failed/>
            <main class="main">
                <div class="map-wrap">
                    // Under the table the map is out of the tab order and hidden from screen readers.
                    <div class="map-layer" inert=move || ui.table.get()>
                        <MapView/>
                    </div>
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
fn Header(failed: RwSignal<bool>) -> impl IntoView {
    let ui = use_ui();
    let title = move || ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.title.get(ui.lang.get()).to_string()));
    let subtitle = move || ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.subtitle.get(ui.lang.get()).to_string()));
    view! {
        <header class="header">
            <div class="titles">
                <h1>{move || title().unwrap_or_else(|| {
                    ui.t(if failed.get() { Key::LoadFailed } else { Key::Loading }).to_string()
                })}</h1>
                <p class="subtitle">{subtitle}</p>
            </div>
            <div class="toolbar">
                <Search/>
                <LangSwitch/>
            </div>
            <Show when=move || !ui.embed>
                <ShareBar/>
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
    // The same credit lines as the map and the export (`Atlas::credit_lines`).
    let credit = move || ui.atlas.with(|a| a.as_ref().map(|a| a.credit_lines(ui.lang.get()).join(" · ")));
    // Permanent, in the page and the embed: whose data this is, when it is not the bundled default.
    let data_from = move || ui.atlas.with(|a| a.as_ref().and_then(|a| a.ds.data_from.clone()));
    // `permalink` reads the state through tracked signals, so the link follows the view.
    let full = move || super::share::permalink(&ui, false);
    view! {
        <footer class="footer">
            <p class="credit">{credit}
                <Show when=move || ui.embed>
                    " · "<a class="open-full" href=full target="_blank" rel="noopener">{move || ui.t(Key::OpenFull)}" ↗"</a>
                </Show>
            </p>
            {move || data_from().map(|host| {
                let attr = host.clone();
                view! { <p class="data-from" data-data-from=attr>{ui.t(Key::DataFrom)}" "<strong>{host}</strong></p> }
            })}
            <super::problems::Problems/>
        </footer>
    }
}

/// In an iframe, tell the host page our content height
/// (`{type: "ca-atlas:height", height}`); `embed.js` on the host resizes the
/// frame. The height is not secret, so any origin may read it.
///
/// Chromium throttles rendering in an offscreen cross-origin frame: no
/// ResizeObserver callbacks or animation frames until the reader scrolls to
/// it. So the height is measured (a forced layout) and posted from a timer
/// after every DOM change (a MutationObserver, whose callbacks are not
/// rendering steps), on load and on resize, and also from a ResizeObserver
/// for changes that only CSS makes while the frame is visible (a host
/// resizing an offscreen frame is seen once it scrolls into view: Chromium
/// does not pass the new size to a throttled frame). Only a changed height
/// is posted.
fn post_height_on_change() {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    let Ok(Some(parent)) = window().parent() else { return };
    if parent == window() {
        return;
    }
    let last = Rc::new(Cell::new(0.0_f64));
    let queued = Rc::new(Cell::new(false));
    let post = move || {
        let Some(body) = document().body() else { return };
        let h = body.scroll_height().max(body.offset_height()) as f64;
        if h > 0.0 && h != last.get() {
            last.set(h);
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
            let _ = js_sys::Reflect::set(&msg, &"height".into(), &h.into());
            let _ = parent.post_message(&msg, "*");
        }
    };
    // Coalesce a burst of changes into one measurement, after the render that caused them.
    let schedule = {
        let queued = queued.clone();
        let post = Rc::new(post);
        move || {
            if queued.replace(true) {
                return;
            }
            let (queued, post) = (queued.clone(), post.clone());
            set_timeout(
                move || {
                    queued.set(false);
                    post();
                },
                std::time::Duration::ZERO,
            );
        }
    };
    let Some(body) = document().body() else { return };
    let s = schedule.clone();
    let on_mutation = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| s());
    if let Ok(mo) = web_sys::MutationObserver::new(on_mutation.as_ref().unchecked_ref()) {
        let opts = web_sys::MutationObserverInit::new();
        opts.set_child_list(true);
        opts.set_subtree(true);
        opts.set_character_data(true);
        let _ = mo.observe_with_options(&body, &opts);
    }
    on_mutation.forget();
    let s = schedule.clone();
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| s());
    if let Ok(ro) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        ro.observe(&body);
    }
    on_resize.forget();
    for ev in ["load", "resize"] {
        let s = schedule.clone();
        let cb = Closure::<dyn FnMut()>::new(s);
        let _ = window().add_event_listener_with_callback(ev, cb.as_ref().unchecked_ref());
        cb.forget();
    }
    schedule();
}

pub const HEIGHT_MESSAGE: &str = "ca-atlas:height";
