//! Searching the seed: phrases, the speaker, country and date filters, query syntax and exit codes.

use serde_json::{json, Value};

use crate::util::{seed, Env, SEED_FILE};

/// The seed, indexed.
fn indexed_seed() -> Env {
    let env = Env::seeded();
    env.index().code(0);
    env
}

/// The ids of `"Belt and Road"` hits with `filters`, sorted.
fn belt_and_road(env: &Env, filters: &[&str]) -> Vec<String> {
    let mut args = vec!["\"Belt and Road\""];
    args.extend_from_slice(filters);
    env.id_set(&args)
}

#[test]
fn a_phrase_finds_exactly_the_paragraphs_that_hold_it() {
    let env = indexed_seed();
    let run = env.search(&["\"Belt and Road\"", "--json"]).code(0);
    let hits = run.json();
    let mut found: Vec<(String, &Value, &Value)> = hits
        .iter()
        .map(|h| (h["id"].to_string(), &h["speakers"], &h["countries"]))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let (p3, p4) = (json!(seed(3)).to_string(), json!(seed(4)).to_string());
    assert_eq!(
        found,
        [
            (p3, &json!(["Xi Jinping"]), &json!(["CHN"])),
            (p4, &json!(["Thongloun Sisoulith"]), &json!(["LAO"])),
        ],
        "{run}"
    );
    assert!(hits.iter().all(|h| h["role"] == "statement"), "{run}");
}

#[test]
fn a_hyphenated_phrase_matches_the_spaced_one() {
    let env = indexed_seed();
    let spaced = belt_and_road(&env, &[]);
    assert_eq!(env.id_set(&["\"Belt-and-Road\""]), spaced);
    assert_eq!(env.id_set(&["Belt-and-Road"]), spaced);
    assert_eq!(spaced, [seed(3), seed(4)]);
}

#[test]
fn words_are_all_required_and_case_does_not_matter() {
    let env = indexed_seed();
    assert_eq!(env.ids(&["VACCINES batch"]), [seed(3)]);
    env.search(&["vaccines victories"]).code(1);
}

#[test]
fn the_speaker_filter_takes_part_of_a_name() {
    let env = indexed_seed();
    assert_eq!(belt_and_road(&env, &["--speaker", "Xi"]), [seed(3)]);
    assert_eq!(belt_and_road(&env, &["--speaker", "Jinping"]), [seed(3)]);
    assert_eq!(belt_and_road(&env, &["--speaker", "Thongloun"]), [seed(4)]);
}

#[test]
fn the_speaker_filter_takes_a_full_name_in_any_case() {
    let env = indexed_seed();
    assert_eq!(
        belt_and_road(&env, &["--speaker", "thongloun sisoulith"]),
        [seed(4)]
    );
    assert_eq!(belt_and_road(&env, &["--speaker", "XI JINPING"]), [seed(3)]);
    env.search(&["\"Belt and Road\"", "--speaker", "Jinping Xi"])
        .code(1);
    env.search(&["\"Belt and Road\"", "--speaker", "Ingrid Vale"])
        .code(1);
}

#[test]
fn a_joint_paragraph_belongs_to_each_of_its_speakers() {
    let env = indexed_seed();
    let run = env.search(&["\"Friendship Year\"", "--json"]).code(0);
    let hits = run.json();
    assert_eq!(hits.len(), 1, "{run}");
    assert_eq!(hits[0]["id"], seed(5));
    assert_eq!(hits[0]["role"], "joint");
    assert_eq!(
        hits[0]["speakers"],
        json!(["Xi Jinping", "Thongloun Sisoulith"])
    );
    assert_eq!(hits[0]["countries"], json!(["CHN", "LAO"]));
    for who in ["Xi", "Sisoulith"] {
        assert_eq!(
            env.ids(&["\"Friendship Year\"", "--speaker", who]),
            [seed(5)]
        );
    }
}

#[test]
fn narration_has_no_speaker() {
    let env = indexed_seed();
    let run = env.search(&["\"phone conversation\"", "--json"]).code(0);
    let hits = run.json();
    assert_eq!(hits.len(), 1, "{run}");
    assert_eq!(hits[0]["id"], seed(1));
    assert_eq!(hits[0]["role"], "narration");
    assert_eq!(hits[0]["speakers"], json!([]));
    assert_eq!(hits[0]["countries"], json!([]));
}

