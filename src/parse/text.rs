//! Plain-text statements: site chrome dropped, a title line, paragraphs separated by blank lines.
//!
//! Text copied from a ministry website keeps its breadcrumb ("Home > Chinese Diplomatic News") and footer
//! links (`<Suggest To A Friend>`); those lines are recognised by their shape, not by a list of sites.

use super::{collapse_spaces, Block, Draft, Statement};

/// Longest line, in characters, still taken for a title rather than a paragraph.
const MAX_TITLE_CHARS: usize = 300;

/// Parses one plain-text statement; `None` when it holds no text at all.
pub fn parse(source: &str, raw: &str) -> Option<Statement> {
    super::finish(draft(source, raw))
}

/// The title and paragraphs of a plain-text statement.
pub fn draft(source: &str, raw: &str) -> Draft {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
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

/// Groups non-chrome lines into blocks separated by blank lines. A text without any blank line between
/// its lines has one paragraph a line.
fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut saw_blank = false;
    for line in text.lines() {
        let line = collapse_spaces(line);
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
                saw_blank = true;
            }
            continue;
        }
        if is_chrome(&line) {
            continue;
        }
        current.push(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    if !saw_blank && out.len() == 1 {
        return out
            .pop()
            .unwrap_or_default()
            .into_iter()
            .map(|l| vec![l])
            .collect();
    }
    out
}

/// Takes the title off the first block when it is a short line that does not read as a sentence; the rest
/// are the body paragraphs, each block's lines joined.
fn split_title(blocks: Vec<Vec<String>>) -> (Option<String>, Vec<String>) {
    let mut lines_of_first = blocks[0].clone();
    let first_line = lines_of_first[0].clone();
    let looks_like_title = first_line.chars().count() <= MAX_TITLE_CHARS
        && !first_line.ends_with(['.', ',', ';', ':'])
        && (blocks.len() > 1 || lines_of_first.len() > 1);
    let mut body: Vec<String> = Vec::new();
    let title = if looks_like_title {
        lines_of_first.remove(0);
        if !lines_of_first.is_empty() {
            body.push(lines_of_first.join(" "));
        }
        Some(first_line)
    } else {
        body.push(lines_of_first.join(" "));
        None
    };
    body.extend(blocks.into_iter().skip(1).map(|lines| lines.join(" ")));
    (title, body)
}

/// True for a line of site navigation rather than statement text.
fn is_chrome(line: &str) -> bool {
    let short = line.chars().count() <= 80;
    let bracketed = (line.starts_with('<') && line.ends_with('>'))
        || (line.starts_with('[') && line.ends_with(']'));
    if short && bracketed {
        return true;
    }
    // Breadcrumb: short segments joined by ">", "›" or "»", none of them a sentence.
    let parts: Vec<&str> = line.split(['>', '›', '»']).map(str::trim).collect();
    if parts.len() >= 2
        && short
        && parts
            .iter()
            .all(|p| p.split_whitespace().count() <= 6 && !p.ends_with('.'))
    {
        return true;
    }
    let lower = line.to_lowercase();
    short
        && matches!(
            lower.trim_matches(|c: char| !c.is_alphanumeric()),
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

    #[test]
    fn empty_and_chrome_only_files_hold_no_statement() {
        assert!(parse("d.txt", "").is_none());
        assert!(parse("e.txt", "\n\n<Print>\n").is_none());
    }
}
