//! A corpus folder to an up-to-date index: walk, read what changed, parse, and commit once.
//!
//! Incremental by file: a file whose size and modification time match its record is not read again; a
//! changed file's paragraphs are replaced; a removed file's are deleted. A file that cannot be read is
//! reported and skipped, and what the index already held for it is kept. All changes of a run are one
//! commit: a crash or an error leaves the previous index whole.
//!
//! Files are read, parsed and attributed on worker threads (`ordered.rs`) while tantivy indexes on its
//! own; their documents reach the index in walk order whoever finished first, so a build's index,
//! report and export are the same on any number of threads.

mod ordered;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::corpus::{self, Entry, Fingerprint, Skipped};
use crate::error::{Error, Result};
use crate::gazetteer::CountryCode;
use crate::index::{quietly, IndexedFile, Store, Writer, WriterOptions};
use crate::manifest;
use crate::parse::{self, Context, Evidence, FieldMap, Parsed};

/// What to build from where.
#[derive(Clone, Debug)]
pub struct Options {
    /// Corpus folder.
    pub corpus: PathBuf,
    /// Index folder; created when missing.
    pub index: PathBuf,
    /// Threads and memory. `writer.threads` is both the number of threads that read, parse and
    /// attribute files and the number of tantivy's indexing threads: the two stages pass files along
    /// bounded queues, so the slower one gets the cores the other leaves idle.
    pub writer: WriterOptions,
    /// Record keys for JSON fields, beyond the usual names.
    pub fields: FieldMap,
    /// Rebuild an index that was built from another folder from this one, deleting what it held.
    pub replace: bool,
}

