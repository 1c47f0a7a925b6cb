//! Markdown statements: YAML front matter for the metadata, the body's paragraphs, headings and list items
//! as blocks.
//!
//! Sites and archives converted to Markdown (pandoc, static-site generators, harvesters) keep a statement's
//! metadata in front matter (`title`, `date`, `author`, `source_url`, …) and its text with the markup of the
//! page: emphasis, escaped punctuation (`\[`, `\_`), links, lines hard-wrapped inside paragraphs, and
//! `<br>` rendered as a line ending in two spaces. pulldown-cmark reads the markup as CommonMark does;
//! yaml-rust2 reads the front matter, whose quoted strings carry YAML's escapes and folded lines. The front
//! matter's keys are read like a JSON record's ([`json::metadata`]), so `--field` maps them too.

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};
use yaml_rust2::{Yaml, YamlLoader};

use super::html::{self, Builder};
use super::json::{self, FieldMap, Record};
use super::{Block, Draft};

/// The text without kramdown's attribute lists on lines of their own (`{:start="2"}`, `{: .lead}`), which
/// Jekyll sites put before lists and paragraphs: markup, not words, and a list item after one would not
/// read as a list item.
fn without_attribute_lists(text: &str) -> std::borrow::Cow<'_, str> {
    let is_list = |line: &str| {
        let line = line.trim();
        line.starts_with("{:") && line.ends_with('}')
    };
    if !text.lines().any(is_list) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !is_list(line) {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// One Markdown file's statement, and a message when its front matter could not be read (the body is
/// read all the same).
pub fn draft(source: &str, text: &str, map: &FieldMap) -> (Draft, Option<String>) {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    let mut builder = Builder::default();
    let mut front: Option<String> = None;
    let mut in_front = false;
    // Inside an image: its alt text is not the statement's.
    let mut image = 0u32;
    let mut heading: Option<HeadingLevel> = None;
    let mut title: Option<String> = None;
    let mut seen_body = false;
    let mut headings_before_body: Vec<(HeadingLevel, usize)> = Vec::new();
    let text = without_attribute_lists(text);
    for event in Parser::new_ext(&text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_front = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_front = false,
            Event::Text(t) if in_front => front.get_or_insert_with(String::new).push_str(&t),
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            _ if image > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                builder.flush();
                heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => {
                let before = builder.len();
                builder.flush_heading();
                if let Some(level) = heading.take() {
                    if !seen_body && builder.len() > before {
                        headings_before_body.push((level, before));
                    }
                }
            }
            Event::Start(Tag::Strong) => builder.bold += 1,
            Event::End(TagEnd::Strong) => builder.bold = builder.bold.saturating_sub(1),
            Event::Start(
                Tag::Paragraph
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::TableRow
                | Tag::TableHead,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            )
            | Event::Rule => {
                let before = builder.len();
                builder.flush();
                seen_body |= heading.is_none() && builder.len() > before;
            }
            Event::End(TagEnd::TableCell) => builder.push_inline(" "),
            Event::Text(t) | Event::Code(t) => builder.push_inline(&t),
            Event::SoftBreak => builder.push_inline(" "),
            // A line the page broke on purpose (`<br>`, two trailing spaces): a block ends there, as it
            // does at `<br>` in an HTML page.
            Event::HardBreak => builder.flush(),
            Event::InlineHtml(h) if is_break_tag(&h) => builder.flush(),
            Event::Html(h) => {
                builder.flush();
                for block in html::blocks(&h) {
                    builder.push_inline(&block.text);
                    builder.flush();
                }
            }
            _ => {}
        }
    }
    let mut blocks = builder.finish();
    // The first heading before any paragraph is the title when the front matter gives none.
    if let Some(&(_, at)) = headings_before_body.iter().min_by_key(|(level, _)| *level) {
        if at < blocks.len() {
            title = Some(blocks.remove(at).text);
        }
    }
    let (mut draft, problem) = match front.as_deref().map(front_matter) {
        Some(Ok(fields)) => (json::metadata(source, &Record::new(&fields), map), None),
        Some(Err(e)) => (
            Draft {
                id: source.to_string(),
                source: source.to_string(),
                ..Draft::default()
            },
            Some(format!("front matter: {e}")),
        ),
        None => (
            Draft {
                id: source.to_string(),
                source: source.to_string(),
                ..Draft::default()
            },
            None,
        ),
    };
    if draft.title.is_none() {
        draft.title = title;
    } else if let Some(t) = title {
        // The page's own heading is kept as its first block when the front matter already titles it.
        blocks.insert(
            0,
            Block {
                text: t,
                heading: true,
                ..Block::default()
            },
        );
    }
    draft.blocks = blocks;
    (draft, problem)
}

fn is_break_tag(tag: &str) -> bool {
    let t = tag.trim().to_ascii_lowercase();
    t.starts_with("<br") || t.starts_with("</p") || t.starts_with("<p")
}

