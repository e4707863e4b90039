//! `actorgraph query`: questions asked of a saved graph or of documents.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use actorgraph::export::json;
use actorgraph::gazetteer::Gazetteer;
use actorgraph::graph::{ActorGraph, Evidence};
use actorgraph::input::Diagnostics;
use actorgraph::output::Output;
use actorgraph::period;
use actorgraph::query::rank::{self, Centrality};
use actorgraph::query::{self, community, path, relations, stats, Resolver};
use actorgraph::{Error, Result};

use super::build::{build_graph, EdgesArg, GraphArgs};
use super::{table, CorpusArgs};

#[derive(Args)]
#[command(subcommand_precedence_over_arg = true)]
pub struct QueryArgs {
    /// Load a saved graph (from `actorgraph build -o graph.json`) instead of reading documents.
    #[arg(long, value_name = "FILE", global = true)]
    graph: Option<PathBuf>,
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    build: GraphArgs,
    /// Print JSON (schemas in docs/queries.md) instead of a table.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    question: Question,
}

#[derive(Subcommand)]
enum Question {
    /// Every actor co-mentioned with ACTOR, heaviest link first.
    Neighbors {
        /// An actor id, label or alias, in any case.
        actor: String,
        /// Print the supporting sentences under each neighbour.
        #[arg(long)]
        evidence: bool,
    },
    /// Whom ACTOR met: `meet` relations that are facts and not negated, with their sentences
    /// (documents are read with --edges both; a saved graph needs to have been built so).
    WhoMet {
        /// An actor id, label or alias, in any case.
        actor: String,
        /// Print the supporting sentences under each actor met.
        #[arg(long)]
        evidence: bool,
    },
    /// ACTOR's typed relations (meet, attack, ...; documents are read with --edges both; a
    /// saved graph needs to have been built so).
    Relations {
        /// An actor id, label or alias, in any case.
        actor: String,
        /// Only this relation type.
        #[arg(long = "type", value_name = "TYPE")]
        kind: Option<String>,
        /// Only relations going out of ACTOR, into it, or both (symmetric types always).
        #[arg(long, value_enum, default_value_t = DirectionArg::Both)]
        direction: DirectionArg,
        /// Print the supporting sentences under each relation.
        #[arg(long)]
        evidence: bool,
    },
    /// Every sentence in which A and B occur together.
    Evidence {
        /// First actor.
        a: String,
        /// Second actor.
        b: String,
    },
    /// The shortest chain (hops) and the strongest chain (cost 1/weight) from A to B.
    Path {
        /// Start actor.
        a: String,
        /// End actor.
        b: String,
    },
    /// Actors ranked by a centrality.
    Top {
        /// The centrality.
        #[arg(long, value_enum, default_value_t = By::Degree)]
        by: By,
        /// How many actors to list.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Weighted betweenness (length 1/weight) and eigenvector centrality.
        #[arg(long)]
        weighted: bool,
    },
    /// Modularity communities (Louvain, seeded, deterministic).
    Communities {
        /// Seed for the node order.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Resolution: above 1 gives more, smaller communities.
        #[arg(long, default_value_t = 1.0)]
        resolution: f64,
    },
    /// Corpus and network summary.
    Stats {
        /// How many top actors and pairs to list.
        #[arg(long, default_value_t = 5)]
        top: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DirectionArg {
    In,
    Out,
    Both,
}

#[derive(Clone, Copy, ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
enum By {
    Degree,
    WeightedDegree,
    Betweenness,
    Pagerank,
    Eigenvector,
}

impl By {
    fn centrality(self) -> Centrality {
        match self {
            By::Degree => Centrality::Degree,
            By::WeightedDegree => Centrality::WeightedDegree,
            By::Betweenness => Centrality::Betweenness,
            By::Pagerank => Centrality::Pagerank,
            By::Eigenvector => Centrality::Eigenvector,
        }
    }
}

/// Loads or builds the graph, with the gazetteer used to resolve names and, when the graph
/// was built here, the tagger that built it.
fn load(args: &QueryArgs, diag: &mut Diagnostics) -> Result<(ActorGraph, Gazetteer)> {
    let (mut graph, gazetteer) = match &args.graph {
        Some(path) => {
            let conflicting = [
                (!args.corpus.inputs.is_empty(), "documents"),
                (args.build.unit.is_some(), "--unit"),
                (args.build.top_edges.is_some(), "--top-edges"),
                (args.build.types.is_some(), "--types"),
                (args.build.actors.is_some(), "--actors"),
                (args.build.lexicon.is_some(), "--lexicon"),
                (args.build.edges.is_some(), "--edges"),
            ];
            if let Some((_, what)) = conflicting.iter().find(|c| c.0) {
                return Err(Error::Usage(format!(
                    "{what} cannot be combined with --graph (the graph is already built); query \
                     the documents instead, or build the graph with {what}"
                )));
            }
            let bytes = std::fs::read(path).map_err(|e| Error::Io {
                path: path.clone(),
                source: e,
            })?;
            let mut graph = json::read(&path.display().to_string(), &bytes)?;
            if args.build.since.is_some() || args.build.until.is_some() {
                // Exact where the saved periods allow (docs/queries.md), else refused.
                graph = period::window(&graph, args.build.since, args.build.until)?;
            }
            (graph, args.corpus.gazetteer()?)
        }
        None => {
            let b = build_graph(&args.corpus, &args.build, None, diag)?;
            (b.graph, b.gazetteer)
        }
    };
    if args.build.min_weight > 1 {
        graph.drop_edges_below(args.build.min_weight);
    }
    Ok((graph, gazetteer))
}

pub fn run(mut args: QueryArgs) -> Result<ExitCode> {
    let typed = matches!(
        args.question,
        Question::WhoMet { .. } | Question::Relations { .. }
    );
    if typed && args.graph.is_none() && args.build.edges.is_none() {
        // The question needs typed relations, and this run counts them itself.
        args.build.edges = Some(EdgesArg::Both);
    }
    let mut diag = Diagnostics::default();
    let (graph, gazetteer) = load(&args, &mut diag)?;
    let resolver = Resolver::new(&graph, Some(&gazetteer));
    let typed_actor = match &args.question {
        Question::WhoMet { actor, .. } | Question::Relations { actor, .. } => Some(actor),
        _ => None,
    };
    if let Some(actor) = typed_actor {
        // An unknown name is the more specific error (status 2) and comes first.
        resolver.resolve(actor)?;
    }
    if typed_actor.is_some() && !relations::has_relations(&graph) {
        eprintln!(
            "actorgraph: this graph has co-mention edges only, so it cannot say who met whom; \
             build it with --edges relations (or --edges both) and ask again"
        );
        return Ok(ExitCode::from(1));
    }
    let mut out = Output::stdout();
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let hl = Highlighter { color };
    let res = answer(&args, &graph, &resolver, &hl, &mut out);
    res.and_then(|()| out.commit())?;
    Ok(super::finish(&diag))
}

fn to_json<T: Serialize>(w: &mut dyn Write, v: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *w, v).map_err(|e| Error::io("<stdout>", e.into()))?;
    writeln!(w).map_err(|e| Error::io("<stdout>", e))
}

fn io(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn answer(
    args: &QueryArgs,
    graph: &ActorGraph,
    resolver: &Resolver,
    hl: &Highlighter,
    w: &mut dyn Write,
) -> Result<()> {
    let g = &graph.graph;
    match &args.question {
        Question::Neighbors { actor, evidence } => {
            let a = resolver.resolve(actor)?;
            let rows = query::neighbors(graph, a, 1, *evidence);
            if args.json {
                return to_json(w, &serde_json::json!({"actor": g[a].id, "neighbors": rows}));
            }
            writeln!(
                w,
                "{} ({}): {} neighbour(s)",
                g[a].label,
                g[a].id,
                rows.len()
            )
            .map_err(io)?;
            let header = [
                "id", "label", "type", "weight", "docs", "npmi", "first", "last",
            ];
            if !*evidence {
                let cells: Vec<Vec<String>> = rows.iter().map(neighbor_row).collect();
                return table::write(w, &header, &cells).map_err(io);
            }
            for n in &rows {
                table::write(w, &header, &[neighbor_row(n)]).map_err(io)?;
                for ev in &n.evidence {
                    writeln!(w, "    {}", hl.evidence(ev)).map_err(io)?;
                }
                writeln!(w).map_err(io)?;
            }
            Ok(())
        }
        Question::WhoMet { actor, evidence } => {
            let a = resolver.resolve(actor)?;
            let rows = relations::who_met(graph, a);
            if args.json {
                return to_json(w, &serde_json::json!({"actor": g[a].id, "met": rows}));
            }
            writeln!(
                w,
                "{} ({}) met {} actor(s)",
                g[a].label,
                g[a].id,
                rows.len()
            )
            .map_err(io)?;
            write_relations(w, &rows, *evidence, hl)
        }
        Question::Relations {
            actor,
            kind,
            direction,
            evidence,
        } => {
            let a = resolver.resolve(actor)?;
            let dir = match direction {
                DirectionArg::In => relations::Direction::In,
                DirectionArg::Out => relations::Direction::Out,
                DirectionArg::Both => relations::Direction::Both,
            };
            let rows = relations::relations(graph, a, kind.as_deref(), dir);
            if args.json {
                return to_json(w, &serde_json::json!({"actor": g[a].id, "relations": rows}));
            }
            writeln!(
                w,
                "{} ({}): {} relation(s)",
                g[a].label,
                g[a].id,
                rows.len()
            )
            .map_err(io)?;
            write_relations(w, &rows, *evidence, hl)
        }
        Question::Evidence { a, b } => {
            let (a, b) = (resolver.resolve(a)?, resolver.resolve(b)?);
            let evs = query::evidence(graph, a, b).unwrap_or(&[]);
            if args.json {
                return to_json(
                    w,
                    &serde_json::json!({"a": g[a].id, "b": g[b].id, "evidence": evs}),
                );
            }
            if evs.is_empty() {
                writeln!(
                    w,
                    "{} and {} never occur in the same unit",
                    g[a].id, g[b].id
                )
                .map_err(io)?;
                return Ok(());
            }
            for ev in evs {
                writeln!(w, "{}", hl.evidence(ev)).map_err(io)?;
            }
            if graph.max_evidence.is_some_and(|m| evs.len() >= m) {
                writeln!(w, "(the graph keeps at most {} per link)", evs.len()).map_err(io)?;
            }
            Ok(())
        }
        Question::Path { a, b } => {
            let (ia, ib) = (resolver.resolve(a)?, resolver.resolve(b)?);
            let short = path::shortest_hops(graph, ia, ib);
            let strong = path::strongest(graph, ia, ib);
            if args.json {
                return to_json(
                    w,
                    &serde_json::json!({"a": g[ia].id, "b": g[ib].id, "connected": short.is_some(),
                                        "shortest": short, "strongest": strong}),
                );
            }
            let (Some(short), Some(strong)) = (short, strong) else {
                writeln!(
                    w,
                    "{} and {} are not connected ({} is in a component of {} actor(s), {} in one of {})",
                    g[ia].id,
                    g[ib].id,
                    g[ia].id,
                    path::component_size(graph, ia),
                    g[ib].id,
                    path::component_size(graph, ib)
                )
                .map_err(io)?;
                return Ok(());
            };
            for (name, c) in [("shortest", &short), ("strongest", &strong)] {
                writeln!(
                    w,
                    "{name}: {} ({} hop(s), cost {:.3})",
                    c.actors.join(" — "),
                    c.hops.len(),
                    c.cost
                )
                .map_err(io)?;
                for h in &c.hops {
                    writeln!(w, "  {} — {}  weight {}", h.from, h.to, h.weight).map_err(io)?;
                    if let Some(ev) = &h.evidence {
                        writeln!(w, "    {}", hl.evidence(ev)).map_err(io)?;
                    }
                }
            }
            Ok(())
        }
        Question::Top {
            by,
            limit,
            weighted,
        } => {
            let rows = rank::top(graph, by.centrality(), *limit, *weighted);
            if args.json {
                return to_json(
                    w,
                    &serde_json::json!({"by": by, "weighted": weighted, "actors": rows}),
                );
            }
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let score = if by.centrality().is_count() {
                        format!("{}", r.score)
                    } else {
                        format!("{:.4}", r.score)
                    };
                    vec![
                        r.rank.to_string(),
                        table::cell(r.id),
                        table::cell(r.label),
                        table::cell(r.kind),
                        score,
                    ]
                })
                .collect();
            table::write(w, &["rank", "id", "label", "type", "score"], &cells).map_err(io)
        }
        Question::Communities { seed, resolution } => {
            let c = community::louvain(graph, *seed, *resolution);
            let groups = rank::groups(graph, &c);
            if args.json {
                return to_json(
                    w,
                    &serde_json::json!({"seed": seed, "resolution": resolution,
                                        "modularity": c.modularity, "communities": groups}),
                );
            }
            writeln!(w, "{} communities, modularity {:.4}", c.count, c.modularity).map_err(io)?;
            let cells: Vec<Vec<String>> = groups
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    vec![
                        i.to_string(),
                        m.len().to_string(),
                        table::cell(&m.join(", ")),
                    ]
                })
                .collect();
            table::write(w, &["community", "size", "actors"], &cells).map_err(io)
        }
        Question::Stats { top } => {
            let s = stats::stats(graph, *top);
            if args.json {
                return to_json(w, &s);
            }
            let mut rows = vec![
                vec!["documents".into(), s.documents.to_string()],
                vec!["sentences".into(), s.sentences.to_string()],
                vec!["mentions".into(), s.mentions.to_string()],
            ];
            // Only when there are some, so tables of corpora without roles keep their lines.
            for (role, n) in &s.unresolved_roles {
                rows.push(vec![format!("unresolved {role}"), n.to_string()]);
            }
            rows.extend([
                vec!["actors".into(), s.actors.to_string()],
                vec!["edges".into(), s.edges.to_string()],
            ]);
            if s.relations > 0 {
                rows.push(vec!["typed relations".into(), s.relations.to_string()]);
            }
            rows.extend([
                vec!["density".into(), format!("{:.4}", s.density)],
                vec!["components".into(), s.components.to_string()],
                vec!["largest component".into(), s.largest_component.to_string()],
            ]);
            table::write(w, &["figure", "value"], &rows).map_err(io)?;
            writeln!(w, "\ntop actors").map_err(io)?;
            let cells: Vec<Vec<String>> = s
                .top_actors
                .iter()
                .map(|(id, label, m)| vec![table::cell(id), table::cell(label), m.to_string()])
                .collect();
            table::write(w, &["id", "label", "mentions"], &cells).map_err(io)?;
            writeln!(w, "\ntop pairs").map_err(io)?;
            let cells: Vec<Vec<String>> = s
                .top_pairs
                .iter()
                .map(|(a, b, wt)| vec![table::cell(a), table::cell(b), wt.to_string()])
                .collect();
            table::write(w, &["source", "target", "weight"], &cells).map_err(io)
        }
    }
}

