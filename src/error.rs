//! The one error type of the library.
//!
//! Every kind carries what failed (a path, a query, a flag value) so that a message printed to a user
//! names it; the binary adds context with `anyhow` and prints the chain. A kind that wraps a cause keeps it
//! as its `source` and leaves it out of its own message, so the chain names each cause once.

use std::path::PathBuf;

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
    /// A build was asked to index a folder other than the one the index was built from, which would
    /// delete every paragraph of the first.
    #[error("the index at {} was built from {recorded}, not {}: to rebuild it from {} instead, run `demarche index {} --index {} --replace`; to keep both, give {} an index of its own (--index)", index.display(), given.display(), given.display(), given.display(), index.display(), given.display())]
    OtherCorpus {
        /// The index folder.
        index: PathBuf,
        /// The folder it was built from, as said to the user.
        recorded: String,
        /// The folder given now.
        given: PathBuf,
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
