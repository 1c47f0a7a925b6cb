//! Statements to a tantivy index and back: create or open (with the format check), add, delete, commit.
//!
//! Never walks folders and never prints. Every change of one build goes into a single commit, so a crash
//! or an error leaves the last committed index as it was.
//!
//! tantivy checks no checksum when it opens an index, and `meta.json` has none at all, so a damaged file
//! would be searched as if it were sound. `demarche.json` therefore also seals each commit: a hash of
//! `meta.json` and the size and modification time of every file the commit references. Opening compares
//! those (a read and a few `stat`s) and verifies the checksum of any file that differs, so a file changed or
//! cut short since its commit is refused, not searched. What the seal cannot see is damage that keeps both
//! size and modification time: a bit flipped by the disk itself, or a tool that restores the time after
//! writing. `demarche verify` reads every byte and finds those too.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, PoisonError, RwLock, RwLockReadGuard};

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::columnar::StrColumn;
use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK, META_LOCK};
use tantivy::index::{IndexMeta, SegmentComponent};
use tantivy::indexer::LogMergePolicy;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::corpus::{FileState, Fingerprint};
use crate::document;
use crate::parse::Evidence;

/// What the index records of one corpus file: the version indexed, and what its statements said of
/// their issuer (for the files beside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedFile {
    /// The version indexed.
    pub fingerprint: Fingerprint,
    /// The evidence of its issuer.
    pub evidence: Evidence,
}
use crate::error::{Error, Result};
use crate::parse::Statement;
use crate::schema::{self, Fields, FORMAT_VERSION, RECORD_FILE};
use crate::tokenize::{self, TOKENIZER_NAME};

/// The file beside tantivy's own that records which Demarche format wrote the index, and seals its commit.
const FORMAT_FILE: &str = "demarche.json";
/// Where a new `demarche.json` is written before it replaces the old one.
const FORMAT_SCRATCH: &str = ".demarche.json.new";
/// tantivy's commit.
const META_FILE: &str = "meta.json";

#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
struct FormatStamp {
    format: u32,
    tokenizer: String,
    /// Bumped on every write of the file: a reader that finds it unchanged before and after reading
    /// `meta.json` knows that no commit began or ended in between.
    #[serde(default)]
    generation: u64,
    /// The last commit as it was left on disk; absent while a commit is under way, and after one was cut
    /// short, until the next writer seals the index again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seal: Option<Seal>,
    /// The corpus folder (absolute) of the last build that finished: absent while the first build is
    /// under way, or was cut short. Another folder is not indexed over it unless the user says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    corpus: Option<PathBuf>,
}

/// What a commit left on disk.
#[derive(Serialize, Deserialize, PartialEq, Debug, Clone)]
struct Seal {
    /// xxh3 of `meta.json`, which carries no checksum of its own.
    meta: u64,
    /// Every file the commit references, by name.
    files: BTreeMap<String, FileState>,
}

impl FormatStamp {
    fn current() -> FormatStamp {
        FormatStamp {
            format: FORMAT_VERSION,
            tokenizer: TOKENIZER_NAME.to_string(),
            generation: 0,
            seal: None,
            corpus: None,
        }
    }

    fn is_current(&self) -> bool {
        self.format == FORMAT_VERSION && self.tokenizer == TOKENIZER_NAME
    }
}

