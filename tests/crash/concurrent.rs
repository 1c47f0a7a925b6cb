//! Searches while another process updates the index: every one must succeed and see one whole commit, the
//! one before the update or the one after, and once a searcher has seen the new one it never sees the old
//! one again.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Instant;

use demarche::{count, search, Request, Store};

use crate::common::{self, Rng};
use crate::util::Env;

/// Searches made in all, at the least.
const SEARCHES: usize = 200;

fn all() -> Request {
    Request {
        query: "*".into(),
        limit: 3,
        ..Request::default()
    }
}

/// What one searcher saw, in order.
type Seen = Vec<usize>;

/// Searches until `stop` and `SEARCHES / 3` searches are both reached, each through a store opened
/// afresh (so the checks on open run against a commit in progress) or through one kept open.
fn searcher(index: PathBuf, stop: Arc<AtomicBool>, reopen: bool) -> Result<Seen, String> {
    let mut seen = Vec::new();
    let mut kept = None;
    while !(stop.load(Ordering::SeqCst) && seen.len() >= SEARCHES / 3) {
        let fresh;
        let store = if reopen {
            fresh = Store::open(&index).map_err(|e| format!("opening: {e}"))?;
            &fresh
        } else {
            kept.get_or_insert_with(|| Store::open(&index).expect("the index opens"))
        };
        // Two searches, each on the commit of its moment: one may see the update and the other not.
        let request = all();
        let count = count(store, &request).map_err(|e| format!("counting: {e}"))?;
        let results = search(store, &request).map_err(|e| format!("searching: {e}"))?;
        if results.hits.len() != 3 {
            return Err(format!("{} hits of {}", results.hits.len(), results.total));
        }
        seen.extend([count, results.total]);
    }
    Ok(seen)
}

/// `demarche search --count '*'` as another process, until `running` is false and `SEARCHES / 3` ran.
fn processes(env: &Env, index: &Path, mut running: impl FnMut() -> bool) -> Seen {
    let mut seen = Vec::new();
    while running() || seen.len() < SEARCHES / 3 {
        seen.push(common::count(env, index));
    }
    seen
}

/// Edits 20 of the 30 files, removes 5 and adds 5.
fn change(env: &Env, rng: &mut Rng, round: usize) {
    for i in 0..20 {
        let name = format!("s{i:02}.txt");
        env.write(&name, common::statement(rng, 20 + round));
        env.bump_mtime(&name, 60 * (round as u64 + 1));
    }
    for i in 25 - 5 * round..30 - 5 * round {
        let _ = std::fs::remove_file(env.corpus().join(format!("s{i:02}.txt")));
    }
    for i in 0..5 {
        env.write(&format!("new{round}-{i}.txt"), common::statement(rng, 20));
    }
}

#[test]
fn searches_during_an_update_see_the_old_commit_or_the_new_one() {
    let env = Env::new();
    let mut rng = Rng::new(common::seed());
    for i in 0..30 {
        env.write(&format!("s{i:02}.txt"), common::statement(&mut rng, 20));
    }
    let index = env.root().join("index");
    common::build(&env, &index);
    // A first update leaves deletions in the commit; the second replaces them, and the files of the
    // first are deleted while searches may be reading them.
    change(&env, &mut rng, 0);
    common::build(&env, &index);
    let old = common::count(&env, &index);
    change(&env, &mut rng, 1);

    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = [true, false]
        .into_iter()
        .map(|reopen| {
            let (index, stop) = (index.clone(), stop.clone());
            thread::spawn(move || searcher(index, stop, reopen))
        })
        .collect();
    let started = Instant::now();
    let mut update = env
        .command(&["index", "corpus", "--index", common::path_str(&index)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting the update");
    let mut took = None;
    let mut seen = vec![processes(&env, &index, || {
        if took.is_none() && update.try_wait().expect("waiting").is_some() {
            took = Some(started.elapsed());
        }
        took.is_none()
    })];
    let status = update.wait().expect("waiting for the update");
    assert!(status.success(), "the update failed: {status:?}");
    stop.store(true, Ordering::SeqCst);
    for thread in threads {
        seen.push(
            thread
                .join()
                .expect("a searcher panicked")
                .expect("a search failed"),
        );
    }
    let new = common::count(&env, &index);
    assert_ne!(old, new, "the update must change the count");
    for (who, counts) in ["processes", "reopening", "kept open"].iter().zip(&seen) {
        assert!(
            counts.iter().all(|c| *c == old || *c == new),
            "{who} saw counts other than {old} and {new}: {counts:?}"
        );
        let first_new = counts
            .iter()
            .position(|c| *c == new)
            .unwrap_or(counts.len());
        assert!(
            counts[first_new..].iter().all(|c| *c == new),
            "{who} saw the old commit after the new one: {counts:?}"
        );
    }
    let total: usize = seen.iter().map(Vec::len).sum();
    let during: usize = seen
        .iter()
        .map(|s| s.iter().filter(|c| **c == old).count())
        .sum();
    eprintln!(
        "concurrent: {total} searches, {during} of them on the old commit while the update ran ({:?})",
        took.unwrap_or_default()
    );
    assert!(total >= SEARCHES);
    assert!(
        during > 0,
        "no search ran during the update: nothing was tested"
    );
    common::assert_sound(&env, &index);
}
