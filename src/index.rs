//! Statements to a tantivy index and back: create or open (with the format check), add, delete, commit.
//!
//! Never walks folders and never prints. Every change of one build goes into a single commit, so a crash
//! or an error leaves the last committed index as it was.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use jiff::SignedDuration;
use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::corpus::Fingerprint;
use crate::error::{Error, Result};
use crate::parse::Statement;
use crate::schema::{self, Fields, FORMAT_VERSION, RECORD_FILE, RECORD_PARAGRAPH};
use crate::tokenize::{self, TOKENIZER_NAME};

/// The file beside tantivy's own that records which Demarche format wrote the index.
const FORMAT_FILE: &str = "demarche.json";

#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct FormatStamp {
    format: u32,
    tokenizer: String,
}

impl FormatStamp {
    fn current() -> FormatStamp {
        FormatStamp {
            format: FORMAT_VERSION,
            tokenizer: TOKENIZER_NAME.to_string(),
        }
    }
}

/// An open Demarche index.
pub struct Store {
    index: Index,
    fields: Fields,
    path: PathBuf,
}

/// Settings of an index writer.
#[derive(Clone, Copy, Debug)]
pub struct WriterOptions {
    /// Indexing threads.
    pub threads: usize,
    /// Memory budget for all threads together, in bytes.
    pub heap_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        WriterOptions {
            threads,
            heap_bytes: 64 << 20,
        }
    }
}

impl Store {
    /// True when `path` holds a tantivy index (of whatever format).
    pub fn exists(path: &Path) -> bool {
        path.join("meta.json").is_file()
    }

    /// Opens the index at `path`, refusing one of another format.
    pub fn open(path: &Path) -> Result<Store> {
        if !Store::exists(path) {
            return Err(Error::NoIndex {
                path: path.to_path_buf(),
            });
        }
        let stamp_path = path.join(FORMAT_FILE);
        let found: Option<FormatStamp> = match fs::read_to_string(&stamp_path) {
            Ok(stamp) => serde_json::from_str(&stamp).ok(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&stamp_path, e)),
        };
        if found.as_ref() != Some(&FormatStamp::current()) {
            return Err(Error::IndexVersion {
                path: path.to_path_buf(),
                found: found.map_or_else(
                    || format!("unknown (no readable {FORMAT_FILE})"),
                    |f| format!("{} ({})", f.format, f.tokenizer),
                ),
                expected: format!("{FORMAT_VERSION} ({TOKENIZER_NAME})"),
            });
        }
        let index = Index::open_in_dir(path)
            .map_err(|e| Error::index(format!("opening the index at {}", path.display()), e))?;
        let fields = Fields::of(&index.schema(), path)?;
        tokenize::register(&index);
        Ok(Store {
            index,
            fields,
            path: path.to_path_buf(),
        })
    }

    /// Opens the index at `path`, creating an empty one if there is none.
    pub fn open_or_create(path: &Path) -> Result<Store> {
        if Store::exists(path) {
            return Store::open(path);
        }
        fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        refuse_foreign_files(path)?;
        let stamp_path = path.join(FORMAT_FILE);
        let stamp = serde_json::to_string(&FormatStamp::current()).expect("plain struct");
        fs::write(&stamp_path, stamp).map_err(|e| Error::io(&stamp_path, e))?;
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(path, schema)
            .map_err(|e| Error::index(format!("creating an index at {}", path.display()), e))?;
        tokenize::register(&index);
        Ok(Store {
            index,
            fields,
            path: path.to_path_buf(),
        })
    }

    /// The index folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index, for searching.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// A reader on the last commit.
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| self.err("reading the index", e))
    }

    fn err(&self, what: &str, e: tantivy::TantivyError) -> Error {
        Error::index(format!("{what} at {}", self.path.display()), e)
    }

    /// The fingerprint of every corpus file in the index, by relative path.
    pub fn files(&self) -> Result<HashMap<String, Fingerprint>> {
        let searcher = self.reader()?.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.record, RECORD_FILE),
            IndexRecordOption::Basic,
        );
        let addresses = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.err("listing indexed files", e))?;
        let mut out = HashMap::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher
                .doc(address)
                .map_err(|e| self.err("reading a file record", e))?;
            let text = |f| doc.get_first(f).and_then(|v| v.as_str()).map(str::to_owned);
            if let (Some(source), Some(fp)) =
                (text(self.fields.source), text(self.fields.fingerprint))
            {
                if let Some(fp) = Fingerprint::decode(&fp) {
                    out.insert(source, fp);
                }
            }
        }
        Ok(out)
    }

    /// A writer; fails with [`Error::IndexLocked`] while another process writes.
    pub fn writer(&self, options: WriterOptions) -> Result<Writer<'_>> {
        let threads = options.threads.max(1);
        // tantivy refuses less than 15 MB per thread.
        let heap = options.heap_bytes.max(threads * (15 << 20));
        let writer = self
            .index
            .writer_with_num_threads(threads, heap)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => Error::IndexLocked {
                    path: self.path.clone(),
                },
                e => self.err("opening the index for writing", e),
            })?;
        Ok(Writer {
            writer,
            store: self,
        })
    }
}

/// Changes to an index, made visible all at once by [`Writer::commit`].
pub struct Writer<'a> {
    writer: IndexWriter,
    store: &'a Store,
}

