//! Ranking, as a truth table: for each query, the paragraph that must come first and how many match.
//!
//! The corpus is four invented readouts (real countries, invented people), written so that each case has
//! one clear answer: a word found once, a phrase against the same words scattered, a word repeated in a
//! short paragraph against the same word once in a long one. When ranking changes on purpose, change the
//! table, and say why in the commit.

use crate::util::Env;

const CORPUS: [(&str, &str); 4] = [
    (
        "brazil-india-2019-09-03.txt",
        "\
Brazilian Foreign Minister Lucia Ferraz Speaks with Indian External Affairs Minister Arjun Mehra on the Phone

On September 3, 2019, Brazilian Foreign Minister Lucia Ferraz spoke on the phone with Indian External Affairs Minister Arjun Mehra.

Ferraz said Brazil values its partnership with India in the BRICS group and in the fight against deforestation of the Amazon.

Mehra expressed India's interest in importing Brazilian ethanol and in cooperation on vaccines.

Both ministers agreed to meet again in New Delhi before the end of the year.
",
    ),
    (
        "canada-mexico-2021-06-30.txt",
        "\
Canadian Prime Minister Claire Dubois Meets President of Mexico Mateo Ruiz

On June 30, 2021, Canadian Prime Minister Claire Dubois met President of Mexico Mateo Ruiz in Ottawa.

Dubois said Canada will double its climate finance commitment to Latin America and the Caribbean.

Ruiz welcomed the announcement and called for a trilateral summit on migration and trade.

He said the tamarind and the maple are symbols of a friendship that crosses the continent.
",
    ),
    (
        "kenya-japan-2023-02-14.txt",
        "\
President of Kenya Amani Odhiambo Meets Japanese Prime Minister Haruto Sena

On February 14, 2023, President of Kenya Amani Odhiambo met Japanese Prime Minister Haruto Sena in Nairobi.

Odhiambo said drought has struck the Horn of Africa again: drought in the north, drought in the east.

Sena noted that Japan will support Kenyan farmers facing drought with irrigation projects, seed banks, storage facilities, training programmes for young agronomists, weather stations, and a broad package of loans for small businesses in rural counties, together with scholarships for engineering students at Japanese universities.

Odhiambo stressed that the climate crisis is a question of justice, and that finance for adaptation must reach the countries that did the least to cause it, because the climate will not wait for the finance ministers.
",
    ),
    (
        "norway-chile-2022-05-10.txt",
        "\
Prime Minister of Norway Ingrid Vale Holds Talks with Chilean Foreign Minister Tomas Aranda

On May 10, 2022, Prime Minister of Norway Ingrid Vale held talks in Oslo with Chilean Foreign Minister Tomas Aranda.

Vale said that Norway and Chile share a long commitment to ocean conservation, and that the sustainable management of fisheries is a priority for both coastal nations.

Aranda stressed that Chile welcomes Norwegian investment in green hydrogen and copper refining, and invited Norwegian companies to the Atacama region.

He added that the two countries will open a research station on glaciers in Punta Arenas.

Vale and Aranda jointly announced a new agreement on maritime cooperation and climate finance.

Vale noted that hydrogen is green only if the electricity is green, and most hydrogen today is not.
",
    ),
];

/// One row of the truth table.
struct Case {
    /// The query, as typed.
    query: &'static str,
    /// The paragraph that must rank first: `<file>#<n>`.
    top: &'static str,
    /// How many paragraphs match in all.
    hits: usize,
    /// What the case pins down.
    why: &'static str,
}

