//! The reader-facing text of the records, in a file of its own.
//!
//! A deposit's sources, notes and precision note, and a flow's sources,
//! notes, amount note and exchange-rate note, are most of the layers' weight
//! (about 80% of the default map's deposit and flow files, gzipped) but are
//! only read when a reader opens a details panel or the table. A manifest
//! may name a details file (`layers.details`): the deposit and flow files
//! then leave these fields out, and the app reads this file on first need.
//! `atlas split` writes such a folder from a whole one (the build does, for
//! `dist/data`); docs/DATA.md §2 documents the format:
//!
//! ```json
//! {"deposits": {"<id>": {"precision_note": "…", "sources": [{"url": "…", "title": "…"}], "notes": "…"}},
//!  "flows": {"<id>": {"sources": […], "notes": "…", "amount_note": "…", "fx_note": "…"}}}
//! ```
//!
//! Every record still needs at least one source: a record the details file
//! does not cover, or covers without a source, is named ([`Details::check`]).

use super::json::{self, Value};
use super::{DataError, Dataset, Deposit, Flow, Source};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepositDetails {
    pub precision_note: String,
    pub sources: Vec<Source>,
    pub notes: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlowDetails {
    pub sources: Vec<Source>,
    pub notes: String,
    pub amount_note: Option<String>,
    pub fx_note: Option<String>,
}

/// A details file, read: each record's text by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    pub deposits: HashMap<String, DepositDetails>,
    pub flows: HashMap<String, FlowDetails>,
}

/// An error about one record of a details file: the file, the record's id, the field.
fn named(file: &str, id: &str, field: &str, message: impl Into<String>) -> DataError {
    DataError { id: Some(id.to_string()), field: Some(field.to_string()), ..DataError::file(file, message) }
}

fn text(file: &str, id: &str, m: &json::Map, key: &str) -> Result<Option<String>, DataError> {
    super::parse::opt_string_field(m, key, |f, msg| named(file, id, f, msg))
}

/// A record's sources, read and checked as in the layer files.
fn sources(file: &str, id: &str, m: &json::Map) -> Result<Vec<Source>, DataError> {
    super::parse::sources_field(m, |f, msg| named(file, id, f, msg))
}

impl Details {
    /// Read a details file. A bad record is named (file, id, field) and left
    /// out; the rest is kept.
    pub fn parse(file: &str, text_in: &str) -> (Details, Vec<DataError>) {
        let mut out = Details::default();
        let mut errors = Vec::new();
        let root = match json::from_str(super::parse::strip_bom(text_in)) {
            Ok(Value::Object(m)) => m,
            Ok(_) => return (out, vec![DataError::file(file, "not a details file: expected a JSON object")]),
            Err(e) => return (out, vec![DataError::file(file, format!("not valid JSON: {e}"))]),
        };
        let records = |key: &str, errors: &mut Vec<DataError>| -> Vec<(String, json::Map)> {
            match root.get(key) {
                None => Vec::new(),
                Some(Value::Object(m)) => m
                    .entries()
                    .filter_map(|(id, v)| {
                        let mut v = v.clone();
                        if super::parse::strip_control(&mut v) {
                            errors.push(named(file, id, key, super::parse::CONTROL_REMOVED));
                        }
                        match v {
                            Value::Object(r) => Some((id.to_string(), r)),
                            _ => {
                                errors.push(named(file, id, key, "must be an object of fields"));
                                None
                            }
                        }
                    })
                    .collect(),
                Some(_) => {
                    errors.push(DataError {
                        field: Some(key.into()),
                        ..DataError::file(file, "must be an object keyed by id")
                    });
                    Vec::new()
                }
            }
        };
        for (id, m) in records("deposits", &mut errors) {
            let one = || -> Result<DepositDetails, DataError> {
                Ok(DepositDetails {
                    precision_note: text(file, &id, &m, "precision_note")?.unwrap_or_default(),
                    sources: sources(file, &id, &m)?,
                    notes: text(file, &id, &m, "notes")?.unwrap_or_default(),
                })
            };
            match one() {
                Ok(d) => {
                    out.deposits.insert(id, d);
                }
                Err(e) => errors.push(e),
            }
        }
        for (id, m) in records("flows", &mut errors) {
            let one = || -> Result<FlowDetails, DataError> {
                Ok(FlowDetails {
                    sources: sources(file, &id, &m)?,
                    notes: text(file, &id, &m, "notes")?.unwrap_or_default(),
                    amount_note: text(file, &id, &m, "amount_note")?,
                    fx_note: text(file, &id, &m, "fx_note")?,
                })
            };
            match one() {
                Ok(f) => {
                    out.flows.insert(id, f);
                }
                Err(e) => errors.push(e),
            }
        }
        (out, errors)
    }

