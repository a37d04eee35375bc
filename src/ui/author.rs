//! The authoring page (`author/`, bundle `atlas-author`): a journalist drops,
//! picks or pastes a sheet, corrects the column mapping, sees every rejected
//! row, edits the title and credit, and publishes — a zip of a ready static
//! site, or a link that carries the data. The preview is the atlas's own map
//! (`MapView`), fed the dataset `author::build` checked. The working copy
//! stays in the browser's local storage until cleared. The page speaks
//! English or Russian (`i18n::author`), the choice kept with the working copy.

use super::author_work::{Saved, WorkingCopy, tr};
use super::details::Details;
use super::legend::CompactLegend;
use super::loader::fetch;
use super::map::MapView;
use super::state::{Shared, Ui};
use crate::atlas::Atlas;
use crate::author::table::AtlasFile;
use crate::author::{
    Built, Fix, FragmentError, Input, Kind, Labels, MapDoc, Mapping, Sheet, build, doc, read, rejections_csv, site,
    words,
};
use crate::data::{ContextFiles, RawFiles, Region};
use crate::i18n::Lang;
use crate::i18n::author::{Key as A, t as at};
use crate::url_state::UrlState;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The bundled atlas, one folder up: its basemap, investors and scale.
const BASE_MANIFEST: &str = "../data/region.json";
const STORE_KEY: &str = "ca-atlas:author:v1";
/// Rejected rows listed on the page; the CSV download has them all.
const SHOWN_REJECTIONS: usize = 200;

/// The bundled atlas's manifest, its basemap files and its context layers.
type Base = Shared<(Region, RawFiles, ContextFiles)>;

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
/// opening at `query` (the preview's view, language and layers as the app's
/// URL state), and the journalist's `data/` folder.
async fn site_zip(doc: MapDoc, base: Base, query: String) -> Result<Vec<u8>, String> {
    let (region, basemap, context) = &*base;
    let root = main_app_url();
    let index = fetch_bytes(&format!("{root}index.html")).await?;
    let mut files: Vec<(String, Vec<u8>)> =
        site::pages(&index, &query).into_iter().map(|(p, b)| (format!("{}{p}", site::FOLDER), b)).collect();
    for f in site::app_files(&String::from_utf8_lossy(&index)) {
        files.push((format!("{}{f}", site::FOLDER), fetch_bytes(&format!("{root}{f}")).await?));
    }
    for (path, bytes) in site::data_files(&doc, region, basemap, context) {
        files.push((format!("{}{path}", site::FOLDER), bytes));
    }
    Ok(site::zip(&files))
}

/// The atlas's context layers (capitals and cities, rivers, inset land), as
/// its manifest names them, next to it. One that fails is left out.
async fn fetch_context(region: &Region) -> ContextFiles {
    let dir = BASE_MANIFEST.rsplit_once('/').map_or("", |(d, _)| d);
    let get = |name: Option<String>| async move {
        let bytes = fetch_bytes(&format!("{dir}/{}", name?)).await.ok()?;
        String::from_utf8(bytes).ok()
    };
    let l = &region.layers;
    ContextFiles {
        places: get(l.places.clone()).await,
        rivers: get(l.rivers.clone()).await,
        world: get(l.world.clone()).await,
    }
}

/// The preview's view, language and layers as the app's URL state, for the
/// zip to open at (no `data=`: the zip has its own).
fn published_query(ui: &Ui) -> String {
    UrlState { data: None, embed: false, ..ui.url_state() }.to_query()
}

