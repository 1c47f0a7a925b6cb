//! A Word document (.docx) to paragraphs: each `<w:p>` of the body one paragraph, the title from the
//! document's properties or else its first heading.
//!
//! A .docx is a zip of XML parts; only the body (`word/document.xml`) and the core properties
//! (`docProps/core.xml`) are read. Running headers and footers live in parts of their own and footnotes
//! in another, so none of them reaches the text, and a footnote's reference mark has no text in the body.
//! Parts are inflated with a limit, so that a zip bomb is refused rather than filling memory.

use std::io::Read;

use roxmltree::{Document, Node, ParsingOptions};

use super::Extracted;

/// Largest part inflated, in bytes: the XML of a 500-page report is about 10 MiB.
const MAX_PART_BYTES: u64 = 48 << 20;

/// Most XML nodes a part may hold, as for XML statements.
const MAX_NODES: u32 = 4_000_000;

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The text of a Word document, or why it has none to give.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    // Word keeps a password-protected .docx (and an old .doc renamed) in an OLE container, not a zip.
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Err(
            "an encrypted Word document, or an old .doc renamed (an OLE file, not a zip): save \
                    it as .docx without a password"
                .into(),
        );
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a Word document (.docx is a zip archive): {e}"))?;
    let body = part(&mut zip, "word/document.xml")?
        .ok_or("not a Word document: it has no word/document.xml")?;
    let core = part(&mut zip, "docProps/core.xml").ok().flatten();
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(&body, options)
        .map_err(|e| format!("damaged Word document: {e}"))?;
    let mut paragraphs: Vec<(String, bool)> = Vec::new();
    // Word writes a text box twice, as a drawing and as its fallback for older readers: read once.
    let fallback = |n: &Node| n.ancestors().any(|a| a.tag_name().name() == "Fallback");
    for p in doc.descendants().filter(|n| is_w(n, "p") && !fallback(n)) {
        let text = paragraph_text(p);
        if !text.is_empty() {
            paragraphs.push((text, is_heading(p)));
        }
    }
    let (mut title, created) = core.as_deref().map(properties).unwrap_or_default();
    // The first heading is the title when the properties give none, and is not a paragraph either way
    // when it says the same.
    if let Some((first, heading)) = paragraphs.first() {
        if *heading && title.as_deref().is_none_or(|t| t == first) {
            title = Some(first.clone());
            paragraphs.remove(0);
        }
    }
    let text = paragraphs
        .into_iter()
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Extracted {
        title,
        metadata_date: created,
        pages: 1,
        unread_pages: 0,
        first_page: None,
        text,
    })
}

/// One part of the archive as text, inflated no further than [`MAX_PART_BYTES`]; `None` when absent.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("damaged Word document: {name}: {e}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("damaged Word document: {name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} expands to more than {} MiB (a zip bomb?)",
            MAX_PART_BYTES >> 20
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("damaged Word document: {name} is not UTF-8"))
}

fn is_w(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

/// A paragraph's text: its runs' text, tabs and line breaks as spaces, deleted text left out.
fn paragraph_text(p: Node) -> String {
    let mut out = String::new();
    for n in p.descendants() {
        if !n.is_element() || n.tag_name().namespace() != Some(W) {
            continue;
        }
        // A text box's paragraphs inside this one are read as paragraphs of their own.
        if n.ancestors().find(|a| is_w(a, "p")) != Some(p) {
            continue;
        }
        match n.tag_name().name() {
            "t" if !n.ancestors().any(|a| is_w(&a, "del")) => out.push_str(n.text().unwrap_or("")),
            "tab" | "br" | "cr" => out.push(' '),
            "noBreakHyphen" => out.push('-'),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for a paragraph styled as a title or a heading.
fn is_heading(p: Node) -> bool {
    p.children()
        .filter(|n| is_w(n, "pPr"))
        .flat_map(|ppr| ppr.children())
        .filter(|n| is_w(n, "pStyle"))
        .filter_map(|s| s.attribute((W, "val")))
        .any(|style| {
            let s = style.to_ascii_lowercase();
            s == "title" || s.starts_with("heading")
        })
}

/// Title and creation date (ISO) from the core properties.
fn properties(xml: &str) -> (Option<String>, Option<String>) {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 10_000,
        ..ParsingOptions::default()
    };
    let Ok(doc) = Document::parse_with_options(xml, options) else {
        return (None, None);
    };
    let text = |name: &str| {
        doc.descendants()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    let created = text("created")
        .and_then(|d| d.get(..10).map(str::to_string))
        .filter(|d| jiff::civil::Date::strptime("%Y-%m-%d", d).is_ok());
    (text("title"), created)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A .docx of `paragraphs` ((style, text), style "" for none), with `title` in its core properties:
    /// the smallest archive Word itself opens, written as tests need it.
    pub(crate) fn docx(title: Option<&str>, paragraphs: &[(&str, &str)]) -> Vec<u8> {
        let mut body = String::new();
        for (style, text) in paragraphs {
            body.push_str("<w:p>");
            if !style.is_empty() {
                body.push_str(&format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
            }
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            body.push_str(&format!(
                "<w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>"
            ));
        }
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("word/document.xml", stored).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        if let Some(title) = title {
            zip.start_file("docProps/core.xml", stored).unwrap();
            write!(
                zip,
                "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                 xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">\
                 <dc:title>{title}</dc:title><dcterms:created>2030-02-03T10:00:00Z</dcterms:created></cp:coreProperties>"
            )
            .unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn paragraphs_title_and_date_are_read() {
        let bytes = docx(
            None,
            &[
                ("Title", "Invented Ministry Statement"),
                ("", "Mr. Example (Freedonia): Peace is near."),
                ("", "It is."),
            ],
        );
        let doc = extract(&bytes).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Invented Ministry Statement"));
        assert_eq!(
            doc.text,
            "Mr. Example (Freedonia): Peace is near.\n\nIt is."
        );
        let with_props = extract(&docx(Some("Given title"), &[("", "Body.")])).unwrap();
        assert_eq!(with_props.title.as_deref(), Some("Given title"));
        assert_eq!(with_props.metadata_date.as_deref(), Some("2030-02-03"));
        assert_eq!(with_props.text, "Body.");
    }

    #[test]
    fn a_text_box_is_read_once_as_its_own_paragraph() {
        use std::io::Write;
        let text_box = |mark: &str| {
            format!(
                r#"<w:txbxContent><w:p><w:r><w:t>Boxed {mark}.</w:t></w:r></w:p></w:txbxContent>"#
            )
        };
        let xml = format!(
            r#"<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body><w:p><w:r><w:t>Before the box.</w:t></w:r><mc:AlternateContent><mc:Choice>{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent></w:p></w:body></w:document>"#,
            text_box("words"),
            text_box("words")
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let doc = extract(&bytes).unwrap();
        assert_eq!(doc.text, "Before the box.\n\nBoxed words.");
    }

    #[test]
    fn what_is_not_a_word_document_says_why() {
        assert!(extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
            .unwrap_err()
            .contains("encrypted Word document"));
        assert!(extract(b"PK not really")
            .unwrap_err()
            .contains("not a Word document"));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("other.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(extract(&bytes)
            .unwrap_err()
            .contains("no word/document.xml"));
    }
}
