//! Checking an index on disk: format stamp, the files its commit references, their checksums, the seal of
//! `meta.json`, and that every segment opens and reads.
//!
//! A damaged index is reported plainly, file by file, with the one remedy that always works: rebuild it.

use std::path::Path;

use tantivy::collector::Count;
use tantivy::query::AllQuery;
use tantivy::TantivyDocument;

use crate::error::{Error, Result};
use crate::index::{shield, Store};

/// What `verify` found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Report {
    /// Segments in the last commit.
    pub segments: usize,
    /// Documents (paragraphs and file records) in the last commit.
    pub documents: u64,
    /// Everything wrong, one line each; empty for a sound index.
    pub problems: Vec<String>,
}

impl Report {
    /// True when nothing is wrong.
    pub(crate) fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the index at `path`. An index that cannot even be opened (no index, another format, an
/// unreadable commit) is an error; damage found inside an opened one is in the report.
pub(crate) fn verify(path: &Path) -> Result<Report> {
    // Unchecked: the check on open refuses damage as a whole, this reports it file by file.
    let store = Store::open_unchecked(path)?;
    let index = store.index();
    let mut report = Report::default();
    let metas = match index.load_metas() {
        Ok(m) => m,
        Err(e) => {
            report
                .problems
                .push(format!("the commit (meta.json) cannot be read: {e}"));
            return Ok(report);
        }
    };
    report.segments = metas.segments.len();
    // Every byte of every file the commit references, trusting no seal: a flipped bit keeps a file's size
    // and time.
    report.problems = store.damaged_files(&metas)?;
    if !report.problems.is_empty() {
        return Ok(report);
    }
    // Every file is sound: what is left is `meta.json` itself, which has no checksum but a seal.
    match store.check() {
        Ok(()) => {}
        Err(Error::Damaged { detail, .. }) => {
            report.problems.push(detail);
            return Ok(report);
        }
        Err(e) => return Err(e),
    }
    // Open and read everything: a segment can pass its checksums and still not load (a file of another
    // index copied in, say). A panic inside tantivy on damaged data is caught and reported as damage.
    let read = shield(path, || -> std::result::Result<u64, String> {
        let reader = store.reader().map_err(|e| e.to_string())?;
        let searcher = reader.searcher();
        let count = searcher
            .search(&AllQuery, &Count)
            .map_err(|e| e.to_string())?;
        // The totals `trend` reads, when they are this commit's: what the columns sum to now.
        if let Some(totals) = store.totals(&searcher) {
            let summed = crate::index::sum(&searcher, store.fields()).map_err(|e| e.to_string())?;
            if totals.summed().as_ref() != Some(&summed) {
                return Err(format!(
                    "{} disagrees with the paragraphs: delete it (trend then sums them itself)",
                    crate::index::TOTALS_FILE
                ));
            }
        }
        for segment in searcher.segment_readers() {
            let store_reader = segment.get_store_reader(1).map_err(|e| {
                format!("stored documents of segment {}: {e}", segment.segment_id())
            })?;
            for doc in segment.doc_ids_alive() {
                store_reader.get::<TantivyDocument>(doc).map_err(|e| {
                    format!("document {doc} of segment {}: {e}", segment.segment_id())
                })?;
            }
        }
        Ok(count as u64)
    });
    match read {
        Ok(Ok(n)) => report.documents = n,
        Ok(Err(e)) => report.problems.push(e),
        Err(Error::Damaged { detail, .. }) => report.problems.push(detail),
        Err(e) => report.problems.push(e.to_string()),
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The largest file of the index's segments: the one damage is most likely to hit.
    fn largest_segment_file(index: &Path) -> std::path::PathBuf {
        std::fs::read_dir(index)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                !name.starts_with('.')
                    && !name.ends_with(".json")
                    && !name.ends_with(".lock")
                    && !name.ends_with(".tsv")
            })
            .max_by_key(|p| std::fs::metadata(p).unwrap().len())
            .unwrap()
    }

    #[test]
    fn a_sound_index_is_sound() {
        let (_dir, index) = crate::index::one_readout_index();
        let report = verify(&index).unwrap();
        assert!(report.is_sound(), "{report:?}");
        assert!(report.segments >= 1);
        assert_eq!(report.documents, 2, "one paragraph and one file record");
    }

    #[test]
    fn flipped_truncated_and_missing_files_are_named() {
        for damage in ["flip", "truncate", "remove"] {
            let (_dir, index) = crate::index::one_readout_index();
            let victim = largest_segment_file(&index);
            match damage {
                "flip" => {
                    let mut bytes = std::fs::read(&victim).unwrap();
                    let mid = bytes.len() / 2;
                    bytes[mid] ^= 0xff;
                    std::fs::write(&victim, bytes).unwrap();
                }
                "truncate" => {
                    let len = std::fs::metadata(&victim).unwrap().len();
                    let f = std::fs::OpenOptions::new()
                        .write(true)
                        .open(&victim)
                        .unwrap();
                    f.set_len(len / 2).unwrap();
                }
                _ => std::fs::remove_file(&victim).unwrap(),
            }
            let report = verify(&index).unwrap();
            let name = victim.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                report.problems.iter().any(|p| p.contains(&name)),
                "{damage}: {report:?}"
            );
        }
    }

    #[test]
    fn a_garbled_commit_is_an_error_not_a_panic() {
        let (_dir, index) = crate::index::one_readout_index();
        std::fs::write(index.join("meta.json"), "{ not json").unwrap();
        assert!(verify(&index).is_err());
    }
}
