//! The app's reactive state: one struct of signals, shared by context.

use crate::atlas::{Atlas, DepositFilter};
use crate::data::details::Details;
use crate::flows::{FlowFilter, FlowGroup, aggregate};
use crate::i18n::{Key, Lang, t};
use crate::scene::gesture::Camera;
use crate::scene::layers::Layers;
use crate::scene::{Frame, FrameSpec, Hit};
use crate::spatial::{DepositIndex, View};
use crate::url_state::{Selection, UrlState};
use leptos::prelude::*;
use std::sync::Arc;

/// A value shared without copying; equal only to itself, so a memo holding
/// it notifies on every recomputation.
#[derive(Debug, Clone, Default)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Shared<T> {
    pub fn new(v: T) -> Self {
        Shared(Arc::new(v))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, o: &Self) -> bool {
        Arc::ptr_eq(&self.0, &o.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What the pointer or keyboard focus is on.
#[derive(Debug, Clone, PartialEq)]
pub enum Hover {
    Deposit(usize),
    /// Index into the current frame's clusters.
    Cluster(usize),
    Flow(String),
    Country(usize),
}

impl From<Hit> for Hover {
    fn from(h: Hit) -> Hover {
        match h {
            Hit::Deposit(i) => Hover::Deposit(i),
            Hit::Cluster(i) => Hover::Cluster(i),
            Hit::Flow(k) => Hover::Flow(k),
            Hit::Country(i) => Hover::Country(i),
        }
    }
}

#[derive(Clone, Copy)]
pub struct Ui {
    pub atlas: RwSignal<Option<Arc<Atlas>>>,
    /// The records' sources and notes when the manifest keeps them in a
    /// details file: `None` until it is read (on first need: a details
    /// panel or the table); an empty set when the layers carry them.
    pub details: RwSignal<Option<Arc<Details>>>,
    /// Set when a part of the page that shows sources opens (besides a
    /// selection and the table, which ask for the details themselves).
    pub details_wanted: RwSignal<bool>,
    /// Data and URL problems, shown on the page.
    pub problems: RwSignal<Vec<String>>,
    pub lang: RwSignal<Lang>,
    /// Size, drawn view and live view in one value.
    pub camera: RwSignal<Camera>,
    /// Map viewport size in CSS pixels (changes on resize only).
    pub size: Memo<(f64, f64)>,
    /// The view the layers are drawn with (changes when a gesture ends).
    pub view: Memo<View>,
    pub filter: RwSignal<DepositFilter>,
    pub flow: RwSignal<FlowFilter>,
    pub lock_scale: RwSignal<bool>,
    /// The layers shown (the Layers group of the filters panel; `layers=` in the URL).
    pub layers: RwSignal<Layers>,
    pub selected: RwSignal<Option<Selection>>,
    /// What is under the pointer or the keyboard focus...
    pub hover: RwSignal<Option<Hover>>,
    /// ...and where the tooltip goes (map pixels).
    pub pointer: RwSignal<[f64; 2]>,
    /// The cluster whose list is open (index into the frame's clusters).
    pub cluster_open: RwSignal<Option<usize>>,
    pub table: RwSignal<bool>,
    pub embed: bool,
    /// URL of the region manifest.
    pub data_url: StoredValue<String>,
    /// Deposits the filter admits (indices into the dataset).
    pub visible: Memo<Vec<usize>>,
    /// R-tree over the visible deposits; rebuilt when the filter changes.
    pub index: Memo<Shared<DepositIndex>>,
    pub groups: Memo<Vec<FlowGroup>>,
    /// Everything drawn for the drawn view; rebuilt when a gesture ends or a filter changes.
    pub frame: Memo<Option<Shared<Frame>>>,
    /// The view a permalink asked for, applied once the map has a size.
    pub pending_view: StoredValue<Option<(f64, f64, f64)>>,
}

impl Ui {
    pub fn new(url: &UrlState, data_url: String) -> Ui {
        let atlas: RwSignal<Option<Arc<Atlas>>> = RwSignal::new(None);
        let filter = RwSignal::new(url.deposit_filter());
        let visible =
            Memo::new(move |_| atlas.with(|a| a.as_ref().map(|a| filter.with(|f| a.visible(f))).unwrap_or_default()));
        // Investors not named in the URL are filled in once the dataset is loaded.
        let flow = RwSignal::new(url.flow_filter(&[]));
        let groups = Memo::new(move |_| {
            atlas.with(|a| a.as_ref().map(|a| flow.with(|f| aggregate(&a.ds.flows, f))).unwrap_or_default())
        });
        let camera = RwSignal::new(Camera::default());
        let size = Memo::new(move |_| camera.with(|c| c.size));
        let view = Memo::new(move |_| camera.with(|c| c.drawn));
        let index = Memo::new(move |_| {
            let v = visible.get();
            Shared::new(atlas.with(|a| a.as_ref().map(|a| a.deposit_index(&v)).unwrap_or_default()))
        });
        let lang = RwSignal::new(url.lang);
        let lock_scale = RwSignal::new(true);
        let layers = RwSignal::new(url.layers);
        let frame = Memo::new(move |_| {
            let (width, height) = size.get();
            let a = atlas.get()?;
            if width <= 0.0 {
                return None;
            }
            let idx = index.get();
            let gs = groups.get();
            let f = flow.get();
            let spec = FrameSpec {
                width,
                height,
                view: view.get(),
                lang: lang.get(),
                deposits: &idx,
                groups: &gs,
                flow_filter: &f,
                lock_scale: lock_scale.get(),
                layers: layers.get(),
                // "Data from <host>" when the loader took the data from anywhere
                // but the bundled default (the page footer says the same).
                data_from: a.ds.data_from.as_ref().map(|h| format!("{} {h}", t(lang.get(), Key::DataFrom))),
            };
            Some(Shared::new(Frame::build(&a, &spec)))
        });
        Ui {
            atlas,
            details: RwSignal::new(None),
            details_wanted: RwSignal::new(false),
            problems: RwSignal::new(Vec::new()),
            lang,
            camera,
            size,
            view,
            filter,
            flow,
            lock_scale,
            layers,
            selected: RwSignal::new(url.selected.clone()),
            hover: RwSignal::new(None),
            pointer: RwSignal::new([0.0, 0.0]),
            cluster_open: RwSignal::new(None),
            table: RwSignal::new(url.table),
            embed: url.embed,
            data_url: StoredValue::new(data_url),
            visible,
            index,
            groups,
            frame,
            pending_view: StoredValue::new(url.view),
        }
    }

    pub fn t(&self, key: Key) -> &'static str {
        t(self.lang.get(), key)
    }

    /// The view on screen now (untracked: read it in event handlers).
    pub fn live(&self) -> View {
        self.camera.with_untracked(|c| c.live)
    }

    /// The fitted view for the current size.
    pub fn base_view(&self) -> Option<View> {
        let (w, h) = self.size.get_untracked();
        self.atlas.with_untracked(|a| a.as_ref().map(|a| a.base_view(w, h)))
    }

    /// Commit a view: redraw at it. The content moves without the pointer,
    /// so whatever the tooltip named is no longer under it: clear it.
    pub fn set_view(&self, v: View) {
        self.hover.set(None);
        self.camera.update(|c| c.set(v));
    }

    /// Show `v` without redrawing (a transform): fly-to frames, gestures.
    pub fn set_live(&self, v: View) {
        if self.hover.with_untracked(Option::is_some) {
            self.hover.set(None);
        }
        self.camera.update(|c| c.live = v);
    }

    /// Redraw at the live view (a gesture ended).
    pub fn commit(&self) {
        self.camera.update(|c| c.commit());
    }

    /// The state to put in the URL.
    pub fn url_state(&self) -> UrlState {
        let f = self.filter.get();
        let (w, h) = self.size.get();
        let view = self.atlas.with(|a| {
            a.as_ref().and_then(|a| {
                let base = a.base_view(w, h);
                let v = self.view.get();
                let (lon, lat, z) = v.to_center_zoom(&a.proj, &base, w, h);
                // The untouched fitted view is the default: leave it out.
                let fitted =
                    (v.k - base.k).abs() < 1e-9 && (v.tx - base.tx).abs() < 0.5 && (v.ty - base.ty).abs() < 0.5;
                (!fitted && w > 0.0).then_some((lon, lat, z))
            })
        });
        let all_investors: Vec<String> = self.atlas.with(|a| {
            a.as_ref().map(|a| a.ds.region.investors.iter().map(|i| i.id.clone()).collect()).unwrap_or_default()
        });
        let flows = self.flow.get();
        UrlState {
            lang: self.lang.get(),
            view,
            layers: self.layers.get(),
            selected: self.selected.get(),
            table: self.table.get(),
            embed: self.embed,
            data: self.data_url.with_value(|d| (d != super::loader::DEFAULT_MANIFEST).then(|| d.clone())),
            ..UrlState::default()
        }
        .with_filters(&f, &flows, &all_investors)
    }
}

/// Add `x` to the list, or remove it if present (a checkbox in a set).
pub fn toggle<T: PartialEq + Clone>(v: &mut Vec<T>, x: &T) {
    if let Some(p) = v.iter().position(|y| y == x) {
        v.remove(p);
    } else {
        v.push(x.clone());
    }
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}
