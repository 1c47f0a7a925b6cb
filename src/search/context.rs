//! A paragraph by its id, in its statement: the paragraphs around it, and the question an answer answers.
//!
//! Paragraph ids are stored, not indexed (no search looks one up), so the statement's paragraphs are
//! found in the `statement` column, one ordinal compared per paragraph: a few milliseconds on the largest
//! corpora, for one page that a person opens.

use std::collections::BTreeMap;

use tantivy::DocAddress;

use crate::document::Record;
use crate::error::{Error, Result};
use crate::index::Store;

/// A paragraph and what a reader needs to understand it.
#[derive(Clone, Debug, PartialEq)]
pub struct InContext {
    /// The paragraph asked for.
    pub paragraph: Record,
    /// Up to `around` paragraphs of its statement before it, in order.
    pub before: Vec<Record>,
    /// Up to `around` paragraphs after it, in order.
    pub after: Vec<Record>,
    /// For an answer: the question it answers, when it is not among `before`.
    pub question: Option<Record>,
}

/// The paragraph whose id is `id` (`statement#n`) with `around` paragraphs each side; `None` when the
/// index holds no such paragraph.
pub fn in_context(store: &Store, id: &str, around: u64) -> Result<Option<InContext>> {
    let Some((statement, number)) = id
        .rsplit_once('#')
        .and_then(|(s, n)| Some((s, n.parse::<u64>().ok()?)))
    else {
        return Ok(None);
    };
    store.searching(|searcher| {
        let fields = store.fields();
        let schema = store.index().schema();
        let name = |f| schema.get_field_name(f).to_string();
        let err = |e| Error::index("reading a statement", e);
        // Paragraph number → address, for every paragraph of the statement.
        let mut paragraphs = BTreeMap::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ff = segment.fast_fields();
            let Some(column) = ff.str(&name(fields.statement)).map_err(err)? else {
                continue;
            };
            let Some(wanted) = column
                .dictionary()
                .term_ord(statement)
                .map_err(|e| err(e.into()))?
            else {
                continue;
            };
            let numbers = ff.u64(&name(fields.paragraph)).map_err(err)?;
            for doc in segment.doc_ids_alive() {
                if column.term_ords(doc).next() == Some(wanted) {
                    let n = numbers.first(doc).unwrap_or(0);
                    paragraphs.insert(n, DocAddress::new(ord as u32, doc));
                }
            }
        }
        let fetch = |n: &u64| Record::fetch(searcher, fields, paragraphs[n]);
        if !paragraphs.contains_key(&number) {
            return Ok(None);
        }
        let paragraph = fetch(&number)?;
        let first = number.saturating_sub(around);
        let before = paragraphs
            .range(first..number)
            .map(|(n, _)| fetch(n))
            .collect::<Result<Vec<_>>>()?;
        let after = paragraphs
            .range(number + 1..=number.saturating_add(around))
            .map(|(n, _)| fetch(n))
            .collect::<Result<Vec<_>>>()?;
        let question = paragraph
            .answers
            .as_deref()
            .and_then(|q| q.rsplit_once('#'))
            .and_then(|(_, n)| n.parse::<u64>().ok())
            .filter(|n| *n < first && paragraphs.contains_key(n))
            .map(|n| fetch(&n))
            .transpose()?;
        Ok(Some(InContext {
            paragraph,
            before,
            after,
            question,
        }))
    })
}
