//! Damaged index files, searched: bytes flipped and files cut short in every kind of file an index holds.
//! A search must never panic, and never present a wrong answer as a good one: it either refuses, naming
//! the index and pointing to `demarche verify` or a rebuild (exit 2), or gives exactly the answers of the
//! undamaged index.
//!
//! The seal in `demarche.json` makes this hold for any damage that moves a file's size or modification
//! time. Damage that keeps both is beyond it, and is left to `demarche verify`:
//! `damage_that_keeps_size_and_time_is_found_by_verify` pins that limit down.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{self, Rng};
use crate::util::Env;

/// The searches compared: a count of everything, and the hits of a word query with all their fields.
const SEARCHES: &[&[&str]] = &[&["--count", "*"], &["--json", "--limit", "50", "trade"]];

/// How one run of the binary ended, reduced to what the test judges.
#[derive(Debug, PartialEq)]
enum Outcome {
    Answered(String),
    Refused,
}

/// An index with deletions (so a `.del` file) and the answers it gives undamaged.
struct Damageable {
    env: Env,
    index: PathBuf,
    answers: Vec<Outcome>,
}

fn damageable() -> Damageable {
    let env = Env::new();
    let mut rng = Rng::new(common::seed());
    for i in 0..6 {
        env.write(&format!("s{i}.txt"), common::statement(&mut rng, 6));
    }
    let index = env.root().join("index");
    common::build(&env, &index);
    env.write("s0.txt", common::statement(&mut rng, 7));
    env.bump_mtime("s0.txt", 60);
    common::build(&env, &index);
    assert!(
        files(&index).keys().any(|k| k == "del"),
        "the index has no deletions file: {:?}",
        files(&index)
    );
    let answers = SEARCHES.iter().map(|s| search(&env, &index, s)).collect();
    Damageable {
        env,
        index,
        answers,
    }
}

/// One file of each kind in the index, by kind: the segment file extensions, `meta.json`, `demarche.json`.
fn files(index: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    for name in common::referenced_files(index) {
        let kind = name.rsplit('.').next().unwrap().to_string();
        out.entry(kind).or_insert_with(|| index.join(&name));
    }
    out.insert("meta.json".into(), index.join("meta.json"));
    out.insert("demarche.json".into(), index.join("demarche.json"));
    out
}

/// Runs a search on `index`: its answer, or its refusal, checked to be a proper one.
fn search(env: &Env, index: &Path, args: &[&str]) -> Outcome {
    search_with_stderr(env, index, args).0
}

fn search_with_stderr(env: &Env, index: &Path, args: &[&str]) -> (Outcome, String) {
    let mut all = vec!["search", "--index", common::path_str(index)];
    all.extend_from_slice(args);
    let output = env.command(&all).output().expect("running demarche search");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    assert!(
        code.is_some() && code != Some(101) && !stderr.contains("panicked"),
        "{args:?} on {}: exit {code:?}, a panic or a signal\n{stderr}",
        index.display()
    );
    let outcome = match code {
        Some(0 | 1) => Outcome::Answered(String::from_utf8(output.stdout).expect("UTF-8")),
        Some(2) => {
            assert!(
                stderr.contains(common::path_str(index))
                    && (stderr.contains("demarche verify") || stderr.contains("rebuild")),
                "{args:?}: a refusal that does not name the index and the remedy:\n{stderr}"
            );
            Outcome::Refused
        }
        _ => panic!("{args:?}: exit {code:?}\n{stderr}"),
    };
    (outcome, stderr.into_owned())
}

/// Ways to damage a file of `len` bytes: flips of all bits at its start, middle and end (tantivy's footer),
/// and cuts to nothing, to half and by one byte. In JSON also flips of the lowest bit, which keep it text,
/// and flips a third of the way in.
fn damages(kind: &str, len: usize) -> Vec<Damage> {
    let json = kind.ends_with(".json");
    let mut at = vec![0, len / 2, len.saturating_sub(12), len.saturating_sub(1)];
    let mut masks = vec![0xff];
    if json {
        at.push(len / 3);
        masks.push(0x01);
    }
    let mut out = Vec::new();
    for at in at {
        for &mask in &masks {
            out.push(Damage::Flip { at, mask });
        }
    }
    for keep in [0, len / 2, len.saturating_sub(1)] {
        out.push(Damage::Cut { keep });
    }
    out
}

#[derive(Clone, Copy, Debug)]
enum Damage {
    Flip { at: usize, mask: u8 },
    Cut { keep: usize },
}

impl Damage {
    fn apply(self, path: &Path) {
        let mut bytes = fs::read(path).expect("reading the file to damage");
        match self {
            Damage::Flip { at, mask } => bytes[at] ^= mask,
            Damage::Cut { keep } => bytes.truncate(keep),
        }
        fs::write(path, bytes).expect("writing the damaged file");
    }
}

