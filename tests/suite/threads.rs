//! A build on several threads gives what a build on one gives: the same export, byte for byte, and the
//! same report, whichever parse worker finishes first.
//!
//! The corpus mixes every format, files of very different sizes (so that later files finish before
//! earlier ones), a binary file and a record that cannot be read, and is built again after an edit. A
//! larger slice of the shared corpora (the development sources and one UN session) is built the same way
//! where `../shared/corpora` exists, and skipped with a message where it does not.

use std::fmt::Write as _;
use std::process::Command;

use crate::util::{shared_corpora, unpack_un_sessions, Env, PRESSER, SEED, SEED_FILE};

const COUNTRIES: [&str; 8] = [
    "Norway", "Kenya", "Japan", "Chile", "Ghana", "Poland", "Viet Nam", "Canada",
];
const NAMES: [&str; 8] = [
    "Anna Berg",
    "Kofi Okoro",
    "Ines Marlow",
    "Pavel Ivanko",
    "Leila Amadi",
    "Tomas Varga",
    "Sanna Hollis",
    "Rafael Quintero",
];

/// A readout of talks between two ministers, `paragraphs` long.
fn readout(i: usize, paragraphs: usize) -> String {
    let (a, b) = (i % 8, (i * 3 + 1) % 8);
    let (a_name, b_name) = (NAMES[a], NAMES[b]);
    let mut text = format!(
        "Foreign Minister {a_name} Holds Talks with Foreign Minister {b_name} of {}\n\n\
         On March {}, 2022, Foreign Minister {a_name} of {} held talks with Foreign Minister {b_name} of {}.\n\n",
        COUNTRIES[b],
        1 + i % 28,
        COUNTRIES[a],
        COUNTRIES[b]
    );
    for p in 0..paragraphs {
        let (speaker, country) = if p % 2 == 0 {
            (a_name, COUNTRIES[a])
        } else {
            (b_name, COUNTRIES[b])
        };
        let surname = speaker.split(' ').nth(1).unwrap_or(speaker);
        let _ = write!(
            text,
            "{surname} said that {country} is ready to deepen cooperation on topic {p} of file {i}, \
             and stressed that the two countries should work together at the United Nations.\n\n"
        );
    }
    text
}

const NOTE: &str =
    "---\ntitle: Statement by the Prime Minister on the Pacific Forum\ndate: 2023-07-04\n\
    author: Prime Minister Jane Doe\n---\n\n\
    The Pacific Forum met in Suva this week.\n\n\
    - Leaders agreed on climate finance.\n- They welcomed new members.\n\n\
    I thank our hosts for their hospitality.\n";

const TABLE: &str = "headline,date,body,speaker,country\n\
    Minister welcomes grain deal,2022-07-22,\"The minister welcomed the deal.\n\nShe called it a lifeline.\",Anna Berg,Norway\n\
    Minister condemns attack,2022-08-01,The minister condemned the attack on the port.,Kofi Okoro,Kenya\n";

const RELEASE: &str =
    "<?xml version=\"1.0\"?>\n<release><title>Joint Statement of Chile and Poland</title>\
    <release-date>2020-02-02</release-date><body>Chile and Poland reaffirmed their partnership.\n\n\
    Both sides agreed to meet again.</body></release>";

/// A corpus of every format, with a binary file and a record that cannot be read.
fn corpus(env: &Env) {
    env.write(SEED_FILE, SEED);
    // Sizes from 1 to 120 paragraphs, so that small files queued after a large one finish first.
    for i in 0..40 {
        env.write(
            &format!("readouts/{i:02}.txt"),
            readout(i, [120, 1, 3, 40, 2, 7][i % 6]),
        );
    }
    env.write("presser.html", PRESSER);
    env.write("pacific.md", NOTE);
    env.write("news.csv", TABLE);
    env.write("release.xml", RELEASE);
    let records = [
        serde_json::json!({"id": "a", "title": "Statement on the Danube", "date": "2022-05-10",
            "text": "Hungary and Slovakia discussed navigation.\n\nThey agreed."})
        .to_string(),
        "{\"id\": \"broken\", \"title\": ".to_string(),
        serde_json::json!({"id": "c", "title": "Statement on Rail", "speaker": "Tomas Varga",
            "country": "Poland", "text": "Austria proposed a night train."})
        .to_string(),
    ];
    env.write("records.jsonl", records.join("\n"));
    env.write("scan.txt", b"PK\x03\x04\0\0\x14\0 not text at all \0\0");
}

