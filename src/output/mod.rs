//! Hits to text on any `W: Write`: a human layout, JSON Lines and CSV.
//!
//! Printing is kept apart from searching so the CLI, the tests and any other caller share one layout, and so
//! the one place that writes corpus text to a terminal is also the one place that defuses it. The corpus is
//! scraped from the web: a paragraph can hold an ANSI escape sequence or a right-to-left override that would
//! restyle the terminal or make a line read differently from what it says, so human and CSV output pass every
//! corpus string through [`sanitize`]. Colour is a decision the CLI makes once and passes in as [`Style`];
//! nothing here looks at the terminal or the environment. The summary of `demarche stats` is printed here
//! too, for the same reason: speaker names in it come from the corpus.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::document::{Column, Record, Value};
use crate::search::Hit;
use crate::stats::{Count, Stats};

pub(crate) mod analysis;

/// How hits are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// A few lines per hit for reading in a terminal.
    Human,
    /// One JSON object per line with every field of a hit.
    JsonLines,
    /// A header row, then one row per hit.
    Csv,
}

/// Options resolved once by the CLI.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    /// Layout of the output.
    pub format: Format,
    /// Whether to emit ANSI colour codes; only the human format uses them.
    pub color: bool,
}

/// A column of the search CSV: a value of the hit's record, or one the search added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HitColumn {
    Rank,
    Score,
    Snippet,
    Record(Column),
}

/// Columns of the search CSV, in order. Not `export`'s order: each output keeps the columns it was
/// published with, since scripts read them by position.
const HIT_COLUMNS: [HitColumn; 18] = [
    HitColumn::Rank,
    HitColumn::Score,
    HitColumn::Record(Column::Id),
    HitColumn::Record(Column::Statement),
    HitColumn::Record(Column::Date),
    HitColumn::Record(Column::Speakers),
    HitColumn::Record(Column::Countries),
    HitColumn::Record(Column::CountryNames),
    HitColumn::Record(Column::Title),
    HitColumn::Record(Column::Source),
    HitColumn::Record(Column::Paragraph),
    HitColumn::Record(Column::Role),
    HitColumn::Record(Column::Sieve),
    HitColumn::Record(Column::Kind),
    HitColumn::Record(Column::Url),
    HitColumn::Record(Column::Answers),
    HitColumn::Snippet,
    HitColumn::Record(Column::Text),
];

/// Column names of the CSV output, in order.
const CSV_HEADER: [&str; HIT_COLUMNS.len()] = {
    let mut header = [""; HIT_COLUMNS.len()];
    let mut i = 0;
    while i < header.len() {
        header[i] = HIT_COLUMNS[i].name();
        i += 1;
    }
    header
};

impl HitColumn {
    const fn name(self) -> &'static str {
        match self {
            HitColumn::Rank => "rank",
            HitColumn::Score => "score",
            HitColumn::Snippet => "snippet",
            HitColumn::Record(column) => column.name(),
        }
    }

    /// The cell of this column for `hit`, sanitised.
    fn cell(self, hit: &Hit) -> Cow<'_, str> {
        match self {
            HitColumn::Rank => Cow::Owned(hit.rank.to_string()),
            HitColumn::Score => hit
                .score
                .map_or(Cow::Borrowed(""), |s| Cow::Owned(s.to_string())),
            HitColumn::Snippet => sanitize(&hit.snippet.text),
            HitColumn::Record(column) => match column.value(&hit.record) {
                Value::Text(s) => sanitize(s),
                Value::Optional(s) => s.map_or(Cow::Borrowed(""), sanitize),
                Value::Number(n) => Cow::Owned(n.to_string()),
                Value::List(values) => Cow::Owned(joined(values)),
            },
        }
    }
}

/// Separator of multi-valued fields in one line or one CSV cell: names may contain commas, never `; `.
const LIST_SEPARATOR: &str = "; ";

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const CYAN: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const BOLD_GREEN: &str = "\x1b[1;32m";
const BOLD_RED: &str = "\x1b[1;31m";

