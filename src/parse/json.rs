//! JSON records: one statement per object, in JSON Lines (`.jsonl`, `.ndjson`) or a JSON array (`.json`).
//!
//! The usual field names of press feeds and scrapers are recognised; other names can be mapped without
//! code through [`FieldMap`]. Fields that say who spoke, for which country and when win over anything the
//! text suggests. An HTML body is read as HTML.

use serde_json::{Map, Value};

use super::lexicon::{self, contains};
use super::{html, layout, Block, Draft, Kind, Role};
use crate::gazetteer;

/// The statement fields a record can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Stable id of the record.
    Id,
    /// Title or headline.
    Title,
    /// Publication date.
    Date,
    /// Web address.
    Url,
    /// Author or byline.
    Author,
    /// Body, as text or HTML.
    Body,
    /// Body, always HTML.
    BodyHtml,
    /// Speaker of the whole statement.
    Speaker,
    /// Country of the speaker or the issuing side.
    Country,
    /// Kind of statement.
    Kind,
    /// A question the record answers (a parliamentary written question): its own paragraphs, asked.
    Question,
    /// The answer to the record's question: its own paragraphs, answering.
    Answer,
    /// A summary of the statement that is not its body: it may name who issues it.
    Lead,
}

impl Field {
    /// Every field, in the order the defaults are tried.
    pub const ALL: [Field; 13] = [
        Field::Id,
        Field::Title,
        Field::Date,
        Field::Url,
        Field::Author,
        Field::Body,
        Field::BodyHtml,
        Field::Speaker,
        Field::Country,
        Field::Kind,
        Field::Question,
        Field::Answer,
        Field::Lead,
    ];

    /// The name used in a mapping (`title=headline`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::Date => "date",
            Field::Url => "url",
            Field::Author => "author",
            Field::Body => "body",
            Field::BodyHtml => "body_html",
            Field::Speaker => "speaker",
            Field::Country => "country",
            Field::Kind => "kind",
            Field::Question => "question",
            Field::Answer => "answer",
            Field::Lead => "lead",
        }
    }

    /// Record keys tried for this field when no mapping names one, in order. Keys match whatever their case
    /// and separators ("pubDate" = "pub_date" = "PubDate"), and keys of an object nested in the record
    /// count after the record's own ("value.answer_text").
    fn defaults(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["guid", "id", "uuid", "doc_id", "key"],
            Field::Title => &["title", "headline", "name", "subject", "heading"],
            Field::Date => &[
                "date",
                "published",
                "pub_date",
                "published_at",
                "publication_date",
                "datetime",
                "date_answered",
                "release_date",
                "created",
                "created_at",
                "timestamp",
                "date_tabled",
            ],
            Field::Url => &["url", "link", "href", "source_url", "permalink"],
            // A government's releases are filed under the ministers who issue them, and a house's
            // answers under the member who gives them.
            Field::Author => &[
                "author",
                "byline",
                "authors",
                "creator",
                "creators",
                "minister",
                "ministers",
                "responder",
                "responder_name",
                "answering_member",
                "answered_by",
                "answerer",
            ],
            Field::Body => &[
                "text",
                "content",
                "body",
                "article",
                "content_text",
                "transcript",
                "speech",
                "full_text",
                "statement",
            ],
            Field::BodyHtml => &["content_html", "body_html", "html", "content_encoded"],
            Field::Speaker => &["speaker", "speakers", "speaker_name"],
            Field::Country => &["country", "country_code", "iso", "iso3"],
            Field::Kind => &[
                "kind",
                "type",
                "genre",
                "category_name",
                "release_type",
                "doc_type",
                "document_type",
            ],
            Field::Question => &["question", "question_text"],
            Field::Answer => &[
                "answer",
                "answer_text",
                "response",
                "response_text",
                "response_content",
                "reply",
                "reply_text",
            ],
            Field::Lead => &[
                "lead",
                "excerpt",
                "summary",
                "standfirst",
                "teaser",
                "abstract",
            ],
        }
    }

    /// The field named `name` in a mapping.
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A record's keys as the field lookup sees them: its own first, then those of the objects nested in it
/// (a harvester's `{"key": …, "value": {"question_text": …}}`) or first in a list nested in it (a page's
/// `sources: [{label, link}]`), each by its normalised form.
pub struct Record<'v> {
    /// Each key normalised, as written, and its value.
    keys: Vec<(String, &'v str, &'v Value)>,
}

