//! Integration tests: the real `demarche` binary, run in a temporary folder per test.
//!
//! One test binary, so the binary under test is built once and the tests share one helper. The modules
//! live in `tests/suite/` rather than beside this file because Cargo builds every `tests/*.rs` as a test
//! binary of its own; the `#[path]`s keep them out of its sight without `autotests = false` in Cargo.toml.
//!
//! - `util`: the test environment (a corpus folder, the binary run in it, its output)
//! - `analysis`: `count`, `trend`, `kwic` and `first`, counted by hand and against an export of real corpora
//! - `cli`: help examples, completions, the manual page, the version
//! - `folders`: indexes of several corpus folders: built together, added to, refused, a folder dropped
//! - `index`: building, incremental updates, bad files, encodings, the lock, the format stamp
//! - `search`: filters, query syntax, exit codes
//! - `output`: JSON Lines, CSV, counts, limits, date order, closed pipes, untrusted text
//! - `stats`: the index summary
//! - `documents`: PDF and Word statements: the seed printed and saved, meeting records, scans, hostile PDFs
//! - `formats`: JSON records, HTML pages, metadata manifests, and the encodings they come in
//! - `export`: every paragraph in corpus order, as JSON Lines or CSV
//! - `ranking`: a truth table of query → expected best paragraph
//! - `eval`: attribution accuracy on the hand-labelled set in `tests/eval/`
//! - `phrases`: phrase hits on the shared corpora against an independent count of the files holding them
//! - `threads`: a build on several threads gives the same export and report as one on one thread
//! - `serve`: `demarche serve` over HTTP: the API against `--json`, errors, headers, escaping, a build
//!   while serving, many clients at once (`load` drives them)
//! - `browser`: `demarche serve` in headless Chromium: search, a facet, a permalink, the chart, no script
//! - `zoo`: a hostile corpus (bad encodings, binaries, odd names, loops, deep markup, huge, unreadable
//!   and changing files): each bad file reported by name, each good one indexed, no hang

#[path = "suite/util.rs"]
mod util;

#[path = "suite/analysis.rs"]
mod analysis;
#[path = "suite/browser.rs"]
mod browser;
#[path = "suite/cli.rs"]
mod cli;
#[path = "suite/documents.rs"]
mod documents;
#[path = "suite/eval.rs"]
mod eval;
#[path = "suite/export.rs"]
mod export;
#[path = "suite/folders.rs"]
mod folders;
#[path = "suite/formats.rs"]
mod formats;
#[path = "suite/index.rs"]
mod index;
#[path = "suite/load.rs"]
mod load;
#[path = "suite/output.rs"]
mod output;
#[path = "suite/phrases.rs"]
mod phrases;
#[path = "suite/ranking.rs"]
mod ranking;
#[path = "suite/search.rs"]
mod search;
#[path = "suite/serve.rs"]
mod serve;
#[path = "suite/stats.rs"]
mod stats;
#[path = "suite/threads.rs"]
mod threads;
#[path = "suite/zoo.rs"]
mod zoo;
