//! Corpus folders to an up-to-date index: walk, read what changed, parse, and commit once.
//!
//! Incremental by file: a file whose size and modification time match its record is not read again; a
//! changed file's paragraphs are replaced; a removed file's are deleted. A file that cannot be read is
//! reported and skipped, and what the index already held for it is kept. All changes of a run are one
//! commit: a crash or an error leaves the previous index whole.
//!
//! An index may read several folders. Each is read as if it were indexed alone (its own manifests, its
//! own folder priors), its files named in the index after it ([`CorpusFolder::key`]); a build walks them
//! all before it changes anything, so that a folder gone missing stops it rather than losing its
//! paragraphs, and it refuses a set of folders that would leave out one the index reads unless told to.
//!
//! Files are read, parsed and attributed on worker threads (`ordered.rs`) while tantivy indexes on its
//! own; their documents reach the index in walk order whoever finished first, so a build's index,
//! report and export are the same on any number of threads.

mod ordered;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::corpus::{self, Entry, Fingerprint};
use crate::error::{Error, Result};
use crate::gazetteer::CountryCode;
use crate::index::{quietly, Corpora, CorpusFolder, IndexedFile, Store, Writer, WriterOptions};
use crate::manifest;
use crate::parse::{self, Context, Evidence, FieldMap, Parsed, Statement};

/// What the folders a build is given do to those the index was built from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FolderChange {
    /// Build or update the index from the folders given: those it was built from, or all of them and
    /// more (the new ones join it). Leaving out one of its folders is refused: its paragraphs would be
    /// deleted.
    #[default]
    Update,
    /// Add the folders given to those the index was built from, and update them all.
    Add,
    /// Rebuild the index from the folders given alone: the paragraphs of its other folders are deleted.
    Replace,
    /// Drop the folders given from the index, deleting their paragraphs, and update the others.
    Remove,
}

/// What to build from where.
#[derive(Clone, Debug)]
pub struct Options {
    /// Corpus folders: to index, or with [`FolderChange::Remove`] to drop. The first folder of a new
    /// index names its files by their paths relative to it; the others' are named after their folder
    /// (`<folder name>/<relative path>`).
    pub corpora: Vec<PathBuf>,
    /// Index folder; created when missing.
    pub index: PathBuf,
    /// Threads and memory. `writer.threads` is both the number of threads that read, parse and
    /// attribute files and the number of tantivy's indexing threads: the two stages pass files along
    /// bounded queues, so the slower one gets the cores the other leaves idle.
    pub writer: WriterOptions,
    /// Record keys for JSON fields, beyond the usual names.
    pub fields: FieldMap,
    /// What the folders given do to those the index was built from.
    pub change: FolderChange,
}

impl Options {
    /// Building `index` from the one folder `corpus` with the default writer and the usual JSON field
    /// names.
    pub fn new(corpus: impl Into<PathBuf>, index: impl Into<PathBuf>) -> Options {
        Options {
            corpora: vec![corpus.into()],
            index: index.into(),
            writer: WriterOptions::default(),
            fields: FieldMap::default(),
            change: FolderChange::Update,
        }
    }
}

/// What a build did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Candidate files found by the walk.
    pub seen: usize,
    /// Files new or changed, parsed and (re)indexed.
    pub indexed: usize,
    /// Files left as they were: same size and time, or same bytes.
    pub unchanged: usize,
    /// Files in the index no longer in the corpus, deleted from it.
    pub removed: usize,
    /// Files and folders that could not be used, with reasons.
    pub skipped: Vec<SkippedFile>,
    /// Files in formats Demarche does not read, counted by kind (".odt").
    pub unread: BTreeMap<String, usize>,
    /// Statements added.
    pub statements: usize,
    /// Paragraphs added.
    pub paragraphs: usize,
    /// Bytes read from files.
    pub bytes: u64,
    /// Wall time.
    pub seconds: f64,
    /// Folders this build added to the index whose files are named after them.
    pub added: Vec<CorpusFolder>,
    /// Folders kept whose files' names changed: the name before (empty for the first folder's bare
    /// paths) and the folder as it is now.
    pub renamed: Vec<(String, CorpusFolder)>,
}

