//! Paragraphs from plain text, decided by the evidence of each document rather than by a convention
//! fixed in advance.
//!
//! Plain text reaches the indexer in every shape: paragraphs between blank lines, one paragraph a line,
//! lines hard-wrapped at a fixed width inside paragraphs (PDF extractions, e-mail), page breaks in the
//! middle of a sentence, page numbers and running headers, a turn label alone on its line with the answer
//! below it. The rules here read each document's own line lengths and line ends to tell which it is, the
//! same way for a `.txt` file and for the text field of a JSON record.

use std::borrow::Cow;

use super::collapse_spaces;

/// Groups the lines of `text` into paragraphs, each a list of lines to join, leaving out site chrome and
/// page furniture.
///
/// Blank lines end a paragraph, unless they fall inside a sentence (a page break) or follow a turn label
/// alone on its line ("PRIME MINISTER:"), which opens the paragraph of what follows it. Inside a run of lines
/// without a blank one, a line break also ends a paragraph when the next line opens with a paragraph number
/// ("12. ") or a turn label, after a salutation line ("Excellencies,"), or when the line ends a sentence and,
/// in text hard-wrapped at a fixed width (PDF extractions), stops short of that width: a full-width line that
/// happens to end with a full stop is only a wrap. Text with one paragraph a line (no wrapping) has no
/// width, so every sentence-final line end is a paragraph end, and a line that stops mid-sentence runs on
/// into the next.
pub(crate) fn line_blocks(text: &str) -> Vec<Vec<Cow<'_, str>>> {
    let furniture = running_lines(text);
    // Each line with whether it is indented as a paragraph's first line.
    let mut runs: Vec<Vec<(Cow<str>, bool)>> = Vec::new();
    let mut current: Vec<(Cow<str>, bool)> = Vec::new();
    for raw in text.lines() {
        let line = collapse_spaces(raw);
        if line.is_empty() {
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if is_chrome(&line) || is_page_number(&line) || furniture.contains(line.as_ref()) {
            continue;
        }
        current.push((line, is_indented(raw)));
    }
    if !current.is_empty() {
        runs.push(current);
    }
    let width = wrap_width(runs.iter().flatten().map(|(line, _)| line.as_ref()));
    let indents = marks_by_indent(runs.iter().flat_map(|run| {
        run.iter().enumerate().map(|(i, (_, indented))| {
            let after_end = i == 0 || ends_sentence(&run[i - 1].0);
            (*indented, after_end)
        })
    }));
    let mut out: Vec<Vec<Cow<str>>> = Vec::new();
    for run in runs {
        // A blank line inside a sentence is a page break, not a paragraph end; after a label alone on its
        // line it only sets the label off from its turn.
        let mut paragraph: Vec<Cow<str>> = match out.last() {
            Some(last) if continues(last, &run[0].0) || is_bare_label(last) => {
                out.pop().unwrap_or_default()
            }
            _ => Vec::new(),
        };
        for (line, indented) in run {
            if paragraph.last().is_some_and(|last| {
                breaks_between(last, &line, width)
                    || (indents && indented && ends_sentence(last) && opens_sentence(&line))
            }) {
                out.push(std::mem::take(&mut paragraph));
            }
            paragraph.push(line);
        }
        if !paragraph.is_empty() {
            out.push(paragraph);
        }
    }
    out
}

/// The paragraphs of a plain-text body (a JSON record's text, a plain-text file without its title), each
/// one text.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    line_blocks(&text)
        .iter()
        .map(|lines| join_lines(lines))
        .collect()
}

/// Fewest lines a text must have before a line repeated in it is taken for a running header or footer.
const MIN_LINES_FOR_RUNNING: usize = 40;
/// Fewest times a short line must recur to be a running header or footer.
const MIN_RUNNING_REPEATS: usize = 3;
/// Fewest lines between two counted recurrences of a running header or footer: a page's worth.
const MIN_RUNNING_GAP: usize = 10;
/// Longest running header or footer, in characters.
const MAX_RUNNING_CHARS: usize = 80;

