//! Aligned plain-text tables for the terminal. Widths count display columns, so labels in
//! Arabic, CJK or with emoji line up.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

/// Writes `rows` under `header`, columns separated by two spaces; numeric columns (every
/// cell parses as a number) are right-aligned.
pub fn write(w: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let cols = header.len();
    let mut width: Vec<usize> = header.iter().map(|h| h.width()).collect();
    let mut numeric = vec![true; cols];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            width[i] = width[i].max(cell.width());
            numeric[i] &= cell.is_empty() || cell.parse::<f64>().is_ok();
        }
    }
    let line = |w: &mut dyn Write, cells: &[String]| -> io::Result<()> {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(width[i].saturating_sub(cell.width()));
            if i > 0 {
                out.push_str("  ");
            }
            if numeric[i] {
                out.push_str(&pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    out.push_str(&pad);
                }
            }
        }
        writeln!(w, "{}", out.trim_end())
    };
    let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    line(w, &header)?;
    for row in rows {
        line(w, row)?;
    }
    Ok(())
}

/// A table cell from text: line breaks and tabs become spaces so a row stays one line.
pub fn cell(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
