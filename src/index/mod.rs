//! Statements to a tantivy index and back: create or open (with the format check), add, delete, commit.
//!
//! Never walks folders and never prints. One file per job: `seal.rs` stamps the format and seals each
//! commit in `demarche.json`, `files.rs` keeps the record of each corpus file indexed, `corpora.rs` the
//! corpus folders a commit finishes a build of and the names their files take, `writer.rs` makes the
//! changes of a build and decides which segments merge, `totals.rs` keeps the paragraphs and words of
//! each period a commit holds, and `shield.rs` turns tantivy's panics on damaged data into errors. This
//! file opens and creates the index.

mod corpora;
mod files;
mod seal;
mod shield;
mod totals;
mod writer;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use tantivy::directory::{Directory, MmapDirectory};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyError};

pub use corpora::{Corpora, CorpusFolder};
pub(crate) use files::IndexedFile;
pub(crate) use shield::{quietly, shield};
pub(crate) use totals::{sum, TOTALS_FILE};
pub(crate) use writer::Writer;
pub use writer::WriterOptions;

use crate::error::{Error, Result};
use crate::schema::{self, Fields};
use crate::tokenize;
use seal::FORMAT_FILE;

/// tantivy's commit.
const META_FILE: &str = "meta.json";

/// An open Demarche index.
pub struct Store {
    index: Index,
    fields: Fields,
    path: PathBuf,
    /// The reader of the commit this store searches, opened on first use: opening one opens every
    /// segment, which costs more than most searches.
    reader: Mutex<Option<IndexReader>>,
}

impl Store {
    /// True when `path` holds a tantivy index (of whatever format).
    pub fn exists(path: &Path) -> bool {
        path.join(META_FILE).is_file()
    }

