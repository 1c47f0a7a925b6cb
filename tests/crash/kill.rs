//! `demarche index` killed with SIGKILL at seeded random moments, during a full build and during an
//! incremental update: after each kill the index must verify, answer from one whole commit (the one before
//! the run or the one it made, nothing in between), and one more run must bring it to exactly what a clean
//! build gives, holding no file but that commit's.
//!
//! A third of the kills fall anywhere in the run; a third wait for the commit to begin (the run unseals
//! `demarche.json` first) and fall inside it, while tantivy writes the segments; the last third wait for the
//! new `meta.json` and fall in the few milliseconds after it, while merges, the deletion of the old commit's
//! files and the new seal are under way.
//!
//! `cargo test --test crash` makes a few kills; `DEMARCHE_KILLS=N` makes N, and the ignored test at least
//! 50 (`cargo test -- --include-ignored`, as CI runs it). `DEMARCHE_SEED` replays a run.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::{self, Rng};
use crate::util::Env;

/// Statements in the corpus before the update, and paragraphs in each: a full build takes about a second
/// in a debug build.
const FILES: usize = 40;
const PARAGRAPHS: usize = 20;

#[test]
fn builds_killed_at_random_moments_keep_one_whole_commit() {
    kill_loop(kills().unwrap_or(6));
}

#[test]
#[ignore = "30 s to 3 min in a debug build; `cargo test -- --include-ignored` (CI) runs it"]
fn fifty_kills() {
    kill_loop(kills().unwrap_or(50).max(50));
}

fn kills() -> Option<usize> {
    std::env::var("DEMARCHE_KILLS").ok()?.parse().ok()
}

/// The corpus before and after the update, and what a clean build of the updated one holds.
struct Fixture {
    env: Env,
    /// An index of the corpus before the update, copied before every killed update.
    before: PathBuf,
    before_count: usize,
    after_count: usize,
    after_export: Vec<String>,
    /// How long an uninterrupted full build and update take, and how long their commits.
    full: Watched,
    update: Watched,
}

fn fixture(rng: &mut Rng) -> Fixture {
    let env = Env::new();
    for i in 0..FILES {
        env.write(&format!("s{i:02}.txt"), common::statement(rng, PARAGRAPHS));
    }
    let before = env.root().join("before");
    common::build(&env, &before);
    let before_count = common::count(&env, &before);
    // The update: edits, removals and additions, all in one run.
    for i in 0..6 {
        let name = format!("s{i:02}.txt");
        let mut text = fs::read_to_string(env.corpus().join(&name)).unwrap();
        text += &common::statement(rng, 3)
            .split("\n\n")
            .skip(2)
            .collect::<Vec<_>>()
            .join("\n\n");
        env.write(&name, text);
        env.bump_mtime(&name, 60);
    }
    for i in FILES - 6..FILES {
        env.remove(&format!("s{i:02}.txt"));
    }
    for i in 0..6 {
        env.write(&format!("new{i}.txt"), common::statement(rng, PARAGRAPHS));
    }
    let clean = env.root().join("clean");
    let full = watch(&env, &clean, None);
    assert!(!full.killed, "{full}");
    let after_count = common::count(&env, &clean);
    let after_export = common::export(&env, &clean);
    assert_eq!(after_export.len(), after_count);
    assert_ne!(
        before_count, after_count,
        "the update must change the count"
    );
    common::assert_no_orphans(&clean);
    // An uninterrupted update gives what a clean build gives.
    let updated = env.root().join("updated");
    common::copy_index(&before, &updated);
    let update = watch(&env, &updated, None);
    assert!(!update.killed, "{update}");
    assert_eq!(common::export(&env, &updated), after_export);
    common::assert_no_orphans(&updated);
    Fixture {
        env,
        before,
        before_count,
        after_count,
        after_export,
        full,
        update,
    }
}

/// When to kill a run.
#[derive(Clone, Copy, Debug)]
enum Plan {
    /// This long after it started.
    At(Duration),
    /// This long after its commit began.
    IntoCommit(Duration),
    /// This long after its new `meta.json` appeared.
    AfterMeta(Duration),
}

/// A run of `demarche index`, watched and perhaps killed.
#[derive(Clone, Copy, Debug, Default)]
struct Watched {
    /// From start to exit or kill.
    elapsed: Duration,
    /// When the commit began, if it was seen to.
    commit: Option<Duration>,
    /// When the new `meta.json` appeared, if it was seen to.
    meta: Option<Duration>,
    killed: bool,
    code: Option<i32>,
}

impl fmt::Display for Watched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "run of {:?}, commit from {:?}, meta.json at {:?}, killed: {}, exit {:?}",
            self.elapsed, self.commit, self.meta, self.killed, self.code
        )
    }
}

impl Watched {
    /// How long the commit took; a guess if the run ended before the watcher saw it begin.
    fn commit_time(&self) -> Duration {
        self.commit
            .map_or(self.elapsed / 4, |c| self.elapsed.saturating_sub(c))
    }

