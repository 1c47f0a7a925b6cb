//! Changes to an index: add, delete, and one commit per build, sealed; and which segments are merged.
//!
//! Every change of one build goes into a single commit, so a crash or an error leaves the last committed
//! index as it was.

use std::fs;
use std::io;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock, RwLockReadGuard};
use std::time::Duration;

use tantivy::directory::{Directory, INDEX_WRITER_LOCK};
use tantivy::indexer::{LogMergePolicy, UserOperation};
use tantivy::schema::document::Document;
use tantivy::{IndexWriter, TantivyDocument, TantivyError, Term};

use super::seal::{share_like_stamp, FORMAT_SCRATCH};
use super::{files, totals, Corpora, Store};
use crate::corpus::Fingerprint;
use crate::document;
use crate::error::{Error, Result};
use crate::parse::{Evidence, Statement};

/// Settings of an index writer.
#[derive(Clone, Copy, Debug)]
pub struct WriterOptions {
    /// Indexing threads; a build runs as many parse workers beside them (`build::Options::writer`).
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
    /// A writer; fails with [`Error::IndexLocked`] while another process writes.
    ///
    /// Holding the lock, it first clears what a build killed part-way left behind: segment files no commit
    /// references, scratch files of atomic writes, a missing or stale seal, missing or stale totals.
    pub fn writer(&self, options: WriterOptions) -> Result<Writer<'_>> {
        let threads = options.threads.max(1);
        // tantivy refuses less than 15 MB per thread.
        let heap = options.heap_bytes.max(threads * (15 << 20));
        let writer = self
            .index
            .writer_with_num_threads::<Queued>(threads, heap)
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
        self.refresh_totals()?;
        Ok(Writer {
            writer: RwLock::new(writer),
            store: self,
            corpora: None,
            in_flight: Arc::default(),
        })
    }
}