    /// Opens the index at `path` to read it, refusing one of another format, one whose files changed since
    /// their commit (see [`Store::check`]), and one whose first build did not finish: empty, it would
    /// answer every search with nothing.
    pub fn open(path: &Path) -> Result<Store> {
        if !Store::exists(path) {
            return Err(no_index(path));
        }
        let store = Store::open_in(path, mmap(path)?)?;
        // The recorded folders first, so that an index with them opens no reader here; one without (an
        // older index) counts its documents inside the panic shield, as a search reads a damaged one.
        if store.corpora()?.is_none() && store.searching(|s| Ok(s.num_docs()))? == 0 {
            // A first build still under way holds the writer lock; one that was cut short does not.
            let building = store
                .index
                .directory()
                .acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK)
                .is_err();
            return Err(if building {
                Error::IndexLocked {
                    path: path.to_path_buf(),
                }
            } else {
                Error::FirstBuildUnfinished {
                    path: path.to_path_buf(),
                }
            });
        }
        Ok(store)
    }

    /// A fingerprint of the last commit of the index at `path` (a hash of tantivy's `meta.json`, which
    /// every commit rewrites), `None` when it cannot be read: a long-running reader, `serve`, compares it
    /// with the one it opened to learn that another process has committed.
    pub fn last_commit(path: &Path) -> Option<u64> {
        fs::read(path.join(META_FILE))
            .ok()
            .map(|bytes| xxhash_rust::xxh3::xxh3_64(&bytes))
    }

    /// The corpus folders of the last build that finished, as absolute paths with the names their files
    /// take; `None` before the first one finishes (and in indexes written before folders were recorded,
    /// which a build checks by their files).
    pub fn corpora(&self) -> Result<Option<Corpora>> {
        Store::corpora_at(&self.path)
    }

    /// Like [`Store::corpora`], for the index at `path` (none when there is no index there). The folders
    /// are the payload of the last commit in `meta.json`, written with the commit itself.
    pub fn corpora_at(path: &Path) -> Result<Option<Corpora>> {
        let meta = path.join(META_FILE);
        let bytes = match std::fs::read(&meta) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(meta, e)),
        };
        // Not [`damaged`], which reads the folders from this very file.
        let damaged = |detail: String| Error::Damaged {
            path: path.to_path_buf(),
            detail,
            corpora: Vec::new(),
        };
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| damaged(format!("{META_FILE} is not JSON: {e}")))?;
        value["payload"]
            .as_str()
            .map(Corpora::decode)
            .transpose()
            .map_err(|e| damaged(format!("{META_FILE}: {e}")))
    }

    /// Like [`Store::open`], with tantivy reading and writing through `directory`, which must hold the
    /// files of `path`: a directory that fails on purpose, in tests.
    pub fn open_in(path: &Path, directory: Box<dyn Directory>) -> Result<Store> {
        let store = Store::open_unchecked_in(path, directory)?;
        store.check()?;
        Ok(store)
    }

    /// Opens without comparing the files with their seal: for `verify`, which reports damage file by file
    /// instead of refusing it.
    pub(crate) fn open_unchecked(path: &Path) -> Result<Store> {
        if !Store::exists(path) {
            return Err(no_index(path));
        }
        Store::open_unchecked_in(path, mmap(path)?)
    }

    fn open_unchecked_in(path: &Path, directory: Box<dyn Directory>) -> Result<Store> {
        seal::check_format(path)?;
        let index = Index::open(directory).map_err(|e| match e {
            TantivyError::DataCorruption(e) => damaged(path, format!("{e:?}")),
            e => Error::index(format!("opening the index at {}", path.display()), e),
        })?;
        let fields = Fields::of(&index.schema(), path).map_err(|e| match e {
            Error::IndexVersion {
                path,
                found,
                expected,
                newer,
                ..
            } => Error::IndexVersion {
                corpora: recorded_folders(&path),
                path,
                found,
                expected,
                newer,
            },
            e => e,
        })?;
        tokenize::register(&index);
        Ok(Store {
            index,
            fields,
            path: path.to_path_buf(),
            reader: Mutex::new(None),
        })
    }

    /// Opens the index at `path`, creating an empty one if there is none.
    pub fn open_or_create(path: &Path) -> Result<Store> {
        if Store::exists(path) {
            // A build finishes what an unfinished one began.
            return Store::open_in(path, mmap(path)?);
        }
        if path.exists() && !path.is_dir() {
            return Err(Error::BadValue {
                what: format!("--index {}", path.display()),
                reason: "is a file: the index is a folder; give a new or an index folder".into(),
            });
        }
        fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        Store::open_or_create_in(path, mmap(path)?)
    }

    /// Like [`Store::open_or_create`], with tantivy reading and writing through `directory`, which must
    /// hold the files of the existing folder `path`.
    pub fn open_or_create_in(path: &Path, directory: Box<dyn Directory>) -> Result<Store> {
        if Store::exists(path) {
            return Store::open_in(path, directory);
        }
        refuse_foreign_files(path)?;
        seal::stamp_new(path)?;
        let (schema, fields) = schema::build();
        let index = Index::create(directory, schema, schema::settings())
            .map_err(|e| Error::index(format!("creating an index at {}", path.display()), e))?;
        tokenize::register(&index);
        let store = Store {
            index,
            fields,
            path: path.to_path_buf(),
            reader: Mutex::new(None),
        };
        store.seal_unless_busy()?;
        Ok(store)
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

    /// A reader on the commit that was the last when this store first read: searches through one store
    /// see one commit, except that a commit made through this store's own writer is seen next. Open a new
    /// store to see other processes' later commits.
    pub fn reader(&self) -> Result<IndexReader> {
        let mut cached = self.reader.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(reader) = cached.as_ref() {
            return Ok(reader.clone());
        }
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| self.unless_damaged(self.err("reading the index", e)))?;
        *cached = Some(reader.clone());
        Ok(reader)
    }

    /// Forgets the reader, so that the next search reads the last commit.
    fn forget_reader(&self) {
        *self.reader.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// `e`, or [`Error::Damaged`] when tantivy says that it could not make sense of a file.
    fn unless_damaged(&self, e: Error) -> Error {
        let Error::Index { source, .. } = &e else {
            return e;
        };
        let damage = match source {
            TantivyError::DataCorruption(_)
            | TantivyError::OpenReadError(_)
            | TantivyError::IncompatibleIndex(_)
            | TantivyError::DeserializeError(_)
            | TantivyError::InternalError(_) => true,
            // The schema Demarche wrote declares every column it reads: one missing from a segment
            // ("Field `paragraph` is missing or is not configured as a fast field") is a damaged
            // segment, not a question asked wrongly.
            TantivyError::SchemaError(_) => true,
            // The files are mapped into memory: a failing disk shows as a signal, not an error, so an I/O
            // error reading them is data that does not decode (zstd says "other", lz4 "invalid data").
            TantivyError::IoError(io) => io.kind() != io::ErrorKind::PermissionDenied,
            _ => false,
        };
        if damage {
            self.damaged(source.to_string())
        } else {
            e
        }
    }

    fn err(&self, what: &str, e: TantivyError) -> Error {
        Error::index(format!("{what} at {}", self.path.display()), e)
    }

    fn damaged(&self, detail: impl Into<String>) -> Error {
        damaged(&self.path, detail)
    }
}