/// A text's YAML front matter and the text after it: a first line `---`, key-value lines, and a line `---`
/// or `...` within the first [`MAX_FRONT_MATTER_LINES`] lines. Plain-text exports of archives carry it as
/// Markdown files do.
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim_start_matches('\u{feff}');
    let rest = rest
        .strip_prefix("---\n")
        .or_else(|| rest.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for (n, line) in rest.split_inclusive('\n').enumerate() {
        if n >= MAX_FRONT_MATTER_LINES {
            return None;
        }
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some((&rest[..at], &rest[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

/// Longest front matter read, in lines.
const MAX_FRONT_MATTER_LINES: usize = 200;

/// The front matter's keys and values, as JSON values for the record field lookup.
pub(crate) fn front_matter(yaml: &str) -> Result<Map<String, Value>, String> {
    let docs = YamlLoader::load_from_str(yaml).map_err(|e| e.to_string())?;
    match docs.into_iter().next() {
        Some(Yaml::Hash(hash)) => Ok(hash
            .into_iter()
            .filter_map(|(k, v)| Some((scalar(&k)?, to_json(v))))
            .collect()),
        None | Some(Yaml::Null) => Ok(Map::new()),
        Some(_) => Err("not a mapping of keys to values".into()),
    }
}

fn scalar(yaml: &Yaml) -> Option<String> {
    match yaml {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn to_json(yaml: Yaml) -> Value {
    match yaml {
        Yaml::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.into_iter()
                .filter_map(|(k, v)| Some((scalar(&k)?, to_json(v))))
                .collect(),
        ),
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Value::Null,
        other => scalar(&other).map_or(Value::Null, Value::String),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Draft) -> Vec<&str> {
        d.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn front_matter_markup_and_line_breaks() {
        let text = "---\ntags: speeches-remarks\ndate: '2021-08-24'\nsource_url: https://example.gov/x/\n\
                    title: \"Call by Senior\\_\\\n  Officials\"\n---\n \nVia Teleconference\n\n\
                    MODERATOR:  Thank you.  Our speaker today is \\[senior\nofficial\\].  \n\
                    Over to you.\n\n**Q**  Is it *true*? See [the page](https://x.y/).\n\n\\#\\#\\#\n";
        let (d, problem) = draft("a.md", text, &FieldMap::default());
        assert_eq!(problem, None);
        assert_eq!(d.title.as_deref(), Some("Call by Senior\u{a0}Officials"));
        assert_eq!(d.date, Some(jiff::civil::date(2021, 8, 24)));
        assert_eq!(d.url.as_deref(), Some("https://example.gov/x/"));
        assert_eq!(
            texts(&d),
            [
                "Via Teleconference",
                "MODERATOR: Thank you. Our speaker today is [senior official].",
                "Over to you.",
                "Q Is it true? See the page.",
                "###",
            ]
        );
        assert_eq!(d.blocks[3].bold_lead.as_deref(), Some("Q"));
    }

    #[test]
    fn a_first_heading_titles_a_file_without_front_matter() {
        let text = "# Anförande av ambassadör Ana Berg\n\nNew York den 17 januari 2017.\n\n\
                    First, I thank you.\n\n## Lebanon\n\n- one item\n- another item\n";
        let (d, _) = draft("b.md", text, &FieldMap::default());
        assert_eq!(d.title.as_deref(), Some("Anförande av ambassadör Ana Berg"));
        assert_eq!(
            texts(&d),
            [
                "New York den 17 januari 2017.",
                "First, I thank you.",
                "Lebanon",
                "one item",
                "another item"
            ]
        );
        assert!(d.blocks[2].heading && !d.blocks[1].heading);
    }

    #[test]
    fn attribute_lists_are_markup_and_a_list_of_sources_gives_the_address() {
        let text = "---\ntitle: Notice\npermalink: /news/notice/\nsources:\n  - label: Ministry\n    \
                    link: https://www.example.gov.ph/notice/\n  - label: Paper\n    link: https://paper.example/\n---\n\
                    {:start=\"1\"}\n1. First point.\n\n{:start=\"2\"}\n2. Second point.\n\n{: .lead}\nClosing.\n";
        let (d, _) = draft("d.md", text, &FieldMap::default());
        assert_eq!(texts(&d), ["First point.", "Second point.", "Closing."]);
        assert_eq!(d.url.as_deref(), Some("https://www.example.gov.ph/notice/"));
    }

    #[test]
    fn broken_front_matter_is_reported_and_the_body_kept() {
        let (d, problem) = draft(
            "c.md",
            "---\ntitle: [unclosed\n---\n\nBody.\n",
            &FieldMap::default(),
        );
        assert!(problem.is_some_and(|p| p.starts_with("front matter")));
        assert_eq!(texts(&d), ["Body."]);
    }
}
