//! The legend's items, shared by the live legend and the export: investor
//! colours and their hatches, reference arrows at the map's own width
//! scale, commodity group colours, status shapes, precision symbols.

use super::style::{self, Hatch, Ink, Paint, PathStyle};
use crate::atlas::Atlas;
use crate::data::DepositStatus;
use crate::data::commodity::Group;
use crate::flows::WidthScale;
use crate::format::usd;
use crate::i18n::{Key, Lang, t};

#[derive(Debug, Clone, PartialEq)]
pub struct LegendInvestor {
    pub id: String,
    pub name: String,
    pub color: String,
    pub hatch: Hatch,
}

/// A reference arrow: the width the map draws `amount` at.
#[derive(Debug, Clone, PartialEq)]
pub struct RefArrow {
    pub amount: f64,
    pub width: f64,
    pub raised: bool,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendItems {
    pub investors: Vec<LegendInvestor>,
    pub refs: Vec<RefArrow>,
    pub groups: Vec<(Group, &'static str)>,
    pub statuses: Vec<(DepositStatus, &'static str)>,
    /// Fill of the neutral symbols (status shapes, precision, the arrow key).
    pub neutral: PathStyle,
    pub key_fill: Paint,
    pub exact: &'static str,
    pub approximate: &'static str,
    pub region_level: &'static str,
}

pub fn status_key(s: DepositStatus) -> Key {
    match s {
        DepositStatus::Operating => Key::Operating,
        DepositStatus::Development => Key::Development,
        DepositStatus::Exploration => Key::Exploration,
        DepositStatus::PastProducer => Key::PastProducer,
    }
}

pub fn legend_items(atlas: &Atlas, scale: &WidthScale, lang: Lang) -> LegendItems {
    let region = &atlas.ds.region;
    LegendItems {
        investors: region
            .investors
            .iter()
            .map(|i| LegendInvestor {
                id: i.id.clone(),
                name: i.name.get(lang).to_string(),
                color: i.color.clone(),
                hatch: style::hatch(&i.id, &i.color),
            })
            .collect(),
        // No arrow key on a map without flows.
        refs: region
            .flow_scale
            .reference_usd
            .iter()
            .filter(|_| !atlas.ds.flows.is_empty())
            .map(|&amount| {
                let (width, raised) = scale.width(amount);
                RefArrow { amount, width, raised, label: usd(amount, lang) }
            })
            .collect(),
        groups: Group::ALL.iter().map(|g| (*g, g.label(lang))).collect(),
        statuses: DepositStatus::ALL.iter().map(|s| (*s, t(lang, status_key(*s)))).collect(),
        neutral: PathStyle::outlined(Paint::Ink(Ink::Muted), Paint::Ink(Ink::MarkerStroke), 1.0),
        key_fill: Paint::Ink(Ink::Key),
        exact: t(lang, Key::Exact),
        approximate: t(lang, Key::Approximate),
        region_level: t(lang, Key::RegionLevel),
    }
}
