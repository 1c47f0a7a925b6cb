//! Input formats beyond plain text: JSON records, HTML pages, metadata manifests, and the encodings
//! they come in.
//!
//! Every test writes a small corpus of invented people speaking for real countries, indexes it with the
//! real binary, and reads back what was stored through `search --json`.

use std::collections::BTreeMap;
use std::fs;

use serde_json::{Map, Value};

use crate::util::{strings, Env, SEED, SEED_FILE};

/// Every paragraph of the index, by id, as `search '*' --json` shows it.
fn paragraphs(env: &Env) -> BTreeMap<String, Map<String, Value>> {
    let run = env.search(&["*", "--json", "--limit", "1000"]).code(0);
    run.json()
        .into_iter()
        .map(|hit| (hit["id"].as_str().expect("a string id").to_string(), hit))
        .collect()
}

/// The paragraph `id` of the index; panics, listing the ids there are, when there is none.
#[track_caller]
fn paragraph(env: &Env, id: &str) -> Map<String, Value> {
    let mut all = paragraphs(env);
    let ids: Vec<String> = all.keys().cloned().collect();
    all.remove(id)
        .unwrap_or_else(|| panic!("no paragraph {id:?} among {ids:?}"))
}

// ---------------------------------------------------------------------------------------------------
// JSON records

/// Three records, each with other names for the usual fields; the third has an HTML body.
const FEED: &str = r#"{"id":"r1","title":"Address to the General Assembly","date":"2019-09-24","url":"https://example.org/a","text":"Brazil supports the reform of the Security Council.\n\nBrazil will protect the Amazon rainforest."}
{"title":"Press Release on Fisheries","published":"2020-02-03","link":"https://example.org/b","content":"Norway and Chile signed a memorandum on salmon farming."}
{"title":"Note on Hydrogen","pubDate":"Thu, 20 May 2021 22:14:56 +0000","content_html":"<p>First &amp; foremost, hydrogen cooperation.</p><p>Second, <b>copper</b> refining.</p>"}
"#;

#[test]
fn json_lines_records_are_statements_with_the_usual_field_names() {
    let env = Env::new();
    env.write("feed.jsonl", FEED);
    let run = env.index().code(0);
    let summary = run.summary();
    assert_eq!(
        (summary.statements, summary.paragraphs),
        (3, 5),
        "one statement per record{run}"
    );

    let first = paragraph(&env, "feed.jsonl#r1#2");
    assert_eq!(first["statement"], "feed.jsonl#r1");
    assert_eq!(first["source"], "feed.jsonl");
    assert_eq!(first["title"], "Address to the General Assembly");
    assert_eq!(first["date"], "2019-09-24");
    assert_eq!(first["url"], "https://example.org/a");
    assert_eq!(first["paragraph"], 2);
    assert_eq!(first["text"], "Brazil will protect the Amazon rainforest.");

    // Without an id, a record is named by its line.
    let second = paragraph(&env, "feed.jsonl#line-2#1");
    assert_eq!(second["title"], "Press Release on Fisheries");
    assert_eq!(second["date"], "2020-02-03");
    assert_eq!(second["url"], "https://example.org/b");
    assert_eq!(
        second["text"],
        "Norway and Chile signed a memorandum on salmon farming."
    );

    // An RFC 2822 pubDate, and an HTML body read as HTML: paragraphs, entities, no tags.
    let third = paragraph(&env, "feed.jsonl#line-3#1");
    assert_eq!(third["date"], "2021-05-20");
    assert_eq!(third["text"], "First & foremost, hydrogen cooperation.");
    assert_eq!(
        paragraph(&env, "feed.jsonl#line-3#2")["text"],
        "Second, copper refining."
    );
    assert_eq!(env.ids(&["foremost"]), ["feed.jsonl#line-3#1"]);
    env.search(&["amp"]).code(1);
}

