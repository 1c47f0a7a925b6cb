//! What a search prints: JSON Lines, CSV, counts, limits, date order, a closed pipe, and corpus text that
//! tries to drive the terminal.

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;

use crate::util::{seed, strings, Env, SEED};

/// The keys of a JSON hit.
const KEYS: [&str; 17] = [
    "rank",
    "score",
    "id",
    "statement",
    "source",
    "title",
    "date",
    "speakers",
    "countries",
    "country_names",
    "paragraph",
    "role",
    "kind",
    "url",
    "answers",
    "text",
    "snippet",
];

fn indexed_seed() -> Env {
    let env = Env::seeded();
    env.index().code(0);
    env
}

#[test]
fn json_lines_hold_one_object_per_hit_with_every_key_typed() {
    let env = indexed_seed();
    let run = env.search(&["Laos", "--json"]).code(0);
    let hits = run.json();
    assert_eq!(hits.len(), 4, "{run}");
    assert_eq!(run.stdout.lines().count(), hits.len());
    assert!(run.stdout.ends_with("}\n"), "{run}");
    for (i, hit) in hits.iter().enumerate() {
        for key in KEYS {
            assert!(hit.contains_key(key), "{key} missing from {hit:?}");
        }
        assert_eq!(hit["rank"].as_u64(), Some(i as u64 + 1));
        assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0), "{hit:?}");
        let id = hit["id"].as_str().unwrap();
        let n = hit["paragraph"].as_u64().unwrap();
        assert_eq!(id, seed(n as u32));
        assert_eq!(hit["statement"], crate::util::SEED_FILE);
        assert_eq!(hit["source"], crate::util::SEED_FILE);
        assert!(hit["title"]
            .as_str()
            .unwrap()
            .starts_with("Xi Jinping Speaks with General Secretary"));
        assert_eq!(hit["date"], "2021-01-21");
        let countries = strings(&hit["countries"]);
        assert!(
            countries
                .iter()
                .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())),
            "ISO alpha-3 codes: {countries:?}"
        );
        assert_eq!(strings(&hit["country_names"]).len(), countries.len());
        assert!(!strings(&hit["speakers"]).is_empty(), "{hit:?}");
        assert!(
            ["statement", "narration", "joint", "question", "answer"]
                .contains(&hit["role"].as_str().unwrap()),
            "{hit:?}"
        );
        assert_eq!(hit["kind"], "readout");
        assert!(hit["text"].as_str().unwrap().contains("Lao"));
        let snippet = hit["snippet"].as_object().expect("snippet is an object");
        assert!(snippet["text"].is_string());
        for h in snippet["highlights"].as_array().expect("highlights") {
            assert!(h["start"].is_u64() && h["end"].is_u64(), "{h}");
        }
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    let mut names: Vec<&str> = hits
        .iter()
        .flat_map(|h| strings(&h["country_names"]))
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(names, ["China", "Laos"]);
}

#[test]
fn json_highlights_point_at_the_matched_words_in_the_snippet() {
    let env = indexed_seed();
    let run = env
        .search(&["\"Belt and Road\" pandemic", "--json"])
        .code(0);
    let hits = run.json();
    assert_eq!(hits.len(), 2, "{run}");
    for hit in &hits {
        let text = hit["snippet"]["text"].as_str().unwrap();
        let highlights = hit["snippet"]["highlights"].as_array().unwrap();
        assert!(!highlights.is_empty(), "{hit:?}");
        let mut last_end = 0;
        for h in highlights {
            let (start, end) = (
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            );
            assert!(last_end <= start && start < end && end <= text.len(), "{h}");
            last_end = end;
            let marked = text
                .get(start..end)
                .expect("byte offsets on char boundaries");
            assert!(
                ["Belt and Road", "pandemic"].contains(&marked),
                "highlight {marked:?} in {text:?}"
            );
        }
        assert!(
            hit["text"]
                .as_str()
                .unwrap()
                .contains(text.trim_matches('…')),
            "the snippet is a passage of the text"
        );
    }
}

