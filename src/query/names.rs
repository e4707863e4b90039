//! Actors named on the command line for a filter (`--actors`): ids, labels or aliases, in any
//! case and spelling of dashes and apostrophes, turned into ids before counting is finished.
//!
//! [`super::Resolver`] answers the same question for one node of a finished graph; this one
//! works before there is a graph (from the gazetteer in `build`, from the counts' labels in
//! `merge`, which has no gazetteer) and for a whole list, so that a typo stops the run at
//! once instead of leaving an empty picture.

use std::collections::HashMap;

use crate::counts::Counts;
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::normalize::normalize;

/// How a name was given: lower is preferred when one name fits several actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum By {
    Id,
    Label,
    Alias,
}

/// Every id, label and alias of a set of actors, normalised.
#[derive(Debug, Default)]
pub struct ActorNames {
    /// normalised name -> (how, actor id), several when the name is shared.
    names: HashMap<String, Vec<(By, String)>>,
    /// Whether aliases are known (not from partial counts), for the message.
    aliases: bool,
}

impl ActorNames {
    /// The names of the gazetteer's actors.
    pub fn from_gazetteer(gazetteer: &Gazetteer) -> ActorNames {
        let mut names = ActorNames {
            aliases: true,
            ..ActorNames::default()
        };
        for a in gazetteer.actors() {
            names.add(&a.id, By::Id, &a.id);
            names.add(&a.label, By::Label, &a.id);
            for alias in &a.aliases {
                names.add(&alias.text, By::Alias, &a.id);
            }
        }
        names
    }

    /// The ids and labels of the actors in `counts` (partials carry no aliases).
    pub fn from_counts(counts: &Counts) -> ActorNames {
        let mut names = ActorNames::default();
        for (id, n) in &counts.nodes {
            names.add(id, By::Id, id);
            names.add(&n.label, By::Label, id);
        }
        names
    }

    fn add(&mut self, name: &str, by: By, id: &str) {
        let entry = self.names.entry(key(name)).or_default();
        if !entry.iter().any(|(b, i)| *b == by && i == id) {
            entry.push((by, id.to_owned()));
        }
    }

