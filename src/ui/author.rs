//! The authoring page (`author/`, bundle `atlas-author`): a journalist drops,
//! picks or pastes a sheet, corrects the column mapping, sees every rejected
//! row, edits the title and credit, and publishes — a zip of a ready static
//! site, or a link that carries the data. The preview is the atlas's own map
//! (`MapView`), fed the dataset `author::build` checked. The working copy
//! stays in the browser's local storage until cleared.

use super::details::Details;
use super::legend::CompactLegend;
use super::loader::fetch;
use super::map::MapView;
use super::state::{Shared, Ui};
use crate::atlas::Atlas;
use crate::author::table::AtlasFile;
use crate::author::{
    Built, Fix, Input, Kind, Labels, MapDoc, Mapping, Rejection, Sheet, build, read, rejections_csv, site,
};
use crate::data::{RawFiles, Region};
use crate::url_state::UrlState;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The bundled atlas, one folder up: its basemap, investors and scale.
const BASE_MANIFEST: &str = "../data/region.json";
const STORE_KEY: &str = "ca-atlas:author:v1";
/// Rejected rows listed on the page; the CSV download has them all.
const SHOWN_REJECTIONS: usize = 200;

/// What the journalist has given, as kept in local storage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct WorkingCopy {
    labels: Labels,
    sheets: Vec<Saved>,
    /// Text pasted but not yet used.
    #[serde(default)]
    draft: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Saved {
    name: String,
    text: String,
    kind: Kind,
    mapping: Mapping,
    swapped: BTreeSet<usize>,
}

