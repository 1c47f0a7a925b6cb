//! XML records: one statement per file, its metadata in elements named like a JSON record's fields, its
//! body as text, as HTML in a text node, or as speeches the markup attributes.
//!
//! Archives export statements as XML of their own schema (`<transcript><title>…<release-date>…
//! <content><![CDATA[<p>…]]>`) or of a standard one: Akoma Ntoso's debates mark each turn `<speech
//! by="#Jane Roe"><p>…</p></speech>`, TEI's `<u who="#jane">` or `<sp who="…">`. Leaf elements are read
//! as record fields by their local names, the same way and with the same `--field` mapping as JSON keys;
//! an element with a `by`, `who` or `speaker` attribute gives its paragraphs a speaker. roxmltree reads
//! the XML (no DTD, a bound on nodes), so a hostile file is refused rather than parsed at length.

use roxmltree::{Document, Node, ParsingOptions};
use serde_json::{Map, Value};

use super::json::{self, FieldMap, Record};
use super::{collapse_spaces, layout, Block, Draft};

/// Most XML nodes read from one file: far more than any statement has, few enough to bound a hostile
/// file's memory.
const MAX_NODES: u32 = 2_000_000;

/// The speaker given to turns whose markup names no person: a label that reads as no one's name, and
/// as a visitor's turn (a question, as an interview's or a meeting's guests ask them), not a person
/// called "Participant".
const UNNAMED: &str = "Visitor";

/// True for a markup speaker that stands for anyone: "Audience Member", "Interviewer", "Visitor".
fn is_placeholder(name: &str) -> bool {
    let lower = name.to_lowercase();
    [
        "audience",
        "member",
        "interviewer",
        "visitor",
        "participant",
        "speaker",
        "unknown",
        "unidentified",
    ]
    .iter()
    .any(|w| lower.split_whitespace().any(|x| x == *w))
}

/// Attributes that name who speaks an element's paragraphs.
const SPEAKER_ATTRIBUTES: [&str; 3] = ["by", "who", "speaker"];

/// One XML file's statement, or a message saying why it could not be read.
pub fn draft(source: &str, text: &str, map: &FieldMap) -> (Option<Draft>, Option<String>) {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc = match Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => return (None, Some(format!("not XML: {e}"))),
    };
    let root = doc.root_element();
    let fields = leaf_fields(root);
    let record = Record::new(&fields);
    let mut draft = json::metadata(source, &record, map);
    let speeches: Vec<Node> = root
        .descendants()
        .filter(|n| n.is_element() && speaker_of(*n, root).is_some())
        .collect();
    let blocks = if !speeches.is_empty() {
        speech_blocks(root, &speeches)
    } else {
        match json::body(&record, map) {
            Ok(blocks) if !blocks.is_empty() => blocks,
            Ok(_) => paragraph_blocks(root),
            Err(problem) => return (None, Some(problem)),
        }
    };
    if draft.title.is_none() {
        draft.title = root
            .descendants()
            .find(|n| n.is_element() && matches!(n.tag_name().name(), "heading" | "docTitle"))
            .map(|n| collapse_spaces(&text_of(n)).into_owned())
            .filter(|t| !t.is_empty());
    }
    draft.blocks = blocks;
    (Some(draft), None)
}

/// The text of every leaf element by its local name, the first of each name: what a record's fields are.
fn leaf_fields(root: Node) -> Map<String, Value> {
    let mut fields = Map::new();
    for node in root.descendants().filter(Node::is_element) {
        if node.children().any(|c| c.is_element()) {
            continue;
        }
        let name = node.tag_name().name();
        if fields.contains_key(name) {
            continue;
        }
        let text = text_of(node);
        let text = text.trim();
        if !text.is_empty() {
            fields.insert(name.to_string(), Value::String(text.to_string()));
        }
    }
    fields
}

/// All text under a node, in document order.
fn text_of(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|t| t.text())
        .collect()
}

/// The speaker an element's attribute names: "#Audrey Tang", or a reference to a person element whose
/// `showAs` or text gives the name.
fn speaker_of(node: Node, root: Node) -> Option<String> {
    let value = SPEAKER_ATTRIBUTES
        .iter()
        .find_map(|a| node.attribute(*a))?
        .trim();
    let id = value.trim_start_matches('#');
    if id.is_empty() {
        return None;
    }
    // A reference to a declared person: their shown name.
    let declared = root.descendants().find(|n| {
        n.is_element()
            && (n.attribute("id") == Some(id)
                || n.attribute("eId") == Some(id)
                || n.attribute(("http://www.w3.org/XML/1998/namespace", "id")) == Some(id))
    });
    let name = declared
        .and_then(|n| n.attribute("showAs").map(str::to_string))
        .unwrap_or_else(|| id.to_string());
    Some(collapse_spaces(&name).into_owned())
}

/// True for a speaker value that is an organisation's code, not a name: one word in capitals, or words
/// with a number ("PDIS", "Gov 3.0"). A name, however written ("Audrey Tang", "S. Lavrov", "JANE
/// ROE", "Mr Speaker"), is read as a turn label's words are.
fn is_reference_code(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let one_acronym = words.len() == 1 && !name.chars().any(char::is_lowercase);
    one_acronym || name.chars().any(|c| c.is_ascii_digit())
}

