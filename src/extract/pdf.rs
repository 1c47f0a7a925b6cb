//! A PDF's text layer to positioned lines, and its document information to a title and a date.
//!
//! pdf-extract (over lopdf) interprets the content streams and hands over each glyph with its place on
//! the page; the glyphs become [`Line`]s here, and [`super::pages`] does the reading. A PDF is checked
//! against [`super::guard`] first, and each page is read on its own, so that a page the library fails on
//! costs that page and not the file.

use std::time::{Duration, Instant};

use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, Transform};

use super::guard;
use super::pages::{is_symbol, Line, Page};
use super::Extracted;

/// Longest a PDF may take to read. Its streams are bounded ([`guard`]), so its time is too, but a
/// content stream of a few hundred megabytes of drawing operators could still take minutes.
const MAX_READ_TIME: Duration = Duration::from_secs(60);

fn too_slow() -> String {
    format!(
        "reading it took longer than {} s (a hostile PDF?)",
        MAX_READ_TIME.as_secs()
    )
}

/// Deepest chain of forms drawing forms followed; deeper is refused, as is a form that draws itself.
const MAX_FORM_DEPTH: usize = 32;

/// The text of a PDF, or why it has none to give.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    if !bytes.starts_with(b"%PDF")
        && memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF").is_none()
    {
        return Err("not a PDF (no %PDF header)".into());
    }
    guard::check_streams(bytes, guard::budget(bytes.len()))?;
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("damaged PDF: {e}"))?;
    if doc.is_encrypted() {
        // Most "encrypted" PDFs only restrict printing or copying, with an empty password to open them.
        doc.decrypt("")
            .map_err(|_| "encrypted PDF: it needs a password to be read".to_string())?;
    }
    guard::check_loaded(&doc, guard::budget(bytes.len()))?;
    check_forms(&doc)?;
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err("damaged PDF: no pages".into());
    }
    let mut collector = Collector {
        deadline: Some(Instant::now() + MAX_READ_TIME),
        ..Collector::default()
    };
    let mut failed = 0usize;
    let mut last_error = String::new();
    for &n in &numbers {
        if collector.past_deadline() {
            return Err(too_slow());
        }
        let before = collector.pages.len();
        let read = crate::index::quietly(|| pdf_extract::output_doc_page(&doc, &mut collector, n));
        let problem = match read {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(panic) => Some(panic),
        };
        if let Some(problem) = problem {
            failed += 1;
            last_error = problem;
            collector.pages.truncate(before);
            collector.page = None;
        }
    }
    if collector.timed_out {
        return Err(too_slow());
    }
    if failed == numbers.len() {
        return Err(format!("damaged PDF: no page could be read ({last_error})"));
    }
    let pages = collector.pages;
    let chars: usize = pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    if chars < 20 * pages.len().max(1) / 4 + 10 {
        return Err(format!(
            "no text layer: its {} page(s) hold no text to read (a scan? run OCR on it first)",
            numbers.len()
        ));
    }
    let (title, subject, created) = information(&doc);
    let symbol = subject
        .as_deref()
        .filter(|s| is_symbol(s))
        .or_else(|| {
            pages
                .first()?
                .lines
                .iter()
                .map(|l| l.text.as_str())
                .find(|t| is_symbol(t))
        })
        .map(str::to_string);
    let title = title_of(title.filter(|t| plausible_title(t)), subject, symbol);
    Ok(Extracted {
        title,
        metadata_date: created,
        pages: numbers.len(),
        unread_pages: failed,
        first_page: pages.first().map(|p| {
            p.lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        }),
        text: super::pages::text_of(&pages),
    })
}