fn write_relations(
    w: &mut dyn Write,
    rows: &[relations::RelationRow],
    evidence: bool,
    hl: &Highlighter,
) -> Result<()> {
    let header = [
        "relation", "dir", "id", "label", "weight", "facts", "negated", "planned", "role",
    ];
    let row = |r: &relations::RelationRow| -> Vec<String> {
        let dir = match r.direction {
            relations::Direction::Out => "out",
            relations::Direction::In => "in",
            relations::Direction::Both => "both",
        };
        vec![
            r.relation.clone(),
            dir.to_owned(),
            r.id.clone(),
            r.label.clone(),
            r.weight.to_string(),
            r.facts.to_string(),
            r.negated.to_string(),
            r.planned.to_string(),
            r.role.clone().unwrap_or_default(),
        ]
    };
    if !evidence {
        let cells: Vec<Vec<String>> = rows.iter().map(row).collect();
        return table::write(w, &header, &cells).map_err(io);
    }
    for r in rows {
        table::write(w, &header, &[row(r)]).map_err(io)?;
        for ev in &r.evidence {
            writeln!(w, "    {}", hl.evidence(ev)).map_err(io)?;
        }
        writeln!(w).map_err(io)?;
    }
    Ok(())
}

fn neighbor_row(n: &query::Neighbor) -> Vec<String> {
    vec![
        table::cell(&n.id),
        table::cell(&n.label),
        table::cell(&n.kind),
        n.weight.to_string(),
        n.documents.to_string(),
        f3(n.npmi),
        date(n.first_date),
        date(n.last_date),
    ]
}

