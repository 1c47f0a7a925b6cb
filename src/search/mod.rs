//! A query and filters to ranked hits: plain data with highlight spans, no tantivy types.
//!
//! The query language is tantivy's (phrases, `~N` slop, AND/OR/NOT, `-word`, `field:value`) with words
//! joined by AND. Filters on speaker, country and date are added as required clauses, and only paragraph
//! documents are ever returned.

use std::ops::{Bound, Range};

use jiff::civil::Date;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, EnableScoring, ExistsQuery, Occur, PhraseQuery, Query, QueryParser,
    QueryParserError, RangeQuery, RegexQuery, TermQuery, TermSetQuery,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, DocAddress, Order, Searcher, Term};

use crate::document::{to_index_date, Record};
use crate::error::{Error, Result};
use crate::gazetteer::CountryCode;
use crate::index::Store;
use crate::parse::{Kind, Role};
use crate::schema::{Fields, RECORD_FILE};
use crate::tokenize;

mod context;
mod filters;
mod values;

pub use context::{in_context, InContext};
pub(crate) use filters::{resolve, Filters};

/// Longest query accepted, in bytes: longer input is refused rather than parsed.
pub(crate) const MAX_QUERY_BYTES: usize = 4096;
/// Deepest nesting of parentheses accepted: the query parser recurses on each level.
pub(crate) const MAX_QUERY_DEPTH: usize = 32;
/// Most words and operators accepted in one query.
pub(crate) const MAX_QUERY_CLAUSES: usize = 512;

/// How hits are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// BM25 score, best first.
    #[default]
    Relevance,
    /// Statement date, newest first; undated paragraphs last.
    Date,
    /// Statement date, oldest first; undated paragraphs last.
    Oldest,
}

/// A search: query text and filters, resolved from the command line.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Query in tantivy's syntax; empty matches every paragraph (to list by filters alone).
    pub query: String,
    /// Speaker filter: a full name or any part of it, case-insensitive.
    pub speaker: Option<String>,
    /// Country filter: any of these (ISO alpha-3).
    pub countries: Vec<CountryCode>,
    /// First day included.
    pub from: Option<Date>,
    /// Last day included.
    pub to: Option<Date>,
    /// Only paragraphs of source files whose path (as the index names it) starts with this.
    pub source: Option<String>,
    /// Only paragraphs of any of these roles (none: every role).
    pub roles: Vec<Role>,
    /// Only paragraphs of statements of any of these kinds (none: every kind).
    pub kinds: Vec<Kind>,
    /// At most this many hits.
    pub limit: usize,
    /// Ordering.
    pub sort: Sort,
}

/// One matching paragraph: its record, and what the search made of it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Hit {
    /// 1 for the first hit.
    pub rank: usize,
    /// BM25 score; absent when sorted by date.
    pub score: Option<f32>,
    /// Every stored field of the paragraph. Flattened, and declared before the snippet: a hit's JSON
    /// lists the record's keys between the score and the snippet.
    #[serde(flatten)]
    pub record: Record,
    /// The best passage, with the matched words marked.
    pub snippet: Snippet,
}

/// A passage of a paragraph with the byte ranges of matched words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The passage; "…" marks where it was cut.
    pub text: String,
    /// Byte ranges of matches within `text` (UTF-8), in order, not overlapping. JSON gives each as
    /// `{"start", "end"}` in bytes, with `char_start` and `char_end` counted in Unicode characters
    /// beside them for languages whose strings are not indexed by byte.
    pub highlights: Vec<Range<usize>>,
}

impl Serialize for Snippet {
    /// The text, and each highlight as bytes and as characters.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(Serialize)]
        struct Highlight {
            start: usize,
            end: usize,
            char_start: usize,
            char_end: usize,
        }
        let chars = |byte: usize| self.text.get(..byte).map_or(0, |t| t.chars().count());
        let highlights: Vec<Highlight> = self
            .highlights
            .iter()
            .map(|r| Highlight {
                start: r.start,
                end: r.end,
                char_start: chars(r.start),
                char_end: chars(r.end),
            })
            .collect();
        let mut st = s.serialize_struct("Snippet", 2)?;
        st.serialize_field("text", &self.text)?;
        st.serialize_field("highlights", &highlights)?;
        st.end()
    }
}

