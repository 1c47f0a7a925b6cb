//! Index-build benchmarks: how fast each stage of `demarche build` turns a fixed corpus into an index.
//!
//! What is measured, all in the criterion group `build`:
//!
//! - `parse`: [`demarche::parse::parse`] over every file, already read and decoded in memory, on one
//!   thread: layout, dates and attribution, what each of a build's parse workers does per file. Its
//!   throughput is the MB/s per core of parsing and attribution; a build runs `--threads` such workers.
//! - `attribute`: [`demarche::parse::attribute`] alone over every file's draft, its paragraphs
//!   already laid out: who speaks, without reading, layout, dates or indexing.
//! - `tokenize`: the [`WordTokenizer`] alone over the text of every parsed paragraph; `tokenize_unicode`:
//!   the same words found by unicode-segmentation alone, the baseline its fast path is measured against.
//! - `index_only`: adding the already parsed statements to a fresh index and committing (2 writer threads,
//!   128 MB); no reading, no parsing.
//! - `full_build`: [`demarche::build`] end to end into a fresh index: walk, read, hash, parse, index,
//!   commit.
//! - `incremental_noop`: `build` again over an unchanged corpus into an index that already holds it: the
//!   walk, the stat comparison and the listing of indexed files.
//! - `incremental_one_file`: `build` after one file of that corpus changed: its paragraphs replaced, one
//!   commit.
//!
//! And in the group `query`, on the index of that corpus: each of the queries `demarche bench` times by
//! default, run in process with the top 10 hits fetched and highlighted, as `demarche search` does; and in
//! the group `analysis`, `count --by country`, `trend --by year` and `first --by country` of each of them.
//!
//! Every loop asserts a count (paragraphs, tokens, files) computed before the loop, so a stage that silently
//! stops doing its work fails instead of getting fast.
//!
//! Corpus: when `../shared/corpora/ungdc.tar.gz` exists beside the crate, the UN General Debate speeches of
//! sessions 72–74 (2017–2019: 587 files, 7.8 MB), unpacked once into `target/bench-corpora/ungdc` and
//! copied once into `target/bench-corpora/ungdc-subset`. Otherwise (or with `DEMARCHE_BENCH_GENERATED=1`) a
//! deterministic generated corpus of 500 readouts (~10 MB) in `target/bench-corpora/generated`, with a note
//! on stderr. The corpus in use, its size, file, paragraph and token counts are printed to stderr before the
//! benchmarks run; numbers from the two corpora are not comparable.
//!
//! Run: `cargo bench --bench build -- --verbose` (one benchmark: `… -- --verbose full_build`). A run takes
//! about two minutes on a 2-core machine, plus the first unpacking of the UN corpus (about 15 s).
//!
//! Reading: each benchmark times one pass over the whole corpus, sampled 10 times. Without `--verbose`
//! criterion prints `time: [low mean high]`, a 95% interval of the mean; with it, also a `median` line:
//! read the median, which a stray slow sample on a shared machine moves least (it is also in
//! `target/criterion/build/<name>/new/estimates.json`). Throughput is always in bytes of corpus files per
//! second, for every stage, so the stages compare directly (`tokenize` sees the paragraph text, nearly all of
//! those bytes; `incremental_noop` reads none of them). Compare runs only within one session on one machine:
//! the machines are shared, and runs minutes apart on a busy host can differ by more than a change does.
//! Criterion's `change:` line compares with the last run's saved data whatever its corpus: ignore it after
//! switching between the UN and the generated corpus, or after changing `SESSIONS`.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use demarche::analysis::{self, Group};
use demarche::corpus::{self, Source};
use demarche::parse::{self, Context, Statement};
use demarche::{
    bench_queries, build, count, search, Options, Quiet, Request, Store, WordTokenizer,
    WriterOptions, BENCH_QUERIES,
};
use tantivy::tokenizer::{TokenStream, Tokenizer};
use unicode_segmentation::UnicodeSegmentation;

/// The UN General Debate sessions benchmarked: 587 speeches, 7.8 MB, about 9,900 paragraphs; one full build
/// takes 2–3 s on a shared 2-core machine. (Sessions 70–74, 974 speeches and 12.6 MB, took 3.7 s.)
const SESSIONS: std::ops::RangeInclusive<u32> = 72..=74;