/// Each speech's paragraphs, with its speaker; text outside speeches (headings, narrative notes) is left
/// out, as it is no one's words.
fn speech_blocks(root: Node, speeches: &[Node]) -> Vec<Block> {
    let mut blocks = Vec::new();
    for speech in speeches {
        // A placeholder ("Audience Member", "Visitor") or an organisation's code is no one's name: its
        // paragraphs are turns of someone unnamed.
        let speaker = speaker_of(*speech, root).map(|s| {
            if is_placeholder(&s) || is_reference_code(&s) {
                UNNAMED.to_string()
            } else {
                s
            }
        });
        let paragraphs: Vec<Node> = speech
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "p")
            .collect();
        let texts: Vec<String> = if paragraphs.is_empty() {
            vec![text_of(*speech)]
        } else {
            paragraphs.iter().map(|p| text_of(*p)).collect()
        };
        for text in texts {
            let text = collapse_spaces(&text).into_owned();
            if !text.is_empty() {
                blocks.push(Block {
                    text,
                    speaker: speaker.clone(),
                    ..Block::default()
                });
            }
        }
    }
    blocks
}

/// Without a body field or speeches: the text of every `<p>`, else the root's text laid out.
fn paragraph_blocks(root: Node) -> Vec<Block> {
    let paragraphs: Vec<Block> = root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "p")
        .map(|p| collapse_spaces(&text_of(p)).into_owned())
        .filter(|t| !t.is_empty())
        .map(Block::plain)
        .collect();
    if !paragraphs.is_empty() {
        return paragraphs;
    }
    layout::paragraphs(&text_of(root))
        .into_iter()
        .map(Block::plain)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_with_an_html_body_and_an_office_field() {
        let xml = r#"<?xml version="1.0"?><transcripts><transcript><title>Press Conference, Oslo</title>
            <prime-minister>Roe, Jane</prime-minister><release-date>2019-05-04</release-date>
            <content><![CDATA[<p><b>PRIME MINISTER:</b></p><p>Thank you all.</p><p><b>JOURNALIST:</b> Why?</p>]]></content>
            </transcript></transcripts>"#;
        let (draft, problem) = draft("t.xml", xml, &FieldMap::default());
        assert_eq!(problem, None);
        let d = draft.unwrap();
        assert_eq!(d.title.as_deref(), Some("Press Conference, Oslo"));
        assert_eq!(d.authors, ["Jane Roe, Prime Minister"]);
        assert_eq!(d.date, Some(jiff::civil::date(2019, 5, 4)));
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["PRIME MINISTER:", "Thank you all.", "JOURNALIST: Why?"]
        );
    }

    #[test]
    fn a_speaker_written_with_initials_or_in_capitals_is_still_named() {
        let xml = r##"<akomaNtoso><debate><debateBody><debateSection><heading>Debate</heading>
            <speech by="#S. Lavrov"><p>Russia will defend its interests.</p></speech>
            <speech by="#JANE ROE"><p>We disagree.</p></speech>
            </debateSection></debateBody></debate></akomaNtoso>"##;
        let (draft, _) = draft("d.an.xml", xml, &FieldMap::default());
        let speakers: Vec<Option<String>> = draft
            .unwrap()
            .blocks
            .iter()
            .map(|b| b.speaker.clone())
            .collect();
        assert_eq!(
            speakers,
            [Some("S. Lavrov".to_string()), Some("JANE ROE".to_string())]
        );
    }

    #[test]
    fn a_speech_by_an_organisation_is_no_ones_named_turn() {
        let xml = r##"<akomaNtoso><debate><meta><references>
            <TLCPerson id="jroe" href="/p/jroe" showAs="Jane Roe"/>
            <TLCPerson id="GOV" href="/p/gov" showAs="GOV"/></references></meta>
            <debateBody><debateSection><heading>Meeting with a Delegation</heading>
            <speech by="#GOV"><p>What have you done about open data?</p></speech>
            <speech by="#jroe"><p>We publish everything we can.</p></speech>
            </debateSection></debateBody></debate></akomaNtoso>"##;
        let (draft, _) = draft("m.an.xml", xml, &FieldMap::default());
        let st = crate::parse::finish(draft.unwrap()).unwrap();
        let names: Vec<Vec<&str>> = st.paragraphs.iter().map(|p| st.speaker_names(p)).collect();
        assert_eq!(names, [vec![], vec!["Jane Roe"]]);
        assert_eq!(st.paragraphs[0].role, crate::parse::Role::Question);
    }

    #[test]
    fn speeches_the_markup_attributes() {
        let xml = r##"<akomaNtoso><debate><meta><references>
            <TLCPerson id="jroe" href="/p/jroe" showAs="Jane Roe"/></references></meta>
            <debateBody><debateSection><heading>Meeting with a Delegation</heading>
            <narrative><p>(laughter)</p></narrative>
            <speech by="#jroe"><p>Welcome.</p><p>Thank you for coming.</p></speech>
            <speech by="#Tom Vale"><p>Glad to be here.</p></speech>
            </debateSection></debateBody></debate></akomaNtoso>"##;
        let (draft, _) = draft("m.an.xml", xml, &FieldMap::default());
        let d = draft.unwrap();
        assert_eq!(d.title.as_deref(), Some("Meeting with a Delegation"));
        let rows: Vec<(&str, Option<&str>)> = d
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.speaker.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Welcome.", Some("Jane Roe")),
                ("Thank you for coming.", Some("Jane Roe")),
                ("Glad to be here.", Some("Tom Vale")),
            ]
        );
    }

    #[test]
    fn broken_xml_is_refused_with_the_reason() {
        let (draft, problem) = draft("b.xml", "<a><b></a>", &FieldMap::default());
        assert!(draft.is_none());
        assert!(problem.is_some_and(|p| p.starts_with("not XML")));
    }
}
