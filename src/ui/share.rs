//! Sharing: copy a permalink, the embed code, and export of the current
//! view as a standalone SVG or a 2× PNG — all in the browser, no server.

use super::map::{FlowScene, current_scale};
use super::state::{Shared, Ui, use_ui};
use crate::i18n::Key;
use crate::render::export::{ExportScene, standalone_svg};
use crate::scene::flows::Viewport;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The permalink of the current state (full app, not embed).
pub fn permalink(ui: &Ui, embed: bool) -> String {
    let loc = window().location();
    let base = format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default());
    let mut st = ui.url_state();
    st.embed = embed;
    let q = st.to_query();
    // A map permalink's data lives in the fragment.
    let hash = loc.hash().unwrap_or_default();
    if q.is_empty() { format!("{base}{hash}") } else { format!("{base}?{q}{hash}") }
}

/// The current view as a standalone SVG document, with its size.
pub fn current_svg(ui: &Ui, scene: &FlowScene) -> Option<(String, [f64; 2])> {
    let (w, h) = ui.size.get_untracked();
    let view = ui.view.get_untracked();
    let scale = current_scale(ui)?;
    let lang = ui.lang.get_untracked();
    let url = permalink(ui, false);
    ui.atlas.with_untracked(|a| {
        let a = a.as_ref()?;
        let vp = Viewport { view, width: w, height: h };
        let deposits: Vec<usize> = if ui.layer_on("deposits") {
            ui.index.with_untracked(|i| i.in_rect(view.visible_plane(w, h)).collect())
        } else {
            Vec::new()
        };
        let (flows, badges) =
            if ui.layer_on("flows") { (&scene.flows[..], &scene.badges[..]) } else { (&[][..], &[][..]) };
        Some(standalone_svg(&ExportScene { atlas: a, vp, lang, deposits: &deposits, flows, badges, scale, url: &url }))
    })
}

pub(super) fn download_blob(blob: &web_sys::Blob, name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    if let Ok(a) = document().create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        a.set_attribute("data-export", name).ok();
        let _ = document().body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    // Let the download start before the URL is revoked.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), Duration::from_secs(30));
}

pub(super) fn svg_blob(svg: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&svg.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml;charset=utf-8");
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()
}

pub fn download_svg(ui: &Ui, scene: &FlowScene) {
    if let Some(blob) = current_svg(ui, scene).and_then(|(svg, _)| svg_blob(&svg)) {
        download_blob(&blob, "central-asia-minerals.svg");
    }
}

/// Render the SVG onto a canvas at 2× and download it as PNG.
pub fn download_png(ui: &Ui, scene: &FlowScene) {
    if let Some((svg, size)) = current_svg(ui, scene) {
        svg_to_png(&svg, size, 2.0, "central-asia-minerals@2x.png".into());
    }
}

/// Draw an SVG document of `size` CSS pixels on a canvas `ratio` times as
/// large, and download it as PNG.
pub(super) fn svg_to_png(svg: &str, [ew, eh]: [f64; 2], ratio: f64, name: String) {
    let Some(blob) = svg_blob(svg) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let Ok(canvas) = document().create_element("canvas").map(|e| e.unchecked_into::<web_sys::HtmlCanvasElement>())
        else {
            return;
        };
        canvas.set_width((ew * ratio).round() as u32);
        canvas.set_height((eh * ratio).round() as u32);
        let Some(ctx) =
            canvas.get_context("2d").ok().flatten().map(|c| c.unchecked_into::<web_sys::CanvasRenderingContext2d>())
        else {
            return;
        };
        let _ = ctx.scale(ratio, ratio);
        let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
        let done = Closure::once(move |b: Option<web_sys::Blob>| {
            if let Some(b) = b {
                download_blob(&b, &name);
            }
        });
        let _ = canvas.to_blob(done.as_ref().unchecked_ref());
        done.forget();
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    img.set_src(&url);
}

#[component]
pub fn ShareBar(scene: Memo<Shared<FlowScene>>) -> impl IntoView {
    let ui = use_ui();
    let status = RwSignal::new(None::<&'static str>);
    let embed_open = RwSignal::new(false);
    let copy = move |_| {
        let url = permalink(&ui, false);
        let clip = window().navigator().clipboard();
        let p = clip.write_text(&url);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
            status.set(Some(if ok { ui.t(Key::Copied) } else { ui.t(Key::CopyFailed) }));
            set_timeout(move || status.set(None), Duration::from_secs(3));
        });
    };
    let snippet = move || {
        let src = permalink(&ui, true);
        let loc = window().location();
        let path = loc.pathname().unwrap_or_default();
        let dir = &path[..path.rfind('/').map(|i| i + 1).unwrap_or(0)];
        let script = format!("{}{}embed.js", loc.origin().unwrap_or_default(), dir);
        let title =
            ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.title.get(ui.lang.get()).to_string())).unwrap_or_default();
        format!(
            "<iframe src=\"{}\" title=\"{}\" data-ca-atlas style=\"width:100%;height:720px;border:0\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>\n<script src=\"{}\" async></script>",
            crate::render::svg::escape(&src),
            crate::render::svg::escape(&title),
            script
        )
    };
    view! {
        <div class="share" role="group" aria-label=move || ui.t(Key::Share)>
            <button type="button" class="tool" data-action="table" aria-pressed=move || ui.table.get().to_string()
                on:click=move |_| ui.table.update(|t| *t = !*t)>{move || if ui.table.get() { ui.t(Key::Map) } else { ui.t(Key::Table) }}</button>
            <button type="button" class="tool" data-action="copy-link" on:click=copy>{move || ui.t(Key::CopyLink)}</button>
            <button type="button" class="tool" data-action="embed" aria-expanded=move || embed_open.get().to_string()
                on:click=move |_| embed_open.update(|o| *o = !*o)>{move || ui.t(Key::Embed)}</button>
            <button type="button" class="tool" data-action="export-svg" on:click=move |_| scene.with_untracked(|s| download_svg(&ui, s))>
                {move || ui.t(Key::ExportSvg)}</button>
            <button type="button" class="tool" data-action="export-png" on:click=move |_| scene.with_untracked(|s| download_png(&ui, s))>
                {move || ui.t(Key::ExportPng)}</button>
            <span class="share-status" role="status">{move || status.get()}</span>
            <Show when=move || embed_open.get()>
                <div class="embed-dialog" role="dialog" aria-label=move || ui.t(Key::Embed)>
                    <p>{move || ui.t(Key::EmbedHelp)}</p>
                    <textarea readonly rows="5" data-embed-code on:focus=|ev| {
                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) { t.select() }
                    }>{snippet}</textarea>
                    <button type="button" class="tool" on:click=move |_| embed_open.set(false)>{move || ui.t(Key::Close)}</button>
                </div>
            </Show>
        </div>
    }
}
