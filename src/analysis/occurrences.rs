//! How many times a paragraph holds the query's words and phrases, from the positions in the index.
//!
//! A word's occurrences are its term frequency in the paragraph; a phrase's are the positions where each of
//! its words stands one after the other, intersected from each word's positions. Nothing is re-read from
//! stored text. The patterns are those a hit highlights: the query's positive words and exact phrases on
//! the text field; a sloppy phrase counts its words one by one, a prefix (`Taiw*`) counts every word of
//! the segment's dictionary that starts with it, and a clause on another field counts nothing.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, SegmentReader, Term, TERMINATED};

use crate::error::{Error, Result};
use crate::search::PREFIX;

/// The query's patterns as index terms.
pub(crate) struct Patterns {
    terms: Vec<Vec<Term>>,
}

impl Patterns {
    /// Word sequences (as the tokenizer writes them) on `field`.
    pub(crate) fn new(field: Field, patterns: &[Vec<String>]) -> Patterns {
        Patterns {
            terms: patterns
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| p.iter().map(|w| Term::from_field_text(field, w)).collect())
                .collect(),
        }
    }

    /// The counter of one segment.
    pub(crate) fn for_segment(&self, reader: &SegmentReader) -> Result<Counter> {
        let err = |e: std::io::Error| Error::index("reading positions", e.into());
        let mut patterns = Vec::with_capacity(self.terms.len());
        for terms in &self.terms {
            if let [term] = terms.as_slice() {
                if let Some(stem) = term.value().as_str().and_then(|w| w.strip_suffix(PREFIX)) {
                    // Each word starting with the prefix is a pattern of its own: their counts add up.
                    let inverted = reader
                        .inverted_index(term.field())
                        .map_err(|e| Error::index("reading positions", e))?;
                    let mut upper = stem.as_bytes().to_vec();
                    upper.push(0xff);
                    let mut words = inverted
                        .terms()
                        .range()
                        .ge(stem.as_bytes())
                        .lt(&upper)
                        .into_stream()
                        .map_err(err)?;
                    while words.advance() {
                        let postings = inverted
                            .read_postings_from_terminfo(
                                words.value(),
                                IndexRecordOption::WithFreqs,
                            )
                            .map_err(err)?;
                        patterns.push(vec![postings]);
                    }
                    continue;
                }
            }
            let mut postings = Vec::with_capacity(terms.len());
            for term in terms {
                let inverted = reader
                    .inverted_index(term.field())
                    .map_err(|e| Error::index("reading positions", e))?;
                let option = if terms.len() == 1 {
                    IndexRecordOption::WithFreqs
                } else {
                    IndexRecordOption::WithFreqsAndPositions
                };
                match inverted.read_postings(term, option).map_err(err)? {
                    Some(p) => postings.push(p),
                    // A word absent from the segment: the pattern occurs nowhere in it.
                    None => {
                        postings.clear();
                        break;
                    }
                }
            }
            patterns.push(postings);
        }
        Ok(Counter {
            patterns,
            first: Vec::new(),
            next: Vec::new(),
        })
    }
}

/// Counts occurrences in the documents of one segment, asked in increasing order.
pub(crate) struct Counter {
    patterns: Vec<Vec<SegmentPostings>>,
    first: Vec<u32>,
    next: Vec<u32>,
}

impl Counter {
    /// Occurrences of every pattern in `doc`; `doc` must not be lower than the last one asked.
    pub(crate) fn count(&mut self, doc: DocId) -> u64 {
        let mut total = 0;
        for postings in &mut self.patterns {
            if postings.is_empty() || !postings.iter_mut().all(|p| seek(p, doc)) {
                continue;
            }
            if postings.len() == 1 {
                total += u64::from(postings[0].term_freq());
                continue;
            }
            // Positions where word k of the phrase stands k after the first word.
            postings[0].positions(&mut self.first);
            for (k, p) in postings.iter_mut().enumerate().skip(1) {
                p.positions_with_offset(0, &mut self.next);
                let k = k as u32;
                self.first
                    .retain(|&at| self.next.binary_search(&(at + k)).is_ok());
                if self.first.is_empty() {
                    break;
                }
            }
            total += self.first.len() as u64;
        }
        total
    }
}

/// Moves `postings` to `doc`, if it holds it.
fn seek(postings: &mut SegmentPostings, doc: DocId) -> bool {
    if postings.doc() < doc {
        postings.seek(doc);
    }
    postings.doc() == doc && doc != TERMINATED
}