impl Report {
    /// Megabytes read per second.
    pub fn mb_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }
}

/// A file or folder a build could not use, with the reason; what the index held for it is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedFile {
    /// Where it is: its corpus folder as given, joined with its path relative to it (escaped as
    /// [`corpus::Entry::rel`] is).
    pub path: PathBuf,
    /// Its name in the index ([`CorpusFolder::key`]).
    pub source: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Receives progress: called once with the number of files, then after each file.
pub trait Progress {
    /// The walk found `total` files.
    fn start(&mut self, total: usize);
    /// One more file is done; `source` is its name in the index.
    fn advance(&mut self, source: &str);
    /// The build is committing.
    fn finish(&mut self);
}

/// Progress that goes nowhere.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&mut self, _: usize) {}
    fn advance(&mut self, _: &str) {}
    fn finish(&mut self) {}
}

/// Brings the index at `options.index` up to date with its corpus folders.
pub fn build(options: &Options, progress: &mut dyn Progress) -> Result<Report> {
    build_in(options, progress, Store::open_or_create)
}

/// One corpus folder, walked.
struct Walked {
    /// As given, or as the index records it when not given: how reports name its files.
    given: PathBuf,
    /// Absolute, links resolved: how the index records it.
    path: PathBuf,
    walk: corpus::Walk,
}

/// Refuses a folder whose path is not UTF-8 among several: an index of several folders records them as
/// JSON, which holds text. Refused before any file is read, not at the commit.
fn text_paths<'p>(mut paths: impl Iterator<Item = &'p PathBuf>) -> Result<()> {
    match paths.find(|p| p.to_str().is_none()) {
        Some(path) => Err(Error::BadValue {
            what: format!("corpus folder {}", path.display()),
            reason:
                "its path is not valid UTF-8, which an index of several folders cannot record: \
                     rename it, or give it an index of its own (--index)"
                    .into(),
        }),
        None => Ok(()),
    }
}

/// Walks the folder `given`. A folder the index at `index` reads (by `recorded`) that is missing is
/// [`Error::CorpusGone`].
fn walk_folder(given: &Path, index: &Path, recorded: Option<&Corpora>) -> Result<Walked> {
    let walk = corpus::walk(given, manifest::is_candidate).map_err(|e| match e {
        Error::NoCorpus { path } => {
            let absolute = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
            match recorded.filter(|r| r.folder(&absolute).is_some()) {
                Some(recorded) => Error::CorpusGone {
                    index: index.to_path_buf(),
                    path,
                    alone: recorded.folders().len() == 1,
                },
                None => Error::NoCorpus { path },
            }
        }
        e => e,
    })?;
    let path = fs::canonicalize(given).map_err(|e| Error::io(given, e))?;
    Ok(Walked {
        given: given.to_path_buf(),
        path,
        walk,
    })
}

/// One corpus folder in a build: the name its files take and its manifests.
struct Folder<'c> {
    /// Its place among the index's folders.
    at: usize,
    corpus: &'c CorpusFolder,
    /// As given, or as recorded: how reports name its files.
    given: PathBuf,
    manifest: manifest::Manifest,
}

impl Folder<'_> {
    fn skipped(&self, rel: &str, reason: String) -> SkippedFile {
        SkippedFile {
            path: self.given.join(rel),
            source: self.corpus.key(rel),
            reason,
        }
    }
}