/// Refuses a PDF whose forms draw themselves or nest deeper than [`MAX_FORM_DEPTH`]: the reader follows
/// them by recursion, and would run out of stack.
fn check_forms(doc: &Document) -> Result<(), String> {
    // An explicit stack of (resources, depth), so that the walk itself needs no deep recursion. Forms
    // are walked along every path, as the reader draws them: a loop shows as depth, and a web of forms
    // drawing each other many times over as visits.
    let mut stack: Vec<(&pdf_extract::Dictionary, usize)> = Vec::new();
    for (_, page) in doc.get_pages() {
        if let Ok(dict) = doc.get_dictionary(page) {
            if let Some(res) = resources(doc, dict) {
                stack.push((res, 0));
            }
        }
    }
    let mut visits = 0usize;
    while let Some((res, depth)) = stack.pop() {
        visits += 1;
        if depth > MAX_FORM_DEPTH {
            return Err(format!(
                "damaged PDF: forms drawing forms deeper than {MAX_FORM_DEPTH} (a form that draws itself?)"
            ));
        }
        if visits > 100_000 {
            return Err("damaged PDF: forms drawn over 100000 times".into());
        }
        let Some(xobjects) = res
            .get(b"XObject")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
        else {
            continue;
        };
        for (_, entry) in xobjects.iter() {
            let Ok(id) = entry.as_reference() else {
                continue;
            };
            let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            let is_form = stream
                .dict
                .get(b"Subtype")
                .ok()
                .and_then(|s| s.as_name().ok())
                == Some(b"Form".as_slice());
            if !is_form {
                continue;
            }
            match resources(doc, &stream.dict) {
                Some(inner) => stack.push((inner, depth + 1)),
                // A form without resources of its own draws with those it was drawn with: when it draws
                // any form itself, those are walked again one level deeper.
                None => {
                    let content = stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone());
                    if memchr::memmem::find(&content, b"Do").is_some() {
                        stack.push((res, depth + 1));
                    }
                }
            }
        }
    }
    Ok(())
}

fn resources<'a>(
    doc: &'a Document,
    dict: &'a pdf_extract::Dictionary,
) -> Option<&'a pdf_extract::Dictionary> {
    deref(doc, dict.get(b"Resources").ok()?)?.as_dict().ok()
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// The title: a document symbol leads it, with what the document is about ("S/PV.8422: The situation in
/// the Central African Republic"), so that a search shows which record a paragraph is from; the symbol
/// comes from the metadata or the first page's running head.
fn title_of(
    title: Option<String>,
    subject: Option<String>,
    symbol: Option<String>,
) -> Option<String> {
    match (title, symbol) {
        (Some(t), _) if is_symbol(&t) => match subject.filter(|s| !is_symbol(s)) {
            Some(s) => Some(format!("{t}: {s}")),
            None => Some(t),
        },
        (Some(t), Some(symbol)) if !t.contains(&symbol) => Some(format!("{symbol}: {t}")),
        (Some(t), _) => Some(t),
        (None, symbol) => symbol,
    }
}

/// True for a title a person gave: a document symbol, or two words or more with letters in them, not a file
/// name ("A_L.632.pdf") nor the shreds some producers leave ("Etpu", "/о 7-").
fn plausible_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    if [".pdf", ".doc", ".docx", ".indd", ".rtf", ".txt"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return false;
    }
    let symbol = !title.contains(' ')
        && title.contains('/')
        && title.starts_with(|c: char| c.is_ascii_uppercase());
    let letters = title.chars().filter(|c| c.is_alphabetic()).count();
    symbol || (title.split_whitespace().count() >= 2 && letters >= 6)
}

/// Title, subject and creation date (ISO) from the document information dictionary.
fn information(doc: &Document) -> (Option<String>, Option<String>, Option<String>) {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let Some(info) = info else {
        return (None, None, None);
    };
    let text = |key: &[u8]| -> Option<String> {
        let Object::String(bytes, _) = deref(doc, info.get(key).ok()?)? else {
            return None;
        };
        let s = decode_text_string(bytes);
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty() && !s.eq_ignore_ascii_case("untitled")).then_some(s)
    };
    let created = text(b"CreationDate").and_then(|d| pdf_date(&d));
    (text(b"Title"), text(b"Subject"), created)
}

/// A PDF text string: UTF-16 with a byte order mark, UTF-8 with one, or else PDFDocEncoding, which is
/// Latin-1 for the letters titles use.
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| pdf_doc_char(b)).collect()
}

