//! Pictures and the HTML view (issue 15), checked on what is drawn: DOT rendered by plain
//! Graphviz and read back as geometry (`dot -Tjson`), isolates after filters, the legend and
//! community colours, and the HTML page's safety. The page in a real browser is checked by
//! `tests/browser/view.mjs` (run by tests/run.sh).

mod util;

#[allow(dead_code)]
#[path = "../examples/synthetic_view.rs"]
mod synthetic;

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use actorgraph::export::{self, style, Format, View};
use actorgraph::graph::{ActorGraph, CorpusStats, Edge, Evidence, Node, Unit};
use serde_json::Value;
use util::{root, run_in, tempdir};

/// Runs Graphviz's plain `dot` (no engine flag: the file names its layout) on `dot`.
fn graphviz(dot: &[u8], format: &str) -> Vec<u8> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` (installed by tests/run.sh)");
    let mut stdin = child.stdin.take().unwrap();
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "dot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn dot_of(graph: &ActorGraph) -> Vec<u8> {
    let mut out = Vec::new();
    export::write(graph, Format::Dot, &mut out).unwrap();
    out
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// The outline Graphviz drew for a node.
enum Outline {
    Ellipse { cx: f64, cy: f64, rx: f64, ry: f64 },
    Polygon(Vec<[f64; 2]>),
}

impl Outline {
    fn of(node: &Value) -> Outline {
        for op in node["_draw_"].as_array().unwrap() {
            match op["op"].as_str().unwrap() {
                "e" | "E" => {
                    let r = floats(&op["rect"]);
                    return Outline::Ellipse {
                        cx: r[0],
                        cy: r[1],
                        rx: r[2],
                        ry: r[3],
                    };
                }
                "p" | "P" => {
                    return Outline::Polygon(
                        op["points"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|p| {
                                let p = floats(p);
                                [p[0], p[1]]
                            })
                            .collect(),
                    )
                }
                _ => {}
            }
        }
        panic!("node without an outline: {}", node["name"]);
    }

    fn contains(&self, [x, y]: [f64; 2]) -> bool {
        match self {
            Outline::Ellipse { cx, cy, rx, ry } => {
                ((x - cx) / rx).powi(2) + ((y - cy) / ry).powi(2) < 1.0
            }
            Outline::Polygon(p) => {
                let mut inside = false;
                for i in 0..p.len() {
                    let ([x1, y1], [x2, y2]) = (p[i], p[(i + p.len() - 1) % p.len()]);
                    if (y1 > y) != (y2 > y) && x < (x2 - x1) * (y - y1) / (y2 - y1) + x1 {
                        inside = !inside;
                    }
                }
                inside
            }
        }
    }
}

/// Points along every cubic Bézier piece of an edge's drawn spline.
fn spline_points(edge: &Value) -> Vec<[f64; 2]> {
    let mut out = Vec::new();
    for op in edge["_draw_"].as_array().unwrap() {
        if op["op"] != "b" {
            continue;
        }
        let pts: Vec<[f64; 2]> = op["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let p = floats(p);
                [p[0], p[1]]
            })
            .collect();
        for c in pts.windows(4).step_by(3) {
            for s in 0..=40 {
                let t = s as f64 / 40.0;
                let u = 1.0 - t;
                let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
                out.push([
                    (0..4).map(|k| w[k] * c[k][0]).sum(),
                    (0..4).map(|k| w[k] * c[k][1]).sum(),
                ]);
            }
        }
    }
    out
}

/// Edges (tail name, head name, crossed node name) drawn through a node they do not touch.
fn crossings(layout: &Value) -> Vec<(String, String, String)> {
    let objects = layout["objects"].as_array().unwrap();
    let outlines: Vec<Outline> = objects.iter().map(Outline::of).collect();
    let name = |i: usize| objects[i]["name"].as_str().unwrap().to_string();
    let mut bad = Vec::new();
    for e in layout["edges"].as_array().unwrap() {
        let (tail, head) = (
            e["tail"].as_u64().unwrap() as usize,
            e["head"].as_u64().unwrap() as usize,
        );
        let points = spline_points(e);
        assert!(!points.is_empty(), "edge without a spline");
        for (i, outline) in outlines.iter().enumerate() {
            if i != tail && i != head && points.iter().any(|&p| outline.contains(p)) {
                bad.push((name(tail), name(head), name(i)));
            }
        }
    }
    bad
}

/// Boxes (x0, y0, x1, y1) of the node labels Graphviz drew.
fn label_boxes(layout: &Value) -> Vec<[f64; 4]> {
    let mut out = Vec::new();
    for node in layout["objects"].as_array().unwrap() {
        for op in node["_ldraw_"].as_array().into_iter().flatten() {
            if op["op"] == "T" {
                let p = floats(&op["pt"]);
                let w = op["width"].as_f64().unwrap();
                let x0 = match op["align"].as_str().unwrap() {
                    "l" => p[0],
                    "r" => p[0] - w,
                    _ => p[0] - w / 2.0,
                };
                out.push([x0, p[1] - 3.0, x0 + w, p[1] + 9.0]);
            }
        }
    }
    out
}

fn overlapping(boxes: &[[f64; 4]]) -> usize {
    let mut n = 0;
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            if a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3] {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn seeds_picture_routes_edges_around_nodes_and_labels_do_not_overlap() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["build", "-o", "seeds.dot"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let dot = fs::read(dir.path().join("seeds.dot")).unwrap();
    let layout: Value = serde_json::from_slice(&graphviz(&dot, "json")).unwrap();
    // Every node and edge of the seeds' graph is drawn (counted from the JSON of the same run).
    let r = run_in(dir.path(), &["build", "--format", "json"]);
    let g: Value = serde_json::from_str(&r.stdout).unwrap();
    let (nodes, edges) = (
        g["nodes"].as_array().unwrap().len(),
        g["edges"].as_array().unwrap().len(),
    );
    assert!(nodes > 30 && edges > 100, "{nodes} nodes, {edges} edges");
    assert_eq!(layout["objects"].as_array().unwrap().len(), nodes);
    assert_eq!(layout["edges"].as_array().unwrap().len(), edges);
    // The issue's examples: US–Vowell drawn through Rasool, Jordan–US through Kataib Hezbollah.
    assert_eq!(crossings(&layout), vec![]);
    let labels = label_boxes(&layout);
    assert_eq!(labels.len(), nodes, "every seeds actor is labelled");
    assert_eq!(overlapping(&labels), 0);
}

#[test]
fn large_pictures_stay_readable_and_route_edges_while_it_is_quick() {
    // (actors, links, routed around the actors): up to ROUTE_UP_TO actors × links the edges
    // go around the nodes; above, Graphviz's router would take minutes, so they are straight
    // and the legend says so.
    let cases = [(120, 240, true), (300, 600, false)];
    for (n, m, routed) in cases {
        assert_eq!(n * m <= actorgraph::export::dot::ROUTE_UP_TO, routed, "{n}");
        let graph = synthetic::synthetic(n, m, 7);
        assert_eq!(graph.graph.edge_count(), m);
        let dot = dot_of(&graph);
        let text = String::from_utf8_lossy(&dot);
        let splines = if routed { "polyline" } else { "line" };
        assert!(text.contains(&format!("splines=\"{splines}\"")), "{n}");
        assert_eq!(text.contains("links drawn straight"), !routed, "{n}");
        let layout: Value = serde_json::from_slice(&graphviz(&dot, "json")).unwrap();
        if routed {
            assert_eq!(crossings(&layout), vec![], "{n}");
        } else {
            assert_ne!(
                crossings(&layout),
                vec![],
                "{n}: straight links cross some actors"
            );
        }
        let labels = label_boxes(&layout);
        // Only the most mentioned actors are labelled (plus the title and legend lines, which
        // are graph labels, not node labels).
        assert_eq!(labels.len(), style::LABELS_SHOWN, "{n}");
        assert_eq!(overlapping(&labels), 0, "{n}");
    }
}

#[test]
fn dot_file_reproduces_the_picture() {
    let dir = tempdir();
    for args in [&["build", "-o", "a.dot"][..], &["build", "-o", "a.svg"]] {
        let r = run_in(dir.path(), args);
        assert_eq!(r.status, 0, "{}", r.stderr);
    }
    let dot = fs::read(dir.path().join("a.dot")).unwrap();
    let text = String::from_utf8_lossy(&dot);
    for attr in [
        "layout=\"neato\"",
        "overlap=\"prism\"",
        "splines=\"polyline\"",
    ] {
        assert!(text.contains(attr), "DOT lacks {attr}");
    }
    assert_eq!(
        graphviz(&dot, "svg"),
        fs::read(dir.path().join("a.svg")).unwrap()
    );
}

#[test]
fn legend_title_and_community_colours() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["build", "--format", "json"]);
    let g: Value = serde_json::from_str(&r.stdout).unwrap();
    let counts = format!(
        "{} actors, {} links; line width: sentences shared",
        g["nodes"].as_array().unwrap().len(),
        g["edges"].as_array().unwrap().len()
    );
    // (flags, text the legend must hold)
    let cases: &[(&[&str], &[&str])] = &[
        (
            &[],
            &[
                "actorgraph: 5 document(s) · sentence co-occurrence",
                counts.as_str(),
                ">person: ellipse<",
                ">armed_group: hexagon<",
                ">co-mention<",
            ],
        ),
        // Typed relations: directed, coloured and labelled by type, in the legend.
        (
            &["--edges", "both"],
            &[
                "digraph \"actorgraph\"",
                ">attack (source → target)<",
                ">meet<",
                "color=\"#d62728\", label=\"attack\"",
            ],
        ),
        // Last: the fill colours below are checked on this one.
        (
            &["--min-weight", "3", "--communities"],
            &["weight ≥ 3", "community 0: "],
        ),
    ];
    for (flags, wanted) in cases {
        let mut args = vec!["build", "-o", "g.dot"];
        args.extend(*flags);
        let r = run_in(dir.path(), &args);
        assert_eq!(r.status, 0, "{}", r.stderr);
        let dot = fs::read_to_string(dir.path().join("g.dot")).unwrap();
        for w in *wanted {
            assert!(dot.contains(w), "{flags:?}: legend lacks {w:?}");
        }
    }
    // With communities, fill colours follow the community, not the type.
    let dot = fs::read_to_string(dir.path().join("g.dot")).unwrap();
    let community_fills = style::COMMUNITY
        .iter()
        .filter(|&&c| dot.contains(&format!("fillcolor=\"{}\"", style::hex(c))))
        .count();
    assert!(community_fills >= 2, "{community_fills} community colours");
    assert!(!dot.contains(&format!("fillcolor=\"{}\"", style::hex_color("person"))));
}

#[test]
fn filters_drop_isolates_unless_kept() {
    let all = |flags: &[&str]| -> Value {
        let mut args = vec!["build", "--format", "json"];
        args.extend(flags);
        let r = run_in(&root(), &args);
        assert_eq!(r.status, 0, "{}", r.stderr);
        serde_json::from_str(&r.stdout).unwrap()
    };
    let everyone = all(&[])["nodes"].as_array().unwrap().len();
    // The 15 heaviest links touch this many actors.
    let top = all(&["--top-edges", "15"]);
    let touched: std::collections::BTreeSet<&str> = top["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()])
        .collect();
    assert!(touched.len() < everyone);
    // (flags, every node has an edge, node count when known)
    let cases: &[(&[&str], bool, Option<usize>)] = &[
        (&["--top-edges", "15"], true, Some(touched.len())),
        (
            &["--top-edges", "15", "--keep-isolates"],
            false,
            Some(everyone),
        ),
        (&["--min-weight", "3"], true, None),
        (&[], false, Some(everyone)),
    ];
    for (flags, linked, count) in cases {
        let mut args = vec!["build", "--format", "json"];
        args.extend(*flags);
        let r = run_in(&root(), &args);
        assert_eq!(r.status, 0, "{}", r.stderr);
        let g: Value = serde_json::from_str(&r.stdout).unwrap();
        let nodes = g["nodes"].as_array().unwrap();
        let ends: std::collections::BTreeSet<&str> = g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| [e["source"].as_str().unwrap(), e["target"].as_str().unwrap()])
            .collect();
        let all_linked = nodes
            .iter()
            .all(|n| ends.contains(n["id"].as_str().unwrap()));
        assert_eq!(all_linked, *linked, "{flags:?}");
        if let Some(c) = count {
            assert_eq!(nodes.len(), *c, "{flags:?}");
        }
    }
}

/// The JSON document embedded in a page.
fn embedded(html: &str) -> Value {
    let start = html.find("id=\"graph-data\">").unwrap() + "id=\"graph-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

#[test]
fn html_is_self_contained_and_escapes_hostile_names() {
    let hostile = [
        "</script><script>alert(1)</script>",
        "<!-- <script>",
        "line\u{2028}para\u{2029}",
        "\"quoted\" & 'single'",
    ];
    let nodes: Vec<Node> = hostile
        .iter()
        .enumerate()
        .map(|(i, l)| Node::new(format!("n{i}"), *l, "person"))
        .collect();
    let edges = vec![(0, 1, Edge::new(2)), (2, 3, Edge::new(1))];
    let graph = ActorGraph::from_parts(Unit::Sentence, CorpusStats::default(), None, nodes, edges);
    let view = View {
        title: "</title><script>alert(2)</script>".into(),
        aliases: [("n0".to_string(), vec!["</script>".to_string()])].into(),
    };
    let mut page = Vec::new();
    export::write_view(&graph, Format::Html, &view, &mut page).unwrap();
    let html = String::from_utf8(page).unwrap();
    // Exactly the page's own two script elements and one title; nothing fetched.
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("</script>").count(), 2);
    assert_eq!(html.matches("</title>").count(), 1);
    assert!(!html.contains("<!--") && !html.contains('\u{2028}'));
    for fetch in ["src=", "href=", "http://", "https://", "@import", "url("] {
        assert!(!html.contains(fetch), "page fetches something: {fetch}");
    }
    // The data reads back exactly.
    let data = embedded(&html);
    let labels: Vec<&str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, hostile);
    assert_eq!(data["nodes"][0]["aliases"][0], "</script>");
    assert_eq!(data["title"], "</title><script>alert(2)</script>");
}

#[test]
fn html_of_the_seeds_embeds_aliases_evidence_and_layout() {
    let dir = tempdir();
    for name in ["a.html", "b.html"] {
        let r = run_in(dir.path(), &["build", "-o", name]);
        assert_eq!(r.status, 0, "{}", r.stderr);
    }
    let html = fs::read_to_string(dir.path().join("a.html")).unwrap();
    assert_eq!(html, fs::read_to_string(dir.path().join("b.html")).unwrap());
    let data = embedded(&html);
    let nodes = data["nodes"].as_array().unwrap();
    // Every actor of the seeds' graph is on the page.
    let r = run_in(dir.path(), &["build", "--format", "json"]);
    let g: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(nodes.len(), g["nodes"].as_array().unwrap().len());
    let sudani = nodes.iter().find(|n| n["id"] == "sudani").unwrap();
    assert!(sudani["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "Al Sudani"));
    // Layout: distinct positions for all nodes.
    let mut points: Vec<(i64, i64)> = nodes
        .iter()
        .map(|n| {
            (
                n["x"].as_f64().unwrap().round() as i64,
                n["y"].as_f64().unwrap().round() as i64,
            )
        })
        .collect();
    points.sort();
    points.dedup();
    assert_eq!(points.len(), nodes.len(), "distinct positions");
    // Evidence of CJTF-OIR – Vowell: two sentences, each marking exactly the two stored
    // mention spans (the text has an en dash before Vowell: UTF-16 offsets differ from bytes).
    let edge = page_edge(&data, "cjtf_oir", "vowell", "co-mention");
    let evidence = edge["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 2);
    for ev in evidence {
        assert_eq!(
            marked(ev),
            [
                (
                    "Combined Task Force \u{2013} Operation Inherent Resolve".to_owned(),
                    "source".to_owned()
                ),
                ("JB Vowell".to_owned(), "target".to_owned())
            ]
        );
    }
}

/// The edge `a`–`b` of `kind` on the page.
fn page_edge<'a>(data: &'a Value, a: &str, b: &str, kind: &str) -> &'a Value {
    let nodes = data["nodes"].as_array().unwrap();
    let ix = |id: &str| nodes.iter().position(|n| n["id"] == id).unwrap() as u64;
    let (a, b) = (ix(a), ix(b));
    data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["s"] == a && e["t"] == b && e["kind"] == kind)
        .unwrap()
}

/// The (text, role) of each mark of a page's evidence, in text order.
fn marked(ev: &Value) -> Vec<(String, String)> {
    let text: Vec<u16> = ev["text"].as_str().unwrap().encode_utf16().collect();
    ev["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let (a, b) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            (
                String::from_utf16(&text[a..b]).unwrap(),
                m[2].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn html_carries_communities_when_asked() {
    let dir = tempdir();
    for (flags, with) in [(&[][..], false), (&["--communities"][..], true)] {
        let mut args = vec!["build", "-o", "c.html"];
        args.extend(flags);
        let r = run_in(dir.path(), &args);
        assert_eq!(r.status, 0, "{}", r.stderr);
        let data = embedded(&fs::read_to_string(dir.path().join("c.html")).unwrap());
        let nodes = data["nodes"].as_array().unwrap();
        assert!(
            nodes.iter().all(|n| n["community"].is_u64() == with),
            "{flags:?}"
        );
        assert!(!data["community_colors"].as_array().unwrap().is_empty());
    }
}

#[test]
fn html_marks_the_cue_of_typed_relations() {
    let dir = tempdir();
    let r = run_in(dir.path(), &["build", "--edges", "both", "-o", "both.html"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let data = embedded(&fs::read_to_string(dir.path().join("both.html")).unwrap());
    // (source, target, kind, marks of the first evidence in text order)
    type Case<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            "global_coalition",
            "iraqi_armed_forces",
            "meet",
            &[
                ("Iraqi armed forces", "target"),
                ("US-led coalition", "source"),
                ("met", "cue"),
            ],
        ),
        (
            "abu_mahdi_al_muhandis",
            "pmf",
            "affiliation",
            &[
                ("al-Muhandis", "source"),
                ("deputy commander", "cue"),
                ("Popular Mobilization Forces", "target"),
            ],
        ),
    ];
    for (a, b, kind, want) in cases {
        let edge = page_edge(&data, a, b, kind);
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(t, r)| (t.to_string(), r.to_string()))
            .collect();
        assert_eq!(marked(&edge["evidence"][0]), want, "{a} {kind} {b}");
    }
}

#[test]
fn html_evidence_carries_document_date_and_url() {
    let nodes = vec![
        Node::new("a", "Al\u{2011}Sudani", "person"),
        Node::new("b", "Vowell", "person"),
    ];
    let text = "Al\u{2011}Sudani met Vowell.";
    let mut e = Edge::new(1);
    e.evidence = vec![Evidence {
        date: chrono::NaiveDate::from_ymd_opt(2024, 2, 8),
        url: Some("https://example.org/a?b=<c>".into()),
        source_end: 11,
        target_start: 16,
        target_end: 22,
        ..Evidence::new("doc-1", 0, 0, text)
    }];
    let graph = ActorGraph::from_parts(
        Unit::Sentence,
        CorpusStats::default(),
        None,
        nodes,
        vec![(0, 1, e)],
    );
    let mut page = Vec::new();
    export::write_view(&graph, Format::Html, &View::default(), &mut page).unwrap();
    let data = embedded(&String::from_utf8(page).unwrap());
    let ev = &data["edges"][0]["evidence"][0];
    assert_eq!(ev["doc"], "doc-1");
    assert_eq!(ev["date"], "2024-02-08");
    assert_eq!(ev["url"], "https://example.org/a?b=<c>");
    assert_eq!(
        marked(ev),
        [
            ("Al\u{2011}Sudani".to_owned(), "source".to_owned()),
            ("Vowell".to_owned(), "target".to_owned())
        ]
    );
}
