//! `demarche.json`: the format stamp of an index, and the seal of its last commit.
//!
//! tantivy checks no checksum when it opens an index, and `meta.json` has none at all, so a damaged file
//! would be searched as if it were sound. `demarche.json` therefore also seals each commit: a hash of
//! `meta.json` and the size and modification time of every file the commit references. Opening compares
//! those (a read and a few `stat`s) and verifies the checksum of any file that differs, so a file changed or
//! cut short since its commit is refused, not searched. What the seal cannot see is damage that keeps both
//! size and modification time: a bit flipped by the disk itself, or a tool that restores the time after
//! writing. `demarche verify` reads every byte and finds those too.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, META_LOCK};
use tantivy::index::{IndexMeta, SegmentComponent};
use tantivy::TantivyError;

use super::{Store, META_FILE};
use crate::corpus::FileState;
use crate::error::{Error, Result};
use crate::schema::FORMAT_VERSION;
use crate::tokenize::TOKENIZER_NAME;

/// The file beside tantivy's own that records which Demarche format wrote the index, and seals its commit.
pub(super) const FORMAT_FILE: &str = "demarche.json";
/// Where a new `demarche.json` is written before it replaces the old one.
pub(super) const FORMAT_SCRATCH: &str = ".demarche.json.new";

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

/// Stamps the folder `index` with the current format, before tantivy writes anything into it.
pub(super) fn stamp_new(index: &Path) -> Result<()> {
    write_stamp(index, &FormatStamp::current())
}

/// Fails with [`Error::IndexVersion`] unless the index at `index` was written in the current format.
pub(super) fn check_format(index: &Path) -> Result<()> {
    let (_, found) = read_stamp(index)?;
    if found.as_ref().is_some_and(FormatStamp::is_current) {
        return Ok(());
    }
    Err(Error::IndexVersion {
        path: index.to_path_buf(),
        newer: found.as_ref().is_some_and(|f| f.format > FORMAT_VERSION),
        // A stamp that is there but does not read is Demarche's, damaged; only an index with none at all
        // may be another program's.
        found: match found {
            Some(f) => Some(format!("{} ({})", f.format, f.tokenizer)),
            None if index.join(FORMAT_FILE).exists() => {
                Some(format!("unknown ({FORMAT_FILE} is damaged)"))
            }
            None => None,
        },
        expected: format!("{FORMAT_VERSION} ({TOKENIZER_NAME})"),
        corpora: super::recorded_folders(index),
    })
}

/// Gives tantivy's `meta.json` and `.managed.json` the permissions of the format stamp, which was created
/// with the user's defaults (umask): tantivy writes them through temporary files that only their owner may
/// read, which would keep the rest of a group that shares an index out of it.
pub(super) fn share_like_stamp(index: &Path) -> Result<()> {
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
fn commit_files(metas: &IndexMeta) -> Vec<String> {
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

/// The files of a commit as they were found: the state of each one present, and what is wrong, one line
/// per file.
struct Inspection {
    states: BTreeMap<String, FileState>,
    problems: Vec<String>,
}

impl Store {
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

    /// Every file of the commit `metas` that is missing or fails its checksum, one line each: for
    /// `verify`, which reports damage file by file where [`Store::check`] refuses it as a whole. Reads
    /// every byte, trusting no seal.
    pub(crate) fn damaged_files(&self, metas: &IndexMeta) -> Result<Vec<String>> {
        let names = commit_files(metas);
        let found = self.inspect(names.iter().map(|name| (name, None)))?;
        Ok(found.problems)
    }

    /// Fails with [`Error::Damaged`] when any file of the last commit is missing or fails its checksum,
    /// reading every byte whatever the seal says: for a reader about to decompress every stored block,
    /// where a damaged block's size field can ask the allocator for petabytes, which aborts the process
    /// rather than panicking into the shield.
    pub(crate) fn check_every_byte(&self) -> Result<()> {
        let problems = self.damaged_files(&self.metas()?)?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(self.damaged(problems.join("; ")))
        }
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
        let found = self.inspect(files)?;
        if found.problems.is_empty() {
            Ok(found.states)
        } else {
            Err(self.damaged(found.problems.join("; ")))
        }
    }

    /// Like [`Store::check_files`], with what is wrong listed instead of refused.
    fn inspect<'a>(
        &self,
        files: impl Iterator<Item = (&'a String, Option<FileState>)>,
    ) -> Result<Inspection> {
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
        Ok(Inspection { states, problems })
    }

    /// Seals the index as it is on disk, if no writer holds it: one does what it must then seals itself.
    pub(super) fn seal_unless_busy(&self) -> Result<()> {
        match self.index.directory().acquire_lock(&INDEX_WRITER_LOCK) {
            Ok(_lock) => self.seal(|_| None),
            Err(_) => Ok(()),
        }
    }

    /// Records the last commit in `demarche.json`. `sound` gives the state in which a file is known sound;
    /// a file in any other state is verified first. The caller holds the writer lock, so nothing changes
    /// the commit meanwhile.
    fn seal(&self, sound: impl Fn(&str) -> Option<FileState>) -> Result<()> {
        share_like_stamp(&self.path)?;
        let (_, stamp) = read_stamp(&self.path)?;
        let mut stamp = stamp.unwrap_or_else(FormatStamp::current);
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

    /// Seals the commit a writer of this process has just made. Every file of the commit was written by
    /// that writer, just now: each is trusted as it is.
    pub(super) fn seal_written(&self) -> Result<()> {
        self.seal(|name| FileState::of(&self.path.join(name)).ok())
    }

    /// Writes `demarche.json` without a seal, before a commit changes what it would describe.
    pub(super) fn unseal(&self) -> Result<()> {
        let (_, stamp) = read_stamp(&self.path)?;
        let mut stamp = stamp.unwrap_or_else(FormatStamp::current);
        stamp.seal = None;
        stamp.generation += 1;
        write_stamp(&self.path, &stamp)
    }

    /// Brings the seal up to date when it is missing or stale, as a build cut short leaves it; fails when
    /// `meta.json` is not the one sealed, since only a writer changes it and this one holds the lock.
    pub(super) fn reseal(&self) -> Result<()> {
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
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::index::WriterOptions;

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

    fn built() -> (tempfile::TempDir, PathBuf) {
        super::super::one_readout_index()
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
}