impl Writer<'_> {
    /// Adds every paragraph of a statement.
    pub fn add_statement(&self, st: &Statement) -> Result<()> {
        let f = &self.store.fields;
        for p in &st.paragraphs {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.record, RECORD_PARAGRAPH);
            doc.add_text(f.id, format!("{}#{}", st.id, p.number));
            doc.add_text(f.statement, &st.id);
            doc.add_text(f.source, &st.source);
            if let Some(title) = &st.title {
                doc.add_text(f.title, title);
            }
            doc.add_text(f.text, &p.text);
            for name in st.speaker_names(p) {
                doc.add_text(f.speaker, name);
                doc.add_text(f.speaker_exact, name);
            }
            for country in st.speaker_countries(p) {
                doc.add_text(f.country, country.as_str());
            }
            if let Some(date) = st.date {
                doc.add_date(f.date, to_index_date(date));
            }
            if let Some(year) = st.year {
                doc.add_i64(f.year, i64::from(year));
            }
            if let Some(url) = &st.url {
                doc.add_text(f.url, url);
            }
            if let Some(q) = p.answers {
                doc.add_text(f.answers, format!("{}#{q}", st.id));
            }
            doc.add_u64(f.paragraph, u64::from(p.number));
            doc.add_u64(f.order, u64::from(st.position));
            doc.add_text(f.role, p.role.as_str());
            doc.add_text(f.kind, st.kind.as_str());
            self.add(doc)?;
        }
        Ok(())
    }

    /// Records that the file at `source` was indexed in the version `fingerprint`.
    pub fn add_file(&self, source: &str, fingerprint: &Fingerprint) -> Result<()> {
        let f = &self.store.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.record, RECORD_FILE);
        doc.add_text(f.id, file_record_id(source));
        doc.add_text(f.source, source);
        doc.add_text(f.fingerprint, fingerprint.encode());
        self.add(doc)
    }

    fn add(&self, doc: TantivyDocument) -> Result<()> {
        self.writer
            .add_document(doc)
            .map(drop)
            .map_err(|e| self.store.err("adding a document", e))
    }

    /// Deletes every document of a source file: its paragraphs and its file record.
    pub fn delete_source(&self, source: &str) {
        let term = Term::from_field_text(self.store.fields.source, source);
        self.writer.delete_term(term);
    }

    /// Deletes only the file record of a source, to record a new fingerprint for unchanged content.
    pub fn delete_file_record(&self, source: &str) {
        let term = Term::from_field_text(self.store.fields.id, &file_record_id(source));
        self.writer.delete_term(term);
    }

    /// Makes every change visible at once, then waits for merges so the process can exit cleanly.
    pub fn commit(mut self) -> Result<()> {
        self.writer
            .commit()
            .map_err(|e| self.store.err("committing the index", e))?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| self.store.err("merging index segments", e))
    }
}

/// Refuses to create an index in a folder holding other things: `--index ~` by mistake must not scatter
/// index files among a user's own. A README, hidden files and a format stamp are allowed.
fn refuse_foreign_files(path: &Path) -> Result<()> {
    let entries = fs::read_dir(path).map_err(|e| Error::io(path, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') || name.starts_with("README") || name == FORMAT_FILE) {
            return Err(Error::BadFile {
                path: path.to_path_buf(),
                reason: format!(
                    "not an index and not empty (holds {name:?}): choose an empty or new folder for the index"
                ),
            });
        }
    }
    Ok(())
}

fn file_record_id(source: &str) -> String {
    format!("file:{source}")
}

const EPOCH: Date = Date::constant(1970, 1, 1);

/// A day as the index stores it: midnight UTC.
pub fn to_index_date(date: Date) -> DateTime {
    DateTime::from_timestamp_secs(date.duration_since(EPOCH).as_secs())
}

/// The day of a stored date.
pub fn from_index_date(value: DateTime) -> Option<Date> {
    let days = value.into_timestamp_secs().div_euclid(86_400);
    EPOCH
        .checked_add(SignedDuration::from_hours(days * 24))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for d in [Date::constant(2021, 1, 21), Date::constant(1946, 10, 24)] {
            assert_eq!(from_index_date(to_index_date(d)), Some(d));
        }
    }

    #[test]
    fn another_format_is_refused_with_advice() {
        let dir = tempfile::tempdir().unwrap();
        Store::open_or_create(dir.path()).unwrap();
        fs::write(
            dir.path().join(FORMAT_FILE),
            r#"{"format":0,"tokenizer":"old"}"#,
        )
        .unwrap();
        let err = Store::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("rebuild the index"), "{err}");
    }

    #[test]
    fn an_index_is_not_created_among_other_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "x").unwrap();
        let err = Store::open_or_create(dir.path()).err().unwrap().to_string();
        assert!(err.contains("not an index and not empty"), "{err}");
        assert!(!dir.path().join("meta.json").exists());
    }

    #[test]
    fn a_second_writer_is_told_the_index_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        let _first = store.writer(WriterOptions::default()).unwrap();
        let second = Store::open(dir.path()).unwrap();
        assert!(matches!(
            second.writer(WriterOptions::default()),
            Err(Error::IndexLocked { .. })
        ));
    }
}