async fn file_bytes(f: &web_sys::File) -> Option<Vec<u8>> {
    let buf = wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

#[component]
pub fn AuthorPage() -> impl IntoView {
    let work = RwSignal::new(restore());
    let lang = work.with_untracked(|w| Lang::parse(&w.lang)).unwrap_or_default();
    let ui = Ui::new(&UrlState { lang, ..UrlState::default() }, super::loader::DEFAULT_MANIFEST.to_string());
    provide_context(ui);
    let base: RwSignal<Option<Base>> = RwSignal::new(None);
    let status = RwSignal::new(String::new());
    let problem = RwSignal::new(String::new());

    leptos::task::spawn_local(async move {
        match fetch(BASE_MANIFEST).await {
            Ok((region, raw, failures)) => {
                if !failures.is_empty() {
                    problem.set(failures.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "));
                }
                let context = fetch_context(&region).await;
                base.set(Some(Shared::new((region, raw, context))))
            }
            Err(e) => problem.set(format!("{} {e}", at(ui.lang.get_untracked(), A::BasemapFailed))),
        }
    });

    // Keep the working copy until the journalist clears it.
    Effect::new(move |_| {
        let json = work.with(|w| serde_json::to_string(w).unwrap_or_default());
        if let Some(s) = storage()
            && s.set_item(STORE_KEY, &json).is_err()
        {
            problem.set(at(ui.lang.get_untracked(), A::StorageFull).into());
        }
    });

    // The language: kept with the working copy, and the document's own.
    Effect::new(move |_| {
        let l = ui.lang.get();
        work.update(|w| {
            if w.lang != l.code() {
                w.lang = l.code().into()
            }
        });
        document().set_title(at(l, A::PageTitle));
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", l.code());
        }
    });

    // Sheets only: editing the title does not rebuild the map.
    let sheets = Memo::new(move |_| work.with(|w| w.sheets.clone()));
    let parsed = Memo::new(move |_| sheets.with(|s| s.iter().map(Saved::sheet).collect::<Vec<_>>()));
    let has_data = Memo::new(move |_| sheets.with(|s| !s.is_empty()));
    let built: Memo<Shared<Option<Built>>> = Memo::new(move |_| {
        let Some(b) = base.get() else { return Shared::new(None) };
        parsed.with(|p| {
            let find = |k: Kind| p.iter().flatten().find(|s| s.kind == k);
            let (region, basemap, _) = &*b;
            Shared::new(Some(build(region, basemap, find(Kind::Deposits), find(Kind::Flows))))
        })
    });
    // The atlas's context layers belong under data in its region.
    let in_region = Memo::new(move |_| {
        built.with(|b| b.as_ref().as_ref().is_none_or(|b| doc::lies_in(&b.dataset.region.frame, &b.dataset.deposits)))
    });
    let context_on = Memo::new(move |_| in_region.get() && !work.with(|w| w.no_context));
    // The notes as the published map has them (those with a problem left out),
    // so the preview draws what the link and the zip will.
    let notes = Memo::new(move |_| work.with(|w| doc::notes_on_map(&w.annotations)));
    Effect::new(move |_| {
        let on = context_on.get();
        let context = base.with(|b| b.as_ref().map(|b| b.2.clone()));
        built.with(|b| {
            if let Some(b) = b.as_ref() {
                ui.flow.update(|f| f.investors = b.dataset.region.investors.iter().map(|i| i.id.clone()).collect());
                let mut ds = match (on, context) {
                    (true, Some(c)) => b.dataset.clone().with_context(&c, &[]),
                    _ => b.dataset.clone(),
                };
                ds.region.annotations = notes.get();
                ui.atlas.set(Some(Arc::new(Atlas::new(ds))));
            }
        })
    });

    let add = move |name: String, bytes: Vec<u8>| match read(&bytes) {
        Err(e) => status.set(format!("{name}: {}", words::reason(ui.lang.get_untracked(), &e.to_string()))),
        Ok(Input::Atlas(AtlasFile::Region(r))) => {
            work.update(|w| {
                w.labels.title = r.title.en.clone();
                w.labels.subtitle = r.subtitle.en.clone();
                w.labels.credit = r.credit.en.clone();
            });
            status.set(format!("{name}: {}", at(ui.lang.get_untracked(), A::LabelsTaken)));
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
            status.set(format!("{name}: {}", at(ui.lang.get_untracked(), A::Read)));
        }
    };
    let add_files = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        for i in 0..files.length() {
            if let Some(f) = files.get(i) {
                leptos::task::spawn_local(async move {
                    match file_bytes(&f).await {
                        Some(b) => add(f.name(), b),
                        None => status.set(format!("{}: {}", f.name(), at(ui.lang.get_untracked(), A::CouldNotRead))),
                    }
                });
            }
        }
    };

    view! {
        <div class="author">
            <aside class="author-panel" aria-label=move || tr(ui, A::YourData)>
                <LanguageSwitch ui=ui/>
                <h1>{move || tr(ui, A::Heading)}</h1>
                <p class="muted">{move || tr(ui, A::Privacy)}</p>
                <section class="your-data">
                    <h2>{move || tr(ui, A::YourData)}</h2>
                    <div class="drop-zone" data-drop-zone
                        on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                        on:drop=move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            add_files(ev.data_transfer().and_then(|d| d.files()));
                        }>
                        <p>{move || tr(ui, A::DropHint)}</p>
                        <input type="file" multiple data-author-file accept=".csv,.tsv,.txt,.geojson,.json"
                            on:change=move |ev| {
                                let input = event_target::<web_sys::HtmlInputElement>(&ev);
                                add_files(input.files());
                                input.set_value("");
                            }/>
                    </div>
                    <label class="paste">{move || tr(ui, A::Paste)}
                        <textarea rows="4" data-author-paste prop:value=move || work.with(|w| w.draft.clone())
                            on:input=move |ev| work.update(|w| w.draft = event_target_value(&ev))></textarea>
                    </label>
                    <button type="button" class="tool" data-action="use-paste"
                        on:click=move |_| {
                            let t = work.with_untracked(|w| w.draft.clone());
                            add(at(ui.lang.get_untracked(), A::PastedName).into(), t.into_bytes());
                            work.update(|w| w.draft.clear());
                        }>{move || tr(ui, A::UsePaste)}</button>
                    <p class="author-status" role="status" data-author-status>{move || status.get()}</p>
                    <p class="problems" role="alert">{move || problem.get()}</p>
                </section>
                {move || sheets.with(|s| s.iter().enumerate().map(|(i, s)| view! { <SheetEditor index=i saved=s.clone() work=work parsed=parsed ui=ui/> }).collect_view())}
                // Nothing to report before there is data ("Every row is on the map" of none).
                {move || has_data.get().then(|| view! { <Rejections built=built work=work ui=ui/> })}
                <LabelsEditor work=work ui=ui/>
                <super::author_annotations::AnnotationsEditor work=work ui=ui/>
                <Publish built=built work=work base=base ui=ui context_on=context_on in_region=in_region/>
                <Exports work=work ui=ui/>
                <button type="button" class="tool danger" data-action="clear"
                    on:click=move |_| {
                        if let Some(s) = storage() { let _ = s.remove_item(STORE_KEY); }
                        work.set(WorkingCopy { lang: ui.lang.get_untracked().code().into(), ..WorkingCopy::default() });
                        status.set(at(ui.lang.get_untracked(), A::Cleared).into());
                    }>{move || tr(ui, A::Clear)}</button>
            </aside>
            <main class="author-preview">
                <header class="header" hidden=move || work.with(|w| w.labels.title.is_empty() && w.labels.subtitle.is_empty())>
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
                // The context layers' own credit (GeoNames, Natural Earth), as the published map prints it.
                {move || ui.atlas.with(|a| a.as_ref().map(|a| {
                        a.ds.context.attributions.iter().map(|t| t.get(ui.lang.get()).to_string()).collect::<Vec<_>>()
                    }).unwrap_or_default()).into_iter()
                    .map(|line| view! { <p class="credit" data-preview-attribution>{line}</p> }).collect_view()}
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
    ui: Ui,
) -> impl IntoView {
    let headers = parsed.with_untracked(|p| match p.get(index).cloned().flatten().map(|s| s.input) {
        Some(Input::Table(t)) => Some((t.headers, t.rows.len())),
        _ => None,
    });
    let kind = saved.kind;
    let title = match kind {
        Kind::Deposits => A::Places,
        Kind::Flows => A::Investments,
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
                    <span>{move || crate::i18n::field_label(ui.lang.get(), key)}{spec.required.then_some(" *")}" "<code class="field-key">{key}</code></span>
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
        let m = hs.len();
        view! { <p class="muted">{move || tr(ui, A::RowsColumns).replace("{n}", &n.to_string()).replace("{m}", &m.to_string())}</p><div class="mapping">{fields}</div> }
    });
    view! {
        <section class="sheet" data-sheet=match kind { Kind::Deposits => "places", Kind::Flows => "investments" }>
            // A pasted sheet is named in the page's language, whichever it was pasted in.
            <h2>{move || tr(ui, title)}": "{
                let name = saved.name.clone();
                let pasted = [Lang::En, Lang::Ru].iter().any(|&l| name == at(l, A::PastedName));
                move || if pasted { tr(ui, A::PastedName).to_string() } else { name.clone() }
            }</h2>
            <label>{move || tr(ui, A::TableHolds)}" "
                <select data-sheet-kind on:change=move |ev| set_kind(if event_target_value(&ev) == "flows" { Kind::Flows } else { Kind::Deposits })>
                    <option value="deposits" selected=kind == Kind::Deposits>{move || tr(ui, A::KindPlaces)}</option>
                    <option value="flows" selected=kind == Kind::Flows>{move || tr(ui, A::KindInvestments)}</option>
                </select>
            </label>
            {editor}
            {headers.is_none().then(|| view! { <p class="muted">{move || tr(ui, A::OwnFile)}</p> })}
            <button type="button" class="tool" data-action="remove-sheet"
                on:click=move |_| work.update(|w| { if index < w.sheets.len() { w.sheets.remove(index); } })>{move || tr(ui, A::Remove)}</button>
        </section>
    }
}