/// Builds `index-N` with `--threads N` and returns its exit code and report lines, without the time
/// they took.
fn build(env: &Env, threads: usize) -> (Option<i32>, Vec<String>) {
    let index = format!("index-{threads}");
    let run = env.run(&[
        "index",
        "--threads",
        &threads.to_string(),
        "--index",
        &index,
    ]);
    run.assert_no_panic();
    assert!(matches!(run.code, Some(0 | 3)), "the build failed{run}");
    let lines = run
        .stderr
        .lines()
        .map(|line| line.split(" in ").next().unwrap_or(line).to_string())
        .collect();
    (run.code, lines)
}

/// The export of `index-N` as JSON Lines and as CSV.
fn export(env: &Env, threads: usize) -> (String, String) {
    let index = format!("index-{threads}");
    let run = |format| {
        env.run(&["export", "--index", &index, "--format", format])
            .code(0)
            .stdout
    };
    (run("jsonl"), run("csv"))
}

/// Builds on one thread and on each of `several`, compares, and returns the one-thread build's report.
#[track_caller]
fn assert_same_as_one_thread(env: &Env, several: &[usize]) -> (Option<i32>, Vec<String>) {
    let report = build(env, 1);
    let export_one = export(env, 1);
    assert!(export_one.0.lines().count() > 300, "{}", export_one.0);
    for &threads in several {
        assert_eq!(build(env, threads), report, "{threads} threads");
        let exported = export(env, threads);
        // Not assert_eq!: a difference in a megabyte of text would be printed whole.
        for (what, one, many) in [
            ("JSON Lines", &export_one.0, &exported.0),
            ("CSV", &export_one.1, &exported.1),
        ] {
            if let Some((line, (a, b))) = one
                .lines()
                .zip(many.lines())
                .enumerate()
                .find(|(_, (a, b))| a != b)
            {
                panic!("{what} export on {threads} threads differs at line {line}:\n1: {a}\n{threads}: {b}");
            }
            assert!(
                one == many,
                "{what} export on {threads} threads differs in length"
            );
        }
    }
    report
}

#[test]
fn several_threads_build_what_one_builds_and_update_it_alike() {
    let env = Env::new();
    corpus(&env);
    let (code, report) = assert_same_as_one_thread(&env, &[2, 5]);
    assert_eq!(code, Some(3), "{report:?}");
    assert!(
        report
            .iter()
            .any(|l| l.contains("skipped corpus/scan.txt: binary file")),
        "{report:?}"
    );
    assert!(
        report
            .iter()
            .any(|l| l.contains("skipped corpus/records.jsonl")),
        "{report:?}"
    );

    // An edit, an addition and a removal: each index updated by a build on its own number of threads.
    env.write("readouts/07.txt", readout(77, 9));
    env.bump_mtime("readouts/07.txt", 60);
    env.write("readouts/99.txt", readout(99, 5));
    env.remove("readouts/12.txt");
    let (_, report) = assert_same_as_one_thread(&env, &[2, 5]);
    assert!(report.iter().any(|l| l.contains("1 removed")), "{report:?}");
}

/// The development sources (Markdown and JSON records in folders, whose files take priors from each
/// other) and one UN General Debate session, on 1 and 3 threads. A few seconds in a release build.
#[test]
fn several_threads_build_what_one_builds_on_the_shared_corpora() {
    let Some(shared) =
        shared_corpora("builds on several threads are compared on the small corpus only")
    else {
        return;
    };
    let env = Env::new();
    let corpus = env.corpus();
    let copied = Command::new("cp")
        .arg("-r")
        .arg(shared.join("dev-sources"))
        .arg(corpus.join("dev-sources"))
        .status()
        .expect("running cp");
    assert!(copied.success(), "cp -r dev-sources: {copied}");
    unpack_un_sessions(&shared, &corpus, &[79]);
    assert_same_as_one_thread(&env, &[3]);
}