/// The raw bytes of `demarche.json` and what they say; `None` when it is missing or unreadable.
fn read_stamp(index: &Path) -> Result<(Vec<u8>, Option<FormatStamp>)> {
    let path = index.join(FORMAT_FILE);
    match fs::read(&path) {
        Ok(bytes) => {
            let stamp = serde_json::from_slice(&bytes).ok();
            Ok((bytes, stamp))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok((Vec::new(), None)),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Replaces `demarche.json` whole: a reader sees the old stamp or the new one, never a mix.
fn write_stamp(index: &Path, stamp: &FormatStamp) -> Result<()> {
    let scratch = index.join(FORMAT_SCRATCH);
    let bytes = serde_json::to_vec(stamp).expect("plain struct");
    let write = || -> io::Result<()> {
        let mut file = fs::File::create(&scratch)?;
        file.write_all(&bytes)?;
        file.sync_data()
    };
    write().map_err(|e| Error::io(&scratch, e))?;
    let path = index.join(FORMAT_FILE);
    fs::rename(&scratch, &path).map_err(|e| Error::io(&path, e))?;
    // The rename is durable only once the folder is.
    fs::File::open(index)
        .and_then(|dir| dir.sync_all())
        .map_err(|e| Error::io(index, e))
}

/// Gives tantivy's `meta.json` and `.managed.json` the permissions of the format stamp, which was created
/// with the user's defaults (umask): tantivy writes them through temporary files that only their owner may
/// read, which would keep the rest of a group that shares an index out of it.
fn share_like_stamp(index: &Path) -> Result<()> {
    let stamp = index.join(FORMAT_FILE);
    let Ok(meta) = fs::metadata(&stamp) else {
        return Ok(());
    };
    for name in [META_FILE, ".managed.json"] {
        let path = index.join(name);
        if path.exists() {
            fs::set_permissions(&path, meta.permissions()).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// The files a commit references, relative to the index folder.
pub(crate) fn commit_files(metas: &IndexMeta) -> Vec<String> {
    let mut components = vec![
        SegmentComponent::Postings,
        SegmentComponent::Positions,
        SegmentComponent::FastFields,
        SegmentComponent::FieldNorms,
        SegmentComponent::Terms,
        SegmentComponent::Store,
    ];
    components.extend(
        metas
            .persisted_custom_extensions
            .iter()
            .map(|ext| SegmentComponent::Custom(ext.clone())),
    );
    let mut files = Vec::new();
    for segment in &metas.segments {
        let mut paths: Vec<_> = components
            .iter()
            .map(|c| segment.relative_path(c.clone()))
            .collect();
        if segment.has_deletes() {
            paths.push(segment.relative_path(SegmentComponent::Delete));
        }
        files.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
    }
    files
}

/// An open Demarche index.
pub struct Store {
    index: Index,
    fields: Fields,
    path: PathBuf,
    /// The reader of the commit this store searches, opened on first use: opening one opens every
    /// segment, which costs more than most searches.
    reader: Mutex<Option<IndexReader>>,
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
        // Each segment costs every search process a few files to open: 128 MB wrote 4 segments of the UN
        // General Debate corpus where 64 MB wrote 10, and a search process took 1.3 ms less, for 186 MB
        // peak instead of 130 MB; build time moved within noise (-6% to +5% in three A/B runs: bigger
        // hash tables miss the cache more, smaller segments repeat more of the term dictionary).
        WriterOptions {
            threads,
            heap_bytes: 128 << 20,
        }
    }
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
            return Err(Error::NoIndex {
                path: path.to_path_buf(),
            });
        }
        let store = Store::open_in(path, mmap(path)?)?;
        if store.corpus()?.is_none() && store.reader()?.searcher().num_docs() == 0 {
            return Err(Error::FirstBuildUnfinished {
                path: path.to_path_buf(),
            });
        }
        Ok(store)
    }

    /// The corpus folder of the last build that finished, as an absolute path; `None` before the first
    /// one finishes (and in indexes written before folders were recorded).
    pub fn corpus(&self) -> Result<Option<PathBuf>> {
        Store::corpus_at(&self.path)
    }

    /// Like [`Store::corpus`], for the index at `path` (none when there is no index there).
    pub fn corpus_at(path: &Path) -> Result<Option<PathBuf>> {
        Ok(read_stamp(path)?.1.and_then(|stamp| stamp.corpus))
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
            return Err(Error::NoIndex {
                path: path.to_path_buf(),
            });
        }
        Store::open_unchecked_in(path, mmap(path)?)
    }

    fn open_unchecked_in(path: &Path, directory: Box<dyn Directory>) -> Result<Store> {
        let (_, found) = read_stamp(path)?;
        if !found.as_ref().is_some_and(FormatStamp::is_current) {
            return Err(Error::IndexVersion {
                path: path.to_path_buf(),
                found: found.map_or_else(
                    || format!("unknown (no readable {FORMAT_FILE})"),
                    |f| format!("{} ({})", f.format, f.tokenizer),
                ),
                expected: format!("{FORMAT_VERSION} ({TOKENIZER_NAME})"),
            });
        }
        let index = Index::open(directory).map_err(|e| match e {
            TantivyError::DataCorruption(e) => Error::Damaged {
                path: path.to_path_buf(),
                detail: format!("{e:?}"),
            },
            e => Error::index(format!("opening the index at {}", path.display()), e),
        })?;
        let fields = Fields::of(&index.schema(), path)?;
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
        write_stamp(path, &FormatStamp::current())?;
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
        Error::Damaged {
            path: self.path.clone(),
            detail: detail.into(),
        }
    }

    /// Checks the last commit against its seal in `demarche.json`; fails with [`Error::Damaged`] when
    /// `meta.json` is not the one sealed, or a file it references is missing or fails its checksum.
    ///
    /// Cheap for an index as its last build left it: one read of each of the two small JSON files and a
    /// `stat` per file. Only a file whose size or modification time moved is read whole, to verify its
    /// checksum; so is every file while no seal is in place (during a commit, after one was cut short).
    pub fn check(&self) -> Result<()> {
        // tantivy deletes the files of an old commit only while holding this lock, which every reader also
        // takes while it loads a commit: without it a commit made meanwhile could delete what is being
        // checked and make a sound index look damaged.
        let _lock = self
            .index
            .directory()
            .acquire_lock(&META_LOCK)
            .map_err(|e| self.err("locking the commit", e.into()))?;
        for _ in 0..3 {
            let (before, stamp) = read_stamp(&self.path)?;
            let meta = self.read_meta()?;
            let seal = stamp.and_then(|s| s.seal);
            if let Some(seal) = &seal {
                if seal.meta == xxhash_rust::xxh3::xxh3_64(&meta) {
                    let files = seal.files.iter().map(|(name, state)| (name, Some(*state)));
                    return self.check_files(files).map(drop);
                }
            }
            let (after, _) = read_stamp(&self.path)?;
            if after != before {
                // A commit began or ended while `meta.json` was read: look again.
                continue;
            }
            if seal.is_some() {
                return Err(self.damaged(format!(
                    "{META_FILE} is not the commit sealed in {FORMAT_FILE}"
                )));
            }
            break;
        }
        let names = commit_files(&self.metas()?);
        self.check_files(names.iter().map(|name| (name, None)))
            .map(drop)
    }

    fn read_meta(&self) -> Result<Vec<u8>> {
        let path = self.path.join(META_FILE);
        fs::read(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => self.damaged(format!("{META_FILE} is missing")),
            _ => Error::io(path, e),
        })
    }

    fn metas(&self) -> Result<IndexMeta> {
        self.index.load_metas().map_err(|e| match e {
            TantivyError::DataCorruption(e) => self.damaged(format!("{e:?}")),
            e => self.err("reading the commit", e),
        })
    }

    /// The state of each file, after verifying the checksum of every one whose state is not the one
    /// expected (all of them when none is).
    fn check_files<'a>(
        &self,
        files: impl Iterator<Item = (&'a String, Option<FileState>)>,
    ) -> Result<BTreeMap<String, FileState>> {
        let mut states = BTreeMap::new();
        let mut problems = Vec::new();
        for (name, expected) in files {
            let state = match FileState::of(&self.path.join(name)) {
                Ok(state) => state,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    problems.push(format!("{name} is missing"));
                    continue;
                }
                Err(e) => return Err(Error::io(self.path.join(name), e)),
            };
            if expected != Some(state) {
                match self.index.directory().validate_checksum(Path::new(name)) {
                    Ok(true) => {}
                    Ok(false) => problems.push(format!(
                        "{name} fails its checksum (changed or cut short since its commit)"
                    )),
                    Err(e) => problems.push(format!("{name} cannot be read ({e})")),
                }
            }
            states.insert(name.clone(), state);
        }
        if problems.is_empty() {
            Ok(states)
        } else {
            Err(self.damaged(problems.join("; ")))
        }
    }

    /// Seals the index as it is on disk, if no writer holds it: one does what it must then seals itself.
    fn seal_unless_busy(&self) -> Result<()> {
        match self.index.directory().acquire_lock(&INDEX_WRITER_LOCK) {
            Ok(_lock) => self.seal(|_| None),
            Err(_) => Ok(()),
        }
    }

    /// Records the last commit in `demarche.json`. `sound` gives the state in which a file is known sound;
    /// a file in any other state is verified first. The caller holds the writer lock, so nothing changes
    /// the commit meanwhile.
    fn seal(&self, sound: impl Fn(&str) -> Option<FileState>) -> Result<()> {
        self.seal_built(sound, None)
    }

    /// Like [`Store::seal`], recording that a build of `corpus` finished when one is given.
    fn seal_built(
        &self,
        sound: impl Fn(&str) -> Option<FileState>,
        corpus: Option<&Path>,
    ) -> Result<()> {
        share_like_stamp(&self.path)?;
        let (_, stamp) = read_stamp(&self.path)?;
        let mut stamp = stamp.unwrap_or_else(FormatStamp::current);
        if let Some(corpus) = corpus {
            stamp.corpus = Some(corpus.to_path_buf());
        }
        let meta = self.read_meta()?;
        let names = commit_files(&self.metas()?);
        let files = self.check_files(names.iter().map(|name| (name, sound(name))))?;
        stamp.generation += 1;
        stamp.seal = Some(Seal {
            meta: xxhash_rust::xxh3::xxh3_64(&meta),
            files,
        });
        write_stamp(&self.path, &stamp)
    }

    /// Writes `demarche.json` without a seal, before a commit changes what it would describe.
    fn unseal(&self) -> Result<()> {
        let (_, stamp) = read_stamp(&self.path)?;
        let mut stamp = stamp.unwrap_or_else(FormatStamp::current);
        stamp.seal = None;
        stamp.generation += 1;
        write_stamp(&self.path, &stamp)
    }

    /// Brings the seal up to date when it is missing or stale, as a build cut short leaves it; fails when
    /// `meta.json` is not the one sealed, since only a writer changes it and this one holds the lock.
    fn reseal(&self) -> Result<()> {
        let (_, stamp) = read_stamp(&self.path)?;
        let seal = stamp.and_then(|s| s.seal);
        if let Some(seal) = &seal {
            if seal.meta != xxhash_rust::xxh3::xxh3_64(&self.read_meta()?) {
                return Err(self.damaged(format!(
                    "{META_FILE} is not the commit sealed in {FORMAT_FILE}"
                )));
            }
            let unchanged = seal
                .files
                .iter()
                .all(|(name, state)| FileState::of(&self.path.join(name)).ok() == Some(*state));
            if unchanged {
                return Ok(());
            }
        }
        self.seal(|name| seal.as_ref().and_then(|s| s.files.get(name)).copied())
    }

    /// Runs `f`, turning a panic inside tantivy, or an error where it says a file makes no sense, into
    /// [`Error::Damaged`]: data damaged past what [`Store::check`] sees can cause either.
    pub fn shielded<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        shield(&self.path, f)?.map_err(|e| self.unless_damaged(e))
    }

    /// The fingerprint of every corpus file in the index, by relative path.
    ///
    /// Read from fast fields: fetching the stored file records decompressed most of the doc store, where
    /// they sit among the paragraphs, and was half of a build that found nothing to do.
    pub fn files(&self) -> Result<HashMap<String, IndexedFile>> {
        let searcher = self.reader()?.searcher();
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

    /// A writer; fails with [`Error::IndexLocked`] while another process writes.
    ///
    /// Holding the lock, it first clears what a build killed part-way left behind: segment files no commit
    /// references, scratch files of atomic writes, a missing or stale seal.
    pub fn writer(&self, options: WriterOptions) -> Result<Writer<'_>> {
        let threads = options.threads.max(1);
        // tantivy refuses less than 15 MB per thread.
        let heap = options.heap_bytes.max(threads * (15 << 20));
        let writer = self
            .index
            .writer_with_num_threads(threads, heap)
            .map_err(|e| match e {
                TantivyError::LockFailure(..) => Error::IndexLocked {
                    path: self.path.clone(),
                },
                e => self.err("opening the index for writing", e),
            })?;
        writer.set_merge_policy(Box::new(merge_policy()));
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| self.err("deleting files of unfinished builds", e))?;
        remove_scratch_files(&self.path)?;
        // The collection above may have rewritten .managed.json, privately, and a killed build may have
        // left a meta.json it never sealed.
        share_like_stamp(&self.path)?;
        self.reseal()?;
        Ok(Writer {
            writer: RwLock::new(writer),
            store: self,
            corpus: None,
        })
    }
}