#[test]
fn ndjson_records_name_their_speaker_through_author_or_byline() {
    let env = Env::new();
    env.write(
        "remarks.ndjson",
        r#"{"title":"Remarks on Trade","author":"Foreign Minister of Peru Marta Quispe","published":"2022-06-02","url":"https://example.pe/trade","body":"Quispe said that Peru supports open trade in quinoa."}
{"title":"Remarks on Bananas","byline":"Foreign Minister of Ecuador Lucia Paredes","published":"2022-06-03","url":"https://example.ec/bananas","body":"Paredes said that Ecuador supports open trade in bananas."}
"#,
    );
    env.index().code(0);
    let peru = paragraph(&env, "remarks.ndjson#line-1#1");
    assert_eq!(strings(&peru["speakers"]), ["Marta Quispe"], "{peru:?}");
    assert_eq!(strings(&peru["countries"]), ["PER"]);
    let ecuador = paragraph(&env, "remarks.ndjson#line-2#1");
    assert_eq!(
        strings(&ecuador["speakers"]),
        ["Lucia Paredes"],
        "{ecuador:?}"
    );
    assert_eq!(strings(&ecuador["countries"]), ["ECU"]);
    assert_eq!(
        env.ids(&["trade", "--speaker", "paredes"]),
        ["remarks.ndjson#line-2#1"]
    );
}

/// A parliamentary question and its answer in fields of their own, nested as a harvester keeps them, and
/// a speech whose paragraphs are separated by single newlines under a capitalised key.
const NESTED: &str = r#"{"key":"1701","value":{"question_text":"To ask the Secretary of State for Foreign Affairs, what steps he is taking on river treaties.","answer_text":"<p>The UK remains committed to the river treaties.</p><p>We will raise the matter at the summit.</p>"}}
{"Date":"March 1, 2021","Title":"Address by Minister for Foreign Affairs Hon. Mr. Ravi Example at the Forum","Speech":"Address by Minister for Foreign Affairs Hon. Mr. Ravi Example at the Forum\nPosted onMarch 1, 2021\nExcellencies,\nI am delighted to be here today among friends of Nepal.\nNepal believes in dialogue. Our history proves it.\nThank you."}
"#;

#[test]
fn nested_question_and_answer_fields_and_one_line_paragraphs_are_read() {
    let env = Env::new();
    env.write("records.jsonl", NESTED);
    env.index().code(0);
    let question = paragraph(&env, "records.jsonl#1701#1");
    assert_eq!(question["role"], "question");
    assert!(strings(&question["speakers"]).is_empty());
    let answer = paragraph(&env, "records.jsonl#1701#2");
    assert_eq!(answer["role"], "answer");
    assert_eq!(strings(&answer["countries"]), ["GBR"]);
    assert_eq!(answer["sieve"], "label");

    let speech = paragraphs(&env)
        .into_values()
        .filter(|p| p["statement"] == "records.jsonl#line-2")
        .collect::<Vec<_>>();
    let texts: Vec<&str> = speech.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Excellencies,",
            "I am delighted to be here today among friends of Nepal.",
            "Nepal believes in dialogue. Our history proves it.",
            "Thank you."
        ]
    );
    for p in &speech {
        assert_eq!(strings(&p["speakers"]), ["Ravi Example"], "{p:?}");
        assert_eq!(strings(&p["countries"]), ["NPL"], "{p:?}");
        assert_eq!(p["date"], "2021-03-01");
    }
}

// ---------------------------------------------------------------------------------------------------
// Markdown

#[test]
fn a_markdown_file_gives_its_front_matter_and_turns() {
    let env = Env::new();
    env.write(
        "briefing.md",
        "---\ntitle: \"Press Briefing by Press Secretary Ana\\_Lima\"\ndate: '2022-06-08'\n\
         source_url: https://example.gov/briefing/\n---\n\n1:02 P.M. EDT\n\n\
         MS. LIMA:  Good afternoon.  I have one\nannouncement at the top.  \n\
         Q  Thank you.  Will the President\n*travel* to Oslo?\n\n\
         MS. LIMA:  Not this week.\n\n\\#\\#\\#\n",
    );
    env.write("README.md", "# About this folder\n\nNot a statement.\n");
    let run = env.index().code(0);
    assert_eq!(run.summary().statements, 1, "{run}");
    let all = paragraphs(&env);
    let rows: Vec<(&str, Vec<&str>, &str)> = all
        .values()
        .map(|p| {
            (
                p["text"].as_str().unwrap(),
                strings(&p["speakers"]),
                p["role"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "MS. LIMA: Good afternoon. I have one announcement at the top.",
                vec!["Ana Lima"],
                "statement"
            ),
            (
                "Q Thank you. Will the President travel to Oslo?",
                vec![],
                "question"
            ),
            ("MS. LIMA: Not this week.", vec!["Ana Lima"], "answer"),
        ]
    );
    let first = all.values().next().unwrap();
    assert_eq!(first["title"], "Press Briefing by Press Secretary Ana Lima");
    assert_eq!(first["date"], "2022-06-08");
    assert_eq!(strings(&first["countries"]), ["USA"]);
}

#[test]
fn a_json_array_holds_one_statement_per_item() {
    let env = Env::new();
    env.write(
        "speeches.json",
        r#"[
  {"title": "Statement on the Andes", "body": "Chile and Bolivia discussed lithium.\n\nThey will meet in La Paz."},
  {"title": "Statement on the Pacific", "text": "Fiji and Samoa discussed tuna stocks."}
]"#,
    );
    let run = env.index().code(0);
    assert_eq!(run.summary().statements, 2, "{run}");
    assert_eq!(
        paragraphs(&env).keys().collect::<Vec<_>>(),
        [
            "speeches.json#item-1#1",
            "speeches.json#item-1#2",
            "speeches.json#item-2#1"
        ]
    );
    assert_eq!(
        paragraph(&env, "speeches.json#item-2#1")["title"],
        "Statement on the Pacific"
    );
    assert_eq!(env.ids(&["lithium"]), ["speeches.json#item-1#1"]);
}

