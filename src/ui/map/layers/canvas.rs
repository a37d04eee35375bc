//! Dense deposits and clusters on a `<canvas>` that follows
//! devicePixelRatio. It draws the frame's markers, halos and clusters with
//! the frame's own styles (the same `PathStyle` the SVG renderers write),
//! batched by style, once per frame — never per pointer event.

use crate::decimal::short;
use crate::scene::Frame;
use crate::scene::path::Shape;
use crate::scene::style::{PathStyle, Theme};
use crate::ui::state::use_ui;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CanvasRenderingContext2d as Ctx;

fn theme() -> Theme {
    let dark = window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches());
    if dark { Theme::Dark } else { Theme::Light }
}

fn set_style(ctx: &Ctx, s: &PathStyle, t: Theme) {
    ctx.set_fill_style_str(&s.fill.resolve(t));
    ctx.set_stroke_style_str(&s.stroke.resolve(t));
    ctx.set_line_width(s.stroke_width);
    let dash = js_sys::Array::new();
    if let Some([a, b]) = s.dash {
        dash.push(&JsValue::from_f64(a));
        dash.push(&JsValue::from_f64(b));
    }
    let _ = ctx.set_line_dash(&dash);
}

fn paint(ctx: &Ctx, s: &PathStyle) {
    if s.fill != crate::scene::style::Paint::None {
        ctx.set_global_alpha(s.fill_opacity);
        ctx.fill();
    }
    if s.stroke != crate::scene::style::Paint::None && s.stroke_width > 0.0 {
        ctx.set_global_alpha(s.stroke_opacity);
        ctx.stroke();
    }
    ctx.set_global_alpha(1.0);
}

fn add_shape(ctx: &Ctx, shape: &Shape) {
    match shape {
        Shape::Circle { c, r } => {
            ctx.move_to(c[0] + r, c[1]);
            let _ = ctx.arc(c[0], c[1], *r, 0.0, std::f64::consts::TAU);
        }
        Shape::Polygon(pts) => {
            for (k, p) in pts.iter().enumerate() {
                if k == 0 { ctx.move_to(p[0], p[1]) } else { ctx.line_to(p[0], p[1]) }
            }
            ctx.close_path();
        }
    }
}

/// Draw the frame's deposits onto `canvas` at `dpr` device pixels per CSS pixel.
pub fn draw(canvas: &web_sys::HtmlCanvasElement, f: &Frame, dpr: f64) {
    let (w, h) = (f.width, f.height);
    canvas.set_width((w * dpr).round() as u32);
    canvas.set_height((h * dpr).round() as u32);
    let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<Ctx>().ok()) else { return };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w, h);
    let t = theme();
    // Halos, then markers, each batched by style (one path per style).
    let mut halos: BTreeMap<String, (PathStyle, Vec<Shape>)> = BTreeMap::new();
    let mut marks: BTreeMap<String, (PathStyle, Vec<Shape>)> = BTreeMap::new();
    for m in f.paint_order.iter().map(|&k| &f.markers[k]) {
        if let Some((r, s)) = &m.halo {
            halos.entry(s.css()).or_insert_with(|| (s.clone(), Vec::new())).1.push(Shape::Circle { c: m.at, r: *r });
        }
        marks.entry(m.style.css()).or_insert_with(|| (m.style.clone(), Vec::new())).1.push(m.shape());
    }
    for (s, shapes) in halos.values().chain(marks.values()) {
        set_style(&ctx, s, t);
        ctx.begin_path();
        for sh in shapes {
            add_shape(&ctx, sh);
        }
        paint(&ctx, s);
    }
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_font(&format!("700 11px {}", crate::scene::style::FONT));
    for c in &f.clusters {
        set_style(&ctx, &c.style, t);
        ctx.begin_path();
        add_shape(&ctx, &Shape::Circle { c: c.at, r: c.r });
        paint(&ctx, &c.style);
        ctx.set_fill_style_str(c.text.hex(t));
        let _ = ctx.fill_text(&c.count.to_string(), c.at[0], c.at[1]);
    }
}

#[component]
pub fn DepositCanvas() -> impl IntoView {
    let ui = use_ui();
    let canvas: NodeRef<Canvas> = NodeRef::new();
    Effect::new(move |_| {
        let (Some(el), Some(f)) = (canvas.get(), ui.frame.get()) else { return };
        if f.canvas {
            draw(&el, &f, window().device_pixel_ratio().max(1.0));
        }
    });
    let shown = move || ui.frame.with(|f| f.as_ref().is_some_and(|f| f.canvas));
    let count = move |clusters: bool| {
        ui.frame.with(|f| f.as_ref().map(|f| if clusters { f.clusters.len() } else { f.markers.len() }).unwrap_or(0))
    };
    view! {
        <canvas node_ref=canvas class="deposit-canvas" aria-hidden="true"
            style:display=move || if shown() { "block" } else { "none" }
            style:width=move || format!("{}px", short(ui.size.get().0))
            style:height=move || format!("{}px", short(ui.size.get().1))
            data-deposits-drawn=move || shown().then(|| count(false).to_string())
            data-clusters-drawn=move || shown().then(|| count(true).to_string())
        ></canvas>
    }
}