/// How deep nested objects are looked into for fields.
const MAX_NESTING: usize = 2;

/// Fewest bytes of a body found under a key that only ends in a body's usual name.
const MIN_GUESSED_BODY: usize = 100;

impl<'v> Record<'v> {
    /// The lookup view of `map`.
    pub fn new(map: &'v Map<String, Value>) -> Record<'v> {
        let mut keys = Vec::with_capacity(map.len());
        let mut level: Vec<&'v Map<String, Value>> = vec![map];
        for _ in 0..=MAX_NESTING {
            let mut next = Vec::new();
            for object in level {
                for (k, v) in object {
                    keys.push((normalise_key(k), k.as_str(), v));
                    match v {
                        Value::Object(inner) => next.push(inner),
                        // A list of objects (`sources: [{label, link}, …]`): its first, the primary.
                        Value::Array(items) => {
                            if let Some(Value::Object(inner)) = items.first() {
                                next.push(inner);
                            }
                        }
                        _ => {}
                    }
                }
            }
            level = next;
        }
        Record { keys }
    }

    /// The value of the first key that reads as `key`.
    fn get(&self, key: &str) -> Option<&'v Value> {
        let key = normalise_key(key);
        self.keys
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }

    /// The first value under a key whose last words are one of a field's usual names, for the fields a
    /// scraper names after its page ("pageTitle", "articleHtml", "publish_date", "speechText"). Whole
    /// words only: "update" holds no date and "speaker_name" no title. A body so found must be long
    /// enough to be one: "previewText" may hold a blank or a word.
    fn ending_in(&self, field: Field) -> Option<&'v Value> {
        // Not an author: "prime_minister" names an office's holder, read apart.
        if !matches!(
            field,
            Field::Title | Field::Date | Field::Body | Field::BodyHtml
        ) {
            return None;
        }
        let body = matches!(field, Field::Body | Field::BodyHtml);
        field
            .defaults()
            .iter()
            .filter(|name| **name != "name")
            .map(|name| name.split('_').collect::<Vec<_>>())
            .find_map(|name| {
                self.keys.iter().find_map(|(_, raw, v)| {
                    let words = key_words(raw);
                    let text = v.as_str()?.trim();
                    let ends = words.len() > name.len()
                        && words[words.len() - name.len()..]
                            .iter()
                            .zip(&name)
                            .all(|(w, n)| w == n);
                    let long_enough = !body || text.len() >= MIN_GUESSED_BODY;
                    (ends && !text.is_empty() && long_enough).then_some(*v)
                })
            })
    }

    /// The keys as written and their text values, in order.
    fn texts(&self) -> impl Iterator<Item = (&'v str, &'v str)> + '_ {
        self.keys
            .iter()
            .filter_map(|(_, k, v)| v.as_str().map(|s| (*k, s)))
    }
}