impl Saved {
    fn sheet(&self) -> Option<Sheet> {
        let input = read(self.text.as_bytes()).ok()?;
        Some(Sheet { kind: self.kind, input, mapping: self.mapping.clone(), swapped: self.swapped.clone() })
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn restore() -> WorkingCopy {
    storage()
        .and_then(|s| s.get_item(STORE_KEY).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// The atlas's main page, one folder up from this one.
fn main_app_url() -> String {
    let href = window().location().href().unwrap_or_default();
    web_sys::Url::new_with_base("../", &href).map(|u| u.href()).unwrap_or_default()
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let resp = gloo_net::http::Request::get(url).send().await.map_err(|e| format!("{url}: {e}"))?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    resp.binary().await.map_err(|e| format!("{url}: {e}"))
}

fn download_bytes(bytes: &[u8], mime: &str, name: &str) {
    let arr = js_sys::Uint8Array::from(bytes);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&arr), &opts) {
        super::share::download_blob(&blob, name);
    }
}

/// The zip of a ready static site: the built atlas as this origin serves it,
/// and the journalist's `data/` folder.
async fn site_zip(doc: MapDoc, base: Region, basemap: RawFiles) -> Result<Vec<u8>, String> {
    let root = main_app_url();
    let index = fetch_bytes(&format!("{root}index.html")).await?;
    let mut files = vec![(format!("{}index.html", site::FOLDER), index.clone())];
    for f in site::app_files(&String::from_utf8_lossy(&index)) {
        files.push((format!("{}{f}", site::FOLDER), fetch_bytes(&format!("{root}{f}")).await?));
    }
    for (path, bytes) in site::data_files(&doc, &base, &basemap) {
        files.push((format!("{}{path}", site::FOLDER), bytes));
    }
    Ok(site::zip(&files))
}

async fn file_bytes(f: &web_sys::File) -> Option<Vec<u8>> {
    let buf = wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

#[component]
pub fn AuthorPage() -> impl IntoView {
    let ui = Ui::new(&UrlState::default(), super::loader::DEFAULT_MANIFEST.to_string());
    provide_context(ui);
    let base: RwSignal<Option<Shared<(Region, RawFiles)>>> = RwSignal::new(None);
    let work = RwSignal::new(restore());
    let status = RwSignal::new(String::new());
    let problem = RwSignal::new(String::new());

    leptos::task::spawn_local(async move {
        match fetch(BASE_MANIFEST).await {
            Ok((region, raw, failures)) => {
                if !failures.is_empty() {
                    problem.set(failures.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "));
                }
                base.set(Some(Shared::new((region, raw))))
            }
            Err(e) => problem.set(format!("The atlas's basemap could not be loaded: {e}")),
        }
    });

    // Keep the working copy until the journalist clears it.
    Effect::new(move |_| {
        let json = work.with(|w| serde_json::to_string(w).unwrap_or_default());
        if let Some(s) = storage()
            && s.set_item(STORE_KEY, &json).is_err()
        {
            problem.set(
                "This browser could not keep a copy of the data (storage full); download the map to keep it.".into(),
            );
        }
    });

    // Sheets only: editing the title does not rebuild the map.
    let sheets = Memo::new(move |_| work.with(|w| w.sheets.clone()));
    let parsed = Memo::new(move |_| sheets.with(|s| s.iter().map(Saved::sheet).collect::<Vec<_>>()));
    let built: Memo<Shared<Option<Built>>> = Memo::new(move |_| {
        let Some(b) = base.get() else { return Shared::new(None) };
        parsed.with(|p| {
            let find = |k: Kind| p.iter().flatten().find(|s| s.kind == k);
            let (region, basemap) = &*b;
            Shared::new(Some(build(region, basemap, find(Kind::Deposits), find(Kind::Flows))))
        })
    });
    Effect::new(move |_| {
        built.with(|b| {
            if let Some(b) = b.as_ref() {
                ui.flow.update(|f| f.investors = b.dataset.region.investors.iter().map(|i| i.id.clone()).collect());
                ui.atlas.set(Some(Arc::new(Atlas::new(b.dataset.clone()))));
            }
        })
    });

    let add = move |name: String, bytes: Vec<u8>| match read(&bytes) {
        Err(e) => status.set(format!("{name}: {e}")),
        Ok(Input::Atlas(AtlasFile::Region(r))) => {
            work.update(|w| {
                w.labels.title = r.title.en.clone();
                w.labels.subtitle = r.subtitle.en.clone();
                w.labels.credit = r.credit.en.clone();
            });
            status.set(format!("{name}: title, subtitle and credit taken"));
        }
        Ok(input) => {
            let sheet = Sheet::new(input);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let saved =
                Saved { name: name.clone(), text, kind: sheet.kind, mapping: sheet.mapping, swapped: BTreeSet::new() };
            work.update(|w| {
                w.sheets.retain(|s| s.kind != saved.kind);
                w.sheets.push(saved);
            });
            status.set(format!("{name}: read"));
        }
    };
    let add_files = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        for i in 0..files.length() {
            if let Some(f) = files.get(i) {
                leptos::task::spawn_local(async move {
                    match file_bytes(&f).await {
                        Some(b) => add(f.name(), b),
                        None => status.set(format!("{}: could not be read", f.name())),
                    }
                });
            }
        }
    };

    view! {
        <div class="author">
            <aside class="author-panel" aria-label="Your data">
                <h1>"Make your own map"</h1>
                <p class="muted">"Your data stays in this browser: nothing is uploaded."</p>
                <section class="your-data">
                    <h2>"Your data"</h2>
                    <div class="drop-zone" data-drop-zone
                        on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                        on:drop=move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            add_files(ev.data_transfer().and_then(|d| d.files()));
                        }>
                        <p>"Drop a CSV, a GeoJSON or the atlas's own files here, or"</p>
                        <input type="file" multiple data-author-file accept=".csv,.tsv,.txt,.geojson,.json"
                            on:change=move |ev| {
                                let input = event_target::<web_sys::HtmlInputElement>(&ev);
                                add_files(input.files());
                                input.set_value("");
                            }/>
                    </div>
                    <label class="paste">"…or paste from a spreadsheet"
                        <textarea rows="4" data-author-paste prop:value=move || work.with(|w| w.draft.clone())
                            on:input=move |ev| work.update(|w| w.draft = event_target_value(&ev))></textarea>
                    </label>
                    <button type="button" class="tool" data-action="use-paste"
                        on:click=move |_| {
                            let t = work.with_untracked(|w| w.draft.clone());
                            add("pasted data".into(), t.into_bytes());
                            work.update(|w| w.draft.clear());
                        }>"Use pasted data"</button>
                    <p class="author-status" role="status" data-author-status>{move || status.get()}</p>
                    <p class="problems" role="alert">{move || problem.get()}</p>
                </section>
                {move || sheets.with(|s| s.iter().enumerate().map(|(i, s)| view! { <SheetEditor index=i saved=s.clone() work=work parsed=parsed/> }).collect_view())}
                <Rejections built=built work=work/>
                <LabelsEditor work=work/>
                <Publish built=built work=work base=base ui=ui/>
                <Exports work=work ui=ui/>
                <button type="button" class="tool danger" data-action="clear"
                    on:click=move |_| {
                        if let Some(s) = storage() { let _ = s.remove_item(STORE_KEY); }
                        work.set(WorkingCopy::default());
                        status.set("Cleared.".into());
                    }>"Clear my data from this browser"</button>
            </aside>
            <main class="author-preview">
                <header class="header">
                    <div class="titles">
                        <h1 data-preview-title>{move || work.with(|w| w.labels.title.clone())}</h1>
                        <p class="subtitle">{move || work.with(|w| w.labels.subtitle.clone())}</p>
                    </div>
                </header>
                <div class="map-wrap">
                    <MapView/>
                    <Details/>
                </div>
                <CompactLegend/>
                <p class="credit" data-preview-credit>{move || work.with(|w| w.labels.credit_line())}</p>
            </main>
        </div>
    }
}

/// One table: its kind, and which column fills each field.
#[component]
fn SheetEditor(
    index: usize,
    saved: Saved,
    work: RwSignal<WorkingCopy>,
    parsed: Memo<Vec<Option<Sheet>>>,
) -> impl IntoView {
    let headers = parsed.with_untracked(|p| match p.get(index).cloned().flatten().map(|s| s.input) {
        Some(Input::Table(t)) => Some((t.headers, t.rows.len())),
        _ => None,
    });
    let kind = saved.kind;
    let title = match kind {
        Kind::Deposits => "Places",
        Kind::Flows => "Investments",
    };
    // Another kind: the mapping is guessed again for its fields.
    let set_kind = move |k: Kind| {
        work.update(|w| {
            if index >= w.sheets.len() {
                return;
            }
            let mut s = w.sheets.remove(index);
            let hs = headers_of(&s);
            s.kind = k;
            s.mapping = Mapping::guess(k, &hs);
            s.swapped.clear();
            w.sheets.retain(|x| x.kind != k);
            w.sheets.push(s);
        })
    };
    let mapping = saved.mapping.clone();
    let editor = headers.clone().map(|(hs, n)| {
        let fields = kind.fields().iter().map(|spec| {
            let chosen = mapping.header(spec.key).map(str::to_string);
            let key = spec.key;
            let options = hs.iter().map(|h| {
                let sel = chosen.as_deref() == Some(h.as_str());
                view! { <option value=h.clone() selected=sel>{h.clone()}</option> }
            }).collect_view();
            view! {
                <label class="map-field" data-field=key>
                    <span>{key}{spec.required.then_some(" *")}</span>
                    <select data-map-field=key on:change=move |ev| {
                        let v = event_target_value(&ev);
                        work.update(|w| if let Some(s) = w.sheets.get_mut(index) { s.mapping.set(key, Some(v).filter(|v| !v.is_empty())) });
                    }>
                        <option value="" selected=chosen.is_none()>"—"</option>
                        {options}
                    </select>
                </label>
            }
        }).collect_view();
        view! { <p class="muted">{format!("{n} rows, {} columns. Correct the columns below if needed (* required).", hs.len())}</p><div class="mapping">{fields}</div> }
    });
    view! {
        <section class="sheet" data-sheet=match kind { Kind::Deposits => "places", Kind::Flows => "investments" }>
            <h2>{title}": "{saved.name.clone()}</h2>
            <label>"This table holds "
                <select data-sheet-kind on:change=move |ev| set_kind(if event_target_value(&ev) == "flows" { Kind::Flows } else { Kind::Deposits })>
                    <option value="deposits" selected=kind == Kind::Deposits>"places (deposits, mines, plants)"</option>
                    <option value="flows" selected=kind == Kind::Flows>"investments"</option>
                </select>
            </label>
            {editor}
            {headers.is_none().then(|| view! { <p class="muted">"The atlas's own file: used as it is."</p> })}
            <button type="button" class="tool" data-action="remove-sheet"
                on:click=move |_| work.update(|w| { if index < w.sheets.len() { w.sheets.remove(index); } })>"Remove"</button>
        </section>
    }
}

fn headers_of(s: &Saved) -> Vec<String> {
    match read(s.text.as_bytes()) {
        Ok(Input::Table(t)) => t.headers,
        _ => Vec::new(),
    }
}

fn where_text(r: &Rejection) -> String {
    if r.row == 0 {
        format!("Column {}", r.column)
    } else {
        let unit = r.unit.word();
        format!("{}{} {} · {}", unit[..1].to_uppercase(), &unit[1..], r.row, r.column)
    }
}

#[component]
fn Rejections(built: Memo<Shared<Option<Built>>>, work: RwSignal<WorkingCopy>) -> impl IntoView {
    let list = Memo::new(move |_| built.with(|b| b.as_ref().as_ref().map(|b| b.rejected.clone()).unwrap_or_default()));
    let swap_row = move |kind: Kind, row: usize| {
        work.update(|w| {
            if let Some(s) = w.sheets.iter_mut().find(|s| s.kind == kind) {
                s.swapped.insert(row);
            }
        })
    };
    let swap_columns = move || {
        work.update(|w| {
            if let Some(s) = w.sheets.iter_mut().find(|s| s.kind == Kind::Deposits) {
                s.mapping.swap("lat", "lon");
                s.swapped.clear();
            }
        })
    };
    let swapped = move || {
        work.with(|w| w.sheets.iter().find(|s| s.kind == Kind::Deposits).map(|s| s.swapped.clone()).unwrap_or_default())
    };
    view! {
        <section class="rejected" data-rejected-count=move || list.with(Vec::len)>
            <h2>{move || match list.with(Vec::len) { 0 => "Every row is on the map".to_string(), 1 => "1 row is not on the map".into(), n => format!("{n} rows are not on the map") }}</h2>
            {move || {
                let l = list.get();
                let swaps = l.iter().filter(|r| r.fix == Some(Fix::SwapLatLon)).count();
                let rows = built.with(|b| b.as_ref().as_ref().map(|b| b.dataset.deposits.len()).unwrap_or(0)) + l.len();
                // Most rows swapped: the columns are the wrong way round.
                (swaps >= 2 && swaps * 2 >= rows).then(|| view! {
                    <p class="swap-all">{format!("{swaps} rows look like latitude and longitude are swapped. ")}
                        <button type="button" class="tool" data-action="swap-columns" on:click=move |_| swap_columns()>"Swap the lat and lon columns"</button></p>
                })
            }}
            <ul>
                {move || {
                    let l = list.get();
                    let more = l.len().saturating_sub(SHOWN_REJECTIONS);
                    let items = l.into_iter().take(SHOWN_REJECTIONS).map(|r| {
                        let fix = (r.fix == Some(Fix::SwapLatLon) && r.row > 0).then(|| {
                            let (k, row) = (r.kind, r.row);
                            view! { <button type="button" class="tool" data-action="swap-row" on:click=move |_| swap_row(k, row)>"Swap lat/lon"</button> }
                        });
                        view! {
                            <li class="rejection" data-row=r.row data-column=r.column.clone()
                                data-table=match r.kind { Kind::Deposits => "places", Kind::Flows => "investments" }>
                                <strong>{where_text(&r)}</strong>": "{r.reason.clone()}" "{fix}
                            </li>
                        }
                    }).collect_view();
                    view! { {items}{(more > 0).then(|| view! { <li>{format!("…and {more} more (in the CSV)")}</li> })} }
                }}
            </ul>
            {move || {
                let rows = swapped().iter().map(usize::to_string).collect::<Vec<_>>();
                (!rows.is_empty()).then(|| view! {
                    <p class="swapped" data-swapped=rows.join(",")>
                        {format!("Latitude and longitude swapped by you in rows {}. ", rows.join(", "))}
                        <button type="button" class="tool" data-action="unswap" on:click=move |_| work.update(|w| w.sheets.iter_mut().for_each(|s| s.swapped.clear()))>"Undo"</button>
                    </p>
                })
            }}
            <Show when=move || list.with(|l| !l.is_empty())>
                <button type="button" class="tool" data-action="download-rejected"
                    on:click=move |_| download_bytes(rejections_csv(&list.get_untracked()).as_bytes(), "text/csv;charset=utf-8", "rows-not-on-the-map.csv")>
                    "Download these rows as CSV"</button>
            </Show>
        </section>
    }
}

#[component]
fn LabelsEditor(work: RwSignal<WorkingCopy>) -> impl IntoView {
    let field = move |key: &'static str, label: &'static str, hint: &'static str| {
        let get = move || {
            work.with(|w| match key {
                "title" => w.labels.title.clone(),
                "subtitle" => w.labels.subtitle.clone(),
                "credit" => w.labels.credit.clone(),
                _ => w.labels.source.clone(),
            })
        };
        view! {
            <label class="label-field">{label}
                <input type="text" data-label=key placeholder=hint prop:value=get
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        work.update(|w| match key {
                            "title" => w.labels.title = v,
                            "subtitle" => w.labels.subtitle = v,
                            "credit" => w.labels.credit = v,
                            _ => w.labels.source = v,
                        })
                    }/>
            </label>
        }
    };
    view! {
        <section class="labels">
            <h2>"Say it on the map"</h2>
            {field("title", "Title", "Who mines Kazakhstan's copper")}
            {field("subtitle", "Subtitle", "Mines and plants, 2025")}
            {field("credit", "Credit", "Map: your name / your newsroom")}
            {field("source", "Source line", "Source: company reports, 2025")}
        </section>
    }
}

