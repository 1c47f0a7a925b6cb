//! The rows of `count`, `trend`, `kwic` and `first` on any `W: Write`: an aligned table for reading,
//! JSON Lines and CSV for scripts.
//!
//! JSON keeps every value as the library returns it; human and CSV output sanitise corpus text (speakers,
//! sources, context), as hits do.

use std::io::{self, Write};

use super::{csv_to_io, joined, sanitize, Format};
use crate::analysis::count::Row as CountRow;
use crate::analysis::first::Row as FirstRow;
use crate::analysis::kwic::Line;
use crate::analysis::trend::Row as TrendRow;
use crate::analysis::Group;
use crate::gazetteer::{self, CountryCode};

/// A country code with its name for a reader: `China (CHN)`; anything else as it is.
fn country_label(code: &str) -> String {
    match CountryCode::parse(code) {
        Some(c) => format!("{} ({code})", gazetteer::display_name(c)),
        None => sanitize(code).into_owned(),
    }
}

/// Writes JSON Lines, one object a row.
fn json_lines<W: Write, T: serde::Serialize>(w: &mut W, rows: &[T]) -> io::Result<()> {
    for row in rows {
        serde_json::to_writer(&mut *w, row)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes CSV: the header, then each row's cells.
fn csv_rows<W: Write>(
    w: &mut W,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(&mut *w);
    out.write_record(header).map_err(csv_to_io)?;
    for row in rows {
        out.write_record(&row).map_err(csv_to_io)?;
    }
    out.flush()
}

/// `count` rows.
pub(crate) fn write_counts<W: Write>(
    w: &mut W,
    rows: &[CountRow],
    by: Group,
    format: Format,
) -> io::Result<()> {
    let label = |key: &str| match by {
        Group::Country => country_label(key),
        _ => sanitize(key).into_owned(),
    };
    match format {
        Format::JsonLines => json_lines(w, rows),
        Format::Csv => csv_rows(
            w,
            &["key", "paragraphs", "statements"],
            rows.iter().map(|r| {
                vec![
                    sanitize(&r.key).into_owned(),
                    r.paragraphs.to_string(),
                    r.statements.to_string(),
                ]
            }),
        ),
        Format::Human => {
            let labels: Vec<String> = rows.iter().map(|r| label(&r.key)).collect();
            let wide = labels
                .iter()
                .map(|l| l.chars().count())
                .chain([by.name().len()])
                .max()
                .unwrap_or(0);
            writeln!(
                w,
                "{:<wide$}  {:>10}  {:>10}",
                by.name(),
                "paragraphs",
                "statements"
            )?;
            for (r, l) in rows.iter().zip(&labels) {
                let pad = wide - l.chars().count() + l.len();
                writeln!(w, "{l:<pad$}  {:>10}  {:>10}", r.paragraphs, r.statements)?;
            }
            Ok(())
        }
    }
}

/// `trend` rows.
pub(crate) fn write_trend<W: Write>(
    w: &mut W,
    rows: &[TrendRow],
    split: Option<Group>,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::JsonLines => json_lines(w, rows),
        Format::Csv => csv_rows(
            w,
            &[
                "period",
                "group",
                "paragraphs",
                "occurrences",
                "total_paragraphs",
                "total_words",
                "per_10k_words",
            ],
            rows.iter().map(|r| {
                vec![
                    r.period.clone(),
                    r.group
                        .as_deref()
                        .map(|g| sanitize(g).into_owned())
                        .unwrap_or_default(),
                    r.paragraphs.to_string(),
                    r.occurrences.to_string(),
                    r.total_paragraphs.to_string(),
                    r.total_words.to_string(),
                    format!("{:.2}", r.per_10k_words),
                ]
            }),
        ),
        Format::Human => {
            let groups: Vec<String> = rows
                .iter()
                .map(|r| match (&r.group, split) {
                    (Some(g), Some(Group::Country)) => country_label(g),
                    (Some(g), _) => sanitize(g).into_owned(),
                    (None, _) => String::new(),
                })
                .collect();
            let wide = groups.iter().map(|g| g.chars().count()).max().unwrap_or(0);
            let period = rows
                .iter()
                .map(|r| r.period.len())
                .max()
                .unwrap_or(6)
                .max(6);
            let head = split.map_or("", Group::name);
            let wide = if split.is_some() {
                wide.max(head.len())
            } else {
                0
            };
            let gap = if split.is_some() { "  " } else { "" };
            writeln!(
                w,
                "{:<period$}  {head:<wide$}{gap}{:>10}  {:>11}  {:>10}  {:>11}  {:>10}",
                "period", "paragraphs", "occurrences", "all paras", "all words", "per 10k"
            )?;
            for (r, g) in rows.iter().zip(&groups) {
                let pad = wide - g.chars().count() + g.len();
                writeln!(
                    w,
                    "{:<period$}  {g:<pad$}{gap}{:>10}  {:>11}  {:>10}  {:>11}  {:>10.2}",
                    r.period,
                    r.paragraphs,
                    r.occurrences,
                    r.total_paragraphs,
                    r.total_words,
                    r.per_10k_words
                )?;
            }
            Ok(())
        }
    }
}

/// `kwic` lines: the match in a column, `width` characters of context each side.
pub(crate) fn write_kwic<W: Write>(
    w: &mut W,
    lines: &[Line],
    width: usize,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::JsonLines => json_lines(w, lines),
        Format::Csv => csv_rows(
            w,
            &[
                "left",
                "match",
                "right",
                "id",
                "date",
                "speakers",
                "countries",
                "source",
            ],
            lines.iter().map(|l| {
                vec![
                    sanitize(&l.left).into_owned(),
                    sanitize(&l.matched).into_owned(),
                    sanitize(&l.right).into_owned(),
                    sanitize(&l.id).into_owned(),
                    l.date.clone().unwrap_or_default(),
                    joined(&l.speakers),
                    joined(&l.countries),
                    sanitize(&l.source).into_owned(),
                ]
            }),
        ),
        Format::Human => {
            // Countries vary in number: their column is as wide as the widest, so the matches align.
            let countries: Vec<String> = lines.iter().map(|l| l.countries.join(",")).collect();
            let cw = countries.iter().map(String::len).max().unwrap_or(0).max(3);
            for (l, c) in lines.iter().zip(&countries) {
                let left = sanitize(&l.left);
                let right = sanitize(&l.right);
                let pad = width.saturating_sub(left.chars().count()) + left.len();
                let rpad = width.saturating_sub(right.chars().count()) + right.len();
                let who = if l.speakers.is_empty() {
                    "—".to_string()
                } else {
                    joined(&l.speakers)
                };
                writeln!(
                    w,
                    "{:<10} {c:<cw$}  {left:>pad$}[{}]{right:<rpad$}  {who}  {}",
                    l.date.as_deref().unwrap_or("undated"),
                    sanitize(&l.matched),
                    sanitize(&l.source),
                )?;
            }
            Ok(())
        }
    }
}

