//! Time in the outputs: per-period weights (`build --period day|week|month|year`) and the
//! window a saved graph is narrowed to (`query --graph g.json --since ... --until ...`).
//!
//! Everything derives from one field of the counts: the per-day maps of every node and edge
//! (`NodeCounts::days`, `EdgeCounts::days`). A period groups those days into buckets — a day,
//! an ISO 8601 week (Monday to Sunday, numbered as ISO does: 2024-12-30 is in 2025-W01), a
//! calendar month or year — each written with its inclusive first and last day. What was
//! counted in undated documents (the total minus the dated days) is one more bucket,
//! [`UNDATED`], with no start or end, so the buckets of an edge always add up to its weight.
//! The formats and the exactness of a window are written down in `docs/formats.md` and
//! `docs/queries.md`.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::ActorGraph;

/// The label of the bucket that holds what undated documents contributed.
pub const UNDATED: &str = "undated";

/// How days are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// One bucket per day (`2024-02-11`).
    Day,
    /// ISO 8601 weeks, Monday to Sunday (`2024-W06`).
    Week,
    /// Calendar months (`2024-02`).
    Month,
    /// Calendar years (`2024`).
    Year,
}

impl Period {
    /// Every period with its name, as the flag spells it.
    pub const ALL: &'static [(&'static str, Period)] = &[
        ("day", Period::Day),
        ("week", Period::Week),
        ("month", Period::Month),
        ("year", Period::Year),
    ];

    /// The flag value (`day`, `week`, `month`, `year`).
    pub fn name(self) -> &'static str {
        Period::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("day", |(n, _)| n)
    }

    /// The bucket holding `day`: its label and its first and last day (inclusive).
    pub fn bucket(self, day: NaiveDate) -> (String, NaiveDate, NaiveDate) {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar day");
        match self {
            Period::Day => (day.to_string(), day, day),
            Period::Week => {
                let week = day.iso_week();
                let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
                let sunday = monday + Days::new(6);
                (
                    format!("{:04}-W{:02}", week.year(), week.week()),
                    monday,
                    sunday,
                )
            }
            Period::Month => {
                let first = ymd(day.year(), day.month(), 1);
                let next = if day.month() == 12 {
                    ymd(day.year() + 1, 1, 1)
                } else {
                    ymd(day.year(), day.month() + 1, 1)
                };
                (
                    format!("{:04}-{:02}", day.year(), day.month()),
                    first,
                    next - Days::new(1),
                )
            }
            Period::Year => (
                format!("{:04}", day.year()),
                ymd(day.year(), 1, 1),
                ymd(day.year(), 12, 31),
            ),
        }
    }
}

/// What one period contributed to an edge (its weight) or a node (its mentions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    /// `2024-02-11`, `2024-W06`, `2024-02`, `2024`, or [`UNDATED`].
    pub period: String,
    /// First day of the period, inclusive; `null` for the undated bucket.
    pub start: Option<NaiveDate>,
    /// Last day of the period, inclusive; `null` for the undated bucket.
    pub end: Option<NaiveDate>,
    /// Weight (edges) or mentions (nodes; written `mentions`) in the period.
    pub weight: u64,
}

impl Bucket {
    /// True for the bucket of undated documents.
    pub fn is_undated(&self) -> bool {
        self.start.is_none()
    }
}

/// The buckets of a per-day map under `period`, in time order, then the undated bucket when
/// `total` exceeds what the days hold. Empty buckets are not written.
pub fn buckets(period: Period, days: &BTreeMap<NaiveDate, u64>, total: u64) -> Vec<Bucket> {
    let mut out: Vec<Bucket> = Vec::new();
    let mut dated = 0;
    for (&day, &n) in days {
        dated += n;
        let (label, start, end) = period.bucket(day);
        match out.last_mut() {
            // Days are sorted, so a bucket's days are consecutive.
            Some(b) if b.start == Some(start) => b.weight += n,
            _ => out.push(Bucket {
                period: label,
                start: Some(start),
                end: Some(end),
                weight: n,
            }),
        }
    }
    if total > dated {
        out.push(Bucket {
            period: UNDATED.to_owned(),
            start: None,
            end: None,
            weight: total - dated,
        });
    }
    out
}

