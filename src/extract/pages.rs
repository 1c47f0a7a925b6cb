//! Positioned lines of printed pages to running text: columns read in order, page furniture dropped,
//! paragraphs told apart by spacing, and what a page or column break or a line-end hyphen cut joined.
//!
//! Pure functions over plain data, so that each rule is tested on invented pages rather than on PDFs: the
//! PDF reader ([`super::pdf`]) only turns glyphs into [`Line`]s.

use std::collections::HashMap;

/// One printed line: a run of glyphs on one baseline with no wide gap inside.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Left edge, in points from the page's left.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Baseline, in points from the page's top (growing downwards).
    pub y: f32,
    /// Font size of most of its glyphs, in points.
    pub size: f32,
    /// Its text, words separated by single spaces.
    pub text: String,
}

/// One page's lines, in any order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The lines printed on it.
    pub lines: Vec<Line>,
}

/// Lines at the top and at the bottom of a page looked at for running headers, footers and page numbers.
const EDGE_LINES: usize = 3;

/// Running text of `pages`: paragraphs separated by blank lines, furniture removed.
pub fn text_of(pages: &[Page]) -> String {
    let furniture = Furniture::of(pages);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let kept: Vec<&Line> = page
            .lines
            .iter()
            .enumerate()
            .filter(|(i, _)| !furniture.is_furniture(n, *i))
            .map(|(_, l)| l)
            .collect();
        for column in columns(page, &kept) {
            let mut first = true;
            for p in paragraphs_of(&column) {
                // A column or a page begins mid-paragraph when the one before stops mid-sentence, or
                // ends on a full line.
                match paragraphs.last_mut() {
                    Some(last) if first && runs_on(last, &p) => {
                        join_line(&mut last.text, &p.text);
                        last.room = p.room;
                    }
                    _ => paragraphs.push(p),
                }
                first = false;
            }
        }
    }
    let mut out = String::new();
    for p in paragraphs {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p.text);
    }
    resolve_hyphens(&out)
}

/// A paragraph as read so far.
struct Paragraph {
    text: String,
    /// Width of its first word, in points.
    first_word: f32,
    /// Room left on its last line, in points: a line ended with room for the next word was ended on
    /// purpose.
    room: f32,
}

/// Which lines of which pages are furniture.
struct Furniture {
    /// (page, line index) of every furniture line.
    lines: std::collections::HashSet<(usize, usize)>,
}

impl Furniture {
    /// Finds the lines near a page's top or bottom that repeat on other pages (digits aside: "2/9 18-43649"
    /// and "3/9 18-43649" are one footer), page numbers, and lone document symbols.
    fn of(pages: &[Page]) -> Furniture {
        let edges: Vec<Vec<usize>> = pages.iter().map(edge_lines).collect();
        // Where each shape stands on the pages that carry it: a running header or footer stands at one
        // height page after page, while text that merely repeats (a treaty's "Done at Alma-Ata" under
        // each agreement) moves.
        let mut seen: HashMap<String, Vec<(usize, f32)>> = HashMap::new();
        for (n, edge) in edges.iter().enumerate() {
            for &i in edge {
                let line = &pages[n].lines[i];
                let at = seen.entry(shape(&line.text)).or_default();
                if at.last().is_none_or(|&(page, _)| page != n) {
                    at.push((n, line.y));
                }
            }
        }
        // Headers of facing pages alternate, and a cover page has none: a third of the pages is enough,
        // two at least.
        let needed = (pages.len() / 3).max(2);
        let running = |text: &str, y: f32| {
            seen.get(&shape(text)).is_some_and(|at| {
                at.iter()
                    .filter(|&&(_, other)| (other - y).abs() < 6.0)
                    .count()
                    >= needed
            })
        };
        let mut lines = std::collections::HashSet::new();
        for (n, edge) in edges.iter().enumerate() {
            for &i in edge {
                let line = &pages[n].lines[i];
                let text = &line.text;
                if running(text, line.y)
                    || is_page_number(text)
                    || is_symbol(text)
                    || is_job_number(text)
                {
                    lines.insert((n, i));
                }
            }
        }
        let body = body_size_of(pages);
        for (n, page) in pages.iter().enumerate() {
            for i in roster_rows(page) {
                lines.insert((n, i));
            }
            for (i, line) in page.lines.iter().enumerate() {
                if is_small_print(page, line, body, |j| lines.contains(&(n, j))) {
                    lines.insert((n, i));
                }
            }
        }
        Furniture { lines }
    }