/// A key's words, lowercase: "pageTitle" and "page_title" are "page", "title".
fn key_words(key: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut prev_lower = false;
    for c in key.chars() {
        if !c.is_alphanumeric() {
            prev_lower = false;
            words.push(String::new());
            continue;
        }
        if c.is_uppercase() && prev_lower || words.is_empty() {
            words.push(String::new());
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        if let Some(w) = words.last_mut() {
            w.extend(c.to_lowercase());
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// A key with case and separators set aside: "pubDate", "pub_date" and "Pub-Date" are one key.
fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Record keys to read for some fields instead of the default names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldMap {
    keys: Vec<(Field, String)>,
}

impl FieldMap {
    /// Parses `field=key` pairs (`title=headline`); the error names the bad pair.
    pub fn parse<'a>(pairs: impl IntoIterator<Item = &'a str>) -> Result<FieldMap, String> {
        let mut keys = Vec::new();
        for pair in pairs {
            let (field, key) = pair
                .split_once('=')
                .ok_or_else(|| format!("{pair:?}: expected FIELD=KEY, e.g. title=headline"))?;
            let field = Field::parse(field.trim()).ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                format!("{pair:?}: unknown field (fields: {})", names.join(", "))
            })?;
            keys.push((field, key.trim().to_string()));
        }
        Ok(FieldMap { keys })
    }

    /// A stable summary of the mapping: part of every JSON file's fingerprint, so that a changed
    /// mapping re-reads the files.
    pub fn signature(&self) -> String {
        let mut keys = self.keys.clone();
        keys.sort();
        keys.iter()
            .map(|(f, k)| format!("{}={k}", f.name()))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The keys a field is looked for under: those mapped, else the usual names.
    fn keys_of(&self, field: Field) -> impl Iterator<Item = &str> {
        let mapped: Vec<&str> = self
            .keys
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, k)| k.as_str())
            .collect();
        let keys = if mapped.is_empty() {
            field.defaults().to_vec()
        } else {
            mapped
        };
        keys.into_iter()
    }

    /// The key a field is written under: the first mapped, else the first usual name.
    fn key_for(&self, field: Field) -> &str {
        self.keys
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(field.defaults()[0], |(_, k)| k.as_str())
    }

    fn get<'v>(&self, record: &Record<'v>, field: Field) -> Option<&'v Value> {
        let mapped = self
            .keys
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, k)| k.as_str());
        let mut keys = mapped.peekable();
        let value = if keys.peek().is_some() {
            keys.find_map(|k| record.get(k))
        } else {
            field
                .defaults()
                .iter()
                .find_map(|k| record.get(k))
                .or_else(|| record.ending_in(field))
        };
        value.filter(|v| !v.is_null())
    }

    /// A field that may hold several names: an array of strings, or one string with `;` between names.
    fn list(&self, record: &Record, field: Field) -> Vec<String> {
        // A person may be an object with a name, as schema.org and many feeds give one:
        // `{"name": "Ana Lima", "profile_url": …}`.
        fn named(v: &Value) -> Option<&str> {
            match v {
                Value::Object(o) => o.get("name").and_then(Value::as_str),
                v => v.as_str(),
            }
        }
        match self.get(record, field) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| named(v).map(str::trim))
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            Some(Value::String(s)) => super::split_names(s),
            Some(v @ Value::Object(_)) => named(v)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    fn text(&self, record: &Record, field: Field) -> Option<String> {
        let s = match self.get(record, field)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::trim))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            _ => return None,
        };
        (!s.is_empty()).then_some(s)
    }
}

/// The statements of a JSON or JSON Lines file, and a message for each record that could not be read
/// (its line or index and why). A file that is not JSON at all is one message.
pub fn drafts(source: &str, text: &str, map: &FieldMap) -> (Vec<Draft>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return (out, problems);
    }
    // A `.json` file is one document (an array, or one object however it is laid out) unless it only
    // reads as JSON Lines; `.jsonl` and `.ndjson` are always lines.
    let lower = source.to_ascii_lowercase();
    let lines_format = lower.ends_with(".jsonl")
        || lower.ends_with(".ndjson")
        || (!trimmed.starts_with('[')
            && trimmed.lines().nth(1).is_some()
            && serde_json::from_str::<Value>(text).is_err());
    if lines_format {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(record)) => {
                    let at = format!("line {}", i + 1);
                    read_record(source, &at, &record, map, &mut out, &mut problems);
                }
                Ok(_) => problems.push(format!("line {}: not a JSON object", i + 1)),
                Err(e) => problems.push(format!("line {}: {e}", i + 1)),
            }
        }
    } else {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    match item {
                        Value::Object(record) => {
                            let at = format!("item {}", i + 1);
                            read_record(source, &at, &record, map, &mut out, &mut problems);
                        }
                        _ => problems.push(format!("item {}: not a JSON object", i + 1)),
                    }
                }
            }
            Ok(Value::Object(record)) => {
                read_record(source, "item 1", &record, map, &mut out, &mut problems)
            }
            Ok(_) => problems.push("neither a JSON object nor an array of objects".into()),
            Err(e) => problems.push(format!("not JSON: {e}")),
        }
    }
    unique_ids(&mut out);
    (out, problems)
}