    /// A deposit's sources: this file's entry, or its own when it has none.
    pub fn deposit_sources<'a>(&'a self, d: &'a Deposit) -> &'a [Source] {
        self.deposits.get(&d.id).map_or(&d.sources, |x| &x.sources)
    }

    /// A flow's sources, as [`Details::deposit_sources`].
    pub fn flow_sources<'a>(&'a self, f: &'a Flow) -> &'a [Source] {
        self.flows.get(&f.id).map_or(&f.sources, |x| &x.sources)
    }

    /// The deposit with its text from this file (itself, when the file has
    /// no entry for it: its own fields, if the layer carried them).
    pub fn deposit(&self, d: &Deposit) -> Deposit {
        let mut d = d.clone();
        if let Some(x) = self.deposits.get(&d.id) {
            d.precision_note = x.precision_note.clone();
            d.sources = x.sources.clone();
            d.notes = x.notes.clone();
        }
        d
    }

    /// The flow with its text from this file, as [`Details::deposit`].
    pub fn flow(&self, f: &Flow) -> Flow {
        let mut f = f.clone();
        if let Some(x) = self.flows.get(&f.id) {
            f.sources = x.sources.clone();
            f.notes = x.notes.clone();
            f.amount_note = x.amount_note.clone();
            f.fx_note = x.fx_note.clone();
        }
        f
    }

    /// What the layer files left to this file and it does not give: a
    /// record with no source, and a converted amount with no note on where
    /// its dollar figure comes from (the rules the layer files follow).
    pub fn check(&self, file: &str, ds: &Dataset) -> Vec<DataError> {
        let mut errors = Vec::new();
        for d in &ds.deposits {
            if d.sources.is_empty() && !self.deposits.contains_key(&d.id) {
                errors.push(named(file, &d.id, "sources", "missing: every deposit needs at least one source"));
            }
        }
        for f in &ds.flows {
            let x = self.flows.get(&f.id);
            if f.sources.is_empty() && x.is_none() {
                errors.push(named(file, &f.id, "sources", "missing: every flow needs at least one source"));
            }
            let fx = f.fx_note.is_some() || x.is_some_and(|x| x.fx_note.is_some());
            if f.currency.is_some() && f.amount_usd.is_some() && !fx {
                errors.push(named(
                    file,
                    &f.id,
                    "fx_note",
                    "a converted amount must say where its USD figure comes from",
                ));
            }
        }
        errors
    }
}

impl Dataset {
    /// The dataset with the text of a details file filled in, and what the
    /// file lacks added to its errors (the native tools read a split folder
    /// whole; the app keeps the file beside the dataset and fills a record
    /// when it is shown).
    pub fn with_details(mut self, file: &str, details: &Details, mut errors: Vec<DataError>) -> Dataset {
        errors.extend(details.check(file, &self));
        for d in &mut self.deposits {
            *d = details.deposit(d);
        }
        for f in &mut self.flows {
            *f = details.flow(f);
        }
        self.errors.extend(errors);
        self
    }
}
