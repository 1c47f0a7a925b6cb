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
    #[error("no index at {}: check the path, or build one there with `demarche index FOLDER --index {}`", path.display(), path.display())]
    NoIndex {
        /// Where an index was expected.
        path: PathBuf,
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
        /// The folders given now, as the user gave them.
        given: Vec<PathBuf>,
        /// Whether some of the folders given are among those it was built from.
        overlap: bool,
        /// Whether some of the folders given are not.
        new: bool,
    },
    /// A corpus folder the index was built from is missing: a build would delete all its paragraphs.
    #[error("the corpus folder {} of the index at {} is missing, so the index was left as it was: restore the folder, or {}", path.display(), index.display(), if *alone {
        format!("rebuild the index from another with `demarche index FOLDER --index {} --replace`", index.display())
    } else {
        format!("drop it from the index with `demarche index --index {} --remove {}`", index.display(), path.display())
    })]
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
    #[error("the corpus folder {} of the index at {} has no files Demarche reads (emptied, unmounted or unreadable?), so the index was left as it was: restore its files, or {}", path.display(), index.display(), if *alone {
        format!("rebuild the index from another folder with `demarche index FOLDER --index {} --replace`", index.display())
    } else {
        format!("drop it from the index with `demarche index --index {} --remove {}`", index.display(), path.display())
    })]
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
    /// The index on disk was written by another format version of Demarche.
    #[error("the index at {} has format {found}, this demarche reads format {expected}: rebuild the index (delete the folder and run `demarche index`)", path.display())]
    IndexVersion {
        /// The index folder.
        path: PathBuf,
        /// What the index says it is.
        found: String,
        /// What this build reads.
        expected: String,
    },
    /// The index on disk is damaged: a file changed or cut short since its commit, or data tantivy cannot
    /// read. Searching it could give wrong answers, so it is refused.
    #[error("the index at {} is damaged ({detail}): run `demarche verify` to list the damage, and rebuild the index (delete the folder and run `demarche index`)", path.display())]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// What is wrong.
        detail: String,
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
    given: &[PathBuf],
    overlap: bool,
    new: bool,
) -> String {
    let index = index.display();
    let given: Vec<String> = given.iter().map(|g| g.display().to_string()).collect();
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
        "the index at {index} was built from {}, not {said}{}: {}",
        and_list(recorded),
        if overlap { " alone" } else { "" },
        ways.join("; ")
    )
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