/// Reads one object of a file: a statement, or a container of statements.
fn read_record(
    source: &str,
    at: &str,
    record: &Map<String, Value>,
    map: &FieldMap,
    out: &mut Vec<Draft>,
    problems: &mut Vec<String>,
) {
    let mut read = |at: &str, record: &Map<String, Value>| match draft(source, at, record, map) {
        Ok(d) => out.push(d),
        Err(reason) => problems.push(format!("{at}: {reason}")),
    };
    match contained(record, map) {
        Some(items) => items.iter().for_each(|(at, item)| read(at, item)),
        None => read(at, record),
    }
}

/// Fields a container's statements take from the container when they do not give them: what holds for
/// all of them. A container's speaker or author is not each statement's (a sitting's presiding officer,
/// a feed's publisher).
const INHERITED: [Field; 3] = [Field::Date, Field::Country, Field::Url];

/// The statements of an object that holds them in a list rather than being one (`{"metadata": …,
/// "sections": [{"title": …, "content": …}, …]}`, `{"results": […]}`): the list of at least two objects
/// of which most have a body, when the object has no body of its own. Each is given a position after
/// the list's key, and the container's date, country and address where it has none.
fn contained(
    record: &Map<String, Value>,
    map: &FieldMap,
) -> Option<Vec<(String, Map<String, Value>)>> {
    let has_body = |m: &Map<String, Value>| {
        let r = Record::new(m);
        [Field::Body, Field::BodyHtml, Field::Question, Field::Answer]
            .iter()
            .any(|&f| map.text(&r, f).is_some())
    };
    let (key, items) = record
        .iter()
        .filter_map(|(k, v)| Some((k, v.as_array()?)))
        .filter(|(_, items)| items.len() >= 2)
        .map(|(k, items)| {
            let bodies = items
                .iter()
                .filter(|v| v.as_object().is_some_and(has_body))
                .count();
            (k, items, bodies)
        })
        .filter(|&(_, items, bodies)| bodies >= 2 && 2 * bodies >= items.len())
        .max_by_key(|&(_, _, bodies)| bodies)
        .map(|(k, items, _)| (k, items))?;
    // The object without the list may still be a statement, its body in a list of strings or an
    // object of its own, and the list its related items: then it is one statement.
    let rest: Map<String, Value> = record
        .iter()
        .filter(|(k, _)| *k != key)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if has_own_body(&rest, map) {
        return None;
    }
    let rest = Record::new(&rest);
    let inherited: Vec<(Field, &str, Value)> = INHERITED
        .iter()
        .filter_map(|&f| Some((f, map.key_for(f), map.get(&rest, f)?.clone())))
        .collect();
    let out = items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, v.as_object()?)))
        .map(|(i, item)| {
            let mut item = item.clone();
            let own = Record::new(&item);
            let missing: Vec<(String, Value)> = inherited
                .iter()
                .filter(|(f, _, _)| map.get(&own, *f).is_none())
                .map(|(_, k, v)| (k.to_string(), v.clone()))
                .collect();
            item.extend(missing);
            (format!("{key} {}", i + 1), item)
        })
        .collect();
    Some(out)
}

