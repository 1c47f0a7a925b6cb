//! HTML pages and fragments: the article's title and body blocks, with the site around it left out.
//!
//! A ministry page is mostly navigation, menus, scripts, share widgets and footers wrapped around a few
//! dozen paragraphs. html5ever (through `scraper`) builds the tree the way a browser does — entities
//! decoded, unclosed `<P>`s closed — and this module then finds the article by a readability-style rule
//! rather than by any site's layout: chrome is set aside by tag and by the words of its class or id, and
//! the article is the element whose own paragraphs carry the most text. Bold text opening a block is kept
//! as a hint that the block opens a transcript turn ("Q:", "MR PRICE:").
//!
//! Dates follow the crate's rule of never guessing: a page's date is taken only from what it states in
//! machine form (meta tags, `<time datetime>`), or — when the title names a month and day without a year —
//! from a year the page itself gives near that day (a full date in the body, an upload path such as
//! `W020180511600451682102.jpg`). Dates written in full in the title are left to the caller.

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::date::{self, month_number, MONTH};
use super::{collapse_spaces, layout, Block, Draft};

/// Elements that never hold article text.
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "form", "aside", "iframe", "select",
    "button", "template", "svg", "canvas", "object", "embed", "input", "textarea", "head",
];

/// Words that mark site chrome when they make up a word of an element's class or id.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "breadcrumb",
    "share",
    "sharing",
    "sidebar",
    "related",
    "tool",
    "copyright",
    // A post's tag list ("post-tags", "entry-tags", "read__tagscol"): links to other pages by topic.
    "tags",
];

/// Elements that are never dropped for their class or id: a page's class words describe its state
/// (`<body class="has-sidebar">`), not its chrome.
const NEVER_CHROME: &[&str] = &["html", "body", "main", "article"];

/// Elements that end the text before them and start a new block.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Block elements whose text counts toward their parent's score as one paragraph.
const PARAGRAPH_TAGS: &[&str] = &["p", "pre", "blockquote", "li", "td", "th", "dd"];

/// Containers that count as a paragraph when they hold no block element.
const LEAF_CONTAINERS: &[&str] = &["div", "section", "article", "center"];

/// `name`, `property` or `itemprop` values of `<meta>` tags that state the page's publication day.
const DATE_META: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "sailthru.date",
    "parsely-pub-date",
];

/// How many elements, from the article outward, are searched for its heading before the whole body is.
const HEADING_LEVELS: usize = 4;

/// Longest heading, in characters, still taken for a title.
const MAX_TITLE_CHARS: usize = 300;

/// Fewest words before a `<title>` separator for the part after it to be taken for a site name.
const MIN_TITLE_WORDS: usize = 3;

/// Longest part after a `<title>` separator still taken for a site name.
const MAX_SITE_CHARS: usize = 90;

/// Furthest, in days, a date elsewhere on the page may lie from a year-less title date and still lend
/// it its year: an upload path is written a day or two after the event, a briefing speaks of the
/// coming and the past weeks.
const YEAR_EVIDENCE_DAYS: i32 = 31;

/// Earliest and latest years taken from a page's body or paths.
const YEARS: std::ops::RangeInclusive<i16> = 1990..=2030;

/// "September 10" or "10 September", and the year if one follows. The space after the month may be
/// missing, as it is in a few real titles ("June11, 2018").
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:({MONTH})\s*(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})(?:\W|$))(?:\s*,?\s*(\d{{4}})\b)?"
    ))
    .expect("static regex")
});

/// A full date in running text, a day range allowed: "September 13 to 15, 2018", "13-15 September 2018".
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let range = r"(?:\s*(?:-|–|to|and)\s*\d{1,2})?";
    Regex::new(&format!(
        r"\b(?:({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?{range},?\s+(\d{{4}})|(\d{{1,2}})(?:st|nd|rd|th)?{range}\s+({MONTH}),?\s+(\d{{4}}))\b"
    ))
    .expect("static regex")
});

/// A machine date at the start of an attribute: `2021-05-20T22:14:56+00:00`, `2021/05/20`, `20210520`.
static MACHINE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|(\d{2})(\d{2}))(?:[^\d]|$)")
        .expect("static regex")
});

/// A run of digits long enough to hold a YYYYMMDD date.
static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{8,}").expect("static regex"));

/// A breadcrumb line: "Home > Press and Media Service > …".
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:you are here:?\s*)?home\s*[>»›/|]").expect("static regex")
});

/// Where a `<br>` broke a block's text, kept until the block's lines are laid out: a character no page
/// text holds.
const LINE_BREAK: char = '\u{1}';

/// A blank line inside `<pre>`: a paragraph break.
static BLANK_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\n[ \t\r]*\n").expect("static regex"));

/// A whole page: title and article body only (no navigation, scripts, styles, forms, share widgets,
/// header/footer), as a Draft with id and source = `source`.
///
/// `date` is set only from a machine-readable date the page states, or from a year the page gives for a
/// title that names a month and day without one; dates written in full in the title are left to
/// [`finish`](super::finish). `url` comes from
/// `<link rel="canonical">` or `og:url`; `header` is left empty.
///
/// A page nested deeper than [`MAX_NESTING`] gives an empty draft, at once: see [`nesting_problem`].
pub fn draft(source: &str, html: &str) -> Draft {
    if nesting_problem(html).is_some() {
        return Draft {
            id: source.to_string(),
            source: source.to_string(),
            ..Draft::default()
        };
    }
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let body = root
        .child_elements()
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    let content = best_container(body).unwrap_or(body);
    let heading = heading(content);
    let title = match heading {
        Some((ref text, _)) => Some(text.clone()),
        None => page_title(root),
    };

    let mut builder = Builder::default();
    builder.walk(content, heading.map(|(_, e)| e));
    let blocks: Vec<Block> = builder
        .finish()
        .into_iter()
        .filter(|b| !BREADCRUMB.is_match(&b.text) && Some(&b.text) != title.as_ref())
        .collect();

    let region = content
        .parent()
        .and_then(ElementRef::wrap)
        .unwrap_or(content);
    let date =
        stated_date(root, region).or_else(|| title_date(title.as_deref()?, content, &blocks));

    Draft {
        id: source.to_string(),
        source: source.to_string(),
        title,
        blocks,
        date,
        url: canonical_url(root),
        lead: description(root, content),
        ..Draft::default()
    }
}

/// The page's summary of the statement, outside its body: a `<meta name="description">` or
/// `og:description`, or an element the page marks `itemprop="description"`. Not a paragraph (the body
/// usually repeats or follows it), but it often names who met whom or who sent a message.
fn description(root: ElementRef<'_>, content: ElementRef<'_>) -> Option<String> {
    let inside = |e: &ElementRef<'_>| e.ancestors().any(|a| a.id() == content.id());
    root.descendent_elements()
        .find_map(|e| {
            let el = e.value();
            if el.attr("itemprop") == Some("description") && el.name() != "meta" && !inside(&e) {
                return Some(collapse(&e.text().collect::<String>()));
            }
            let named = el.attr("name").or_else(|| el.attr("property"));
            (el.name() == "meta" && matches!(named, Some("description" | "og:description")))
                .then(|| el.attr("content").map(collapse))
                .flatten()
        })
        .filter(|d| !d.is_empty())
}

/// The body blocks of an HTML fragment (e.g. a JSON record's `content_html`); none for a fragment
/// nested deeper than [`MAX_NESTING`].
pub fn blocks(fragment: &str) -> Vec<Block> {
    if nesting_problem(fragment).is_some() {
        return Vec::new();
    }
    let doc = Html::parse_fragment(fragment);
    let mut builder = Builder::default();
    builder.walk(doc.root_element(), None);
    builder.finish()
}

