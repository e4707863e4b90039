//! Why a graph is empty — no document, no actor, no link — as a value that names the cause
//! and the fix. The CLI prints it and exits with status 1, the Python module warns with it;
//! each names the options as its users write them ([`Spelling`]).

use chrono::NaiveDate;

use crate::counts::Counts;
use crate::graph::{ActorGraph, Filters, Unit};
use crate::input::Diagnostics;

/// Why a finished graph has no link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Empty {
    /// No document was read.
    NoDocuments,
    /// A date window was given and every document is undated.
    AllUndated {
        /// Documents read.
        documents: usize,
        /// The window asked for.
        window: Window,
    },
    /// A date window was given and no dated document falls in it.
    OutsideWindow {
        /// Documents read.
        documents: usize,
        /// Of them, undated.
        undated: usize,
        /// First and last date of the dated ones.
        range: Option<(NaiveDate, NaiveDate)>,
        /// The window asked for.
        window: Window,
    },
    /// No document was counted, and what reading found is not known (counts alone).
    NothingCounted,
    /// `types` left no actor.
    NoActorOfTypes {
        /// The types asked for.
        types: Vec<String>,
        /// Documents counted.
        documents: u64,
    },
    /// The actors of the ego network have no link.
    ActorsUnlinked,
    /// Links were counted; the weight filters left none.
    Filtered {
        /// The minimum weight asked for.
        min_weight: u64,
    },
    /// No actor of the gazetteer was found.
    NoActor {
        /// Documents counted.
        documents: u64,
    },
    /// Actors, but no two in one unit.
    NoLink {
        /// Actors found.
        actors: usize,
        /// The unit of co-occurrence.
        unit: Unit,
        /// The minimum weight asked for.
        min_weight: u64,
        /// Whether boilerplate was linked.
        keep_boilerplate: bool,
    },
}

/// A date window: `since`, `until`.
pub type Window = (Option<NaiveDate>, Option<NaiveDate>);

/// Why `graph`, finished from `counts` with `filters`, is empty; `None` when it has actors
/// and links. `read` is what reading the documents found, when the caller read them.
pub fn why(
    graph: &ActorGraph,
    counts: &Counts,
    filters: &Filters,
    read: Option<&Diagnostics>,
) -> Option<Empty> {
    let nodes = graph.nodes().count();
    if nodes > 0 && graph.edges().count() > 0 {
        return None;
    }
    let recipe = &counts.recipe;
    let counted = counts.corpus.documents;
    if counted == 0 {
        let Some(d) = read else {
            return Some(Empty::NothingCounted);
        };
        if d.documents == 0 {
            return Some(Empty::NoDocuments);
        }
        let window = (recipe.since, recipe.until);
        if window != (None, None) {
            if d.undated == d.documents {
                return Some(Empty::AllUndated {
                    documents: d.documents,
                    window,
                });
            }
            return Some(Empty::OutsideWindow {
                documents: d.documents,
                undated: d.undated,
                range: d.date_range,
                window,
            });
        }
    }
    if nodes == 0 {
        if let Some(types) = &filters.types {
            return Some(Empty::NoActorOfTypes {
                types: types.clone(),
                documents: counted,
            });
        }
        if filters.actors.is_some() {
            return Some(Empty::ActorsUnlinked);
        }
        if filters.min_weight > 1 || filters.top_edges.is_some() {
            return Some(Empty::Filtered {
                min_weight: filters.min_weight,
            });
        }
        return Some(Empty::NoActor { documents: counted });
    }
    Some(Empty::NoLink {
        actors: nodes,
        unit: recipe.unit,
        min_weight: filters.min_weight,
        keep_boilerplate: recipe.keep_boilerplate,
    })
}

/// How the users of a front end write the options a message names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// Command-line flags: `--min-weight 2`.
    Cli,
    /// Python keywords: `min_weight=2`.
    Python,
}

impl Spelling {
    /// An option, with its value if given: `--unit paragraph`, `unit='paragraph'`.
    fn option(self, name: &str, value: Option<&str>) -> String {
        match (self, value) {
            (Spelling::Cli, None) => format!("--{name}"),
            (Spelling::Cli, Some(v)) => format!("--{name} {v}"),
            (Spelling::Python, None) => format!("{}=", name.replace('-', "_")),
            (Spelling::Python, Some(v)) => {
                let quoted = if v.parse::<f64>().is_ok() || v == "True" {
                    v.to_owned()
                } else {
                    format!("'{v}'")
                };
                format!("{}={quoted}", name.replace('-', "_"))
            }
        }
    }
}