    fn is_furniture(&self, page: usize, line: usize) -> bool {
        self.lines.contains(&(page, line))
    }
}

/// Share of a page's height at its top and at its bottom where running headers and footers are looked for.
const EDGE_SHARE: f32 = 0.12;

/// The type size most of a document's text is set in, by characters.
fn body_size_of(pages: &[Page]) -> f32 {
    let mut sizes: HashMap<u32, usize> = HashMap::new();
    for line in pages.iter().flat_map(|p| &p.lines) {
        *sizes.entry((line.size * 2.0).round() as u32).or_default() += line.text.len();
    }
    sizes
        .into_iter()
        .max_by_key(|&(size, chars)| (chars, size))
        .map_or(10.0, |(size, _)| size as f32 / 2.0)
}

/// Small print closing a page: a line in type smaller than the body's, in the page's lower half, with no
/// body text below it in its column (a footnote, a cover's notice on how to correct the record).
fn is_small_print(
    page: &Page,
    line: &Line,
    body: f32,
    is_furniture: impl Fn(usize) -> bool,
) -> bool {
    if line.size >= body * 0.9 || line.y < page.height * 0.5 {
        return false;
    }
    !page.lines.iter().enumerate().any(|(j, other)| {
        other.y > line.y + 1.0
            && (other.size - body).abs() < body * 0.1
            && other.x0 < line.x1
            && other.x1 > line.x0
            && !is_furniture(j)
    })
}

/// The lines of a page's table rows with leader dots ("China . . . . . . Mr. Ma Zhaoxu"): a roster or a
/// table of contents, not prose. A row is every line on the baseline of one with four leader dots or
/// more (its label, "Members:", and its last column), and of one with two right under such a row (a
/// long name leaves room for two).
fn roster_rows(page: &Page) -> Vec<usize> {
    let strong = |t: &str| t.contains(". . . .") || t.contains("....") || t.contains("… …");
    let weak = |t: &str| t.contains(". .") || t.contains("..");
    let mut rows: Vec<f32> = page
        .lines
        .iter()
        .filter(|l| strong(&l.text))
        .map(|l| l.y)
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    for line in &page.lines {
        let under_a_row = rows
            .iter()
            .any(|&y| line.y > y && line.y - y < line.size * 2.0);
        if weak(&line.text) && under_a_row {
            rows.push(line.y);
        }
    }
    (0..page.lines.len())
        .filter(|&i| {
            let line = &page.lines[i];
            rows.iter().any(|&y| (line.y - y).abs() < line.size * 0.3)
        })
        .collect()
}

/// Indexes of the lines nearest a page's top and bottom: on its first or last few baselines, and in its
/// top or bottom eighth.
fn edge_lines(page: &Page) -> Vec<usize> {
    let (head, foot) = (page.height * EDGE_SHARE, page.height * (1.0 - EDGE_SHARE));
    let mut order: Vec<usize> = (0..page.lines.len()).collect();
    order.sort_by(|&a, &b| page.lines[a].y.total_cmp(&page.lines[b].y));
    let mut ys: Vec<f32> = order.iter().map(|&i| page.lines[i].y).collect();
    ys.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    // Lines on the first and last few baselines; several lines can share one (a header's left and right
    // halves).
    let top = ys.get(EDGE_LINES.min(ys.len()).saturating_sub(1)).copied();
    let bottom = ys
        .len()
        .checked_sub(EDGE_LINES)
        .and_then(|i| ys.get(i))
        .copied();
    order
        .into_iter()
        .filter(|&i| {
            let y = page.lines[i].y;
            (y <= head && top.is_some_and(|t| y <= t + 1.0))
                || (y >= foot && bottom.is_some_and(|b| y >= b - 1.0))
        })
        .collect()
}

/// A line's shape for repetition: digits as one mark, spaces squeezed, case ignored.
fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// "12", "- 12 -", "2/9", "Page 3 of 10", "iii".
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let lower = t.to_lowercase();
    let t = lower.strip_prefix("page").map_or(lower.as_str(), str::trim);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/').or_else(|| t.split_once(" of ")) {
        return digits(a.trim()) && digits(b.trim());
    }
    !t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
}