/// Writes hits; header for CSV first. Errors are std::io::Error (the CLI treats BrokenPipe as a normal end).
pub(crate) fn write_hits<W: Write>(w: &mut W, hits: &[Hit], style: Style) -> io::Result<()> {
    match style.format {
        Format::Human => write_human(w, hits, style.color),
        Format::JsonLines => write_json_lines(w, hits),
        Format::Csv => write_csv(w, hits),
    }
}

/// Makes untrusted corpus text safe to print on one line of a terminal.
///
/// Escapes, as `\u{1b}`-style text, what a terminal would act on or what would make a line read differently
/// from what it holds: C0 and C1 control characters and DEL (so no escape sequence gets through), the Unicode
/// bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and other invisible format
/// characters. Tabs and line breaks are not escaped but folded: a run of them (`\r\n`, `\n\n`, …) becomes
/// one space, so every field stays on one line. Everything else, every script and emoji, is unchanged, and
/// text with nothing to change is returned borrowed.
///
/// Human and CSV output use it; JSON Lines does not need it, since JSON escapes control characters itself.
pub(crate) fn sanitize(s: &str) -> Cow<'_, str> {
    // Most text is clean: find the first character to change before allocating anything.
    let Some(first) = s.find(|c: char| is_break(c) || is_hazard(c)) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    let mut in_break = false;
    for c in s[first..].chars() {
        if is_break(c) {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
            continue;
        }
        in_break = false;
        if is_hazard(c) {
            // Writing into a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whitespace that would break a one-line field: these turn into a space rather than an escape, because
/// they are ordinary in corpus text and an escape would only add noise.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters a terminal acts on, or that are invisible yet change how a line reads.
///
/// Zero-width joiner and non-joiner (U+200C, U+200D) and variation selectors are left alone: they are part
/// of correct spelling in Persian, Indic scripts and emoji, and cannot reorder or hide text.
fn is_hazard(c: char) -> bool {
    // C0, DEL and C1: ESC and CSI among them.
    c.is_control()
        || matches!(
            c,
            // Arabic letter mark, Mongolian vowel separator, zero-width space, LRM and RLM.
            '\u{61c}' | '\u{180e}' | '\u{200b}' | '\u{200e}' | '\u{200f}'
            // Bidi embeddings and overrides; word joiner and invisible operators; bidi isolates and the
            // deprecated format controls.
            | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}'
            // Zero-width no-break space (BOM), interlinear annotation, tags (invisible copies of ASCII).
            | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}'
        )
}