/// Like [`build`], with the index opened (or created) by `open` from `options.index`: for a store whose
/// tantivy directory fails on purpose, in tests.
pub fn build_in(
    options: &Options,
    progress: &mut dyn Progress,
    open: impl FnOnce(&Path) -> Result<Store>,
) -> Result<Report> {
    let started = Instant::now();
    if options.corpora.is_empty() {
        return Err(Error::BadValue {
            what: "corpus folders".into(),
            reason: "none given: give at least one folder".into(),
        });
    }
    // What the index records, read again under the lock below: here only to name a missing folder.
    let hint = Store::corpora_at(&options.index).ok().flatten();
    // Walk first: a missing corpus must not leave an empty index behind that hides the mistake.
    let mut walked: Vec<Walked> = Vec::new();
    if options.change == FolderChange::Remove {
        if !Store::exists(&options.index) {
            return Err(crate::index::no_index(&options.index));
        }
    } else {
        for given in &options.corpora {
            let folder = walk_folder(given, &options.index, hint.as_ref())?;
            if !walked.iter().any(|w| w.path == folder.path) {
                walked.push(folder);
            }
        }
    }
    nested(walked.iter().map(|w| &w.path))?;
    // Before the index is opened (or created): a refused first build leaves nothing behind.
    if walked.len() > 1 || options.change == FolderChange::Add {
        text_paths(walked.iter().map(|w| &w.path))?;
    }
    let store = open(&options.index)?;
    // The lock first: what the index holds and which folders it was built from cannot change under the
    // checks below.
    let mut writer = store.writer(options.writer)?;
    let recorded = store.corpora()?;
    let known = store.files()?;
    let (previous, corpora) = plan(options, recorded.as_ref(), &known, &walked)?;
    if corpora.folders().len() > 1 {
        text_paths(corpora.folders().iter().map(|f| &f.path))?;
    }
    // Every folder is walked before anything changes: one gone missing stops the build.
    let mut folders = Vec::with_capacity(corpora.folders().len());
    let mut walks = Vec::with_capacity(corpora.folders().len());
    for (at, corpus) in corpora.folders().iter().enumerate() {
        let folder = match walked.iter().position(|w| w.path == corpus.path) {
            Some(i) => walked.swap_remove(i),
            None => walk_folder(&corpus.path, &options.index, previous.as_ref())?,
        };
        // A folder that lists nothing where the index holds its files has most likely lost them to
        // a mount or a move, not had every statement deleted: removing them is asked for by name.
        let held = previous.as_ref().is_some_and(|p| {
            p.folder(&corpus.path).is_some()
                && known.keys().any(|k| p.owner(k).0.path == corpus.path)
        });
        if held && folder.walk.entries.is_empty() && options.change != FolderChange::Replace {
            return Err(Error::CorpusEmpty {
                index: options.index.clone(),
                path: folder.given,
                alone: corpora.folders().len() == 1,
            });
        }
        let (manifest, problems) = manifest::load(&folder.given, &folder.walk.manifests);
        folders.push(Folder {
            at,
            corpus,
            given: folder.given,
            manifest,
        });
        walks.push((folder.walk, problems));
    }
    // Who reads a file the index holds now, and who read it before: a file of another folder under
    // the same name is not this one's.
    let stays = |key: &str| {
        previous.as_ref().is_some_and(|p| {
            let (before, rel_before) = p.owner(key);
            let (now, rel_now) = corpora.owner(key);
            before.path == now.path && rel_before == rel_now
        })
    };
    let mut report = Report {
        added: corpora
            .folders()
            .iter()
            .filter(|f| {
                !f.name.is_empty()
                    && previous
                        .as_ref()
                        .is_none_or(|p| p.folder(&f.path).is_none())
            })
            .cloned()
            .collect(),
        // A folder kept under another name (the first one dropped, or the set given again in
        // another order): its sources and ids change, which a user who cites them must be told.
        renamed: corpora
            .folders()
            .iter()
            .filter_map(|f| {
                let before = previous.as_ref()?.folder(&f.path)?;
                (before.name != f.name).then(|| (before.name.clone(), f.clone()))
            })
            .collect(),
        ..Report::default()
    };
    // Keys of files the first folder holds where another folder's files are named: reported, and never
    // kept for that reason.
    let mut shadowed: Vec<SkippedFile> = Vec::new();
    let mut unprotected: HashSet<String> = HashSet::new();
    // Folders that could not be listed, as key prefixes: files indexed earlier below them must not be
    // taken for removed.
    let mut unlisted: Vec<String> = Vec::new();
    let mut entries: Vec<(&Folder, Entry)> = Vec::new();
    for (folder, (walk, problems)) in folders.iter().zip(walks) {
        let shadow = |rel: &str| (folder.at == 0).then(|| corpora.shadowing(rel)).flatten();
        for s in walk.skipped.into_iter().chain(problems) {
            if shadow(&s.rel).is_some() {
                unprotected.insert(folder.corpus.key(&s.rel));
            }
            report.skipped.push(folder.skipped(&s.rel, s.reason));
        }
        for (kind, n) in walk.unread {
            *report.unread.entry(kind).or_default() += n;
        }
        unlisted.extend(
            walk.unlisted
                .iter()
                .filter(|dir| shadow(&format!("{dir}/")).is_none())
                .map(|dir| format!("{}/", folder.corpus.key(dir))),
        );
        // A table of statements and a manifest share their extension; a manifest is not indexed.
        for entry in walk.entries {
            if folder.manifest.is_manifest(&entry.rel) {
                continue;
            }
            if let Some(other) = shadow(&entry.rel) {
                unprotected.insert(folder.corpus.key(&entry.rel));
                shadowed.push(folder.skipped(
                    &entry.rel,
                    format!(
                        "its name in the index is that of a file of the corpus folder {}, whose files \
                         are named {}/…: rename it or its folder, or give the index its folders again \
                         with --replace, which names them anew",
                        other.path.display(),
                        other.name
                    ),
                ));
                continue;
            }
            entries.push((folder, entry));
        }
    }
    // A file named as another folder's files is seen, and skipped.
    report.seen = entries.len() + shadowed.len();
    let fields_signature = options.fields.signature();
    progress.start(entries.len());
    let workers = options.writer.threads.max(1);
    let mut run = Run {
        writer: &writer,
        report: &mut report,
        progress,
        changed: false,
        failed: HashSet::new(),
    };
    // A file whose statements never say who issues them takes the issuer its folder's files speak as (an
    // archive's folder is usually one ministry's), or the nearest folder's above it; a speaker a file
    // leaves without a country takes the one other files give them. Both are known once every file has
    // been read: such a file is indexed at once, and read again only if they change what it says. Each
    // corpus folder has its own, as if it were indexed alone.
    let mut priors: Vec<parse::FolderPriors> = folders
        .iter()
        .map(|_| parse::FolderPriors::default())
        .collect();
    let first: Vec<Job> = entries
        .into_iter()
        .map(|(folder, mut entry)| {
            let meta = folder.manifest.get(&entry.rel);
            entry.stat.meta = meta_signature(meta, entry.format, &fields_signature);
            let key = folder.corpus.key(&entry.rel);
            let old = known.get(&key);
            // Another folder's file of the same name, size and time is not this one's: a file that
            // changed folders is read again.
            let kept = old.filter(|old| stays(&key) && old.fingerprint.same_stat(&entry.stat));
            Job {
                folder,
                key,
                entry,
                old,
                meta,
                phase: Phase::First,
                kept: kept.is_some(),
            }
        })
        .collect();
    let present: HashSet<String> = first.iter().map(|job| job.key.clone()).collect();
    // Files to settle, with the evidence of the reading the index holds, and whether they were read
    // in this build.
    let mut later: Vec<(Job, Evidence, bool)> = Vec::new();
    let fields = &options.fields;
    ordered::for_each_in_order(
        &first,
        workers,
        "demarche-parse",
        |job| (!job.kept).then(|| job.read(fields)),
        |job, reading| {
            let priors = &mut priors[job.folder.at];
            let Some(reading) = reading else {
                let old = job.old.expect("kept files are indexed");
                priors.add(&job.entry.rel, &old.evidence);
                if old.evidence.wants_prior || !old.evidence.unplaced.is_empty() {
                    later.push((job.clone(), old.evidence.clone(), false));
                } else {
                    run.report.unchanged += 1;
                    run.progress.advance(&job.key);
                }
                return Ok(());
            };
            if let Some(found) = run.apply(job, reading)? {
                priors.add(&job.entry.rel, &found);
                if found.wants_prior || !found.unplaced.is_empty() {
                    later.push((job.clone(), found, true));
                }
            }
            Ok(())
        },
    )?;
    drop(first);
    let settled: Vec<Prior> = later
        .iter()
        .map(|(job, evidence, _)| {
            let priors = &priors[job.folder.at];
            Prior {
                issuer: priors
                    .prior(&job.entry.rel)
                    .filter(|_| evidence.wants_prior),
                people: priors.people(&evidence.unplaced),
            }
        })
        .collect();
    let again: Vec<Job> = later
        .into_iter()
        .zip(&settled)
        .filter(|((_, evidence, read_now), prior)| !read_now || !prior.read(evidence))
        .map(|((job, _, read_now), prior)| Job {
            phase: if read_now {
                Phase::Again(prior)
            } else {
                Phase::WithPrior(prior)
            },
            kept: false,
            ..job
        })
        .collect();
    ordered::for_each_in_order(
        &again,
        workers,
        "demarche-parse",
        |job| job.read(fields),
        |job, reading| run.apply(job, reading).map(drop),
    )?;
    let mut changed = run.changed;
    let failed = std::mem::take(&mut run.failed);
    for key in known.keys() {
        let delete = if present.contains(key) {
            // Read in this build, unless it failed: then what the index holds stays, if it is this
            // file's.
            failed.contains(key) && !stays(key)
        } else {
            let under_unlisted = unlisted.iter().any(|dir| key.starts_with(dir.as_str()));
            let skipped_now =
                report.skipped.iter().any(|s| &s.source == key) && !unprotected.contains(key);
            !(stays(key) && (under_unlisted || skipped_now))
        };
        if delete {
            writer.delete_source(key);
            report.removed += 1;
            changed = true;
        }
    }
    report.skipped.extend(shadowed);
    progress.finish();
    // The first build of a folder commits even with nothing to add: the commit records that it finished.
    if changed || recorded.as_ref() != Some(&corpora) {
        writer.finishes_build_of(corpora.clone());
        writer.commit()?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Refuses a folder inside another: its files would be indexed twice, under two names.
fn nested<'p>(paths: impl Iterator<Item = &'p PathBuf> + Clone) -> Result<()> {
    for inner in paths.clone() {
        if let Some(outer) = paths
            .clone()
            .find(|outer| *outer != inner && inner.starts_with(outer))
        {
            return Err(Error::BadValue {
                what: inner.display().to_string(),
                reason: format!(
                    "is inside {}, another corpus folder of the index: its files would be indexed twice",
                    outer.display()
                ),
            });
        }
    }
    Ok(())
}

/// Which folders read the index's files now (`None` for a new index, or an older one whose folder is
/// not among those given), and which this build makes its corpus folders; or why it must not.
fn plan(
    options: &Options,
    recorded: Option<&Corpora>,
    known: &HashMap<String, IndexedFile>,
    walked: &[Walked],
) -> Result<(Option<Corpora>, Corpora)> {
    let given: Vec<PathBuf> = walked.iter().map(|w| w.path.clone()).collect();
    // An index written before folders were recorded is taken for a folder's only if it shares files
    // with it.
    let previous = match recorded {
        Some(recorded) => Some(recorded.clone()),
        None => walked
            .iter()
            .find(|w| w.walk.entries.iter().any(|e| known.contains_key(&e.rel)))
            .map(|w| Corpora::one(w.path.clone())),
    };
    // A folder of the first one's name would share its files' names: a file or folder at its top.
    let named = |paths: &[PathBuf], old: Option<&Corpora>| {
        let first = paths[0].clone();
        Corpora::named(paths, old, |name| {
            fs::symlink_metadata(first.join(name)).is_ok_and(|m| m.is_dir())
        })
    };
    let other = |overlap: bool, new: bool| Error::OtherCorpus {
        index: options.index.clone(),
        recorded: match &previous {
            Some(p) => p
                .folders()
                .iter()
                .map(|f| f.path.display().to_string())
                .collect(),
            None => vec![format!(
                "another folder (none of its {} files is in {})",
                known.len(),
                if given.len() == 1 {
                    "this one"
                } else {
                    "these"
                }
            )],
        },
        given: options
            .corpora
            .iter()
            .map(|g| {
                // A folder reached through a link is recorded where the link led: one re-pointed since
                // leads elsewhere, which the user must be told, having typed the same name.
                let target = walked
                    .iter()
                    .find(|w| w.given == *g)
                    .map(|w| &w.path)
                    .filter(|p| previous.as_ref().is_none_or(|r| r.folder(p).is_none()))
                    .filter(|_| {
                        // `current/` names the link `current` as much as `current` does.
                        let link: PathBuf = g.components().collect();
                        fs::symlink_metadata(link).is_ok_and(|m| m.file_type().is_symlink())
                    });
                (g.clone(), target.cloned())
            })
            .collect(),
        overlap,
        new,
    };
    let corpora = match (options.change, &previous) {
        (FolderChange::Update | FolderChange::Add, None) if !known.is_empty() => {
            return Err(other(false, false))
        }
        (FolderChange::Update | FolderChange::Add, None) | (FolderChange::Replace, _) => {
            named(&given, previous.as_ref())
        }
        (FolderChange::Update | FolderChange::Add, Some(previous)) => {
            let all_given = previous.folders().iter().all(|f| given.contains(&f.path));
            let new: Vec<PathBuf> = given
                .iter()
                .filter(|g| previous.folder(g).is_none())
                .cloned()
                .collect();
            if options.change == FolderChange::Update && !all_given {
                let overlap = new.len() < given.len();
                return Err(other(overlap, !new.is_empty()));
            }
            if new.is_empty() {
                previous.clone()
            } else {
                let mut paths: Vec<PathBuf> =
                    previous.folders().iter().map(|f| f.path.clone()).collect();
                paths.extend(new);
                named(&paths, Some(previous))
            }
        }
        (FolderChange::Remove, None) => {
            return Err(Error::BadValue {
                what: "--remove".into(),
                reason: format!(
                    "the index at {} records no corpus folders to remove",
                    options.index.display()
                ),
            })
        }
        (FolderChange::Remove, Some(previous)) => {
            let mut paths: Vec<PathBuf> =
                previous.folders().iter().map(|f| f.path.clone()).collect();
            for gone in &options.corpora {
                let path = fs::canonicalize(gone)
                    .or_else(|_| std::path::absolute(gone))
                    .unwrap_or_else(|_| gone.clone());
                let before = paths.len();
                paths.retain(|p| *p != path);
                if paths.len() == before {
                    return Err(Error::BadValue {
                        what: format!("--remove {}", gone.display()),
                        reason: format!(
                            "not a corpus folder of the index at {}, which reads {}",
                            options.index.display(),
                            previous
                                .folders()
                                .iter()
                                .map(|f| f.path.display().to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
            }
            if paths.is_empty() {
                return Err(Error::BadValue {
                    what: "--remove".into(),
                    reason: "would leave the index with no corpus folder: delete the index \
                             folder instead, or rebuild it from another with --replace"
                        .into(),
                });
            }
            named(&paths, Some(previous))
        }
    };
    nested(corpora.folders().iter().map(|f| &f.path))?;
    Ok((previous, corpora))
}

/// What a file's folder says that the file does not: its issuer, for a file that wants it, and the
/// countries of speakers it leaves without one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Prior {
    issuer: Option<CountryCode>,
    people: Vec<(String, CountryCode)>,
}

impl Prior {
    /// True when `evidence` is that of a reading with this prior.
    fn read(&self, evidence: &Evidence) -> bool {
        evidence.prior == self.issuer && evidence.placed == self.people
    }
}

/// Which reading of a file a build is at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase<'p> {
    /// Before its folder is known: read alone.
    First,
    /// With what its folder says.
    WithPrior(&'p Prior),
    /// Again, with what its folder says of its speakers, for a file indexed in the first phase.
    Again(&'p Prior),
}

/// A file a build may read, and how.
#[derive(Clone)]
struct Job<'a> {
    folder: &'a Folder<'a>,
    /// Its name in the index.
    key: String,
    entry: Entry,
    /// The version the index holds.
    old: Option<&'a IndexedFile>,
    meta: Option<&'a manifest::Meta>,
    phase: Phase<'a>,
    /// Same size, time and metadata as the version the index holds: not read in the first phase.
    kept: bool,
}

/// What a worker made of a file, for the build to apply in walk order.
enum Reading {
    /// Same size and time as the version the index holds, which was read with what its folder says:
    /// not read.
    Kept,
    /// Could not be read, or could not be parsed (the parser panicked).
    Failed(Error),
    /// The same bytes and metadata as the version the index holds, whose reading stands.
    Same(Fingerprint),
    /// Read and parsed.
    Parsed(Fingerprint, Parsed),
}

impl Job<'_> {
    fn prior(&self) -> &Prior {
        static NONE: Prior = Prior {
            issuer: None,
            people: Vec::new(),
        };
        match self.phase {
            Phase::First => &NONE,
            Phase::WithPrior(prior) | Phase::Again(prior) => prior,
        }
    }

    /// Reads and parses the file when its reading in the index does not stand. Runs on a worker
    /// thread; a panic of the parser fails this file alone, reported like one that cannot be read.
    fn read(&self, fields: &FieldMap) -> Reading {
        quietly(|| self.read_unshielded(fields)).unwrap_or_else(|panic| {
            Reading::Failed(Error::BadFile {
                path: self.entry.path.clone(),
                reason: format!("Demarche failed parsing it (a bug, please report it): {panic}"),
            })
        })
    }

    fn read_unshielded(&self, fields: &FieldMap) -> Reading {
        let (entry, old, prior) = (&self.entry, self.old, self.prior());
        if let (Phase::WithPrior(_), Some(old)) = (self.phase, old) {
            if old.fingerprint.same_stat(&entry.stat) && prior.read(&old.evidence) {
                return Reading::Kept;
            }
        }
        let read = corpus::read(entry).and_then(|source| match parse::refusal(&source) {
            Some(reason) => Err(Error::BadFile {
                path: entry.path.clone(),
                reason,
            }),
            None => Ok(source),
        });
        let source = match read {
            Ok(source) => source,
            Err(e) => return Reading::Failed(e),
        };
        let touched = old.is_some_and(|old| {
            old.fingerprint.hash == source.fingerprint.hash
                && old.fingerprint.meta == source.fingerprint.meta
                // In the first phase what its folder says is not known yet: the reading the index
                // holds stands until it is.
                && (self.phase == Phase::First || prior.read(&old.evidence))
        });
        if touched {
            return Reading::Same(source.fingerprint);
        }
        let context = Context {
            meta: self.meta,
            fields: Some(fields),
            prior: prior.issuer,
            people: &prior.people,
        };
        let mut parsed = parse::parse(&source, context);
        // Read as its folder's own, named as the index names it.
        for statement in &mut parsed.statements {
            rename(statement, &self.folder.corpus.name);
        }
        Reading::Parsed(source.fingerprint, parsed)
    }
}

/// The state one build shares while it applies what the workers read.
struct Run<'r, 'w> {
    writer: &'r Writer<'w>,
    report: &'r mut Report,
    progress: &'r mut dyn Progress,
    changed: bool,
    /// Names of the files that could not be read in their first reading of this build.
    failed: HashSet<String>,
}

impl Run<'_, '_> {
    /// Indexes what a worker read of one file, and returns the evidence of the reading the index holds;
    /// `None` when it could not be read (it is reported). Later, a file already indexed with what its
    /// folder says is left as it is.
    fn apply(&mut self, job: &Job, reading: Reading) -> Result<Option<Evidence>> {
        let (entry, key, old) = (&job.entry, job.key.as_str(), job.old);
        let again = matches!(job.phase, Phase::Again(_));
        let (fingerprint, parsed) = match reading {
            Reading::Kept => {
                self.report.unchanged += 1;
                self.progress.advance(key);
                return Ok(old.map(|old| old.evidence.clone()));
            }
            Reading::Failed(e) => {
                // Read again, the file was read well the first time: what fails now (a parser panic
                // with its folder's evidence, an edit between the two readings) is reported, and its
                // first reading stays in the index. Its progress was counted then.
                if !self.report.skipped.iter().any(|s| s.source == key) {
                    self.report
                        .skipped
                        .push(job.folder.skipped(&entry.rel, reason_of(&e, &entry.path)));
                }
                if !again {
                    self.failed.insert(key.to_string());
                    self.progress.advance(key);
                }
                return Ok(None);
            }
            Reading::Same(fingerprint) => {
                let old = old.expect("only an indexed file reads the same");
                if !again {
                    // Touched but not edited: only the recorded time moves.
                    self.report.bytes += fingerprint.state.size;
                    self.changed = true;
                    self.writer.delete_file_record(key)?;
                    self.writer.add_file(key, &fingerprint, &old.evidence)?;
                    self.report.unchanged += 1;
                    self.progress.advance(key);
                }
                // Read again, its first reading kept what the index holds, read with the same
                // countries.
                return Ok(Some(old.evidence.clone()));
            }
            Reading::Parsed(fingerprint, parsed) => (fingerprint, parsed),
        };
        self.changed = true;
        // A file the index does not know has nothing to delete; tantivy would otherwise hold one delete
        // per file of a first build until the commit and apply each to every segment. One read again
        // was counted the first time.
        if old.is_some() || again {
            self.writer.delete_source(key);
        }
        if !again {
            self.report.bytes += fingerprint.state.size;
            self.report.statements += parsed.statements.len();
            self.report.paragraphs += parsed
                .statements
                .iter()
                .map(|st| st.paragraphs.len())
                .sum::<usize>();
        }
        for statement in &parsed.statements {
            self.writer.add_statement(statement)?;
        }
        // A file with unreadable records is not recorded as done: the next build reads it again and
        // reports them again, until it is fixed.
        let complete = parsed.problems.is_empty();
        if !again {
            self.report.skipped.extend(
                parsed
                    .problems
                    .into_iter()
                    .map(|reason| job.folder.skipped(&entry.rel, reason)),
            );
        }
        let mut recorded = fingerprint;
        if !complete {
            // A version that matches no file: read again next time, yet deleted if removed.
            recorded.state.mtime_ns = -1;
            recorded.hash = 0;
        }
        self.writer.add_file(key, &recorded, &parsed.evidence)?;
        if !again {
            self.report.indexed += 1;
            self.progress.advance(key);
        }
        Ok(Some(parsed.evidence))
    }
}

/// Names a statement read from a folder named `name` as the index names it: `<name>/<its source>`, and
/// its id likewise; a statement of the first folder keeps its own.
fn rename(statement: &mut Statement, name: &str) {
    if !name.is_empty() {
        statement.source = format!("{name}/{}", statement.source);
        statement.id = format!("{name}/{}", statement.id);
    }
}

/// What besides its bytes shapes a file's statements: the rules that read it (a binary whose parsers,
/// attribution or lexicons differ reads every file again), its manifest row, and for JSON records, CSV
/// rows and Markdown front matter the field mapping.
fn meta_signature(meta: Option<&manifest::Meta>, format: corpus::Format, fields: &str) -> u64 {
    let rules = xxhash_rust::xxh3::xxh3_64(env!("DEMARCHE_RULES").as_bytes());
    let row = meta.map_or(0, manifest::Meta::signature) ^ rules.rotate_left(2);
    let mapping = if matches!(
        format,
        corpus::Format::Json | corpus::Format::Markdown | corpus::Format::Csv
    ) && !fields.is_empty()
    {
        xxhash_rust::xxh3::xxh3_64(fields.as_bytes())
    } else {
        0
    };
    row ^ mapping.rotate_left(1)
}

/// The reason to show for a file that could not be read: the error without the path, which the report
/// prints beside it.
fn reason_of(e: &crate::Error, path: &Path) -> String {
    match e {
        crate::Error::Io { source, .. } => source.to_string(),
        crate::Error::BadFile { reason, .. } => reason.clone(),
        e => e
            .to_string()
            .replace(&path.display().to_string(), "")
            .trim_start_matches(": ")
            .to_string(),
    }
}
