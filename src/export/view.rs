//! What pictures and the HTML page show beside the graph: a title line naming the corpus and
//! the filters (so a picture passed around says what it is a picture of) and every alias of
//! each actor (so the page finds "Al Sudani" as well as "Mohammed Shia al-Sudani").

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::gazetteer::Gazetteer;
use crate::graph::{BuildOptions, Filters, Unit};

/// The title and aliases of a picture or page.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// The title line: corpus and filters. Empty: "actorgraph".
    pub title: String,
    /// Every alias of each actor, by actor id.
    pub aliases: BTreeMap<String, Vec<String>>,
}

/// The title line: `actorgraph: <inputs> · <unit> co-occurrence · <filters>`. Inputs are
/// sorted, at most three named; no inputs means the embedded sample articles.
pub fn title(inputs: &[PathBuf], options: &BuildOptions, filters: &Filters) -> String {
    let corpus = if inputs.is_empty() {
        "the sample articles (seeds/)".to_string()
    } else {
        // Sorted: the graph does not depend on input order, so neither does its title.
        let names: std::collections::BTreeSet<String> =
            inputs.iter().map(|p| p.display().to_string()).collect();
        let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
        match names.len() {
            0..=3 => shown.join(", "),
            n => format!("{} and {} more", shown.join(", "), n - 3),
        }
    };
    let mut parts = vec![
        format!("actorgraph: {corpus}"),
        format!(
            "{} co-occurrence",
            match options.unit {
                Unit::Sentence => "sentence",
                Unit::Paragraph => "paragraph",
                Unit::Document => "document",
            }
        ),
    ];
    if let Some(d) = options.since {
        parts.push(format!("since {d}"));
    }
    if let Some(d) = options.until {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_table() {
        let none = Filters::default();
        let cases = [
            (
                vec![],
                BuildOptions::default(),
                none.clone(),
                "actorgraph: the sample articles (seeds/) · sentence co-occurrence",
            ),
            (
                vec![PathBuf::from("news.jsonl")],
                BuildOptions {
                    unit: Unit::Paragraph,
                    since: crate::input::parse_date("2024-01-01"),
                    ..BuildOptions::default()
                },
                Filters {
                    min_weight: 2,
                    top_edges: Some(15),
                    ..none.clone()
                },
                "actorgraph: news.jsonl · paragraph co-occurrence · since 2024-01-01 · \
                 weight ≥ 2 · top 15 links",
            ),
        ];
        let many: Vec<PathBuf> = ["e", "d", "c", "b", "a"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(
            title(&many, &BuildOptions::default(), &none),
            "actorgraph: a, b, c and 2 more · sentence co-occurrence"
        );
        for (inputs, options, filters, want) in cases {
            assert_eq!(title(&inputs, &options, &filters), want);
        }
    }
}