#[test]
fn csv_has_a_header_and_one_row_per_hit() {
    let env = indexed_seed();
    let run = env.search(&["Laos", "--csv"]).code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().expect("a header").clone();
    for key in KEYS.iter().filter(|&&k| k != "snippet") {
        assert!(header.iter().any(|h| h == *key), "{key} column{run}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("rows parse");
    let json_ids = env.ids(&["Laos"]);
    let csv_ids: Vec<&str> = rows.iter().map(|r| &r[col("id")]).collect();
    assert_eq!(csv_ids, json_ids);
    let p3 = rows.iter().find(|r| r[col("id")] == seed(3)).unwrap();
    assert_eq!(&p3[col("speakers")], "Xi Jinping");
    assert_eq!(&p3[col("countries")], "CHN");
    assert_eq!(&p3[col("date")], "2021-01-21");
    assert!(p3[col("text")].contains("Belt and Road cooperation"));
}

#[test]
fn count_prints_the_number_of_matching_paragraphs() {
    let env = indexed_seed();
    assert_eq!(env.search(&["Laos", "--count"]).code(0).stdout, "4\n");
    assert_eq!(
        env.search(&["\"Belt and Road\"", "--count"]).code(0).stdout,
        "2\n"
    );
    assert_eq!(
        env.search(&["*", "--country", "Laos", "--count"])
            .code(0)
            .stdout,
        "2\n"
    );
    let none = env.search(&["xylophone", "--count"]).code(1);
    assert_eq!(none.stdout, "0\n", "{none}");
}

#[test]
fn limit_1_shows_the_best_hit_and_says_how_many_match() {
    let env = indexed_seed();
    let all = env.ids(&["Laos"]);
    assert_eq!(env.ids(&["Laos", "--limit", "1"]), all[..1]);
    let human = env
        .search(&["Laos", "--limit", "1", "--color", "never"])
        .code(0)
        .stderr_has("1 of 4 matching paragraphs shown");
    assert!(human.stdout.starts_with("1. 2021-01-21  "), "{human}");
    assert!(!human.stdout.contains("\n2. "), "{human}");
}

#[test]
fn human_output_names_speaker_country_source_and_paragraph() {
    let env = indexed_seed();
    let run = env
        .search(&["\"Belt and Road\"", "--speaker", "Xi", "--color", "never"])
        .code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0], "1. 2021-01-21  Xi Jinping (China)  statement",
        "{run}"
    );
    assert!(lines[1].starts_with("   Xi Jinping Speaks with"), "{run}");
    assert_eq!(
        lines[2],
        format!("   {} ¶3", crate::util::SEED_FILE),
        "{run}"
    );
    assert!(lines[3].contains("Belt and Road"), "{run}");
    assert!(!run.stdout.contains('\x1b'), "{run}");
}

#[test]
fn colour_is_off_when_stdout_is_not_a_terminal_and_on_when_asked() {
    let env = indexed_seed();
    let auto = env.search(&["\"Belt and Road\""]).code(0);
    assert!(!auto.stdout.contains('\x1b'), "{auto}");
    let always = env
        .search(&["\"Belt and Road\"", "--color", "always"])
        .code(0);
    assert!(
        always.stdout.contains("\x1b[1;31mBelt and Road\x1b[0m"),
        "{always}"
    );
}

/// A statement dated after the seed, and one with no date at all: both about cooperation, less so than
/// the seed.
const NEWER: &str = "\
Prime Minister of Norway Ingrid Vale Visits Vientiane

On March 3, 2023, Prime Minister of Norway Ingrid Vale arrived in Vientiane for a two-day visit on hydropower, rural electrification, river transport, school construction, forestry and cooperation with local universities.
";
const UNDATED: &str = "\
Notes on Consultations

The delegations reviewed cooperation in general terms, without setting a time for the next round of consultations on the railway project.
";