fn write_human<W: Write>(w: &mut W, hits: &[Hit], color: bool) -> io::Result<()> {
    let paint = |code: &'static str| if color { code } else { "" };
    let reset = paint(RESET);
    for (i, hit) in hits.iter().enumerate() {
        let record = &hit.record;
        if i > 0 {
            writeln!(w)?;
        }
        let date = record
            .date
            .as_deref()
            .map_or(Cow::Borrowed("undated"), sanitize);
        write!(
            w,
            "{b}{rank}.{reset} {c}{date}{reset}  ",
            b = paint(BOLD),
            rank = hit.rank,
            c = paint(CYAN),
        )?;
        if record.speakers.is_empty() {
            w.write_all("—".as_bytes())?;
        } else {
            write!(
                w,
                "{g}{}{reset}",
                joined(&record.speakers),
                g = paint(BOLD_GREEN)
            )?;
        }
        // Names read better than codes; codes stand in if no names were resolved.
        let countries = if record.country_names.is_empty() {
            &record.countries
        } else {
            &record.country_names
        };
        if !countries.is_empty() {
            write!(w, " ({})", joined(countries))?;
        }
        match record.answers.as_deref().and_then(|q| q.rsplit_once('#')) {
            // An answer says which question it answers, so a reader can look it up.
            Some((_, n)) => writeln!(w, "  {} to ¶{}", sanitize(&record.role), sanitize(n))?,
            None => writeln!(w, "  {}", sanitize(&record.role))?,
        }
        if let Some(title) = record.title.as_deref().filter(|t| !t.trim().is_empty()) {
            writeln!(w, "   {}", sanitize(title))?;
        }
        writeln!(
            w,
            "   {d}{}{reset} ¶{}",
            sanitize(&record.source),
            record.paragraph,
            d = paint(DIM)
        )?;
        w.write_all(b"   ")?;
        if color {
            write_highlighted(w, &hit.snippet.text, &hit.snippet.highlights)?;
        } else {
            // Like ripgrep without colour: no markers, the matched words are plain text.
            w.write_all(sanitize(&hit.snippet.text).as_bytes())?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// Writes `text` with `ranges` in bold red.
///
/// The ranges are byte offsets into the raw text, and sanitising can lengthen it, so each piece between and
/// inside the ranges is sanitised on its own. A range that is empty, out of order, out of bounds or not on
/// character boundaries is ignored: it is a bug upstream, and the passage is still worth showing.
fn write_highlighted<W: Write>(w: &mut W, text: &str, ranges: &[Range<usize>]) -> io::Result<()> {
    let mut at = 0;
    for r in ranges {
        let valid = at <= r.start
            && r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end);
        if !valid {
            continue;
        }
        write!(
            w,
            "{}{BOLD_RED}{}{RESET}",
            sanitize(&text[at..r.start]),
            sanitize(&text[r.start..r.end])
        )?;
        at = r.end;
    }
    w.write_all(sanitize(&text[at..]).as_bytes())
}

/// Multi-valued field, each value sanitised, on one line.
pub(crate) fn joined(values: &[String]) -> String {
    values
        .iter()
        .map(|v| sanitize(v))
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

fn write_json_lines<W: Write>(w: &mut W, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        // serde_json hands back the writer's own io::Error, so a closed pipe stays a BrokenPipe.
        serde_json::to_writer(&mut *w, hit)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// CSV rows are for spreadsheets and scripts, so no colour; text is sanitised but not otherwise altered.
/// Cells are not guarded against spreadsheet formulas (a cell starting with `=`): that would change the data
/// for every script that reads it.
fn write_csv<W: Write>(w: &mut W, hits: &[Hit]) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(&mut *w);
    out.write_record(CSV_HEADER).map_err(csv_to_io)?;
    for hit in hits {
        let row = HIT_COLUMNS.map(|column| column.cell(hit));
        out.write_record(row.iter().map(|cell| cell.as_bytes()))
            .map_err(csv_to_io)?;
    }
    out.flush()
}

/// Writes `export` records as JSON Lines or CSV, one at a time. Unlike hits, records are written as they
/// are stored, not sanitised: they are for machines, and must read back to the same values.
pub(crate) struct RecordWriter<W: Write> {
    inner: RecordSink<W>,
}

enum RecordSink<W: Write> {
    Json(W),
    Csv(Box<csv::Writer<W>>),
}

/// A record as `export` writes it in JSON: its keys in the order of [`Column::ALL`], the order of the
/// exported CSV's columns, rather than the order a hit lists them in.
struct Exported<'a>(&'a Record);

impl Serialize for Exported<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Record", Column::ALL.len())?;
        for column in Column::ALL {
            out.serialize_field(column.name(), &column.value(self.0))?;
        }
        out.end()
    }
}

impl<W: Write> RecordWriter<W> {
    /// A writer of JSON Lines, or of CSV with its header.
    pub(crate) fn new(w: W, csv: bool) -> io::Result<RecordWriter<W>> {
        let inner = if csv {
            let mut out = csv::Writer::from_writer(w);
            out.write_record(Column::ALL.map(Column::name))
                .map_err(csv_to_io)?;
            RecordSink::Csv(Box::new(out))
        } else {
            RecordSink::Json(w)
        };
        Ok(RecordWriter { inner })
    }

    /// Writes one record.
    pub(crate) fn write(&mut self, r: &Record) -> io::Result<()> {
        match &mut self.inner {
            RecordSink::Json(w) => {
                serde_json::to_writer(&mut *w, &Exported(r))?;
                w.write_all(b"\n")
            }
            RecordSink::Csv(out) => {
                let row = Column::ALL.map(|column| match column.value(r) {
                    Value::Text(s) => Cow::Borrowed(s),
                    Value::Optional(s) => Cow::Borrowed(s.unwrap_or_default()),
                    Value::Number(n) => Cow::Owned(n.to_string()),
                    Value::List(values) => Cow::Owned(values.join(LIST_SEPARATOR)),
                });
                out.write_record(row.iter().map(|cell| cell.as_bytes()))
                    .map_err(csv_to_io)
            }
        }
    }