/// The hits of a search and how many paragraphs match in all.
#[derive(Clone, Debug)]
pub struct Results {
    /// Every matching paragraph, not only those returned.
    pub total: usize,
    /// The best `limit` hits.
    pub hits: Vec<Hit>,
}

/// A request compiled against one index.
pub(crate) struct Compiled {
    /// The query and every filter, as one query that only paragraphs match.
    pub query: Box<dyn Query>,
    /// Word sequences to highlight, from the positive text clauses of the query.
    pub patterns: Vec<Vec<String>>,
}

/// The user's query text, parsed.
struct UserQuery {
    query: Box<dyn Query>,
    /// Word sequences to highlight, from the positive text clauses of the query.
    patterns: Vec<Vec<String>>,
    /// True when it could match file records, which [`compile`] then excludes.
    reaches_files: bool,
}

/// Runs a search and fetches the hits.
pub fn search(store: &Store, request: &Request) -> Result<Results> {
    store.searching(|searcher| {
        let compiled = compile(store, request)?;
        let fields = store.fields();
        // tantivy reserves room for `limit` hits up front: never more than there are documents.
        let limit = request
            .limit
            .min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX))
            .max(1);
        let err = |e| Error::index("searching", e);
        let (total, addresses): (usize, Vec<(Option<f32>, DocAddress)>) = match request.sort {
            Sort::Relevance => {
                let (total, top) = searcher
                    .search(
                        &compiled.query,
                        &(Count, TopDocs::with_limit(limit).order_by_score()),
                    )
                    .map_err(err)?;
                (total, top.into_iter().map(|(s, a)| (Some(s), a)).collect())
            }
            Sort::Date | Sort::Oldest => {
                let order = if request.sort == Sort::Date {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let name = store
                    .index()
                    .schema()
                    .get_field_name(fields.date)
                    .to_string();
                let (total, top) = searcher
                    .search(
                        &compiled.query,
                        &(
                            Count,
                            TopDocs::with_limit(limit).order_by_fast_field::<DateTime>(name, order),
                        ),
                    )
                    .map_err(err)?;
                (total, top.into_iter().map(|(_, a)| (None, a)).collect())
            }
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (i, (score, address)) in addresses.into_iter().enumerate() {
            hits.push(fetch(
                searcher,
                fields,
                address,
                i + 1,
                score,
                &compiled.patterns,
            )?);
        }
        Ok(Results { total, hits })
    })
}

/// Counts matching paragraphs without fetching any.
pub fn count(store: &Store, request: &Request) -> Result<usize> {
    store.searching(|searcher| {
        let compiled = compile(store, request)?;
        searcher
            .search(&compiled.query, &Count)
            .map_err(|e| Error::index("counting", e))
    })
}

/// Compiles the request's query and filters into one query over paragraphs.
pub(crate) fn compile(store: &Store, request: &Request) -> Result<Compiled> {
    let fields = store.fields();
    let text = request.query.trim();
    if text.len() > MAX_QUERY_BYTES {
        return Err(Error::Query {
            query: shown(text),
            reason: format!("longer than {MAX_QUERY_BYTES} bytes"),
        });
    }
    // A filter is held to the query's limit: a speaker of thousands of words is a phrase query of
    // thousands of terms, run once for the hits and again for each count a page shows.
    for (what, value) in [
        ("--speaker", &request.speaker),
        ("--source", &request.source),
    ] {
        if let Some(v) = value.as_deref().filter(|v| v.len() > MAX_QUERY_BYTES) {
            return Err(Error::BadValue {
                what: format!("{what} {}", shown(v)),
                reason: format!("longer than {MAX_QUERY_BYTES} bytes"),
            });
        }
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut patterns = Vec::new();
    let mut reaches_files = false;
    if !text.is_empty() && text != "*" {
        let user = parse_user_query(store, text)?;
        patterns = user.patterns;
        reaches_files = user.reaches_files;
        clauses.push((Occur::Must, user.query));
    }
    if let Some(speaker) = &request.speaker {
        clauses.push((Occur::Must, speaker_query(fields, speaker)?));
    }
    if !request.countries.is_empty() {
        let any: Vec<(Occur, Box<dyn Query>)> = request
            .countries
            .iter()
            .map(|c| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(fields.country, c.as_str()),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    let roles = request.roles.iter().map(|r| r.as_str());
    if let Some(any) = any_key(fields.role, roles) {
        clauses.push((Occur::Must, any));
    }
    if let Some(any) = any_key(fields.kind, request.kinds.iter().map(|k| k.as_str())) {
        clauses.push((Occur::Must, any));
    }
    if request.from.is_some() || request.to.is_some() {
        clauses.push((Occur::Must, date_filter(store, request.from, request.to)));
    }
    if let Some(prefix) = &request.source {
        clauses.push((Occur::Must, source_filter(store, prefix)?));
        // File records have a source too.
        reaches_files = true;
    }
    // File records hold none of the filters' fields, but a search for everything reaches them, and so
    // can a query (`*` within it, `source:`). Only then is the exclusion added: other searches need not
    // open the `record` field of every segment.
    if clauses.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
        reaches_files = true;
    }
    if reaches_files {
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.record, RECORD_FILE),
                IndexRecordOption::Basic,
            )),
        ));
    }
    Ok(Compiled {
        query: Box::new(BooleanQuery::new(clauses)),
        patterns,
    })
}

