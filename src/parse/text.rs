//! Plain-text statements: site chrome dropped, a title line, paragraphs separated by blank lines.
//!
//! Text copied from a ministry website keeps its breadcrumb ("Home > Chinese Diplomatic News") and footer
//! links (`<Suggest To A Friend>`); those lines are recognised by their shape, not by a list of sites.

use std::borrow::Cow;

use super::{collapse_spaces, Block, Draft, Statement};

/// Longest line, in characters, still taken for a title rather than a paragraph.
const MAX_TITLE_CHARS: usize = 300;

/// Parses one plain-text statement; `None` when it holds no text at all.
pub fn parse(source: &str, raw: &str) -> Option<Statement> {
    super::finish(draft(source, raw))
}

/// The title and paragraphs of a plain-text statement.
pub fn draft(source: &str, raw: &str) -> Draft {
    let text = if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    };
    let blocks = blocks(&text);
    let (title, body) = if blocks.is_empty() {
        (None, Vec::new())
    } else {
        split_title(blocks)
    };
    Draft {
        id: source.to_string(),
        source: source.to_string(),
        title,
        blocks: body.into_iter().map(Block::plain).collect(),
        ..Draft::default()
    }
}

/// Groups non-chrome lines into paragraphs, each a list of lines to join.
///
/// Blank lines end a paragraph, unless they fall inside a sentence (a page break). Inside a run of lines without a blank one, a line break also ends
/// a paragraph when the next line opens with a paragraph number ("12. "), or when the line ends a sentence
/// and, in text hard-wrapped at a fixed width (PDF extractions), stops short of that width: a full-width
/// line that happens to end with a full stop is only a wrap. Text with one paragraph a line (no wrapping)
/// has no width, so every sentence-final line end is a paragraph end, and a line that stops mid-sentence
/// runs on into the next.
fn blocks(text: &str) -> Vec<Vec<Cow<'_, str>>> {
    let mut runs: Vec<Vec<Cow<str>>> = Vec::new();
    let mut current: Vec<Cow<str>> = Vec::new();
    for line in text.lines() {
        let line = collapse_spaces(line);
        if line.is_empty() {
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if is_chrome(&line) {
            continue;
        }
        current.push(line);
    }
    if !current.is_empty() {
        runs.push(current);
    }
    let width = wrap_width(runs.iter().flatten().map(|line| line.as_ref()));
    let mut out: Vec<Vec<Cow<str>>> = Vec::new();
    for run in runs {
        // A blank line inside a sentence is a page break, not a paragraph end.
        let mut paragraph: Vec<Cow<str>> = match out.last() {
            Some(last) if continues(last, &run[0]) => out.pop().unwrap_or_default(),
            _ => Vec::new(),
        };
        for line in run {
            if paragraph
                .last()
                .is_some_and(|last| breaks_between(last, &line, width))
            {
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

/// Lines this many characters long or longer are not the product of wrapping at a fixed width.
const MAX_WRAP_CHARS: usize = 120;
/// Fewest lines from which a wrapping width is inferred.
const MIN_WRAPPED_LINES: usize = 8;

/// The width text was hard-wrapped at, in characters, or `None` when lines are not wrapped: the longest
/// usual line (90th percentile) of a text whose typical (median) line is short and most of whose lines
/// stop mid-sentence. Short lines that each end a sentence (a transcript, one turn a line) are not wrapped.
fn wrap_width<'a>(lines: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut lengths = Vec::new();
    let mut mid_sentence = 0;
    for line in lines {
        lengths.push(line.chars().count());
        mid_sentence += usize::from(!ends_sentence(line));
    }
    if lengths.len() < MIN_WRAPPED_LINES || mid_sentence * 2 < lengths.len() {
        return None;
    }
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    (median < MAX_WRAP_CHARS).then(|| lengths[lengths.len() * 9 / 10])
}

/// True when a paragraph ends between `line` and the `next` line of the same run.
fn breaks_between(line: &str, next: &str, width: Option<usize>) -> bool {
    if starts_numbered(next) {
        return true;
    }
    if next.starts_with(|c: char| c.is_lowercase()) || !ends_sentence(line) {
        return false;
    }
    // Four fifths: a wrapped line falls short of the width by up to a long word.
    width.is_none_or(|w| line.chars().count() * 5 < w * 4)
}

/// True when `next` carries on the sentence the paragraph of `lines` left unfinished.
fn continues(lines: &[Cow<str>], next: &str) -> bool {
    next.starts_with(|c: char| c.is_lowercase())
        && lines.last().is_some_and(|last| !ends_sentence(last))
}

/// True for a line that opens with a paragraph number: "12. The" or "3.\tWe".
fn starts_numbered(line: &str) -> bool {
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

/// Takes the title off the first block when it is a short line that does not read as a sentence; the rest
/// are the body paragraphs, each block's lines joined.
fn split_title(blocks: Vec<Vec<Cow<str>>>) -> (Option<String>, Vec<String>) {
    let mut lines_of_first = blocks[0].clone();
    let first_line = lines_of_first[0].to_string();
    // A short line that runs on into a lowercase one is the start of a wrapped sentence, not a title.
    let wrapped = lines_of_first
        .get(1)
        .is_some_and(|next| next.starts_with(|c: char| c.is_lowercase()));
    let looks_like_title = first_line.chars().count() <= MAX_TITLE_CHARS
        && !first_line.ends_with(['.', ',', ';', ':'])
        && !starts_numbered(&first_line)
        && !wrapped
        && (blocks.len() > 1 || lines_of_first.len() > 1);
    let mut body: Vec<String> = Vec::new();
    let title = if looks_like_title {
        lines_of_first.remove(0);
        if !lines_of_first.is_empty() {
            body.push(join_lines(&lines_of_first));
        }
        Some(first_line)
    } else {
        body.push(join_lines(&lines_of_first));
        None
    };
    body.extend(blocks.iter().skip(1).map(|lines| join_lines(lines)));
    (title, body)
}

/// One paragraph's lines as one text. A word hyphenated across a line break ("co-" / "operation") is
/// joined without a space; the hyphen stays, as it may belong to the word.
fn join_lines(lines: &[Cow<str>]) -> String {
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
    fn title_date_and_paragraphs() {
        let st = parse(
            "a.txt",
            "Home > News\nMinister Holds Talks\n\nOn March 3, 2020, the talks began.\n\nSecond\nline.\n\n<Print>",
        )
        .unwrap();
        assert_eq!(st.title.as_deref(), Some("Minister Holds Talks"));
        assert_eq!(st.date, Some(jiff::civil::date(2020, 3, 3)));
        let texts: Vec<&str> = st.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["On March 3, 2020, the talks began.", "Second line."]
        );
        assert_eq!(st.kind, crate::parse::Kind::Readout);
    }

    #[test]
    fn no_title_when_the_text_starts_with_a_sentence() {
        let st = parse("b.txt", "We met today.\n\nWe agreed.").unwrap();
        assert_eq!(st.title, None);
        assert_eq!(st.paragraphs.len(), 2);
        assert_eq!(st.date, None);
    }

    #[test]
    fn lines_are_paragraphs_when_there_is_no_blank_line() {
        let st = parse("c.txt", "Title Here\nFirst paragraph.\nSecond paragraph.").unwrap();
        assert_eq!(st.title.as_deref(), Some("Title Here"));
        assert_eq!(st.paragraphs.len(), 2);
    }

    fn paragraphs_of(raw: &str) -> Vec<String> {
        parse("w.txt", raw)
            .unwrap()
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn hard_wrapped_lines_are_joined_into_paragraphs() {
        // Wrapped near 40 characters; the sentence ending at full width ("harbour.") is only a wrap.
        let raw = "1. On behalf of my delegation I am glad\n\
                   to congratulate you on your election to\n\
                   the chair of this body, and to the river\n\
                   towns that sent us over the harbour.\n\
                   We thank the outgoing chair as well.\n\
                   The work of the session was hard.\n\
                   2. The second paragraph starts with its\n\
                   number, and with no blank line between\n\
                   them; it is co-\n\
                   operative and ends short.\n\
                   Then a third paragraph opens after a\n\
                   short last line and ends\n\n\
                   here, after a page break.";
        assert_eq!(
            paragraphs_of(raw),
            [
                "1. On behalf of my delegation I am glad to congratulate you on your election to the \
                 chair of this body, and to the river towns that sent us over the harbour. We thank \
                 the outgoing chair as well. The work of the session was hard.",
                "2. The second paragraph starts with its number, and with no blank line between them; \
                 it is co-operative and ends short.",
                "Then a third paragraph opens after a short last line and ends here, after a page break.",
            ]
        );
    }

    #[test]
    fn unwrapped_lines_are_paragraphs_unless_cut_mid_sentence() {
        let long = format!("Some{}", " word".repeat(40));
        let raw = format!(
            "{long} ends here.\n{long} is cut by a page\nbreak and goes on.\n\"{long} quoted.\"\n{long} last."
        );
        let paragraphs = paragraphs_of(&raw);
        assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
        assert!(paragraphs[1].ends_with("cut by a page break and goes on."));
    }

    #[test]
    fn short_lines_that_each_end_a_sentence_are_not_wrapped_text() {
        let turns = [
            "MR LANE: Good afternoon. I have one item at the podium.",
            "QUESTION: Thank you. Can you say more about the talks today?",
            "MR LANE: They went well. We will have a readout later on.",
            "QUESTION: And the other meeting, the one on trade matters?",
            "MR LANE: I have nothing on that one at this time, sorry.",
            "QUESTION: Will the minister travel to the region next week?",
            "MR LANE: Nothing to announce. We will let you know then.",
            "QUESTION: One more: is the embassy open again this week?",
            "MR LANE: It is, as of Monday. Thank you all for coming.",
            "QUESTION: Thanks, and have a good weekend, everyone here.",
        ];
        let paragraphs = paragraphs_of(&turns.join("\n"));
        assert_eq!(paragraphs, turns);
    }

    #[test]
    fn a_numbered_or_wrapped_first_line_is_not_a_title() {
        let st = parse(
            "n.txt",
            "1. Madam President, it is\nwith great pleasure that we meet.",
        )
        .unwrap();
        assert_eq!(st.title, None);
        assert_eq!(st.paragraphs.len(), 1);
    }

    #[test]
    fn empty_and_chrome_only_files_hold_no_statement() {
        assert!(parse("d.txt", "").is_none());
        assert!(parse("e.txt", "\n\n<Print>\n").is_none());
    }
}