/// The writer every indexing benchmark uses, fixed so runs on different machines do the same work.
const WRITER: WriterOptions = WriterOptions {
    threads: 2,
    heap_bytes: 128 << 20,
};

/// Statements in the generated corpus, and paragraphs in each: about 10 MB in all.
const GENERATED_STATEMENTS: usize = 500;
const GENERATED_PARAGRAPHS: usize = 40;

/// Bump when the generator changes, so an old generated corpus is written again.
const GENERATED_VERSION: &str = "2";

fn bench_corpora() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| manifest.join("target"), |t| manifest.join(t));
    target.join("bench-corpora")
}

/// The corpus folder to benchmark on, and a one-line description of it.
fn corpus_dir() -> (PathBuf, &'static str) {
    let root = bench_corpora();
    fs::create_dir_all(&root).expect("creating target/bench-corpora");
    let tarball = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ungdc.tar.gz");
    if std::env::var_os("DEMARCHE_BENCH_GENERATED").is_some_and(|v| v == "1") {
        eprintln!("DEMARCHE_BENCH_GENERATED=1: benchmarking a generated corpus");
        (generated(&root), "generated readouts")
    } else if tarball.is_file() {
        (
            ungdc_subset(&root, &tarball),
            "UN General Debate, sessions 72-74",
        )
    } else {
        eprintln!("../shared/corpora absent: benchmarking a generated corpus");
        (generated(&root), "generated readouts")
    }
}

/// Unpacks the UN corpus once, then copies the chosen sessions once; returns the copy.
fn ungdc_subset(root: &Path, tarball: &Path) -> PathBuf {
    let unpacked = root.join("ungdc");
    if !unpacked.join(".unpacked").is_file() {
        eprintln!(
            "unpacking {} into {} (once)",
            tarball.display(),
            root.display()
        );
        // Unpack beside the final place and move it in, so an interrupted unpack is never taken for whole.
        let staging = root.join(format!(".unpacking-{}", std::process::id()));
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir_all(&staging).expect("creating the unpacking folder");
        let status = Command::new("tar")
            .arg("-xzf")
            .arg(tarball)
            .arg("-C")
            .arg(&staging)
            .status()
            .expect("running tar");
        assert!(
            status.success(),
            "tar -xzf {} failed: {status}",
            tarball.display()
        );
        fs::write(staging.join("ungdc/.unpacked"), "").expect("writing the unpacked marker");
        let _ = fs::remove_dir_all(&unpacked);
        fs::rename(staging.join("ungdc"), &unpacked).expect("moving the unpacked corpus in place");
        let _ = fs::remove_dir_all(&staging);
    }
    let subset = root.join("ungdc-subset");
    // The marker names the sessions, so that changing `SESSIONS` makes a new copy.
    let sessions_tag = format!("{SESSIONS:?}");
    if !fs::read_to_string(subset.join(".complete")).is_ok_and(|tag| tag == sessions_tag) {
        let staging = root.join(format!(".subset-{}", std::process::id()));
        let _ = fs::remove_dir_all(&staging);
        let mut sessions: Vec<_> = fs::read_dir(unpacked.join("TXT"))
            .expect("listing ungdc/TXT")
            .map(|e| e.expect("listing ungdc/TXT").path())
            .filter(|p| session_of(p).is_some_and(|s| SESSIONS.contains(&s)))
            .collect();
        sessions.sort();
        assert_eq!(
            sessions.len(),
            SESSIONS.count(),
            "sessions {SESSIONS:?} not all found in {}",
            unpacked.display()
        );
        for session in sessions {
            let into = staging.join(session.file_name().expect("a session folder"));
            fs::create_dir_all(&into).expect("creating a subset folder");
            for file in fs::read_dir(&session).expect("listing a session") {
                let file = file.expect("listing a session").path();
                if file.extension().is_some_and(|e| e == "txt") {
                    fs::copy(&file, into.join(file.file_name().expect("a file name")))
                        .expect("copying a speech");
                }
            }
        }
        // A hidden file: the corpus walk passes over it.
        fs::write(staging.join(".complete"), &sessions_tag).expect("writing the subset marker");
        let _ = fs::remove_dir_all(&subset);
        fs::rename(&staging, &subset).expect("moving the subset in place");
    }
    subset
}