/// A document symbol alone on its line: "S/PV.9999", "A/76/PV.102", "S/2018/1016".
pub(super) fn is_symbol(text: &str) -> bool {
    let t = text.trim();
    !t.contains(' ')
        && t.contains('/')
        && t.len() <= 40
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '(' | ')'))
}

/// A print job number or its bar code, as the UN stamps each document's pages: "18-43649 (E)",
/// "*1843649*".
fn is_job_number(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .strip_suffix(")")
        .and_then(|t| t.rsplit_once(" ("))
        .map_or(t, |(number, lang)| {
            if lang.len() <= 2 && lang.chars().all(|c| c.is_ascii_uppercase()) {
                number
            } else {
                t
            }
        });
    let t = t.trim_matches('*');
    t.len() >= 6
        && t.chars().all(|c| c.is_ascii_digit() || c == '-')
        && t.chars().filter(|c| c.is_ascii_digit()).count() >= 6
}

/// The kept lines of a page in reading order, as columns: each a list of lines top to bottom. A page in
/// two columns is read left column then right, band by band between lines that span both.
fn columns(page: &Page, lines: &[&Line]) -> Vec<Vec<Line>> {
    let mut sorted: Vec<&Line> = lines.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let Some(gutter) = gutter(page, &sorted) else {
        return vec![merge_same_baseline(&sorted)];
    };
    let mut out: Vec<Vec<Line>> = Vec::new();
    let (mut left, mut right): (Vec<&Line>, Vec<&Line>) = (Vec::new(), Vec::new());
    for line in sorted {
        if line.x1 <= gutter {
            left.push(line);
        } else if line.x0 >= gutter {
            right.push(line);
        } else {
            // A line across both columns (a heading, a table) closes the band above it.
            for column in [std::mem::take(&mut left), std::mem::take(&mut right)] {
                if !column.is_empty() {
                    out.push(merge_same_baseline(&column));
                }
            }
            out.push(vec![line.clone()]);
        }
    }
    for column in [left, right] {
        if !column.is_empty() {
            out.push(merge_same_baseline(&column));
        }
    }
    out
}

/// Where a page's two columns part, if it has two: an x in the middle third that most lines keep clear
/// of, with lines on both sides.
/// Places tried for a gutter across the middle third of a page: every 2 points of a letter-size page.
const GUTTER_STEPS: usize = 100;

fn gutter(page: &Page, lines: &[&Line]) -> Option<f32> {
    if lines.len() < 6 || page.width <= 0.0 {
        return None;
    }
    let (lo, hi) = (page.width / 3.0, page.width * 2.0 / 3.0);
    let mut best: Option<(usize, f32)> = None;
    // A fixed number of steps over the middle third: a hostile page's width may be so large that adding
    // a step to it changes nothing.
    for k in 0..=GUTTER_STEPS {
        let x = lo + (hi - lo) * k as f32 / GUTTER_STEPS as f32;
        let crossing = lines.iter().filter(|l| l.x0 < x && l.x1 > x).count();
        if best.is_none_or(|(c, _)| crossing < c) {
            best = Some((crossing, x));
        }
    }
    let (crossing, x) = best?;
    let left = lines.iter().filter(|l| l.x1 <= x).count();
    let right = lines.iter().filter(|l| l.x0 >= x).count();
    // Both columns must hold real text, and lines across the gutter be the exception (headings).
    (left >= 3 && right >= 3 && crossing * 5 <= left + right).then_some(x)
}

/// Lines of one column sharing a baseline (a speaker's label and its text, set in two runs) become one,
/// left to right; `lines` are sorted top to bottom, then left to right.
fn merge_same_baseline(lines: &[&Line]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for &line in lines {
        match out.last_mut() {
            Some(last) if (line.y - last.y).abs() < last.size.min(line.size) * 0.3 => {
                last.x1 = last.x1.max(line.x1);
                last.size = last.size.max(line.size);
                last.text.push(' ');
                last.text.push_str(line.text.trim());
            }
            _ => out.push(line.clone()),
        }
    }
    out
}