#[test]
fn a_csv_table_holds_one_statement_per_row_beside_a_manifest() {
    let env = Env::new();
    // A scraped archive: quoted bodies with commas, doubled quotes and a line break inside.
    env.write(
        "news/items.csv",
        "link,headline,date,body\n\
         https://example.org/1,President Meets Students,2022-03-01,\"President Ana Lima said, \"\"We will rebuild.\"\"\nShe thanked the students.\"\n\
         https://example.org/2,Exercise Ends,2022-03-02,The exercise ended on Friday.\n",
    );
    env.write("speeches/amazon.txt", AMAZON);
    env.write("speeches/meta.csv", MANIFEST);
    let run = env.index().code(0);
    assert_eq!(
        run.summary().seen,
        2,
        "a manifest is not a table of statements{run}"
    );
    assert_eq!(run.summary().statements, 3, "{run}");
    let ids = env.ids(&["rebuild"]);
    assert_eq!(ids.len(), 1, "{ids:?}");
    let hit = paragraph(&env, &ids[0]);
    assert_eq!(hit["title"], "President Meets Students");
    assert_eq!(hit["date"], "2022-03-01");
    assert_eq!(strings(&hit["speakers"]), ["Ana Lima"]);
    assert_eq!(
        strings(&paragraph(&env, "speeches/amazon.txt#1")["speakers"]),
        ["Ana Lima"]
    );
}

#[test]
fn given_speaker_country_and_date_win_over_the_text() {
    let env = Env::new();
    env.write(
        "lima.jsonl",
        r#"{"title":"Foreign Minister of Argentina Jorge Ferro Meets the Press","speaker":"Ana Lima","country":"Brazil","date":"2019-09-24","text":"On March 3, 2020, Foreign Minister of Argentina Jorge Ferro said that Argentina wants a new trade deal.\n\nFerro stressed that Mercosur must open to Asia.\n\nThe two sides jointly announced a working group."}
"#,
    );
    env.index().code(0);
    let all = paragraphs(&env);
    assert_eq!(all.len(), 3);
    for (id, p) in &all {
        assert_eq!(strings(&p["speakers"]), ["Ana Lima"], "{id}: {p:?}");
        assert_eq!(strings(&p["countries"]), ["BRA"], "{id}: {p:?}");
        assert_eq!(strings(&p["country_names"]), ["Brazil"], "{id}: {p:?}");
        assert_eq!(p["date"], "2019-09-24", "{id}: {p:?}");
    }
    assert_eq!(env.id_set(&["Mercosur", "--speaker", "Ana Lima"]).len(), 1);
    assert_eq!(env.id_set(&["*", "--country", "BRA"]).len(), 3);
    env.search(&["*", "--speaker", "Ferro"]).code(1);
    env.search(&["*", "--country", "Argentina"]).code(1);
    env.search(&["*", "--from", "2020"]).code(1);
}