#[test]
fn the_country_filter_takes_a_name_an_alias_a_demonym_or_a_code() {
    let env = indexed_seed();
    for country in ["Laos", "LAO", "lao", "Laotian"] {
        assert_eq!(
            belt_and_road(&env, &["--country", country]),
            [seed(4)],
            "--country {country}"
        );
        assert_eq!(
            env.id_set(&["*", "--country", country]),
            [seed(4), seed(5)],
            "--country {country} on any query"
        );
    }
    assert_eq!(belt_and_road(&env, &["--country", "China"]), [seed(3)]);
    assert_eq!(belt_and_road(&env, &["--country", "chn"]), [seed(3)]);
}

#[test]
fn a_repeated_country_flag_means_any_of_them() {
    let env = indexed_seed();
    assert_eq!(
        belt_and_road(&env, &["--country", "China", "--country", "Laos"]),
        [seed(3), seed(4)]
    );
    assert_eq!(
        belt_and_road(&env, &["--country", "Norway", "--country", "LAO"]),
        [seed(4)]
    );
    env.search(&[
        "\"Belt and Road\"",
        "--country",
        "Norway",
        "--country",
        "Chile",
    ])
    .code(1);
}

#[test]
fn from_and_to_the_same_year_include_the_statement() {
    let env = indexed_seed();
    assert_eq!(
        belt_and_road(&env, &["--from", "2021", "--to", "2021"]),
        [seed(3), seed(4)]
    );
}

#[test]
fn from_a_later_year_excludes_the_statement() {
    let env = indexed_seed();
    env.search(&["\"Belt and Road\"", "--from", "2022"]).code(1);
}

#[test]
fn to_an_earlier_month_excludes_the_statement() {
    let env = indexed_seed();
    env.search(&["\"Belt and Road\"", "--to", "2020-12"])
        .code(1);
    // The month of the statement, to its last day, still holds it.
    assert_eq!(
        belt_and_road(&env, &["--to", "2021-01"]),
        [seed(3), seed(4)]
    );
}

#[test]
fn a_range_of_the_very_day_includes_the_statement() {
    let env = indexed_seed();
    assert_eq!(
        belt_and_road(&env, &["--from", "2021-01-21", "--to", "2021-01-21"]),
        [seed(3), seed(4)]
    );
    env.search(&["\"Belt and Road\"", "--from", "2021-01-22"])
        .code(1);
    env.search(&["\"Belt and Road\"", "--to", "2021-01-20"])
        .code(1);
}

#[test]
fn a_malformed_date_exits_2_naming_the_flag() {
    let env = indexed_seed();
    for (flag, value) in [
        ("--from", "2021-13"),
        ("--to", "yesterday"),
        ("--from", "21"),
        ("--to", "2021-02-30"),
    ] {
        let run = env.search(&["Laos", flag, value]).code(2);
        assert!(
            run.stderr.contains(&format!("{flag} \"{value}\"")),
            "the flag and value are named{run}"
        );
        assert_eq!(run.stdout, "", "{run}");
    }
}

#[test]
fn a_reversed_date_range_exits_2() {
    let env = indexed_seed();
    let run = env
        .search(&["Laos", "--from", "2022", "--to", "2021"])
        .code(2);
    assert!(run.stderr.contains("--from"), "{run}");
}

#[test]
fn an_unknown_country_exits_2() {
    let env = indexed_seed();
    let run = env
        .search(&["Laos", "--country", "Ruritania"])
        .code(2)
        .stderr_has("--country \"Ruritania\"");
    assert_eq!(run.stdout, "", "{run}");
}

#[test]
fn hits_exit_0_and_no_hits_exit_1() {
    let env = indexed_seed();
    env.search(&["Laos"]).code(0);
    let none = env.search(&["xylophone"]).code(1);
    assert_eq!(none.stdout, "", "{none}");
    assert_eq!(
        none.stderr, "demarche: no paragraph matches\n",
        "said on stderr{none}"
    );
    let json = env.search(&["xylophone", "--json"]).code(1);
    assert_eq!(json.stdout, "", "{json}");
}

#[test]
fn bad_query_syntax_exits_2_with_one_line_naming_the_problem() {
    let env = indexed_seed();
    for (query, problem) in [
        ("\"unbalanced", "missing delimiter"),
        ("a:(^", "expected word"),
        ("nosuchfield:x", "unknown field \"nosuchfield\""),
    ] {
        let run = env.search(&[query]).code(2);
        assert_eq!(run.stdout, "", "nothing on stdout{run}");
        let lines = run.stderr_lines();
        assert_eq!(lines.len(), 1, "one line on stderr{run}");
        let line = lines[0];
        assert!(line.starts_with("demarche: bad query"), "{run}");
        assert!(line.contains(&format!("{query:?}")), "names the query{run}");
        assert!(line.contains(problem), "names the problem{run}");
    }
}

