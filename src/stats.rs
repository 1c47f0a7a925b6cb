//! What an index holds: statements, paragraphs, the most frequent speakers, countries and years, its size.
//!
//! Read from fast-field columns segment by segment, so it needs no stored document and no query.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::gazetteer::{self, CountryCode};
use crate::index::Store;

/// A summary of an index.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub(crate) struct Stats {
    /// Distinct statements.
    pub statements: usize,
    /// Paragraph documents.
    pub paragraphs: usize,
    /// Paragraphs with at least one speaker.
    pub attributed: usize,
    /// Paragraphs of statements without even a year.
    pub undated: usize,
    /// Most frequent speakers, by paragraphs.
    pub speakers: Vec<Count>,
    /// Most frequent countries, by paragraphs.
    pub countries: Vec<Count>,
    /// Paragraphs per year, oldest first.
    pub years: Vec<Count>,
    /// Bytes of the index folder on disk.
    pub index_bytes: u64,
}

/// A value and how many paragraphs have it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Count {
    /// The speaker, the country's name with its code, or the year.
    pub value: String,
    /// Paragraphs.
    pub paragraphs: usize,
}

/// Summarises the index, keeping the `top` most frequent speakers and countries. Read inside the index's
/// panic shield, as a search reads it: tantivy panics on some damaged data, which is then
/// [`Error::Damaged`].
pub(crate) fn stats(store: &Store, top: usize) -> Result<Stats> {
    store.searching(|searcher| summarise(store, searcher, top))
}

fn summarise(store: &Store, searcher: &tantivy::Searcher, top: usize) -> Result<Stats> {
    let schema = store.index().schema();
    let f = store.fields();
    let name = |field| schema.get_field_name(field).to_string();
    let err = |e| Error::index("reading index statistics", e);
    let mut statements: HashSet<String> = HashSet::new();
    let mut speakers: HashMap<String, usize> = HashMap::new();
    let mut countries: HashMap<String, usize> = HashMap::new();
    let mut years: HashMap<i64, usize> = HashMap::new();
    let (mut paragraphs, mut attributed, mut undated) = (0, 0, 0);
    let mut buf = String::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let (Some(statement), Some(speaker), Some(country)) = (
            ff.str(&name(f.statement)).map_err(err)?,
            ff.str(&name(f.speaker_exact)).map_err(err)?,
            ff.str(&name(f.country)).map_err(err)?,
        ) else {
            continue;
        };
        let year = ff.i64(&name(f.year)).map_err(err)?;
        let mut speaker_counts: HashMap<u64, usize> = HashMap::new();
        let mut country_counts: HashMap<u64, usize> = HashMap::new();
        let mut statement_ords: HashSet<u64> = HashSet::new();
        for doc in segment.doc_ids_alive() {
            // Only paragraphs carry a statement id; file records do not.
            let Some(ord) = statement.term_ords(doc).next() else {
                continue;
            };
            statement_ords.insert(ord);
            paragraphs += 1;
            let mut any = false;
            for ord in speaker.term_ords(doc) {
                *speaker_counts.entry(ord).or_default() += 1;
                any = true;
            }
            attributed += usize::from(any);
            for ord in country.term_ords(doc) {
                *country_counts.entry(ord).or_default() += 1;
            }
            match year.first(doc) {
                Some(y) => *years.entry(y).or_default() += 1,
                None => undated += 1,
            }
        }
        let mut resolve = |col: &tantivy::columnar::StrColumn, ord: u64| -> Result<String> {
            buf.clear();
            col.ord_to_str(ord, &mut buf).map_err(|e| err(e.into()))?;
            Ok(buf.clone())
        };
        for ord in statement_ords {
            statements.insert(resolve(&statement, ord)?);
        }
        for (ord, n) in speaker_counts {
            *speakers.entry(resolve(&speaker, ord)?).or_default() += n;
        }
        for (ord, n) in country_counts {
            *countries.entry(resolve(&country, ord)?).or_default() += n;
        }
    }
    let countries = countries
        .into_iter()
        .map(|(code, n)| {
            let label = match CountryCode::parse(&code) {
                Some(c) => format!("{} ({code})", gazetteer::display_name(c)),
                None => code,
            };
            (label, n)
        })
        .collect();
    let mut years: Vec<Count> = years
        .into_iter()
        .map(|(y, n)| Count {
            value: y.to_string(),
            paragraphs: n,
        })
        .collect();
    years.sort_by(|a, b| a.value.cmp(&b.value));
    Ok(Stats {
        statements: statements.len(),
        paragraphs,
        attributed,
        undated,
        speakers: most_frequent(speakers, top),
        countries: most_frequent(countries, top),
        years,
        index_bytes: folder_bytes(store.path()),
    })
}

fn most_frequent(counts: HashMap<String, usize>, top: usize) -> Vec<Count> {
    let mut v: Vec<Count> = counts
        .into_iter()
        .map(|(value, paragraphs)| Count { value, paragraphs })
        .collect();
    v.sort_by(|a, b| {
        b.paragraphs
            .cmp(&a.paragraphs)
            .then_with(|| a.value.cmp(&b.value))
    });
    v.truncate(top);
    v
}

/// Bytes of the files under `path`: an index's size on disk, for `stats` and `bench` alike.
pub(crate) fn folder_bytes(path: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