/// Damages every kind of file in every way, in a copy of `sound` each time, searching each copy.
/// Returns, by kind, how many damaged copies were refused and how many answered as the sound one.
fn damage_all(
    sound: &Damageable,
    kinds: impl Fn(&str) -> bool,
    searches: usize,
    prepare: impl Fn(&Path),
) -> BTreeMap<String, (usize, usize)> {
    let copy = sound.env.root().join("damaged");
    let mut tally = BTreeMap::new();
    for (kind, path) in files(&sound.index) {
        if !kinds(&kind) {
            continue;
        }
        let len = fs::metadata(&path).unwrap().len() as usize;
        for damage in damages(&kind, len) {
            common::copy_index(&sound.index, &copy);
            prepare(&copy);
            let victim = copy.join(path.file_name().unwrap());
            damage.apply(&victim);
            let entry: &mut (usize, usize) = tally.entry(kind.clone()).or_default();
            for (args, sound_answer) in SEARCHES.iter().zip(&sound.answers).take(searches) {
                match search(&sound.env, &copy, args) {
                    Outcome::Refused => entry.0 += 1,
                    answer => {
                        assert_eq!(
                            &answer, sound_answer,
                            "{damage:?} of {kind}: a wrong answer to {args:?}, given as good"
                        );
                        entry.1 += 1;
                    }
                }
            }
        }
    }
    tally
}

#[test]
fn a_damaged_file_of_any_kind_is_refused_or_harmless() {
    let sound = damageable();
    let tally = damage_all(&sound, |_| true, SEARCHES.len(), |_| {});
    eprintln!("damage (refused, answered as sound) by kind: {tally:?}");
    assert_eq!(tally.len(), 9, "a kind of file is missing: {tally:?}");
    // Every flip and cut moves the file's size or time, so its checksum is verified. The few copies that
    // answer anyway had a byte of a footer's metadata flipped, outside what the checksum covers.
    assert_mostly_refused(&tally);
}

#[track_caller]
fn assert_mostly_refused(tally: &BTreeMap<String, (usize, usize)>) {
    for (kind, (refused, answered)) in tally {
        if kind != "demarche.json" {
            assert!(refused > &(4 * answered), "{kind}: {tally:?}");
        }
    }
}

/// After a build cut short in its commit there is no seal until the next build: every file is then
/// verified on open, whatever its time, and damage to a segment file is still refused. (`meta.json` has
/// no checksum: until the next build seals it again, only the seal protects it.)
#[test]
fn without_a_seal_damaged_segment_files_are_still_refused() {
    let sound = damageable();
    let unseal = |index: &Path| {
        let path = index.join("demarche.json");
        let mut stamp: serde_json::Value =
            serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        stamp.as_object_mut().unwrap().remove("seal");
        fs::write(&path, stamp.to_string()).unwrap();
    };
    // The count alone: damage here is refused on open or not at all.
    let tally = damage_all(&sound, |kind| !kind.ends_with(".json"), 1, unseal);
    eprintln!("damage without a seal (refused, answered as sound) by kind: {tally:?}");
    assert_eq!(tally.len(), 7, "a kind of file is missing: {tally:?}");
    assert_mostly_refused(&tally);
}

/// The limit of the seal: a flip that keeps the file's size and time (the disk's own bit rot, or a tool
/// that restores the time) is not seen on open. Searches must still never panic: tantivy's own errors and
/// panics on such data become refusals. Some answer, and some of those answers are wrong; `demarche
/// verify`, which reads every byte, names the file.
#[test]
fn damage_that_keeps_size_and_time_is_found_by_verify() {
    let sound = damageable();
    let copy = sound.env.root().join("damaged");
    // By kind: refused, refused after a panic inside tantivy, answered as sound, answered otherwise.
    let mut tally: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for (kind, path) in files(&sound.index) {
        if kind.ends_with(".json") {
            continue;
        }
        let len = fs::metadata(&path).unwrap().len() as usize;
        for i in 0..8 {
            let victim = flipped_copy(&sound.index, &copy, &path, len * i / 8);
            let counts = tally.entry(kind.clone()).or_default();
            for (args, sound_answer) in SEARCHES.iter().zip(&sound.answers) {
                let (outcome, stderr) = search_with_stderr(&sound.env, &copy, args);
                let slot = match outcome {
                    Outcome::Refused if stderr.contains("tantivy failed reading it") => 1,
                    Outcome::Refused => 0,
                    answer if &answer == sound_answer => 2,
                    _ => 3,
                };
                counts[slot] += 1;
            }
            if i == 4 {
                let output = sound
                    .env
                    .command(&["verify", "--index", common::path_str(&copy)])
                    .output()
                    .unwrap();
                let report = String::from_utf8_lossy(&output.stdout);
                assert_eq!(output.status.code(), Some(2), "{kind}: {report}");
                assert!(
                    report.contains(&*victim.file_name().unwrap().to_string_lossy()),
                    "{kind}: verify does not name the file\n{report}"
                );
            }
        }
    }
    eprintln!(
        "damage keeping size and time (refused, refused after a tantivy panic, answered as sound, \
         answered otherwise) by kind: {tally:?}"
    );
}

