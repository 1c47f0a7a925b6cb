//! Every paragraph document of an index, in corpus order: source file, statement within it, paragraph.
//!
//! For scripts, for evaluation and for loading into other engines. The order is read from fast fields, so
//! only the stored documents themselves are fetched, one at a time.

use tantivy::DocAddress;

use crate::document::Record;
use crate::error::{Error, Result};
use crate::index::Store;

/// Calls `each` with every paragraph record in corpus order; stops at the first error `each` returns.
///
/// Everything read from the index is read inside its panic shield, as a search reads it: tantivy panics
/// on some damaged data, which is then [`Error::Damaged`]. `each` itself runs outside it: its panics are
/// the caller's.
pub fn for_each<E: From<Error>>(
    store: &Store,
    mut each: impl FnMut(Record) -> std::result::Result<(), E>,
) -> std::result::Result<usize, E> {
    // Every stored block is read: its damage is found by the checksums first (a read of the index, a
    // small part of an export's time), not by a decompression that aborts.
    store.check_every_byte()?;
    let (searcher, order) = store.searching(|searcher| {
        let order = corpus_order(store, searcher)?;
        Ok((searcher.clone(), order))
    })?;
    let n = order.len();
    for address in order {
        let record = store.shielded(|| Record::fetch(&searcher, store.fields(), address))?;
        each(record)?;
    }
    Ok(n)
}

/// Addresses of the paragraph documents sorted by (source, statement position, paragraph).
fn corpus_order(store: &Store, searcher: &tantivy::Searcher) -> Result<Vec<DocAddress>> {
    let schema = store.index().schema();
    let f = store.fields();
    let name = |field| schema.get_field_name(field).to_string();
    let err = |e| Error::index("reading the corpus order", e);
    let mut keys: Vec<(String, u64, u64, DocAddress)> = Vec::new();
    let mut buf = String::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let ff = segment.fast_fields();
        let (Some(statement), Some(source)) = (
            ff.str(&name(f.statement)).map_err(err)?,
            ff.str(&name(f.source)).map_err(err)?,
        ) else {
            continue;
        };
        let position = ff.u64(&name(f.order)).map_err(err)?;
        let paragraph = ff.u64(&name(f.paragraph)).map_err(err)?;
        for doc in segment.doc_ids_alive() {
            // Only paragraphs carry a statement id; file records do not.
            if statement.term_ords(doc).next().is_none() {
                continue;
            }
            let Some(source_ord) = source.term_ords(doc).next() else {
                continue;
            };
            buf.clear();
            source
                .ord_to_str(source_ord, &mut buf)
                .map_err(|e| err(e.into()))?;
            keys.push((
                buf.clone(),
                position.first(doc).unwrap_or(0),
                paragraph.first(doc).unwrap_or(0),
                DocAddress::new(ord as u32, doc),
            ));
        }
    }
    keys.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    Ok(keys.into_iter().map(|k| k.3).collect())
}
