//! What pictures and the HTML page show beside the graph: a title line naming the corpus and
//! the filters (so a picture passed around says what it is a picture of) and every alias of
//! each actor (so the page finds "Al Sudani" as well as "Mohammed Shia al-Sudani").

use std::collections::BTreeMap;

use crate::counts::Counts;
use crate::gazetteer::Gazetteer;
use crate::graph::{Filters, Unit};

/// The title and aliases of a picture or page.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// The title line: corpus and filters. Empty: "actorgraph".
    pub title: String,
    /// Every alias of each actor, by actor id.
    pub aliases: BTreeMap<String, Vec<String>>,
}

/// The title line: `actorgraph: <documents> · <unit> co-occurrence · <dates> · <filters>`.
/// It is made from the counts, not from input names, so a graph merged from partials carries
/// the same title (and the same bytes) as one build over the same documents.
pub fn title(counts: &Counts, filters: &Filters) -> String {
    let r = &counts.recipe;
    let mut parts = vec![
        format!("actorgraph: {} document(s)", counts.corpus.documents),
        format!(
            "{} co-occurrence",
            match r.unit {
                Unit::Sentence => "sentence",
                Unit::Paragraph => "paragraph",
                Unit::Document => "document",
            }
        ),
    ];
    if r.group_by == crate::counts::GroupBy::Code {
        parts.push("actors by code".to_owned());
    }
    if let Some(d) = r.since {
        parts.push(format!("since {d}"));
    }
    if let Some(d) = r.until {
        parts.push(format!("until {d}"));
    }
    if filters.min_weight > 1 {
        parts.push(format!("weight ≥ {}", filters.min_weight));
    }
    if let Some(k) = filters.top_edges {
        parts.push(format!("top {k} links"));
    }
    if let Some(t) = &filters.types {
        parts.push(format!("types {}", t.join(", ")));
    }
    if let Some(a) = &filters.actors {
        parts.push(format!("around {}", a.join(", ")));
    }
    parts.join(" · ")
}

/// Every alias of every actor of `gazetteer`, by id (the label is not repeated).
pub fn aliases(gazetteer: &Gazetteer) -> BTreeMap<String, Vec<String>> {
    gazetteer
        .actors()
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                a.aliases.iter().map(|al| al.text.clone()).collect(),
            )
        })
        .collect()
}

/// What `build` and `merge` do to finished counts before writing, in one place so both give
/// the same bytes: drop isolates a filter made, assign communities, title the picture.
#[derive(Debug, Clone, Copy, Default)]
pub struct Finish {
    /// Keep actors a filter left without links.
    pub keep_isolates: bool,
    /// Louvain communities with this seed.
    pub communities: Option<u64>,
}

impl Finish {
    /// The finished graph and what pictures and the page show beside it.
    pub fn apply(
        &self,
        counts: &Counts,
        filters: &Filters,
        gazetteer: Option<&crate::gazetteer::Gazetteer>,
    ) -> (crate::graph::ActorGraph, View) {
        self.apply_by(counts, filters, gazetteer, None)
    }

    /// [`Finish::apply`], with weights per `period` (`build --period`, `merge --period`).
    pub fn apply_by(
        &self,
        counts: &Counts,
        filters: &Filters,
        gazetteer: Option<&crate::gazetteer::Gazetteer>,
        period: Option<crate::period::Period>,
    ) -> (crate::graph::ActorGraph, View) {
        let mut graph = counts.finish_by(filters, period);
        // Actors a filter left without links are dropped (issue 15), unless asked for.
        if !self.keep_isolates && crate::export::isolates::filtering(filters) {
            graph = crate::export::isolates::drop_isolates(
                graph,
                filters.actors.as_deref().unwrap_or(&[]),
            );
        }
        if let Some(seed) = self.communities {
            crate::query::community::assign(&mut graph, seed, 1.0);
        }
        let view = View {
            title: title(counts, filters),
            aliases: gazetteer.map(aliases).unwrap_or_default(),
        };
        (graph, view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_table() {
        let none = Filters::default();
        let counts = |unit, since| {
            let settings = crate::run::Settings {
                unit,
                since,
                ..crate::run::Settings::default()
            };
            let mut c = Counts::new(settings.recipe(&crate::gazetteer::Gazetteer::embedded()));
            c.corpus.documents = 5;
            c
        };
        let cases = [
            (
                counts(Unit::Sentence, None),
                none.clone(),
                "actorgraph: 5 document(s) · sentence co-occurrence",
            ),
            (
                counts(Unit::Paragraph, crate::input::parse_date("2024-01-01")),
                Filters {
                    min_weight: 2,
                    top_edges: Some(15),
                    ..none.clone()
                },
                "actorgraph: 5 document(s) · paragraph co-occurrence · since 2024-01-01 · \
                 weight ≥ 2 · top 15 links",
            ),
        ];
        // A weight of 1, the command line's default, filters nothing and is not named.
        let cases = cases.into_iter().chain([(
            counts(Unit::Sentence, None),
            Filters {
                min_weight: 1,
                ..none.clone()
            },
            "actorgraph: 5 document(s) · sentence co-occurrence",
        )]);
        let mut by_code = counts(Unit::Sentence, None);
        by_code.recipe.group_by = crate::counts::GroupBy::Code;
        let cases = cases.into_iter().chain([(
            by_code,
            none.clone(),
            "actorgraph: 5 document(s) · sentence co-occurrence · actors by code",
        )]);
        for (counts, filters, want) in cases {
            assert_eq!(title(&counts, &filters), want);
        }
    }
}