#[test]
fn a_malformed_line_is_reported_and_the_other_records_indexed() {
    let env = Env::new();
    env.write(
        "wire.jsonl",
        "{\"title\":\"One\",\"text\":\"Kenya opened a consulate in Mombasa.\"}\n\
         {\"title\": \"Two\", \"text\": broken}\n\
         {\"title\":\"Three\",\"text\":\"Ghana hosted a cocoa summit.\"}\n",
    );
    let run = env.index().code(3);
    let line = run
        .stderr_lines()
        .into_iter()
        .find(|l| l.contains("wire.jsonl"))
        .unwrap_or_else(|| panic!("no report naming the file{run}"));
    assert!(line.contains("line 2"), "the report names the line: {line}");
    let summary = run.summary();
    assert_eq!(
        (summary.statements, summary.skipped),
        (2, 1),
        "the other records are indexed{run}"
    );
    assert_eq!(env.ids(&["Mombasa"]), ["wire.jsonl#line-1#1"]);
    assert_eq!(env.ids(&["cocoa"]), ["wire.jsonl#line-3#1"]);
    env.search(&["broken"]).code(1);
}

#[test]
fn a_bad_record_is_reported_again_until_it_is_fixed() {
    let env = Env::new();
    env.write(
        "wire.jsonl",
        "{\"title\":\"One\",\"text\":\"Kenya opened a consulate in Mombasa.\"}\n{broken\n",
    );
    env.index().code(3).stderr_has("wire.jsonl");
    env.index().code(3).stderr_has("wire.jsonl");
}

#[test]
fn a_json_file_holding_one_pretty_printed_object_is_one_statement() {
    let env = Env::new();
    env.write(
        "tuna.json",
        "{\n  \"title\": \"Statement on Tuna\",\n  \"text\": \"Fiji and Tonga discussed tuna quotas.\"\n}\n",
    );
    env.index().code(0);
    assert_eq!(env.ids(&["tuna"]), ["tuna.json#item-1#1"]);
}

#[test]
fn a_speakers_array_gives_one_speaker_each() {
    let env = Env::new();
    env.write(
        "joint.jsonl",
        "{\"title\":\"Joint Remarks\",\"speakers\":[\"Ana Lima\",\"Jorge Ferro\"],\
         \"text\":\"Brazil and Argentina discussed a common currency.\"}\n",
    );
    env.index().code(0);
    let hit = paragraph(&env, "joint.jsonl#line-1#1");
    assert_eq!(strings(&hit["speakers"]), ["Ana Lima", "Jorge Ferro"]);
}

/// Records whose title and body are under names no default knows.
const STORIES: &str =
    r#"[{"headline":"Story One","story":"Iceland and Greenland discussed glacier monitoring."}]"#;

#[test]
fn field_mappings_read_other_names() {
    let env = Env::new();
    env.write("stories.json", STORIES);
    env.run(&[
        "index",
        "--field",
        "title=headline",
        "--field",
        "body=story",
    ])
    .code(0);
    let hit = paragraph(&env, "stories.json#item-1#1");
    assert_eq!(hit["title"], "Story One");
    assert_eq!(
        hit["text"],
        "Iceland and Greenland discussed glacier monitoring."
    );
}

#[test]
fn a_bad_field_mapping_is_an_error_naming_it() {
    let env = Env::new();
    env.write("stories.json", STORIES);
    env.run(&["index", "--field", "nope=x"])
        .code(2)
        .stderr_has("--field")
        .stderr_has("unknown field");
    env.run(&["index", "--field", "title"])
        .code(2)
        .stderr_has("FIELD=KEY");
    assert!(
        !env.index_dir().join("meta.json").exists(),
        "nothing is built"
    );
}

#[test]
fn a_changed_field_mapping_rereads_the_json_files_only() {
    let env = Env::new();
    env.write(SEED_FILE, SEED);
    env.write("stories.json", STORIES);
    let mapped = [
        "index",
        "--field",
        "title=headline",
        "--field",
        "body=story",
    ];

    // No default name holds the body: the record has no statement yet.
    let first = env.index().code(0);
    assert_eq!(first.summary().indexed, 2, "{first}");
    env.search(&["glacier"]).code(1);

    let remapped = env.run(&mapped).code(0);
    let summary = remapped.summary();
    assert_eq!(
        (summary.indexed, summary.unchanged),
        (1, 1),
        "the JSON file is read again, the text file is not{remapped}"
    );
    assert_eq!(env.ids(&["glacier"]), ["stories.json#item-1#1"]);

    let again = env.run(&mapped).code(0);
    assert_eq!(
        (again.summary().indexed, again.summary().unchanged),
        (0, 2),
        "the same mapping reads nothing{again}"
    );

    // Back to the default names: read again, and the mapped body is gone.
    let back = env.index().code(0);
    assert_eq!(back.summary().indexed, 1, "{back}");
    env.search(&["glacier"]).code(1);
}

