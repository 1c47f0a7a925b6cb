//! Demarche: full-text search for diplomatic statements, attributed paragraph by paragraph to speaker,
//! country and date.
//!
//! Data flows one way: [`corpus`] walks and decodes files, [`parse`] turns each into a [`parse::Statement`]
//! of attributed paragraphs, [`index`] stores them with the [`schema`] and [`tokenize`]r as
//! [`document`]s, [`build`] drives an incremental update, [`search`] turns a query into ranked
//! [`search::Hit`]s, each wrapping a [`document::Record`], and [`output`] prints them.
//!
//! ```
//! use demarche::{build, index::Store, search};
//! let dir = tempfile::tempdir()?;
//! let corpus = dir.path().join("corpus");
//! std::fs::create_dir(&corpus)?;
//! std::fs::write(corpus.join("call.txt"), "Ministers Speak on the Phone\n\n\
//!     On May 4, 2022, Foreign Minister of Ruritania Anna Berg spoke with Foreign Minister of Freedonia Tom Vale.\n\n\
//!     Berg said the Belt and Road is a topic.\n")?;
//! let options = build::Options::new(corpus, dir.path().join("index"));
//! build::build(&options, &mut build::Quiet)?;
//! let store = Store::open(&options.index)?;
//! let request = search::Request { query: "\"belt and road\"".into(), limit: 10, ..Default::default() };
//! let results = search::search(&store, &request)?;
//! assert_eq!(results.hits[0].record.speakers, ["Anna Berg"]);
//! assert_eq!(results.hits[0].record.date.as_deref(), Some("2022-05-04"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod bench;
pub mod build;
pub mod cli;
pub mod corpus;
pub mod document;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod index;
pub mod manifest;
pub mod output;
pub mod parse;
pub mod schema;
pub mod search;
pub mod stats;
pub mod tokenize;
pub mod verify;

pub use error::{Error, Result};