/// Paragraphs whose keyed `field` holds any of `keys`; `None` for no keys (no filter).
fn any_key<'a>(field: Field, keys: impl Iterator<Item = &'a str>) -> Option<Box<dyn Query>> {
    let terms: Vec<Term> = keys.map(|k| Term::from_field_text(field, k)).collect();
    (!terms.is_empty()).then(|| Box::new(TermSetQuery::new(terms)) as Box<dyn Query>)
}

/// Paragraphs of files whose path starts with `prefix`: the source terms that start with it, read from the
/// term dictionary as an automaton.
fn source_filter(store: &Store, prefix: &str) -> Result<Box<dyn Query>> {
    let pattern = format!("{}.*", regex::escape(prefix));
    let query =
        RegexQuery::from_pattern(&pattern, store.fields().source).map_err(|e| Error::BadValue {
            what: format!("--source {prefix:?}"),
            reason: e.to_string(),
        })?;
    Ok(Box::new(query))
}

/// Longest span of years looked up year by year rather than as a range.
const MAX_YEAR_TERMS: i16 = 100;

/// The years a date range keeps when it runs from the first day of a year to the last day of one (an
/// open end unbounded): then the year alone decides whether a paragraph is in it, dated or not. `None`
/// for a range that cuts a year.
pub(crate) fn whole_years(
    from: Option<Date>,
    to: Option<Date>,
) -> Option<std::ops::RangeInclusive<i64>> {
    let whole = from.is_none_or(|d| (d.month(), d.day()) == (1, 1))
        && to.is_none_or(|d| (d.month(), d.day()) == (12, 31));
    whole.then(|| {
        from.map_or(i64::MIN, |d| i64::from(d.year()))
            ..=to.map_or(i64::MAX, |d| i64::from(d.year()))
    })
}

/// Paragraphs dated within the range, or, for statements known only by their year, whose year falls in
/// the years of the range.
fn date_filter(store: &Store, from: Option<Date>, to: Option<Date>) -> Box<dyn Query> {
    let fields = store.fields();
    let day = |d: Option<Date>| match d {
        Some(d) => Bound::Included(Term::from_field_date(fields.date, to_index_date(d))),
        None => Bound::Unbounded,
    };
    let year = |d: Option<Date>| match d {
        Some(d) => Bound::Included(Term::from_field_i64(fields.year, i64::from(d.year()))),
        None => Bound::Unbounded,
    };
    // From the first day of a year to the last of one, the years alone decide for every statement: the
    // year range is answered from the index, where telling dated statements from year-only ones needs
    // a scan of the date column.
    if whole_years(from, to).is_some() {
        // A few years are a few posting lists; a range over the year column reads every document's.
        if let (Some(f), Some(t)) = (from, to) {
            if t.year() - f.year() < MAX_YEAR_TERMS {
                let terms =
                    (f.year()..=t.year()).map(|y| Term::from_field_i64(fields.year, i64::from(y)));
                return Box::new(TermSetQuery::new(terms));
            }
        }
        return Box::new(RangeQuery::new(year(from), year(to)));
    }
    let date_name = store
        .index()
        .schema()
        .get_field_name(fields.date)
        .to_string();
    let year_only: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(RangeQuery::new(year(from), year(to))) as Box<dyn Query>,
        ),
        (Occur::MustNot, Box::new(ExistsQuery::new(date_name, false))),
    ]));
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(RangeQuery::new(day(from), day(to))) as Box<dyn Query>,
        ),
        (Occur::Should, year_only),
    ]))
}