#[test]
fn records_sharing_an_id_get_distinct_paragraph_ids() {
    // Feeds repeat guids when an item is republished; two records must not become one id.
    let env = Env::new();
    env.write(
        "feed.jsonl",
        "{\"id\":\"7\",\"title\":\"First\",\"text\":\"Malta hosted talks on okapi trade.\"}\n\
         {\"id\":\"7\",\"title\":\"Second\",\"text\":\"Cyprus hosted talks on okapi trade.\"}\n",
    );
    env.index().code(0);
    let ids = env.id_set(&["okapi"]);
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1], "two paragraphs, one id");
}

// ---------------------------------------------------------------------------------------------------
// HTML pages

const PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Joint Press Release on Andean Trade | Ministry of Foreign Affairs</title>
<script>var tracker = "ocelotscript";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li>Ocelotnav menu</li></ul></nav>
<div class="content">
<h1>Joint Press Release on Andean Trade</h1>
<p>On March 3, 2020, Peru and Colombia agreed to lower tariffs on coffee &amp; cacao, and on caf&eacute; &#8212; Peru&#8217;s first.</p>
<script>document.write("ocelotinline");</script>
<p>The ministers welcomed the outcome.<br>They will meet again in Bogota next year.</p>
</div>
<footer>Copyright Ocelotfooter 2020</footer>
</body></html>
"#;

#[test]
fn an_html_page_gives_its_title_and_article_not_its_chrome() {
    let env = Env::new();
    env.write("andes.html", PAGE);
    let run = env.index().code(0);
    assert_eq!(run.summary().statements, 1, "{run}");
    let hit = paragraph(&env, "andes.html#1");
    assert_eq!(hit["title"], "Joint Press Release on Andean Trade");
    assert_eq!(hit["date"], "2020-03-03");
    for chrome in [
        "ocelotscript",
        "ocelotinline",
        "Ocelotnav",
        "Ocelotfooter",
        "tracker",
        "Copyright",
    ] {
        let run = env.search(&[chrome]).code(1);
        assert_eq!(run.stdout, "", "{chrome} is not searchable{run}");
    }
}

#[test]
fn html_entities_are_decoded() {
    let env = Env::new();
    env.write("andes.html", PAGE);
    env.index().code(0);
    let hit = paragraph(&env, "andes.html#1");
    assert_eq!(
        hit["text"],
        "On March 3, 2020, Peru and Colombia agreed to lower tariffs on coffee & cacao, and on café — Peru’s first."
    );
    assert_eq!(env.ids(&["cacao"]), ["andes.html#1"]);
    assert_eq!(env.ids(&["café"]), ["andes.html#1"]);
    env.search(&["amp"]).code(1);
    env.search(&["eacute"]).code(1);
}

#[test]
fn a_br_splits_paragraphs() {
    let env = Env::new();
    env.write("andes.html", PAGE);
    env.index().code(0);
    let all = paragraphs(&env);
    let numbered: Vec<(u64, &str)> = all
        .values()
        .map(|p| {
            (
                p["paragraph"].as_u64().expect("a paragraph number"),
                p["text"].as_str().expect("text"),
            )
        })
        .collect();
    assert_eq!(numbered.len(), 3, "{numbered:?}");
    assert_eq!(numbered[1], (2, "The ministers welcomed the outcome."));
    assert_eq!(
        numbered[2],
        (3, "They will meet again in Bogota next year.")
    );
    assert_eq!(env.ids(&["Bogota"]), ["andes.html#3"]);
}

#[test]
fn an_htm_page_without_a_heading_takes_its_title_element() {
    let env = Env::new();
    env.write(
        "antarctic.htm",
        "<html><head><title>Statement on Antarctic Research Cooperation - Ministry of Foreign Affairs of Chile</title></head>\
         <body><p>Chile and Argentina renewed their commitment to krill conservation.</p></body></html>",
    );
    env.index().code(0);
    let hit = paragraph(&env, "antarctic.htm#1");
    assert_eq!(hit["title"], "Statement on Antarctic Research Cooperation");
    assert_eq!(env.ids(&["krill"]), ["antarctic.htm#1"]);
}

