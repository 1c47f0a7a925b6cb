//! `demarche export`: every paragraph with all its fields, in corpus order, as JSON Lines or CSV.

use demarche::Record;

use crate::util::{seed, Env, PRESSER, SEED_FILE};

/// The keys of an exported record, in the order of the CSV columns.
const KEYS: [&str; 15] = [
    "id",
    "statement",
    "source",
    "url",
    "title",
    "date",
    "kind",
    "paragraph",
    "role",
    "sieve",
    "speakers",
    "countries",
    "country_names",
    "answers",
    "text",
];

/// A file of three records whose ids do not sort in file order, the second with eleven paragraphs so
/// that paragraph 10 must come after 9, not after 1. Its name sorts before the seed's.
fn records() -> String {
    let long: Vec<String> = (1..=11)
        .map(|n| format!("Point {n} on the Danube navigation treaty."))
        .collect();
    let line = |id: &str, title: &str, body: &str| {
        serde_json::json!({"id": id, "title": title, "date": "2022-05-10", "text": body})
            .to_string()
    };
    [
        line(
            "zeta",
            "Statement on Vineyards",
            "Hungary and Slovakia discussed \"Tokaj\" wine, exports and tariffs.\n\nThey agreed.",
        ),
        line("alpha", "Statement on the Danube", &long.join("\n\n")),
        line(
            "mid",
            "Statement on Rail",
            "Austria proposed a night train.",
        ),
    ]
    .join("\n")
}

/// The ids `export` must give, in order, for the seed, [`records`] and [`PRESSER`].
fn corpus_order() -> Vec<String> {
    let mut ids: Vec<String> = ["zeta#1", "zeta#2"]
        .iter()
        .map(|p| format!("danube.jsonl#{p}"))
        .collect();
    ids.extend((1..=11).map(|n| format!("danube.jsonl#alpha#{n}")));
    ids.push("danube.jsonl#mid#1".into());
    ids.extend((1..=5).map(seed));
    ids.extend(["zz-presser.html#1".into(), "zz-presser.html#2".into()]);
    ids
}

/// The seed indexed first, then the other two files added by a second build: paragraphs in two
/// segments, in an order that is not the corpus order.
fn exported() -> Env {
    let env = Env::seeded();
    env.index().code(0);
    env.write("zz-presser.html", PRESSER);
    env.write("danube.jsonl", records());
    env.index().code(0);
    env
}

fn export(env: &Env, format: &str) -> crate::util::Run {
    let run = env.run(&["export", "--format", format]).code(0);
    assert!(
        run.stderr.contains("paragraphs exported"),
        "export says how many it wrote{run}"
    );
    run
}

fn jsonl_records(env: &Env) -> Vec<Record> {
    let run = export(env, "jsonl");
    run.stdout
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a record: {e}: {line:?}{run}"))
        })
        .collect()
}

fn list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        Vec::new()
    } else {
        cell.split("; ").map(str::to_owned).collect()
    }
}

fn optional(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_owned())
}

fn csv_records(env: &Env) -> Vec<Record> {
    let run = export(env, "csv");
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header line")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, KEYS, "{run}");
    reader
        .records()
        .map(|row| {
            let row = row.unwrap_or_else(|e| panic!("a bad CSV row: {e}{run}"));
            assert_eq!(row.len(), KEYS.len(), "{row:?}");
            Record {
                id: row[0].to_owned(),
                statement: row[1].to_owned(),
                source: row[2].to_owned(),
                url: optional(&row[3]),
                title: optional(&row[4]),
                date: optional(&row[5]),
                kind: row[6].to_owned(),
                paragraph: row[7].parse().expect("a paragraph number"),
                role: row[8].to_owned(),
                sieve: row[9].to_owned(),
                speakers: list(&row[10]),
                countries: list(&row[11]),
                country_names: list(&row[12]),
                answers: optional(&row[13]),
                text: row[14].to_owned(),
            }
        })
        .collect()
}

#[test]
fn export_writes_every_paragraph_in_corpus_order() {
    let env = exported();
    let ids: Vec<String> = jsonl_records(&env).into_iter().map(|r| r.id).collect();
    assert_eq!(ids, corpus_order());
}

#[test]
fn export_counts_what_search_counts() {
    let env = exported();
    let run = env.search(&["*", "--count"]).code(0);
    let count: usize = run.stdout.trim().parse().expect("a count");
    let exported = export(&env, "jsonl");
    assert_eq!(exported.stdout.lines().count(), count, "{exported}");
    assert!(
        exported
            .stderr
            .contains(&format!("{count} paragraphs exported")),
        "{exported}"
    );
}

