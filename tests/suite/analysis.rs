//! `count`, `trend`, `kwic` and `first` on an invented corpus whose figures are counted by hand, and on the
//! shared corpora against figures computed independently from `demarche export`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::util::{shared_corpora, Env};

/// Four statements as JSON records (speaker, country, date and kind given), one in a folder of its own,
/// and a press conference whose questions are labelled with the outlet asking.
///
/// Words per paragraph (as the index counts them, labels included):
/// - r1 (Brazil, 2019-03-05): "Taiwan matters to trade" 4, "Rain fell on the river" 5
/// - r2 (China, 2019-11-20): "Taiwan is part of China and Taiwan will stay" 9
/// - presser (2020-03-03): 7, 7, 7, 5, 6, 6 = 38; questions by Reuters (2) and AFP (1)
/// - r3 (China, 2021-02-01): "A shared future for Taiwan" 5, "Nothing more here today" 4
/// - r4 (United States, 2021-06-30): "We build a shared future together" 6
fn corpus() -> Env {
    let env = Env::new();
    env.write(
        "records.jsonl",
        r#"{"id":"r1","title":"Address","speaker":"Ana Lima","country":"Brazil","date":"2019-03-05","kind":"speech","text":"Taiwan matters to trade\n\nRain fell on the river"}
{"id":"r2","title":"Briefing","speaker":"Li Wen","country":"China","date":"2019-11-20","kind":"press conference","text":"Taiwan is part of China and Taiwan will stay"}
{"id":"r3","title":"Call","speaker":"Li Wen","country":"China","date":"2021-02-01","kind":"readout","text":"A shared future for Taiwan\n\nNothing more here today"}
"#,
    );
    env.write(
        "us/records.jsonl",
        r#"{"id":"r4","title":"Remarks","speaker":"John Park","country":"United States","date":"2021-06-30","kind":"speech","text":"We build a shared future together"}
"#,
    );
    env.write(
        "presser.html",
        "<html><head><title>Foreign Ministry Spokesperson Li Wen's Regular Press Conference on March 3, 2020</title></head>\
         <body><div class=\"content\"><h1>Foreign Ministry Spokesperson Li Wen's Regular Press Conference on March 3, 2020</h1>\
         <p>Reuters: Will China comment on Xinjiang cotton?</p>\
         <p>Li Wen: Xinjiang affairs are internal affairs.</p>\
         <p>AFP: Is there news on Xinjiang visits?</p>\
         <p>Li Wen: We welcome visits.</p>\
         <p>Reuters: One more on Xinjiang please?</p>\
         <p>Li Wen: I have answered that.</p></div></body></html>",
    );
    env.index().code(0);
    env
}

