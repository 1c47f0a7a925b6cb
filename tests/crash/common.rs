//! What the reliability tests share: a seeded generator of statements, copies of an index, and the checks
//! every test makes of an index after something went wrong (it verifies, it answers from one commit, it
//! holds nothing but that commit's files).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Output;

use crate::util::Env;

/// xorshift64*: the same statements and the same kill times for the same seed, with no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The seed of a test run: `DEMARCHE_SEED` when set, so a failure can be replayed, else a fixed one.
pub fn seed() -> u64 {
    std::env::var("DEMARCHE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_d1b1)
}

const PEOPLE: &[(&str, &str, &str)] = &[
    ("Norway", "Prime Minister", "Ingrid Vale"),
    ("Chile", "Foreign Minister", "Tomas Aranda"),
    ("Peru", "Foreign Minister", "Luisa Ortega"),
    ("Kenya", "President", "Amina Odhiambo"),
    ("Japan", "Foreign Minister", "Kenji Sato"),
    ("Brazil", "President", "Paulo Costa"),
    ("Ghana", "Foreign Minister", "Kwame Mensah"),
    ("Finland", "Prime Minister", "Aino Virtanen"),
];

const WORDS: &[&str] = &[
    "trade",
    "security",
    "climate",
    "cooperation",
    "investment",
    "energy",
    "ocean",
    "fisheries",
    "hydrogen",
    "copper",
    "railway",
    "corridor",
    "vaccines",
    "border",
    "dialogue",
    "sovereignty",
    "development",
    "friendship",
    "partnership",
    "tourism",
    "agriculture",
    "finance",
    "technology",
    "infrastructure",
    "the",
    "and",
    "of",
    "in",
];

const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

/// A readout of talks between two people: a title, a dated opening, then `paragraphs` attributed ones.
pub fn statement(rng: &mut Rng, paragraphs: usize) -> String {
    let a = PEOPLE[rng.below(PEOPLE.len())];
    let mut b = PEOPLE[rng.below(PEOPLE.len())];
    while b.0 == a.0 {
        b = PEOPLE[rng.below(PEOPLE.len())];
    }
    let mut out = format!(
        "{} of {} {} Holds Talks with {} of {} {}\n\nOn {} {}, {}, {} of {} {} held talks with {} of {} {}.\n\n",
        a.1,
        a.0,
        a.2,
        b.1,
        b.0,
        b.2,
        rng.pick(MONTHS),
        1 + rng.below(28),
        2010 + rng.below(15),
        a.1,
        a.0,
        a.2,
        b.1,
        b.0,
        b.2
    );
    for _ in 0..paragraphs {
        let speaker = if rng.below(2) == 0 { a } else { b };
        let surname = speaker.2.split(' ').nth(1).unwrap_or(speaker.2);
        out += &format!("{surname} said that");
        for _ in 0..40 {
            out.push(' ');
            out += rng.pick(WORDS);
        }
        out += ".\n\n";
    }
    out
}

/// Copies an index folder, keeping modification times: the copy is sealed just as the original was.
pub fn copy_index(from: &Path, to: &Path) {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).expect("creating the copy");
    for entry in fs::read_dir(from).expect("listing the index") {
        let entry = entry.expect("an index entry");
        let target = to.join(entry.file_name());
        fs::copy(entry.path(), &target).expect("copying an index file");
        let mtime = entry.metadata().and_then(|m| m.modified()).expect("mtime");
        fs::File::options()
            .write(true)
            .open(&target)
            .and_then(|f| f.set_modified(mtime))
            .expect("setting mtime");
    }
}

/// The files `meta.json` references, read from it here rather than through tantivy or Demarche, so that
/// the check does not share their mistakes.
pub fn referenced_files(index: &Path) -> BTreeSet<String> {
    let meta: serde_json::Value =
        serde_json::from_slice(&fs::read(index.join("meta.json")).expect("reading meta.json"))
            .expect("meta.json is JSON");
    let mut files = BTreeSet::new();
    for segment in meta["segments"].as_array().expect("a list of segments") {
        let id = segment["segment_id"]
            .as_str()
            .expect("a segment id")
            .replace('-', "");
        for ext in ["idx", "pos", "term", "store", "fast", "fieldnorm"] {
            files.insert(format!("{id}.{ext}"));
        }
        if let Some(opstamp) = segment["deletes"]["opstamp"].as_u64() {
            files.insert(format!("{id}.{opstamp}.del"));
        }
    }
    files
}

/// Asserts that the index folder holds its commit's files and nothing else but the commit, the list of
/// tantivy's files, the locks, the format stamp and the totals `trend` reads.
#[track_caller]
pub fn assert_no_orphans(index: &Path) {
    let referenced = referenced_files(index);
    let listed: BTreeSet<String> = fs::read_dir(index)
        .expect("listing the index")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let allowed = [
        "meta.json",
        ".managed.json",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
        "demarche.json",
        "totals.tsv",
    ];
    let orphans: Vec<_> = listed
        .iter()
        .filter(|f| !referenced.contains(*f) && !allowed.contains(&f.as_str()))
        .collect();
    let missing: Vec<_> = referenced.difference(&listed).collect();
    assert!(
        orphans.is_empty() && missing.is_empty(),
        "{}: orphans {orphans:?}, missing {missing:?}",
        index.display()
    );
}

/// The stdout of a finished command, failing the test on a panic or an unexpected exit code.
#[track_caller]
pub fn stdout(what: &str, output: Output, codes: &[i32]) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    assert!(
        code.is_some_and(|c| codes.contains(&c)) && !stderr.contains("panicked"),
        "{what}: exit {code:?}, expected one of {codes:?}\n--- stdout\n{}--- stderr\n{stderr}",
        String::from_utf8_lossy(&output.stdout)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// `demarche index CORPUS --index INDEX`, expected to succeed.
#[track_caller]
pub fn build(env: &Env, index: &Path) {
    let output = env
        .command(&["index", "corpus", "--index", path_str(index)])
        .output()
        .expect("running demarche index");
    stdout("demarche index", output, &[0]);
}

/// The paragraphs the index answers `*` with.
#[track_caller]
pub fn count(env: &Env, index: &Path) -> usize {
    let output = env
        .command(&["search", "--index", path_str(index), "--count", "*"])
        .output()
        .expect("running demarche search");
    stdout("demarche search --count", output, &[0, 1])
        .trim()
        .parse()
        .expect("a count")
}

/// True when searching the index is refused because its first build did not finish, as a build killed
/// before its first commit leaves it.
#[track_caller]
pub fn first_build_unfinished(env: &Env, index: &Path) -> bool {
    let output = env
        .command(&["search", "--index", path_str(index), "--count", "*"])
        .output()
        .expect("running demarche search");
    output.status.code() == Some(2)
        && String::from_utf8_lossy(&output.stderr).contains("first build of the index")
}

/// Asserts that `demarche verify` finds the index sound.
#[track_caller]
pub fn assert_sound(env: &Env, index: &Path) {
    let output = env
        .command(&["verify", "--index", path_str(index)])
        .output()
        .expect("running demarche verify");
    stdout("demarche verify", output, &[0]);
}

/// Every paragraph with all its fields, one JSON line each, sorted.
#[track_caller]
pub fn export(env: &Env, index: &Path) -> Vec<String> {
    let output = env
        .command(&["export", "--index", path_str(index)])
        .output()
        .expect("running demarche export");
    let mut lines: Vec<String> = stdout("demarche export", output, &[0])
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}