/// Short lines that recur through a long text, page after page (a document symbol, a running title, a
/// "Page 3 of 9" footer once its numbers are set aside): page furniture of a PDF extraction. A line that
/// ends a sentence is kept whatever its count ("Thank you." is said many times).
fn running_lines(text: &str) -> std::collections::HashSet<String> {
    // Per line: times counted, and the line number it was last counted at.
    let mut counts: std::collections::HashMap<&str, (usize, usize)> =
        std::collections::HashMap::new();
    let mut lines = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        lines += 1;
        if line.chars().count() <= MAX_RUNNING_CHARS
            && !ends_sentence(line)
            && !is_bare_label(&[Cow::Borrowed(line)])
        {
            // A page's worth of lines apart: a title said three times over at the top is not a
            // running header.
            let (n, last) = counts.entry(line).or_insert((0, 0));
            if *n == 0 || lines - *last >= MIN_RUNNING_GAP {
                *n += 1;
                *last = lines;
            }
        }
    }
    if lines < MIN_LINES_FOR_RUNNING {
        return Default::default();
    }
    counts
        .into_iter()
        .filter(|&(_, (n, _))| n >= MIN_RUNNING_REPEATS)
        .map(|(line, _)| collapse_spaces(line).into_owned())
        .collect()
}

/// True for a line that is only a page number: "12", "- 12 -", "Page 3", "Page 3 of 9", "3/9".
pub(crate) fn is_page_number(line: &str) -> bool {
    if line.len() > 20 {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    let rest = lower
        .trim_start_matches("page")
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let mut parts = rest
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let number = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), None, _) => number(a),
        (Some(a), Some(b), None) => number(a) && number(b),
        _ => false,
    }
}

/// True when the paragraph so far is a turn label alone ("PRIME MINISTER:", "JOURNALIST:"): what follows
/// is its turn.
fn is_bare_label(lines: &[Cow<str>]) -> bool {
    let [line] = lines else { return false };
    line.ends_with(':')
        && super::turns::label(&super::Block::plain(line.as_ref()))
            .is_some_and(|(_, end)| end == line.len())
}

/// True for a line that opens with a turn label in capitals ("MR LANE: Thank you"), which starts a new
/// paragraph even in hard-wrapped text.
fn opens_turn(line: &str) -> bool {
    let Some(colon) = line.find(':') else {
        return false;
    };
    let head = &line[..colon];
    head.chars().any(char::is_alphabetic)
        && !head.chars().any(char::is_lowercase)
        && super::turns::label(&super::Block::plain(line)).is_some()
}

/// Most words a salutation line has ("Distinguished delegates,", "Mr. President,").
const MAX_SALUTATION_WORDS: usize = 6;

/// True for a short line addressing the audience, ending in a comma or an exclamation mark: it is a
/// paragraph of its own, not the start of the next sentence.
fn is_salutation(line: &str) -> bool {
    line.ends_with([',', '!'])
        && line.split_whitespace().count() <= MAX_SALUTATION_WORDS
        && line.starts_with(|c: char| c.is_uppercase())
}

/// Lines this many characters long or longer are not the product of wrapping at a fixed width.
const MAX_WRAP_CHARS: usize = 120;
/// Fewest lines from which a wrapping width is inferred.
const MIN_WRAPPED_LINES: usize = 8;

/// The width text was hard-wrapped at, in characters, or `None` when lines are not wrapped: the longest
/// usual line (90th percentile) of a text whose typical (median) line is short, most of whose lines stop
/// mid-sentence, and whose lines that stop mid-sentence run close to that width, as wrapping leaves them.
/// Short lines that each end a sentence (a transcript, one turn a line) are not wrapped, and neither is a
/// text of long one-line paragraphs between short headings, datelines and sign-off lines.
fn wrap_width<'a>(lines: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut lengths = Vec::new();
    let mut open_lengths = Vec::new();
    for line in lines {
        let n = line.chars().count();
        lengths.push(n);
        if !ends_sentence(line) {
            open_lengths.push(n);
        }
    }
    if lengths.len() < MIN_WRAPPED_LINES || open_lengths.len() * 2 < lengths.len() {
        return None;
    }
    lengths.sort_unstable();
    open_lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    let width = lengths[lengths.len() * 9 / 10];
    let open_median = open_lengths[open_lengths.len() / 2];
    (median < MAX_WRAP_CHARS && open_median * 5 >= width * 3).then_some(width)
}

/// True when a paragraph ends between `line` and the `next` line of the same run.
fn breaks_between(line: &str, next: &str, width: Option<usize>) -> bool {
    if is_bare_label(&[Cow::Borrowed(line)]) {
        return false;
    }
    if starts_numbered(next) || opens_turn(next) {
        return true;
    }
    if next.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘'))
        && is_salutation(line)
    {
        return true;
    }
    if next.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    match width {
        // Four fifths: a wrapped line falls short of the width by up to a long word. A line far shorter
        // than that, not stopped mid-phrase, ends a heading, a dateline or a byline, whatever its last
        // mark.
        Some(w) => {
            let n = line.chars().count();
            (ends_sentence(line) && n * 5 < w * 4)
                || (n * 5 < w * 3 && !stops_mid_phrase(line) && !next.starts_with(['(', '[']))
        }
        // One paragraph a line: a line ends its paragraph unless it stops where a sentence cannot
        // (after a comma, "of", "the"), as a page break leaves it.
        None => ends_sentence(line) || !stops_mid_phrase(line),
    }
}