impl Options {
    /// Building `index` from `corpus` with the default writer and the usual JSON field names.
    pub fn new(corpus: impl Into<PathBuf>, index: impl Into<PathBuf>) -> Options {
        Options {
            corpus: corpus.into(),
            index: index.into(),
            writer: WriterOptions::default(),
            fields: FieldMap::default(),
            replace: false,
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
    pub skipped: Vec<Skipped>,
    /// Files in formats Demarche does not read, counted by kind (".pdf").
    pub unread: BTreeMap<String, usize>,
    /// Statements added.
    pub statements: usize,
    /// Paragraphs added.
    pub paragraphs: usize,
    /// Bytes read from files.
    pub bytes: u64,
    /// Wall time.
    pub seconds: f64,
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

/// Receives progress: called once with the number of files, then after each file.
pub trait Progress {
    /// The walk found `total` files.
    fn start(&mut self, total: usize);
    /// One more file is done.
    fn advance(&mut self, rel: &str);
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

/// Brings the index at `options.index` up to date with the corpus.
pub fn build(options: &Options, progress: &mut dyn Progress) -> Result<Report> {
    build_in(options, progress, Store::open_or_create)
}

/// Like [`build`], with the index opened (or created) by `open` from `options.index`: for a store whose
/// tantivy directory fails on purpose, in tests.
pub fn build_in(
    options: &Options,
    progress: &mut dyn Progress,
    open: impl FnOnce(&Path) -> Result<Store>,
) -> Result<Report> {
    let started = Instant::now();
    // Walk first: a missing corpus must not leave an empty index behind that hides the mistake.
    let mut walk = corpus::walk(&options.corpus, manifest::is_candidate)?;
    let folder = fs::canonicalize(&options.corpus).map_err(|e| Error::io(&options.corpus, e))?;
    let store = open(&options.index)?;
    // The lock first: what the index holds and which folder it was built from cannot change under the
    // checks below.
    let mut writer = store.writer(options.writer)?;
    let recorded = store.corpus()?;
    let known = store.files()?;
    // Indexing another folder would delete every paragraph of the first, as files no longer there. An
    // index written before folders were recorded is taken for this folder's only if it shares files
    // with it.
    let other = match &recorded {
        Some(recorded) => (*recorded != folder).then(|| recorded.display().to_string()),
        None if !known.is_empty() && !walk.entries.iter().any(|e| known.contains_key(&e.rel)) => {
            Some(format!(
                "another folder (none of its {} files is in this one)",
                known.len()
            ))
        }
        None => None,
    };
    let replacing = other.is_some();
    if let Some(recorded) = other.filter(|_| !options.replace) {
        return Err(Error::OtherCorpus {
            index: options.index.clone(),
            recorded,
            given: options.corpus.clone(),
        });
    }
    let (manifest, manifest_problems) = manifest::load(&options.corpus, &walk.manifests);
    // A table of statements and a manifest share their extension; a manifest is not indexed.
    walk.entries.retain(|e| !manifest.is_manifest(&e.rel));
    let mut report = Report {
        seen: walk.entries.len(),
        skipped: walk.skipped,
        unread: std::mem::take(&mut walk.unread),
        ..Report::default()
    };
    report.skipped.extend(manifest_problems);
    let fields_signature = options.fields.signature();
    progress.start(walk.entries.len());
    let present: HashSet<&str> = walk.entries.iter().map(|e| e.rel.as_str()).collect();
    let workers = options.writer.threads.max(1);
    let mut run = Run {
        writer: &writer,
        report: &mut report,
        progress,
        changed: false,
    };
    // A file whose statements never say who issues them takes the issuer its folder's files speak as (an
    // archive's folder is usually one ministry's), or the nearest folder's above it; a speaker a file
    // leaves without a country takes the one other files give them. Both are known once every file has
    // been read: such a file is indexed at once, and read again only if they change what it says.
    let mut priors = parse::FolderPriors::default();
    // Files to settle, with the evidence of the reading the index holds, and whether they were read
    // in this build.
    let mut later: Vec<(Entry, Option<&IndexedFile>, Evidence, bool)> = Vec::new();
    let first: Vec<Job> = walk
        .entries
        .iter()
        .map(|entry| {
            let meta = manifest.get(&entry.rel);
            let mut entry = entry.clone();
            entry.stat.meta = meta_signature(meta, entry.format, &fields_signature);
            let old = known.get(&entry.rel);
            // Another folder's file of the same name, size and time is not this one's: a replaced
            // index reads every file.
            let kept = old.filter(|old| !replacing && old.fingerprint.same_stat(&entry.stat));
            Job {
                entry,
                old,
                meta,
                phase: Phase::First,
                kept: kept.is_some(),
            }
        })
        .collect();
    let fields = &options.fields;
    ordered::for_each_in_order(
        &first,
        workers,
        "demarche-parse",
        |job| (!job.kept).then(|| job.read(fields)),
        |job, reading| {
            let Some(reading) = reading else {
                let old = job.old.expect("kept files are indexed");
                priors.add(&job.entry.rel, &old.evidence);
                if old.evidence.wants_prior || !old.evidence.unplaced.is_empty() {
                    later.push((job.entry.clone(), job.old, old.evidence.clone(), false));
                } else {
                    run.report.unchanged += 1;
                    run.progress.advance(&job.entry.rel);
                }
                return Ok(());
            };
            if let Some(found) = run.apply(job, reading)? {
                priors.add(&job.entry.rel, &found);
                if found.wants_prior || !found.unplaced.is_empty() {
                    later.push((job.entry.clone(), job.old, found, true));
                }
            }
            Ok(())
        },
    )?;
    drop(first);
    let settled: Vec<Prior> = later
        .iter()
        .map(|(entry, _, evidence, _)| Prior {
            issuer: priors.prior(&entry.rel).filter(|_| evidence.wants_prior),
            people: priors.people(&evidence.unplaced),
        })
        .collect();
    let again: Vec<Job> = later
        .into_iter()
        .zip(&settled)
        .filter(|((_, _, evidence, read_now), prior)| !read_now || !prior.read(evidence))
        .map(|((entry, old, _, read_now), prior)| Job {
            meta: manifest.get(&entry.rel),
            entry,
            old,
            phase: if read_now {
                Phase::Again(prior)
            } else {
                Phase::WithPrior(prior)
            },
            kept: false,
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
    for rel in known.keys() {
        let under_unlisted = walk
            .unlisted
            .iter()
            .any(|dir| rel.starts_with(&format!("{dir}/")));
        let skipped_now = report.skipped.iter().any(|s| &s.rel == rel);
        if !present.contains(rel.as_str()) && !under_unlisted && !skipped_now {
            writer.delete_source(rel);
            report.removed += 1;
            changed = true;
        }
    }
    progress.finish();
    // The first build of a folder commits even with nothing to add: the commit records that it finished.
    if changed || recorded.as_ref() != Some(&folder) {
        writer.finishes_build_of(folder);
        writer.commit()?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
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
struct Job<'a> {
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
        let parsed = parse::parse(&source, context);
        Reading::Parsed(source.fingerprint, parsed)
    }
}

/// The state one build shares while it applies what the workers read.
struct Run<'r, 'w> {
    writer: &'r Writer<'w>,
    report: &'r mut Report,
    progress: &'r mut dyn Progress,
    changed: bool,
}

impl Run<'_, '_> {
    /// Indexes what a worker read of one file, and returns the evidence of the reading the index holds;
    /// `None` when it could not be read (it is reported). Later, a file already indexed with what its
    /// folder says is left as it is.
    fn apply(&mut self, job: &Job, reading: Reading) -> Result<Option<Evidence>> {
        let (entry, old) = (&job.entry, job.old);
        let again = matches!(job.phase, Phase::Again(_));
        let (fingerprint, parsed) = match reading {
            Reading::Kept => {
                self.report.unchanged += 1;
                self.progress.advance(&entry.rel);
                return Ok(old.map(|old| old.evidence.clone()));
            }
            Reading::Failed(e) => {
                // Read again, the file was read well the first time: what fails now (a parser panic
                // with its folder's evidence, an edit between the two readings) is reported, and its
                // first reading stays in the index. Its progress was counted then.
                if !self.report.skipped.iter().any(|s| s.rel == entry.rel) {
                    self.report.skipped.push(Skipped {
                        rel: entry.rel.clone(),
                        reason: reason_of(&e, &entry.path),
                    });
                }
                if !again {
                    self.progress.advance(&entry.rel);
                }
                return Ok(None);
            }
            Reading::Same(fingerprint) => {
                let old = old.expect("only an indexed file reads the same");
                if !again {
                    // Touched but not edited: only the recorded time moves.
                    self.report.bytes += fingerprint.state.size;
                    self.changed = true;
                    self.writer.delete_file_record(&entry.rel)?;
                    self.writer
                        .add_file(&entry.rel, &fingerprint, &old.evidence)?;
                    self.report.unchanged += 1;
                    self.progress.advance(&entry.rel);
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
            self.writer.delete_source(&entry.rel);
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
            self.report
                .skipped
                .extend(parsed.problems.into_iter().map(|reason| Skipped {
                    rel: entry.rel.clone(),
                    reason,
                }));
        }
        let mut recorded = fingerprint;
        if !complete {
            // A version that matches no file: read again next time, yet deleted if removed.
            recorded.state.mtime_ns = -1;
            recorded.hash = 0;
        }
        self.writer
            .add_file(&entry.rel, &recorded, &parsed.evidence)?;
        if !again {
            self.report.indexed += 1;
            self.progress.advance(&entry.rel);
        }
        Ok(Some(parsed.evidence))
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
