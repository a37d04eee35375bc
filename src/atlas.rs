//! The loaded atlas: the dataset plus everything derived from it once —
//! projected geometry and the country R-tree; the search keys and the id
//! lookup are built the first time they are asked for, so they do not hold
//! up the first map. Views, filters and scenes are computed from this.

use crate::data::commodity::Group;
use crate::data::{Dataset, Deposit, DepositStatus, Home};
use crate::i18n::Lang;
use crate::spatial::{Albers, DepositIndex, ShapeIndex, View};
use geo::MultiPolygon;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Which deposits the reader wants to see. Empty lists mean "all".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepositFilter {
    /// Commodity symbols; a deposit matches if it has any of them.
    pub commodities: Vec<String>,
    pub countries: Vec<String>,
    pub statuses: Vec<DepositStatus>,
    /// Homes of foreign investors; a deposit matches if any investor is from one.
    pub foreign: Vec<Home>,
}

impl DepositFilter {
    pub fn admits(&self, d: &Deposit) -> bool {
        self.matches(d) == [true; 4]
    }

    /// Whether `d` passes each list on its own: [commodities, countries,
    /// statuses, foreign investors] (the chip counts leave one out at a time).
    pub fn matches(&self, d: &Deposit) -> [bool; 4] {
        [
            self.commodities.is_empty() || d.commodities.iter().any(|c| self.commodities.contains(c)),
            self.countries.is_empty() || self.countries.contains(&d.country),
            self.statuses.is_empty() || self.statuses.contains(&d.status),
            self.foreign.is_empty() || self.foreign.iter().any(|h| d.has_investor_from(*h)),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.commodities.is_empty() && self.countries.is_empty() && self.statuses.is_empty() && self.foreign.is_empty()
    }
}

/// How many deposits each filter option would match given the other
/// filters (the count on each filter chip): the length of
/// [`Atlas::visible`] with that option alone in its list, for every option
/// in one pass over the deposits. Keyed by the option's code (a symbol, an
/// ISO3 code, `DepositStatus::as_str`, `Home::as_str`); absent means 0.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OptionCounts {
    pub commodities: HashMap<String, usize>,
    pub countries: HashMap<String, usize>,
    pub statuses: HashMap<String, usize>,
    pub foreign: HashMap<String, usize>,
}

pub struct Atlas {
    pub ds: Dataset,
    pub proj: Albers,
    /// Country outlines in plane coordinates, same order as `ds.countries`.
    pub countries_plane: Vec<MultiPolygon<f64>>,
    pub water_plane: Vec<MultiPolygon<f64>>,
    pub deposits_plane: Vec<[f64; 2]>,
    /// Each deposit's colour group (of its primary commodity), looked up
    /// once: every frame's clustering asks for every deposit in view.
    pub deposit_groups: Vec<Group>,
    pub labels_plane: Vec<[f64; 2]>,
    pub country_index: ShapeIndex,
    /// Folded names and ids for search, built on the first search.
    search_keys: OnceLock<Vec<Vec<String>>>,
    /// Deposits per country, counted once (hover asks for it).
    deposit_counts: HashMap<String, usize>,
    /// Id → index, for lookups that must not scan 100k records; built on the first lookup.
    deposit_ids: OnceLock<HashMap<String, usize>>,
    country_ids: HashMap<String, usize>,
}

/// Map every coordinate of a multipolygon (projection to the plane, plane to screen).
pub fn map_coords(mp: &MultiPolygon<f64>, f: impl Fn([f64; 2]) -> [f64; 2]) -> MultiPolygon<f64> {
    use geo::MapCoords;
    mp.map_coords(|c| {
        let [x, y] = f([c.x, c.y]);
        geo::Coord { x, y }
    })
}

/// Lower-case, with Cyrillic ё folded and punctuation dropped, for matching.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // The same rules on bytes: most names are ASCII.
        return s
            .bytes()
            .filter(|b| b.is_ascii_alphanumeric() || (*b as char).is_whitespace())
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
    }
    s.chars()
        .map(crate::case::lower_char)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect()
}

