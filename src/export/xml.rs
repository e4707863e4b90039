//! XML escaping for GraphML and GEXF — the one place it happens.
//!
//! XML 1.0 cannot carry C0 control characters other than tab, line feed and carriage return,
//! not even as character references, nor U+FFFE and U+FFFF. They are replaced by U+FFFD.
//! In attribute values, tab, line feed and carriage return are written as character
//! references, because a parser normalises literal ones to spaces.

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::BytesStart;
use quick_xml::name::QName;

/// A start tag whose attribute values are escaped by [`attr`].
pub fn start<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute(Attribute {
            key: QName(k),
            value: Cow::Owned(attr(v)),
        });
    }
    e
}

/// Escapes element text.
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// Escapes an attribute value (for use between double quotes).
pub fn attr(s: &str) -> String {
    escape(s, true)
}

/// True for characters XML 1.0 forbids.
pub fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

fn escape(s: &str, in_attr: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' if in_attr => out.push_str("&quot;"),
            '\t' if in_attr => out.push_str("&#9;"),
            '\n' if in_attr => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, element text, attribute value)
    const CASES: &[(&str, &str, &str)] = &[
        ("plain", "plain", "plain"),
        ("a<b>&c", "a&lt;b&gt;&amp;c", "a&lt;b&gt;&amp;c"),
        ("say \"hi\" 'x'", "say \"hi\" 'x'", "say &quot;hi&quot; 'x'"),
        ("]]>", "]]&gt;", "]]&gt;"),
        (
            "line\nbreak\ttab",
            "line\nbreak\ttab",
            "line&#10;break&#9;tab",
        ),
        ("cr\r", "cr&#13;", "cr&#13;"),
        (
            "bell\u{7}nul\u{0}",
            "bell\u{fffd}nul\u{fffd}",
            "bell\u{fffd}nul\u{fffd}",
        ),
        // Regression (issue 9): a mutation that let these through went unnoticed.
        (
            "vt\u{b}ff\u{c}",
            "vt\u{fffd}ff\u{fffd}",
            "vt\u{fffd}ff\u{fffd}",
        ),
        (
            "\u{1f}\u{7f}\u{85}",
            "\u{fffd}\u{7f}\u{85}",
            "\u{fffd}\u{7f}\u{85}",
        ),
        ("\u{fffe}\u{ffff}", "\u{fffd}\u{fffd}", "\u{fffd}\u{fffd}"),
        ("emoji 🇮🇶 עברית", "emoji 🇮🇶 עברית", "emoji 🇮🇶 עברית"),
    ];

    #[test]
    fn escaping_table() {
        for (input, t, a) in CASES {
            assert_eq!(text(input), *t, "text {input:?}");
            assert_eq!(attr(input), *a, "attr {input:?}");
        }
    }
}
