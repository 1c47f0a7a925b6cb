//! Attribution measured against the hand-labelled evaluation set in `tests/eval/*.tsv`.
//!
//! Each row names a paragraph of the shared corpora by its source and opening words, with the speakers,
//! countries and role a careful reader gives it. The test parses those documents with the library, finds
//! each paragraph, and fails if accuracy drops below the level reached. It skips, saying so, where
//! `../shared/corpora` is absent. `DEMARCHE_EVAL_VERBOSE=1` prints every miss.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use demarche::corpus::{self, Format, Source};
use demarche::manifest;
use demarche::parse::{self, Context, Statement};

/// Accuracy reached (fractions of labelled paragraphs, rounded down); the test fails below these.
const MIN_SPEAKERS: f64 = 0.90;
const MIN_COUNTRIES: f64 = 0.92;

struct Row {
    set: String,
    source: String,
    quote: String,
    speakers: Vec<String>,
    countries: Vec<String>,
    role: String,
}

fn corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    dir.is_dir().then_some(dir)
}

fn rows() -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/eval")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let set = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 5, "{}: bad row {line:?}", file.display());
            let list = |s: &str| -> Vec<String> {
                s.split(';')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect()
            };
            out.push(Row {
                set: set.clone(),
                source: cols[0].to_string(),
                quote: cols[1].to_string(),
                speakers: list(cols[2]),
                countries: list(cols[3]),
                role: cols[4].trim().to_string(),
            });
        }
    }
    out
}

/// The group a row is reported under: its file, and for mixed files the corpus.
fn group(row: &Row) -> String {
    let corpus = row.source.split('/').next().unwrap_or("");
    match (row.set.as_str(), corpus) {
        ("cmfa-qa", _) => "MFA press conferences, Q:/A: layout".into(),
        (_, "cmfa-presscon") => "MFA press conferences, 2020 labelled layout".into(),
        (_, "seed") => "seed readout".into(),
        ("state-transcripts", _) => "State Dept briefings, availabilities, remarks".into(),
        _ => "State Dept readouts and joint statements".into(),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names compared without case, periods and initials: "Antony J. Blinken" = "antony blinken".
fn name_key(name: &str) -> String {
    name.to_lowercase()
        .replace(['.', ','], " ")
        .split_whitespace()
        .filter(|w| w.chars().count() > 1)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses the files the rows name; JSON Lines only for the records they name.
fn statements(root: &Path, rows: &[Row]) -> HashMap<String, Vec<Statement>> {
    let manifests: Vec<String> = ["cmfa-presscon/urls.tsv"]
        .iter()
        .filter(|p| root.join(p).is_file())
        .map(|p| p.to_string())
        .collect();
    let (manifest, _) = manifest::load(root, &manifests);
    let mut wanted: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    for row in rows {
        let (file, record) = row.source.split_once('#').unwrap_or((&row.source, ""));
        wanted
            .entry(file.to_string())
            .or_default()
            .insert(record.to_string());
    }
    let mut out = HashMap::new();
    for (file, records) in wanted {
        let bytes = std::fs::read(root.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut text = corpus::decode(&bytes).unwrap();
        let format = Format::of(Path::new(&file)).expect("a known format");
        if format == Format::Json {
            // Only the labelled records: each carries its guid, which is its statement id.
            text = text
                .lines()
                .filter(|l| records.iter().any(|r| l.contains(&format!("\"{r}\""))))
                .collect::<Vec<_>>()
                .join("\n");
        }
        let source = Source::from_text(file.clone(), format, text);
        let context = Context {
            meta: manifest.get(&file),
            fields: None,
        };
        out.insert(file, parse::parse(&source, context).statements);
    }
    out
}

#[derive(Default)]
struct Tally {
    rows: usize,
    found: usize,
    speakers: usize,
    countries: usize,
    roles: usize,
}

#[test]
fn attribution_accuracy_holds_on_the_labelled_set() {
    let Some(root) = corpora() else {
        eprintln!("skipped: ../shared/corpora is absent, so the evaluation set cannot be checked");
        return;
    };
    let rows = rows();
    assert!(
        rows.len() >= 400,
        "the evaluation set has {} rows",
        rows.len()
    );
    let parsed = statements(&root, &rows);
    let verbose = std::env::var_os("DEMARCHE_EVAL_VERBOSE").is_some();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for row in &rows {
        let t = tallies.entry(group(row)).or_default();
        t.rows += 1;
        let (file, record) = row.source.split_once('#').unwrap_or((&row.source, ""));
        let quote = collapse(&row.quote);
        let hit = parsed[file]
            .iter()
            .filter(|st| record.is_empty() || st.id == format!("{file}#{record}"))
            .flat_map(|st| st.paragraphs.iter().map(move |p| (st, p)))
            .find(|(_, p)| collapse(&p.text).starts_with(&quote));
        let Some((st, p)) = hit else {
            if verbose {
                eprintln!("NOT FOUND {} {:?}", row.source, row.quote);
            }
            continue;
        };
        t.found += 1;
        let want: HashSet<String> = row.speakers.iter().map(|s| name_key(s)).collect();
        let got: HashSet<String> = st.speaker_names(p).iter().map(|s| name_key(s)).collect();
        let want_c: HashSet<&str> = row.countries.iter().map(String::as_str).collect();
        let got_codes: Vec<String> = st
            .speaker_countries(p)
            .iter()
            .map(|c| c.as_str().to_string())
            .collect();
        let got_c: HashSet<&str> = got_codes.iter().map(String::as_str).collect();
        t.speakers += usize::from(want == got);
        t.countries += usize::from(want_c == got_c);
        t.roles += usize::from(row.role == p.role.as_str());
        if verbose && (want != got || want_c != got_c || row.role != p.role.as_str()) {
            eprintln!(
                "MISS {} ¶{} {:?}\n     want {:?} {:?} {}\n     got  {:?} {:?} {}",
                row.source,
                p.number,
                row.quote,
                row.speakers,
                row.countries,
                row.role,
                st.speaker_names(p),
                got_codes,
                p.role.as_str()
            );
        }
    }
    let mut all = Tally::default();
    eprintln!("| source | paragraphs | found | speakers right | countries right | role right |");
    eprintln!("|---|---|---|---|---|---|");
    let pct = |n: usize, d: usize| 100.0 * n as f64 / d.max(1) as f64;
    for (name, t) in &tallies {
        eprintln!(
            "| {name} | {} | {} | {:.1}% | {:.1}% | {:.1}% |",
            t.rows,
            t.found,
            pct(t.speakers, t.rows),
            pct(t.countries, t.rows),
            pct(t.roles, t.rows)
        );
        all.rows += t.rows;
        all.found += t.found;
        all.speakers += t.speakers;
        all.countries += t.countries;
        all.roles += t.roles;
    }
    eprintln!(
        "| all | {} | {} | {:.1}% | {:.1}% | {:.1}% |",
        all.rows,
        all.found,
        pct(all.speakers, all.rows),
        pct(all.countries, all.rows),
        pct(all.roles, all.rows)
    );
    let speakers = all.speakers as f64 / all.rows as f64;
    let countries = all.countries as f64 / all.rows as f64;
    assert!(
        speakers >= MIN_SPEAKERS,
        "speaker accuracy {speakers:.3} fell below {MIN_SPEAKERS}"
    );
    assert!(
        countries >= MIN_COUNTRIES,
        "country accuracy {countries:.3} fell below {MIN_COUNTRIES}"
    );
}