#[test]
fn sort_by_date_puts_the_newest_first_and_the_undated_last() {
    let env = Env::seeded();
    env.write("vientiane.txt", NEWER);
    env.write("notes.txt", UNDATED);
    env.index().code(0);
    let run = env
        .search(&["cooperation", "--sort", "date", "--json"])
        .code(0);
    let hits = run.json();
    let dates: Vec<Option<&str>> = hits.iter().map(|h| h["date"].as_str()).collect();
    assert_eq!(
        dates,
        [
            Some("2023-03-03"),
            Some("2021-01-21"),
            Some("2021-01-21"),
            None
        ],
        "{run}"
    );
    assert_eq!(hits[0]["id"], "vientiane.txt#1");
    assert_eq!(hits[3]["id"], "notes.txt#1");
    assert!(hits.iter().all(|h| h["score"].is_null()), "{run}");
    let ranks: Vec<u64> = hits.iter().map(|h| h["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, [1, 2, 3, 4]);
    // By relevance the order differs: the dated order is not an accident of the scores.
    let by_relevance = env.ids(&["cooperation"]);
    assert_ne!(by_relevance, env.ids(&["cooperation", "--sort", "date"]));
    // With a limit, the newest are kept.
    assert_eq!(
        env.ids(&["cooperation", "--sort", "date", "--limit", "1"]),
        ["vientiane.txt#1"]
    );
}

/// A corpus of one statement with `n` paragraphs that all hold "fisheries", each some 500 bytes, under a
/// long title, so that even the human layout of 200 hits is well over a pipe's buffer.
fn many_paragraphs(n: usize) -> String {
    let mut text = format!(
        "Fisheries Talks {}\n\nOn March 3, 2020, talks began.\n",
        "on Quotas, Harbours, Shipping Lanes and Port Fees ".repeat(5)
    );
    for i in 0..n {
        text.push_str(&format!(
            "\nParagraph {i}: the delegation discussed fisheries quotas at length, {}\n",
            "and the harbour authorities reviewed the shipping lanes, customs rules and port fees "
                .repeat(5)
        ));
    }
    text
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    env.write("fisheries.txt", many_paragraphs(200));
    env.index().code(0);
    for format in ["--color=never", "--json", "--csv"] {
        let mut child = env
            .command(&["search", "fisheries", "--limit", "200", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawning demarche");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).expect("a first line");
        assert!(!first.is_empty());
        // Like `| head -1`: the reader goes away while the writer has far more than a pipe buffer left.
        drop(stdout);
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
            "{format}: {stderr}"
        );
        assert_eq!(status.code(), Some(0), "{format}: {stderr}");
    }
}

/// The seed, and a paragraph after it that carries a colour escape sequence and a right-to-left override.
fn hostile() -> String {
    format!(
        "{SEED}\nOn the margins, the delegations noted that one text had \x1b[31mred\x1b[0m and \u{202e}reversed\u{202c} words about sabotage, which nobody could explain to the press afterwards.\n"
    )
}

#[test]
fn terminal_escapes_in_corpus_text_are_shown_not_obeyed() {
    let env = Env::new();
    env.write("hostile.txt", hostile());
    env.index().code(0);
    let never = env.search(&["sabotage", "--color", "never"]).code(0);
    assert!(!never.stdout.contains('\x1b'), "no ESC byte{never}");
    assert!(
        !never.stdout.contains('\u{202e}'),
        "no bidi override{never}"
    );
    assert!(never.stdout.contains("\\u{1b}[31mred\\u{1b}[0m"), "{never}");
    assert!(
        never.stdout.contains("\\u{202e}reversed\\u{202c}"),
        "{never}"
    );

    let always = env.search(&["sabotage", "--color", "always"]).code(0);
    assert!(!always.stdout.contains("\x1b[31m"), "{always}");
    assert!(!always.stdout.contains('\u{202e}'), "{always}");
    assert!(always.stdout.contains("\\u{1b}[31mred"), "{always}");

    let csv = env.search(&["sabotage", "--csv"]).code(0);
    assert!(
        !csv.stdout.contains('\x1b') && !csv.stdout.contains('\u{202e}'),
        "{csv}"
    );

    // JSON keeps the text as it is, escaped the JSON way.
    let json = env.search(&["sabotage", "--json"]).code(0);
    assert!(!json.stdout.contains('\x1b'), "{json}");
    assert!(json.json()[0]["text"]
        .as_str()
        .unwrap()
        .contains("\x1b[31mred\x1b[0m and \u{202e}reversed"));
}
