//! The one error type of the library.
//!
//! Every kind carries what failed (a path, a query, a flag value) so that a message printed to a user
//! names it; the binary adds context with `anyhow` and prints the chain. A kind that wraps a cause keeps it
//! as its `source` and leaves it out of its own message, so the chain names each cause once.

use std::path::{Path, PathBuf};

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in Demarche's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file or folder failed.
    #[error("{}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// A file could be read but not used as a statement (binary, undecodable, malformed).
    #[error("{}: {reason}", path.display())]
    BadFile {
        /// The file concerned.
        path: PathBuf,
        /// Why it was not used.
        reason: String,
    },
    /// No index exists at the given place.
    #[error("no index at {}: {}", path.display(), if *occupied {
        "it is a folder of other files: check the path; an index is built in a new or empty folder of its \
         own (`demarche index FOLDER --index NEW-FOLDER`)".to_string()
    } else {
        format!("check the path, or build one there with `demarche index FOLDER --index {}`", shell(path))
    })]
    NoIndex {
        /// Where an index was expected.
        path: PathBuf,
        /// Whether it is a folder holding other files, where no index can be built: a user's own.
        occupied: bool,
    },
    /// The index's first build was cut short: it holds nothing, and would find nothing.
    #[error("the first build of the index at {} did not finish: run `demarche index CORPUS --index {}` to finish it", path.display(), path.display())]
    FirstBuildUnfinished {
        /// The index folder.
        path: PathBuf,
    },
    /// A build was asked to index folders other than those the index was built from, which would delete
    /// every paragraph of the folders left out.
    #[error("{}", other_corpus(index, recorded, given, *overlap, *new))]
    OtherCorpus {
        /// The index folder.
        index: PathBuf,
        /// The folders it was built from, as said to the user.
        recorded: Vec<String>,
        /// The folders given now, as the user gave them, each with the folder it leads to when that is
        /// through a link and not a folder of the index: a link re-pointed since the index was built.
        given: Vec<(PathBuf, Option<PathBuf>)>,
        /// Whether some of the folders given are among those it was built from.
        overlap: bool,
        /// Whether some of the folders given are not.
        new: bool,
    },
    /// A corpus folder the index was built from is missing: a build would delete all its paragraphs.
    #[error("the corpus folder {} of the index at {} is missing, so the index was left as it was: restore the folder, or {}", path.display(), index.display(), drop_folder(index, path, *alone))]
    CorpusGone {
        /// The index folder.
        index: PathBuf,
        /// The missing folder.
        path: PathBuf,
        /// Whether it is the index's only folder.
        alone: bool,
    },
    /// A corpus folder the index holds files of now holds none it reads (emptied, unmounted, or
    /// unreadable): a build would delete all its paragraphs.
    #[error("the corpus folder {} of the index at {} has no files Demarche reads (emptied, unmounted or unreadable?), so the index was left as it was: restore its files, or {}", path.display(), index.display(), drop_folder(index, path, *alone))]
    CorpusEmpty {
        /// The index folder.
        index: PathBuf,
        /// The folder that lists no files.
        path: PathBuf,
        /// Whether it is the index's only folder.
        alone: bool,
    },
    /// The corpus folder does not exist.
    #[error("no corpus folder at {}: give the folder of statements to index (`demarche index FOLDER`)", path.display())]
    NoCorpus {
        /// The folder given.
        path: PathBuf,
    },
    /// The index on disk was written by another format version of Demarche, or has no readable format
    /// stamp at all (and may be another program's).
    #[error("{}", match found {
        Some(found) => format!(
            "the index at {} has format {found}, this demarche reads format {expected}: rebuild the index \
             ({}){}",
            path.display(),
            rebuild(path, corpora),
            if *newer { ", or search it with the newer demarche that wrote it" } else { "" },
        ),
        None => format!(
            "the folder {} holds an index with no readable demarche.json, so not one this demarche wrote \
             (or its format stamp was lost): give the folder of a Demarche index, or build one in a new \
             folder with `demarche index {} --index NEW-FOLDER`",
            path.display(),
            folders(corpora),
        ),
    })]
    IndexVersion {
        /// The index folder.
        path: PathBuf,
        /// What the index says it is; `None` when it has no stamp at all: then it may not be Demarche's,
        /// and deleting it is never advised.
        found: Option<String>,
        /// What this build reads.
        expected: String,
        /// Whether the index is of a later format than this build reads.
        newer: bool,
        /// The corpus folders its last build read, as its commit records them; empty when unknown.
        corpora: Vec<PathBuf>,
    },
    /// The index on disk is damaged: a file changed or cut short since its commit, or data tantivy cannot
    /// read. Searching it could give wrong answers, so it is refused.
    #[error("the index at {} is damaged ({detail}): run `demarche verify --index {}` to list the damage, and rebuild the index ({})", path.display(), shell(path), rebuild(path, corpora))]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// What is wrong.
        detail: String,
        /// The corpus folders its last build read, as its commit records them; empty when unknown.
        corpora: Vec<PathBuf>,
    },
    /// Another process holds the index writer lock.
    #[error("the index at {} is being built by another process", path.display())]
    IndexLocked {
        /// The index folder.
        path: PathBuf,
    },
    /// The query could not be parsed.
    #[error("bad query {query:?}: {reason}")]
    Query {
        /// The query as typed.
        query: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A filter or option value is not valid (a date, a country, a number).
    #[error("{what}: {reason}")]
    BadValue {
        /// The value as typed, with the option it came from.
        what: String,
        /// What is wrong with it.
        reason: String,
    },
    /// tantivy failed; `context` says what Demarche was doing.
    #[error("{context}")]
    Index {
        /// What Demarche was doing.
        context: String,
        /// tantivy's error.
        source: tantivy::TantivyError,
    },
}

