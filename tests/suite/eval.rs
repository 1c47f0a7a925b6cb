//! Attribution measured against the hand-labelled evaluation set in `tests/eval/*.tsv`.
//!
//! Each row names a paragraph of a real statement by its file and opening words, with the speakers,
//! countries and role a careful reader gives it (`tests/eval/README.md`). The test reads each source the way
//! a user's corpus folder would be read — the folder walked for its manifests, every file in its own format,
//! the default JSON field names — finds each labelled paragraph and scores it, per source, per genre and per
//! sieve. It fails when a figure drops below the level recorded in `tests/eval/levels.tsv`.
//!
//! Sources live in `../shared/corpora` (shared with the project) or `../eval-sources` (public corpora fetched
//! for evaluation, listed in `tests/eval/sources.tsv`); a source that is absent is skipped with a message.
//! `DEMARCHE_EVAL_VERBOSE=1` prints every miss; `DEMARCHE_EVAL_ONLY=name,name` scores only those sources.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use demarche::corpus::{self, Format, Source};
use demarche::manifest;
use demarche::parse::{self, Context, Statement};

struct Row {
    /// Line of the labels file, for messages.
    at: String,
    /// The source the row belongs to: the corpus folder a user would index.
    source: String,
    /// The file, relative to the source's folder.
    file: String,
    /// A JSON Lines record: `L12` or a string its line holds.
    record: Option<String>,
    quote: String,
    /// Each labelled person as the set of name forms that count for them.
    speakers: Vec<HashSet<String>>,
    countries: HashSet<String>,
    role: String,
    genre: String,
}

/// The folders sources are looked for in.
fn roots() -> Vec<PathBuf> {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roots = vec![project.join("../shared/corpora")];
    match std::env::var_os("DEMARCHE_EVAL_SOURCES") {
        Some(dir) => roots.push(PathBuf::from(dir)),
        None => roots.push(project.join("../eval-sources")),
    }
    roots
}

/// The corpus folder of a labelled path: its first component, or its first two under `dev-sources/`.
fn source_of(path: &str) -> (String, String) {
    let parts: Vec<&str> = path.splitn(3, '/').collect();
    if parts[0] == "dev-sources" && parts.len() == 3 {
        (format!("{}/{}", parts[0], parts[1]), parts[2].to_string())
    } else {
        let (source, rest) = path.split_once('/').unwrap_or((path, ""));
        (source.to_string(), rest.to_string())
    }
}

/// The name a source is reported under.
fn short(source: &str) -> &str {
    source.strip_prefix("dev-sources/").unwrap_or(source)
}

fn rows() -> Vec<Row> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/eval")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .filter(|p| {
            p.file_stem().is_some_and(|s| {
                !matches!(s.to_str(), Some("levels" | "sources" | "first-contact"))
            })
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        let mut lines = text.lines().enumerate();
        let header: Vec<&str> = lines.next().expect("a header").1.split('\t').collect();
        let col = |n: &str| {
            header
                .iter()
                .position(|h| *h == n)
                .unwrap_or_else(|| panic!("{name}: no {n} column"))
        };
        let (c_source, c_quote, c_speakers, c_countries, c_role) = (
            col("source"),
            col("quote"),
            col("speakers"),
            col("countries"),
            col("role"),
        );
        let c_genre = header.iter().position(|h| *h == "genre");
        for (i, line) in lines.filter(|(_, l)| !l.trim().is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let at = format!("{name}:{}", i + 1);
            assert!(cols.len() >= 5, "{at}: bad row {line:?}");
            let get = |c: usize| cols.get(c).copied().unwrap_or("").trim();
            let list = |s: &str| -> Vec<String> {
                s.split(';')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect()
            };
            let (path, record) = match get(c_source).split_once('#') {
                Some((p, r)) => (p.to_string(), Some(r.to_string())),
                None => (get(c_source).to_string(), None),
            };
            let (source, file) = source_of(&path);
            out.push(Row {
                at,
                source,
                file,
                record,
                quote: get(c_quote).to_string(),
                speakers: list(get(c_speakers))
                    .iter()
                    .map(|p| p.split('|').map(name_key).collect())
                    .collect(),
                countries: list(get(c_countries)).into_iter().collect(),
                role: get(c_role).to_string(),
                genre: c_genre.map(get).unwrap_or("").to_string(),
            });
        }
    }
    out
}

/// True when a paragraph's words open with the quote's, a number ("1.", "12.") aside on either side:
/// labellers differ on whether a paragraph's number is among its words, and a list item's number is
/// the list's markup, not its text.
fn opens_with(paragraph: &str, quote: &str) -> bool {
    let unnumbered = |s: &'_ str| -> Option<String> {
        s.split_once(' ')
            .filter(|(first, _)| first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()))
            .map(|(_, rest)| rest.to_string())
    };
    paragraph.starts_with(quote)
        || unnumbered(paragraph).is_some_and(|rest| rest.starts_with(quote))
        || unnumbered(quote).is_some_and(|rest| paragraph.starts_with(&rest))
}