/// True for a line that stops where no sentence or heading can: after a comma, a hyphen or a function
/// word ("… talks with the").
fn stops_mid_phrase(line: &str) -> bool {
    let last = line.split_whitespace().next_back().unwrap_or_default();
    line.ends_with([',', '-', '–', '—', ';', '(', '&'])
        || matches!(
            last,
            "a" | "an"
                | "the"
                | "of"
                | "and"
                | "or"
                | "to"
                | "in"
                | "on"
                | "at"
                | "for"
                | "with"
                | "by"
                | "from"
                | "as"
                | "that"
                | "which"
                | "who"
                | "its"
                | "their"
                | "our"
                | "his"
                | "her"
        )
}

/// Most spaces a paragraph's first-line indent has; more sets a line centred (a heading).
const MAX_INDENT: usize = 8;
/// Fewest indented lines from which a text is taken to mark its paragraphs by indenting them.
const MIN_INDENTED_LINES: usize = 3;

/// True for a line indented as a paragraph's first line: one to [`MAX_INDENT`] spaces, or a tab.
fn is_indented(raw: &str) -> bool {
    let spaces = raw.bytes().take_while(|&b| b == b' ').count();
    raw.starts_with('\t') || (1..=MAX_INDENT).contains(&spaces) && raw.len() > spaces
}

/// True when a text marks its paragraphs by indenting their first lines, as typeset and PDF-extracted
/// text does: some lines are indented, far fewer than the lines that are not (a text indented
/// throughout marks nothing by it), and most indented lines follow a sentence's end, as paragraphs do
/// (stray spaces of an extraction, an indented quotation's lines, do not). Each item: whether a line is
/// indented, and whether the line before it ended a sentence.
fn marks_by_indent(lines: impl Iterator<Item = (bool, bool)>) -> bool {
    let (mut indented, mut after_end, mut all) = (0, 0, 0);
    for (i, after) in lines {
        all += 1;
        indented += usize::from(i);
        after_end += usize::from(i && after);
    }
    indented >= MIN_INDENTED_LINES && indented * 3 <= all && after_end * 3 >= indented * 2
}

/// True for a line that can open a sentence: a capital letter, a digit or an opening quote first.
fn opens_sentence(line: &str) -> bool {
    line.starts_with(|c: char| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘')
    })
}

/// True when `next` carries on the sentence the paragraph of `lines` left unfinished.
fn continues(lines: &[Cow<str>], next: &str) -> bool {
    next.starts_with(|c: char| c.is_lowercase())
        && lines.last().is_some_and(|last| !ends_sentence(last))
}

/// True for a line that opens with a paragraph number: "12. The" or "3.\tWe".
pub(crate) fn starts_numbered(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && line[digits..].starts_with(". ")
        && line[digits + 2..].starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
}

/// True for a line whose last sentence is complete: it ends with a full stop, question or exclamation
/// mark or colon, perhaps inside closing quotes or brackets.
fn ends_sentence(line: &str) -> bool {
    matches!(super::closing_mark(line), Some('.' | '!' | '?' | ':'))
}

/// One paragraph's lines as one text. A word hyphenated across a line break ("co-" / "operation") is
/// joined without a space; the hyphen stays, as it may belong to the word.
pub(crate) fn join_lines(lines: &[Cow<str>]) -> String {
    let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in lines {
        let hyphenated =
            text.ends_with('-') && text[..text.len() - 1].ends_with(|c: char| c.is_alphabetic());
        if !text.is_empty() && !hyphenated {
            text.push(' ');
        }
        text.push_str(line);
    }
    text
}