/// The message of [`Error::OtherCorpus`]: what the index holds, and each way on.
fn other_corpus(
    index: &Path,
    recorded: &[String],
    given: &[(PathBuf, Option<PathBuf>)],
    overlap: bool,
    new: bool,
) -> String {
    let index = index.display();
    let named: Vec<String> = given
        .iter()
        .map(|(g, target)| match target {
            Some(t) => format!("{} (a link to {})", g.display(), t.display()),
            None => g.display().to_string(),
        })
        .collect();
    let given: Vec<String> = given.iter().map(|(g, _)| g.display().to_string()).collect();
    let (said, typed) = (and_list(&given), given.join(" "));
    let mut ways = Vec::new();
    if overlap {
        ways.push(format!(
            "to update it from all its folders, run `demarche index --index {index}`"
        ));
    }
    if new {
        ways.push(if overlap {
            format!("to keep its folders and add the new ones, run `demarche index {typed} --index {index} --add`")
        } else {
            format!("to add {said} to it, run `demarche index {typed} --index {index} --add`")
        });
    }
    ways.push(format!(
        "to rebuild it from {said} {}, run `demarche index {typed} --index {index} --replace`",
        if overlap { "alone" } else { "instead" }
    ));
    if !overlap {
        ways.push(format!(
            "to keep them apart, give {said} an index of its own (--index)"
        ));
    }
    format!(
        "the index at {index} was built from {}, not {}{}: {}",
        and_list(recorded),
        and_list(&named),
        if overlap { " alone" } else { "" },
        ways.join("; ")
    )
}

/// How to rebuild the Demarche index at `index` from the folders `corpora` (the remedy for an index that
/// cannot be used): `delete idx and run `demarche index corpus --index idx``. Only ever said of a folder
/// known to be a Demarche index.
pub(crate) fn rebuild(index: &Path, corpora: &[PathBuf]) -> String {
    format!(
        "delete {} and run `demarche index {} --index {}`",
        index.display(),
        folders(corpora),
        shell(index)
    )
}

/// How to stop using a corpus folder that is gone or empty: drop it from the index, or, when it is the
/// index's only folder, rebuild the index from another.
fn drop_folder(index: &Path, path: &Path, alone: bool) -> String {
    if alone {
        format!(
            "rebuild the index from another folder with `demarche index FOLDER --index {} --replace`",
            shell(index)
        )
    } else {
        format!(
            "drop it from the index with `demarche index --index {} --remove {}`",
            shell(index),
            shell(path)
        )
    }
}

/// Corpus folders as arguments to type, or `CORPUS` when they are not known.
fn folders(corpora: &[PathBuf]) -> String {
    if corpora.is_empty() {
        return "CORPUS".into();
    }
    corpora
        .iter()
        .map(|c| shell(c))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A path as a shell word: as it is when that is safe to type, else in single quotes.
fn shell(path: &Path) -> String {
    let text = path.to_string_lossy();
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:@=%~".contains(c);
    if !text.is_empty() && text.chars().all(plain) && !text.starts_with('~') {
        text.into_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Wraps a tantivy error with what Demarche was doing.
    pub fn index(context: impl Into<String>, source: tantivy::TantivyError) -> Error {
        Error::Index {
            context: context.into(),
            source,
        }
    }

    /// True when this error is a user mistake in a query or option rather than a failure.
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Query { .. } | Error::BadValue { .. })
    }
}
