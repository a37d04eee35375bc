//! Type-ahead search over deposit names (Latin and Cyrillic). Choosing a
//! result flies to the deposit and opens it.

use super::state::{Ui, use_ui};
use crate::i18n::Key;
use crate::spatial::View;
use crate::url_state::Selection;
use leptos::prelude::*;

/// Centre the map on deposit `i`, zoomed in to at least 4×, and open it
/// where the flight lands (then kept clear of its panel, `reveal`). The
/// flight is animated unless the reader prefers reduced motion.
pub fn fly_to(ui: &Ui, i: usize) {
    let (w, h) = ui.size.get_untracked();
    let target = ui.atlas.with_untracked(|a| {
        a.as_ref().map(|a| {
            let d = &a.ds.deposits[i];
            let base = a.base_view(w, h);
            let z = (ui.view.get_untracked().k / base.k).max(4.0);
            (View::from_center_zoom(&a.proj, &base, d.lon, d.lat, z, w, h), Selection::Deposit(d.id.clone()))
        })
    });
    if let Some((target, sel)) = target {
        super::reveal::glide_to(*ui, target, Some(sel));
    }
}

#[component]
pub fn Search() -> impl IntoView {
    let ui = use_ui();
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let open = RwSignal::new(false);
    let results =
        Memo::new(move |_| ui.atlas.with(|a| a.as_ref().map(|a| a.search(&query.get(), 8)).unwrap_or_default()));
    let choose = move |i: usize| {
        fly_to(&ui, i);
        open.set(false);
        query.set(String::new());
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let n = results.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => active.set((active.get() + 1) % n),
            "ArrowUp" if n > 0 => active.set((active.get() + n - 1) % n),
            "Enter" => {
                if let Some(&i) = results.with(|r| r.get(active.get()).copied()).as_ref() {
                    choose(i);
                }
            }
            "Escape" => {
                open.set(false);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
    };
    view! {
        <div class="search" role="search">
            <label class="visually-hidden" for="search-input">{move || ui.t(Key::Search)}</label>
            <input
                id="search-input"
                type="search"
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls="search-results"
                aria-expanded=move || (open.get() && !query.with(String::is_empty)).to_string()
                // The highlighted result, for screen readers (the focus stays in the box).
                aria-activedescendant=move || {
                    (open.get() && !query.with(String::is_empty) && results.with(|r| !r.is_empty()))
                        .then(|| format!("search-result-{}", active.get()))
                }
                placeholder=move || ui.t(Key::Search)
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    active.set(0);
                    open.set(true);
                }
                on:keydown=on_key
            />
            // How many results, said once the typing settles (the list itself is not live).
            <span class="visually-hidden" aria-live="polite" data-search-count>{move || {
                (open.get() && !query.with(String::is_empty))
                    .then(|| format!("{} {}", ui.t(Key::ResultsCount), results.with(Vec::len)))
            }}</span>
            <Show when=move || open.get() && !query.with(String::is_empty)>
                <ul id="search-results" class="search-results" role="listbox">
                    {move || {
                        let lang = ui.lang.get();
                        let r = results.get();
                        if r.is_empty() {
                            return view! { <li class="empty" role="option" aria-disabled="true">{ui.t(Key::NoResults)}</li> }.into_any();
                        }
                        ui.atlas.with(|a| {
                            let Some(a) = a else { return ().into_any() };
                            r.iter().enumerate().map(|(pos, &i)| {
                                let d = &a.ds.deposits[i];
                                let alt = match lang {
                                    crate::i18n::Lang::En => d.name_ru.clone().unwrap_or_default(),
                                    crate::i18n::Lang::Ru => d.name.clone(),
                                };
                                view! {
                                    <li role="option" id=format!("search-result-{pos}") data-result-id=d.id.clone() aria-selected=move || (active.get() == pos).to_string()
                                        on:mousedown=move |ev| { ev.prevent_default(); choose(i) }>
                                        <span class="name">{d.display_name(lang).to_string()}</span>
                                        <span class="alt">{alt}" · "{d.country.clone()}</span>
                                    </li>
                                }
                            }).collect_view().into_any()
                        })
                    }}
                </ul>
            </Show>
        </div>
    }
}