/// True for a line of site navigation rather than statement text.
fn is_chrome(line: &str) -> bool {
    // Every kind of chrome is a short line; a paragraph is settled by its length in bytes alone.
    if line.len() > 4 * MAX_CHROME_CHARS || line.chars().count() > MAX_CHROME_CHARS {
        return false;
    }
    let bracketed = (line.starts_with('<') && line.ends_with('>'))
        || (line.starts_with('[') && line.ends_with(']'));
    if bracketed {
        return true;
    }
    // Breadcrumb: short segments joined by ">", "›" or "»", none of them a sentence.
    let mut parts = line.split(['>', '›', '»']).map(str::trim).peekable();
    let first = parts.next().unwrap_or_default();
    if parts.peek().is_some()
        && std::iter::once(first)
            .chain(parts)
            .all(|p| p.split_whitespace().nth(6).is_none() && !p.ends_with('.'))
    {
        return true;
    }
    let bare = line.trim_matches(|c: char| !c.is_alphanumeric());
    bare.len() <= MAX_CHROME_LINK_BYTES
        && matches!(
            bare.to_lowercase().as_str(),
            "print"
                | "close"
                | "share"
                | "back to top"
                | "top"
                | "suggest to a friend"
                | "email"
                | "print this page"
                | "close window"
                | "related links"
        )
}

/// Longest line, in characters, that can be site chrome.
const MAX_CHROME_CHARS: usize = 80;
/// Longest of the link texts that are chrome ("suggest to a friend"), in bytes.
const MAX_CHROME_LINK_BYTES: usize = 19;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines_are_recognised_by_shape() {
        assert!(is_chrome("Home > Chinese Diplomatic News"));
        assert!(is_chrome("Home › Newsroom › Readouts"));
        assert!(is_chrome("<Suggest To A Friend>"));
        assert!(is_chrome("[Print]"));
        assert!(is_chrome("Close"));
        assert!(!is_chrome(
            "Prices rose > 5% in the year, the minister said."
        ));
        assert!(!is_chrome(
            "Xi Jinping Speaks with the President on the Phone"
        ));
    }

    #[test]
    fn page_numbers_and_running_headers_are_furniture() {
        for line in ["12", "- 12 -", "Page 3", "Page 3 of 9", "3/9", "– 4 –"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in [
            "12 May",
            "2021.",
            "Page three",
            "1945 to 1990 were hard years",
        ] {
            assert!(!is_page_number(line), "{line}");
        }
        let mut text = String::new();
        for n in 1..=5 {
            text.push_str("S/PV.9999 Security Council\n");
            for k in 1..=3 {
                text.push_str(&format!(
                    "The delegation number {n}.{k} of the republic spoke at length\n\
                     on the matter of the border and the rivers that cross it, which\n\
                     it said were a shared good of both peoples.\n"
                ));
            }
            text.push_str(&format!("{n}\n"));
        }
        let paragraphs = paragraphs(&text);
        assert_eq!(paragraphs.len(), 15, "{paragraphs:#?}");
        assert!(paragraphs
            .iter()
            .all(|p| p.starts_with("The delegation") && p.ends_with("peoples.")));
    }

    #[test]
    fn a_label_alone_on_its_line_opens_the_turn_below_it() {
        let text = "PRIME MINISTER:\nThank you all for coming today.\n\nJOURNALIST:\n\nPrime Minister, what about trade?\n\
                    PRIME MINISTER: We are working on it.";
        assert_eq!(
            paragraphs(text),
            [
                "PRIME MINISTER: Thank you all for coming today.",
                "JOURNALIST: Prime Minister, what about trade?",
                "PRIME MINISTER: We are working on it.",
            ]
        );
    }

    #[test]
    fn an_indented_first_line_opens_a_paragraph_in_wrapped_text() {
        // Wrapped at a fixed width, paragraphs marked only by a one-space indent: a full-width line
        // that ends a sentence is a paragraph's end only when the next line is indented.
        let text = "Let me start by congratulating the President on his\n\
                    election to the presidency of the General Assembly.\n \
                    Climate issues and the recent financial crises call\n\
                    for change. The world needs an understanding of the\n\
                    world that is sustainable and fair for all of us now.\n\
                    Both developing and developed countries wish for it.\n \
                    Basic social protection is everyone's right and an\n\
                    important element of development for all our peoples.\n \
                    Current consumption patterns need to be revised soon\n\
                    in many countries. In the words of Gandhi, it is so.";
        let paragraphs = paragraphs(text);
        assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
        assert!(paragraphs[1].starts_with("Climate issues"));
        assert!(paragraphs[1].ends_with("wish for it."));
        assert!(paragraphs[3].starts_with("Current consumption"));
    }

    #[test]
    fn salutations_and_labels_end_a_paragraph_without_a_blank_line() {
        let text =
            "Madam President,\nExcellencies,\nI am delighted to be here today with all of you.\n\
                    It is a pleasure.";
        assert_eq!(
            paragraphs(text),
            [
                "Madam President,",
                "Excellencies,",
                "I am delighted to be here today with all of you.",
                "It is a pleasure.",
            ]
        );
    }
}
