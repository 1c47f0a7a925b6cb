//! `demarche stats`: what the index holds.

use crate::util::Env;

#[test]
fn stats_counts_statements_paragraphs_and_top_speakers() {
    let env = Env::seeded();
    env.index().code(0);
    let run = env.run(&["stats"]).code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "statements  1", "{run}");
    assert_eq!(
        lines[1], "paragraphs  5 (4 attributed to a speaker, 0 undated)",
        "{run}"
    );
    assert!(lines[2].starts_with("index size  "), "{run}");
    let speakers = lines
        .iter()
        .position(|l| *l == "speakers")
        .expect("speakers");
    assert_eq!(
        lines[speakers + 1..speakers + 3],
        ["  3  Xi Jinping", "  2  Thongloun Sisoulith"],
        "{run}"
    );
    let countries = lines
        .iter()
        .position(|l| *l == "countries")
        .expect("countries");
    assert_eq!(
        lines[countries + 1..countries + 3],
        ["  3  China (CHN)", "  2  Laos (LAO)"],
        "{run}"
    );
    let years = lines.iter().position(|l| *l == "years").expect("years");
    assert_eq!(lines[years + 1], "  5  2021", "{run}");
    assert_eq!(run.stderr, "", "{run}");
}

#[test]
fn stats_top_keeps_the_most_frequent() {
    let env = Env::seeded();
    env.index().code(0);
    let run = env.run(&["stats", "--top", "1"]).code(0);
    assert!(run.stdout.contains("  3  Xi Jinping\n"), "{run}");
    assert!(!run.stdout.contains("Thongloun Sisoulith"), "{run}");
}

#[test]
fn stats_json_parses_and_agrees() {
    let env = Env::seeded();
    env.index().code(0);
    let run = env.run(&["stats", "--json"]).code(0);
    assert_eq!(run.stdout.lines().count(), 1, "one object{run}");
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(stats["statements"], 1);
    assert_eq!(stats["paragraphs"], 5);
    assert_eq!(stats["attributed"], 4);
    assert_eq!(stats["undated"], 0);
    assert_eq!(
        stats["speakers"],
        serde_json::json!([
            {"value": "Xi Jinping", "paragraphs": 3},
            {"value": "Thongloun Sisoulith", "paragraphs": 2}
        ])
    );
    assert_eq!(
        stats["years"],
        serde_json::json!([{"value": "2021", "paragraphs": 5}])
    );
    assert!(stats["index_bytes"].as_u64().is_some_and(|n| n > 0));
}

#[test]
fn stats_without_an_index_exits_2_and_says_to_build_one() {
    let env = Env::seeded();
    let run = env.run(&["stats"]).code(2).stderr_has("demarche index");
    assert_eq!(run.stdout, "", "{run}");
    assert!(!env.index_dir().exists(), "stats does not build{run}");
}