/// Segments holding more documents than this are not merged with others.
///
/// Merging reads every input segment through memory maps, so a merge of the segments a full build writes
/// (tens of thousands of paragraphs each at the default heap) made a build's peak memory twice its
/// heap's and growing with the corpus (UN General Debate: 276 MB with merges, 122 MB without, for a
/// build faster by the merge's CPU time). Only the small segments incremental updates add are merged,
/// among themselves, so that months of updates do not leave hundreds of them.
const MAX_MERGED_DOCS: usize = 10_000;

/// Share of a large segment's documents deleted beyond which it is rewritten, alone.
const MAX_DELETED_SHARE: f32 = 0.25;

/// tantivy's log merge policy for the small segments, and one more rule for the large ones: a large
/// segment a quarter of whose paragraphs were replaced or deleted is rewritten on its own, so that edits
/// give their space back, one segment's memory at a time.
#[derive(Debug)]
struct MergePolicy {
    small: LogMergePolicy,
}

fn merge_policy() -> MergePolicy {
    let mut small = LogMergePolicy::default();
    small.set_max_docs_before_merge(MAX_MERGED_DOCS);
    MergePolicy { small }
}

impl tantivy::indexer::MergePolicy for MergePolicy {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::index::SegmentMeta],
    ) -> Vec<tantivy::indexer::MergeCandidate> {
        let mut candidates = self.small.compute_merge_candidates(segments);
        candidates.extend(
            segments
                .iter()
                .filter(|s| {
                    s.num_docs() as usize > MAX_MERGED_DOCS
                        && s.num_deleted_docs() as f32 > MAX_DELETED_SHARE * s.max_doc() as f32
                })
                .map(|s| tantivy::indexer::MergeCandidate(vec![s.id()])),
        );
        candidates
    }
}