fn headers_of(s: &Saved) -> Vec<String> {
    match read(s.text.as_bytes()) {
        Ok(Input::Table(t)) => t.headers,
        _ => Vec::new(),
    }
}

#[component]
fn Rejections(built: Memo<Shared<Option<Built>>>, work: RwSignal<WorkingCopy>, ui: Ui) -> impl IntoView {
    let list = Memo::new(move |_| built.with(|b| b.as_ref().as_ref().map(|b| b.rejected.clone()).unwrap_or_default()));
    // Rows, not problems: a missing column keeps every row off the map.
    let rows_off = move || built.with(|b| b.as_ref().as_ref().map_or(0, |b| b.rows_off));
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
            <h2 data-rows-off=rows_off>{move || match rows_off() { 0 => tr(ui, A::AllRows).to_string(), n => format!("{} {n}", tr(ui, A::NotOnMap)) }}</h2>
            {move || {
                let l = list.get();
                let swaps = l.iter().filter(|r| r.fix == Some(Fix::SwapLatLon)).count();
                let rows = built.with(|b| b.as_ref().as_ref().map(|b| b.dataset.deposits.len()).unwrap_or(0)) + l.len();
                // Most rows swapped: the columns are the wrong way round.
                (swaps >= 2 && swaps * 2 >= rows).then(|| view! {
                    <p class="swap-all">{tr(ui, A::SwapsLook).replace("{n}", &swaps.to_string())}" "
                        <button type="button" class="tool" data-action="swap-columns" on:click=move |_| swap_columns()>{tr(ui, A::SwapColumns)}</button></p>
                })
            }}
            <ul>
                {move || {
                    let l = list.get();
                    let lang = ui.lang.get();
                    let more = l.len().saturating_sub(SHOWN_REJECTIONS);
                    let items = l.into_iter().take(SHOWN_REJECTIONS).map(|r| {
                        let fix = (r.fix == Some(Fix::SwapLatLon) && r.row > 0).then(|| {
                            let (k, row) = (r.kind, r.row);
                            view! { <button type="button" class="tool" data-action="swap-row" on:click=move |_| swap_row(k, row)>{at(lang, A::SwapRow)}</button> }
                        });
                        view! {
                            <li class="rejection" data-row=r.row data-column=r.column.clone()
                                data-table=match r.kind { Kind::Deposits => "places", Kind::Flows => "investments" }>
                                <strong>{words::place(lang, r.row, r.unit, &r.column)}</strong>": "<span data-reason>{words::reason(lang, &r.reason)}</span>" "{fix}
                            </li>
                        }
                    }).collect_view();
                    view! { {items}{(more > 0).then(|| view! { <li>{at(lang, A::MoreInCsv).replace("{n}", &more.to_string())}</li> })} }
                }}
            </ul>
            {move || {
                let rows = swapped().iter().map(usize::to_string).collect::<Vec<_>>();
                (!rows.is_empty()).then(|| view! {
                    <p class="swapped" data-swapped=rows.join(",")>
                        {tr(ui, if rows.len() == 1 { A::SwappedRow } else { A::SwappedRows }).replace("{rows}", &rows.join(", "))}" "
                        <button type="button" class="tool" data-action="unswap" on:click=move |_| work.update(|w| w.sheets.iter_mut().for_each(|s| s.swapped.clear()))>{tr(ui, A::Undo)}</button>
                    </p>
                })
            }}
            <Show when=move || list.with(|l| !l.is_empty())>
                <button type="button" class="tool" data-action="download-rejected"
                    on:click=move |_| download_bytes(rejections_csv(&list.get_untracked(), ui.lang.get_untracked()).as_bytes(), "text/csv;charset=utf-8", "rows-not-on-the-map.csv")>
                    {move || tr(ui, A::DownloadRejected)}</button>
            </Show>
        </section>
    }
}