    /// How long the run went on after its new `meta.json`; a guess if the run ended before the watcher,
    /// which polls every millisecond or so, saw it.
    fn after_meta_time(&self) -> Duration {
        self.meta.map_or(Duration::from_millis(10), |m| {
            self.elapsed.saturating_sub(m)
        })
    }
}

/// The generation and seal of `demarche.json`, read the way a reader would.
fn stamp(index: &Path) -> Option<(u64, bool)> {
    let stamp: serde_json::Value =
        serde_json::from_slice(&fs::read(index.join("demarche.json")).ok()?).ok()?;
    Some((
        stamp["generation"].as_u64().unwrap_or(0),
        !stamp["seal"].is_null(),
    ))
}

/// The opstamp of the index's commit; 0 for none or an empty one.
fn opstamp(index: &Path) -> u64 {
    fs::read(index.join("meta.json"))
        .ok()
        .and_then(|m| serde_json::from_slice::<serde_json::Value>(&m).ok())
        .and_then(|m| m["opstamp"].as_u64())
        .unwrap_or(0)
}

/// Runs `demarche index` on `index`, killing it as `plan` says.
fn watch(env: &Env, index: &Path, plan: Option<Plan>) -> Watched {
    // A new index is stamped (generation 0) and sealed empty (1) before its first commit unseals it.
    let base = stamp(index).map_or(1, |(generation, _)| generation);
    let base_opstamp = opstamp(index);
    let started = Instant::now();
    let mut child = env
        .command(&["index", "corpus", "--index", common::path_str(index)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting demarche index");
    let mut commit = None;
    let mut meta = None;
    loop {
        if let Some(status) = child.try_wait().expect("waiting for demarche index") {
            return Watched {
                elapsed: started.elapsed(),
                commit,
                meta,
                killed: false,
                code: status.code(),
            };
        }
        if commit.is_none()
            && stamp(index).is_some_and(|(generation, sealed)| generation > base && !sealed)
        {
            commit = Some(started.elapsed());
        }
        if commit.is_some() && meta.is_none() && opstamp(index) > base_opstamp {
            meta = Some(started.elapsed());
        }
        let due = match plan {
            None => false,
            Some(Plan::At(at)) => started.elapsed() >= at,
            Some(Plan::IntoCommit(into)) => commit.is_some_and(|c| started.elapsed() >= c + into),
            Some(Plan::AfterMeta(after)) => meta.is_some_and(|m| started.elapsed() >= m + after),
        };
        if due {
            child.kill().expect("killing demarche index");
            child.wait().expect("reaping demarche index");
            return Watched {
                elapsed: started.elapsed(),
                commit,
                meta,
                killed: true,
                code: None,
            };
        }
        sleep(Duration::from_millis(1));
    }
}

/// Where the kills fell, for the summary.
#[derive(Default, Debug)]
struct Tally {
    kills: usize,
    in_commit: usize,
    after_meta: usize,
    finished_first: usize,
    no_index: usize,
    old: usize,
    new: usize,
}

/// A plan for kill `i`: anywhere in a run like `typical`, inside its commit, or after its `meta.json`.
fn plan(rng: &mut Rng, i: usize, typical: &Watched) -> Plan {
    let span = |d: Duration, rng: &mut Rng| d.mul_f64(rng.unit());
    match i % 3 {
        0 => Plan::At(span(typical.elapsed.mul_f64(1.1), rng)),
        1 => Plan::IntoCommit(span(typical.commit_time(), rng)),
        _ => Plan::AfterMeta(span(typical.after_meta_time(), rng)),
    }
}

/// Kills a run on `index` as planned and checks what it left: verifies, and answers either `old` (`None`:
/// no index yet, or one whose first build did not finish) or the updated corpus.
/// A run that committed before its kill becomes the `typical` one, so that the next plans fit the
/// machine's pace as it is now.
fn kill_and_check(
    fx: &Fixture,
    index: &Path,
    plan: Plan,
    old: Option<usize>,
    typical: &mut Watched,
    tally: &mut Tally,
) {
    let run = watch(&fx.env, index, Some(plan));
    if !run.killed {
        tally.finished_first += 1;
        assert_eq!(run.code, Some(0), "{plan:?}: {run}");
    } else {
        tally.kills += 1;
        if run.meta.is_some() {
            tally.after_meta += 1;
        } else if run.commit.is_some() {
            tally.in_commit += 1;
        }
    }
    if !run.killed && run.commit.is_some() {
        *typical = run;
    }
    if !index.join("meta.json").exists() {
        assert!(old.is_none(), "{plan:?}: {run}: the index is gone");
        tally.no_index += 1;
        return;
    }
    common::assert_sound(&fx.env, index);
    // A first build killed before it committed leaves an index that says so, rather than an empty one
    // that would answer every search with nothing.
    if old.is_none() && common::first_build_unfinished(&fx.env, index) {
        tally.old += 1;
        return;
    }
    let count = common::count(&fx.env, index);
    if count == fx.after_count {
        tally.new += 1;
    } else {
        assert_eq!(
            count,
            old.unwrap_or(0),
            "{plan:?}: {run}: neither the old commit ({old:?}) nor the new one ({})",
            fx.after_count
        );
        tally.old += 1;
    }
}

/// The run after the kills: it must end where a clean build does, with no file left over.
fn recover_and_check(fx: &Fixture, index: &Path) {
    common::build(&fx.env, index);
    assert_eq!(common::export(&fx.env, index), fx.after_export);
    common::assert_no_orphans(index);
    common::assert_sound(&fx.env, index);
}

fn kill_loop(kills: usize) {
    let seed = common::seed();
    let started = Instant::now();
    let mut rng = Rng::new(seed);
    let mut fx = fixture(&mut rng);
    eprintln!(
        "crash: seed {seed}; full build {:?} (commit {:?}, after meta.json {:?}), update {:?} (commit {:?}, after meta.json {:?}); {} → {} paragraphs",
        fx.full.elapsed,
        fx.full.commit_time(),
        fx.full.after_meta_time(),
        fx.update.elapsed,
        fx.update.commit_time(),
        fx.update.after_meta_time(),
        fx.before_count,
        fx.after_count
    );
    let index = fx.env.root().join("index");
    // Runs that end before their kill do not count: go on until enough were killed, within reason.
    let mut full = Tally::default();
    for i in 0.. {
        if full.kills >= kills.div_ceil(2) || i >= 3 * kills {
            break;
        }
        let _ = fs::remove_dir_all(&index);
        let plan = plan(&mut rng, i, &fx.full);
        let mut typical = fx.full;
        kill_and_check(&fx, &index, plan, None, &mut typical, &mut full);
        fx.full = typical;
        recover_and_check(&fx, &index);
    }
    let mut update = Tally::default();
    for i in 0.. {
        if update.kills >= kills / 2 || i >= 3 * kills {
            break;
        }
        common::copy_index(&fx.before, &index);
        let mut typical = fx.update;
        let plan = plan(&mut rng, i, &typical);
        let old = Some(fx.before_count);
        kill_and_check(&fx, &index, plan, old, &mut typical, &mut update);
        if i % 3 == 2 {
            // Crash upon crash: each run starts from what the last one left.
            for j in 0..2 {
                let plan = self::plan(&mut rng, i + j + 1, &typical);
                kill_and_check(&fx, &index, plan, old, &mut typical, &mut update);
            }
        }
        fx.update = typical;
        recover_and_check(&fx, &index);
    }
    eprintln!(
        "crash: full build: {full:?}\ncrash: update: {update:?}\ncrash: {} kills survived in {:?}",
        full.kills + update.kills,
        started.elapsed()
    );
    assert!(
        full.kills + update.kills >= kills,
        "too few runs were killed in time"
    );
}

/// A run with nothing to index still clears what a killed one left: segment files written for a commit that
/// never came, and the scratch files of atomic writes cut short. tantivy's own clean-up runs only after a
/// commit, which such a run does not make.
#[test]
fn a_run_with_nothing_to_do_clears_what_a_killed_run_left() {
    let env = Env::new();
    let mut rng = Rng::new(common::seed());
    for i in 0..3 {
        env.write(&format!("s{i}.txt"), common::statement(&mut rng, 5));
    }
    let index = env.root().join("index");
    common::build(&env, &index);
    let before = common::export(&env, &index);
    {
        // What a build killed in its commit leaves: its segments on disk, no `meta.json` naming them.
        let store = demarche::Store::open(&index).unwrap();
        let tantivy = store.index();
        let mut writer: tantivy::IndexWriter =
            tantivy.writer_with_num_threads(1, 20_000_000).unwrap();
        let schema = tantivy.schema();
        let text = schema.get_field("text").unwrap();
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(text, "never committed");
        writer.add_document(doc).unwrap();
        let prepared = writer.prepare_commit().unwrap();
        drop(prepared);
        drop(writer);
    }
    fs::write(index.join(".tmpk1LLed"), "half of a .managed.json").unwrap();
    fs::write(index.join(".demarche.json.new"), "{").unwrap();
    let listed = fs::read_dir(&index).unwrap().count();
    assert!(
        listed > common::referenced_files(&index).len() + 7,
        "the aborted commit left no segment files: nothing is tested"
    );
    common::build(&env, &index);
    common::assert_no_orphans(&index);
    assert_eq!(common::export(&env, &index), before);
    common::assert_sound(&env, &index);
}

/// Update after update, with the merges tantivy makes once segments pile up: after each, the folder holds
/// the last commit's files and nothing else.
#[test]
fn updates_and_merges_leave_only_the_last_commit() {
    let env = Env::new();
    let mut rng = Rng::new(common::seed());
    let index = env.root().join("index");
    for i in 0..10 {
        env.write(&format!("s{i}.txt"), common::statement(&mut rng, 3));
        if i % 3 == 2 {
            env.remove(&format!("s{}.txt", i - 1));
        }
        common::build(&env, &index);
        common::assert_no_orphans(&index);
    }
    let segments = common::referenced_files(&index).len() / 6;
    assert!(segments < 8, "no merge happened: {segments} segments");
}