/// tantivy's directory on the folder `path`.
fn mmap(path: &Path) -> Result<Box<dyn Directory>> {
    MmapDirectory::open(path)
        .map(|d| Box::new(d) as Box<dyn Directory>)
        .map_err(|e| Error::index(format!("opening the index at {}", path.display()), e.into()))
}

/// Deletes what an atomic write cut short leaves: tantivy's `.tmp*` files and our own scratch stamp. Only
/// the holder of the writer lock writes either.
fn remove_scratch_files(index: &Path) -> Result<()> {
    let entries = fs::read_dir(index).map_err(|e| Error::io(index, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(index, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".tmp") || name == FORMAT_SCRATCH {
            match fs::remove_file(entry.path()) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(Error::io(entry.path(), e))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

thread_local! {
    /// How many [`shield`]s the thread is inside: their panics are reported as errors, not printed.
    static SHIELDED: Cell<u32> = const { Cell::new(0) };
    /// The last panic caught inside a shield, with where it happened.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, returning a panic as [`Error::Damaged`] of the index at `path` instead of unwinding, and
/// without the panic message on stderr (the error carries it).
pub(crate) fn shield<T>(path: &Path, f: impl FnOnce() -> T) -> Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if SHIELDED.with(Cell::get) == 0 {
                return previous(info);
            }
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            let place = info
                .location()
                .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
        }));
    });
    SHIELDED.with(|s| s.set(s.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    SHIELDED.with(|s| s.set(s.get() - 1));
    result.map_err(|_| Error::Damaged {
        path: path.to_path_buf(),
        detail: format!(
            "tantivy failed reading it: {}",
            LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "no message".into())
        ),
    })
}