/// Prints evidence lines, with the two actors' mentions (and a relation's cue) in bold colour
/// on a terminal. The spans come with the evidence: nothing is tagged again.
struct Highlighter {
    color: bool,
}

impl Highlighter {
    fn evidence(&self, ev: &Evidence) -> String {
        let head = match ev.date {
            Some(d) => format!(
                "{} ({d}) #{} [{}..{}]",
                ev.doc, ev.sentence, ev.start, ev.end
            ),
            None => format!("{} #{} [{}..{}]", ev.doc, ev.sentence, ev.start, ev.end),
        };
        if !self.color {
            return format!("{head}: {}", table::cell(&ev.text));
        }
        format!("{head}: {}", highlight(ev))
    }
}

/// The evidence text with its mention and cue spans (document offsets) in bold red; spans
/// outside the quoted text (or not on character boundaries) are left plain.
fn highlight(ev: &Evidence) -> String {
    let mut spans: Vec<(usize, usize)> = [
        Some((ev.source_start, ev.source_end)),
        Some((ev.target_start, ev.target_end)),
        ev.cue_start.zip(ev.cue_end),
    ]
    .into_iter()
    .flatten()
    .filter(|&(s, e)| ev.start <= s && s < e && e <= ev.end)
    .map(|(s, e)| (s - ev.start, e - ev.start))
    .filter(|&(s, e)| ev.text.is_char_boundary(s) && ev.text.is_char_boundary(e))
    .collect();
    spans.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (s, e) in spans {
        if s < at {
            continue;
        }
        out.push_str(&table::cell(&ev.text[at..s]));
        out.push_str("\x1b[1;31m");
        out.push_str(&table::cell(&ev.text[s..e]));
        out.push_str("\x1b[0m");
        at = e;
    }
    out.push_str(&table::cell(&ev.text[at..]));
    out
}
