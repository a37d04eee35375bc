//! The map maker's working copy (what the journalist has given, kept in local
//! storage) and its string lookup: shared by the page (`author`) and the
//! notes editor (`author_annotations`).

use super::state::Ui;
use crate::author::{Annotation, Kind, Labels, Mapping, Sheet, read};
use crate::i18n::author::{Key as A, t as at};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the journalist has given, as kept in local storage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct WorkingCopy {
    pub(crate) labels: Labels,
    pub(crate) sheets: Vec<Saved>,
    /// Text pasted but not yet used.
    #[serde(default)]
    pub(crate) draft: String,
    /// The page's language (`en`, `ru`).
    #[serde(default)]
    pub(crate) lang: String,
    /// The atlas's capitals, rivers and inset turned off.
    #[serde(default)]
    pub(crate) no_context: bool,
    /// Notes on the map (`ui::author_annotations`).
    #[serde(default)]
    pub(crate) annotations: Vec<Annotation>,
}

/// A map-maker string in the page's language (reactive).
pub(crate) fn tr(ui: Ui, k: A) -> &'static str {
    at(ui.lang.get(), k)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Saved {
    pub(crate) name: String,
    pub(crate) text: String,
    pub(crate) kind: Kind,
    pub(crate) mapping: Mapping,
    pub(crate) swapped: BTreeSet<usize>,
}

impl Saved {
    pub(crate) fn sheet(&self) -> Option<Sheet> {
        let input = read(self.text.as_bytes()).ok()?;
        Some(Sheet { kind: self.kind, input, mapping: self.mapping.clone(), swapped: self.swapped.clone() })
    }
}
