//! Periods of validity: who holds a role, which code an actor carries, on a given day.
//!
//! Both ends are inclusive and either may be open. A handover day belongs to the incoming
//! holder, so the outgoing holder's `until` is the day before; two periods that share a day
//! overlap, and overlapping holders of one role are an error (see `docs/roles.md`).

use chrono::NaiveDate;

/// A span of days, both ends inclusive; `None` is an open end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Period {
    /// First day, inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub until: Option<NaiveDate>,
}

impl Period {
    /// Does the period include `day`?
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }

    /// Is this the period with both ends open (an undated code)?
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// Do the two periods share at least one day?
    pub fn overlaps(&self, other: &Period) -> bool {
        let starts_before_other_ends = match (self.from, other.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        let other_starts_before_self_ends = match (other.from, self.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_self_ends
    }

    /// The first day two overlapping periods share (`None` when both start open).
    pub fn first_shared_day(&self, other: &Period) -> Option<NaiveDate> {
        match (self.from, other.from) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Parses an ISO date `YYYY-MM-DD` (the only form the gazetteer accepts).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        parse_iso_date(s)
    }

    fn p(from: &str, until: &str) -> Period {
        Period {
            from: d(from),
            until: d(until),
        }
    }

    #[test]
    fn contains_table() {
        // (name, period, day, expected)
        let cases = [
            (
                "first day inclusive",
                p("2020-05-07", "2022-10-26"),
                "2020-05-07",
                true,
            ),
            (
                "last day inclusive",
                p("2020-05-07", "2022-10-26"),
                "2022-10-26",
                true,
            ),
            (
                "day after",
                p("2020-05-07", "2022-10-26"),
                "2022-10-27",
                false,
            ),
            (
                "day before",
                p("2020-05-07", "2022-10-26"),
                "2020-05-06",
                false,
            ),
            ("open end", p("2022-10-27", ""), "2031-01-01", true),
            ("open start", p("", "2020-05-06"), "1999-01-01", true),
            (
                "leap day",
                p("2024-02-29", "2024-02-29"),
                "2024-02-29",
                true,
            ),
        ];
        for (name, period, day, expected) in cases {
            assert_eq!(period.contains(d(day).unwrap()), expected, "{name}");
        }
    }

    #[test]
    fn overlap_table() {
        let cases = [
            (
                "handover done right",
                p("2018-10-25", "2020-05-06"),
                p("2020-05-07", ""),
                false,
            ),
            (
                "shared handover day",
                p("2018-10-25", "2020-05-07"),
                p("2020-05-07", ""),
                true,
            ),
            (
                "open start and open end",
                p("", "2020-01-01"),
                p("2019-01-01", ""),
                true,
            ),
            (
                "disjoint",
                p("2001-01-01", "2001-12-31"),
                p("2003-01-01", "2003-12-31"),
                false,
            ),
            ("both fully open", p("", ""), p("", ""), true),
        ];
        for (name, a, b, expected) in cases {
            assert_eq!(a.overlaps(&b), expected, "{name}");
            assert_eq!(b.overlaps(&a), expected, "{name} (swapped)");
        }
    }

    #[test]
    fn iso_dates_only() {
        for (input, ok) in [
            ("2024-02-11", true),
            ("2024-2-11", false),
            ("2024-02-30", false),
            ("20240211", false),
            ("2024-02-11T00:00:00Z", false),
        ] {
            assert_eq!(parse_iso_date(input).is_some(), ok, "{input}");
        }
    }
}