/// Deepest nesting of elements a page may have; a deeper one is refused.
///
/// html5ever, like the standard's tree builder it implements, looks down its stack of open elements for
/// most tags it meets, so parsing takes time proportional to the depth times the number of tags: 100,000
/// nested `<div>`s take hours. Browsers bound the depth for the same reason (Blink at 512, flattening
/// what lies deeper); real pages stay below 100. Refusing, rather than flattening, keeps the parse the
/// standard's, and a page this deep is generated junk or an attack, not a statement.
pub const MAX_NESTING: usize = 1024;

/// Why a page or fragment is not parsed, if it is not: elements nested deeper than [`MAX_NESTING`].
///
/// The depth is that of the tree builder's stack of open elements, followed in one pass over the tags
/// with the standard's rules for what closes what (void and raw-text elements, the implied ends of
/// `<p>`, `<li>`, table cells, end tags that do not match, scopes). The rules that only add elements
/// (implied `<tbody>`, formatting elements reopened after a block) are left out, so the depth found is
/// at most the parser's: no page the parser handles quickly is refused.
pub fn nesting_problem(html: &str) -> Option<String> {
    (nesting(html, MAX_NESTING + 1) > MAX_NESTING)
        .then(|| format!("HTML elements nested more than {MAX_NESTING} deep"))
}

/// Elements without content or end tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag, never elements.
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Start tags that close an open `<p>` (in button scope).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "dd",
    "dt",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
    "plaintext",
];

/// Elements that bound a scope: an end tag or an implied end does not reach past them.
const SCOPE_TAGS: &[&str] = &[
    "applet",
    "caption",
    "html",
    "table",
    "td",
    "th",
    "marquee",
    "object",
    "template",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
];

/// The standard's "special" elements: a generic end tag does not close past one.
const SPECIAL_TAGS: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "html",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
    "foreignobject",
    "desc",
];

/// End tags the standard handles by name (closing the nearest such element in scope); any other end
/// tag closes the nearest element of its name only if no special element lies above it.
const SCOPED_END_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
    "form",
    "p",
    "li",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "applet",
    "marquee",
    "object",
    "table",
    "caption",
    "colgroup",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "td",
    "th",
    "template",
    "select",
    "a",
    "b",
    "big",
    "code",
    "em",
    "font",
    "i",
    "nobr",
    "s",
    "small",
    "strike",
    "strong",
    "tt",
    "u",
    "svg",
    "math",
];

/// A model of the tree builder's stack of open elements, with the positions of each name, of the scope
/// bounds and of the special elements kept beside it so that every step takes constant time.
#[derive(Default)]
struct OpenElements {
    names: Vec<String>,
    by_name: HashMap<String, Vec<usize>>,
    scopes: Vec<usize>,
    specials: Vec<usize>,
    /// The special elements other than `address`, `div` and `p`: those that stop a new `<li>`, `<dd>`
    /// or `<dt>` from closing an open one.
    closing_specials: Vec<usize>,
}

impl OpenElements {
    fn push(&mut self, name: String) {
        let at = self.names.len();
        if SCOPE_TAGS.contains(&name.as_str()) {
            self.scopes.push(at);
        }
        if SPECIAL_TAGS.contains(&name.as_str()) {
            self.specials.push(at);
            if !matches!(name.as_str(), "address" | "div" | "p") {
                self.closing_specials.push(at);
            }
        }
        self.by_name.entry(name.clone()).or_default().push(at);
        self.names.push(name);
    }

    /// Pops elements until only `len` are left.
    fn truncate(&mut self, len: usize) {
        while self.names.len() > len {
            let Some(name) = self.names.pop() else { break };
            let at = self.names.len();
            if let Some(positions) = self.by_name.get_mut(&name) {
                positions.pop();
            }
            if self.scopes.last() == Some(&at) {
                self.scopes.pop();
            }
            if self.specials.last() == Some(&at) {
                self.specials.pop();
            }
            if self.closing_specials.last() == Some(&at) {
                self.closing_specials.pop();
            }
        }
    }

    fn nearest(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).and_then(|p| p.last()).copied()
    }

    /// The nearest of `names`, if there is one.
    fn nearest_of(&self, names: &[&str]) -> Option<usize> {
        names.iter().filter_map(|n| self.nearest(n)).max()
    }

    /// The nearest element named `name` with no scope bound above it (it may be one itself).
    fn in_scope(&self, name: &str) -> Option<usize> {
        let at = self.nearest(name)?;
        self.scopes.last().is_none_or(|&s| s <= at).then_some(at)
    }

    fn top(&self) -> Option<&str> {
        self.names.last().map(String::as_str)
    }

    /// Closes the element at `at` and everything opened inside it.
    fn close(&mut self, at: usize) {
        self.truncate(at);
    }

    fn start(&mut self, name: String, self_closing: bool) {
        let n = name.as_str();
        let foreign = self.nearest_of(&["svg", "math"]).is_some();
        if VOID_TAGS.contains(&n)
            || matches!(n, "html" | "body" | "head")
            || (self_closing && foreign)
        {
            return;
        }
        if CLOSES_P.contains(&n) {
            if let Some(p) = self.in_scope("p") {
                if self.nearest("button").is_none_or(|b| b < p) {
                    self.close(p);
                }
            }
        }
        match n {
            "li" | "dd" | "dt" => {
                let same: &[&str] = if n == "li" { &["li"] } else { &["dd", "dt"] };
                // Only when no special element other than address, div or p stands above it.
                if let Some(&at) = self.closing_specials.last() {
                    if same.contains(&self.names[at].as_str()) {
                        self.close(at);
                    }
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self
                    .top()
                    .is_some_and(|t| matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")) =>
            {
                self.truncate(self.names.len() - 1);
            }
            "option" | "optgroup" => {
                if self.top() == Some("option") {
                    self.truncate(self.names.len() - 1);
                }
                if n == "optgroup" && self.top() == Some("optgroup") {
                    self.truncate(self.names.len() - 1);
                }
            }
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption" | "colgroup" | "table" => {
                let closes: &[&str] = match n {
                    "td" | "th" => &["td", "th"],
                    "tr" => &["tr", "td", "th"],
                    "table" => &["table"],
                    _ => &[
                        "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup",
                    ],
                };
                let table = self.nearest("table");
                // Within the nearest table only, and its outermost part there: a new row closes the
                // row, not only the cell. A new table inside a cell nests.
                let cell = self.nearest_of(&["td", "th", "caption"]);
                let found = if n == "table" {
                    table.filter(|&t| cell.is_none_or(|c| c < t))
                } else {
                    closes
                        .iter()
                        .filter_map(|c| self.nearest(c))
                        .filter(|&at| table.is_none_or(|t| t < at))
                        .min()
                };
                if let Some(at) = found {
                    self.close(at);
                }
            }
            "a" => {
                let markers = self.nearest_of(&[
                    "td", "th", "caption", "object", "applet", "marquee", "template",
                ]);
                if let Some(a) = self.nearest("a").filter(|&a| markers.is_none_or(|m| m < a)) {
                    self.close(a);
                }
            }
            "nobr" | "button" => {
                if let Some(at) = self.in_scope(n) {
                    self.close(at);
                }
            }
            _ => {}
        }
        self.push(name);
    }

    fn end(&mut self, name: &str) {
        let at = if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            let at = self.nearest_of(&["h1", "h2", "h3", "h4", "h5", "h6"]);
            at.filter(|&at| self.scopes.last().is_none_or(|&s| s <= at))
        } else if name == "table" {
            self.nearest(name)
        } else if matches!(
            name,
            "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup"
        ) {
            // Table scope: only a table bounds it, not the cells inside.
            let table = self.nearest("table");
            self.nearest(name)
                .filter(|&at| table.is_none_or(|t| t < at))
        } else if SCOPED_END_TAGS.contains(&name) {
            self.in_scope(name)
        } else {
            let at = self.nearest(name);
            at.filter(|&at| self.specials.last().is_none_or(|&s| s <= at))
        };
        if let Some(at) = at {
            self.close(at);
        }
    }
}