/// The paragraph's text without a label that opens it ("Written Answer: 1. Returning …"): the words
/// before its first colon, when they are few. Some labellers quote a paragraph from after its label.
fn after_label(text: &str) -> Option<&str> {
    let (label, rest) = text.split_once(':')?;
    (!label.is_empty() && label.split_whitespace().count() <= MAX_LABEL_WORDS).then_some(rest)
}

/// Most words of a label a quote may leave out.
const MAX_LABEL_WORDS: usize = 4;

/// Lowercased words of a text, one space between them: quotes match whatever the markup, punctuation and
/// spacing around the words.
fn words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Names compared without case, periods, initials and suffixes: "Antony J. Blinken" = "antony blinken",
/// "Joseph R. Biden, Jr." = "joseph biden".
fn name_key(name: &str) -> String {
    name.to_lowercase()
        .replace(['.', ','], " ")
        .split_whitespace()
        .filter(|w| w.chars().count() > 1 && !matches!(*w, "jr" | "sr"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when the names given are the labelled people, one each.
fn same_people(want: &[HashSet<String>], got: &[String]) -> bool {
    if want.len() != got.len() {
        return false;
    }
    let mut free: Vec<bool> = vec![true; want.len()];
    got.iter().all(|g| {
        let key = name_key(g);
        match (0..want.len()).find(|&i| free[i] && want[i].contains(&key)) {
            Some(i) => {
                free[i] = false;
                true
            }
            None => false,
        }
    })
}

/// One source's labelled files parsed as a user's corpus folder would be: the manifests its walk finds
/// apply, JSON Lines records are read alone when a row names one.
struct Parsed {
    /// (file, record) → statements.
    statements: HashMap<(String, Option<String>), Vec<Statement>>,
}

fn parse_source(folder: &Path, rows: &[&Row]) -> Parsed {
    let walk = corpus::walk(folder, manifest::is_candidate).expect("walk the source");
    let (manifest, _) = manifest::load(folder, &walk.manifests);
    let mut wanted: BTreeMap<&str, HashSet<Option<&str>>> = BTreeMap::new();
    for row in rows {
        wanted
            .entry(row.file.as_str())
            .or_default()
            .insert(row.record.as_deref());
    }
    let mut statements = HashMap::new();
    let mut priors: Option<parse::FolderPriors> = None;
    for (file, records) in wanted {
        let path = folder.join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = corpus::decode(&bytes).unwrap();
        let context = Context {
            meta: manifest.get(file),
            fields: None,
            prior: None,
            people: &[],
        };
        // A format the library does not read gives nothing: its rows count as not found.
        let Some(format) = Format::of(Path::new(file)) else {
            for record in records {
                statements.insert((file.to_string(), record.map(String::from)), Vec::new());
            }
            continue;
        };
        // The whole file, as a user's build reads it: a record may take what its file's other records
        // say (the issuing side), and a file that says nothing takes its folder's.
        let source = Source::from_text(file.to_string(), format, text.clone());
        let mut parsed = parse::parse(&source, context);
        let evidence = parsed.evidence.clone();
        if evidence.wants_prior || !evidence.unplaced.is_empty() {
            let priors = priors.get_or_insert_with(|| folder_priors(&walk, &manifest));
            let people = priors.people(&evidence.unplaced);
            if evidence.wants_prior || !people.is_empty() {
                let context = Context {
                    prior: priors.prior(file).filter(|_| evidence.wants_prior),
                    people: &people,
                    ..context
                };
                parsed = parse::parse(&source, context);
            }
        }
        let whole = parsed.statements;
        for record in records {
            let Some(r) = record else {
                statements.insert((file.to_string(), None), whole.clone());
                continue;
            };
            // The record's own statements, read alone, name the ids to take from the whole file.
            let line = match r.strip_prefix('L').and_then(|n| n.parse::<usize>().ok()) {
                Some(n) => text.lines().nth(n - 1).unwrap_or_default().to_string(),
                None => text
                    .lines()
                    .filter(|l| l.contains(&format!("\"{r}\"")))
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            // A CSV row is read under its file's header.
            let line = match format {
                Format::Csv => format!("{}\n{line}", text.lines().next().unwrap_or_default()),
                _ => line,
            };
            let alone = parse::parse(&Source::from_text(file.to_string(), format, line), context)
                .statements;
            let ids: HashSet<String> = alone
                .iter()
                .map(|st| {
                    st.id
                        .rsplit_once('#')
                        .map_or(st.id.clone(), |(_, k)| k.to_string())
                })
                .collect();
            let picked: Vec<Statement> = whole
                .iter()
                .filter(|st| {
                    let key = st.id.rsplit_once('#').map_or(st.id.as_str(), |(_, k)| k);
                    ids.contains(key) && !key.starts_with("line-")
                })
                .cloned()
                .collect();
            // Records without an id are numbered by line in the whole file.
            let picked = if picked.is_empty() {
                match r.strip_prefix('L') {
                    Some(n) => whole
                        .iter()
                        .filter(|st| st.id.ends_with(&format!("#line-{n}")))
                        .cloned()
                        .collect(),
                    None => alone,
                }
            } else {
                picked
            };
            statements.insert((file.to_string(), record.map(String::from)), picked);
        }
    }
    Parsed { statements }
}

/// The issuers of a source's folders, as a build finds them: every file of the source read for its
/// evidence.
fn folder_priors(walk: &corpus::Walk, manifest: &manifest::Manifest) -> parse::FolderPriors {
    let mut priors = parse::FolderPriors::default();
    for entry in &walk.entries {
        let Ok(source) = corpus::read(entry) else {
            continue;
        };
        if parse::refusal(&source).is_some() {
            continue;
        }
        let context = Context {
            meta: manifest.get(&entry.rel),
            fields: None,
            prior: None,
            people: &[],
        };
        priors.add(&entry.rel, &parse::parse(&source, context).evidence);
    }
    priors
}

#[derive(Default, Clone, Copy)]
struct Tally {
    rows: usize,
    found: usize,
    speakers: usize,
    countries: usize,
    roles: usize,
    /// Paragraphs given a speaker that no label of their statement names.
    strangers: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.rows += o.rows;
        self.found += o.found;
        self.speakers += o.speakers;
        self.countries += o.countries;
        self.roles += o.roles;
        self.strangers += o.strangers;
    }
    fn pct(n: usize, d: usize) -> f64 {
        100.0 * n as f64 / d.max(1) as f64
    }
    fn line(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {:.1}% | {:.1}% | {:.1}% | {:.1}% |",
            self.rows,
            Self::pct(self.found, self.rows),
            Self::pct(self.speakers, self.rows),
            Self::pct(self.countries, self.rows),
            Self::pct(self.roles, self.rows)
        )
    }
}

const TABLE_HEAD: &str = "| paragraphs | found | speakers right | countries right | role right |";

#[test]
fn attribution_accuracy_holds_on_the_labelled_set() {
    let roots = roots();
    if !roots[0].is_dir() {
        eprintln!("skipped: ../shared/corpora is absent, so the evaluation set cannot be checked");
        return;
    }
    let only: Option<Vec<String>> = std::env::var("DEMARCHE_EVAL_ONLY")
        .ok()
        .map(|s| s.split(',').map(String::from).collect());
    let verbose = std::env::var_os("DEMARCHE_EVAL_VERBOSE").is_some();
    let rows = rows();
    let mut by_source: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for row in &rows {
        by_source.entry(row.source.as_str()).or_default().push(row);
    }
    let mut per_source: BTreeMap<String, Tally> = BTreeMap::new();
    let mut per_genre: BTreeMap<String, Tally> = BTreeMap::new();
    let mut per_sieve: BTreeMap<&str, Tally> = BTreeMap::new();
    for (source, rows) in by_source {
        if only
            .as_ref()
            .is_some_and(|o| !o.iter().any(|n| n == short(source)))
        {
            continue;
        }
        let Some(folder) = roots.iter().map(|r| r.join(source)).find(|p| p.is_dir()) else {
            eprintln!(
                "skipped {}: {} labelled paragraphs, source folder absent (see tests/eval/sources.tsv)",
                short(source),
                rows.len()
            );
            continue;
        };
        let parsed = parse_source(&folder, &rows);
        // Everyone labelled as speaking anywhere in each file: a name the library gives that is none of
        // them is a wrong person or no person at all.
        let mut labelled: HashMap<(&str, Option<&str>), HashSet<&String>> = HashMap::new();
        for row in &rows {
            labelled
                .entry((row.file.as_str(), row.record.as_deref()))
                .or_default()
                .extend(row.speakers.iter().flatten());
        }
        // Paragraphs already matched, so that two rows with the same opening words take two paragraphs.
        let mut used: HashSet<(String, Option<String>, usize, u32)> = HashSet::new();
        for row in rows {
            let mut t = Tally {
                rows: 1,
                ..Tally::default()
            };
            let key = (row.file.clone(), row.record.clone());
            let quote = words(&row.quote);
            let candidates = || {
                parsed.statements[&key]
                    .iter()
                    .enumerate()
                    .flat_map(|(i, st)| st.paragraphs.iter().map(move |p| (i, st, p)))
            };
            let mut hit = None;
            // The paragraph as a whole first; its words after a label only when nothing else opens so.
            'passes: for after in [false, true] {
                for (i, st, p) in candidates() {
                    let text = if after {
                        after_label(&p.text).map(words)
                    } else {
                        Some(words(&p.text))
                    };
                    if text.is_some_and(|t| opens_with(&t, &quote))
                        && used.insert((key.0.clone(), key.1.clone(), i, p.number))
                    {
                        hit = Some((st, p));
                        break 'passes;
                    }
                }
            }
            match hit {
                None => {
                    if verbose {
                        eprintln!("NOT FOUND {} {}: {:?}", row.at, row.file, row.quote);
                    }
                }
                Some((st, p)) => {
                    t.found = 1;
                    let got: Vec<String> =
                        st.speaker_names(p).iter().map(|s| s.to_string()).collect();
                    let got_c: HashSet<String> = st
                        .speaker_countries(p)
                        .iter()
                        .map(|c| c.as_str().to_string())
                        .collect();
                    let speakers = same_people(&row.speakers, &got);
                    let countries = row.countries == got_c;
                    let role = row.role == p.role.as_str();
                    t.speakers = usize::from(speakers);
                    t.countries = usize::from(countries);
                    t.roles = usize::from(role);
                    let known = &labelled[&(row.file.as_str(), row.record.as_deref())];
                    t.strangers = usize::from(got.iter().any(|g| !known.contains(&name_key(g))));
                    if verbose && t.strangers == 1 {
                        eprintln!("STRANGER {}:{} {:?} {:?}", row.file, row.at, got, row.quote);
                    }
                    let s = per_sieve.entry(p.sieve.as_str()).or_default();
                    s.rows += 1;
                    s.found += 1;
                    s.speakers += t.speakers;
                    s.countries += t.countries;
                    s.roles += t.roles;
                    if verbose && !(speakers && countries && role) {
                        let mut want_c: Vec<&String> = row.countries.iter().collect();
                        want_c.sort();
                        let want: Vec<String> = row
                            .speakers
                            .iter()
                            .map(|s| {
                                let mut v: Vec<&String> = s.iter().collect();
                                v.sort();
                                v.iter().map(|x| x.as_str()).collect::<Vec<_>>().join("|")
                            })
                            .collect();
                        eprintln!(
                            "MISS {} ¶{} {:?}\n     want {:?} {:?} {}\n     got  {:?} {:?} {}",
                            row.at,
                            p.number,
                            row.quote,
                            want,
                            want_c,
                            row.role,
                            got,
                            got_c,
                            p.role.as_str()
                        );
                    }
                }
            }
            per_source
                .entry(short(source).to_string())
                .or_default()
                .add(&t);
            per_genre.entry(row.genre.clone()).or_default().add(&t);
        }
    }
    let mut all = Tally::default();
    eprintln!("| source {TABLE_HEAD}\n|---|---|---|---|---|---|");
    for (name, t) in &per_source {
        eprintln!("{}", t.line(name));
        all.add(t);
    }
    eprintln!("{}", all.line("all"));
    eprintln!("\n| genre {TABLE_HEAD}\n|---|---|---|---|---|---|");
    for (name, t) in &per_genre {
        eprintln!("{}", t.line(if name.is_empty() { "(none)" } else { name }));
    }
    eprintln!("\n| sieve that decided {TABLE_HEAD}\n|---|---|---|---|---|---|");
    for (name, t) in &per_sieve {
        eprintln!("{}", t.line(name));
    }
    eprintln!(
        "\nparagraphs given a speaker no label of their statement names (a wrong person, or no person): \
         {} of {} found ({:.1}%)",
        all.strangers,
        all.found,
        Tally::pct(all.strangers, all.found)
    );
    check_levels(&per_source, &all);
}

/// Fails when a source's (or the whole set's) figure is below the level `tests/eval/levels.tsv` records.
fn check_levels(per_source: &BTreeMap<String, Tally>, all: &Tally) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval/levels.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/eval/levels.tsv");
    let mut failures = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (name, min): (&str, Vec<f64>) = (
            cols[0],
            cols[1..]
                .iter()
                .map(|c| c.trim().parse().expect("a percentage"))
                .collect(),
        );
        let t = if name == "all" {
            Some(all)
        } else {
            per_source.get(name)
        };
        let Some(t) = t else { continue };
        let got = [
            Tally::pct(t.found, t.rows),
            Tally::pct(t.speakers, t.rows),
            Tally::pct(t.countries, t.rows),
            Tally::pct(t.roles, t.rows),
        ];
        for (what, (g, m)) in ["found", "speakers", "countries", "roles"]
            .iter()
            .zip(got.iter().zip(&min))
        {
            if g + 1e-9 < *m {
                failures.push(format!("{name}: {what} {g:.1}% < {m}%"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "attribution fell below the recorded level:\n{}",
        failures.join("\n")
    );
}
