//! Reliability: what is left of an index after a build is killed, after the disk fills up or refuses the
//! commit, after its files are damaged, and what searches see while it is rebuilt.
//!
//! A test binary of its own, apart from `tests/tests.rs`, because these tests are slow: they build real
//! indexes again and again. The long kill loop is ignored by plain `cargo test` and run by
//! `cargo test -- --include-ignored`, the README's and CI's command. The modules live in `tests/crash/`,
//! out of Cargo's sight.
//!
//! - `common`: a seeded statement generator, index copies, and the checks every test makes
//! - `kill`: SIGKILL at random moments of a full build and of an update
//! - `faults`: a tantivy directory that runs out of space after N bytes, or cannot write `meta.json`
//! - `damage`: flipped and truncated index files, searched
//! - `concurrent`: searches, in this process and in others, while another process updates the index

#[allow(dead_code)]
#[path = "suite/util.rs"]
mod util;

#[path = "crash/common.rs"]
mod common;
#[path = "crash/concurrent.rs"]
mod concurrent;
#[path = "crash/damage.rs"]
mod damage;
#[path = "crash/faults.rs"]
mod faults;
#[path = "crash/kill.rs"]
mod kill;
