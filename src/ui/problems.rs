//! The data and URL problems under the map: the first fifty, and how many
//! more — a file with a hundred thousand bad rows does not freeze the page.

use super::state::use_ui;
use crate::i18n::Key;
use leptos::prelude::*;

pub const PROBLEMS_SHOWN: usize = 50;

#[component]
pub fn Problems() -> impl IntoView {
    let ui = use_ui();
    let more = move || ui.problems.with(|p| p.len().saturating_sub(PROBLEMS_SHOWN));
    view! {
        <Show when=move || ui.problems.with(|p| !p.is_empty())>
            <div class="problems" role="alert" data-problems=move || ui.problems.with(Vec::len)>
                <strong>{move || ui.t(Key::DataProblems)}</strong>
                <ul>{move || ui.problems.with(|p| p.iter().take(PROBLEMS_SHOWN).map(|p| view! { <li>{p.clone()}</li> }).collect_view())}</ul>
                {move || (more() > 0).then(|| view! {
                    <p class="problems-more">{format!("{PROBLEMS_SHOWN} {}, {} {}", ui.t(Key::Shown), more(), ui.t(Key::More))}</p>
                })}
            </div>
        </Show>
    }
}
