//! Plain-text statements: site chrome dropped, a title line, paragraphs separated by blank lines.
//!
//! Text copied from a ministry website keeps its breadcrumb ("Home > Chinese Diplomatic News") and footer
//! links (`<Suggest To A Friend>`); those lines are recognised by their shape, not by a list of sites.

use std::borrow::Cow;

use super::json::{self, FieldMap, Record};
use super::layout::{join_lines, line_blocks, starts_numbered};
use super::markdown::{front_matter, split_front_matter};
use super::{Block, Draft, Statement};

/// Longest line, in characters, still taken for a title rather than a paragraph.
const MAX_TITLE_CHARS: usize = 300;

/// Parses one plain-text statement; `None` when it holds no text at all.
pub fn parse(source: &str, raw: &str) -> Option<Statement> {
    super::finish(draft(source, raw))
}

/// The title and paragraphs of a plain-text statement.
///
/// A YAML front matter opening the text gives its metadata, read with the usual key names; its title and
/// date win over the text's.
pub fn draft(source: &str, raw: &str) -> Draft {
    let map = FieldMap::default();
    let text = if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    };
    let (metadata, body_text) = match split_front_matter(&text) {
        Some((yaml, rest)) => match front_matter(yaml) {
            Ok(fields) => (
                Some(json::metadata(source, &Record::new(&fields), &map)),
                rest,
            ),
            Err(_) => (None, text.as_ref()),
        },
        None => match header_fields(&text) {
            Some((fields, rest)) => (
                Some(json::metadata(source, &Record::new(&fields), &map)),
                rest,
            ),
            None => (None, text.as_ref()),
        },
    };
    let blocks = line_blocks(body_text);
    let (title, body) = if blocks.is_empty() {
        (None, Vec::new())
    } else {
        split_title(blocks)
    };
    let blocks: Vec<Block> = body.into_iter().map(Block::plain).collect();
    match metadata {
        Some(mut draft) => {
            // The text's own first line is kept as a paragraph when the front matter titles it.
            if draft.title.is_none() {
                draft.title = title;
                draft.blocks = blocks;
            } else {
                draft.blocks = title.map(Block::plain).into_iter().chain(blocks).collect();
            }
            draft
        }
        None => Draft {
            id: source.to_string(),
            source: source.to_string(),
            title,
            blocks,
            ..Draft::default()
        },
    }
}

/// Most lines a text's opening header of fields holds.
const MAX_HEADER_LINES: usize = 8;

/// The fields of a header of "Key: value" lines that opens a text before its first blank line, as a
/// mail's does ("Title: …", "Date: …", "President: Jimmy Carter"), and the text after it; `None` unless
/// every line of the opening block is such a field ([`json::header_field`]) and text follows.
fn header_fields(text: &str) -> Option<(serde_json::Map<String, serde_json::Value>, &str)> {
    let mut fields = serde_json::Map::new();
    let mut at = 0;
    // Read line by line, so that a text whose first line is no field is left at once.
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            let rest = &text[at + line.len()..];
            return (!fields.is_empty() && !rest.trim().is_empty()).then_some((fields, rest));
        }
        if fields.len() == MAX_HEADER_LINES {
            return None;
        }
        let (key, value) = line.split_once(':')?;
        let (key, value) = (key.trim(), value.trim());
        let key_shaped = key.starts_with(|c: char| c.is_uppercase())
            && key.len() <= 30
            && key.split_whitespace().count() <= 3
            && key
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '_' | '-'));
        if !key_shaped || value.is_empty() || !json::header_field(key, value) {
            return None;
        }
        fields.insert(
            key.to_string(),
            serde_json::Value::String(value.to_string()),
        );
        at += line.len();
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn an_opening_header_of_fields_is_the_texts_metadata() {
        let d = draft(
            "a.txt",
            "President: Jimmy Carter\nDate: 1980-04-25\n\nLate yesterday, I cancelled an operation.\n\n\
             Our people were immediately airlifted.\n",
        );
        assert_eq!(d.authors, ["Jimmy Carter, President"]);
        assert_eq!(d.date, Some(jiff::civil::date(1980, 4, 25)));
        assert_eq!(d.blocks.len(), 2);
        // A turn label's line, a sentence after an office, or a field among prose lines is no header.
        for text in [
            "PRESIDENT: Thank you all for coming.\n\nQ: Will you travel?\n",
            "Minister: the talks went well\n\nWe agreed.\n",
            "Title: Talks\nThe talks went well and we agreed on the text.\n\nWe agreed.\n",
        ] {
            assert!(draft("b.txt", text).authors.is_empty(), "{text}");
        }
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