impl Atlas {
    pub fn new(ds: Dataset) -> Self {
        let proj = Albers::new(ds.region.projection);
        let project = |p: [f64; 2]| proj.project(p[0], p[1]);
        let countries_plane: Vec<_> = ds.countries.iter().map(|c| map_coords(&c.geometry, project)).collect();
        let water_plane = ds.water.iter().map(|w| map_coords(&w.geometry, project)).collect();
        let deposits_plane = ds.deposits.iter().map(|d| proj.project(d.lon, d.lat)).collect();
        let deposit_groups = ds.deposits.iter().map(|d| Group::of(d.primary())).collect();
        let labels_plane = ds.countries.iter().map(|c| project(c.label)).collect();
        let country_index = ShapeIndex::new(countries_plane.clone());
        // Counted by borrowed code, copied once per country.
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for d in &ds.deposits {
            *counts.entry(d.country.as_str()).or_insert(0) += 1;
        }
        let deposit_counts = counts.into_iter().map(|(c, n)| (c.to_string(), n)).collect();
        let country_ids = ds.countries.iter().enumerate().map(|(i, c)| (c.iso3.clone(), i)).collect();
        Atlas {
            deposit_ids: OnceLock::new(),
            country_ids,
            ds,
            proj,
            countries_plane,
            water_plane,
            deposits_plane,
            deposit_groups,
            labels_plane,
            country_index,
            search_keys: OnceLock::new(),
            deposit_counts,
        }
    }

    /// The view that fits the region's frame.
    pub fn base_view(&self, width: f64, height: f64) -> View {
        let pad = (width.min(height) * 0.02).clamp(4.0, 24.0);
        View::fit(&self.proj, self.ds.region.frame, width, height, pad)
    }

    /// Indices of the deposits the filter admits.
    pub fn visible(&self, f: &DepositFilter) -> Vec<usize> {
        if f.is_empty() {
            // Every deposit, without reading each record.
            return (0..self.ds.deposits.len()).collect();
        }
        (0..self.ds.deposits.len()).filter(|&i| f.admits(&self.ds.deposits[i])).collect()
    }

    /// The count on every filter option under the filter `f` (see [`OptionCounts`]).
    pub fn option_counts(&self, f: &DepositFilter) -> OptionCounts {
        let mut commodities: HashMap<&str, usize> = HashMap::new();
        let mut countries: HashMap<&str, usize> = HashMap::new();
        let mut statuses: HashMap<&str, usize> = HashMap::new();
        let mut foreign: HashMap<&str, usize> = HashMap::new();
        for d in &self.ds.deposits {
            let [c, k, s, h] = f.matches(d);
            if k && s && h {
                for (j, x) in d.commodities.iter().enumerate() {
                    if !d.commodities[..j].contains(x) {
                        *commodities.entry(x.as_str()).or_insert(0) += 1;
                    }
                }
            }
            if c && s && h {
                *countries.entry(d.country.as_str()).or_insert(0) += 1;
            }
            if c && k && h {
                *statuses.entry(d.status.as_str()).or_insert(0) += 1;
            }
            if c && k && s {
                for &home in Home::ALL.iter().filter(|&&home| d.has_investor_from(home)) {
                    *foreign.entry(home.as_str()).or_insert(0) += 1;
                }
            }
        }
        let owned = |m: HashMap<&str, usize>| m.into_iter().map(|(x, n)| (x.to_string(), n)).collect();
        OptionCounts {
            commodities: owned(commodities),
            countries: owned(countries),
            statuses: owned(statuses),
            foreign: owned(foreign),
        }
    }

    /// An R-tree over the given deposits (rebuilt when the filter changes,
    /// never per pointer event).
    pub fn deposit_index(&self, visible: &[usize]) -> DepositIndex {
        DepositIndex::new(visible.iter().map(|&i| (i, self.deposits_plane[i])))
    }

    pub fn country_at(&self, plane: [f64; 2]) -> Option<usize> {
        self.country_index.at(plane)
    }

    /// The index of the deposit with this id (a hash lookup).
    pub fn deposit_named(&self, id: &str) -> Option<usize> {
        let ids = self
            .deposit_ids
            .get_or_init(|| self.ds.deposits.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect());
        ids.get(id).copied()
    }

    pub fn deposits_in(&self, iso3: &str) -> usize {
        self.deposit_counts.get(iso3).copied().unwrap_or(0)
    }