fn json_rows(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.push("--json");
    let run = env.run(&all).code(0);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn count_groups_matching_paragraphs_largest_first() {
    let env = corpus();
    assert_eq!(
        json_rows(&env, &["count", "Taiwan", "--by", "country"]),
        [
            json!({"key": "CHN", "paragraphs": 2, "statements": 2}),
            json!({"key": "BRA", "paragraphs": 1, "statements": 1}),
        ]
    );
    assert_eq!(
        json_rows(&env, &["count", "Taiwan", "--by", "year"]),
        [
            json!({"key": "2019", "paragraphs": 2, "statements": 2}),
            json!({"key": "2021", "paragraphs": 1, "statements": 1}),
        ]
    );
    assert_eq!(
        json_rows(&env, &["count", "Xinjiang", "--by", "outlet"]),
        [
            json!({"key": "Reuters", "paragraphs": 2, "statements": 1}),
            json!({"key": "AFP", "paragraphs": 1, "statements": 1}),
        ]
    );
    assert_eq!(
        json_rows(&env, &["count", "", "--by", "kind", "--top", "2"]),
        [
            json!({"key": "press_conference", "paragraphs": 7, "statements": 2}),
            json!({"key": "speech", "paragraphs": 3, "statements": 2}),
        ]
    );
    assert_eq!(
        json_rows(
            &env,
            &["count", "Taiwan", "--by", "month", "--speaker", "Li Wen"]
        ),
        [
            json!({"key": "2019-11", "paragraphs": 1, "statements": 1}),
            json!({"key": "2021-02", "paragraphs": 1, "statements": 1}),
        ]
    );
    let csv = env
        .run(&["count", "Taiwan", "--by", "country", "--csv"])
        .code(0);
    assert_eq!(csv.stdout, "key,paragraphs,statements\nCHN,2,2\nBRA,1,1\n");
    let human = env.run(&["count", "Taiwan", "--by", "country"]).code(0);
    assert!(human.stdout.contains("China (CHN)"), "{human}");
    let none = env.run(&["count", "Atlantis", "--by", "country"]).code(1);
    assert!(none.stderr.contains("no paragraph matches"), "{none}");
}

/// `count` tells statements apart by their paragraphs being neighbours in one segment: a build whose
/// indexing threads take paragraphs from one queue must not spread a statement over two of them.
#[test]
fn a_statement_built_on_several_threads_is_counted_once() {
    let env = Env::new();
    let countries = ["Brazil", "China", "Kenya"];
    let mut records = String::new();
    for i in 0..120 {
        let text: Vec<String> = (0..12)
            .map(|p| format!("Paragraph {p} of record {i} speaks of water."))
            .collect();
        records.push_str(
            &json!({
                "id": format!("r{i}"),
                "title": "Remarks",
                "speaker": "Ana Lima",
                "country": countries[i % 3],
                "date": "2021-06-30",
                "text": text.join("\n\n"),
            })
            .to_string(),
        );
        records.push('\n');
    }
    env.write("records.jsonl", records);
    env.run(&["index", "--threads", "4"]).code(0);
    assert_eq!(
        json_rows(&env, &["count", "water", "--by", "country"]),
        [
            json!({"key": "BRA", "paragraphs": 480, "statements": 40}),
            json!({"key": "CHN", "paragraphs": 480, "statements": 40}),
            json!({"key": "KEN", "paragraphs": 480, "statements": 40}),
        ]
    );
}

/// One statement a file, `paragraphs` paragraphs long, every one of them naming water.
fn water_statement(country: &str, paragraphs: usize, tag: &str) -> String {
    let text: Vec<String> = (0..paragraphs)
        .map(|p| format!("Paragraph {p} of {tag} speaks of water."))
        .collect();
    json!({
        "id": tag,
        "title": "Remarks",
        "speaker": "Ana Lima",
        "country": country,
        "date": "2021-06-30",
        "text": text.join("\n\n"),
    })
    .to_string()
}

#[test]
fn statements_are_counted_once_after_files_change_shrink_and_go() {
    // Statements are told apart by their paragraphs' neighbouring ids within a segment: what updates
    // delete and later commits add, over several segments, must not blur two statements into one or
    // split one.
    let env = Env::new();
    let countries = ["Brazil", "China", "Kenya"];
    let codes = ["BRA", "CHN", "KEN"];
    for i in 0..60 {
        env.write(
            &format!("f{i}.jsonl"),
            water_statement(countries[i % 3], 3 + i % 5, &format!("s{i}")),
        );
    }
    env.run(&["index", "--threads", "2", "--heap", "30"])
        .code(0);
    // Every fourth file rewritten with another length, every seventh removed, twelve added.
    let mut expected: std::collections::BTreeMap<&str, (u64, u64)> = Default::default();
    for i in 0..72 {
        let path = format!("f{i}.jsonl");
        let country = countries[i % 3];
        let paragraphs = if i >= 60 {
            2 + i % 4
        } else if i % 7 == 0 {
            std::fs::remove_file(env.corpus().join(&path)).unwrap();
            continue;
        } else if i % 4 == 0 {
            9 - i % 5
        } else {
            3 + i % 5
        };
        if i >= 60 || i % 4 == 0 {
            env.write(
                &path,
                water_statement(country, paragraphs, &format!("s{i}x")),
            );
        }
        let e = expected.entry(codes[i % 3]).or_default();
        e.0 += paragraphs as u64;
        e.1 += 1;
    }
    env.run(&["index", "--threads", "2", "--heap", "30"])
        .code(0);
    let want: Vec<serde_json::Value> = {
        let mut rows: Vec<(&str, (u64, u64))> = expected.into_iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        rows.into_iter()
            .map(|(k, (p, s))| json!({"key": k, "paragraphs": p, "statements": s}))
            .collect()
    };
    assert_eq!(
        json_rows(&env, &["count", "water", "--by", "country"]),
        want
    );
}

#[test]
fn the_source_filter_keeps_files_under_a_path_prefix_in_every_command() {
    let env = corpus();
    assert_eq!(
        json_rows(&env, &["count", "", "--by", "source", "--source", "us/"]),
        [json!({"key": "us/records.jsonl", "paragraphs": 1, "statements": 1})]
    );
    assert_eq!(
        env.id_set(&["shared", "--source", "records"]),
        ["records.jsonl#r3#1"]
    );
    let first = json_rows(&env, &["first", "\"shared future\"", "--source", "us"]);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0]["key"], "USA");
}

