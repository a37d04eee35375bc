//! The app's reactive state: one struct of signals, shared by context.

use crate::atlas::{Atlas, DepositFilter};
use crate::data::FlowStatus;
use crate::flows::{FlowFilter, FlowGroup, aggregate};
use crate::i18n::{Key, Lang, t};
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
    Flow(String),
    Country(usize),
}

#[derive(Clone, Copy)]
pub struct Ui {
    pub atlas: RwSignal<Option<Arc<Atlas>>>,
    /// Data and URL problems, shown on the page.
    pub problems: RwSignal<Vec<String>>,
    pub lang: RwSignal<Lang>,
    /// Map viewport size in CSS pixels.
    pub size: RwSignal<(f64, f64)>,
    /// The view the SVG is drawn with.
    pub view: RwSignal<View>,
    /// The view on screen (differs from `view` during a gesture).
    pub live: RwSignal<View>,
    pub filter: RwSignal<DepositFilter>,
    pub flow_investors: RwSignal<Vec<String>>,
    pub flow_statuses: RwSignal<Vec<FlowStatus>>,
    pub years: RwSignal<Option<(i32, i32)>>,
    pub lock_scale: RwSignal<bool>,
    pub hidden_layers: RwSignal<Vec<String>>,
    pub selected: RwSignal<Option<Selection>>,
    pub hover: RwSignal<Option<(Hover, [f64; 2])>>,
    pub table: RwSignal<bool>,
    pub embed: bool,
    /// URL of the region manifest.
    pub data_url: StoredValue<String>,
    /// Deposits the filter admits (indices into the dataset).
    pub visible: Memo<Vec<usize>>,
    /// R-tree over the visible deposits; rebuilt when the filter changes.
    pub index: Memo<Shared<DepositIndex>>,
    pub groups: Memo<Vec<FlowGroup>>,
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
        let flows = url.flow_filter(&[]);
        let flow_investors = RwSignal::new(flows.investors);
        let flow_statuses = RwSignal::new(flows.statuses);
        let years = RwSignal::new(flows.years);
        let groups = Memo::new(move |_| {
            atlas.with(|a| {
                a.as_ref()
                    .map(|a| {
                        let f = FlowFilter {
                            investors: flow_investors.get(),
                            statuses: flow_statuses.get(),
                            years: years.get(),
                        };
                        aggregate(&a.ds.flows, &f)
                    })
                    .unwrap_or_default()
            })
        });
        let unit = View { k: 1.0, tx: 0.0, ty: 0.0 };
        Ui {
            atlas,
            problems: RwSignal::new(Vec::new()),
            lang: RwSignal::new(url.lang),
            size: RwSignal::new((0.0, 0.0)),
            view: RwSignal::new(unit),
            live: RwSignal::new(unit),
            filter,
            flow_investors,
            flow_statuses,
            years,
            lock_scale: RwSignal::new(true),
            hidden_layers: RwSignal::new(url.hidden_layers.clone()),
            selected: RwSignal::new(url.selected.clone()),
            hover: RwSignal::new(None),
            table: RwSignal::new(url.table),
            embed: url.embed,
            data_url: StoredValue::new(data_url),
            visible,
            index: Memo::new(move |_| {
                let v = visible.get();
                Shared::new(atlas.with(|a| a.as_ref().map(|a| a.deposit_index(&v)).unwrap_or_default()))
            }),
            groups,
            pending_view: StoredValue::new(url.view),
        }
    }

    pub fn t(&self, key: Key) -> &'static str {
        t(self.lang.get(), key)
    }

    pub fn layer_on(&self, name: &str) -> bool {
        self.hidden_layers.with(|h| !h.iter().any(|x| x == name))
    }

    /// The drawn view and the map's size (tracked).
    pub fn viewport(&self) -> crate::scene::flows::Viewport {
        let (width, height) = self.size.get();
        crate::scene::flows::Viewport { view: self.view.get(), width, height }
    }

    /// The fitted view for the current size.
    pub fn base_view(&self) -> Option<View> {
        let (w, h) = self.size.get_untracked();
        self.atlas.with_untracked(|a| a.as_ref().map(|a| a.base_view(w, h)))
    }

    /// Commit a view: redraw at it.
    pub fn set_view(&self, v: View) {
        self.live.set(v);
        self.view.set(v);
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
        let flows = FlowFilter {
            investors: self.flow_investors.get(),
            statuses: self.flow_statuses.get(),
            years: self.years.get(),
        };
        UrlState {
            lang: self.lang.get(),
            view,
            hidden_layers: self.hidden_layers.get(),
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