#[test]
fn no_query_returns_the_records_of_corpus_files() {
    // The index holds a fingerprint record for each corpus file beside the paragraphs; a match-all inside
    // a query, or the `source` and `record` fields they share, must not bring one out.
    let env = indexed_seed();
    let paragraphs = env.search(&["--count", "*"]).code(0).stdout;
    let by_source = format!("source:\"{SEED_FILE}\"");
    for query in [
        "(*)",
        "* -xyzzy",
        "source:*",
        "laos OR *",
        by_source.as_str(),
    ] {
        let run = env.search(&["--count", query]).code(0);
        assert_eq!(run.stdout, paragraphs, "{query}{run}");
        for id in env.ids(&[query, "--limit", "1000"]) {
            assert!(!id.starts_with("file:"), "{query}: {id}");
        }
    }
    env.search(&["--count", "record:file"]).code(1);
}

#[test]
fn a_query_of_excluded_words_only_exits_2() {
    let env = indexed_seed();
    env.search(&["NOT china"])
        .code(2)
        .stderr_has("add a word to search for");
}

#[test]
fn an_overlong_query_is_refused() {
    let env = indexed_seed();
    let query = "laos ".repeat(1000);
    let run = env
        .search(&[&query])
        .code(2)
        .stderr_has("longer than 4096 bytes");
    assert_eq!(run.stderr_lines().len(), 1, "{run}");
    // So is a filter: a speaker of a thousand words is a phrase of a thousand terms.
    let speaker = "laos ".repeat(1000);
    env.search(&["china", "--speaker", &speaker])
        .code(2)
        .stderr_has("--speaker")
        .stderr_has("longer than 4096 bytes");
}

#[test]
fn a_zero_limit_exits_2() {
    let env = indexed_seed();
    env.search(&["Laos", "--limit", "0"])
        .code(2)
        .stderr_has("--limit 0");
}

#[test]
fn a_huge_limit_shows_every_hit() {
    let env = indexed_seed();
    let limit = usize::MAX.to_string();
    let run = env.search(&["Laos", "--json", "--limit", &limit]).code(0);
    assert_eq!(run.json().len(), 4, "{run}");
}

#[test]
fn fields_can_be_searched_by_name() {
    let env = indexed_seed();
    assert_eq!(env.id_set(&["speaker:thongloun"]), [seed(4), seed(5)]);
    assert_eq!(env.ids(&["role:joint"]), [seed(5)]);
    assert_eq!(
        env.search(&["title:phone", "--count"]).code(0).stdout,
        "5\n"
    );
}

#[test]
fn searching_with_neither_index_nor_corpus_exits_2() {
    let env = Env::new();
    std::fs::remove_dir(env.corpus()).unwrap();
    let run = env.search(&["Laos"]).code(2).stderr_has("corpus");
    assert_eq!(run.stdout, "", "{run}");
}

#[test]
fn the_role_and_kind_filters_keep_what_role_and_kind_clauses_keep() {
    let env = Env::new();
    env.write("presser.html", crate::util::PRESSER);
    env.write(SEED_FILE, crate::util::SEED);
    env.index().code(0);
    let roles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search", ""];
        all.extend_from_slice(args);
        all.push("--json");
        let mut found: Vec<String> = env
            .run(&all)
            .code(0)
            .json()
            .iter()
            .map(|h| h["role"].as_str().unwrap().to_string())
            .collect();
        found.sort();
        found.dedup();
        found
    };
    assert_eq!(roles(&["--role", "Answer"]), ["answer"]);
    assert_eq!(
        roles(&["--role", "answer", "--role", "question"]),
        ["answer", "question"]
    );
    assert_eq!(
        env.id_set(&["", "--kind", "press conference"]),
        env.id_set(&["kind:press_conference"])
    );
    assert_eq!(
        env.id_set(&["", "--kind", "readout", "--role", "narration"]),
        env.id_set(&["kind:readout role:narration"])
    );
    env.search(&["x", "--kind", "novel"])
        .code(2)
        .stderr_has("--kind \"novel\": no kind (kinds: statement, readout");
}