/// [`Error::NoIndex`] at `path`, saying whether it is a folder of other files (where no index is built).
pub(crate) fn no_index(path: &Path) -> Error {
    let occupied = fs::read_dir(path).is_ok_and(|mut entries| {
        entries.any(|e| e.is_ok_and(|e| is_foreign(&e.file_name().to_string_lossy())))
    });
    Error::NoIndex {
        path: path.to_path_buf(),
        occupied,
    }
}

/// [`Error::Damaged`] of the index at `path`, naming the folders to rebuild it from.
pub(crate) fn damaged(path: &Path, detail: impl Into<String>) -> Error {
    Error::Damaged {
        path: path.to_path_buf(),
        detail: detail.into(),
        corpora: recorded_folders(path),
    }
}

/// The corpus folders the index at `path` was last built from, for advice on rebuilding it; none when its
/// commit does not say (or cannot be read).
pub(crate) fn recorded_folders(path: &Path) -> Vec<PathBuf> {
    Store::corpora_at(path)
        .ok()
        .flatten()
        .map(|c| c.folders().iter().map(|f| f.path.clone()).collect())
        .unwrap_or_default()
}

/// tantivy's directory on the folder `path`.
fn mmap(path: &Path) -> Result<Box<dyn Directory>> {
    MmapDirectory::open(path)
        .map(|d| Box::new(d) as Box<dyn Directory>)
        .map_err(|e| Error::index(format!("opening the index at {}", path.display()), e.into()))
}

/// True for a file an index folder may not hold before its index is created: any but a README, hidden
/// files and a format stamp.
fn is_foreign(name: &str) -> bool {
    !(name.starts_with('.') || name.starts_with("README") || name == FORMAT_FILE)
}

/// Refuses to create an index in a folder holding other things: `--index ~` by mistake must not scatter
/// index files among a user's own. A README, hidden files and a format stamp are allowed.
fn refuse_foreign_files(path: &Path) -> Result<()> {
    let entries = fs::read_dir(path).map_err(|e| Error::io(path, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_foreign(&name) {
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

/// An index built from one readout in a fresh folder, for the tests of the index's own files.
#[cfg(test)]
pub(crate) fn one_readout_index() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "Talks\n\nOn May 4, 2022, Prime Minister of Norway Ingrid Vale said trade matters.\n",
    )
    .unwrap();
    let index = dir.path().join("index");
    crate::build::build(
        &crate::build::Options::new(&corpus, &index),
        &mut crate::build::Quiet,
    )
    .unwrap();
    (dir, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_is_not_created_among_other_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), "x").unwrap();
        let err = Store::open_or_create(dir.path()).err().unwrap().to_string();
        assert!(err.contains("not an index and not empty"), "{err}");
        assert!(!dir.path().join("meta.json").exists());
    }

    #[test]
    fn an_index_whose_first_build_did_not_finish_is_not_read_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        drop(store);
        assert!(matches!(
            Store::open(dir.path()),
            Err(Error::FirstBuildUnfinished { .. })
        ));
        // A build resumes it; its commit records the folder it was built from.
        let store = Store::open_or_create(dir.path()).unwrap();
        let mut writer = store.writer(WriterOptions::default()).unwrap();
        let corpus = Corpora::one(PathBuf::from("/data/corpus"));
        writer.finishes_build_of(corpus.clone());
        writer.commit().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.corpora().unwrap(), Some(corpus));
    }

    #[test]
    fn an_older_commits_folder_reads_as_one_and_a_commit_records_several() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        // What builds wrote before an index could read several folders: the path alone (unsealed while
        // it changes, as a build does).
        store.unseal().unwrap();
        let mut older: tantivy::IndexWriter =
            store.index.writer_with_num_threads(1, 15 << 20).unwrap();
        let mut prepared = older.prepare_commit().unwrap();
        prepared.set_payload("/data/corpus");
        prepared.commit().unwrap();
        drop(older);
        assert_eq!(
            Store::corpora_at(dir.path()).unwrap(),
            Some(Corpora::one(PathBuf::from("/data/corpus")))
        );
        let several = Corpora::named(
            &[PathBuf::from("/data/corpus"), PathBuf::from("/data/pmo")],
            None,
            |_| false,
        );
        let mut writer = store.writer(WriterOptions::default()).unwrap();
        writer.finishes_build_of(several.clone());
        writer.commit().unwrap();
        assert_eq!(
            Store::open(dir.path()).unwrap().corpora().unwrap(),
            Some(several.clone())
        );
        // A commit that finishes no build keeps them.
        store
            .writer(WriterOptions::default())
            .unwrap()
            .commit()
            .unwrap();
        assert_eq!(Store::corpora_at(dir.path()).unwrap(), Some(several));
    }
}