/// The session number of a folder named `Session NN - YYYY`.
fn session_of(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    name.strip_prefix("Session ")?
        .split(' ')
        .next()?
        .parse()
        .ok()
}

/// A tiny deterministic PRNG (xorshift64*), so the generated corpus is the same on every machine.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const COUNTRIES: &[&str] = &[
    "Germany",
    "France",
    "Japan",
    "Kenya",
    "Brazil",
    "India",
    "Indonesia",
    "Mexico",
    "Nigeria",
    "Canada",
    "Chile",
    "Egypt",
    "Norway",
    "Viet Nam",
    "South Africa",
    "Australia",
    "Argentina",
    "Singapore",
    "Poland",
    "Ghana",
];

const OFFICES: &[&str] = &[
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "President",
    "Prime Minister",
];

const FIRST_NAMES: &[(&str, &str)] = &[
    ("Anna", "She"),
    ("Tomas", "He"),
    ("Ines", "She"),
    ("Kofi", "He"),
    ("Mirela", "She"),
    ("Rafael", "He"),
    ("Sanna", "She"),
    ("Davit", "He"),
    ("Leila", "She"),
    ("Joran", "He"),
    ("Amara", "She"),
    ("Pavel", "He"),
];

const SURNAMES: &[&str] = &[
    "Berg",
    "Valdane",
    "Okoro",
    "Marlow",
    "Tessaly",
    "Ravensholt",
    "Quintero",
    "Abelard",
    "Nakamori",
    "Dressler",
    "Ivanko",
    "Solberg",
    "Amadi",
    "Castellan",
    "Hollis",
    "Varga",
];

const VERBS: &[&str] = &[
    "said",
    "stressed",
    "noted",
    "pointed out",
    "emphasized",
    "expressed the hope",
    "underlined",
    "welcomed the fact",
];

const SUBJECTS: &[&str] = &[
    "the two countries",
    "both sides",
    "the bilateral relationship",
    "regional cooperation",
    "the international community",
    "the trade agreement",
    "the climate partnership",
    "the joint commission",
    "the peace process",
    "the development agenda",
];

const PREDICATES: &[&str] = &[
    "should deepen practical cooperation in trade, energy and infrastructure",
    "will strengthen high-level exchanges and strategic communication",
    "has made steady progress despite the pandemic",
    "must uphold multilateralism and the purposes of the United Nations Charter",
    "stands ready to expand investment in renewable energy and green transition",
    "will continue to support the sovereignty and territorial integrity of all states",
    "should promote people-to-people exchanges in education, culture and tourism",
    "is of great significance to peace and stability in the region",
    "needs to address food security, debt relief and public health together",
    "will work for a ceasefire and humanitarian access without delay",
    "has a shared interest in open sea lanes and the rule of law",
    "should coordinate closely at the Security Council and the G20",
];