/// Refuses queries whose shape alone would cost too much to parse: deep nesting (the parser recurses,
/// and a stack overflow cannot be caught) and very many clauses.
fn check_shape(text: &str) -> std::result::Result<(), String> {
    let (mut depth, mut deepest, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' | '[' | '{' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_QUERY_DEPTH {
        return Err(format!(
            "parentheses nested {deepest} deep; at most {MAX_QUERY_DEPTH} are accepted"
        ));
    }
    let clauses = text.split_whitespace().count();
    if clauses > MAX_QUERY_CLAUSES {
        return Err(format!(
            "{clauses} words and operators; at most {MAX_QUERY_CLAUSES} are accepted"
        ));
    }
    Ok(())
}

/// Longest query an error repeats whole; a longer one is shown by its first [`SHOWN_QUERY_HEAD`] bytes.
const SHOWN_QUERY_BYTES: usize = 200;
const SHOWN_QUERY_HEAD: usize = 60;

/// The query as an error names it: whole when short, else its start, which is enough to recognise it.
fn shown(text: &str) -> String {
    if text.len() > SHOWN_QUERY_BYTES {
        format!("{}…", &text[..text.floor_char_boundary(SHOWN_QUERY_HEAD)])
    } else {
        text.to_string()
    }
}

/// Parses the user's query, with the word sequences to highlight.
fn parse_user_query(store: &Store, text: &str) -> Result<UserQuery> {
    let fields = store.fields();
    let bad = |reason: String| Error::Query {
        query: shown(text),
        reason,
    };
    check_shape(text).map_err(bad)?;
    // Regular expressions are this module's own way to search a prefix, not part of the query language.
    if let Ok(ast) = tantivy::query_grammar::parse_query(text) {
        if has_regex(&ast) {
            return Err(bad(
                "regular expressions are not supported: use word* for a prefix".into(),
            ));
        }
    }
    let resolved = values::resolve(text, || index_countries(store))?;
    let text = resolved.as_str();
    let Ok(ast) = tantivy::query_grammar::parse_query(text) else {
        let (_, errors) = tantivy::query_grammar::parse_query_lenient(text);
        let reason = match errors.first() {
            Some(e) => format!("{} at character {}", e.message, e.pos + 1),
            None => "syntax error".to_string(),
        };
        return Err(bad(reason));
    };
    let text_field = store
        .index()
        .schema()
        .get_field_name(fields.text)
        .to_string();
    let mut patterns = Vec::new();
    collect_patterns(&ast, &text_field, &mut patterns);
    let mut parser = QueryParser::for_index(store.index(), vec![fields.text]);
    parser.set_conjunction_by_default();
    // Only for the prefixes `values::resolve` writes as regular expressions.
    parser.allow_regexes();
    let query = parser.parse_query(text).map_err(|e| {
        bad(match e {
            QueryParserError::FieldDoesNotExist(name) => {
                let schema = store.index().schema();
                let known: Vec<&str> = fields
                    .queryable()
                    .into_iter()
                    .map(|f| schema.get_field_name(f))
                    .collect();
                format!("unknown field {name:?} (fields: {})", known.join(", "))
            }
            QueryParserError::AllButQueryForbidden => {
                "only excluded words: add a word to search for".to_string()
            }
            e => e.to_string(),
        })
    })?;
    // Some queries parse but cannot run on this schema ("text:*" needs a fast field): say so as a query
    // error now rather than as a failure halfway through the search.
    let schema = store.index().schema();
    query
        .weight(EnableScoring::disabled_from_schema(&schema))
        .map_err(|e| bad(e.to_string()))?;
    let file_fields = [fields.record, fields.source, fields.id, fields.fingerprint]
        .map(|f| schema.get_field_name(f));
    Ok(UserQuery {
        query,
        patterns,
        reaches_files: reaches_file_records(&ast, &file_fields),
    })
}

/// True when the query holds a regular expression (`/…/`).
fn has_regex(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().any(|(_, sub)| has_regex(sub)),
        UserInputAst::Boost(sub, _) => has_regex(sub),
        UserInputAst::Leaf(leaf) => matches!(leaf.as_ref(), UserInputLeaf::Regex { .. }),
    }
}

/// The country codes the index holds, for an error that lists them.
fn index_countries(store: &Store) -> Vec<String> {
    let mut codes = std::collections::BTreeSet::new();
    let _ = store.searching(|searcher| {
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(store.fields().country) else {
                continue;
            };
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(|e| Error::index("reading countries", e.into()))?;
            while terms.advance() {
                codes.insert(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        Ok(())
    });
    codes.into_iter().collect()
}

/// True when a clause of the query could match a file record: a match-all, or a clause on a field file
/// records hold. The other fields are paragraphs' alone, and a query on them alone never finds a file
/// record. Excluded clauses count too: telling which ones only narrow is not worth the risk.
fn reaches_file_records(ast: &UserInputAst, file_fields: &[&str]) -> bool {
    match ast {
        UserInputAst::Clause(clauses) => clauses
            .iter()
            .any(|(_, sub)| reaches_file_records(sub, file_fields)),
        UserInputAst::Boost(sub, _) => reaches_file_records(sub, file_fields),
        UserInputAst::Leaf(leaf) => {
            let field = match leaf.as_ref() {
                UserInputLeaf::All => return true,
                UserInputLeaf::Literal(literal) => literal.field_name.as_deref(),
                UserInputLeaf::Range { field, .. }
                | UserInputLeaf::Set { field, .. }
                | UserInputLeaf::Regex { field, .. } => field.as_deref(),
                UserInputLeaf::Exists { field } => Some(field.as_str()),
            };
            field.is_some_and(|f| file_fields.contains(&f))
        }
    }
}

fn speaker_query(fields: &Fields, speaker: &str) -> Result<Box<dyn Query>> {
    let terms: Vec<Term> = tokenize::words(speaker)
        .into_iter()
        .map(|(_, w)| Term::from_field_text(fields.speaker, &w))
        .collect();
    Ok(match terms.len() {
        0 => {
            return Err(Error::BadValue {
                what: format!("--speaker {speaker:?}"),
                reason: "no name in it".into(),
            })
        }
        1 => Box::new(TermQuery::new(
            terms.into_iter().next().expect("one term"),
            IndexRecordOption::Basic,
        )),
        _ => Box::new(PhraseQuery::new(terms)),
    })
}

/// Collects the word sequences a hit should highlight: the query's phrases and single words on the text
/// field, outside excluded clauses. A sloppy phrase highlights its words one by one.
fn collect_patterns(ast: &UserInputAst, text_field: &str, out: &mut Vec<Vec<String>>) {
    match ast {
        UserInputAst::Clause(clauses) => {
            for (occur, sub) in clauses {
                if *occur != Some(Occur::MustNot) {
                    collect_patterns(sub, text_field, out);
                }
            }
        }
        UserInputAst::Boost(sub, _) => collect_patterns(sub, text_field, out),
        UserInputAst::Leaf(leaf) => {
            // A prefix, as `values::resolve` writes it: `word.*`, highlighted as `word*`.
            if let UserInputLeaf::Regex { field, pattern } = leaf.as_ref() {
                if field.as_deref().is_none_or(|f| f == text_field) {
                    if let Some(stem) = pattern.strip_suffix(".*") {
                        out.push(vec![format!("{}{PREFIX}", stem.replace('\\', ""))]);
                    }
                }
                return;
            }
            let UserInputLeaf::Literal(lit) = leaf.as_ref() else {
                return;
            };
            if lit.field_name.as_deref().is_some_and(|f| f != text_field) {
                return;
            }
            let words: Vec<String> = tokenize::words(&lit.phrase)
                .into_iter()
                .map(|(_, w)| w)
                .collect();
            if lit.slop == 0 && !lit.prefix {
                out.push(words);
            } else {
                out.extend(words.into_iter().map(|w| vec![w]));
            }
        }
    }
}

fn fetch(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    rank: usize,
    score: Option<f32>,
    patterns: &[Vec<String>],
) -> Result<Hit> {
    let record = Record::fetch(searcher, fields, address)?;
    Ok(Hit {
        rank,
        score,
        snippet: snippet(&record.text, patterns, SNIPPET_CHARS),
        record,
    })
}

/// Snippet length in characters, about two lines of a terminal.
const SNIPPET_CHARS: usize = 240;

/// Marks a pattern's word as a prefix (`taiw*`): the tokenizer never leaves it in a word.
pub(crate) const PREFIX: char = '*';

/// True when a word of the text is the pattern's word, or starts with it for a prefix.
fn word_matches(word: &str, pattern: &str) -> bool {
    match pattern.strip_suffix(PREFIX) {
        Some(stem) => word.starts_with(stem),
        None => word == pattern,
    }
}

/// Byte ranges of `text` where one of `patterns` stands, in order, overlapping ones merged.
pub(crate) fn match_spans(text: &str, patterns: &[Vec<String>]) -> Vec<Range<usize>> {
    let words = tokenize::words(text);
    let mut matches: Vec<Range<usize>> = Vec::new();
    for start in 0..words.len() {
        for pattern in patterns {
            let n = pattern.len();
            if n > 0
                && start + n <= words.len()
                && words[start..start + n]
                    .iter()
                    .zip(pattern)
                    .all(|((_, w), p)| word_matches(w, p))
            {
                matches.push(words[start].0.start..words[start + n - 1].0.end);
            }
        }
    }
    matches.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for m in matches {
        match merged.last_mut() {
            Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
            _ => merged.push(m),
        }
    }
    merged
}

/// The passage of about `max_chars` characters of `text` holding the most matches of `patterns`.
pub(crate) fn snippet(text: &str, patterns: &[Vec<String>], max_chars: usize) -> Snippet {
    let merged = match_spans(text, patterns);
    let max_bytes = text
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(i, _)| i);
    if text.len() <= max_bytes {
        return Snippet {
            text: text.to_string(),
            highlights: merged,
        };
    }
    // Window: start a little before the match that lets the window hold the most matches.
    let lead = max_bytes / 5;
    let mut best = (0usize, 0usize);
    for (i, m) in merged.iter().enumerate() {
        let start = m.start.saturating_sub(lead);
        let held = merged[i..]
            .iter()
            .take_while(|n| n.end <= start + max_bytes)
            .count();
        if held > best.1 {
            best = (start, held);
        }
    }
    let mut start = text.floor_char_boundary(best.0);
    if start > 0 {
        // Begin at a word: after the last space before the chosen byte.
        start = text[..start].rfind(' ').map_or(0, |i| i + 1);
    }
    let mut end = text.floor_char_boundary((start + max_bytes).min(text.len()));
    if end < text.len() {
        end = text[start..end].rfind(' ').map_or(end, |i| start + i);
    }
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shift = prefix.len();
    let highlights = merged
        .into_iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| m.start - start + shift..m.end - start + shift)
        .collect();
    Snippet {
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    #[test]
    fn only_queries_that_can_match_a_file_record_exclude_them() {
        let fields = ["record", "source", "id", "fingerprint"];
        let reaches = |q: &str| {
            let ast = tantivy::query_grammar::parse_query(q).expect("a valid query");
            reaches_file_records(&ast, &fields)
        };
        for q in [
            "*",
            "(*)",
            "laos OR *",
            "source:a.txt",
            "source:*",
            "-source:a.txt laos",
        ] {
            assert!(reaches(q), "{q}");
        }
        for q in [
            "\"belt and road\"",
            "laos -china",
            "country:LAO^2",
            "title:(press conference)",
        ] {
            assert!(!reaches(q), "{q}");
        }
    }

    /// A small index shared by the query property tests.
    fn store() -> &'static Store {
        static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
        &STORE
            .get_or_init(|| {
                let dir = tempfile::tempdir().unwrap();
                let corpus = dir.path().join("corpus");
                std::fs::create_dir(&corpus).unwrap();
                std::fs::write(
                    corpus.join("a.txt"),
                    "Talks\n\nOn May 4, 2022, Prime Minister of Norway Ingrid Vale said the Belt \
                     and Road matters.\n\nVale stressed sovereignty and territorial integrity.\n",
                )
                .unwrap();
                let options = crate::build::Options::new(&corpus, dir.path().join("index"));
                crate::build::build(&options, &mut crate::build::Quiet).unwrap();
                let store = Store::open(&options.index).unwrap();
                (dir, store)
            })
            .1
    }

    /// A query either runs or is refused as a bad query; nothing else, never a panic, and quickly.
    fn runs_or_is_refused(query: &str) {
        let started = std::time::Instant::now();
        let request = Request {
            query: query.to_string(),
            limit: 5,
            ..Request::default()
        };
        match search(store(), &request) {
            Ok(_) | Err(Error::Query { .. }) => {}
            Err(e) => panic!("{query:?}: {e}"),
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{query:?} took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn known_bad_queries_are_refused_not_fatal() {
        let deep = "(".repeat(100_000);
        let deep_closed = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        let long = "word ".repeat(200_000);
        let many = "a ".repeat(600);
        for q in [
            "- *",
            "(*'\n",
            "a:(^",
            "\"unbalanced",
            "AND",
            "OR OR",
            "NOT",
            "~2",
            "\"a\"~",
            "^",
            "*",
            "title:",
            ":",
            "text:*",
            "a:b:c",
            "[a TO",
            "{",
            "\\",
            "\u{0}",
            "\u{202e}x",
            &deep,
            &deep_closed,
            &long,
            &many,
        ] {
            runs_or_is_refused(q);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn arbitrary_queries_run_or_are_refused(q in "[a-z ()\"~^*:+\\-\\[\\]{}!.0-9AONDTR]{0,80}") {
            runs_or_is_refused(&q);
        }

        #[test]
        fn arbitrary_unicode_queries_run_or_are_refused(q in "\\PC{0,40}") {
            runs_or_is_refused(&q);
        }
    }

    fn pats(p: &[&[&str]]) -> Vec<Vec<String>> {
        p.iter()
            .map(|ws| ws.iter().map(|w| w.to_string()).collect())
            .collect()
    }

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        let mut at = 0;
        for h in &s.highlights {
            out.push_str(&s.text[at..h.start]);
            out.push('[');
            out.push_str(&s.text[h.clone()]);
            out.push(']');
            at = h.end;
        }
        out.push_str(&s.text[at..]);
        out
    }

    #[test]
    fn a_phrase_highlights_only_where_it_stands_whole() {
        let s = snippet(
            "Trade and aid, and the Belt-and-Road plan.",
            &pats(&[&["belt", "and", "road"]]),
            240,
        );
        assert_eq!(marked(&s), "Trade and aid, and the [Belt-and-Road] plan.");
    }

    #[test]
    fn a_prefix_highlights_every_word_starting_with_it() {
        let s = snippet("Taiwan, Taiwanese and Tai.", &pats(&[&["taiw*"]]), 240);
        assert_eq!(marked(&s), "[Taiwan], [Taiwanese] and Tai.");
    }

    #[test]
    fn words_highlight_each_occurrence_including_possessives() {
        let s = snippet("China’s view; china.", &pats(&[&["china"]]), 240);
        assert_eq!(marked(&s), "[China’s] view; [china].");
    }

    #[test]
    fn long_text_is_cut_around_the_matches() {
        let text = format!(
            "{} the needle is here. {}",
            "word ".repeat(200),
            "tail ".repeat(200)
        );
        let s = snippet(&text, &pats(&[&["needle"]]), 60);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert_eq!(s.highlights.len(), 1);
        assert_eq!(&s.text[s.highlights[0].clone()], "needle");
        assert!(s.text.chars().count() <= 62);
    }

    #[test]
    fn no_pattern_gives_the_start_of_the_text() {
        let text = "abc ".repeat(100);
        let s = snippet(&text, &[], 20);
        assert!(s.text.starts_with("abc abc"));
        assert!(s.highlights.is_empty());
    }
}