/// What reads an index besides `search` reads it through the same shield: on damage past the seal (a flip
/// that keeps the file's size and time), `stats`, `export` and an update by `index` answer or refuse
/// with the one-line message naming the index and the remedy (exit 2), never with tantivy's panic or an
/// abort.
#[test]
fn stats_export_and_index_read_damage_as_search_does() {
    let sound = damageable();
    let copy = sound.env.root().join("damaged");
    let index = common::path_str(&copy);
    let commands: &[&[&str]] = &[
        &["stats", "--index", index],
        &["export", "--index", index],
        &["index", "--index", index],
    ];
    // By command: refused, refused after a panic inside tantivy, answered.
    let mut tally: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for (kind, path) in files(&sound.index) {
        if kind.ends_with(".json") {
            continue;
        }
        let len = fs::metadata(&path).unwrap().len() as usize;
        for i in 0..8 {
            for args in commands {
                flipped_copy(&sound.index, &copy, &path, len * i / 8);
                let output = sound.env.command(args).output().expect("running demarche");
                let stderr = String::from_utf8_lossy(&output.stderr);
                let code = output.status.code();
                let what = format!("{args:?} after a flip at {i}/8 of {kind}: exit {code:?}");
                assert!(
                    !stderr.contains("panicked") && code.is_some() && code != Some(101),
                    "{what}, a panic or a signal\n{stderr}"
                );
                let slot = match code {
                    Some(0) => 2,
                    Some(2) => {
                        assert!(
                            stderr.contains(index)
                                && (stderr.contains("demarche verify") || stderr.contains("rebuild")),
                            "{what}, a refusal that does not name the index and the remedy:\n{stderr}"
                        );
                        usize::from(stderr.contains("tantivy failed reading it"))
                    }
                    _ => panic!("{what}\n{stderr}"),
                };
                tally.entry(args[0]).or_default()[slot] += 1;
            }
        }
    }
    eprintln!(
        "damage keeping size and time (refused, refused after a tantivy panic, answered) by command: \
         {tally:?}"
    );
    // Each command met damage it could not read past: the refusals above were checked, not skipped.
    for args in commands {
        let [refused, after_panic, _] = tally[args[0]];
        assert!(
            refused + after_panic > 0,
            "{} never refused: {tally:?}",
            args[0]
        );
    }
}

/// A fresh copy of the index at `sound` in `copy`, with one byte of its file `path` flipped at `at` and
/// the file's size and modification time kept: damage only a checksum finds. Returns the damaged file.
fn flipped_copy(sound: &Path, copy: &Path, path: &Path, at: usize) -> PathBuf {
    common::copy_index(sound, copy);
    let victim = copy.join(path.file_name().unwrap());
    let mtime = fs::metadata(&victim).unwrap().modified().unwrap();
    Damage::Flip { at, mask: 0xff }.apply(&victim);
    fs::File::options()
        .write(true)
        .open(&victim)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    victim
}

/// What the check on open costs: for an index as its build left it, a read of the two small JSON files and a
/// `stat` per file; against it, what verifying every checksum would cost on each open. (Release build:
/// about 20 µs for 12 files, against 150 µs for their checksums.)
#[test]
fn checking_an_unchanged_index_on_open_is_cheap() {
    let env = Env::new();
    let mut rng = Rng::new(common::seed());
    for i in 0..40 {
        env.write(&format!("s{i:02}.txt"), common::statement(&mut rng, 20));
    }
    let index = env.root().join("index");
    common::build(&env, &index);
    let store = demarche::Store::open(&index).unwrap();
    // The fastest of many rounds: what the work costs, without the waits of a busy machine.
    let fastest = |rounds, f: &dyn Fn()| {
        (0..rounds)
            .map(|_| {
                let started = Instant::now();
                f();
                started.elapsed()
            })
            .min()
            .unwrap()
    };
    let check = fastest(200, &|| store.check().unwrap());
    let checksums = fastest(20, &|| {
        assert!(store.index().validate_checksum().unwrap().is_empty())
    });
    let size: u64 = fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    eprintln!(
        "open check: {check:?} for {} files ({} KB); every checksum: {checksums:?}",
        common::referenced_files(&index).len(),
        size / 1024
    );
    // Generous for a debug build; a check that read the files would cost what the checksums do.
    assert!(check < Duration::from_millis(2), "{check:?}");
    assert!(check * 3 < checksums, "{check:?} against {checksums:?}");
}