/// Splits one column's lines into paragraphs: a gap wider than the usual line spacing, an indented first
/// line, a change of type size, or a line ended with room left for the next line's first word ends one.
fn paragraphs_of(column: &[Line]) -> Vec<Paragraph> {
    let spacing = usual_spacing(column);
    let left = column.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
    let right = column
        .iter()
        .map(|l| l.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut previous: Option<&Line> = None;
    for line in column {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        let word = first_word_width(line);
        let new = match previous {
            None => true,
            Some(p) => {
                let gap = line.y - p.y;
                let wide = spacing.map_or(gap > p.size * 1.6, |s| gap > s * 1.3);
                let indented = line.x0 > left + line.size * 0.8 && p.x0 <= left + line.size * 0.8;
                let ended = right - p.x1 > word + line.size * 0.6;
                let size_change = (line.size - p.size).abs() > p.size.max(1.0) * 0.2;
                wide || indented || ended || size_change || gap < 0.0
            }
        };
        if new {
            out.push(Paragraph {
                text: text.to_string(),
                first_word: word,
                room: right - line.x1,
            });
        } else if let Some(last) = out.last_mut() {
            join_line(&mut last.text, text);
            last.room = right - line.x1;
        }
        previous = Some(line);
    }
    out
}

/// The width of a line's first word, its share of the line's characters.
fn first_word_width(line: &Line) -> f32 {
    let text = line.text.trim();
    let chars = text.chars().count().max(1) as f32;
    let word = text
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count()) as f32;
    (line.x1 - line.x0) * word / chars
}

/// The most common distance between consecutive baselines, if lines follow each other closely enough
/// for one to show.
fn usual_spacing(column: &[Line]) -> Option<f32> {
    let mut gaps: Vec<f32> = column
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|&g| g > 0.0 && g < body_size(column) * 3.0)
        .collect();
    if gaps.len() < 3 {
        return None;
    }
    gaps.sort_by(f32::total_cmp);
    // The lower quartile: paragraph gaps are the exception, but in a page of short paragraphs not rare.
    Some(gaps[gaps.len() / 4])
}

/// The median font size of a column's lines.
fn body_size(column: &[Line]) -> f32 {
    let mut sizes: Vec<f32> = column.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(12.0).max(1.0)
}

/// True when `text` ends a sentence: a full stop, question or exclamation mark, or a colon, maybe in
/// quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    t.ends_with(['.', '?', '!', ':', '…', '。'])
}

/// True when the paragraph `next` continues `previous` across a column or page break: `previous` stops
/// mid-sentence, or on a line with no room for `next`'s first word, or `next` opens in lower case.
fn runs_on(previous: &Paragraph, next: &Paragraph) -> bool {
    let text = previous.text.trim_end();
    if looks_like_heading(text) {
        return false;
    }
    let opens_lower = next.text.starts_with(|c: char| c.is_lowercase());
    let full = previous.room < next.first_word;
    opens_lower || full || (!ends_sentence(text) && !text.ends_with(';'))
}

/// A short line with no sentence punctuation: a heading, which nothing runs on from.
fn looks_like_heading(text: &str) -> bool {
    text.chars().count() < 80 && !text.contains(['.', ',', ';'])
}

/// Marks a line-end hyphen whose keeping is decided once the whole text is known ([`resolve_hyphens`]).
const HYPHEN_MARK: char = '\u{e000}';