const TRUTH: &[Case] = &[
    Case {
        query: "ethanol",
        top: "brazil-india-2019-09-03.txt#3",
        hits: 1,
        why: "a word found in one paragraph only",
    },
    Case {
        query: "ethanol OR said",
        top: "brazil-india-2019-09-03.txt#3",
        hits: 6,
        why: "a rare word outweighs a common one",
    },
    Case {
        query: "\"green hydrogen\"",
        top: "norway-chile-2022-05-10.txt#3",
        hits: 1,
        why: "a phrase needs its words side by side: #6 has both twice, apart, and is no hit",
    },
    Case {
        query: "\"double its climate finance\"",
        top: "canada-mexico-2021-06-30.txt#2",
        hits: 1,
        why: "a long phrase",
    },
    Case {
        query: "\"Horn of Africa\"",
        top: "kenya-japan-2023-02-14.txt#2",
        hits: 1,
        why: "small words inside a phrase count",
    },
    Case {
        query: "\"Kenyan farmers\"",
        top: "kenya-japan-2023-02-14.txt#3",
        hits: 1,
        why: "a phrase in a long paragraph",
    },
    Case {
        query: "drought",
        top: "kenya-japan-2023-02-14.txt#2",
        hits: 2,
        why: "three times in a short paragraph beats once in a long one (BM25)",
    },
    Case {
        query: "Japanese",
        top: "kenya-japan-2023-02-14.txt#1",
        hits: 2,
        why: "once in a short paragraph beats once in a long one (length normalisation)",
    },
    Case {
        query: "India",
        top: "brazil-india-2019-09-03.txt#3",
        hits: 2,
        why: "a possessive is the word itself: India's counts for India",
    },
    Case {
        query: "deforestation Amazon",
        top: "brazil-india-2019-09-03.txt#2",
        hits: 1,
        why: "every word is required",
    },
    Case {
        query: "tamarind maple",
        top: "canada-mexico-2021-06-30.txt#4",
        hits: 1,
        why: "every word is required, wherever it stands",
    },
    Case {
        query: "NAIROBI",
        top: "kenya-japan-2023-02-14.txt#1",
        hits: 1,
        why: "case does not matter",
    },
    Case {
        query: "speaker:mehra",
        top: "brazil-india-2019-09-03.txt#3",
        hits: 2,
        why: "a speaker's own paragraph before the joint one they share",
    },
];

#[test]
fn the_truth_table_holds() {
    let env = Env::new();
    for (name, text) in CORPUS {
        env.write(name, text);
    }
    env.index().code(0);
    let mut failures = Vec::new();
    for case in TRUTH {
        let run = env.search(&[case.query, "--json", "--limit", "100"]);
        if run.code != Some(0) {
            failures.push(format!(
                "{:?} ({}): exit {:?}{run}",
                case.query, case.why, run.code
            ));
            continue;
        }
        let ids = run.ids();
        if ids.first().map(String::as_str) != Some(case.top) || ids.len() != case.hits {
            failures.push(format!(
                "{:?} ({}): want {} first of {}, got {ids:?}",
                case.query, case.why, case.top, case.hits
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_truth_table_corpus_is_attributed_as_written() {
    let env = Env::new();
    for (name, text) in CORPUS {
        env.write(name, text);
    }
    let run = env.search(&["*", "--json", "--limit", "100"]).code(0);
    let mut rows: Vec<(String, String, String)> = run
        .json()
        .iter()
        .map(|h| {
            let list = |k: &str| {
                h[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join("+")
            };
            (
                h["id"].as_str().unwrap().to_string(),
                list("speakers"),
                list("countries"),
            )
        })
        .collect();
    rows.sort();
    let want = [
        ("brazil-india-2019-09-03.txt#1", "", ""),
        ("brazil-india-2019-09-03.txt#2", "Lucia Ferraz", "BRA"),
        ("brazil-india-2019-09-03.txt#3", "Arjun Mehra", "IND"),
        (
            "brazil-india-2019-09-03.txt#4",
            "Lucia Ferraz+Arjun Mehra",
            "BRA+IND",
        ),
        ("canada-mexico-2021-06-30.txt#1", "", ""),
        ("canada-mexico-2021-06-30.txt#2", "Claire Dubois", "CAN"),
        ("canada-mexico-2021-06-30.txt#3", "Mateo Ruiz", "MEX"),
        ("canada-mexico-2021-06-30.txt#4", "Mateo Ruiz", "MEX"),
        ("kenya-japan-2023-02-14.txt#1", "", ""),
        ("kenya-japan-2023-02-14.txt#2", "Amani Odhiambo", "KEN"),
        ("kenya-japan-2023-02-14.txt#3", "Haruto Sena", "JPN"),
        ("kenya-japan-2023-02-14.txt#4", "Amani Odhiambo", "KEN"),
        ("norway-chile-2022-05-10.txt#1", "", ""),
        ("norway-chile-2022-05-10.txt#2", "Ingrid Vale", "NOR"),
        ("norway-chile-2022-05-10.txt#3", "Tomas Aranda", "CHL"),
        ("norway-chile-2022-05-10.txt#4", "Tomas Aranda", "CHL"),
        (
            "norway-chile-2022-05-10.txt#5",
            "Ingrid Vale+Tomas Aranda",
            "NOR+CHL",
        ),
        ("norway-chile-2022-05-10.txt#6", "Ingrid Vale", "NOR"),
    ];
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(got, want);
}