/// Deletes what an atomic write cut short leaves: tantivy's `.tmp*` files and our own scratch stamp. Only
/// the holder of the writer lock writes either.
fn remove_scratch_files(index: &Path) -> Result<()> {
    let entries = fs::read_dir(index).map_err(|e| Error::io(index, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(index, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".tmp") || name == FORMAT_SCRATCH || totals::is_scratch(&name) {
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

/// Changes to an index, made visible all at once by [`Writer::commit`].
pub struct Writer<'a> {
    /// Read-locked to add and delete, which tantivy allows from many threads at once; write-locked only to
    /// learn why its indexing threads stopped.
    writer: RwLock<IndexWriter<Queued>>,
    store: &'a Store,
    /// The corpus folders the commit finishes a build of.
    corpora: Option<Corpora>,
    /// Documents handed to tantivy that no indexing thread has indexed yet.
    in_flight: Arc<InFlight>,
}

impl Writer<'_> {
    /// Adds every paragraph of a statement, as one batch: tantivy gives a batch's documents neighbouring
    /// ids in one segment, and keeps them so through merges (the index is not sorted), which is how
    /// `count` tells statements apart by their paragraph numbers alone. Added one by one, the paragraphs
    /// of statements parsed at once would interleave, and a segment could end in mid-statement. Waits
    /// while [`MAX_IN_FLIGHT`] documents are still to be indexed.
    pub fn add_statement(&self, st: &Statement) -> Result<()> {
        self.in_flight.wait_for_room(st.paragraphs.len());
        let paragraphs = st.paragraphs.iter().map(|p| {
            let doc = document::paragraph(&self.store.fields, st, p);
            UserOperation::Add(Queued::new(doc, &self.in_flight))
        });
        let added = self.tantivy().run(paragraphs.collect::<Vec<_>>());
        added.map(drop).map_err(|e| self.stopped(e))
    }

    /// Records that the file at `source` was indexed in the version `fingerprint`, with the evidence of
    /// its issuer its statements gave.
    pub fn add_file(
        &self,
        source: &str,
        fingerprint: &Fingerprint,
        evidence: &Evidence,
    ) -> Result<()> {
        self.add(files::record(
            &self.store.fields,
            source,
            fingerprint,
            evidence,
        ))
    }

    fn add(&self, doc: TantivyDocument) -> Result<()> {
        self.in_flight.wait_for_room(1);
        let added = self
            .tantivy()
            .add_document(Queued::new(doc, &self.in_flight));
        added.map(drop).map_err(|e| self.stopped(e))
    }

    fn tantivy(&self) -> RwLockReadGuard<'_, IndexWriter<Queued>> {
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
        let query = files::record_query(&self.store.fields, source);
        let deleted = self.tantivy().delete_query(Box::new(query));
        deleted
            .map(drop)
            .map_err(|e| self.store.err("deleting a file record", e))
    }

    /// Makes the commit record that it finishes a build of `corpora`.
    pub fn finishes_build_of(&mut self, corpora: Corpora) {
        self.corpora = Some(corpora);
    }

    /// Makes every change visible at once, waits for merges so the process can exit cleanly, then seals
    /// the new commit and keeps its totals.
    pub fn commit(self) -> Result<()> {
        let store = self.store;
        let mut writer = self
            .writer
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        // The corpus folders ride in the commit itself (tantivy's payload in `meta.json`), so that the
        // paragraphs and the folders they come from change together or not at all. A commit that
        // finishes no build keeps the folders of the last one.
        let payload = match &self.corpora {
            Some(corpora) => Some(corpora.encode()),
            None => store.index.load_metas().ok().and_then(|m| m.payload),
        };
        // Readers must not take the new `meta.json` for damage: no seal while it changes.
        store.unseal()?;
        let mut prepared = writer
            .prepare_commit()
            .map_err(|e| store.err("committing the index", e))?;
        if let Some(payload) = &payload {
            prepared.set_payload(payload);
        }
        prepared
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
        store.seal_written()?;
        // Then what `trend` divides by, summed from the segments as the merges left them.
        store.keep_totals()
    }
}

/// Documents handed to tantivy and not yet indexed, at most (unless indexing stalls): what tantivy's own
/// queue, bounded in batches, held when paragraphs were added one at a time. A statement is one batch,
/// so without this a queue of 10,000 statements could hold a corpus's worth of paragraphs whenever
/// indexing is slower than parsing.
const MAX_IN_FLIGHT: usize = 10_000;

/// How long a build waits for room before handing over a statement anyway: indexing threads that
/// stopped never make room, and tantivy reports why they stopped only when it is handed a document.
const ROOM_WAIT: Duration = Duration::from_secs(1);

/// The documents in flight, and a signal when one is indexed while a build waits for room.
#[derive(Default)]
struct InFlight {
    state: Mutex<Flight>,
    freed: Condvar,
}

#[derive(Default)]
struct Flight {
    documents: usize,
    /// Builds waiting for room, and the least room one of them needs: a signal costs a system call,
    /// made only once a waiting build may go on.
    waiters: usize,
    least_wanted: usize,
}

impl InFlight {
    /// Waits until `n` more documents fit (any number fit when none is in flight), then counts them.
    fn wait_for_room(&self, n: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.documents > 0 && state.documents + n > MAX_IN_FLIGHT {
            state.waiters += 1;
            state.least_wanted = if state.waiters == 1 {
                n
            } else {
                state.least_wanted.min(n)
            };
            while state.documents > 0 && state.documents + n > MAX_IN_FLIGHT {
                let (now, waited) = self
                    .freed
                    .wait_timeout(state, ROOM_WAIT)
                    .unwrap_or_else(PoisonError::into_inner);
                state = now;
                if waited.timed_out() {
                    break;
                }
            }
            state.waiters -= 1;
        }
        state.documents += n;
    }

    fn release(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.documents = state.documents.saturating_sub(1);
        // A statement larger than the cap goes on once nothing else is in flight. Every waiter checks
        // its own room: the least wanted may be a waiter's that has already left, which only wakes the
        // others once more.
        if state.waiters > 0
            && (state.documents == 0 || state.documents + state.least_wanted <= MAX_IN_FLIGHT)
        {
            self.freed.notify_all();
        }
    }
}

/// A document on its way to an indexing thread: tantivy drops it once indexed, which makes its room.
pub(crate) struct Queued {
    doc: TantivyDocument,
    in_flight: Arc<InFlight>,
}

impl Queued {
    fn new(doc: TantivyDocument, in_flight: &Arc<InFlight>) -> Queued {
        Queued {
            doc,
            in_flight: Arc::clone(in_flight),
        }
    }
}

impl Drop for Queued {
    fn drop(&mut self) {
        self.in_flight.release();
    }
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;
    use tantivy::index::SegmentId;
    use tantivy::indexer::MergePolicy as _;
    use tantivy::Index;

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

    #[test]
    fn a_statement_waits_for_room_and_goes_when_a_document_is_indexed() {
        let in_flight = Arc::new(InFlight::default());
        // None in flight: any statement goes, however long.
        in_flight.wait_for_room(MAX_IN_FLIGHT + 5);
        let full = in_flight.state.lock().unwrap().documents;
        assert_eq!(full, MAX_IN_FLIGHT + 5);
        for _ in 0..5 {
            in_flight.release();
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let in_flight = Arc::clone(&in_flight);
            std::thread::spawn(move || {
                in_flight.wait_for_room(1);
                tx.send(()).unwrap();
            })
        };
        assert!(rx.recv_timeout(Duration::from_millis(100)).is_err());
        in_flight.release();
        rx.recv_timeout(ROOM_WAIT / 2).expect("room made");
        waiter.join().unwrap();
        assert_eq!(in_flight.state.lock().unwrap().documents, MAX_IN_FLIGHT);
    }

    #[test]
    fn a_statement_larger_than_the_cap_goes_as_soon_as_nothing_is_in_flight() {
        let in_flight = Arc::new(InFlight::default());
        in_flight.wait_for_room(3);
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let in_flight = Arc::clone(&in_flight);
            std::thread::spawn(move || {
                in_flight.wait_for_room(MAX_IN_FLIGHT + 2_000);
                tx.send(()).unwrap();
            })
        };
        assert!(rx.recv_timeout(Duration::from_millis(100)).is_err());
        for _ in 0..3 {
            in_flight.release();
        }
        // Signalled when the last is indexed, not left to the time-out.
        rx.recv_timeout(ROOM_WAIT / 2).expect("room made");
        waiter.join().unwrap();
    }
}