#[component]
fn LabelsEditor(work: RwSignal<WorkingCopy>, ui: Ui) -> impl IntoView {
    let field = move |key: &'static str, label: A, hint: A| {
        let get = move || {
            work.with(|w| match key {
                "title" => w.labels.title.clone(),
                "subtitle" => w.labels.subtitle.clone(),
                "credit" => w.labels.credit.clone(),
                _ => w.labels.source.clone(),
            })
        };
        view! {
            <label class="label-field">{move || tr(ui, label)}
                <input type="text" data-label=key placeholder=move || tr(ui, hint) prop:value=get
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
            <h2>{move || tr(ui, A::SayIt)}</h2>
            {field("title", A::Title, A::TitleHint)}
            {field("subtitle", A::Subtitle, A::SubtitleHint)}
            {field("credit", A::Credit, A::CreditHint)}
            {field("source", A::SourceLine, A::SourceHint)}
        </section>
    }
}

#[component]
fn Publish(
    built: Memo<Shared<Option<Built>>>,
    work: RwSignal<WorkingCopy>,
    base: RwSignal<Option<Base>>,
    ui: Ui,
    context_on: Memo<bool>,
    in_region: Memo<bool>,
) -> impl IntoView {
    let doc = move || {
        let (labels, notes) = work.with(|w| (w.labels.clone(), w.annotations.clone()));
        let on = context_on.get();
        built.with(|b| {
            b.as_ref()
                .as_ref()
                .map(|b| MapDoc::new(labels, &b.deposits, &b.flows).with_context(on).with_annotations(&notes))
        })
    };
    let busy = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    // The link: the main page, the view and language as its own permalinks
    // carry them, and the data in the fragment; and its embed code, the same
    // link in embed mode as the atlas's own Embed dialog writes it. The
    // fragment (the data, compressed) is made once for both.
    let link = Memo::new(move |_| {
        let d = doc()?;
        let mut st = ui.url_state();
        let q = st.to_query();
        st.embed = true;
        let root = main_app_url();
        Some(d.to_fragment().map(|f| {
            let url = if q.is_empty() { format!("{root}#{f}") } else { format!("{root}?{q}#{f}") };
            let title = work.with(|w| w.labels.title.clone());
            let title = if title.is_empty() {
                ui.atlas
                    .with(|a| a.as_ref().map(|a| a.ds.region.title.get(ui.lang.get()).to_string()))
                    .unwrap_or_default()
            } else {
                title
            };
            let src = format!("{root}?{}#{f}", st.to_query());
            (url, crate::url_state::embed_snippet(&src, &title, &format!("{root}embed.js")))
        }))
    });
    let download = move |_| {
        let (Some(d), Some(b)) = (doc(), base.get_untracked()) else { return };
        let lang = ui.lang.get_untracked();
        busy.set(true);
        message.set(at(lang, A::Packing).into());
        let query = published_query(&ui);
        leptos::task::spawn_local(async move {
            match site_zip(d, b, query).await {
                Ok(z) => {
                    download_bytes(&z, "application/zip", "map.zip");
                    message.set(at(lang, A::ZipDone).replace("{n}", &(z.len() / 1000).to_string()));
                }
                Err(e) => message.set(format!("{} {e}", at(lang, A::PackFailed))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="publish">
            <h2>{move || tr(ui, A::Publish)}</h2>
            <label class="context-toggle">
                <input type="checkbox" data-author-context prop:checked=move || context_on.get() disabled=move || !in_region.get()
                    on:change=move |ev| { let on = event_target_checked(&ev); work.update(|w| w.no_context = !on) }/>
                " "{move || tr(ui, A::Context)}
            </label>
            {move || (!in_region.get()).then(|| view! { <p class="muted" data-context-outside>{tr(ui, A::ContextOutside)}</p> })}
            <button type="button" class="tool primary" data-action="download-map" disabled=move || busy.get() || doc().is_none()
                on:click=download>{move || tr(ui, A::DownloadMap)}</button>
            <p class="muted" data-publish-status>{move || message.get()}</p>
            {move || match link.get() {
                Some(Ok((url, code))) => view! {
                    <label class="permalink">{tr(ui, A::LinkLabel)}
                        <input type="text" readonly data-permalink prop:value=url.clone()/>
                    </label>
                    <a href=url target="_blank" rel="noopener" data-open-permalink>{tr(ui, A::OpenIt)}</a>
                    <label class="permalink">{tr(ui, A::EmbedLabel)}
                        <textarea readonly rows="4" data-author-embed prop:value=code></textarea>
                    </label>
                }.into_any(),
                Some(Err(FragmentError::TooLong { len, max })) => view! {
                    <p class="muted" data-permalink-error>{tr(ui, A::LinkTooLong).replace("{n}", &len.to_string()).replace("{max}", &max.to_string())}</p>
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
        let lang = ui.lang.get_untracked();
        let failed = move |why: String| status.set(format!("{} {why}", at(lang, A::ImageFailed)));
        super::share::svg_to_png(&svg, size, ratio, format!("{name}.png"), failed);
        if let Some(blob) = super::share::svg_blob(&svg) {
            super::share::download_blob(&blob, &format!("{name}.svg"));
        }
    };
    view! {
        <section class="exports">
            <h2>{move || tr(ui, A::Images)}</h2>
            <p class="muted">{move || tr(ui, A::ImagesHint)}</p>
            <button type="button" class="tool" data-action="export-social" on:click=move |_| export("social")>{move || tr(ui, A::Social)}</button>
            " "
            <button type="button" class="tool" data-action="export-print" on:click=move |_| export("print")>{move || tr(ui, A::Print)}</button>
            <p class="muted" role="status">{move || status.get()}</p>
        </section>
    }
}

/// English or Russian for the whole page (and the preview, and the map it
/// publishes), as the main app's `lang=ru`.
#[component]
fn LanguageSwitch(ui: Ui) -> impl IntoView {
    let button = move |l: Lang, name: &'static str| {
        view! {
            <button type="button" class="tool" data-lang=l.code() aria-pressed=move || (ui.lang.get() == l).to_string()
                on:click=move |_| ui.lang.set(l)>{name}</button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || ui.t(crate::i18n::Key::Language)>
            {button(Lang::En, "English")}{button(Lang::Ru, "Русский")}
        </div>
    }
}