/// True when an object gives a body under a usual or mapped key, looked for without guessing from
/// keys' last words: a sitting's "metadata.waText" is no statement of its own.
fn has_own_body(object: &Map<String, Value>, map: &FieldMap) -> bool {
    let record = Record::new(object);
    [Field::Body, Field::BodyHtml, Field::Question, Field::Answer]
        .iter()
        .any(|&f| {
            map.keys_of(f).any(|k| {
                record.get(k).is_some_and(|v| match v {
                    Value::String(t) => !t.trim().is_empty(),
                    Value::Array(items) => !items.is_empty(),
                    Value::Object(o) => !o.is_empty(),
                    _ => false,
                })
            })
        })
}

/// Feeds repeat ids when an item is republished: the second and later get "~2", "~3", so that no two
/// statements (and their paragraphs) share an id.
pub(crate) fn unique_ids(drafts: &mut [Draft]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for d in drafts {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}~{n}", d.id);
        }
    }
}

/// One record's statement; an error for a body that cannot be read. Also a row of a CSV file.
pub(crate) fn draft(
    source: &str,
    position: &str,
    record: &Map<String, Value>,
    map: &FieldMap,
) -> Result<Draft, String> {
    let record = Record::new(record);
    let id = map
        .text(&record, Field::Id)
        .unwrap_or_else(|| position.replace(' ', "-"));
    let mut draft = metadata(source, &record, map);
    draft.id = format!("{source}#{id}");
    draft.blocks = body(&record, map)?;
    Ok(draft)
}

/// A record's body: its HTML or text field, and a question and answer kept in fields of their own; an
/// error for a body that cannot be read. Also a record of an XML file.
pub(crate) fn body(record: &Record, map: &FieldMap) -> Result<Vec<Block>, String> {
    let field_blocks = |field: Field| -> Result<Vec<Block>, String> {
        match map.text(record, field) {
            Some(text) => body_blocks(&text, field == Field::BodyHtml),
            None => Ok(Vec::new()),
        }
    };
    let mut blocks = field_blocks(Field::BodyHtml)?;
    // A body guessed from a key's ending ("response_content") may be the answer's own field.
    let own_field = |field: Field| {
        let body = map.text(record, Field::Body);
        body.is_some() && body == map.text(record, field)
    };
    if blocks.is_empty() && !own_field(Field::Answer) && !own_field(Field::Question) {
        blocks = field_blocks(Field::Body)?;
    }
    // A question and its answer, each in a field of its own: the record says which paragraphs ask.
    let question = field_blocks(Field::Question)?;
    let answer = field_blocks(Field::Answer)?;
    if !question.is_empty() || !answer.is_empty() {
        let given = |blocks: Vec<Block>, role: Role| {
            blocks.into_iter().map(move |b| Block {
                given_role: Some(role),
                ..b
            })
        };
        let mut turns: Vec<Block> = given(question, Role::Question).collect();
        turns.extend(given(answer, Role::Answer));
        turns.append(&mut blocks);
        blocks = turns;
    }
    Ok(blocks)
}

/// A body field's blocks: HTML when it is marked so or holds tags, plain text laid out by its own evidence
/// otherwise.
fn body_blocks(text: &str, html: bool) -> Result<Vec<Block>, String> {
    if html || looks_like_html(text) {
        return match html::nesting_problem(text) {
            Some(problem) => Err(format!("body: {problem}")),
            None => Ok(html::blocks(text)),
        };
    }
    Ok(layout::paragraphs(text)
        .into_iter()
        .map(Block::plain)
        .collect())
}