#[test]
fn a_press_conference_page_pairs_answers_with_questions() {
    let env = Env::new();
    env.write(
        "presser.html",
        "<html><head><title>Foreign Ministry Spokesperson Li Wen's Regular Press Conference on March 3, 2021</title></head>\
         <body><div class=\"content\">\
         <h1>Foreign Ministry Spokesperson Li Wen's Regular Press Conference on March 3, 2021</h1>\
         <p><b>Q:</b> Will China send a delegation to the Mekong water summit in Vientiane?</p>\
         <p>A: China supports the Mekong cooperation mechanism and will send a delegation.</p>\
         </div></body></html>",
    );
    env.index().code(0);
    let question = paragraph(&env, "presser.html#1");
    assert_eq!(question["role"], "question", "{question:?}");
    assert_eq!(question["kind"], "press_conference");
    assert_eq!(question["date"], "2021-03-03");
    assert_eq!(question["answers"], Value::Null);
    let answer = paragraph(&env, "presser.html#2");
    assert_eq!(answer["role"], "answer", "{answer:?}");
    assert_eq!(strings(&answer["speakers"]), ["Li Wen"]);
    assert_eq!(answer["answers"], "presser.html#1");
    assert_eq!(
        env.ids(&["Mekong", "--speaker", "Li Wen"]),
        ["presser.html#2"]
    );
}

// ---------------------------------------------------------------------------------------------------
// Metadata manifests

const AMAZON: &str =
    "Address on Amazon Policy\n\nThe government will expand protected areas in the Amazon basin.\n";
const ARCTIC: &str =
    "Remarks on Arctic Fisheries\n\nThe government will defend sustainable cod quotas in the Barents Sea.\n";
const MANIFEST: &str =
    "file,speaker,country,date\namazon.txt,Ana Lima,Brazil,1999\narctic.txt,Ingrid Vale,NOR,2003-04-05\n";

/// Two speeches that name no speaker, and a manifest in their folder that does.
fn speeches() -> Env {
    let env = Env::new();
    env.write("speeches/amazon.txt", AMAZON);
    env.write("speeches/arctic.txt", ARCTIC);
    env.write("speeches/meta.csv", MANIFEST);
    env
}

#[test]
fn a_csv_manifest_gives_speakers_countries_and_dates() {
    let env = speeches();
    let run = env.index().code(0);
    assert_eq!(run.summary().seen, 2, "a manifest is not a statement{run}");
    let amazon = paragraph(&env, "speeches/amazon.txt#1");
    assert_eq!(strings(&amazon["speakers"]), ["Ana Lima"], "{amazon:?}");
    assert_eq!(strings(&amazon["countries"]), ["BRA"]);
    assert_eq!(amazon["date"], "1999", "a year alone stays a year");
    let arctic = paragraph(&env, "speeches/arctic.txt#1");
    assert_eq!(strings(&arctic["speakers"]), ["Ingrid Vale"], "{arctic:?}");
    assert_eq!(strings(&arctic["countries"]), ["NOR"]);
    assert_eq!(arctic["date"], "2003-04-05");

    assert_eq!(
        env.ids(&["government", "--from", "1999", "--to", "1999"]),
        ["speeches/amazon.txt#1"]
    );
    env.search(&["Amazon", "--from", "2000"]).code(1);
    env.search(&["Amazon", "--to", "1998"]).code(1);
    assert_eq!(
        env.ids(&["government", "--country", "BRA"]),
        ["speeches/amazon.txt#1"]
    );
    assert_eq!(
        env.ids(&["government", "--country", "Norway"]),
        ["speeches/arctic.txt#1"]
    );
    assert_eq!(
        env.ids(&["government", "--speaker", "vale"]),
        ["speeches/arctic.txt#1"]
    );
}