/// The deepest nesting of elements in `html`, as far as `limit`: the scan stops there.
fn nesting(html: &str, limit: usize) -> usize {
    let b = html.as_bytes();
    let mut open = OpenElements::default();
    let mut deepest = 0;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + off;
        let rest = &b[at..];
        if rest.starts_with(b"<!--") {
            i = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find(b, at, b">").map_or(b.len(), |e| e + 1);
            continue;
        }
        let is_end = rest.starts_with(b"</");
        let name_start = at + 1 + usize::from(is_end);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1;
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
            .map_or(b.len(), |p| name_start + p);
        // The name ends at an ASCII byte or at the end: a character boundary either way.
        let name = html[name_start..name_end].to_ascii_lowercase();
        let (close, self_closing) = tag_end(b, name_end);
        i = close;
        if is_end {
            open.end(&name);
            continue;
        }
        if name == "plaintext" {
            break;
        }
        if RAW_TEXT_TAGS.contains(&name.as_str()) {
            i = find_end_tag(b, i, name.as_bytes()).unwrap_or(b.len());
            continue;
        }
        open.start(name, self_closing);
        deepest = deepest.max(open.names.len());
        if deepest >= limit {
            break;
        }
    }
    deepest
}

/// Where a tag whose name ends at `from` ends (just past its `>`), and whether it closes itself (`/>`).
/// A `>` inside a quoted attribute value does not end it.
fn tag_end(b: &[u8], from: usize) -> (usize, bool) {
    let mut after_equals = false;
    let mut j = from;
    while j < b.len() {
        match b[j] {
            b'>' => return (j + 1, j > from && b[j - 1] == b'/'),
            b'=' => after_equals = true,
            q @ (b'"' | b'\'') if after_equals => {
                j = b[j + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| j + 1 + p);
                after_equals = false;
            }
            c if c.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        j += 1;
    }
    (b.len(), false)
}

/// The first `needle` in `b` from `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Where the end tag `</name` (any case) first stands in `b` from `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(at) = find(b, i, b"</") {
        let end = at + 2 + name.len();
        if b.get(at + 2..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// One step of a depth-first walk kept on an explicit stack, so that deeply nested markup cannot
/// overflow the thread's stack.
enum Step<'a> {
    Text(&'a str),
    Open(ElementRef<'a>),
    Close(ElementRef<'a>),
}

/// Gathers text into blocks while a tree is walked, tracking bold text at the start of each block.
/// Blocks from a stream of text and bold marks: the HTML walk's, and the Markdown reader's.
pub(crate) struct Builder {
    blocks: Vec<Block>,
    text: String,
    lead: String,
    /// No visible text outside bold yet in the current block: bold text still extends the lead.
    lead_open: bool,
    /// Depth of bold elements around the text now pushed.
    pub(crate) bold: u32,
    pre: u32,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            blocks: Vec::new(),
            text: String::new(),
            lead: String::new(),
            lead_open: true,
            bold: 0,
            pre: 0,
        }
    }
}

impl Builder {
    /// Adds the blocks of `top`'s content, leaving out chrome and the element `skip`.
    fn walk<'a>(&mut self, top: ElementRef<'a>, skip: Option<ElementRef<'a>>) {
        let mut stack = Vec::new();
        push_children(&mut stack, top);
        while let Some(step) = stack.pop() {
            match step {
                Step::Text(t) => self.push_text(t),
                Step::Open(e) => {
                    let name = e.value().name();
                    let block = BLOCK_TAGS.contains(&name);
                    if Some(e) == skip || is_chrome(e.value(), false) || is_landmark(e) {
                        if block {
                            self.flush();
                        }
                        continue;
                    }
                    match name {
                        "br" => {
                            self.line_break();
                            continue;
                        }
                        "b" | "strong" => self.bold += 1,
                        "pre" => self.pre += 1,
                        _ => {}
                    }
                    if block {
                        self.flush();
                    }
                    stack.push(Step::Close(e));
                    push_children(&mut stack, e);
                }
                Step::Close(e) => {
                    let name = e.value().name();
                    match name {
                        "b" | "strong" => self.bold -= 1,
                        "pre" => self.pre -= 1,
                        _ => {}
                    }
                    if is_heading_tag(name) {
                        self.flush_heading();
                    } else if BLOCK_TAGS.contains(&name) {
                        self.flush();
                    }
                }
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.pre == 0 {
            self.push_inline(text);
            return;
        }
        for (i, part) in BLANK_LINE.split(text).enumerate() {
            if i > 0 {
                self.flush();
            }
            self.push_inline(part);
        }
    }

    pub(crate) fn push_inline(&mut self, text: &str) {
        self.text.push_str(text);
        if !self.lead_open {
            return;
        }
        if self.bold > 0 {
            self.lead.push_str(text);
        } else if text.chars().any(|c| !is_space(c)) {
            self.lead_open = false;
        } else if !self.lead.is_empty() {
            // Space between two bold runs ("<b>Phoenix TV:</b> <b>According to …</b>") keeps the lead going.
            self.lead.push(' ');
        }
    }

    /// The number of blocks finished so far.
    pub(crate) fn len(&self) -> usize {
        self.blocks.len()
    }

    /// Ends the current block as a heading.
    pub(crate) fn flush_heading(&mut self) {
        let before = self.blocks.len();
        self.flush();
        if self.blocks.len() > before {
            if let Some(last) = self.blocks.last_mut() {
                last.heading = true;
            }
        }
    }

    /// A line the page broke with `<br>`: whether it ends a paragraph is decided with the block's other
    /// lines, as in plain text. A page that puts a `<br>` at every printed line of a scan holds
    /// paragraphs of many lines; one that separates paragraphs with `<br>` holds lines that end
    /// sentences.
    pub(crate) fn line_break(&mut self) {
        self.text.push(LINE_BREAK);
        if !self.lead.is_empty() {
            self.lead_open = false;
        }
    }

    /// Ends the current block; an empty one (only spaces or an image) is dropped.
    pub(crate) fn flush(&mut self) {
        let lead = collapse(&self.lead);
        let mut lead = (!lead.is_empty()).then_some(lead);
        let texts: Vec<String> = if self.text.contains(LINE_BREAK) {
            let lines: String = self
                .text
                .split(LINE_BREAK)
                .map(collapse)
                .collect::<Vec<_>>()
                .join("\n");
            layout::paragraphs(&lines)
        } else {
            vec![collapse(&self.text)]
        };
        for text in texts.into_iter().filter(|t| !t.is_empty()) {
            self.blocks.push(Block {
                text,
                bold_lead: lead.take(),
                ..Block::default()
            });
        }
        self.text.clear();
        self.lead.clear();
        self.lead_open = true;
    }

    pub(crate) fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

/// Pushes `parent`'s text and element children so that they pop in document order.
fn push_children<'a>(stack: &mut Vec<Step<'a>>, parent: ElementRef<'a>) {
    let start = stack.len();
    for child in parent.children() {
        match child.value() {
            Node::Text(t) => stack.push(Step::Text(t)),
            Node::Element(_) => stack.extend(ElementRef::wrap(child).map(Step::Open)),
            _ => {}
        }
    }
    stack[start..].reverse();
}

/// Whether an element is site chrome, by tag, by being hidden, or by a word of its class or id. With
/// `article_header`, a `<header>` (tag or class) counts as part of the article: that is where an article
/// keeps its own heading.
fn is_chrome(e: &Element, article_header: bool) -> bool {
    let name = e.name();
    if DROP_TAGS.contains(&name) && !(article_header && name == "header") {
        return true;
    }
    if e.attr("hidden").is_some() || is_display_none(e.attr("style").unwrap_or("")) {
        return true;
    }
    if NEVER_CHROME.contains(&name) {
        return false;
    }
    let names = [e.attr("class"), e.attr("id")];
    names.into_iter().flatten().flat_map(words).any(|w| {
        CHROME_WORDS
            .iter()
            .filter(|c| !(article_header && **c == "header"))
            .any(|c| w.starts_with(c) || w.ends_with(c))
    })
}

/// True for a WAI-ARIA landmark of the page around the article: navigation, a side box ("See also"),
/// the site's banner, footer or search. Pages put such roles on wrappers too, so an element holding the
/// article body the page marks (schema.org's `itemprop="articleBody"`) is never one.
fn is_landmark(e: ElementRef<'_>) -> bool {
    matches!(
        e.value().attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo" | "search")
    ) && !e.descendants().any(|d| {
        d.value()
            .as_element()
            .is_some_and(|el| el.attr("itemprop") == Some("articleBody"))
    })
}

fn is_display_none(style: &str) -> bool {
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none")
}

/// The lower-case words of a class or id: split at punctuation and at camelCase humps, so that
/// `subNav` and `site-nav` both hold "nav" while `canvas` does not.
fn words(attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in attr.split(|c: char| !c.is_alphanumeric()) {
        let mut word = String::new();
        let mut prev_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && prev_lower && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            word.extend(c.to_lowercase());
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

/// The element, chrome left out, whose direct paragraphs carry the most text outside links: the
/// article. Headings are not candidates: a long title must not outweigh a short article. `None` when
/// the page has no such text.
fn best_container(top: ElementRef<'_>) -> Option<ElementRef<'_>> {
    // Text outside links and chrome under each element, children computed before their parent so that
    // every node is visited once however deep the markup.
    let mut under = HashMap::new();
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut stack = vec![(top, false)];
    while let Some((e, children_done)) = stack.pop() {
        if !children_done {
            if !is_chrome(e.value(), false) && !is_landmark(e) {
                stack.push((e, true));
                push_elements(&mut stack, e, |c| (c, false));
            }
            continue;
        }
        let (mut total, mut score) = (0, 0);
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    let n = visible_chars(t);
                    total += n;
                    score += n;
                }
                Node::Element(el) if el.name() != "a" => {
                    let n = under.get(&child.id()).copied().unwrap_or(0);
                    total += n;
                    if ElementRef::wrap(child).is_some_and(is_paragraph) {
                        score += n;
                    }
                }
                _ => {}
            }
        }
        under.insert(e.id(), total);
        // Ties go to the ancestor: a paragraph never outweighs the element that holds it.
        let better = best.is_none_or(|(b, held)| {
            score > b || (score == b && held.ancestors().any(|a| a.id() == e.id()))
        });
        if score > 0 && better && !is_heading_tag(e.value().name()) {
            best = Some((score, e));
        }
    }
    // A page that marks its article body (schema.org's itemprop="articleBody") says where it is.
    let marked = under.keys().filter_map(|id| {
        let e = ElementRef::wrap(top.tree().get(*id)?)?;
        (e.value().attr("itemprop") == Some("articleBody")).then_some(e)
    });
    let marked = marked
        .filter(|e| under.get(&e.id()).is_some_and(|n| *n > 0))
        .min_by_key(|e| e.id());
    marked.or(best.map(|(_, e)| e))
}

/// Pushes `parent`'s element children, mapped by `step`, so that they pop in document order.
fn push_elements<'a, T>(
    stack: &mut Vec<T>,
    parent: ElementRef<'a>,
    step: impl Fn(ElementRef<'a>) -> T,
) {
    let start = stack.len();
    stack.extend(parent.child_elements().map(step));
    stack[start..].reverse();
}

/// Whether an element's text counts as one paragraph of its parent: a paragraph-like block, inline
/// content, or a container holding no block element.
fn is_paragraph(e: ElementRef<'_>) -> bool {
    let name = e.value().name();
    PARAGRAPH_TAGS.contains(&name)
        || !BLOCK_TAGS.contains(&name)
        || (LEAF_CONTAINERS.contains(&name)
            && !e
                .child_elements()
                .any(|c| BLOCK_TAGS.contains(&c.value().name())))
}

fn is_heading_tag(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// `top` and the elements under it in document order, chrome and what it holds left out.
fn elements(top: ElementRef<'_>, article_header: bool) -> Vec<ElementRef<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![top];
    while let Some(e) = stack.pop() {
        if is_chrome(e.value(), article_header) || is_landmark(e) {
            continue;
        }
        out.push(e);
        push_elements(&mut stack, e, |c| c);
    }
    out
}

fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !is_space(*c)).count()
}

/// The article's own heading: the first non-empty `h1` or element of class "title" in the article, or
/// else in the nearest of its few enclosing elements that holds one, or else in the page's body. Below
/// the body an article's `<header>` counts; in the body, only headings outside any chrome do.
fn heading(content: ElementRef<'_>) -> Option<(String, ElementRef<'_>)> {
    let is_page = |e: &ElementRef<'_>| matches!(e.value().name(), "body" | "html");
    let near = std::iter::once(content)
        .chain(content.ancestors().filter_map(ElementRef::wrap))
        .take_while(|e| !is_page(e))
        .take(HEADING_LEVELS)
        .map(|e| (e, true));
    let page = content
        .ancestors()
        .filter_map(ElementRef::wrap)
        .chain(std::iter::once(content))
        .find(is_page)
        .map(|e| (e, false));
    near.chain(page).find_map(|(level, article_header)| {
        elements(level, article_header)
            .into_iter()
            .filter(|e| is_heading(e.value()))
            .find_map(|e| {
                let text = collapse(&e.text().collect::<String>());
                (!text.is_empty() && text.chars().count() <= MAX_TITLE_CHARS).then_some((text, e))
            })
    })
}

fn is_heading(e: &Element) -> bool {
    e.name() == "h1"
        || e.attr("class")
            .is_some_and(|c| words(c).iter().any(|w| w == "title" || w == "headline"))
}

/// The `<title>` text, a trailing site name removed.
fn page_title(root: ElementRef<'_>) -> Option<String> {
    let title = root
        .descendent_elements()
        .find(|e| e.value().name() == "title")?;
    let text = collapse(&title.text().collect::<String>());
    let text = strip_site_name(&text);
    (!text.is_empty()).then(|| text.to_string())
}

/// "Article title | U.S. Department of State" → "Article title"; likewise after " - ", " – " or " — "
/// (the last one). The title is kept whole when the part before is too short to be a title on its own.
fn strip_site_name(title: &str) -> &str {
    let cut = title.find(" | ").or_else(|| {
        [" - ", " – ", " — "]
            .iter()
            .filter_map(|sep| title.rfind(sep))
            .max()
    });
    match cut {
        Some(at) => {
            let (head, tail) = title.split_at(at);
            // The separator's dash may be one character of three bytes: the site name is read past
            // every character that is not a letter or a digit.
            let site = tail.trim_start_matches(|c: char| !c.is_alphanumeric());
            if head.split_whitespace().count() >= MIN_TITLE_WORDS
                && site.chars().count() <= MAX_SITE_CHARS
            {
                head.trim()
            } else {
                title
            }
        }
        None => title,
    }
}

/// `<link rel="canonical">`, or else `<meta property="og:url">`.
fn canonical_url(root: ElementRef<'_>) -> Option<String> {
    let mut og = None;
    for e in root.descendent_elements() {
        let el = e.value();
        match el.name() {
            "link"
                if el.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                }) =>
            {
                if let Some(href) = el.attr("href").map(str::trim).filter(|h| !h.is_empty()) {
                    return Some(href.to_string());
                }
            }
            "meta" if og.is_none() => {
                let key = el.attr("property").or_else(|| el.attr("name"));
                if key.is_some_and(|k| k.eq_ignore_ascii_case("og:url")) {
                    og = el
                        .attr("content")
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(str::to_string);
                }
            }
            _ => {}
        }
    }
    og
}

