//! Demarche: full-text search for diplomatic statements, attributed paragraph by paragraph to speaker,
//! country and date.
//!
//! The library offers four things, in the order data flows through them: [`build()`] an index from
//! corpus folders (walking, decoding and parsing each file into attributed paragraphs on the way) and keep it
//! up to date; open it as a [`Store`]; [`search()`] it with a [`Request`] for ranked [`Hit`]s, each wrapping
//! the paragraph's [`Record`]; or [`export()`] every record. [`analysis`] answers research questions over the
//! same requests: counts by group, trends over time, keyword in context and who said it first. The stages a build runs before indexing, [`corpus`],
//! [`manifest`] and [`parse`], are public too, for tools that run them on single files.
//!
//! ```
//! use demarche::{build, search, Options, Quiet, Request, Store};
//! let dir = tempfile::tempdir()?;
//! let corpus = dir.path().join("corpus");
//! std::fs::create_dir(&corpus)?;
//! std::fs::write(corpus.join("call.txt"), "Ministers Speak on the Phone\n\n\
//!     On May 4, 2022, Foreign Minister of Ruritania Anna Berg spoke with Foreign Minister of Freedonia Tom Vale.\n\n\
//!     Berg said the Belt and Road is a topic.\n")?;
//! let options = Options::new(corpus, dir.path().join("index"));
//! build(&options, &mut Quiet)?;
//! let store = Store::open(&options.index)?;
//! let request = Request { query: "\"belt and road\"".into(), limit: 10, ..Default::default() };
//! let results = search(&store, &request)?;
//! assert_eq!(results.hits[0].record.speakers, ["Anna Berg"]);
//! assert_eq!(results.hits[0].record.date.as_deref(), Some("2022-05-04"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod analysis;
mod bench;
mod build;
mod cli;
mod document;
mod error;
mod export;
mod extract;
mod gazetteer;
mod index;
mod output;
mod schema;
mod search;
mod serve;
mod stats;
mod tokenize;
mod verify;

// Whole modules, because the attribution evaluation (tests/suite/eval.rs), the build benchmark and
// examples/attribute.rs replay a build's first stages file by file: walk, read and decode, load the
// metadata manifests, parse.
pub mod corpus;
pub mod manifest;
pub mod parse;

pub use build::{build, build_in, FolderChange, Options, Progress, Quiet, Report, SkippedFile};
pub use document::Record;
pub use error::{Error, Result};
pub use export::for_each as export;
pub use gazetteer::CountryCode;
pub use index::{Corpora, CorpusFolder, Store, WriterOptions};
pub use search::{count, in_context, search, Hit, InContext, Request, Results, Snippet, Sort};

// src/main.rs builds another crate, which sees only this surface; this is all it calls.
pub use cli::main;

// For the build benchmark: the tokenizer it times alone, and the queries `demarche bench` times as
// commands, which it times in process.
pub use bench::Query as BenchQuery;
pub use cli::bench::{queries as bench_queries, DEFAULT_QUERIES as BENCH_QUERIES};
pub use tokenize::WordTokenizer;