/// `first` rows, earliest first.
pub(crate) fn write_first<W: Write>(
    w: &mut W,
    rows: &[FirstRow],
    by: Group,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::JsonLines => json_lines(w, rows),
        Format::Csv => csv_rows(
            w,
            &["key", "date", "speakers", "countries", "id", "text"],
            rows.iter().map(|r| {
                vec![
                    sanitize(&r.key).into_owned(),
                    r.date.clone().unwrap_or_default(),
                    joined(&r.speakers),
                    joined(&r.countries),
                    sanitize(&r.id).into_owned(),
                    sanitize(&r.text).into_owned(),
                ]
            }),
        ),
        Format::Human => {
            for (i, r) in rows.iter().enumerate() {
                // The group, then who else the paragraph names: its speakers for a country, its
                // countries for a speaker.
                let (key, with) = match by {
                    Group::Country => (country_label(&r.key), joined(&r.speakers)),
                    _ => (sanitize(&r.key).into_owned(), r.countries.join(", ")),
                };
                let with = if with.is_empty() {
                    "—".to_string()
                } else {
                    with
                };
                writeln!(
                    w,
                    "{:>3}. {:<10}  {key}  ({with})  {}",
                    i + 1,
                    r.date.as_deref().unwrap_or(""),
                    sanitize(&r.id)
                )?;
                writeln!(w, "     {}", sanitize(&r.text))?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn counts_print_as_a_table_json_and_csv() {
        let rows = [CountRow {
            key: "CHN".into(),
            paragraphs: 3,
            statements: 2,
        }];
        let human = text(|w| write_counts(w, &rows, Group::Country, Format::Human));
        assert!(
            human.contains("China (CHN)") && human.contains(" 3 ") && human.ends_with("2\n"),
            "{human}"
        );
        let json = text(|w| write_counts(w, &rows, Group::Country, Format::JsonLines));
        assert_eq!(
            json,
            "{\"key\":\"CHN\",\"paragraphs\":3,\"statements\":2}\n"
        );
        let csv = text(|w| write_counts(w, &rows, Group::Country, Format::Csv));
        assert_eq!(csv, "key,paragraphs,statements\nCHN,3,2\n");
    }

    #[test]
    fn kwic_aligns_the_match_in_a_column() {
        let line = |left: &str, m: &str| Line {
            left: left.into(),
            matched: m.into(),
            right: " and more".into(),
            id: "a#1".into(),
            date: Some("2020-01-02".into()),
            speakers: vec!["Li Wen".into()],
            countries: vec!["CHN".into()],
            source: "a.html".into(),
        };
        let out = text(|w| {
            write_kwic(
                w,
                &[
                    line("short ", "Taiwan"),
                    line("a longer left side ", "Taiwan"),
                ],
                20,
                Format::Human,
            )
        });
        let columns: Vec<usize> = out.lines().map(|l| l.find('[').unwrap()).collect();
        assert_eq!(columns[0], columns[1], "{out}");
        let json = text(|w| write_kwic(w, &[line("x ", "Taiwan")], 20, Format::JsonLines));
        assert!(json.contains("\"match\":\"Taiwan\""), "{json}");
    }
}