/// Changes to an index, made visible all at once by [`Writer::commit`].
pub struct Writer<'a> {
    /// Read-locked to add and delete, which tantivy allows from many threads at once; write-locked only to
    /// learn why its indexing threads stopped.
    writer: RwLock<IndexWriter>,
    store: &'a Store,
    /// The corpus folder the commit finishes a build of.
    corpus: Option<PathBuf>,
}

impl Writer<'_> {
    /// Adds every paragraph of a statement.
    pub fn add_statement(&self, st: &Statement) -> Result<()> {
        for p in &st.paragraphs {
            self.add(document::paragraph(&self.store.fields, st, p))?;
        }
        Ok(())
    }

    /// Records that the file at `source` was indexed in the version `fingerprint`, with the evidence of
    /// its issuer its statements gave.
    pub fn add_file(
        &self,
        source: &str,
        fingerprint: &Fingerprint,
        evidence: &Evidence,
    ) -> Result<()> {
        let f = &self.store.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.record, RECORD_FILE);
        doc.add_text(f.id, file_record_id(source));
        doc.add_text(f.source, source);
        let mut state = fingerprint.encode();
        let evidence = evidence.encode();
        if !evidence.is_empty() {
            state.push(' ');
            state.push_str(&evidence);
        }
        doc.add_text(f.fingerprint, state);
        self.add(doc)
    }

    fn add(&self, doc: TantivyDocument) -> Result<()> {
        let added = self.tantivy().add_document(doc);
        added.map(drop).map_err(|e| self.stopped(e))
    }

    fn tantivy(&self) -> RwLockReadGuard<'_, IndexWriter> {
        self.writer.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Why tantivy's indexing threads stopped. Adding a document only says that they did (a disk that
    /// filled up is reported as "an index writer was killed"); preparing a commit joins them and returns
    /// their error. The prepared commit is dropped, never made.
    fn stopped(&self, e: TantivyError) -> Error {
        let mut writer = self.writer.write().unwrap_or_else(PoisonError::into_inner);
        let cause = match writer.prepare_commit() {
            Err(cause) => cause,
            Ok(_) => e,
        };
        self.store.err("adding a document", cause)
    }

    /// Deletes every document of a source file: its paragraphs and its file record.
    pub fn delete_source(&self, source: &str) {
        let term = Term::from_field_text(self.store.fields.source, source);
        self.tantivy().delete_term(term);
    }

    /// Deletes only the file record of a source, to record a new fingerprint for unchanged content.
    pub fn delete_file_record(&self, source: &str) -> Result<()> {
        let f = &self.store.fields;
        let term = |field, text: &str| -> (Occur, Box<dyn Query>) {
            let term = Term::from_field_text(field, text);
            (
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            )
        };
        let query = BooleanQuery::new(vec![term(f.record, RECORD_FILE), term(f.source, source)]);
        let deleted = self.tantivy().delete_query(Box::new(query));
        deleted
            .map(drop)
            .map_err(|e| self.store.err("deleting a file record", e))
    }

    /// Makes the commit record that it finishes a build of `corpus` (an absolute path).
    pub fn finishes_build_of(&mut self, corpus: PathBuf) {
        self.corpus = Some(corpus);
    }

    /// Makes every change visible at once, waits for merges so the process can exit cleanly, then seals
    /// the new commit.
    pub fn commit(self) -> Result<()> {
        let store = self.store;
        let mut writer = self
            .writer
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        // Readers must not take the new `meta.json` for damage: no seal while it changes.
        store.unseal()?;
        writer
            .commit()
            .map_err(|e| store.err("committing the index", e))?;
        writer
            .wait_merging_threads()
            .map_err(|e| store.err("merging index segments", e))?;
        store.forget_reader();
        // The writer lock left with the writer. Another build may have taken it since: it seals at its
        // start, so this one leaves it the work.
        let Ok(_lock) = store.index.directory().acquire_lock(&INDEX_WRITER_LOCK) else {
            return Ok(());
        };
        // Every file of the commit was written by this writer, just now: trusted as it is.
        store.seal_built(
            |name| FileState::of(&store.path.join(name)).ok(),
            self.corpus.as_deref(),
        )
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

#[cfg(test)]
mod merge_tests {
    use super::*;
    use tantivy::index::SegmentId;
    use tantivy::indexer::MergePolicy as _;

    #[test]
    fn small_segments_merge_together_and_large_ones_only_alone_once_a_quarter_is_deleted() {
        let index = Index::create_in_ram(schema::build().0);
        let meta = |docs: u32, deleted: u32| {
            let meta = index.new_segment_meta(SegmentId::generate_random(), docs);
            if deleted > 0 {
                meta.with_delete_meta(deleted, 0)
            } else {
                meta
            }
        };
        let policy = merge_policy();
        let large = [meta(35_000, 0), meta(35_000, 8_000), meta(35_000, 9_000)];
        let candidates = policy.compute_merge_candidates(&large);
        assert_eq!(candidates.len(), 1, "{candidates:?}");
        assert_eq!(candidates[0].0, [large[2].id()]);
        let small: Vec<_> = (0..8).map(|_| meta(500, 0)).collect();
        let candidates = policy.compute_merge_candidates(&small);
        assert_eq!(candidates.len(), 1);
        assert_eq!(candidates[0].0.len(), 8);
        assert!(policy.compute_merge_candidates(&small[..3]).is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn built() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        fs::create_dir(&corpus).unwrap();
        fs::write(
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

    fn stamp(index: &Path) -> FormatStamp {
        read_stamp(index).unwrap().1.unwrap()
    }

    #[test]
    fn a_commit_is_sealed_with_every_file_it_references() {
        let (_dir, index) = built();
        let store = Store::open(&index).unwrap();
        let seal = stamp(&index).seal.expect("a seal");
        let mut names = commit_files(&store.index.load_metas().unwrap());
        names.sort();
        assert_eq!(seal.files.keys().cloned().collect::<Vec<_>>(), names);
        assert!(!names.is_empty());
    }

    #[test]
    fn a_meta_json_other_than_the_sealed_one_is_refused() {
        let (_dir, index) = built();
        // Even a change tantivy would read the same way: `meta.json` has no checksum to tell harmless
        // changes from harmful ones.
        let mut meta = fs::read(index.join(META_FILE)).unwrap();
        meta.push(b' ');
        fs::write(index.join(META_FILE), meta).unwrap();
        let err = Store::open(&index).err().expect("refused");
        assert!(matches!(err, Error::Damaged { .. }), "{err}");
        assert!(err.to_string().contains("demarche verify"), "{err}");
    }

    #[test]
    fn an_index_left_unsealed_is_checked_in_full_and_sealed_by_the_next_writer() {
        let (_dir, index) = built();
        let mut unsealed = stamp(&index);
        unsealed.seal = None;
        write_stamp(&index, &unsealed).unwrap();
        let store = Store::open(&index).expect("a sound unsealed index opens");
        drop(store.writer(WriterOptions::default()).unwrap());
        assert!(stamp(&index).seal.is_some());
        assert!(stamp(&index).generation > unsealed.generation);
    }

    #[test]
    fn a_panic_in_a_shield_is_damage_of_the_index_with_the_message() {
        let err = shield(Path::new("idx"), || panic!("offset out of range")).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Damaged { .. }), "{text}");
        assert!(
            text.contains("offset out of range") && text.contains("index.rs"),
            "{text}"
        );
        assert_eq!(shield(Path::new("idx"), || 7).unwrap(), 7);
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
        writer.finishes_build_of(PathBuf::from("/data/corpus"));
        writer.commit().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(
            store.corpus().unwrap().as_deref(),
            Some(Path::new("/data/corpus"))
        );
    }

    #[test]
    fn a_second_writer_is_told_the_index_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        let _first = store.writer(WriterOptions::default()).unwrap();
        let second = Store::open_or_create(dir.path()).unwrap();
        assert!(matches!(
            second.writer(WriterOptions::default()),
            Err(Error::IndexLocked { .. })
        ));
    }
}
