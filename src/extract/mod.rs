//! Documents that are not text — PDF and Word (.docx) — to the plain text the text reader reads.
//!
//! A PDF or a Word file becomes what a plain-text statement would be: paragraphs separated by blank lines,
//! with its title and date, when the document's metadata gives them, in a front matter ahead. The text
//! reader then reads it like any other, so a statement is attributed the same however it was published.
//! A file with nothing to read (a scan without a text layer, an encrypted or damaged PDF, a document that
//! expands past the limits) is refused with the reason, for the build to report.

mod docx;
mod guard;
mod pages;
mod pdf;

/// What a document gives beyond its bytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    /// Title from the document's metadata.
    pub title: Option<String>,
    /// Creation date from the metadata, ISO (YYYY-MM-DD): the date of the file, which is used only when
    /// the text opens with none.
    pub metadata_date: Option<String>,
    /// Pages read (a Word file counts as one).
    pub pages: usize,
    /// Pages that could not be read and were left out.
    pub unread_pages: usize,
    /// The first page's lines, where a statement's own date is looked for.
    pub first_page: Option<String>,
    /// Running text: paragraphs separated by blank lines.
    pub text: String,
}

/// Which kind of document to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Portable Document Format.
    Pdf,
    /// Office Open XML word-processing document.
    Docx,
}

/// Reads a document, or says why it cannot be read.
pub fn extract(kind: Kind, bytes: &[u8]) -> Result<Extracted, String> {
    match kind {
        Kind::Pdf => pdf::extract(bytes),
        Kind::Docx => docx::extract(bytes),
    }
}

/// A document as the text reader takes it: a YAML front matter with the title and date it gives, then its
/// paragraphs.
///
/// The date is the first the opening page names (a meeting record's cover, a release's dateline), else
/// the metadata's creation date; with neither, the text reader looks where it always does (the file name
/// among others).
pub fn to_text(doc: &Extracted) -> String {
    let opening = doc.first_page.as_deref().unwrap_or(&doc.text);
    let opening: String = opening.lines().take(20).collect::<Vec<_>>().join("\n");
    let date = crate::parse::find_date(&opening)
        .map(|d| d.to_string())
        .or_else(|| doc.metadata_date.clone());
    let mut out = String::with_capacity(doc.text.len() + 200);
    if doc.title.is_some() || date.is_some() {
        out.push_str("---\n");
        if let Some(title) = &doc.title {
            // A JSON string is a YAML string, quotes and backslashes escaped.
            out.push_str(&format!(
                "title: {}\n",
                serde_json::Value::from(title.as_str())
            ));
        }
        if let Some(date) = date {
            out.push_str(&format!("date: '{date}'\n"));
        }
        out.push_str("---\n\n");
    }
    out.push_str(&doc.text);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_date_go_ahead_of_the_text_as_front_matter() {
        let doc = Extracted {
            title: Some("A \"quoted\" title: with colon".into()),
            metadata_date: Some("2031-05-06".into()),
            first_page: Some("Cover\nThursday, 13 December 2030, 3 p.m.\nNew York".into()),
            text: "Body.".into(),
            ..Extracted::default()
        };
        let text = to_text(&doc);
        assert!(
            text.starts_with(
                "---\ntitle: \"A \\\"quoted\\\" title: with colon\"\ndate: '2030-12-13'\n---\n"
            ),
            "{text}"
        );
        let bare = Extracted {
            metadata_date: Some("2031-05-06".into()),
            text: "Body.".into(),
            ..Extracted::default()
        };
        assert!(to_text(&bare).contains("date: '2031-05-06'"));
        let nothing = Extracted {
            text: "Body.".into(),
            ..Extracted::default()
        };
        assert_eq!(to_text(&nothing), "Body.\n");
    }
}