/// A date the page states in machine form: a publication `<meta>`, or a `<time datetime>` in the
/// article's region.
fn stated_date(root: ElementRef<'_>, region: ElementRef<'_>) -> Option<Date> {
    let meta = root.descendent_elements().find_map(|e| {
        let el = e.value();
        if el.name() != "meta" {
            return None;
        }
        let key = el
            .attr("name")
            .or_else(|| el.attr("property"))
            .or_else(|| el.attr("itemprop"))?
            .to_ascii_lowercase();
        if !DATE_META.contains(&key.as_str()) {
            return None;
        }
        machine_date(el.attr("content")?)
    });
    meta.or_else(|| {
        elements(region, false).into_iter().find_map(|e| {
            let el = e.value();
            if el.name() != "time" {
                return None;
            }
            machine_date(el.attr("datetime")?)
        })
    })
}

/// The day at the start of a machine-written date or timestamp, as written (no time-zone shift).
fn machine_date(value: &str) -> Option<Date> {
    if let Some(c) = MACHINE_DATE.captures(value) {
        let (m, d) = match (c.get(2), c.get(3)) {
            (Some(m), Some(d)) => (m.as_str(), d.as_str()),
            _ => (c.get(4)?.as_str(), c.get(5)?.as_str()),
        };
        return Date::new(c[1].parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok();
    }
    date::find(value)
}

/// The first month and day a title names, and the year written with them if any.
fn title_day(title: &str) -> Option<(i8, i8, Option<i16>)> {
    MONTH_DAY.captures_iter(title).find_map(|c| {
        let (month, day) = match (c.get(1), c.get(2)) {
            (Some(m), Some(d)) => (m.as_str(), d.as_str()),
            _ => (c.get(4)?.as_str(), c.get(3)?.as_str()),
        };
        let month = month_number(month)?;
        let day: i8 = day.parse().ok()?;
        let year = c.get(5).and_then(|y| y.as_str().parse().ok());
        // 2000 is a leap year: February 29 passes here and is checked again once the year is known.
        Date::new(year.unwrap_or(2000), month, day).ok()?;
        Some((month, day, year))
    })
}

/// A date the caller would not find in the title: a month and day whose year the page gives elsewhere
/// (see [`year_for`]).
fn title_date(title: &str, content: ElementRef<'_>, blocks: &[Block]) -> Option<Date> {
    if date::find(title).is_some() {
        return None;
    }
    let (month, day, year) = title_day(title)?;
    let year = year.or_else(|| year_for(month, day, content, blocks))?;
    Date::new(year, month, day).ok()
}

/// The year the page gives for a title's `month` and `day`: from full dates in the body and YYYYMMDD
/// dates in the article's file paths, each lending the year that puts the title's day nearest to it
/// (within [`YEAR_EVIDENCE_DAYS`]). A date on the very same day outweighs mere nearness; a tie between
/// years gives no year.
fn year_for(month: i8, day: i8, content: ElementRef<'_>, blocks: &[Block]) -> Option<i16> {
    let mut evidence: Vec<Date> = Vec::new();
    for block in blocks {
        evidence.extend(FULL_DATE.captures_iter(&block.text).filter_map(|c| {
            let (m, d, y) = match (c.get(1), c.get(2), c.get(3)) {
                (Some(m), Some(d), Some(y)) => (m, d, y),
                _ => (c.get(5)?, c.get(4)?, c.get(6)?),
            };
            let y: i16 = y.as_str().parse().ok()?;
            if !YEARS.contains(&y) {
                return None;
            }
            Date::new(y, month_number(m.as_str())?, d.as_str().parse().ok()?).ok()
        }));
    }
    for e in elements(content, false) {
        for (_, value) in e.value().attrs() {
            evidence.extend(
                DIGIT_RUN
                    .find_iter(value)
                    .filter_map(|m| path_date(m.as_str())),
            );
        }
    }

    let mut same_day: HashMap<i16, usize> = HashMap::new();
    let mut near: HashMap<i16, usize> = HashMap::new();
    for seen in evidence {
        let nearest = (seen.year() - 1..=seen.year() + 1)
            .filter_map(|y| Date::new(y, month, day).ok())
            .filter_map(|d| Some((seen.since(d).ok()?.get_days().abs(), d.year())))
            .min();
        match nearest {
            Some((0, y)) => *same_day.entry(y).or_default() += 1,
            Some((days, y)) if days <= YEAR_EVIDENCE_DAYS => *near.entry(y).or_default() += 1,
            _ => {}
        }
    }
    majority(&same_day).or_else(|| majority(&near))
}

/// The first YYYYMMDD date inside a run of digits ("020180511600451682102" → 2018-05-11).
fn path_date(digits: &str) -> Option<Date> {
    (0..=digits.len().saturating_sub(8)).find_map(|i| {
        let y: i16 = digits.get(i..i + 4)?.parse().ok()?;
        let m: i8 = digits.get(i + 4..i + 6)?.parse().ok()?;
        let d: i8 = digits.get(i + 6..i + 8)?.parse().ok()?;
        if !YEARS.contains(&y) {
            return None;
        }
        Date::new(y, m, d).ok()
    })
}

/// The year with the most votes; `None` when there are none or two years tie.
fn majority(votes: &HashMap<i16, usize>) -> Option<i16> {
    let top = votes.values().copied().max()?;
    let mut winners = votes.iter().filter(|(_, n)| **n == top);
    let (year, _) = winners.next()?;
    winners.next().is_none().then_some(*year)
}

/// Whitespace of any kind, and the invisible characters pages scatter through text.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
}