/// Everything a record says about its statement but its body: title, date, url, kind, the author and
/// speakers, the country. Also read from a Markdown or text file's front matter and an XML record.
///
/// A field named for an office ("prime_minister": "Howard, John") names its holder as an author: "John
/// Howard, Prime Minister".
pub fn metadata(source: &str, record: &Record, map: &FieldMap) -> Draft {
    let date = map.text(record, Field::Date);
    let mut authors = map.list(record, Field::Author);
    for (key, value) in record.texts() {
        if let Some(office) = office_key(key) {
            authors.push(format!("{}, {office}", surname_last(value)));
        }
    }
    Draft {
        id: source.to_string(),
        source: source.to_string(),
        title: map.text(record, Field::Title),
        authors,
        date: date.as_deref().and_then(super::date::parse_given),
        year: date.as_deref().and_then(super::date::parse_year),
        url: map
            .text(record, Field::Url)
            .filter(|u| u.contains("://"))
            .or_else(|| {
                map.text(record, Field::Id)
                    .filter(|u| u.starts_with("http"))
            }),
        kind: map.text(record, Field::Kind).and_then(|k| Kind::parse(&k)),
        speakers: map.list(record, Field::Speaker),
        lead: map.text(record, Field::Lead),
        country: map
            .text(record, Field::Country)
            .and_then(|c| gazetteer::country(&c)),
        ..Draft::default()
    }
}

/// True for a line of a plain text's opening header ("Title: …", "Date: …", "President: Jimmy Carter"):
/// a key that names a field of the statement's metadata, or an office whose holder the value names. Keys
/// whose value is the text itself ("Question:", "Body:") are a transcript's or a record's, not a header's.
pub(super) fn header_field(key: &str, value: &str) -> bool {
    let key_norm = normalise_key(key);
    let is = |fields: &[Field]| {
        fields
            .iter()
            .any(|f| f.defaults().iter().any(|d| normalise_key(d) == key_norm))
    };
    let who = is(&[Field::Author, Field::Speaker]) || office_key(key).is_some();
    is(&[
        Field::Title,
        Field::Date,
        Field::Url,
        Field::Country,
        Field::Kind,
    ]) || who && names_someone(value)
}

/// A value that names people or a body and says nothing else: two to eight words, the first capitalised
/// and each capitalised, a particle or a connector ("Lyndon B. Johnson", "Carter, Jimmy", "Office of the
/// Spokesperson"), and no sentence in it: a turn's "Thanks." or "Welcome." ends on a period, where a
/// name ends on an initial's at most ("Martin Luther King Jr.").
fn names_someone(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    let last_period = words
        .last()
        .is_some_and(|w| w.ends_with('.') && w.trim_end_matches('.').chars().count() > 2);
    (2..=8).contains(&words.len())
        && value.starts_with(char::is_uppercase)
        && !value.ends_with(['?', '!', ':', ';'])
        && !last_period
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || contains(&lexicon::NAME_PARTICLES, w)
                || matches!(*w, "of" | "the" | "and" | "for")
        })
}

/// The office a record key names ("prime_minister", "primeMinister", "spokesperson"), in title case; `None`
/// for any other key.
fn office_key(key: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in key.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && previous_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.push(c);
        }
        previous_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        words.push(word);
    }
    let titled: Vec<String> = words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |f| {
                f.to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect();
    let heads = [
        "Minister",
        "President",
        "Secretary",
        "Spokesperson",
        "Spokesman",
        "Chancellor",
    ];
    (titled.iter().all(|w| contains(&lexicon::OFFICE, w))
        && titled.last().is_some_and(|w| heads.contains(&w.as_str())))
    .then(|| titled.join(" "))
}

/// "Howard, John" → "John Howard"; other names as they are.
fn surname_last(value: &str) -> String {
    match value.split_once(", ") {
        Some((surname, given))
            if !surname.contains(' ') && given.split_whitespace().count() <= 3 =>
        {
            format!("{} {surname}", given.trim())
        }
        _ => value.trim().to_string(),
    }
}

fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["<p", "<br", "<div", "</"]
        .iter()
        .any(|t| lower.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_field_names_and_html_bodies() {
        let line = r#"{"guid":"g1","title":"Secretary's Call","link":"https://www.state.gov/x/","author":"Office of the Spokesperson","published":"2021-05-20T22:14:56+00:00","content_html":"<p>One.</p><p>Two &amp; three.</p>"}"#;
        let (drafts, problems) = drafts("feed.jsonl", line, &FieldMap::default());
        assert!(problems.is_empty());
        let d = &drafts[0];
        assert_eq!(d.id, "feed.jsonl#g1");
        assert_eq!(d.title.as_deref(), Some("Secretary's Call"));
        assert_eq!(d.url.as_deref(), Some("https://www.state.gov/x/"));
        assert_eq!(d.date, Some(jiff::civil::date(2021, 5, 20)));
        assert_eq!(d.authors, ["Office of the Spokesperson"]);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One.", "Two & three."]);
    }

    #[test]
    fn a_container_of_statements_gives_each_its_date_but_not_its_speaker() {
        let text = r#"{"metadata":{"speaker":"Deputy Speaker"},"date":"2020-06-05","sections":[
            {"title":"Visit of a minister","content":"<p>We met.</p>"},
            {"title":"Trade","content":"<p>We agreed.</p>","date":"2020-06-06"},
            {"title":"Annex"}]}"#;
        let (read, problems) = drafts("sitting.json", text, &FieldMap::default());
        assert!(problems.is_empty(), "{problems:?}");
        let got: Vec<(&str, Option<jiff::civil::Date>, &[String], &str)> = read
            .iter()
            .map(|d| {
                let title = d.title.as_deref().unwrap_or_default();
                (
                    title,
                    d.date,
                    d.speakers.as_slice(),
                    d.blocks.first().map_or("", |b| b.text.as_str()),
                )
            })
            .collect();
        let date = |d| Some(jiff::civil::date(2020, 6, d));
        assert_eq!(
            got,
            [
                ("Visit of a minister", date(5), &[][..], "We met."),
                ("Trade", date(6), &[][..], "We agreed."),
                ("Annex", date(5), &[][..], ""),
            ]
        );
        // An object with a body of its own is one statement, whatever lists it holds: a body as a
        // list of strings, or in an object of its own.
        for one in [
            r#"{"content":"<p>Hello.</p>","tags":[{"content":"a"},{"content":"b"}]}"#,
            r#"{"title":"On trade","text":["We welcome it.","Good news."],"related":[{"title":"A","text":"a"},{"title":"B","text":"b"}]}"#,
            r#"{"page":{"title":"On trade","body":"We welcome it."},"related":[{"title":"A","text":"a"},{"title":"B","text":"b"}]}"#,
        ] {
            let (read, _) = drafts("one.json", one, &FieldMap::default());
            assert_eq!(read.len(), 1, "{one}");
        }
    }

    #[test]
    fn keys_named_after_a_page_end_in_a_usual_name() {
        let body = "We welcome the agreement reached today between the two governments on trade. "
            .repeat(2);
        let line = format!(
            r#"{{"path":"/en/news/2015/11/24/visit","pageTitle":"Visit | Office","previewText":"x","articleHtml":"<p>{body}</p>"}}"#
        );
        let (read, problems) = drafts("pages.jsonl", &line, &FieldMap::default());
        assert!(problems.is_empty(), "{problems:?}");
        let d = &read[0];
        assert_eq!(d.title.as_deref(), Some("Visit | Office"));
        assert_eq!(d.blocks.len(), 1);
        assert!(d.blocks[0].text.starts_with("We welcome"));
        // Whole words only: "update" holds no date, "speaker_name" no title.
        let other =
            r#"{"speaker_name":"Jo Roe","update":"Corrected on 12 May 2021.","text":"Hello."}"#;
        let d = &drafts("p.jsonl", other, &FieldMap::default()).0[0];
        assert_eq!((d.title.as_deref(), d.date), (None, None));
        // A short text under a key ending in "text" is not taken for a body.
        let short = r#"{"title":"T","previewText":"Hello."}"#;
        assert!(drafts("p.jsonl", short, &FieldMap::default()).0[0]
            .blocks
            .is_empty());
    }

    #[test]
    fn authors_given_as_objects_with_a_name() {
        let text = r#"{"title":"Remarks to media","ministers":[{"name":"Rt Hon Ana Lima","profile_url":""},{"name":"Jo Roe"}],"content":"<p>Good morning.</p>"}"#;
        let (many, _) = drafts("r.json", text, &FieldMap::default());
        assert_eq!(many[0].authors, ["Rt Hon Ana Lima", "Jo Roe"]);
        let one =
            r#"{"title":"Op-ed","author":{"@type":"Person","name":"Ana Lima"},"body":"Text."}"#;
        let (single, _) = drafts("o.json", one, &FieldMap::default());
        assert_eq!(single[0].authors, ["Ana Lima"]);
    }

    #[test]
    fn given_speaker_country_and_mapped_fields() {
        let text = r#"[{"headline":"Address","story":"First.\n\nSecond.","speaker":"Ana Lima","country":"Brazil","when":"2019-09-24"}]"#;
        let map = FieldMap::parse(["title=headline", "body=story", "date=when"]).unwrap();
        let (drafts, problems) = drafts("speeches.json", text, &map);
        assert!(problems.is_empty(), "{problems:?}");
        let d = &drafts[0];
        assert_eq!(d.id, "speeches.json#item-1");
        assert_eq!(d.title.as_deref(), Some("Address"));
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.speakers, ["Ana Lima"]);
        assert_eq!(
            d.country.map(|c| c.as_str().to_string()),
            Some("BRA".into())
        );
        assert_eq!(d.date, Some(jiff::civil::date(2019, 9, 24)));
    }

    #[test]
    fn bad_records_are_reported_and_the_rest_kept() {
        let text =
            "{\"title\":\"a\",\"text\":\"x\"}\nnot json\n[1]\n{\"title\":\"b\",\"text\":\"y\"}\n";
        let (found, problems) = drafts("f.jsonl", text, &FieldMap::default());
        assert_eq!(found.len(), 2);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].starts_with("line 2:"), "{problems:?}");
        assert!(problems[1].starts_with("line 3: not a JSON object"));
        let (none, problems) = drafts("f.json", "{oops", &FieldMap::default());
        assert!(none.is_empty() && problems[0].starts_with("not JSON"));
    }

    #[test]
    fn deep_json_and_deep_html_bodies_are_reported_and_the_rest_kept() {
        let deep_html = "<div>".repeat(100_000);
        let text = format!(
            "{{\"title\":\"a\",\"text\":\"kept\"}}\n{{\"title\":\"b\",\"content_html\":\"{deep_html}\"}}\n{}\n",
            "[".repeat(100_000)
        );
        let (found, problems) = drafts("f.jsonl", &text, &FieldMap::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].blocks, [Block::plain("kept")]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0],
            "line 2: body: HTML elements nested more than 1024 deep"
        );
        assert!(
            problems[1].starts_with("line 3: recursion limit exceeded"),
            "{problems:?}"
        );
        let (none, problems) = drafts("f.json", &"[".repeat(100_000), &FieldMap::default());
        assert!(none.is_empty() && problems[0].starts_with("not JSON: recursion limit"));
    }

    #[test]
    fn mappings_name_their_mistakes() {
        assert!(FieldMap::parse(["title"])
            .unwrap_err()
            .contains("FIELD=KEY"));
        assert!(FieldMap::parse(["nope=x"])
            .unwrap_err()
            .contains("unknown field"));
        assert_eq!(
            FieldMap::parse(["title=h", "body=b"]).unwrap().signature(),
            "title=h,body=b"
        );
    }
}