/// Appends a line to a paragraph. A word hyphenated across the break ("negoti-" "ations") is joined;
/// whether the hyphen stays ("cease-" "fire") is left to [`resolve_hyphens`]; before a capital or a
/// figure ("China-" "Laos", "COVID-" "19") it stays.
pub(crate) fn join_line(paragraph: &mut String, line: &str) {
    let line = line.trim();
    if paragraph.ends_with('\u{ad}') {
        paragraph.pop();
        paragraph.push_str(line);
        return;
    }
    let hyphen =
        paragraph.ends_with('-') && paragraph[..paragraph.len() - 1].ends_with(char::is_alphabetic);
    if hyphen && line.starts_with(char::is_lowercase) {
        paragraph.pop();
        paragraph.push(HYPHEN_MARK);
    } else if !hyphen && !paragraph.is_empty() {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Settles each hyphen cut at a line end: kept when the text writes the same word with a hyphen
/// elsewhere ("high-level"), dropped otherwise ("negotiations").
fn resolve_hyphens(text: &str) -> String {
    if !text.contains(HYPHEN_MARK) {
        return text.to_string();
    }
    let word_at = |s: &str, forward: bool| -> String {
        let part: String = if forward {
            s.chars().take_while(|c| c.is_alphanumeric()).collect()
        } else {
            let rev: String = s
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            rev.chars().rev().collect()
        };
        part
    };
    // The hyphenated words the text writes on one line, gathered once: looking each cut word up in the
    // whole text was quadratic in a long record.
    let written: std::collections::HashSet<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| w.split('-').count() >= 2 && w.split('-').all(|part| !part.is_empty()))
        .flat_map(|w| {
            // "Asia-Pacific-wide" also writes "Asia-Pacific" and "Pacific-wide".
            let parts: Vec<&str> = w.split('-').collect();
            let mut pairs = Vec::with_capacity(parts.len());
            let mut from = 0;
            for (i, part) in parts.iter().enumerate().take(parts.len() - 1) {
                let end = from + part.len() + 1 + parts[i + 1].len();
                pairs.push(&w[from..end]);
                from += part.len() + 1;
            }
            pairs
        })
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(HYPHEN_MARK) {
        let (before, after) = (&rest[..at], &rest[at + HYPHEN_MARK.len_utf8()..]);
        let (head, tail) = (word_at(before, false), word_at(after, true));
        out.push_str(before);
        // A cut beside something not a word keeps its hyphen.
        if head.is_empty() || tail.is_empty() || written.contains(format!("{head}-{tail}").as_str())
        {
            out.push('-');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line at `y` from `x0` to `x1` in 10-point type.
    fn line(x0: f32, x1: f32, y: f32, text: &str) -> Line {
        Line {
            x0,
            x1,
            y,
            size: 10.0,
            text: text.into(),
        }
    }

    /// A one-column page: running header, body lines 12 points apart, footer with its page number.
    fn page(n: usize, body: &[&str]) -> Page {
        let mut lines = vec![
            line(60.0, 200.0, 40.0, "S/PV.9999"),
            line(300.0, 550.0, 40.0, "Invented matters of state 01/02/2030"),
        ];
        for (i, text) in body.iter().enumerate() {
            lines.push(line(60.0, 540.0, 100.0 + 12.0 * i as f32, text));
        }
        lines.push(line(60.0, 100.0, 760.0, &format!("{n}/4")));
        lines.push(line(480.0, 550.0, 760.0, "30-12345 (E)"));
        Page {
            width: 612.0,
            height: 792.0,
            lines,
        }
    }

    #[test]
    fn running_headers_footers_page_numbers_and_symbols_are_dropped() {
        let pages: Vec<Page> = (1..=4)
            .map(|n| {
                page(
                    n,
                    &["Mr. Example (Freedonia): We meet again.", "Peace is near."],
                )
            })
            .collect();
        let text = text_of(&pages);
        assert!(!text.contains("S/PV"), "{text}");
        assert!(!text.contains("Invented matters"), "{text}");
        assert!(!text.contains("/4"), "{text}");
        assert!(!text.contains("30-12345"), "{text}");
        assert_eq!(text.matches("We meet again.").count(), 4, "{text}");
    }

    #[test]
    fn text_repeated_at_other_heights_is_not_a_running_footer() {
        let pages: Vec<Page> = (0..3)
            .map(|n| {
                let mut lines: Vec<Line> = (0..4)
                    .map(|i| {
                        line(
                            60.0,
                            540.0,
                            100.0 + 12.0 * i as f32,
                            "Article text goes on,",
                        )
                    })
                    .collect();
                lines.push(line(
                    60.0,
                    300.0,
                    700.0 + 20.0 * n as f32,
                    "Done at Alma-Ata.",
                ));
                Page {
                    width: 612.0,
                    height: 792.0,
                    lines,
                }
            })
            .collect();
        assert_eq!(text_of(&pages).matches("Done at Alma-Ata.").count(), 3);
    }

    #[test]
    fn a_sentence_cut_by_a_page_break_is_one_paragraph() {
        let pages = vec![
            page(
                1,
                &[
                    "Mr. Example (Freedonia): The council must act",
                    "before the rains come and",
                ],
            ),
            page(2, &["the roads close. That is all.", "x"]),
        ];
        let text = text_of(&pages);
        assert!(
            text.contains("before the rains come and the roads close. That is all."),
            "{text}"
        );
    }

    #[test]
    fn a_cut_keeps_its_hyphen_where_the_text_writes_the_pair_anywhere() {
        let m = HYPHEN_MARK;
        // "Asia-Pacific-wide" writes "Pacific-wide"; "negoti|ations" is written nowhere with a hyphen.
        let text =
            format!("an Asia-Pacific-wide plan. Pacific{m}wide talks and negoti{m}ations, 1990{m}");
        assert_eq!(
            resolve_hyphens(&text),
            "an Asia-Pacific-wide plan. Pacific-wide talks and negotiations, 1990-"
        );
    }

    #[test]
    fn words_hyphenated_across_lines_are_joined() {
        let pages = vec![page(
            1,
            &[
                "We call for an immediate cease-",
                "fire and for negoti-",
                "ations to resume.",
            ],
        )];
        let text = text_of(&pages);
        assert!(text.contains("negotiations to resume."), "{text}");
        let mut p = String::from("the China-");
        join_line(&mut p, "Laos railway");
        assert_eq!(p, "the China-Laos railway");
        let lines = [
            "high-level talks, more high-",
            "level talks and a cease-",
            "fire.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| line(60.0, 540.0, 100.0 + 12.0 * i as f32, t))
        .collect();
        let pages = [Page {
            width: 612.0,
            height: 792.0,
            lines,
        }];
        assert_eq!(
            text_of(&pages),
            "high-level talks, more high-level talks and a ceasefire."
        );
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut lines = Vec::new();
        for i in 0..5 {
            lines.push(line(
                60.0,
                290.0,
                100.0 + 12.0 * i as f32,
                &format!("left {i},"),
            ));
            lines.push(line(
                320.0,
                550.0,
                100.0 + 12.0 * i as f32,
                &format!("right {i},"),
            ));
        }
        let pages = vec![Page {
            width: 612.0,
            height: 792.0,
            lines,
        }];
        let text = text_of(&pages);
        assert_eq!(
            text,
            "left 0, left 1, left 2, left 3, left 4, right 0, right 1, right 2, right 3, right 4,"
        );
    }

    #[test]
    fn a_wide_gap_or_a_short_line_ending_a_sentence_starts_a_paragraph() {
        let lines = vec![
            line(60.0, 540.0, 100.0, "The first paragraph runs over"),
            line(60.0, 300.0, 112.0, "two lines."),
            line(60.0, 540.0, 124.0, "The second follows at once and"),
            line(60.0, 540.0, 136.0, "goes on."),
            line(60.0, 540.0, 160.0, "The third is set apart"),
            line(60.0, 540.0, 172.0, "by a gap"),
        ];
        let text = text_of(&[Page {
            width: 612.0,
            height: 792.0,
            lines,
        }]);
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 3, "{text}");
        assert_eq!(paragraphs[2], "The third is set apart by a gap");
    }

    #[test]
    fn small_print_closing_a_page_and_rosters_are_dropped() {
        let mut lines = vec![
            line(20.0, 50.0, 100.0, "Members:"),
            line(60.0, 300.0, 100.0, "China . . . . . . . . . ."),
            line(400.0, 540.0, 100.0, "Mr. Example"),
            line(60.0, 300.0, 112.0, "United Kingdom of Great Britain . ."),
            line(400.0, 540.0, 112.0, "Ms. Other"),
        ];
        for i in 0..4 {
            lines.push(line(
                60.0,
                540.0,
                200.0 + 12.0 * i as f32,
                "The meeting was called to order,",
            ));
        }
        let mut note = line(
            60.0,
            540.0,
            700.0,
            "This record contains the text of speeches delivered in English.",
        );
        note.size = 8.0;
        lines.push(note);
        let text = text_of(&[Page {
            width: 612.0,
            height: 792.0,
            lines,
        }]);
        for gone in ["Members", "Example", "Kingdom", "Other", "This record"] {
            assert!(!text.contains(gone), "{gone}: {text}");
        }
        assert!(text.contains("called to order"), "{text}");
    }

    #[test]
    fn page_numbers_and_symbols_are_told_by_shape() {
        for t in ["12", "- 12 -", "2/9", "Page 3 of 10", "iii"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["In 1945 the", "Peace", "12a"] {
            assert!(!is_page_number(t), "{t}");
        }
        assert!(is_symbol("S/PV.9999") && is_symbol("A/76/PV.102"));
        assert!(is_job_number("18-43649 (E)") && is_job_number("*1843649*"));
        assert!(!is_job_number("2018") && !is_job_number("1-2 (E)"));
        assert!(!is_symbol("and/or") && !is_symbol("Mr. Example"));
    }
}