/// A byte of PDFDocEncoding: Latin-1 but for 0x80–0xA0, where it puts dashes, quotes and ligatures
/// (0x85 is an en dash, not a line break).
fn pdf_doc_char(b: u8) -> char {
    const HIGH: [char; 31] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž',
    ];
    match b {
        0x80..=0x9e => HIGH[usize::from(b - 0x80)],
        0xa0 => '€',
        _ => char::from(b),
    }
}

/// "D:20181217180127-05'00'" to "2018-12-17".
fn pdf_date(raw: &str) -> Option<String> {
    let digits = raw.trim().strip_prefix("D:").unwrap_or(raw.trim());
    let d = digits.get(..8)?;
    if !d.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let date = format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]);
    jiff::civil::Date::strptime("%Y-%m-%d", &date).ok()?;
    Some(date)
}

/// Glyphs to lines, page by page.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// The page being read, with its media box top for turning y downwards.
    page: Option<(f64, f64)>,
    /// The line being built.
    line: Option<Line>,
    /// Where the last glyph ended.
    last_end: f32,
    /// A space is due before the next glyph.
    space: bool,
    /// When reading must stop; checked every [`Collector::CHECK_EVERY`] calls.
    deadline: Option<Instant>,
    /// Calls from the reader so far.
    calls: u32,
    /// The deadline has passed.
    timed_out: bool,
    /// Lines kept so far, on all pages.
    lines: usize,
    /// The current page, or the document, holds more lines than layout is given to order.
    overfull: bool,
}

impl Collector {
    /// How many calls from the reader between two looks at the clock.
    const CHECK_EVERY: u32 = 4096;
    /// Most lines a page may hold: a dense two-column page holds 200, and laying a page out compares its
    /// lines with each other.
    const MAX_PAGE_LINES: usize = 2_000;
    /// Most lines a document may hold: a 2,000-page record of 100 lines a page is 200,000.
    const MAX_LINES: usize = 400_000;