/// Words separated by single spaces, invisible characters removed.
fn collapse(text: &str) -> String {
    // None of the invisible characters is whitespace: removed first, they can leave no empty word.
    collapse_spaces(&text.replace(['\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}'], ""))
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as day;

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    fn leads(blocks: &[Block]) -> Vec<Option<&str>> {
        blocks.iter().map(|b| b.bold_lead.as_deref()).collect()
    }

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
        <title>Minister Meets Envoy | Ministry of Examples</title>
        <script>var x = "<p>Script text that is not an article at all</p>";</script>
        <style>p { color: red }</style></head>
      <body class="has-sidebar nav-open">
        <div class="header"><a href="/">Home</a> Welcome to the Ministry of Examples website</div>
        <nav><ul><li><a href="/a">About the Ministry</a></li><li><a href="/p">Press</a></li></ul></nav>
        <div id="mainMenu"><p>A menu paragraph, long enough to win were it not dropped for its id.</p></div>
        <div class="wrap">
          <div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/p">Press</a></div>
          <p>Home &gt; Press &gt; Minister Meets Envoy</p>
          <article>
            <h1>Minister Meets Envoy</h1>
            <div class="body">
              <p>First paragraph of the article.</p>
              <p>Second&nbsp;paragraph,   with
                 spaces.</p>
            </div>
            <div class="share-buttons"><p>Share this on Facebook, Twitter and by e-mail now.</p></div>
            <div class="tool">Suggest To A Friend</div>
          </article>
          <aside><p>Sidebar paragraph.</p></aside>
        </div>
        <footer><p>Copyright 2024 Ministry of Examples. All rights reserved.</p></footer>
        <form><input value="Search"><button>Go</button></form>
        <noscript><p>Please enable JavaScript to read this website.</p></noscript>
      </body></html>"#;

    #[test]
    fn keeps_the_article_and_drops_the_chrome() {
        let d = draft("press/p.html", PAGE);
        assert_eq!(d.id, "press/p.html");
        assert_eq!(d.source, "press/p.html");
        assert_eq!(d.title.as_deref(), Some("Minister Meets Envoy"));
        assert_eq!(
            texts(&d.blocks),
            [
                "First paragraph of the article.",
                "Second paragraph, with spaces."
            ]
        );
        assert!(d.header.is_empty());
        assert_eq!(d.date, None);
        assert_eq!(d.url, None);
    }

    #[test]
    fn picks_the_element_whose_own_paragraphs_hold_most_text() {
        let page = r#"<html><body>
            <div id="links"><p><a href="/1">A long link text that is only a link to elsewhere</a></p>
              <p><a href="/2">Another long link text that is only a link to elsewhere</a></p></div>
            <div id="x"><div id="article"><p>The article has the longest paragraph of the page.</p>
              <p>And a second one.</p></div><p>Short.</p></div>
            </body></html>"#;
        let d = draft("x", page);
        assert_eq!(
            texts(&d.blocks),
            [
                "The article has the longest paragraph of the page.",
                "And a second one."
            ]
        );
    }

    #[test]
    fn chrome_words_are_whole_words() {
        assert_eq!(words("subNav clearfix"), ["sub", "nav", "clearfix"]);
        assert_eq!(words("site-footer__inner"), ["site", "footer", "inner"]);
        let chrome = |html: &str| {
            let doc = Html::parse_fragment(html);
            let e = doc.root_element().child_elements().next().unwrap();
            is_chrome(e.value(), false)
        };
        assert!(chrome(r#"<div class="subNav">x</div>"#));
        assert!(chrome(r#"<div class="navbar">x</div>"#));
        assert!(chrome(r#"<ul id="related-news">x</ul>"#));
        assert!(chrome(r#"<div class="social-sharing">x</div>"#));
        assert!(chrome(r#"<div class="toolbar">x</div>"#));
        assert!(chrome(r#"<div style="margin:0; display: none">x</div>"#));
        assert!(!chrome(r#"<div class="canvas">x</div>"#));
        assert!(!chrome(r#"<div class="content_mod">x</div>"#));
        assert!(!chrome(r#"<div class="unavailable">x</div>"#));
        assert!(chrome(r#"<div class="read__tagscol">x</div>"#));
        assert!(chrome(r#"<footer class="entry-tags">x</footer>"#));
        assert!(!chrome(r#"<p class="tagline">x</p>"#));
    }

    #[test]
    fn br_splits_a_block() {
        assert_eq!(
            texts(&blocks("<p>One<br>Two<br/><br>  Three </p>")),
            ["One", "Two", "Three"]
        );
    }

    #[test]
    fn decodes_entities_and_collapses_whitespace() {
        let b = blocks(
            "<p>Caf&eacute; &amp; &quot;tea&quot;&nbsp;&nbsp; &#8212;\n\t&lt;ok&gt;&#x200B;</p>",
        );
        assert_eq!(texts(&b), ["Café & \"tea\" — <ok>"]);
    }

    #[test]
    fn drops_empty_and_image_only_blocks() {
        let b = blocks(
            r#"<p><img src="x.jpg"></p><p>&nbsp;</p><p><span><img src="y.jpg"/></span> </p><div>Text</div>"#,
        );
        assert_eq!(texts(&b), ["Text"]);
    }

    #[test]
    fn block_elements_make_blocks() {
        let b = blocks(
            "<table><tr><td>A</td><td>B</td></tr></table><ul><li>one</li><li>two</li></ul>\
             <h3>Sub</h3><blockquote>Quoted</blockquote><div>Loose <div>inner</div> tail</div>\
             <p>x<span>y</span> <em>z</em></p>",
        );
        assert_eq!(
            texts(&b),
            ["A", "B", "one", "two", "Sub", "Quoted", "Loose", "inner", "tail", "xy z"]
        );
    }

    #[test]
    fn pre_keeps_its_paragraphs() {
        let b = blocks("<pre>line one\nline two\n\n  second paragraph\n</pre>");
        assert_eq!(texts(&b), ["line one line two", "second paragraph"]);
    }

    #[test]
    fn leading_bold_text_is_the_bold_lead() {
        let b = blocks(
            "<p><b>Q:</b> What now?</p>\
             <p><span><strong>MR PRICE: </strong></span>Thanks.</p>\
             <p><STRONG>Q: Is the whole question bold? </STRONG></p>\
             <p>Plain start, <b>bold</b> later.</p>\
             <p><B><SPAN>CCTV</SPAN></B><B><SPAN>: </SPAN></B> <B>A question?</B></p>\
             <p><strong>Q: Why?<br><br></strong>A: Because.</p>",
        );
        assert_eq!(
            texts(&b),
            [
                "Q: What now?",
                "MR PRICE: Thanks.",
                "Q: Is the whole question bold?",
                "Plain start, bold later.",
                "CCTV: A question?",
                "Q: Why?",
                "A: Because."
            ]
        );
        assert_eq!(
            leads(&b),
            [
                Some("Q:"),
                Some("MR PRICE:"),
                Some("Q: Is the whole question bold?"),
                None,
                Some("CCTV: A question?"),
                Some("Q: Why?"),
                None
            ]
        );
    }

    #[test]
    fn title_prefers_the_article_heading() {
        let page = r#"<html><head><title>Page title - Ministry of Foreign Affairs</title></head><body>
            <div class="header"><h1><a href="/"><img src="logo.png"></a></h1></div>
            <div class="urhere"><a href="/">Home</a>&nbsp;&gt;&nbsp;<a href="/p">Press</a></div>
            <div class="content_mod"><h2 class="title">  Spokesperson's
                Regular Press Conference on May 11, 2018 </h2><h2 id="sub"></h2>
              <div class="content"><p>Q: A question about the weather today?</p><p>A: Sunny.</p></div>
            </div></body></html>"#;
        let d = draft("x", page);
        assert_eq!(
            d.title.as_deref(),
            Some("Spokesperson's Regular Press Conference on May 11, 2018")
        );
        assert_eq!(
            texts(&d.blocks),
            ["Q: A question about the weather today?", "A: Sunny."]
        );
        assert_eq!(d.date, None, "a date in the title is left to the caller");
    }

    #[test]
    fn the_title_heading_is_not_a_body_block() {
        let page = r#"<html><body><div class="post"><h1>The Heading</h1>
            <p>Body paragraph one is here.</p><p>Body paragraph two.</p></div></body></html>"#;
        let d = draft("x", page);
        assert_eq!(d.title.as_deref(), Some("The Heading"));
        assert_eq!(
            texts(&d.blocks),
            ["Body paragraph one is here.", "Body paragraph two."]
        );
    }

    #[test]
    fn title_falls_back_to_the_title_element_without_the_site_name() {
        let page = |title: &str| {
            format!("<html><head><title>{title}</title></head><body><p>Text.</p></body></html>")
        };
        let title = |t: &str| draft("x", &page(t)).title;
        assert_eq!(
            title("Secretary Blinken's Call with Foreign Minister Wang | U.S. Department of State")
                .as_deref(),
            Some("Secretary Blinken's Call with Foreign Minister Wang")
        );
        assert_eq!(
            title("Wang Yi Meets Envoy - Ministry of Foreign Affairs of the People's Republic of China")
                .as_deref(),
            Some("Wang Yi Meets Envoy")
        );
        assert_eq!(title("China - Africa").as_deref(), Some("China - Africa"));
        // A dash of three bytes in the separator: the site name after it is read from a character
        // boundary.
        assert_eq!(
            title("FOREIGN AFFAIRS – INTERNATIONAL SUBSCRIPTION").as_deref(),
            Some("FOREIGN AFFAIRS – INTERNATIONAL SUBSCRIPTION")
        );
        assert_eq!(
            title("Minister Meets Envoy on Trade Ties – Cook Islands Hansard").as_deref(),
            Some("Minister Meets Envoy on Trade Ties")
        );
        assert_eq!(
            title("  Joint   Statement&nbsp;of Two  ").as_deref(),
            Some("Joint Statement of Two")
        );
        assert_eq!(title(""), None);
    }

    #[test]
    fn url_from_canonical_link_or_og_url() {
        let head = |h: &str| format!("<html><head>{h}</head><body><p>Text.</p></body></html>");
        let url = |h: &str| draft("x", &head(h)).url;
        assert_eq!(
            url(r#"<meta property="og:url" content="https://b.example/og"><link rel="canonical" href=" https://a.example/c ">"#)
                .as_deref(),
            Some("https://a.example/c")
        );
        assert_eq!(
            url(r#"<meta property="og:url" content="https://b.example/og">"#).as_deref(),
            Some("https://b.example/og")
        );
        assert_eq!(url(r#"<link rel="stylesheet" href="s.css">"#), None);
    }

    #[test]
    fn date_from_meta_or_time() {
        let page = |head: &str, body: &str| {
            format!(
                "<html><head>{head}</head><body><article><h1>A Statement</h1><p>Text of it.</p>{body}\
                 </article><ul class=\"related\"><li><time datetime=\"2001-01-01\">x</time></li></ul>\
                 </body></html>"
            )
        };
        let date = |head: &str, body: &str| draft("x", &page(head, body)).date;
        assert_eq!(
            date(r#"<meta name="date" content="2021-05-20">"#, ""),
            Some(day(2021, 5, 20))
        );
        assert_eq!(
            date(
                r#"<meta property="article:published_time" content="2021-05-20T22:14:56+00:00">"#,
                ""
            ),
            Some(day(2021, 5, 20))
        );
        assert_eq!(
            date(r#"<meta name="PubDate" content="2019/3/7 10:00">"#, ""),
            Some(day(2019, 3, 7))
        );
        assert_eq!(
            date(
                "",
                r#"<p><time datetime="2019-03-01T09:00">March 1</time></p>"#
            ),
            Some(day(2019, 3, 1))
        );
        assert_eq!(date(r#"<meta name="date" content="soon">"#, ""), None);
        assert_eq!(
            date("", ""),
            None,
            "a related item's time is not the page's"
        );
    }

    #[test]
    fn month_and_day_in_the_title() {
        let f = title_day;
        assert_eq!(
            f("Regular Press Conference on September 10"),
            Some((9, 10, None))
        );
        assert_eq!(f("Remarks of 3rd Sept. at the UN"), Some((9, 3, None)));
        assert_eq!(f("Remarks on Feb. 29"), Some((2, 29, None)));
        assert_eq!(
            f("Regular Press Conference on September 10, 2018"),
            Some((9, 10, Some(2018)))
        );
        assert_eq!(
            f("Conference on 10 September 2018"),
            Some((9, 10, Some(2018)))
        );
        assert_eq!(
            f("Press Conference on June11, 2018"),
            Some((6, 11, Some(2018)))
        );
        assert_eq!(
            f("Remarks on US House Speaker Nancy Pelosi's Remarks"),
            None
        );
        assert_eq!(f("Statement on May 32"), None);
        assert_eq!(f("Statement of Feb 29, 2019"), None);
    }

    #[test]
    fn a_full_title_date_is_left_to_the_caller_even_without_its_space() {
        for title in ["June11, 2018", "June 11, 2018"] {
            let page = format!(
                "<html><head><title>Regular Press Conference on {title}</title></head>\
                 <body><p>Text.</p></body></html>"
            );
            assert_eq!(draft("x", &page).date, None, "{title}");
            assert_eq!(date::find(title), Some(day(2018, 6, 11)), "{title}");
        }
    }

    fn year_less(body: &str) -> Option<Date> {
        let page = format!(
            "<html><head><title>Spokesperson's Regular Press Conference on September 21</title>\
             </head><body><div class=\"content\"><p>Opening remarks of the spokesperson.</p>{body}</div>\
             <div class=\"footer\"><img src=\"P020180922587211901157.png\"></div></body></html>"
        );
        draft("x", &page).date
    }

    #[test]
    fn year_less_title_takes_the_year_of_an_upload_path() {
        let img =
            |name: &str| format!(r#"<p align="center"><img src="./{name}" OLDSRC="{name}"></p>"#);
        assert_eq!(
            year_less(&img("W020180921600451682102.jpg")),
            Some(day(2018, 9, 21))
        );
        // Uploaded the next day: near enough.
        assert_eq!(
            year_less(&img("W020180922012069000000.jpg")),
            Some(day(2018, 9, 21))
        );
        // The footer's logo is chrome, and a path months away lends no year.
        assert_eq!(year_less(&img("W020180301012069000000.jpg")), None);
        assert_eq!(year_less(""), None);
        // An exact day outweighs a nearby one.
        let both = format!(
            "{}{}{}",
            img("W020170920000000000000.jpg"),
            img("W020170919000000000000.jpg"),
            img("W020180921000000000000.jpg")
        );
        assert_eq!(year_less(&both), Some(day(2018, 9, 21)));
        // Two years equally supported: none.
        let tie = format!(
            "{}{}",
            img("W020170921000000000000.jpg"),
            img("W020180921000000000000.jpg")
        );
        assert_eq!(year_less(&tie), None);
    }

    #[test]
    fn year_less_title_takes_the_year_of_a_nearby_body_date() {
        assert_eq!(
            year_less("<p>The minister will visit from September 23 to 25, 2018.</p>"),
            Some(day(2018, 9, 21))
        );
        assert_eq!(
            year_less("<p>Since October 1, 1949, and on 21 September 2020 again.</p>"),
            Some(day(2020, 9, 21))
        );
        assert_eq!(
            year_less("<p>Diplomatic ties were established on March 3, 1990.</p>"),
            None
        );
    }

    #[test]
    fn year_less_title_near_new_year() {
        let page = "<html><head><title>Press Conference on December 31</title></head><body>\
             <p>Text.</p><p><img src=\"W020190102000000000000.jpg\"></p></body></html>";
        assert_eq!(draft("x", page).date, Some(day(2018, 12, 31)));
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        // As deep as a page may be: one pair short of the limit, the `<p>` the last level.
        let depth = MAX_NESTING / 2 - 1;
        let html = format!(
            "{}<p>Deep.</p>{}",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        assert_eq!(nesting_problem(&html), None);
        assert_eq!(texts(&blocks(&html)), ["Deep."]);
        assert_eq!(texts(&draft("x", &html).blocks), ["Deep."]);
    }

    #[test]
    fn nesting_past_the_limit_is_refused_at_once() {
        // Some 10^10 steps for html5ever: hours. The scan is one pass.
        let html = format!(
            "{}<p>Deep.</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let started = std::time::Instant::now();
        assert_eq!(
            nesting_problem(&html).as_deref(),
            Some("HTML elements nested more than 1024 deep")
        );
        assert!(blocks(&html).is_empty());
        assert!(draft("x", &html).blocks.is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // Unclosed, and each level a different element: still counted.
        let tags = ["section", "article", "em", "font", "x-widget"];
        let html: String = (0..5000)
            .map(|i| format!("<{} id={i}>", tags[i % 5]))
            .collect();
        assert!(nesting_problem(&html).is_some());
        // A generic end tag does not close past a special element: `</x>` after `<div>` is ignored.
        assert!(nesting_problem(&"<x><div></x>".repeat(2000)).is_some());
    }

    #[test]
    fn what_the_parser_closes_does_not_count_as_depth() {
        let limit = MAX_NESTING * 2;
        // Unclosed paragraphs, list items, cells and rows; void and self-closing elements; end tags
        // in any case; a `>` inside an attribute; raw text holding tags; comments.
        let pages = [
            "<p>One<p>Two<div>Three</DIV>".repeat(limit),
            "<ul><li>One<li>Two</ul>".repeat(limit),
            "<table><tr><td>One<td>Two<tr><td>Three</table>".repeat(limit),
            "<br><img src=x><hr/><input>".repeat(limit),
            "<svg><path d=\"M0 0\"/><circle r=\"1\"/></svg>".repeat(limit),
            "<a title=\"a > b\">link</a>".repeat(limit),
            "<script>if (a<b) { x = '<div>'; }</script><!-- <div> -->".repeat(limit),
            "<dl><dt>Term<dd>Definition<dt>Term</dl>".repeat(limit),
            "<select><option>One<option>Two</select>".repeat(limit),
            "<h2>Title<h3>Subtitle</h3>".repeat(limit),
        ];
        for page in &pages {
            let depth = nesting(page, usize::MAX);
            assert!(depth <= 4, "{depth} deep: {:.60}…", page);
        }
    }

    fn corpora() -> Option<std::path::PathBuf> {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora"));
        if dir.is_dir() {
            Some(dir.to_path_buf())
        } else {
            eprintln!("skipped: no corpora at {}", dir.display());
            None
        }
    }

    /// A transcript turn's opening: "Q:", "A:", "Reuters:", "Zhao Lijian:", "Beijing Youth Daily:".
    static LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Z][A-Za-z.'&-]*(?: [A-Za-z.'&-]+){0,4} ?:").unwrap());

    /// CMFA pages whose article has fewer than five paragraphs.
    const KNOWN_SHORT: &[&str] = &[
        "t1657875.html",
        "t1687014.html",
        "t1688119.html",
        "t1688743.html",
        "t1728033.html",
    ];

    #[test]
    fn real_cmfa_pages() {
        let Some(dir) = corpora() else { return };
        let dir = dir.join("cmfa-presscon/html");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        // tNNNNNNN numbers grow with publication.
        files.sort();
        assert_eq!(files.len(), 500);

        let (mut from_title, mut from_spaceless_title, mut from_page, mut with_bold) = (0, 0, 0, 0);
        let mut undated = Vec::new();
        let mut not_press_conference = Vec::new();
        let mut short = Vec::new();
        let mut dates = Vec::new();
        let mut elapsed = std::time::Duration::ZERO;
        let mut bytes = 0;
        for path in &files {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let html = std::fs::read_to_string(path).unwrap();
            bytes += html.len();
            let start = std::time::Instant::now();
            let d = draft(&name, &html);
            elapsed += start.elapsed();

            let title = d
                .title
                .clone()
                .unwrap_or_else(|| panic!("{name}: no title"));
            let raw_title = html
                .split_once("<title>")
                .and_then(|(_, t)| t.split_once("</title>"))
                .map(|(t, _)| collapse(t))
                .unwrap();
            assert_eq!(title, raw_title, "{name}: the heading is the page's title");
            if !title.contains("Press Conference") {
                assert!(
                    title.contains("Daily Briefing Online") || title.contains("Remarks"),
                    "{name}: {title}"
                );
                not_press_conference.push(name.clone());
            }
            if d.blocks.len() < 5 {
                short.push(format!("{name}: {} blocks", d.blocks.len()));
                // These pages hold only one or two exchanges (2 to 4 text paragraphs in the page).
                assert!(
                    KNOWN_SHORT.contains(&name.as_str()),
                    "{name}: {} blocks",
                    d.blocks.len()
                );
            }
            for b in &d.blocks {
                let lower = b.text.to_lowercase();
                assert!(
                    !lower.contains("copyright")
                        && !lower.contains("suggest to a friend")
                        && !lower.contains("related news")
                        && !BREADCRUMB.is_match(&b.text)
                        && b.text != title,
                    "{name}: chrome in body: {}",
                    b.text
                );
                assert!(!b.text.contains("\u{a0}") && !b.text.contains("  "));
                if let Some(lead) = &b.bold_lead {
                    assert!(
                        b.text.starts_with(lead.as_str()),
                        "{name}: {lead} / {}",
                        b.text
                    );
                }
            }
            assert!(
                d.blocks
                    .iter()
                    .any(|b| b.text.starts_with("Q:") || LABEL.is_match(&b.text)),
                "{name}: no question found"
            );
            if d.blocks.iter().any(|b| b.bold_lead.is_some()) {
                with_bold += 1;
            }
            match (date::find(&title), d.date, title_day(&title)) {
                (Some(t), page, _) => {
                    assert!(page.is_none_or(|p| p == t), "{name}: {t} vs {page:?}");
                    from_title += 1;
                    dates.push((name.clone(), t));
                }
                (None, Some(p), Some((m, dd, year))) => {
                    assert_eq!((p.month(), p.day()), (m, dd), "{name}");
                    match year {
                        Some(y) => {
                            assert_eq!(p.year(), y, "{name}");
                            from_spaceless_title += 1;
                        }
                        None => from_page += 1,
                    }
                    dates.push((name.clone(), p));
                }
                (None, page, day) => {
                    assert_eq!(
                        (page, day),
                        (None, None),
                        "{name}: a title date found no year: {title}"
                    );
                    undated.push(format!("{name}: {title}"));
                }
            }
        }
        // Pages are numbered in publication order: the dates, found or inferred, must follow it.
        for w in dates.windows(2) {
            assert!(w[0].1 <= w[1].1, "out of order: {:?} then {:?}", w[0], w[1]);
        }
        eprintln!(
            "cmfa: {} pages, dated from title {from_title}, from a title missing a space \
             {from_spaceless_title}, from a year elsewhere on the page {from_page}, undated {}: {undated:?}; \
             titles without \"Press Conference\": {}; pages with fewer than 5 blocks: {short:?}; \
             pages with a bold lead: {with_bold}; \
             draft() {:.2} ms a page ({:.1} MB/s)",
            files.len(),
            undated.len(),
            not_press_conference.len(),
            elapsed.as_secs_f64() * 1000.0 / files.len() as f64,
            bytes as f64 / 1e6 / elapsed.as_secs_f64(),
        );
        assert_eq!(
            from_title + from_spaceless_title + from_page + undated.len(),
            500
        );
        // Only pages whose title names no day at all stay undated (checked above); there are two.
        assert_eq!(undated.len(), 2, "{undated:?}");
    }

    #[test]
    fn real_state_department_records() {
        let Some(dir) = corpora() else { return };
        let text = std::fs::read_to_string(dir.join("us-state-dept/press_releases.jsonl")).unwrap();
        let (mut records, mut with_html, mut total, mut bold) = (0, 0, 0, 0);
        let mut elapsed = std::time::Duration::ZERO;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            records += 1;
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let html = record["content_html"].as_str().unwrap_or("");
            let start = std::time::Instant::now();
            let b = blocks(html);
            elapsed += start.elapsed();
            if !html.trim().is_empty() {
                with_html += 1;
                assert!(!b.is_empty(), "record {records}: no blocks");
            }
            for block in &b {
                assert!(
                    !block.text.contains("data-filter") && !block.text.contains("<p>"),
                    "record {records}: markup in text: {}",
                    block.text
                );
            }
            total += b.len();
            bold += b.iter().filter(|b| b.bold_lead.is_some()).count();
        }
        assert_eq!(records, 2031);
        eprintln!(
            "state-dept: {records} records, {with_html} with content_html, {total} blocks, {bold} with a \
             bold lead; blocks() {:.3} ms a record",
            elapsed.as_secs_f64() * 1000.0 / records as f64
        );
    }
}