/// Narrows a graph built with `--period` to the documents dated in `since..=until`, as a build
/// with `--since/--until` would count them (see `docs/queries.md` for what is exact).
///
/// Fails when the graph has no periods (rebuild with `--period day`), and when a bucket with a
/// weight straddles a bound (a month cut in half cannot be split; rebuild with a finer period).
pub fn window(
    graph: &ActorGraph,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Result<ActorGraph> {
    let Some(period) = graph.period else {
        return Err(Error::Usage(
            "--since/--until on a saved graph need its weights per period, and this graph has \
             none; rebuild it with `actorgraph build --period day -o graph.json` (or query the \
             documents with --since/--until)"
                .into(),
        ));
    };
    let inside = |b: &Bucket| -> Result<bool> {
        let (Some(start), Some(end)) = (b.start, b.end) else {
            return Ok(false); // undated documents are outside every window, as in `build`
        };
        let starts_in = since.is_none_or(|s| start >= s) && until.is_none_or(|u| start <= u);
        let ends_in = since.is_none_or(|s| end >= s) && until.is_none_or(|u| end <= u);
        if starts_in != ends_in {
            return Err(Error::Usage(format!(
                "the graph's weights are per {} and {} ({start} to {end}) is cut by \
                 --since/--until; give bounds on period boundaries, or rebuild with `actorgraph \
                 build --period day -o graph.json`",
                period.name(),
                b.period
            )));
        }
        Ok(starts_in)
    };
    let in_window = |d: NaiveDate| since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u);
    let g = &graph.graph;
    let mut nodes = Vec::new();
    let mut index = vec![usize::MAX; g.node_count()];
    for ix in g.node_indices() {
        let mut n = g[ix].clone();
        let mut kept = Vec::new();
        for b in &n.periods {
            if inside(b)? {
                kept.push(b.clone());
            }
        }
        n.mentions = kept.iter().map(|b| b.weight).sum();
        n.periods = kept;
        n.dates.retain(|&d| in_window(d));
        n.first_date = n.dates.first().copied();
        n.last_date = n.dates.last().copied();
        if n.mentions > 0 {
            index[ix.index()] = nodes.len();
            nodes.push(n);
        }
    }
    let mut edges = Vec::new();
    for e in g.edge_indices() {
        let (a, b) = g.edge_endpoints(e).expect("edge exists");
        let mut edge = g[e].clone();
        let mut kept = Vec::new();
        for b in &edge.periods {
            if inside(b)? {
                kept.push(b.clone());
            }
        }
        edge.weight = kept.iter().map(|b| b.weight).sum();
        edge.periods = kept;
        if edge.weight == 0 {
            continue;
        }
        edge.dates.retain(|&d| in_window(d));
        edge.first_date = edge.dates.first().copied();
        edge.last_date = edge.dates.last().copied();
        edge.evidence.retain(|ev| ev.date.is_some_and(in_window));
        if graph.max_evidence.is_none() {
            // All evidence kept: one item per supporting unit, so documents are exact.
            let mut docs: Vec<&str> = edge.evidence.iter().map(|ev| ev.doc.as_str()).collect();
            docs.dedup();
            edge.documents = docs.len() as u64;
        }
        let (ia, ib) = (index[a.index()], index[b.index()]);
        if ia == usize::MAX || ib == usize::MAX {
            continue; // cannot happen for a graph from counts: an edge's actors are mentioned
        }
        edges.push((ia, ib, edge));
    }
    let mut out = ActorGraph::from_parts(
        graph.unit,
        graph.corpus.clone(),
        graph.max_evidence,
        nodes,
        edges,
    );
    out.period = Some(period);
    Ok(out)
}

/// Serde for a node's buckets: the same records with the count named `mentions`.
pub(crate) mod node_buckets {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Bucket;

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NodeBucket {
        period: String,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
        mentions: u64,
    }

    pub fn serialize<S: Serializer>(v: &[Bucket], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|b| NodeBucket {
            period: b.period.clone(),
            start: b.start,
            end: b.end,
            mentions: b.weight,
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Bucket>, D::Error> {
        let v: Vec<NodeBucket> = Vec::deserialize(d)?;
        Ok(v.into_iter()
            .map(|b| Bucket {
                period: b.period,
                start: b.start,
                end: b.end,
                weight: b.mentions,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::input::parse_date(s).unwrap()
    }

    #[test]
    fn bucket_table() {
        // (name, period, day, label, start, end)
        let cases = [
            (
                "day",
                Period::Day,
                "2024-02-11",
                "2024-02-11",
                "2024-02-11",
                "2024-02-11",
            ),
            (
                "iso week, sunday",
                Period::Week,
                "2024-02-11",
                "2024-W06",
                "2024-02-05",
                "2024-02-11",
            ),
            (
                "iso week, monday",
                Period::Week,
                "2024-02-12",
                "2024-W07",
                "2024-02-12",
                "2024-02-18",
            ),
            (
                "week 1 starts in december",
                Period::Week,
                "2024-12-30",
                "2025-W01",
                "2024-12-30",
                "2025-01-05",
            ),
            (
                "week 53 ends in january",
                Period::Week,
                "2021-01-03",
                "2020-W53",
                "2020-12-28",
                "2021-01-03",
            ),
            (
                "leap february",
                Period::Month,
                "2024-02-11",
                "2024-02",
                "2024-02-01",
                "2024-02-29",
            ),
            (
                "december",
                Period::Month,
                "2023-12-31",
                "2023-12",
                "2023-12-01",
                "2023-12-31",
            ),
            (
                "year",
                Period::Year,
                "2024-07-01",
                "2024",
                "2024-01-01",
                "2024-12-31",
            ),
        ];
        for (name, period, day, label, start, end) in cases {
            assert_eq!(
                period.bucket(d(day)),
                (label.to_owned(), d(start), d(end)),
                "{name}"
            );
        }
    }

    #[test]
    fn buckets_add_up_to_the_total_with_an_undated_rest() {
        let days: BTreeMap<NaiveDate, u64> = [
            (d("2024-01-31"), 1),
            (d("2024-02-01"), 2),
            (d("2024-02-29"), 3),
        ]
        .into();
        let got: Vec<(String, u64)> = buckets(Period::Month, &days, 10)
            .into_iter()
            .map(|b| (b.period, b.weight))
            .collect();
        let want = [("2024-01", 1), ("2024-02", 5), (UNDATED, 4)];
        assert_eq!(got, want.map(|(p, w)| (p.to_owned(), w)));
        // No undated rest when the days hold everything.
        assert_eq!(buckets(Period::Year, &days, 6).len(), 1);
    }
}