const NARRATION: &[&str] = &[
    "The two sides exchanged views on international and regional issues of common concern.",
    "The talks were held in a friendly and constructive atmosphere.",
    "After the talks, the two sides signed agreements on education, health and the digital economy.",
    "Officials from both delegations attended the meeting.",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Person {
    name: String,
    surname: &'static str,
    pronoun: &'static str,
    office: &'static str,
    country: &'static str,
}

fn person(rng: &mut XorShift) -> Person {
    let (first, pronoun) = FIRST_NAMES[rng.below(FIRST_NAMES.len())];
    let surname = rng.pick(SURNAMES);
    Person {
        name: format!("{first} {surname}"),
        surname,
        pronoun,
        office: rng.pick(OFFICES),
        country: rng.pick(COUNTRIES),
    }
}

/// A sentence of reported speech content, without the final stop.
fn clause(rng: &mut XorShift) -> String {
    format!("{} {}", rng.pick(SUBJECTS), rng.pick(PREDICATES))
}

/// One generated readout: title, blank line, dated opening, then attributed paragraphs.
fn readout(rng: &mut XorShift) -> String {
    let a = person(rng);
    let mut b = person(rng);
    while b.country == a.country {
        b.country = rng.pick(COUNTRIES);
    }
    let mut out = format!(
        "{} {} Holds Talks with {} of {} {}\n\n",
        a.office, a.name, b.office, b.country, b.name
    );
    out += &format!(
        "On {} {}, {}, {} of {} {} held talks with {} of {} {}.\n\n",
        rng.pick(MONTHS),
        1 + rng.below(28),
        2015 + rng.below(10),
        a.office,
        a.country,
        a.name,
        b.office,
        b.country,
        b.name
    );
    for i in 1..GENERATED_PARAGRAPHS {
        let speaker = if rng.below(2) == 0 { &a } else { &b };
        let narration = rng.below(6) == 0;
        let mut paragraph = match rng.below(5) {
            _ if narration => rng.pick(NARRATION).to_string(),
            0 | 1 => format!(
                "{} {} that {}.",
                speaker.surname,
                rng.pick(VERBS),
                clause(rng)
            ),
            2 => format!(
                "{} {} {} that {}.",
                speaker.office,
                speaker.surname,
                rng.pick(VERBS),
                clause(rng)
            ),
            _ => format!(
                "{} said {}, and {}.",
                speaker.surname,
                clause(rng),
                clause(rng)
            ),
        };
        // Narration stays narration; a statement goes on with the speaker's pronoun.
        for _ in 0..2 + rng.below(4) {
            if narration {
                paragraph += " ";
                paragraph += rng.pick(NARRATION);
            } else {
                let c = clause(rng);
                paragraph += &format!(" {} {} that {}.", speaker.pronoun, rng.pick(VERBS), c);
            }
        }
        if i + 1 < GENERATED_PARAGRAPHS {
            paragraph += "\n\n";
        } else {
            paragraph += "\n";
        }
        out += &paragraph;
    }
    out
}

/// Writes the generated corpus once (again when the generator's version changes); returns its folder.
fn generated(root: &Path) -> PathBuf {
    let dir = root.join("generated");
    let marker = dir.join(".generated");
    if fs::read_to_string(&marker).is_ok_and(|v| v == GENERATED_VERSION) {
        return dir;
    }
    let _ = fs::remove_dir_all(&dir);
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for i in 0..GENERATED_STATEMENTS {
        let folder = dir.join(format!("{:02}", i / 100));
        fs::create_dir_all(&folder).expect("creating the generated corpus");
        fs::write(
            folder.join(format!("readout-{i:04}.txt")),
            readout(&mut rng),
        )
        .expect("writing the generated corpus");
    }
    fs::write(&marker, GENERATED_VERSION).expect("writing the generated marker");
    dir
}

/// Every corpus file read and decoded, in walk order.
fn read_all(dir: &Path) -> Vec<Source> {
    let walk =
        corpus::walk(dir, demarche::manifest::is_candidate).expect("walking the benchmark corpus");
    assert!(walk.skipped.is_empty(), "skipped: {:?}", walk.skipped);
    walk.entries
        .iter()
        .map(|e| corpus::read(e).expect("reading a benchmark file"))
        .collect()
}

fn count_tokens(tokenizer: &mut WordTokenizer, texts: &[&str]) -> usize {
    let mut n = 0;
    for text in texts {
        let mut stream = tokenizer.token_stream(text);
        while stream.advance() {
            n += 1;
        }
    }
    n
}

fn count_paragraphs(store: &Store) -> usize {
    let all = Request {
        query: String::new(),
        limit: 10,
        ..Default::default()
    };
    count(store, &all).expect("counting paragraphs")
}

fn benches(c: &mut Criterion) {
    let (dir, what) = corpus_dir();
    let sources = read_all(&dir);
    let files = sources.len();
    let bytes: u64 = sources.iter().map(|s| s.fingerprint.state.size).sum();
    // No manifest and no JSON field map: the benchmark corpora are plain text files.
    let mut statements: Vec<Statement> = Vec::new();
    for source in &sources {
        let parsed = parse::parse(source, Context::default());
        assert!(
            parsed.problems.is_empty(),
            "{}: {:?}",
            source.rel,
            parsed.problems
        );
        statements.extend(parsed.statements);
    }
    let paragraphs: usize = statements.iter().map(|s| s.paragraphs.len()).sum();
    let texts: Vec<&str> = statements
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| p.text.as_str()))
        .collect();
    let text_bytes: usize = texts.iter().map(|t| t.len()).sum();
    let tokens = count_tokens(&mut WordTokenizer::default(), &texts);
    eprintln!(
        "corpus: {what} in {}: {files} files, {:.1} MB, {} statements, {paragraphs} paragraphs \
         ({:.1} MB of paragraph text), {tokens} tokens",
        dir.display(),
        bytes as f64 / 1e6,
        statements.len(),
        text_bytes as f64 / 1e6,
    );

    let mut group = c.benchmark_group("build");
    group
        .throughput(Throughput::Bytes(bytes))
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));

    group.measurement_time(Duration::from_secs(18));
    group.bench_function("parse", |b| {
        b.iter(|| {
            let mut n = 0;
            for source in &sources {
                let parsed = parse::parse(black_box(source), Context::default());
                for statement in &parsed.statements {
                    n += statement.paragraphs.len();
                }
            }
            assert_eq!(n, paragraphs);
        })
    });

    // Attribution alone: the drafts of every file, already laid out into paragraphs, attributed.
    let drafts: Vec<parse::Draft> = sources
        .iter()
        .map(|s| parse::text::draft(&s.rel, &s.text))
        .collect();
    let attributed: usize = drafts.iter().map(|d| d.blocks.len()).sum();
    group.measurement_time(Duration::from_secs(12));
    group.bench_function("attribute", |b| {
        b.iter(|| {
            let mut n = 0;
            for draft in &drafts {
                n += parse::attribute(black_box(draft)).paragraphs.len();
            }
            assert_eq!(n, attributed);
        })
    });

    group.measurement_time(Duration::from_secs(5));
    group.bench_function("tokenize", |b| {
        let mut tokenizer = WordTokenizer::default();
        b.iter(|| {
            let n = count_tokens(&mut tokenizer, black_box(&texts));
            assert_eq!(n, tokens);
        })
    });

    group.bench_function("tokenize_unicode", |b| {
        b.iter(|| {
            let mut n = 0;
            for text in black_box(&texts) {
                for (_, segment) in text.split_word_bound_indices() {
                    if segment.chars().any(char::is_alphanumeric) {
                        n += black_box(segment.to_lowercase()).len().min(1);
                    }
                }
            }
            assert_eq!(n, tokens);
        })
    });

    group.measurement_time(Duration::from_secs(8));
    group.bench_function("index_only", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temporary folder"),
            |tmp| {
                let store = Store::open_or_create(tmp.path()).expect("creating an index");
                let writer = store.writer(WRITER).expect("opening a writer");
                for statement in &statements {
                    writer.add_statement(statement).expect("adding a statement");
                }
                writer.commit().expect("committing");
                assert_eq!(count_paragraphs(&store), paragraphs);
                // Returned, so deleting the index happens outside the measurement.
                (store, tmp)
            },
            BatchSize::PerIteration,
        )
    });

    group.measurement_time(Duration::from_secs(25));
    group.bench_function("full_build", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temporary folder"),
            |tmp| {
                let options = Options {
                    writer: WRITER,
                    ..Options::new(dir.clone(), tmp.path().to_path_buf())
                };
                let report = build(&options, &mut Quiet).expect("building");
                assert_eq!(report.paragraphs, paragraphs);
                assert_eq!(report.indexed, files);
                assert!(report.skipped.is_empty(), "skipped: {:?}", report.skipped);
                tmp
            },
            BatchSize::PerIteration,
        )
    });

    group.measurement_time(Duration::from_secs(3));
    // Built on first use rather than here, so that a run filtered to other benchmarks does not pay for it;
    // and kept across calls, because criterion calls the closure once per sample.
    let mut built: Option<(tempfile::TempDir, Options)> = None;
    group.bench_function("incremental_noop", |b| {
        let (_, options) = built.get_or_insert_with(|| {
            let tmp = tempfile::tempdir().expect("a temporary folder");
            let options = Options {
                writer: WRITER,
                ..Options::new(dir.clone(), tmp.path().to_path_buf())
            };
            let first = build(&options, &mut Quiet).expect("building");
            assert_eq!(first.paragraphs, paragraphs);
            (tmp, options)
        });
        b.iter(|| {
            let report = build(black_box(options), &mut Quiet).expect("rebuilding");
            assert!(
                report.indexed == 0 && report.unchanged == files,
                "{report:?}"
            );
        })
    });

    group.measurement_time(Duration::from_secs(5));
    // A copy of the corpus, so that one of its files can change between builds.
    let mut changing: Option<(tempfile::TempDir, Options, PathBuf, String)> = None;
    let mut round = 0u64;
    group.bench_function("incremental_one_file", |b| {
        let (_, options, file, original) = changing.get_or_insert_with(|| {
            let tmp = tempfile::tempdir().expect("a temporary folder");
            let copy = tmp.path().join("corpus");
            copy_tree(&dir, &copy);
            let options = Options {
                writer: WRITER,
                ..Options::new(copy.clone(), tmp.path().join("index"))
            };
            build(&options, &mut Quiet).expect("building");
            let file = corpus::walk(&copy, demarche::manifest::is_candidate)
                .expect("walking")
                .entries[files / 2]
                .path
                .clone();
            let original = fs::read_to_string(&file).expect("reading a corpus file");
            (tmp, options, file, original)
        });
        b.iter(|| {
            // Each round changes the text, so the file is read, parsed and replaced every time; the count
            // lives outside this closure, which criterion calls again for each sample.
            round += 1;
            fs::write(
                &*file,
                format!("{original}\n\nA sentence added in round {round}.\n"),
            )
            .expect("changing a corpus file");
            let report = build(black_box(options), &mut Quiet).expect("rebuilding");
            assert_eq!(
                (report.indexed, report.unchanged),
                (1, files - 1),
                "{report:?}"
            );
        })
    });
    group.finish();

    let tmp = tempfile::tempdir().expect("a temporary folder");
    let options = Options {
        writer: WRITER,
        ..Options::new(dir.clone(), tmp.path().to_path_buf())
    };
    build(&options, &mut Quiet).expect("building");
    let store = Store::open(&options.index).expect("opening the index");
    let mut group = c.benchmark_group("query");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for query in bench_queries(BENCH_QUERIES, "the default queries").expect("the queries") {
        let (args, request) = (
            query.args,
            Request {
                limit: 10,
                ..query.request
            },
        );
        let hits = count(&store, &request).expect("counting");
        let shown = hits.min(10);
        group.bench_function(args.join(" "), |b| {
            b.iter(|| {
                let results = search(&store, black_box(&request)).expect("searching");
                assert_eq!((results.total, results.hits.len()), (hits, shown));
            })
        });
    }
    group.finish();

    // The research commands on the same queries, each asserting the rows it found before the loop.
    let mut group = c.benchmark_group("analysis");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for query in bench_queries(BENCH_QUERIES, "the default queries").expect("the queries") {
        let (args, request) = (query.args.join(" "), query.request);
        let countries = analysis::count::count(&store, &request, Group::Country, None)
            .expect("counting")
            .len();
        group.bench_function(format!("count --by country {args}"), |b| {
            b.iter(|| {
                let rows =
                    analysis::count::count(&store, black_box(&request), Group::Country, None)
                        .expect("counting");
                assert_eq!(rows.len(), countries);
            })
        });
        let years = analysis::trend::trend(&store, &request, Group::Year, None, None)
            .expect("a trend")
            .rows
            .len();
        group.bench_function(format!("trend --by year {args}"), |b| {
            b.iter(|| {
                let rows =
                    analysis::trend::trend(&store, black_box(&request), Group::Year, None, None)
                        .expect("a trend")
                        .rows;
                assert_eq!(rows.len(), years);
            })
        });
        let firsts = analysis::first::first(&store, &request, Group::Country)
            .expect("first uses")
            .rows
            .len();
        group.bench_function(format!("first --by country {args}"), |b| {
            b.iter(|| {
                let found = analysis::first::first(&store, black_box(&request), Group::Country)
                    .expect("first uses");
                assert_eq!(found.rows.len(), firsts);
            })
        });
    }
    group.finish();
}

/// Copies the files under `from` to `to`, keeping relative paths.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walking the corpus");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("creating a folder");
        } else {
            fs::copy(entry.path(), &target).expect("copying a file");
        }
    }
}

criterion_group!(build_benches, benches);
criterion_main!(build_benches);