#[test]
fn exported_json_lines_hold_every_key_and_nothing_else() {
    let env = exported();
    let run = export(&env, "jsonl");
    let lines = run.json();
    assert_eq!(lines.len(), corpus_order().len());
    for line in &lines {
        let mut keys: Vec<&str> = line.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = KEYS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected, "{line:?}");
    }
}

#[test]
fn json_lines_and_csv_give_the_same_records() {
    let env = exported();
    let jsonl = jsonl_records(&env);
    let csv = csv_records(&env);
    assert_eq!(jsonl.len(), corpus_order().len());
    assert_eq!(csv, jsonl);
    // The CSV must quote what needs quoting: the vineyards text has quotes and commas.
    assert!(
        jsonl.iter().any(|r| r.text.contains("\"Tokaj\" wine,")),
        "{jsonl:?}"
    );
}

#[test]
fn exported_records_carry_attribution_dates_urls_and_answers() {
    let env = exported();
    let records = jsonl_records(&env);
    let find = |id: &str| {
        records
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("no record {id}"))
    };

    let thongloun = find(&seed(4));
    assert_eq!(thongloun.statement, SEED_FILE);
    assert_eq!(thongloun.source, SEED_FILE);
    assert_eq!(thongloun.paragraph, 4);
    assert_eq!(thongloun.speakers, ["Thongloun Sisoulith"]);
    assert_eq!(thongloun.countries, ["LAO"]);
    assert_eq!(thongloun.country_names, ["Laos"]);
    assert_eq!(thongloun.date.as_deref(), Some("2021-01-21"));
    assert_eq!(thongloun.role, "statement");
    assert_eq!(thongloun.kind, "readout");
    assert_eq!(thongloun.answers, None);
    assert!(thongloun
        .text
        .starts_with("Thongloun expressed his deep gratitude"));

    let joint = find(&seed(5));
    assert_eq!(joint.role, "joint");
    assert_eq!(joint.speakers, ["Xi Jinping", "Thongloun Sisoulith"]);
    assert_eq!(joint.countries, ["CHN", "LAO"]);

    let danube = find("danube.jsonl#alpha#10");
    assert_eq!(danube.statement, "danube.jsonl#alpha");
    assert_eq!(danube.title.as_deref(), Some("Statement on the Danube"));
    assert_eq!(danube.date.as_deref(), Some("2022-05-10"));
    assert_eq!(danube.text, "Point 10 on the Danube navigation treaty.");

    let answer = find("zz-presser.html#2");
    assert_eq!(answer.role, "answer");
    assert_eq!(answer.answers.as_deref(), Some("zz-presser.html#1"));
    assert_eq!(answer.speakers, ["Li Wen"]);
    assert_eq!(
        answer.url.as_deref(),
        Some("https://example.cn/presser.html")
    );
    assert_eq!(find("zz-presser.html#1").role, "question");
}

#[test]
fn export_leaves_out_what_a_rebuild_replaced_or_removed() {
    let env = exported();
    env.remove("zz-presser.html");
    env.write(
        "danube.jsonl",
        records().replace(
            "Austria proposed a night train.",
            "Austria proposed a ferry.",
        ),
    );
    env.bump_mtime("danube.jsonl", 5);
    env.index().code(0);
    let records = jsonl_records(&env);
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let expected: Vec<String> = corpus_order()
        .into_iter()
        .filter(|id| !id.starts_with("zz-presser.html"))
        .collect();
    assert_eq!(
        ids, expected,
        "each paragraph once, none of the removed file's"
    );
    let rail = records
        .iter()
        .find(|r| r.id == "danube.jsonl#mid#1")
        .expect("the edited record");
    assert_eq!(rail.text, "Austria proposed a ferry.");
}

#[test]
fn export_of_an_empty_index_is_a_csv_header_alone() {
    let env = Env::new();
    env.index().code(0);
    assert_eq!(export(&env, "jsonl").stdout, "");
    assert_eq!(export(&env, "csv").stdout.trim_end(), KEYS.join(","));
}

#[test]
fn export_without_an_index_exits_2() {
    let env = Env::seeded();
    for format in ["jsonl", "csv"] {
        let run = env
            .run(&["export", "--format", format])
            .code(2)
            .stderr_has("index");
        assert_eq!(run.stdout, "", "{run}");
    }
    assert!(!env.index_dir().exists(), "export never builds an index");
}