    /// Flushes what is buffered.
    pub(crate) fn finish(self) -> io::Result<()> {
        match self.inner {
            RecordSink::Json(mut w) => w.flush(),
            RecordSink::Csv(mut out) => out.flush(),
        }
    }
}

/// Writes an index summary for reading: totals, then the speakers, countries and years tables.
///
/// No colour: it is a few lines read once. Machines get the same data from `Stats`' JSON.
pub(crate) fn write_stats<W: Write>(w: &mut W, stats: &Stats) -> io::Result<()> {
    writeln!(w, "statements  {}", stats.statements)?;
    writeln!(
        w,
        "paragraphs  {} ({} attributed to a speaker, {} undated)",
        stats.paragraphs, stats.attributed, stats.undated
    )?;
    writeln!(w, "index size  {}", human_bytes(stats.index_bytes))?;
    for (name, counts) in [
        ("speakers", &stats.speakers),
        ("countries", &stats.countries),
        ("years", &stats.years),
    ] {
        if counts.is_empty() {
            continue;
        }
        writeln!(w, "\n{name}")?;
        write_counts(w, counts)?;
    }
    Ok(())
}

/// One count per line, right-aligned so the values line up.
fn write_counts<W: Write>(w: &mut W, counts: &[Count]) -> io::Result<()> {
    let width = counts
        .iter()
        .map(|c| c.paragraphs.to_string().len())
        .max()
        .unwrap_or(0);
    for c in counts {
        writeln!(w, "  {:>width$}  {}", c.paragraphs, sanitize(&c.value))?;
    }
    Ok(())
}

