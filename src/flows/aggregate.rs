//! Totals per (investor, destination), from the records that pass the filter.
//! Region-wide and global figures form their own groups and are never added
//! into a country.
//!
//! Parts (`part_of`): a record counts only the money that is not recorded in
//! its parts, and each part counts itself, at its own destination and with
//! its own status and years. So a part is never counted twice, wherever it
//! is drawn, and a whole and its parts together never count more than the
//! whole.

use crate::data::{Flow, FlowScope, FlowStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct FlowFilter {
    /// Investor ids to show.
    pub investors: Vec<String>,
    /// Statuses to count.
    pub statuses: Vec<FlowStatus>,
    /// Inclusive year range; a record counts if its period overlaps it.
    pub years: Option<(i32, i32)>,
}

impl FlowFilter {
    pub fn all(investors: &[String]) -> Self {
        FlowFilter { investors: investors.to_vec(), statuses: FlowStatus::ALL.to_vec(), years: None }
    }

    pub fn admits(&self, f: &Flow) -> bool {
        self.investors.contains(&f.investor)
            && self.statuses.contains(&f.status)
            && self.years.is_none_or(|(a, b)| f.overlaps(a, b))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlowGroup {
    pub investor: String,
    pub destination: String,
    pub scope: FlowScope,
    /// Indices into the flow list, in file order.
    pub records: Vec<usize>,
    /// Sum of disclosed amounts (USD) of the admitted records.
    pub total_usd: f64,
    pub realized_usd: f64,
    pub committed_usd: f64,
    pub announced_usd: f64,
    /// Records whose amount was not disclosed.
    pub undisclosed: usize,
    pub year_min: i32,
    pub year_max: i32,
}

impl FlowGroup {
    /// The stable key used in `data-flow` attributes and URLs, e.g. `china-KAZ`.
    pub fn key(&self) -> String {
        format!("{}-{}", self.investor, self.destination)
    }

    /// Money counted as committed in the drawing: committed plus announced.
    pub fn pledged_usd(&self) -> f64 {
        self.committed_usd + self.announced_usd
    }
}

/// The amount a record adds to its group: its own disclosed amount less the
/// disclosed amounts of the records that name it in `part_of` (those count
/// themselves). `None` if the record's amount is undisclosed. Never below 0.
pub fn counted_usd(flows: &[Flow], i: usize) -> Option<f64> {
    let f = &flows[i];
    let parts: f64 =
        flows.iter().filter(|p| p.part_of.as_deref() == Some(f.id.as_str())).filter_map(|p| p.amount_usd).sum();
    f.amount_usd.map(|a| (a - parts).max(0.0))
}

/// Group the admitted records by (investor, destination), sorted by scope,
/// investor, destination.
pub fn aggregate(flows: &[Flow], filter: &FlowFilter) -> Vec<FlowGroup> {
    let mut groups: Vec<FlowGroup> = Vec::new();
    for (i, f) in flows.iter().enumerate().filter(|(_, f)| filter.admits(f)) {
        let pos = groups.iter().position(|g| g.investor == f.investor && g.destination == f.destination);
        let g = match pos {
            Some(p) => &mut groups[p],
            None => {
                groups.push(FlowGroup {
                    investor: f.investor.clone(),
                    destination: f.destination.clone(),
                    scope: f.scope,
                    records: Vec::new(),
                    total_usd: 0.0,
                    realized_usd: 0.0,
                    committed_usd: 0.0,
                    announced_usd: 0.0,
                    undisclosed: 0,
                    year_min: f.year_start,
                    year_max: f.year_end,
                });
                groups.last_mut().expect("just pushed")
            }
        };
        g.records.push(i);
        g.year_min = g.year_min.min(f.year_start);
        g.year_max = g.year_max.max(f.year_end);
        match counted_usd(flows, i) {
            None => g.undisclosed += 1,
            Some(a) => {
                g.total_usd += a;
                match f.status {
                    FlowStatus::Realized => g.realized_usd += a,
                    FlowStatus::Committed => g.committed_usd += a,
                    FlowStatus::Announced => g.announced_usd += a,
                }
            }
        }
    }
    crate::sort::by(&mut groups, |a, b| {
        (a.scope, &a.investor, &a.destination).cmp(&(b.scope, &b.investor, &b.destination))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Confidence;

    pub(crate) fn flow(
        id: &str,
        inv: &str,
        dest: &str,
        usd: Option<f64>,
        status: FlowStatus,
        years: (i32, i32),
    ) -> Flow {
        Flow {
            row: 0,
            id: id.into(),
            investor: inv.into(),
            entity: "E".into(),
            scope: if dest == "CA5" { FlowScope::Region } else { FlowScope::Country },
            destination: dest.into(),
            amount_usd: usd,
            amount_original: None,
            currency: None,
            fx_note: None,
            amount_note: None,
            year_start: years.0,
            year_end: years.1,
            period: String::new(),
            sector: "mining".into(),
            status,
            confidence: Confidence::Confirmed,
            attributed_to: None,
            deposit_ids: vec![],
            part_of: None,
            sources: vec![],
            notes: String::new(),
        }
    }

    fn sample() -> Vec<Flow> {
        use FlowStatus::*;
        vec![
            flow("a", "china", "KAZ", Some(1.5e9), Realized, (2011, 2015)),
            flow("b", "china", "KAZ", Some(0.8e9), Committed, (2019, 2019)),
            flow("c", "china", "KAZ", None, Committed, (2024, 2024)),
            flow("d", "china", "CA5", Some(25e9), Committed, (2025, 2025)),
            flow("e", "eu", "UZB", Some(0.5e9), Announced, (2023, 2023)),
        ]
    }

    #[test]
    fn sums_by_investor_and_destination_and_keeps_region_apart() {
        let g = aggregate(&sample(), &FlowFilter::all(&["china".into(), "eu".into()]));
        let kaz = g.iter().find(|g| g.key() == "china-KAZ").unwrap();
        assert_eq!(kaz.total_usd, 2.3e9);
        assert_eq!(kaz.realized_usd, 1.5e9);
        assert_eq!(kaz.committed_usd, 0.8e9);
        assert_eq!(kaz.undisclosed, 1);
        assert_eq!(kaz.records, vec![0, 1, 2]);
        assert_eq!((kaz.year_min, kaz.year_max), (2011, 2024));
        let region = g.iter().find(|g| g.key() == "china-CA5").unwrap();
        assert_eq!(region.scope, FlowScope::Region);
        assert_eq!(region.total_usd, 25e9);
        // The region figure is not in the country total.
        assert!(kaz.total_usd < 25e9);
    }

    #[test]
    fn filters_by_status_investor_and_years() {
        let all = ["china".to_string(), "eu".to_string()];
        let realized = FlowFilter { statuses: vec![FlowStatus::Realized], ..FlowFilter::all(&all) };
        let g = aggregate(&sample(), &realized);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].total_usd, 1.5e9);

        let eu_only = FlowFilter::all(&["eu".to_string()]);
        let g = aggregate(&sample(), &eu_only);
        assert_eq!(g.len(), 1, "the one EU record forms one group");
        assert!(g.iter().all(|g| g.investor == "eu"));

        let recent = FlowFilter { years: Some((2018, 2020)), ..FlowFilter::all(&all) };
        let g = aggregate(&sample(), &recent);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].records, vec![1]);
    }

    #[test]
    fn a_part_with_the_same_destination_is_listed_and_the_group_total_stays_the_whole() {
        let mut v = sample();
        let mut part = flow("d2", "china", "CA5", Some(5e9), FlowStatus::Committed, (2025, 2025));
        part.part_of = Some("d".into());
        v.push(part);
        let all = FlowFilter::all(&["china".into()]);
        let g = aggregate(&v, &all);
        let region = g.iter().find(|g| g.key() == "china-CA5").unwrap();
        assert_eq!(region.total_usd, 25e9);
        assert_eq!(region.records.len(), 2);
        // Without the whole (filtered out by year), the part still counts.
        v[3].year_start = 2000;
        v[3].year_end = 2000;
        let g = aggregate(&v, &FlowFilter { years: Some((2025, 2025)), ..all });
        assert_eq!(g.iter().find(|g| g.key() == "china-CA5").unwrap().total_usd, 5e9);
    }

    #[test]
    fn a_part_drawn_at_another_destination_is_counted_once_there_and_taken_out_of_its_whole() {
        use FlowStatus::*;
        // A $2.3bn facility signed in KAZ, of which a $148.5m loan went to a
        // Kyrgyz mine and $2,086m was drawn (realized) in KAZ.
        let whole = flow("w", "china", "KAZ", Some(2.3e9), Committed, (2009, 2012));
        let mut kgz = flow("k", "china", "KGZ", Some(148.5e6), Committed, (2009, 2009));
        kgz.part_of = Some("w".into());
        let mut drawn = flow("d", "china", "KAZ", Some(2.086e9), Realized, (2010, 2014));
        drawn.part_of = Some("w".into());
        let v = vec![whole, kgz, drawn];
        let g = aggregate(&v, &FlowFilter::all(&["china".into()]));
        let kaz = g.iter().find(|g| g.key() == "china-KAZ").unwrap();
        let kgz = g.iter().find(|g| g.key() == "china-KGZ").unwrap();
        assert!((kgz.total_usd - 148.5e6).abs() < 1.0, "{}", kgz.total_usd);
        assert!((kaz.realized_usd - 2.086e9).abs() < 1.0, "{}", kaz.realized_usd);
        // 2,300 - 2,086 - 148.5 = 65.5 left as signed but not shown drawn.
        assert!((kaz.committed_usd - 65.5e6).abs() < 1.0, "{}", kaz.committed_usd);
        // Across both arrows, the money adds up to the whole, never more.
        assert!((kaz.total_usd + kgz.total_usd - 2.3e9).abs() < 1.0);
        assert_eq!(kaz.records, vec![0, 2]);
        assert_eq!(kgz.records, vec![1]);
        // A status filter shows the same split: committed only keeps the remainder.
        let committed = FlowFilter { statuses: vec![Committed], ..FlowFilter::all(&["china".into()]) };
        let g = aggregate(&v, &committed);
        let kaz = g.iter().find(|g| g.key() == "china-KAZ").unwrap();
        assert!((kaz.total_usd - 65.5e6).abs() < 1.0, "{}", kaz.total_usd);
    }

    #[test]
    fn an_undisclosed_whole_stays_undisclosed_and_its_disclosed_part_counts() {
        use FlowStatus::*;
        let whole = flow("w", "eu", "UZB", None, Announced, (2024, 2024));
        let mut part = flow("p", "eu", "UZB", Some(1e8), Committed, (2024, 2024));
        part.part_of = Some("w".into());
        let v = vec![whole, part];
        assert_eq!(counted_usd(&v, 0), None);
        assert_eq!(counted_usd(&v, 1), Some(1e8));
        let g = aggregate(&v, &FlowFilter::all(&["eu".into()]));
        assert_eq!((g[0].total_usd, g[0].undisclosed), (1e8, 1));
    }
}