    /// Counts a call from the reader, failing it (and so the page) once the deadline has passed.
    fn tick(&mut self) -> Result<(), OutputError> {
        self.calls = self.calls.wrapping_add(1);
        if self.calls.is_multiple_of(Self::CHECK_EVERY)
            && self.deadline.is_some_and(|d| Instant::now() > d)
        {
            self.timed_out = true;
        }
        if self.timed_out {
            return Err(OutputError::IoError(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "time limit",
            )));
        }
        if self.overfull {
            return Err(OutputError::IoError(std::io::Error::other(format!(
                "more than {} lines on a page or {} in the document",
                Self::MAX_PAGE_LINES,
                Self::MAX_LINES
            ))));
        }
        Ok(())
    }

    fn past_deadline(&self) -> bool {
        self.timed_out || self.deadline.is_some_and(|d| Instant::now() > d)
    }

    fn finish_line(&mut self) {
        if let Some(mut line) = self.line.take() {
            let trimmed = line.text.trim_end();
            if !trimmed.is_empty() {
                line.text.truncate(trimmed.len());
                if let Some(page) = self.pages.last_mut() {
                    if page.lines.len() >= Self::MAX_PAGE_LINES || self.lines >= Self::MAX_LINES {
                        self.overfull = true;
                        return;
                    }
                    page.lines.push(line);
                    self.lines += 1;
                }
            }
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _n: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            width: (media_box.urx - media_box.llx).abs() as f32,
            height: (media_box.ury - media_box.lly).abs() as f32,
            lines: Vec::new(),
        });
        self.page = Some((media_box.llx, media_box.ury));
        self.line = None;
        // A page too dense to lay out is left out; the next may be read, until the document's bound.
        self.overfull = self.lines >= Self::MAX_LINES;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_line();
        self.page = None;
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.tick()?;
        let Some((left, top)) = self.page else {
            return Ok(());
        };
        let x = (trm.m31 - left) as f32;
        let y = (top - trm.m32) as f32;
        // The rendered size: the font size through the text matrix, as the side of a square of the same area.
        let (vx, vy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = ((vx * vy).abs().sqrt() as f32).max(0.1);
        let advance = (width * (vx * vy).abs().sqrt()) as f32;
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        if text.trim().is_empty() {
            self.space = true;
            self.last_end = x + advance;
            return Ok(());
        }
        if let Some(line) = &self.line {
            // A footnote marker: a small raised figure.
            let raised = y < line.y - line.size * 0.15 && line.y - y < line.size * 0.8;
            if size < line.size * 0.8
                && raised
                && text.chars().all(|c| c.is_ascii_digit() || c == '*')
            {
                self.last_end = x + advance;
                return Ok(());
            }
        }
        let new_line = match &self.line {
            None => true,
            Some(line) => {
                let off_baseline = (y - line.y).abs() > line.size.min(size) * 0.4;
                let went_back = x < self.last_end - line.size * 0.5;
                let wide_gap = x > self.last_end + line.size * 2.0;
                off_baseline || went_back || wide_gap
            }
        };
        if new_line {
            self.finish_line();
            self.line = Some(Line {
                x0: x,
                x1: x + advance,
                y,
                size,
                text: String::new(),
            });
            self.space = false;
        }
        if let Some(line) = &mut self.line {
            if !line.text.is_empty()
                && (self.space || x > self.last_end + line.size * 0.15)
                && !line.text.ends_with(' ')
            {
                line.text.push(' ');
            }
            line.text.push_str(text);
            line.x1 = line.x1.max(x + advance);
        }
        self.space = false;
        self.last_end = x + advance;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.tick()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.tick()
    }

    fn stroke(
        &mut self,
        _ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        _path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        self.tick()
    }

    fn fill(
        &mut self,
        _ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        _path: &pdf_extract::Path,
    ) -> Result<(), OutputError> {
        self.tick()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_symbol_leads_the_title() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            title_of(some("S/PV.8422"), some("The situation"), None),
            some("S/PV.8422: The situation")
        );
        assert_eq!(
            title_of(
                some("General Assembly 102nd meeting"),
                some("A/76/PV.102"),
                some("A/76/PV.102")
            ),
            some("A/76/PV.102: General Assembly 102nd meeting")
        );
        assert_eq!(
            title_of(None, None, some("A/64/PV.121")),
            some("A/64/PV.121")
        );
        assert_eq!(title_of(some("Statement"), None, None), some("Statement"));
    }

    #[test]
    fn only_titles_a_person_gave_are_taken() {
        for t in ["S/PV.8422", "Statement by the Minister"] {
            assert!(plausible_title(t), "{t}");
        }
        for t in ["A_L.632.pdf", "Etpu", "/о 7-", "United"] {
            assert!(!plausible_title(t), "{t}");
        }
    }

    #[test]
    fn reading_stops_at_the_deadline() {
        let mut collector = Collector {
            deadline: Some(Instant::now()),
            ..Collector::default()
        };
        std::thread::sleep(Duration::from_millis(2));
        let stopped = (0..Collector::CHECK_EVERY).any(|_| collector.begin_word().is_err());
        assert!(stopped && collector.past_deadline());
        let mut open = Collector::default();
        assert!((0..3 * Collector::CHECK_EVERY).all(|_| open.begin_word().is_ok()));
    }

    #[test]
    fn a_document_past_its_lines_stops_being_read() {
        let mut collector = Collector {
            lines: Collector::MAX_LINES,
            ..Collector::default()
        };
        let media = MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 612.0,
            ury: 792.0,
        };
        collector.begin_page(1, &media, None).unwrap();
        assert!(collector.begin_word().is_err());
    }

    #[test]
    fn pdf_dates_and_strings_decode() {
        assert_eq!(
            pdf_date("D:20181217180127-05'00'").as_deref(),
            Some("2018-12-17")
        );
        assert_eq!(pdf_date("D:2018"), None);
        assert_eq!(pdf_date("D:20181317"), None);
        assert_eq!(decode_text_string(b"\xfe\xff\x00S\x00/\x00P\x00V"), "S/PV");
        assert_eq!(decode_text_string(b"Caf\xe9"), "Café");
        assert_eq!(decode_text_string(b"A \x85 B \x8dq\x8e"), "A – B “q”");
    }

    #[test]
    fn what_is_not_a_readable_pdf_says_why() {
        assert!(extract(b"hello").unwrap_err().contains("not a PDF"));
        let err = extract(b"%PDF-1.4\ngarbage").unwrap_err();
        assert!(err.contains("damaged PDF"), "{err}");
    }
}