#[component]
fn Publish(
    built: Memo<Shared<Option<Built>>>,
    work: RwSignal<WorkingCopy>,
    base: RwSignal<Option<Shared<(Region, RawFiles)>>>,
    ui: Ui,
) -> impl IntoView {
    let doc = move || {
        let labels = work.with(|w| w.labels.clone());
        built.with(|b| b.as_ref().as_ref().map(|b| MapDoc::new(labels, &b.deposits, &b.flows)))
    };
    let busy = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    // The link: the main page, the view and language as its own permalinks
    // carry them, and the data in the fragment.
    let link = Memo::new(move |_| {
        let d = doc()?;
        let q = ui.url_state().to_query();
        let root = main_app_url();
        Some(d.to_fragment().map(|f| if q.is_empty() { format!("{root}#{f}") } else { format!("{root}?{q}#{f}") }))
    });
    let download = move |_| {
        let (Some(d), Some(b)) = (doc(), base.get_untracked()) else { return };
        busy.set(true);
        message.set("Packing the map…".into());
        leptos::task::spawn_local(async move {
            let (region, basemap) = (*b).clone();
            match site_zip(d, region, basemap).await {
                Ok(z) => {
                    download_bytes(&z, "application/zip", "map.zip");
                    message.set(format!(
                        "map.zip ({} KB): unzip it and put the map/ folder on any static host.",
                        z.len() / 1000
                    ));
                }
                Err(e) => message.set(format!("The map could not be packed: {e}")),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="publish">
            <h2>"Publish"</h2>
            <button type="button" class="tool primary" data-action="download-map" disabled=move || busy.get() || doc().is_none()
                on:click=download>"Download map"</button>
            <p class="muted" data-publish-status>{move || message.get()}</p>
            {move || match link.get() {
                Some(Ok(url)) => view! {
                    <label class="permalink">"Link that carries the data (nothing to host)"
                        <input type="text" readonly data-permalink prop:value=url.clone()/>
                    </label>
                    <a href=url target="_blank" rel="noopener" data-open-permalink>"Open it"</a>
                }.into_any(),
                Some(Err(e)) => view! { <p class="muted" data-permalink-error>{e.to_string()}</p> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

/// The journalist's map at a chosen size, from the preview's centre and
/// zoom, with their title, credit and source line.
fn export_at(ui: &Ui, labels: &Labels, w: f64, h: f64, exact: bool) -> Option<(String, [f64; 2])> {
    let (pw, ph) = ui.size.get_untracked();
    let preview = ui.view.get_untracked();
    let groups = ui.groups.get_untracked();
    let flow_filter = ui.flow.get_untracked();
    let visible = ui.visible.get_untracked();
    let url = main_app_url();
    let ds = ui.atlas.with_untracked(|a| a.as_ref().map(|a| a.ds.clone()))?;
    let a = Atlas::new(crate::data::Dataset { region: labels.apply(&ds.region), ..ds });
    let place = (pw > 0.0).then(|| preview.to_center_zoom(&a.proj, &a.base_view(pw, ph), pw, ph));
    let lang = ui.lang.get_untracked();
    let p = crate::author::image::Picture {
        atlas: &a,
        groups: &groups,
        flow_filter: &flow_filter,
        visible: &visible,
        place,
        lang,
        url: &url,
    };
    Some(if exact { p.svg_exact(w, h) } else { p.svg(w, h) })
}

/// Social media: 1200×675. Print: a 1000 px wide layout drawn at 2×, 2000 px.
#[component]
fn Exports(work: RwSignal<WorkingCopy>, ui: Ui) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let export = move |kind: &'static str| {
        let labels = work.with_untracked(|w| w.labels.clone());
        let out = match kind {
            "social" => export_at(&ui, &labels, 1200.0, 675.0, true).map(|e| (e, 1.0, "map-1200x675")),
            _ => export_at(&ui, &labels, 1000.0, 700.0, false).map(|e| (e, 2.0, "map-2000px")),
        };
        let Some(((svg, size), ratio, name)) = out else { return };
        let failed = move |why: String| status.set(format!("The image could not be made: {why}"));
        super::share::svg_to_png(&svg, size, ratio, format!("{name}.png"), failed);
        if let Some(blob) = super::share::svg_blob(&svg) {
            super::share::download_blob(&blob, &format!("{name}.svg"));
        }
    };
    view! {
        <section class="exports">
            <h2>"Images"</h2>
            <p class="muted">"PNG and SVG with the title, legend, credit and source line."</p>
            <button type="button" class="tool" data-action="export-social" on:click=move |_| export("social")>"1200×675 (social media)"</button>
            " "
            <button type="button" class="tool" data-action="export-print" on:click=move |_| export("print")>"2000 px (print)"</button>
            <p class="muted" role="status">{move || status.get()}</p>
        </section>
    }
}
