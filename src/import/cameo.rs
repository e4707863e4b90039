//! Actor types from CAMEO codes: what kind of actor a PETRARCH record names.
//!
//! A CAMEO actor code is a run of 3-letter parts: a country (`IRQ`) or an international kind
//! (`IGO`, `NGO`, `MNC`, `IMG`), then roles (`GOV`, `MIL`, `REB`, ...): `USAGOVMIL` is the US
//! government's military side. Our types drive the relation rules (an affiliation's member is
//! a `person`; "attacked" between two persons is criticism), the `--types` filter and the
//! pictures' colours, so an imported actor gets one, in this order:
//!
//! 1. `state` if a code is a bare country code (`[IRQ]`; a country is a prefix the
//!    dictionaries give a government role, `IRQGOV`, so regions and sectors are not) or a
//!    country with a status role (`IRQOCC` occupied, `UNR` unrecognised, `AUT` autonomous);
//! 2. `person` if a code is dated (a term in office: `[IRQGOV 140908-181025]`) or an elite
//!    role (`ELI`: former officials and public figures, always individuals);
//! 3. else by the first code: `armed_group` (`IMG`, `REB`, `INS`, `SEP`, `UAF`), `military`
//!    (`MIL`), `institution` (`GOV`, `JUD`, `LEG`, `COP`, `SPY`), `media` (`MED`), `company`
//!    (`MNC`), and `organization` for every other kind (`IGO`, `NGO`, parties, business,
//!    civil society, ...);
//! 4. `actor` (unknown) for a record with no code.
//!
//! Undated people coded by their organisation only (a militant coded `[IMGSEAMUSJMA]`) get the
//! organisation's type: the codes do not say more. Measured on the three Phoenix files in
//! `docs/gazetteer.md`.

use std::collections::HashSet;

use crate::gazetteer::Period;

/// The countries of a set of codes: every prefix given a government role (`IRQGOV...`).
pub fn countries<'a>(codes: impl IntoIterator<Item = &'a str>) -> HashSet<&'a str> {
    codes
        .into_iter()
        .filter(|c| c.get(3..6) == Some("GOV"))
        .filter_map(|c| c.get(..3))
        .collect()
}

/// The type of an actor with these codes (see the module documentation).
pub fn actor_type(codes: &[(String, Period)], countries: &HashSet<&str>) -> &'static str {
    let kinds: Vec<&'static str> = codes.iter().map(|(c, _)| code_type(c, countries)).collect();
    if kinds.contains(&"state") {
        "state"
    } else if kinds.contains(&"person") || codes.iter().any(|(_, p)| !p.is_open()) {
        "person"
    } else {
        kinds.first().copied().unwrap_or("actor")
    }
}

/// The type one code gives.
fn code_type(code: &str, countries: &HashSet<&str>) -> &'static str {
    let part = |i: usize| code.get(3 * i..3 * i + 3).unwrap_or("");
    match part(0) {
        "IMG" => "armed_group",
        "MNC" => "company",
        "IGO" | "NGO" => "organization",
        first if countries.contains(first) => match part(1) {
            "" => "state",
            role => role_type(role),
        },
        // A bare role (`[MED]`, `[ELI]`) or a region or sector first (`NAFREB`).
        first => match role_type(first) {
            "organization" => role_type(part(1)),
            t => t,
        },
    }
}

fn role_type(role: &str) -> &'static str {
    match role {
        "OCC" | "UNR" | "AUT" => "state",
        "ELI" => "person",
        "IMG" | "REB" | "INS" | "SEP" | "UAF" => "armed_group",
        "MIL" => "military",
        "GOV" | "JUD" | "LEG" | "COP" | "SPY" => "institution",
        "MED" => "media",
        _ => "organization",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn codes(list: &[(&str, bool)]) -> Vec<(String, Period)> {
        list.iter()
            .map(|&(c, dated)| {
                let p = Period {
                    from: dated.then(|| NaiveDate::from_ymd_opt(2014, 9, 8).unwrap()),
                    until: None,
                };
                (c.to_owned(), p)
            })
            .collect()
    }

    /// (case, codes with whether each is dated, type)
    type Case<'a> = (&'a str, &'a [(&'a str, bool)], &'a str);

    #[test]
    fn types_from_codes() {
        let known = ["IRQGOV", "USAGOVMIL", "ARMGOV", "SYRGOV"];
        let countries = countries(known);
        let cases: &[Case] = &[
            ("a country", &[("IRQ", false)], "state"),
            (
                "a state after Soviet codes",
                &[("USRARM", true), ("ARMUNR", true), ("ARM", true)],
                "state",
            ),
            ("an occupied country", &[("IRQOCC", false)], "state"),
            ("a leader's term", &[("IRQGOV", true)], "person"),
            (
                "a leader: elite, then office",
                &[("IRQELI", false), ("IRQGOV", true)],
                "person",
            ),
            ("an undated elite", &[("CHNELI", false)], "person"),
            ("an IGO official's term", &[("IGOUNO", true)], "person"),
            (
                "an elite with a bare role",
                &[("IGOUNO", false), ("ELI", false)],
                "person",
            ),
            ("the government", &[("USAGOV", false)], "institution"),
            (
                "an intelligence service",
                &[("ISRSPY", false)],
                "institution",
            ),
            (
                "a ministry of defence",
                &[("USAGOVMIL", false)],
                "institution",
            ),
            ("an army", &[("SYRMIL", false)], "military"),
            ("a rebel group", &[("SYRREBMUS", false)], "armed_group"),
            (
                "a regional rebel group",
                &[("NAFREB", false)],
                "armed_group",
            ),
            (
                "a militarised group",
                &[("IMGSEAMUSJMA", false)],
                "armed_group",
            ),
            ("a company", &[("MNCUSA", false)], "company"),
            ("an NGO", &[("NGOHRI", false)], "organization"),
            ("an IGO", &[("IGOUNO", false)], "organization"),
            ("a party", &[("IRQPTY", false)], "organization"),
            ("a newspaper", &[("ISRMED", false)], "media"),
            (
                "a news agency coded by its role",
                &[("MED", false)],
                "media",
            ),
            (
                "a religion code is no country",
                &[("BAH", false)],
                "organization",
            ),
            ("no code", &[], "actor"),
        ];
        for (case, list, want) in cases {
            assert_eq!(actor_type(&codes(list), &countries), *want, "{case}");
        }
    }

    #[test]
    fn countries_are_prefixes_with_a_government() {
        let got = countries(["IRQGOV", "USAGOVMIL", "USAMIL", "MED", "GOV", "NAFREB"]);
        let mut got: Vec<&str> = got.into_iter().collect();
        got.sort_unstable();
        assert_eq!(got, ["IRQ", "USA"]);
    }
}
