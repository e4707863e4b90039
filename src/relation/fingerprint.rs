//! The lexicon's fingerprint: a stable hash of what the lexicon says, so that partial counts
//! built with different lexicons refuse to merge (see [`crate::counts::Recipe`]).
//!
//! The hash is taken over the file's canonical content, not its bytes: the JSON value with
//! object keys sorted, written compactly, with every cue's `examples` left out (examples are
//! checked by a test, they never change what is extracted). Re-indenting the file, reordering
//! the keys of an object or adding an example keeps the fingerprint; changing a cue, a marker,
//! a type or the order of list items (which decides precedence) changes it. FNV-1a over the
//! canonical text, as 16 hex digits, like the gazetteer's fingerprint.

use std::sync::OnceLock;

use serde_json::Value;

use crate::counts::Fnv;

/// The fingerprint of a lexicon file's bytes (a byte order mark already removed); `None` when
/// they are not JSON.
pub(crate) fn of_source(bytes: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(bytes).ok()?;
    let mut text = String::new();
    canonical(&value, false, &mut text);
    let mut h = Fnv::new();
    h.bytes(text.as_bytes());
    Some(format!("{:016x}", h.0))
}

/// The fingerprint of the embedded default lexicon (computed once).
pub fn embedded() -> &'static str {
    static FP: OnceLock<String> = OnceLock::new();
    FP.get_or_init(|| {
        of_source(super::DEFAULT_LEXICON.as_bytes()).expect("the embedded lexicon is JSON")
    })
}

/// Writes `v` compactly with sorted keys. `cue` is true for the items of a `cues` list,
/// whose `examples` are left out.
fn canonical(v: &Value, cue: bool, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map
                .keys()
                .filter(|k| !(cue && k.as_str() == "examples"))
                .collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                canonical(&map[k], k == "cues", out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, cue, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_key_order_and_examples_do_not_count_content_does() {
        let base = r#"{"types": [{"type": "meet", "direction": "symmetric",
            "cues": [{"verb": "meet", "forms": ["met"], "examples": {"yes": ["A met B."]}}]}]}"#;
        // (name, other file, same fingerprint)
        let cases = [
            ("re-indented", base.replace("\n            ", " "), true),
            (
                "keys reordered",
                r#"{"types": [{"cues": [{"forms": ["met"], "verb": "meet"}],
                  "direction": "symmetric", "type": "meet"}]}"#
                    .to_owned(),
                true,
            ),
            (
                "example added",
                base.replace("A met B.", "A met B.\", \"C met D."),
                true,
            ),
            (
                "cue changed",
                base.replace(r#"["met"]"#, r#"["met", "meets"]"#),
                false,
            ),
            (
                "direction changed",
                base.replace("symmetric", "directed"),
                false,
            ),
            (
                "example key elsewhere",
                base.replace("\"types\"", "\"examples\": 1, \"types\""),
                false,
            ),
        ];
        let fp = of_source(base.as_bytes()).unwrap();
        for (name, other, same) in cases {
            let other = of_source(other.as_bytes()).unwrap();
            assert_eq!(other == fp, same, "{name}");
        }
        assert_eq!(fp.len(), 16);
        assert_eq!(of_source(b"{"), None);
    }
}