/// Bytes in binary units with one decimal, which is as precise as a folder size is worth.
fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// csv's own conversion wraps every error as `Other`, which would turn a closed pipe into a failure; keep
/// the writer's io::Error when there is one.
pub(crate) fn csv_to_io(e: csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
// Highlights are lists of ranges, and one range is the common case, not a mistyped `vec![x; n]`.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::search::Snippet;

    fn hit() -> Hit {
        Hit {
            rank: 1,
            score: Some(7.5),
            record: Record {
                id: "xi-jinping-thongloun-sisoulith-2021-01-21#3".into(),
                statement: "xi-jinping-thongloun-sisoulith-2021-01-21".into(),
                source: "xi-jinping-thongloun-sisoulith-2021-01-21.txt".into(),
                title: Some("Xi Jinping Speaks with Thongloun Sisoulith on the Phone".into()),
                date: Some("2021-01-21".into()),
                speakers: vec!["Xi Jinping".into(), "Thongloun Sisoulith".into()],
                countries: vec!["CHN".into(), "LAO".into()],
                country_names: vec!["China".into(), "Laos".into()],
                paragraph: 3,
                role: "joint".into(),
                sieve: "reporting".into(),
                kind: "readout".into(),
                url: None,
                answers: None,
                text: "Both sides agreed to push for Belt and Road cooperation.\nMore later."
                    .into(),
            },
            snippet: Snippet {
                text: "…push for more Belt and Road\tcooperation.\r\nAt the…".into(),
                // "Belt" after the 3-byte ellipsis.
                highlights: vec![17..21],
            },
        }
    }

    fn narration() -> Hit {
        Hit {
            rank: 2,
            score: None,
            record: Record {
                title: None,
                date: None,
                speakers: vec![],
                countries: vec![],
                country_names: vec![],
                paragraph: 1,
                role: "narration".into(),
                ..hit().record
            },
            snippet: Snippet {
                text: "On 21 January, the two leaders spoke.".into(),
                highlights: vec![15..18],
            },
        }
    }

    fn render(hits: &[Hit], format: Format, color: bool) -> String {
        let mut out = Vec::new();
        write_hits(&mut out, hits, Style { format, color }).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn human_without_colour() {
        let got = render(&[hit(), narration()], Format::Human, false);
        let want = "\
1. 2021-01-21  Xi Jinping; Thongloun Sisoulith (China; Laos)  joint
   Xi Jinping Speaks with Thongloun Sisoulith on the Phone
   xi-jinping-thongloun-sisoulith-2021-01-21.txt ¶3
   …push for more Belt and Road cooperation. At the…

2. undated  —  narration
   xi-jinping-thongloun-sisoulith-2021-01-21.txt ¶1
   On 21 January, the two leaders spoke.
";
        assert_eq!(got, want);
        assert!(!got.contains('\x1b'));
    }

    #[test]
    fn human_falls_back_to_country_codes() {
        let h = Hit {
            record: Record {
                country_names: vec![],
                ..hit().record
            },
            ..hit()
        };
        let got = render(&[h], Format::Human, false);
        assert!(
            got.starts_with("1. 2021-01-21  Xi Jinping; Thongloun Sisoulith (CHN; LAO)  joint\n")
        );
    }

    #[test]
    fn colour_marks_the_highlight() {
        let got = render(&[hit()], Format::Human, true);
        assert!(got.contains("\x1b[1;31mBelt\x1b[0m"), "{got:?}");
        assert!(got.contains("\x1b[1m1.\x1b[0m"));
        assert!(got.contains("\x1b[1;32mXi Jinping; Thongloun Sisoulith\x1b[0m"));
        // Stripping the codes gives back the plain layout.
        let plain = render(&[hit()], Format::Human, false);
        let stripped = got
            .replace("\x1b[1;31m", "")
            .replace("\x1b[1;32m", "")
            .replace("\x1b[36m", "")
            .replace("\x1b[2m", "")
            .replace("\x1b[1m", "")
            .replace("\x1b[0m", "");
        assert_eq!(stripped, plain);
    }

    #[test]
    fn no_escape_codes_without_colour() {
        let hits = [hit(), narration()];
        for format in [Format::Human, Format::JsonLines, Format::Csv] {
            assert!(!render(&hits, format, false).contains('\x1b'), "{format:?}");
        }
    }

    #[test]
    fn sanitize_escapes_terminal_sequences() {
        let got = sanitize("\x1b[31mred");
        assert!(!got.contains('\x1b'));
        assert_eq!(got, "\\u{1b}[31mred");
        assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(sanitize("a\u{7f}b\u{9b}c"), "a\\u{7f}b\\u{9b}c");
        assert_eq!(
            sanitize("\u{2067}x\u{2069}\u{200b}"),
            "\\u{2067}x\\u{2069}\\u{200b}"
        );
        assert_eq!(sanitize("\u{e0041}"), "\\u{e0041}");
    }

    #[test]
    fn sanitize_folds_line_breaks() {
        assert_eq!(
            sanitize("one\r\ntwo\tthree\n\n\nfour"),
            "one two three four"
        );
        assert_eq!(sanitize("\n"), " ");
    }

    #[test]
    fn sanitize_borrows_clean_text() {
        for s in [
            "plain text",
            "é, 中文, العربية",
            "",
            "emoji 👍🏽 and ZWJ 👨\u{200d}👩",
        ] {
            let got = sanitize(s);
            assert!(matches!(got, Cow::Borrowed(_)), "{s:?}");
            assert_eq!(got, s);
        }
    }

    #[test]
    fn bad_highlight_ranges_do_not_panic() {
        let text = "中文 and Belt";
        let bad = [
            1..2,                        // inside a character
            0..100,                      // past the end
            Range { start: 10, end: 5 }, // reversed, spelled out so clippy lets it through
            4..4,                        // empty
        ];
        for r in bad {
            let h = Hit {
                snippet: Snippet {
                    text: text.into(),
                    highlights: vec![r.clone(), 11..15],
                },
                ..hit()
            };
            let got = render(&[h], Format::Human, true);
            assert!(got.contains("\x1b[1;31mBelt\x1b[0m"), "{r:?}: {got:?}");
        }
    }

    #[test]
    fn highlight_is_sanitised_piecewise() {
        let mut out = Vec::new();
        write_highlighted(&mut out, "a\x1bb\u{202e}c", &[2..6]).unwrap();
        let got = String::from_utf8(out).unwrap();
        assert_eq!(got, "a\\u{1b}\x1b[1;31mb\\u{202e}\x1b[0mc");
    }

    #[test]
    fn json_lines_round_trip() {
        let got = render(&[hit(), narration()], Format::JsonLines, false);
        assert!(got.ends_with('\n'));
        let lines: Vec<&str> = got.lines().collect();
        assert_eq!(lines.len(), 2);
        let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        let keys = [
            "rank",
            "score",
            "id",
            "statement",
            "source",
            "title",
            "date",
            "speakers",
            "countries",
            "country_names",
            "paragraph",
            "role",
            "sieve",
            "kind",
            "url",
            "answers",
            "text",
            "snippet",
        ];
        for k in keys {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        assert_eq!(v.as_object().unwrap().len(), keys.len());
        assert_eq!(v["snippet"]["highlights"][0]["start"], 17);
        assert_eq!(v["snippet"]["highlights"][0]["end"], 21);
        assert_eq!(v["speakers"][1], "Thongloun Sisoulith");
        let n: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert!(n["score"].is_null() && n["date"].is_null() && n["title"].is_null());
    }

    #[test]
    fn csv_round_trip() {
        let tricky = Hit {
            record: Record {
                title: Some("Remarks, \"quoted\", on trade".into()),
                ..hit().record
            },
            ..hit()
        };
        let got = render(&[tricky, narration()], Format::Csv, false);
        let mut reader = csv::Reader::from_reader(got.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CSV_HEADER);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][8], "Remarks, \"quoted\", on trade");
        assert_eq!(&rows[0][1], "7.5");
        assert_eq!(&rows[0][5], "Xi Jinping; Thongloun Sisoulith");
        assert_eq!(&rows[0][6], "CHN; LAO");
        assert_eq!(&rows[0][7], "China; Laos");
        assert_eq!(&rows[1][1], "");
        assert_eq!(&rows[1][4], "");
        assert_eq!(&rows[1][5], "");
    }

    #[test]
    fn the_search_csv_has_every_record_column_once() {
        for column in Column::ALL {
            let n = HIT_COLUMNS
                .iter()
                .filter(|c| **c == HitColumn::Record(column))
                .count();
            assert_eq!(n, 1, "{column:?}");
        }
    }

    #[test]
    fn csv_header_even_without_hits() {
        let got = render(&[], Format::Csv, false);
        assert_eq!(got, format!("{}\n", CSV_HEADER.join(",")));
    }

    #[test]
    fn csv_text_is_sanitised() {
        let h = Hit {
            record: Record {
                text: "evil \x1b]0;title\x07 text".into(),
                ..hit().record
            },
            ..hit()
        };
        let got = render(&[h], Format::Csv, false);
        assert!(!got.contains('\x1b') && !got.contains('\x07'));
    }

    #[test]
    fn stats_summary() {
        let count = |value: &str, paragraphs| Count {
            value: value.into(),
            paragraphs,
        };
        let stats = Stats {
            statements: 2,
            paragraphs: 120,
            attributed: 100,
            undated: 3,
            speakers: vec![count("Xi Jinping", 95), count("Evil\x1b[2J", 5)],
            countries: vec![],
            years: vec![count("2021", 120)],
            index_bytes: 3 * 1024 * 1024 / 2,
        };
        let mut out = Vec::new();
        write_stats(&mut out, &stats).unwrap();
        let got = String::from_utf8(out).unwrap();
        let want = "\
statements  2
paragraphs  120 (100 attributed to a speaker, 3 undated)
index size  1.5 MiB

speakers
  95  Xi Jinping
   5  Evil\\u{1b}[2J

years
  120  2021
";
        assert_eq!(got, want);
    }

    #[test]
    fn byte_sizes() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1024), "1.0 KiB");
        assert_eq!(human_bytes(5 * 1024 * 1024 * 1024), "5.0 GiB");
    }

    /// A writer that reports a closed pipe, as stdout does under `| head`.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn broken_pipe_stays_broken_pipe() {
        for format in [Format::Human, Format::JsonLines, Format::Csv] {
            let err = write_hits(
                &mut Closed,
                &[hit()],
                Style {
                    format,
                    color: false,
                },
            )
            .unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::BrokenPipe, "{format:?}");
        }
    }
}
