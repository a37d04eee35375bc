//! The map maker's notes: a short text pinned to one of the journalist's
//! places (picked from a list) or to a point (longitude and latitude). They
//! live in the working copy (`author::WorkingCopy::annotations`) and go into
//! the `#map=` document and the zip's manifest as `annotations`
//! (`author::doc::Annotation`); a note with a problem is named here and left
//! out of the published map until fixed.

use super::author_work::{WorkingCopy, tr};
use super::state::Ui;
use crate::author::{Annotation, MAX_NOTE_CHARS, NoteProblem, Pin};
use crate::i18n::Lang;
use crate::i18n::author::{Key as A, t as at};
use leptos::prelude::*;

fn problem_text(lang: Lang, p: NoteProblem) -> String {
    let why = match p {
        NoteProblem::TooLong { chars, .. } => {
            at(lang, A::NoteTooLong).replace("{n}", &chars.to_string()).replace("{max}", &MAX_NOTE_CHARS.to_string())
        }
        NoteProblem::Empty => at(lang, A::NoteEmpty).into(),
        NoteProblem::NoDeposit => at(lang, A::NoteNoPlace).into(),
        NoteProblem::OffGlobe { .. } => at(lang, A::NoteOffGlobe).into(),
    };
    format!("{why}: {}", at(lang, A::NoteLeftOut))
}

#[component]
pub(super) fn AnnotationsEditor(work: RwSignal<WorkingCopy>, ui: Ui) -> impl IntoView {
    // Rows are drawn afresh only when a note is added or removed, so typing
    // keeps its cursor; each field writes straight into the working copy.
    let generation = RwSignal::new(0u32);
    let count = Memo::new(move |_| work.with(|w| w.annotations.len()));
    let places = Memo::new(move |_| {
        ui.atlas
            .with(|a| {
                a.as_ref().map(|a| a.ds.deposits.iter().map(|d| (d.id.clone(), d.name.clone())).collect::<Vec<_>>())
            })
            .unwrap_or_default()
    });
    let edit = move |i: usize, f: &dyn Fn(&mut Annotation)| {
        work.update(|w| {
            if let Some(a) = w.annotations.get_mut(i) {
                f(a)
            }
        })
    };
    let add = move |_| {
        let first = places.with_untracked(|p| p.first().map(|p| p.0.clone())).unwrap_or_default();
        work.update(|w| {
            w.annotations.push(Annotation {
                text: String::new(),
                text_ru: String::new(),
                pin: Pin::Deposit { deposit: first },
            })
        });
    };
    let row = move |i: usize| {
        let note = work.with_untracked(|w| w.annotations.get(i).cloned())?;
        let is_point =
            Memo::new(move |_| work.with(|w| matches!(w.annotations.get(i).map(|a| &a.pin), Some(Pin::Point { .. }))));
        let (lon0, lat0) = match note.pin {
            Pin::Point { lon, lat } => (lon.to_string(), lat.to_string()),
            Pin::Deposit { .. } => (String::new(), String::new()),
        };
        let chosen = match &note.pin {
            Pin::Deposit { deposit } => deposit.clone(),
            Pin::Point { .. } => String::new(),
        };
        let set_kind = move |point: bool| {
            let first = places.with_untracked(|p| p.first().map(|p| p.0.clone())).unwrap_or_default();
            edit(i, &|a| {
                a.pin = match (point, &a.pin) {
                    (true, Pin::Deposit { deposit }) => {
                        // Start the point at the place the note was pinned to.
                        let d = ui
                            .atlas
                            .with_untracked(|x| x.as_ref().and_then(|x| x.ds.deposit(deposit).map(|d| (d.lon, d.lat))));
                        let (lon, lat) = d.unwrap_or((0.0, 0.0));
                        Pin::Point { lon, lat }
                    }
                    (false, Pin::Point { .. }) => Pin::Deposit { deposit: first.clone() },
                    (_, p) => p.clone(),
                }
            });
            generation.update(|g| *g += 1);
        };
        let coord = move |lon: bool| {
            move |ev| {
                if let Ok(v) = event_target_value(&ev).trim().replace(',', ".").parse::<f64>() {
                    edit(i, &|a| {
                        if let Pin::Point { lon: x, lat: y } = &mut a.pin {
                            *if lon { x } else { y } = v;
                        }
                    })
                }
            }
        };
        let pin_fields = move || {
            if is_point.get() {
                view! {
                    <label>{tr(ui, A::Lon)}<input type="text" inputmode="decimal" data-note-lon value=lon0.clone() on:input=coord(true)/></label>
                    <label>{tr(ui, A::Lat)}<input type="text" inputmode="decimal" data-note-lat value=lat0.clone() on:input=coord(false)/></label>
                }
                .into_any()
            } else {
                let options = places
                    .get()
                    .into_iter()
                    .map(|(id, name)| {
                        let sel = id == chosen;
                        view! { <option value=id.clone() selected=sel>{name}</option> }
                    })
                    .collect_view();
                view! {
                    <select data-note-deposit on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit(i, &|a| a.pin = Pin::Deposit { deposit: v.clone() })
                    }>
                        <option value="" selected=chosen.is_empty()>"—"</option>
                        {options}
                    </select>
                }
                .into_any()
            }
        };
        let problem = move || {
            work.with(|w| w.annotations.get(i).and_then(Annotation::problem)).map(|p| problem_text(ui.lang.get(), p))
        };
        Some(view! {
            <li class="note" data-note=i>
                <label>{move || tr(ui, A::NoteText)}
                    <textarea rows="2" maxlength=MAX_NOTE_CHARS data-note-text
                        on:input=move |ev| { let v = event_target_value(&ev); edit(i, &|a| a.text = v.clone()) }>{note.text.clone()}</textarea>
                </label>
                <label>{move || tr(ui, A::NoteTextRu)}
                    <input type="text" maxlength=MAX_NOTE_CHARS data-note-text-ru value=note.text_ru.clone()
                        on:input=move |ev| { let v = event_target_value(&ev); edit(i, &|a| a.text_ru = v.clone()) }/>
                </label>
                <div class="note-pin">{move || tr(ui, A::PinnedTo)}" "
                    <select data-note-pin on:change=move |ev| set_kind(event_target_value(&ev) == "point")>
                        <option value="deposit" selected=!is_point.get_untracked()>{move || tr(ui, A::PinPlace)}</option>
                        <option value="point" selected=is_point.get_untracked()>{move || tr(ui, A::PinPoint)}</option>
                    </select>
                    " "{pin_fields}
                </div>
                {move || problem().map(|p| view! { <p class="problems" data-note-problem>{p}</p> })}
                <button type="button" class="tool" data-action="remove-note" on:click=move |_| {
                    work.update(|w| { if i < w.annotations.len() { w.annotations.remove(i); } });
                    // The rows after it move up: draw them afresh.
                    generation.update(|g| *g += 1);
                }>{move || tr(ui, A::Remove)}</button>
            </li>
        })
    };
    view! {
        <section class="notes">
            <h2>{move || tr(ui, A::Notes)}</h2>
            <p class="muted">{move || tr(ui, A::NotesHint)}</p>
            <ul class="note-list">
                {move || {
                    generation.track();
                    (0..count.get()).filter_map(row).collect_view()
                }}
            </ul>
            <button type="button" class="tool" data-action="add-note" on:click=add>{move || tr(ui, A::AddNote)}</button>
        </section>
    }
}