    /// Deposits whose name (Latin or Cyrillic) or id matches `q`: names that
    /// start with it first, then words that start with it, then substrings.
    pub fn search(&self, q: &str, limit: usize) -> Vec<usize> {
        let q = fold(q.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let keys = self.search_keys.get_or_init(|| {
            self.ds
                .deposits
                .iter()
                .map(|d| {
                    let mut k = vec![fold(&d.name), fold(&d.id.replace('-', " "))];
                    if let Some(ru) = &d.name_ru {
                        k.push(fold(ru));
                    }
                    k
                })
                .collect()
        });
        let mut hits: Vec<(u8, usize)> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, keys)| {
                let rank = keys
                    .iter()
                    .filter_map(|k| {
                        if k.starts_with(&q) {
                            Some(0)
                        } else if k.split_whitespace().any(|w| w.starts_with(&q)) {
                            Some(1)
                        } else if k.contains(&q) {
                            Some(2)
                        } else {
                            None
                        }
                    })
                    .min()?;
                Some((rank, i))
            })
            .collect();
        crate::sort::by(&mut hits, |a, b| {
            a.0.cmp(&b.0).then_with(|| self.ds.deposits[a.1].name.cmp(&self.ds.deposits[b.1].name))
        });
        hits.into_iter().take(limit).map(|(_, i)| i).collect()
    }

    /// The credit lines every picture of this atlas carries: the region's
    /// credit, then what each context layer asks for (GeoNames' CC BY), in the
    /// reader's language. The
    /// page footer, the live map's frame and the export all take them from here.
    pub fn credit_lines(&self, lang: Lang) -> Vec<String> {
        std::iter::once(self.ds.region.credit.get(lang).to_string())
            .chain(self.ds.context.attributions.iter().map(|a| a.get(lang).to_string()))
            .filter(|line| !line.trim().is_empty())
            .collect()
    }

    pub fn country_name(&self, iso3: &str, lang: Lang) -> String {
        if iso3 == self.ds.region.region_code {
            return self.ds.region.region_name.get(lang).to_string();
        }
        if iso3 == "GLOBAL" {
            return crate::i18n::t(lang, crate::i18n::Key::Global).to_string();
        }
        self.country_ids
            .get(iso3)
            .map(|&i| self.ds.countries[i].name(lang).to_string())
            .unwrap_or_else(|| iso3.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    fn atlas() -> Atlas {
        Atlas::new(load::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")).unwrap())
    }

    #[test]
    fn search_matches_latin_cyrillic_and_ranks_prefixes_first() {
        let a = atlas();
        let first = |q: &str| a.search(q, 5).first().map(|&i| a.ds.deposits[i].id.clone());
        assert_eq!(first("Murun").as_deref(), Some("muruntau"));
        assert_eq!(first("мурун").as_deref(), Some("muruntau"));
        assert_eq!(first("KUMTOR").as_deref(), Some("kumtor"));
        assert!(a.search("", 5).is_empty());
        assert!(a.search("zzzz", 5).is_empty());
    }

    #[test]
    fn option_counts_are_what_each_option_alone_would_show() {
        let a = atlas();
        let filters = [
            DepositFilter::default(),
            DepositFilter {
                countries: vec!["KAZ".into()],
                statuses: vec![DepositStatus::Operating],
                ..Default::default()
            },
            DepositFilter {
                commodities: vec!["U".into(), "Au".into()],
                foreign: vec![Home::China],
                ..Default::default()
            },
        ];
        for f in filters {
            let counts = a.option_counts(&f);
            let alone = |set: &dyn Fn(&mut DepositFilter)| {
                let mut g = f.clone();
                set(&mut g);
                a.visible(&g).len()
            };
            let symbols: std::collections::BTreeSet<&str> =
                a.ds.deposits.iter().flat_map(|d| d.commodities.iter().map(String::as_str)).collect();
            for x in symbols {
                let want = alone(&|g| g.commodities = vec![x.to_string()]);
                assert_eq!(counts.commodities.get(x).copied().unwrap_or(0), want, "{x} under {f:?}");
            }
            for x in &a.ds.region.focus {
                let want = alone(&|g| g.countries = vec![x.clone()]);
                assert_eq!(counts.countries.get(x).copied().unwrap_or(0), want, "{x} under {f:?}");
            }
            for &x in DepositStatus::ALL {
                assert_eq!(counts.statuses.get(x.as_str()).copied().unwrap_or(0), alone(&|g| g.statuses = vec![x]));
            }
            for &x in Home::ALL {
                assert_eq!(counts.foreign.get(x.as_str()).copied().unwrap_or(0), alone(&|g| g.foreign = vec![x]));
            }
        }
    }

    #[test]
    fn filters_combine_across_dimensions() {
        let a = atlas();
        let f = DepositFilter { commodities: vec!["U".into()], countries: vec!["KAZ".into()], ..Default::default() };
        let v = a.visible(&f);
        assert!(!v.is_empty());
        assert!(
            v.iter()
                .all(|&i| a.ds.deposits[i].country == "KAZ" && a.ds.deposits[i].commodities.contains(&"U".to_string()))
        );
        let by_hand =
            a.ds.deposits.iter().filter(|d| d.country == "KAZ" && d.commodities.iter().any(|c| c == "U")).count();
        assert_eq!(v.len(), by_hand);
        assert_eq!(a.deposits_in("KAZ"), a.ds.deposits.iter().filter(|d| d.country == "KAZ").count());
        for (i, d) in a.ds.deposits.iter().enumerate() {
            assert_eq!(a.deposit_named(&d.id), Some(i));
        }
        assert_eq!(a.deposit_named("no-such-deposit"), None);
        assert_eq!(a.country_name("KAZ", Lang::En), "Kazakhstan");
    }
}