    /// The id named by `name`: an id first, then a label, then an alias. A name shared by
    /// several actors at the same level is an error that lists them.
    pub fn resolve(&self, name: &str) -> std::result::Result<String, String> {
        let key = key(name);
        let Some(found) = self.names.get(&key) else {
            return Err(format!(
                "no actor is named \"{name}\" (by id, label or alias){}",
                self.suggest(&key)
            ));
        };
        let best = found
            .iter()
            .map(|(b, _)| *b)
            .min()
            .expect("entries are non-empty");
        let mut ids: Vec<&str> = found
            .iter()
            .filter(|(b, _)| *b == best)
            .map(|(_, i)| i.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        match ids[..] {
            [id] => Ok(id.to_owned()),
            _ => Err(format!(
                "\"{name}\" names {} actors ({}); give one of these ids",
                ids.len(),
                ids.join(", ")
            )),
        }
    }

    /// The ids named by `names` for the option `flag`, in the order given, each once.
    pub fn resolve_all(&self, flag: &str, names: &[String]) -> Result<Vec<String>> {
        let mut ids: Vec<String> = Vec::with_capacity(names.len());
        for name in names {
            let id = self
                .resolve(name)
                .map_err(|e| Error::Usage(format!("{flag}: {e}")))?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// "; did you mean …?" with up to three close names, or a hint to list the actors.
    fn suggest(&self, key: &str) -> String {
        let mut scored: Vec<(f64, &str)> = self
            .names
            .iter()
            .flat_map(|(n, ids)| {
                let s = strsim::jaro_winkler(key, n);
                ids.iter().map(move |(_, id)| (s, id.as_str()))
            })
            .filter(|&(s, _)| s >= 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut seen: Vec<&str> = Vec::new();
        for (_, id) in scored {
            if !seen.contains(&id) && seen.len() < 3 {
                seen.push(id);
            }
        }
        if !seen.is_empty() {
            format!("; did you mean {}?", seen.join(", "))
        } else if self.aliases {
            "; give an id, label or alias from the gazetteer (-g FILE, or the embedded \
             gazetteer/actors.json)"
                .to_owned()
        } else {
            "; partial counts know ids and labels only, not aliases".to_owned()
        }
    }
}

/// The form names are compared in: normalised (case, dashes, apostrophes), with a hyphen or
/// dash read as a space ("Al Sudani" names "Al-Sudani") and white space collapsed.
fn key(name: &str) -> String {
    let n = normalize(name.trim());
    n.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(json: &str) -> Gazetteer {
        let src = crate::gazetteer::Source {
            name: "t.json",
            bytes: json.as_bytes(),
        };
        Gazetteer::from_sources(&[src]).unwrap().0
    }

    fn gazetteer() -> Gazetteer {
        load(
            r#"{"actors": [
                {"id": "sudani", "label": "Mohammed Shia al-Sudani", "type": "person",
                 "aliases": ["Al-Sudani", "Sudani"]},
                {"id": "pmf", "label": "Popular Mobilization Forces", "type": "armed_group",
                 "aliases": ["PMF", "Hashd"]},
                {"id": "hashd", "label": "Hashd Media", "type": "media", "aliases": []},
                {"id": "us", "label": "United States", "type": "state", "aliases": ["U.S."]},
                {"id": "usa_army", "label": "US Army", "type": "armed_group", "aliases": []}
            ]}"#,
        )
    }

    #[test]
    fn names_resolve_by_id_then_label_then_alias() {
        let names = ActorNames::from_gazetteer(&gazetteer());
        // (typed, expected id or the start of the error)
        let cases: [(&str, std::result::Result<&str, &str>); 9] = [
            ("sudani", Ok("sudani")),
            ("Al Sudani", Ok("sudani")),
            ("AL‐SUDANI", Ok("sudani")),
            ("mohammed shia al-sudani", Ok("sudani")),
            ("PMF", Ok("pmf")),
            ("  pmf ", Ok("pmf")),
            // An id beats an alias: "hashd" is pmf's alias and the id of another actor.
            ("hashd", Ok("hashd")),
            ("U.S.", Ok("us")),
            (
                "sudanni",
                Err("no actor is named \"sudanni\" (by id, label or alias); did you mean sudani?"),
            ),
        ];
        for (typed, want) in cases {
            assert_eq!(
                names.resolve(typed).as_deref().map_err(String::as_str),
                want,
                "{typed}"
            );
        }
    }

    #[test]
    fn a_shared_name_is_refused_with_every_claimant() {
        // Two actors of one (merged, --ambiguous skip) corpus may share a label.
        let mut names = ActorNames::default();
        names.add("a", By::Id, "a");
        names.add("Georgia", By::Label, "a");
        names.add("b", By::Id, "b");
        names.add("Georgia", By::Label, "b");
        assert_eq!(
            names.resolve("georgia"),
            Err("\"georgia\" names 2 actors (a, b); give one of these ids".to_owned())
        );
        assert_eq!(names.resolve("b"), Ok("b".to_owned()));
    }

    #[test]
    fn with_nothing_close_the_message_says_what_names_are_known() {
        let from_gazetteer = ActorNames::from_gazetteer(&gazetteer());
        assert_eq!(
            from_gazetteer.resolve("zzzz"),
            Err(
                "no actor is named \"zzzz\" (by id, label or alias); give an id, label or \
                 alias from the gazetteer (-g FILE, or the embedded gazetteer/actors.json)"
                    .to_owned()
            )
        );
        // Partial counts carry ids and labels, not aliases.
        let mut from_counts = ActorNames::default();
        from_counts.add("sudani", By::Id, "sudani");
        assert_eq!(
            from_counts.resolve("zzzz"),
            Err(
                "no actor is named \"zzzz\" (by id, label or alias); partial counts know ids \
                 and labels only, not aliases"
                    .to_owned()
            )
        );
    }

    #[test]
    fn at_most_three_close_names_are_suggested() {
        let mut names = ActorNames::default();
        for id in ["sudan", "sudani", "sudanese", "sudano", "sudana"] {
            names.add(id, By::Id, id);
        }
        let err = names.resolve("sudanx").unwrap_err();
        let list = err.split("did you mean ").nth(1).unwrap();
        assert_eq!(list.trim_end_matches('?').split(", ").count(), 3, "{err}");
    }

    #[test]
    fn a_list_keeps_the_order_given_and_each_actor_once() {
        let names = ActorNames::from_gazetteer(&gazetteer());
        let got = names
            .resolve_all("--actors", &["PMF".into(), "Sudani".into(), "pmf".into()])
            .unwrap();
        assert_eq!(got, ["pmf", "sudani"]);
        let err = names
            .resolve_all("--actors", &["PMF".into(), "nobody".into()])
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("--actors: no actor is named \"nobody\""),
            "{err}"
        );
    }
}
