//! Sharing: copy a permalink, the embed code, and export of the current
//! view as a standalone SVG or a 2× PNG — all in the browser, no server.

use super::state::{Ui, use_ui};
use crate::i18n::Key;
use crate::render::export::standalone_svg_selecting;
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

/// The current view as a standalone SVG document, with its size: the
/// frame the map shows, drawn by the export renderer.
pub fn current_svg(ui: &Ui) -> Option<(String, [f64; 2])> {
    let url = permalink(ui, false);
    // The selected deposit keeps its ring, as on screen.
    let selected = match ui.selected.get_untracked() {
        Some(crate::url_state::Selection::Deposit(id)) => Some(id),
        _ => None,
    };
    ui.frame.with_untracked(|f| f.as_ref().map(|f| standalone_svg_selecting(f, &url, selected.as_deref())))
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

pub fn download_svg(ui: &Ui) -> Result<(), String> {
    let (svg, _) = current_svg(ui).ok_or("the map is not ready")?;
    let blob = svg_blob(&svg).ok_or("the browser could not make the file")?;
    download_blob(&blob, "central-asia-minerals.svg");
    Ok(())
}

/// Render the SVG onto a canvas at 2× and download it as PNG. Any failure
/// (the SVG does not load as an image, the canvas cannot encode) goes to
/// `failed`, so it is never silent.
pub fn download_png(ui: &Ui, failed: impl Fn(String) + Clone + 'static) {
    let Some((svg, size)) = current_svg(ui) else { return failed("the map is not ready".into()) };
    svg_to_png(&svg, size, 2.0, "central-asia-minerals@2x.png".into(), failed);
}

/// Draw an SVG document of `size` CSS pixels on a canvas `ratio` times as
/// large and download it as PNG; a failure goes to `failed`.
pub(super) fn svg_to_png(
    svg: &str,
    [ew, eh]: [f64; 2],
    ratio: f64,
    name: String,
    failed: impl Fn(String) + Clone + 'static,
) {
    let Some(blob) = svg_blob(svg) else { return failed("the browser could not make the file".into()) };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return failed("the browser could not make the file".into());
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return failed("no image support".into()) };
    let img2 = img.clone();
    let url2 = url.clone();
    let fail = failed.clone();
    let onload = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let Ok(canvas) = document().create_element("canvas").map(|e| e.unchecked_into::<web_sys::HtmlCanvasElement>())
        else {
            return fail("no canvas".into());
        };
        canvas.set_width((ew * ratio).round() as u32);
        canvas.set_height((eh * ratio).round() as u32);
        let Some(ctx) =
            canvas.get_context("2d").ok().flatten().map(|c| c.unchecked_into::<web_sys::CanvasRenderingContext2d>())
        else {
            return fail("no canvas".into());
        };
        let _ = ctx.scale(ratio, ratio);
        let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
        let fail2 = fail.clone();
        let done = Closure::once(move |b: Option<web_sys::Blob>| match b {
            Some(b) => download_blob(&b, &name),
            None => fail2("the canvas could not be encoded as PNG".into()),
        });
        if canvas.to_blob(done.as_ref().unchecked_ref()).is_err() {
            fail("the canvas could not be encoded as PNG".into());
        }
        done.forget();
    });
    let url3 = url.clone();
    let onerror = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&url3);
        failed("the exported SVG could not be drawn as an image".into());
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    img.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onload.forget();
    onerror.forget();
    img.set_src(&url);
}

/// Back to the Embed button once its dialog closes.
fn focus_embed_button() {
    super::reveal::focus_on("button[data-action='embed']");
}

#[component]
pub fn ShareBar() -> impl IntoView {
    let ui = use_ui();
    let status = RwSignal::new(None::<String>);
    // An export failure stays on screen (and in the problems list) until the next attempt.
    let export_failed = move |why: String| {
        let msg = format!("{}: {why}", ui.t(Key::ExportFailed));
        status.set(Some(msg.clone()));
        ui.problems.update(|p| p.push(msg));
    };
    let embed_open = RwSignal::new(false);
    // The dialog's code takes the focus when it opens (a keyboard user lands in it).
    let open_embed = move |_| {
        embed_open.update(|o| *o = !*o);
        request_animation_frame(|| super::reveal::focus_on("textarea[data-embed-code]"));
    };
    // Text to the clipboard, and a word on how it went.
    let copy_text = move |text: String, done: Key| {
        let p = window().navigator().clipboard().write_text(&text);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
            status.set(Some(if ok { ui.t(done) } else { ui.t(Key::CopyFailed) }.to_string()));
            set_timeout(move || status.set(None), Duration::from_secs(3));
        });
    };
    let copy = move |_| copy_text(permalink(&ui, false), Key::Copied);
    let snippet = move || {
        let src = permalink(&ui, true);
        let loc = window().location();
        let path = loc.pathname().unwrap_or_default();
        let dir = &path[..path.rfind('/').map(|i| i + 1).unwrap_or(0)];
        let script = format!("{}{}embed.js", loc.origin().unwrap_or_default(), dir);
        let title =
            ui.atlas.with(|a| a.as_ref().map(|a| a.ds.region.title.get(ui.lang.get()).to_string())).unwrap_or_default();
        crate::url_state::embed_snippet(&src, &title, &script)
    };
    view! {
        <div class="share" role="group" aria-label=move || ui.t(Key::Share)>
            <button type="button" class="tool" data-action="table"
                on:click=move |_| ui.table.update(|t| *t = !*t)>{move || if ui.table.get() { ui.t(Key::Map) } else { ui.t(Key::Table) }}</button>
            <button type="button" class="tool" data-action="copy-link" on:click=copy>{move || ui.t(Key::CopyLink)}</button>
            <button type="button" class="tool" data-action="embed" aria-expanded=move || embed_open.get().to_string()
                on:click=open_embed>{move || ui.t(Key::Embed)}</button>
            <button type="button" class="tool" data-action="export-svg" on:click=move |_| {
                if let Err(why) = download_svg(&ui) { export_failed(why.to_string()) }
            }>
                {move || ui.t(Key::ExportSvg)}</button>
            <button type="button" class="tool" data-action="export-png" on:click=move |_| download_png(&ui, export_failed)>
                {move || ui.t(Key::ExportPng)}</button>
            <span class="share-status" role="status" data-share-status>{move || status.get()}</span>
            <Show when=move || embed_open.get()>
                <div class="embed-dialog" role="dialog" aria-label=move || ui.t(Key::Embed)>
                    <p>{move || ui.t(Key::EmbedHelp)}</p>
                    <textarea readonly rows="5" data-embed-code aria-label=move || ui.t(Key::EmbedHelp)
                        on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" {
                            ev.stop_propagation();
                            embed_open.set(false);
                            focus_embed_button();
                        }
                        on:focus=|ev| {
                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) { t.select() }
                    }>{snippet}</textarea>
                    <button type="button" class="tool" data-action="copy-embed" on:click=move |_| copy_text(snippet(), Key::CodeCopied)>
                        {move || ui.t(Key::CopyCode)}</button>" "
                    <button type="button" class="tool" on:click=move |_| { embed_open.set(false); focus_embed_button(); }>{move || ui.t(Key::Close)}</button>
                </div>
            </Show>
        </div>
    }
}