#[test]
fn trend_lists_every_period_with_occurrences_and_totals() {
    let env = corpus();
    let row = |period: &str, p: u64, o: u64, tp: u64, tw: u64, r: f64| {
        json!({"period": period, "group": null, "paragraphs": p, "occurrences": o,
               "total_paragraphs": tp, "total_words": tw, "per_10k_words": r})
    };
    // 2020 has no Taiwan: a row of zeros between the others, with its totals.
    assert_eq!(
        json_rows(&env, &["trend", "Taiwan"]),
        [
            row("2019", 2, 3, 3, 18, 1666.67),
            row("2020", 0, 0, 6, 38, 0.0),
            row("2021", 1, 1, 3, 15, 666.67),
        ]
    );
    // A phrase counts where its words stand together.
    assert_eq!(
        json_rows(&env, &["trend", "\"shared future\"", "--from", "2021"]),
        [row("2021", 2, 2, 3, 15, 1333.33)]
    );
    let split = json_rows(
        &env,
        &["trend", "Taiwan", "--split", "country", "--top", "1"],
    );
    let chn: Vec<(String, u64, u64, u64)> = split
        .iter()
        .map(|r| {
            assert_eq!(r["group"], "CHN");
            (
                r["period"].as_str().unwrap().to_string(),
                r["paragraphs"].as_u64().unwrap(),
                r["occurrences"].as_u64().unwrap(),
                r["total_words"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        chn,
        [
            ("2019".into(), 1, 2, 9),
            ("2020".into(), 0, 0, 0),
            ("2021".into(), 1, 1, 9)
        ]
    );
    let months = json_rows(&env, &["trend", "Xinjiang", "--by", "month"]);
    // 2019-03 to 2021-06: 28 months, one with matches.
    assert_eq!(months.len(), 28);
    let march: Vec<&Value> = months.iter().filter(|r| r["paragraphs"] != 0).collect();
    assert_eq!(march.len(), 1);
    assert_eq!(march[0]["period"], "2020-03");
    assert_eq!(march[0]["occurrences"], 4);
}

#[test]
fn trend_draws_a_plot() {
    let env = corpus();
    for name in ["trend.svg", "trend.png"] {
        let run = env
            .run(&["trend", "Taiwan", "--split", "country", "--plot", name])
            .code(0);
        assert!(run.stderr.contains("plot written"), "{run}");
        let bytes = std::fs::read(env.root().join(name)).expect("the plot");
        assert!(bytes.len() > 1000, "{name}: {} bytes", bytes.len());
    }
    let svg = std::fs::read_to_string(env.root().join("trend.svg")).unwrap();
    assert!(
        svg.contains("Taiwan") && svg.contains("CHN"),
        "title and legend"
    );
    env.run(&["trend", "Taiwan", "--plot", "trend.gif"]).code(2);
}

#[test]
fn kwic_puts_each_occurrence_on_a_line_in_date_order() {
    let env = corpus();
    let lines = json_rows(&env, &["kwic", "Taiwan", "--width", "12"]);
    let shown: Vec<(&str, &str, &str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["left"].as_str().unwrap(),
                l["match"].as_str().unwrap(),
                l["right"].as_str().unwrap(),
                l["date"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("", "Taiwan", " matters to ", "2019-03-05"),
            ("", "Taiwan", " is part of ", "2019-11-20"),
            ("f China and ", "Taiwan", " will stay", "2019-11-20"),
            (" future for ", "Taiwan", "", "2021-02-01"),
        ]
    );
    assert_eq!(lines[1]["speakers"], json!(["Li Wen"]));
    assert_eq!(lines[1]["countries"], json!(["CHN"]));
    assert_eq!(lines[1]["id"], "records.jsonl#r2#1");
    let right = json_rows(&env, &["kwic", "Taiwan", "--sort", "right", "--limit", "2"]);
    assert_eq!(right.len(), 2);
    assert_eq!(right[0]["right"], "");
    let human = env.run(&["kwic", "Taiwan"]).code(0);
    let columns: BTreeSet<usize> = human
        .stdout
        .lines()
        .map(|l| l.chars().position(|c| c == '[').unwrap())
        .collect();
    assert_eq!(columns.len(), 1, "the match in one column{human}");
}

#[test]
fn first_orders_each_groups_earliest_paragraph_by_date() {
    let env = corpus();
    let rows = json_rows(&env, &["first", "\"shared future\"", "--by", "country"]);
    assert_eq!(
        rows,
        [
            json!({"key": "CHN", "date": "2021-02-01", "speakers": ["Li Wen"], "countries": ["CHN"],
                   "id": "records.jsonl#r3#1", "text": "A shared future for Taiwan"}),
            json!({"key": "USA", "date": "2021-06-30", "speakers": ["John Park"], "countries": ["USA"],
                   "id": "us/records.jsonl#r4#1", "text": "We build a shared future together"}),
        ]
    );
    let speakers = json_rows(&env, &["first", "Taiwan", "--by", "speaker"]);
    let order: Vec<(&str, &str)> = speakers
        .iter()
        .map(|r| (r["key"].as_str().unwrap(), r["date"].as_str().unwrap()))
        .collect();
    assert_eq!(
        order,
        [("Ana Lima", "2019-03-05"), ("Li Wen", "2019-11-20")]
    );
}

#[test]
fn field_values_are_read_as_the_flags_read_them() {
    let env = corpus();
    let by_flag = env.id_set(&["Taiwan", "--country", "China"]);
    assert_eq!(by_flag.len(), 2);
    for q in [
        "country:China Taiwan",
        "country:chn Taiwan",
        "country:CN Taiwan",
    ] {
        assert_eq!(env.id_set(&[q]), by_flag, "{q}");
    }
    assert_eq!(
        env.id_set(&["country:US shared"]),
        ["us/records.jsonl#r4#1"]
    );
    assert_eq!(env.id_set(&["role:Question Xinjiang"]).len(), 3);
    assert_eq!(env.id_set(&["kind:Readout"]).len(), 2);
    assert_eq!(env.id_set(&["kind:\"press conference\" Taiwan"]).len(), 1);
    let bad = env.search(&["country:Atlantis"]).code(2);
    assert!(bad.stderr.contains("BRA, CHN, USA"), "{bad}");
    let bad = env.search(&["role:speech"]).code(2);
    assert!(bad.stderr.contains("roles: statement"), "{bad}");
}

#[test]
fn prefixes_operators_and_empty_results_say_what_they_do() {
    let env = corpus();
    assert_eq!(env.id_set(&["Taiw*"]).len(), 3);
    assert_eq!(env.id_set(&["Xinj* -role:question"]).len(), 1);
    // A prefix is counted, highlighted and shown in context as the words it stands for.
    assert_eq!(
        json_rows(&env, &["trend", "Taiw*"]),
        json_rows(&env, &["trend", "Taiwan"])
    );
    assert_eq!(json_rows(&env, &["kwic", "Xinj*"]).len(), 4);
    let hit = env
        .search(&["Taiw*", "--json", "--sort", "oldest"])
        .code(0)
        .json();
    assert_eq!(hit[0]["snippet"]["highlights"][0]["end"], 6);
    let bad = env.search(&["taiwan or rain"]).code(2);
    assert!(bad.stderr.contains("write OR"), "{bad}");
    assert_eq!(env.id_set(&["taiwan OR rain"]).len(), 4);
    let none = env.search(&["Atlantis"]).code(1);
    assert!(none.stderr.contains("no paragraph matches"), "{none}");
    let none = env.search(&["Atlantis", "--count"]).code(1);
    assert!(none.stderr.contains("no paragraph matches"), "{none}");
}

#[test]
fn sort_oldest_puts_the_earliest_first_and_highlights_give_characters() {
    let env = corpus();
    let ids = env.ids(&["Taiwan", "--sort", "oldest"]);
    assert_eq!(
        ids,
        [
            "records.jsonl#r1#1",
            "records.jsonl#r2#1",
            "records.jsonl#r3#1"
        ]
    );
    let env = Env::new();
    env.write(
        "accents.jsonl",
        "{\"title\":\"T\",\"date\":\"2020-01-01\",\"text\":\"Présidente Çelik visited Taiwan\"}\n",
    );
    env.index().code(0);
    let hits = env.search(&["Taiwan", "--json"]).code(0).json();
    let h = &hits[0]["snippet"]["highlights"][0];
    assert_eq!(
        (h["start"].as_u64(), h["end"].as_u64()),
        (Some(27), Some(33))
    );
    assert_eq!(
        (h["char_start"].as_u64(), h["char_end"].as_u64()),
        (Some(25), Some(31))
    );
}

// ---------------------------------------------------------------------------------------------------
// The shared corpora

/// A paragraph as `export` writes it, with what the checks need.
struct Exported {
    countries: Vec<String>,
    speakers: Vec<String>,
    date: Option<String>,
    text: String,
    statement: String,
}

#[test]
fn count_trend_and_first_agree_with_an_export_of_the_press_conferences() {
    let Some(shared) =
        shared_corpora("count, trend and first cannot be checked on the real corpora")
    else {
        return;
    };
    let env = Env::new();
    let pages = shared.join("cmfa-presscon/html");
    let mut names: Vec<_> = std::fs::read_dir(&pages)
        .expect("cmfa-presscon/html")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    names.sort();
    // A third of the pages: enough for every year and speaker, quick in a debug build.
    for path in names.iter().step_by(3) {
        let name = path.file_name().unwrap().to_string_lossy();
        env.write(&format!("html/{name}"), std::fs::read(path).unwrap());
    }
    env.index().code(0);
    let export = env.run(&["export"]).code(0);
    let paragraphs: Vec<Exported> = export
        .stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let strings = |k: &str| -> Vec<String> {
                v[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect()
            };
            Exported {
                countries: strings("countries"),
                speakers: strings("speakers"),
                date: v["date"].as_str().map(str::to_string),
                text: v["text"].as_str().unwrap().to_string(),
                statement: v["statement"].as_str().unwrap().to_string(),
            }
        })
        .collect();
    // "Taiwan" as the tokenizer sees it: a word, any case, possessive included.
    let word = regex::Regex::new(r"(?i)\btaiwan\b").unwrap();
    let words = regex::Regex::new(r"[\p{L}\p{N}]+").unwrap();
    let matching: Vec<&Exported> = paragraphs
        .iter()
        .filter(|p| word.is_match(&p.text))
        .collect();
    assert!(
        matching.len() > 50,
        "a real test: {} paragraphs",
        matching.len()
    );

    // count --by speaker
    let mut expected: BTreeMap<String, (u64, BTreeSet<&str>)> = BTreeMap::new();
    for p in &matching {
        for s in &p.speakers {
            let e = expected.entry(s.clone()).or_default();
            e.0 += 1;
            e.1.insert(&p.statement);
        }
    }
    let counted: BTreeMap<String, (u64, u64)> =
        json_rows(&env, &["count", "Taiwan", "--by", "speaker"])
            .iter()
            .map(|r| {
                (
                    r["key"].as_str().unwrap().to_string(),
                    (
                        r["paragraphs"].as_u64().unwrap(),
                        r["statements"].as_u64().unwrap(),
                    ),
                )
            })
            .collect();
    let expected_counts: BTreeMap<String, (u64, u64)> = expected
        .iter()
        .map(|(k, (n, st))| (k.clone(), (*n, st.len() as u64)))
        .collect();
    assert_eq!(counted, expected_counts);

    // count --by country: a paragraph of two countries counts for each
    let mut countries: BTreeMap<String, u64> = BTreeMap::new();
    for p in &matching {
        for c in &p.countries {
            *countries.entry(c.clone()).or_default() += 1;
        }
    }
    let counted: BTreeMap<String, u64> = json_rows(&env, &["count", "Taiwan", "--by", "country"])
        .iter()
        .map(|r| {
            (
                r["key"].as_str().unwrap().to_string(),
                r["paragraphs"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counted, countries);

    // trend by year: matching paragraphs, occurrences, all paragraphs and their words
    let mut by_year: BTreeMap<String, [u64; 4]> = BTreeMap::new();
    for p in &paragraphs {
        let Some(date) = &p.date else { continue };
        let e = by_year.entry(date[..4].to_string()).or_default();
        let n = word.find_iter(&p.text).count() as u64;
        e[0] += u64::from(n > 0);
        e[1] += n;
        e[2] += 1;
        e[3] += words.find_iter(&p.text).count() as u64;
    }
    let trend: BTreeMap<String, [u64; 4]> = json_rows(&env, &["trend", "Taiwan"])
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_u64().unwrap();
            (
                r["period"].as_str().unwrap().to_string(),
                [
                    n("paragraphs"),
                    n("occurrences"),
                    n("total_paragraphs"),
                    n("total_words"),
                ],
            )
        })
        .collect();
    for (year, e) in &by_year {
        let t = trend
            .get(year)
            .unwrap_or_else(|| panic!("no row for {year}"));
        assert_eq!(
            t[..3],
            e[..3],
            "{year}: paragraphs, occurrences, all paragraphs"
        );
        // Words are counted by the index's tokenizer; a plain regex splits a few (U.S., 1.5) otherwise.
        let off = (t[3] as f64 - e[3] as f64).abs() / e[3] as f64;
        assert!(
            off < 0.02,
            "{year}: {} words in the index, {} by regex",
            t[3],
            e[3]
        );
    }

    // first --by speaker: each speaker's earliest date
    let mut earliest: BTreeMap<&str, &str> = BTreeMap::new();
    for p in &matching {
        let Some(date) = p.date.as_deref() else {
            continue;
        };
        for s in &p.speakers {
            let e = earliest.entry(s.as_str()).or_insert(date);
            if date < *e {
                *e = date;
            }
        }
    }
    let first = json_rows(&env, &["first", "Taiwan", "--by", "speaker"]);
    let found: BTreeMap<&str, &str> = first
        .iter()
        .map(|r| (r["key"].as_str().unwrap(), r["date"].as_str().unwrap()))
        .collect();
    assert_eq!(found, earliest);
    let dates: Vec<&str> = first.iter().map(|r| r["date"].as_str().unwrap()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "in date order: {dates:?}"
    );
}

#[test]
fn a_statement_known_by_its_year_is_in_yearly_rows_and_noted_in_monthly_ones() {
    let env = Env::new();
    env.write(
        "r.jsonl",
        r#"{"id":"y1","title":"Old","speaker":"Ana Lima","country":"Brazil","date":"2018","text":"Taiwan was discussed"}
{"id":"d1","title":"New","speaker":"Ana Lima","country":"Brazil","date":"2019-02-03","text":"Taiwan again"}
"#,
    );
    env.index().code(0);
    let years = json_rows(&env, &["trend", "Taiwan"]);
    let periods: Vec<&str> = years
        .iter()
        .map(|r| r["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2018", "2019"]);
    let months = env
        .run(&["trend", "Taiwan", "--by", "month", "--json"])
        .code(0);
    assert_eq!(months.stdout.lines().count(), 1, "{months}");
    assert!(
        months
            .stderr
            .contains("1 matching paragraphs have no month"),
        "{months}"
    );
    // first places it at the start of its year, before the dated one.
    let first = json_rows(&env, &["first", "Taiwan", "--by", "speaker"]);
    assert_eq!(first[0]["date"], "2018");
    assert_eq!(first[0]["id"], "r.jsonl#y1#1");
}

#[test]
fn totals_read_from_the_columns_agree_with_the_aggregation_after_an_update() {
    let env = corpus();
    // Without filters the totals are read from the columns; a filter that keeps everything takes the
    // aggregation. Both must agree, also once an update has deleted the paragraphs it replaced.
    let same = |env: &Env| {
        for by in ["year", "month"] {
            assert_eq!(
                json_rows(env, &["trend", "Taiwan", "--by", by]),
                json_rows(env, &["trend", "Taiwan", "--by", by, "--from", "1900"]),
                "{by}"
            );
        }
    };
    same(&env);
    env.write(
        "records.jsonl",
        r#"{"id":"r1","title":"Address","speaker":"Ana Lima","country":"Brazil","date":"2019-03-05","kind":"speech","text":"Taiwan matters to trade"}
"#,
    );
    env.bump_mtime("records.jsonl", 5);
    env.index().code(0);
    same(&env);
    let rows = json_rows(&env, &["trend", "Taiwan"]);
    assert_eq!(
        rows[0]["total_paragraphs"], 1,
        "the replaced paragraphs are gone: {rows:?}"
    );
    assert_eq!(rows[0]["total_words"], 4);
}
