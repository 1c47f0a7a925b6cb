//! The file records of an index: for each corpus file, the version indexed and what its statements said
//! of their issuer, written and read back here.
//!
//! A build compares these with the corpus to find what changed; they are documents among the paragraphs,
//! told apart by their `record` field.

use std::collections::{BTreeMap, HashMap};
use std::io;

use tantivy::collector::DocSetCollector;
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, TantivyDocument, Term};

use super::Store;
use crate::corpus::Fingerprint;
use crate::error::Result;
use crate::parse::Evidence;
use crate::schema::{Fields, RECORD_FILE};

/// What the index records of one corpus file: the version indexed, and what its statements said of
/// their issuer (for the files beside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedFile {
    /// The version indexed.
    pub fingerprint: Fingerprint,
    /// The evidence of its issuer.
    pub evidence: Evidence,
}

/// The file record of the file at `source`, indexed in the version `fingerprint`.
pub(super) fn record(
    f: &Fields,
    source: &str,
    fingerprint: &Fingerprint,
    evidence: &Evidence,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.record, RECORD_FILE);
    doc.add_text(f.id, record_id(source));
    doc.add_text(f.source, source);
    // No words, but a value: with one in every document the word-count column is dense, and a trend
    // sums it without looking up which documents have one (a sixth of its time on the UN corpus).
    doc.add_u64(f.words, 0);
    let mut state = fingerprint.encode();
    let evidence = evidence.encode();
    if !evidence.is_empty() {
        state.push(' ');
        state.push_str(&evidence);
    }
    doc.add_text(f.fingerprint, state);
    doc
}

/// Matches the file record of `source`, and none of its paragraphs.
pub(super) fn record_query(f: &Fields, source: &str) -> BooleanQuery {
    let term = |field, text: &str| -> (Occur, Box<dyn Query>) {
        let term = Term::from_field_text(field, text);
        (
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        )
    };
    BooleanQuery::new(vec![term(f.record, RECORD_FILE), term(f.source, source)])
}

fn record_id(source: &str) -> String {
    format!("file:{source}")
}

impl Store {
    /// The fingerprint of every corpus file in the index, by relative path.
    ///
    /// Read from fast fields: fetching the stored file records decompressed most of the doc store, where
    /// they sit among the paragraphs, and was half of a build that found nothing to do. Read inside the
    /// panic shield, as a search reads: a build must refuse a damaged index, not panic on it.
    pub fn files(&self) -> Result<HashMap<String, IndexedFile>> {
        self.searching(|searcher| self.files_in(searcher))
    }

    fn files_in(&self, searcher: &Searcher) -> Result<HashMap<String, IndexedFile>> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.record, RECORD_FILE),
            IndexRecordOption::Basic,
        );
        let err = |e| self.err("listing indexed files", e);
        let addresses = searcher.search(&query, &DocSetCollector).map_err(err)?;
        let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for address in addresses {
            by_segment
                .entry(address.segment_ord)
                .or_default()
                .push(address.doc_id);
        }
        let schema = self.index.schema();
        let column = |segment: u32, field: Field| -> Result<Option<StrColumn>> {
            searcher
                .segment_reader(segment)
                .fast_fields()
                .str(schema.get_field_name(field))
                .map_err(err)
        };
        let mut out = HashMap::new();
        let (mut source, mut fingerprint) = (String::new(), String::new());
        for (segment, docs) in by_segment {
            let (Some(sources), Some(fingerprints)) = (
                column(segment, self.fields.source)?,
                column(segment, self.fields.fingerprint)?,
            ) else {
                continue;
            };
            for doc in docs {
                let (Some(s), Some(f)) = (
                    sources.term_ords(doc).next(),
                    fingerprints.term_ords(doc).next(),
                ) else {
                    continue;
                };
                let io = |e: io::Error| err(e.into());
                if sources.ord_to_str(s, &mut source).map_err(io)?
                    && fingerprints.ord_to_str(f, &mut fingerprint).map_err(io)?
                {
                    if let Some(fp) = Fingerprint::decode(&fingerprint) {
                        // The evidence of the file's issuer follows its four fingerprint fields.
                        let rest = fingerprint.splitn(5, ' ').nth(4).unwrap_or_default();
                        out.insert(
                            source.clone(),
                            IndexedFile {
                                fingerprint: fp,
                                evidence: Evidence::decode(rest),
                            },
                        );
                    }
                }
            }
        }
        Ok(out)
    }
}