#[test]
fn a_manifest_row_outside_the_corpus_is_reported_and_nothing_outside_is_read() {
    let env = speeches();
    fs::write(
        env.root().join("outside.txt"),
        "Leaked Memo\n\nThe quetzal protocol must stay outside.\n",
    )
    .unwrap();
    env.write(
        "speeches/meta.csv",
        format!("{MANIFEST}../../outside.txt,Eve Mallory,USA,2000\n"),
    );
    let run = env.index().code(3);
    let line = run
        .stderr_lines()
        .into_iter()
        .find(|l| l.contains("outside the corpus"))
        .unwrap_or_else(|| panic!("no report of the row{run}"));
    assert!(
        line.contains("meta.csv") && line.contains("../../outside.txt"),
        "the report names the manifest and the row's path: {line}"
    );
    assert_eq!(run.summary().seen, 2, "{run}");
    env.search(&["quetzal"]).code(1);
    env.search(&["*", "--speaker", "Mallory"]).code(1);
    // The good rows still apply.
    assert_eq!(
        env.ids(&["government", "--speaker", "Ana Lima"]),
        ["speeches/amazon.txt#1"]
    );
}

#[test]
fn a_tsv_manifest_gives_urls() {
    let env = Env::new();
    env.write("speeches/arctic.txt", ARCTIC);
    env.write(
        "urls.tsv",
        "file\turl\nspeeches/arctic.txt\thttps://example.no/arctic\n",
    );
    env.index().code(0);
    assert_eq!(
        paragraph(&env, "speeches/arctic.txt#1")["url"],
        "https://example.no/arctic"
    );
}

#[test]
fn two_manifests_naming_one_file_both_apply() {
    let env = speeches();
    env.write(
        "urls.tsv",
        "file\turl\nspeeches/arctic.txt\thttps://example.no/arctic\n",
    );
    env.index().code(0);
    let arctic = paragraph(&env, "speeches/arctic.txt#1");
    assert_eq!(arctic["url"], "https://example.no/arctic");
    assert_eq!(strings(&arctic["speakers"]), ["Ingrid Vale"], "{arctic:?}");
    assert_eq!(strings(&arctic["countries"]), ["NOR"]);
}

#[test]
fn an_edited_manifest_row_reindexes_its_file() {
    let env = speeches();
    env.index().code(0);
    env.write(
        "speeches/meta.csv",
        MANIFEST.replace("Ana Lima", "Beatriz Souza"),
    );
    let run = env.index().code(0);
    let summary = run.summary();
    assert_eq!(
        (summary.indexed, summary.unchanged),
        (1, 1),
        "only the file whose row changed is read again{run}"
    );
    assert_eq!(
        strings(&paragraph(&env, "speeches/amazon.txt#1")["speakers"]),
        ["Beatriz Souza"]
    );
    env.search(&["*", "--speaker", "Ana Lima"]).code(1);

    // Without the manifest, the text's own (lack of) attribution returns.
    env.remove("speeches/meta.csv");
    let run = env.index().code(0);
    assert_eq!(run.summary().indexed, 2, "{run}");
    let amazon = paragraph(&env, "speeches/amazon.txt#1");
    assert_eq!(strings(&amazon["speakers"]), Vec::<&str>::new());
    assert_eq!(amazon["date"], Value::Null);
}

// ---------------------------------------------------------------------------------------------------
// Encodings (plain-text UTF-16 and Windows-1252 are in `index`)

#[test]
fn utf8_json_with_a_byte_order_mark_is_read() {
    let env = Env::new();
    let mut array = b"\xef\xbb\xbf".to_vec();
    array.extend_from_slice(
        r#"[{"title":"Declaração","text":"Brasil e Portugal assinaram um acordo de cooperação."}]"#
            .as_bytes(),
    );
    env.write("bom.json", array);
    let mut lines = b"\xef\xbb\xbf".to_vec();
    lines.extend_from_slice(
        "{\"title\":\"Uno\",\"text\":\"Uruguay y Paraguay hablaron del ñandú.\"}\n\
         {\"title\":\"Dos\",\"text\":\"Segundo registro.\"}\n"
            .as_bytes(),
    );
    env.write("bom.jsonl", lines);
    let run = env.index().code(0);
    assert_eq!(run.summary().statements, 3, "{run}");
    let hit = paragraph(&env, "bom.json#item-1#1");
    assert_eq!(hit["title"], "Declaração");
    assert_eq!(env.ids(&["cooperação"]), ["bom.json#item-1#1"]);
    assert_eq!(env.ids(&["ñandú"]), ["bom.jsonl#line-1#1"]);
}