impl Empty {
    /// The cause and the fix, in one line, with the options spelt for `spelling`.
    pub fn message(&self, spelling: Spelling) -> String {
        let opt = |name: &str, value: Option<&str>| spelling.option(name, value);
        let window = |(since, until): &Window| {
            let since = since.map(|d| opt("since", Some(&d.to_string())));
            let until = until.map(|d| opt("until", Some(&d.to_string())));
            since.into_iter().chain(until).collect::<Vec<_>>().join(" ")
        };
        match self {
            Empty::NoDocuments => match spelling {
                Spelling::Cli => NO_DOCUMENTS.to_owned(),
                Spelling::Python => "no documents: the input holds none".to_owned(),
            },
            Empty::AllUndated {
                documents,
                window: w,
            } => format!(
                "all {documents} document(s) are undated; {} keeps dated documents only; give \
                 dates with {}",
                window(w),
                match spelling {
                    Spelling::Cli =>
                        "--date-field (JSON Lines, CSV), --date YYYY-MM-DD or a sidecar \
                         actorgraph-meta.json (docs/inputs.md)",
                    Spelling::Python => "a date field in each record (date_field=)",
                }
            ),
            Empty::OutsideWindow {
                documents,
                undated,
                range,
                window: w,
            } => format!(
                "no document is dated within {} ({undated} of {documents} undated; {}); widen \
                 the dates",
                window(w),
                range
                    .map(|(a, b)| format!("the dated ones run from {a} to {b}"))
                    .unwrap_or_default()
            ),
            Empty::NothingCounted => format!(
                "no documents were counted: the inputs hold none, or {}/{} left them all out \
                 (undated documents are left out when either is given)",
                opt("since", None),
                opt("until", None)
            ),
            Empty::NoActorOfTypes { types, documents } => format!(
                "no actor of type {} is mentioned in the {documents} document(s) counted; \
                 check {} ({})",
                types.join(", "),
                opt("types", None),
                match spelling {
                    Spelling::Cli => "`actorgraph gazetteer check` lists the types",
                    Spelling::Python => "Gazetteer.actors() lists them",
                }
            ),
            Empty::ActorsUnlinked => format!(
                "the actors given to {} have no links in these documents; drop {} or name \
                 others",
                opt("actors", None),
                opt("actors", None)
            ),
            Empty::Filtered { min_weight } => format!(
                "no link is left after {} / {}; lower them",
                opt("min-weight", Some(&min_weight.to_string())),
                opt("top-edges", None)
            ),
            Empty::NoActor { documents } => format!(
                "no actor of the gazetteer is mentioned in the {documents} document(s) counted; \
                 check {} or give a gazetteer that names these actors ({})",
                match spelling {
                    Spelling::Cli => "the text field (--text-field)",
                    Spelling::Python => "the texts (text_field=)",
                },
                match spelling {
                    Spelling::Cli => "-g FILE",
                    Spelling::Python => "gazetteer=PATH",
                }
            ),
            Empty::NoLink {
                actors,
                unit,
                min_weight,
                keep_boilerplate,
            } => {
                let unit = match unit {
                    Unit::Sentence => "sentence",
                    Unit::Paragraph => "paragraph",
                    Unit::Document => "document",
                };
                format!(
                    "{actors} actor(s) but no link: no two actors share a {unit}{}; try {} or \
                     {}{}",
                    if *min_weight > 1 {
                        format!(" {min_weight} times ({})", opt("min-weight", None))
                    } else {
                        String::new()
                    },
                    opt("unit", Some("paragraph")),
                    opt("unit", Some("document")),
                    if *keep_boilerplate {
                        String::new()
                    } else {
                        format!(
                            " (boilerplate is not linked: {})",
                            match spelling {
                                Spelling::Cli => opt("keep-boilerplate", None),
                                Spelling::Python => opt("keep-boilerplate", Some("True")),
                            }
                        )
                    }
                )
            }
        }
    }
}

/// What an empty read says on the command line (`build`, `tag`).
pub const NO_DOCUMENTS: &str = "no documents: the inputs hold no .txt, .jsonl, .ndjson, .json, \
     .csv or .tsv file (or .gz or .zst of one); name files or directories that do, or pipe \
     text into standard input";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_in_both_spellings() {
        let day = NaiveDate::from_ymd_opt(2024, 1, 1);
        let no_link = Empty::NoLink {
            actors: 2,
            unit: Unit::Paragraph,
            min_weight: 3,
            keep_boilerplate: true,
        };
        // (value, spelling, message)
        let cases: &[(Empty, Spelling, &str)] = &[
            (
                no_link.clone(),
                Spelling::Cli,
                "2 actor(s) but no link: no two actors share a paragraph 3 times (--min-weight); \
                 try --unit paragraph or --unit document",
            ),
            (
                no_link,
                Spelling::Python,
                "2 actor(s) but no link: no two actors share a paragraph 3 times (min_weight=); \
                 try unit='paragraph' or unit='document'",
            ),
            (
                Empty::AllUndated {
                    documents: 4,
                    window: (day, day),
                },
                Spelling::Python,
                "all 4 document(s) are undated; since='2024-01-01' until='2024-01-01' keeps \
                 dated documents only; give dates with a date field in each record (date_field=)",
            ),
            (
                Empty::Filtered { min_weight: 5 },
                Spelling::Python,
                "no link is left after min_weight=5 / top_edges=; lower them",
            ),
            (
                Empty::NothingCounted,
                Spelling::Cli,
                "no documents were counted: the inputs hold none, or --since/--until left them \
                 all out (undated documents are left out when either is given)",
            ),
        ];
        for (value, spelling, want) in cases {
            assert_eq!(value.message(*spelling), *want, "{value:?}");
        }
    }
}