#[test]
fn windows_1252_html_is_decoded() {
    let env = Env::new();
    env.write(
        "cafe.html",
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\
          <title>Comunicado sobre el caf\xe9</title></head><body><div class=\"content\">\
          <h1>Comunicado sobre el caf\xe9</h1><p>Per\xfa y Colombia firmaron un acuerdo sobre el caf\xe9 y el \
          cacao \x96 un \x93gran paso\x94 para la regi\xf3n andina.</p></div></body></html>",
    );
    env.index().code(0);
    let hit = paragraph(&env, "cafe.html#1");
    assert_eq!(hit["title"], "Comunicado sobre el café");
    assert_eq!(
        hit["text"],
        "Perú y Colombia firmaron un acuerdo sobre el café y el cacao – un “gran paso” para la región andina."
    );
    assert_eq!(env.ids(&["café región"]), ["cafe.html#1"]);
}

#[test]
fn an_html_page_declaring_windows_1252_is_read_as_windows_1252() {
    let env = Env::new();
    env.write(
        "peche.html",
        b"<html><head><meta charset=\"windows-1252\"><title>Communiqu\xe9 sur la p\xeache</title></head>\
          <body><div class=\"content\"><h1>Communiqu\xe9 sur la p\xeache</h1><p>La France et le S\xe9n\xe9gal \
          ont sign\xe9 un accord sur la p\xeache \x96 un \x93grand pas\x94.</p></div></body></html>",
    );
    env.index().code(0);
    let hit = paragraph(&env, "peche.html#1");
    assert_eq!(hit["title"], "Communiqué sur la pêche");
    assert_eq!(env.ids(&["pêche"]), ["peche.html#1"]);
}

// ---------------------------------------------------------------------------------------------------
// XML records and text with front matter

#[test]
fn xml_records_speeches_and_text_front_matter_are_read() {
    let env = Env::new();
    env.write(
        "pm/transcript-1.xml",
        r#"<?xml version="1.0"?><transcripts><transcript><title>Doorstop, Oslo</title>
        <prime-minister>Vale, Ingrid</prime-minister>
        <content><![CDATA[<p><b>PRIME MINISTER:</b></p><p>Norway welcomes the fisheries deal.</p>
        <p><b>JOURNALIST:</b> Will you sign it?</p><p><b>PRIME MINISTER:</b> Yes, next week.</p>]]></content>
        </transcript></transcripts>"#,
    );
    env.write(
        "minister/visit.an.xml",
        r##"<akomaNtoso><debate><meta><references><TLCPerson id="ar" href="/ar" showAs="Ana Roe"/>
        </references></meta><debateBody><debateSection><heading>Visit of a Delegation</heading>
        <speech by="#ar"><p>Welcome to the ministry and its fisheries desk.</p></speech>
        <speech by="#Tom Vale"><p>Thank you for the welcome.</p></speech></debateSection></debateBody>
        </debate></akomaNtoso>"##,
    );
    env.write(
        "releases/aid.txt",
        "---\ntitle: \"Aid for Fisheries\"\ndate: \"1960-01-22\"\ncreators:\n  - \"Casey, Richard\"\n---\n\n\
         I am glad to announce new aid for the fisheries of the region.\n",
    );
    let run = env.index().code(0);
    assert_eq!(run.summary().statements, 3, "{run}");
    let all = paragraphs(&env);
    let by_text = |t: &str| {
        all.values()
            .find(|p| p["text"].as_str().is_some_and(|x| x.contains(t)))
            .unwrap_or_else(|| panic!("no paragraph with {t:?}"))
            .clone()
    };
    let welcome = by_text("welcomes the fisheries deal");
    assert_eq!(
        welcome["text"],
        "PRIME MINISTER: Norway welcomes the fisheries deal."
    );
    assert_eq!(strings(&welcome["speakers"]), ["Ingrid Vale"]);
    assert_eq!(by_text("Will you sign")["role"], "question");
    assert_eq!(
        strings(&by_text("Welcome to the ministry")["speakers"]),
        ["Ana Roe"]
    );
    assert_eq!(
        strings(&by_text("Thank you for the welcome")["speakers"]),
        ["Tom Vale"]
    );
    let aid = by_text("new aid");
    assert_eq!(strings(&aid["speakers"]), ["Richard Casey"]);
    assert_eq!(aid["title"], "Aid for Fisheries");
    assert_eq!(aid["date"], "1960-01-22");
}
