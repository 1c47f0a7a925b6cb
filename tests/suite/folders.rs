//! Indexes of several corpus folders: built together, added to, updated, refused, and a folder dropped.
//!
//! The first folder's files keep their relative paths as names; every other folder's are named after the
//! folder (`pmo/call.txt`), so that the same relative path in two folders gives two sources.

use std::fs;
use std::path::PathBuf;

use crate::util::{seed, Env, SEED, SEED_FILE};

/// A readout for a second folder, with words the seed does not have.
const NORWAY: &str = "\
Prime Minister of Norway Ingrid Vale Holds Talks with Chilean Foreign Minister Tomas Aranda

On May 10, 2022, Prime Minister of Norway Ingrid Vale held talks in Oslo with Chilean Foreign Minister Tomas Aranda.

Vale said that Norway and Chile share a long commitment to ocean conservation and to the sustainable management of fisheries.

Aranda stressed that Chile welcomes Norwegian investment in green hydrogen and copper refining.
";

/// A third statement, for a third folder.
const ARCTIC: &str =
    "Remarks on Arctic Fisheries\n\nThe government will defend sustainable cod quotas in the Barents Sea.\n";

/// Writes `name` into the folder `folder` of the test's temporary folder (creating both).
fn write_in(env: &Env, folder: &str, name: &str, contents: &str) -> PathBuf {
    let path = env.root().join(folder).join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, contents).unwrap();
    path
}

/// The seed in `corpus/` and the Norway readout in `pmo/`.
fn two_folders() -> Env {
    let env = Env::seeded();
    write_in(&env, "pmo", "norway.txt", NORWAY);
    env
}

/// `search ARGS… --index idx --json`, expected to find something, as sorted ids.
fn ids_in_idx(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--index", "idx", "--json"];
    all.extend_from_slice(args);
    env.run(&all).code(0).id_set()
}

/// `search QUERY --index idx --count`, as a number (0 when nothing matched).
fn count_in_idx(env: &Env, query: &str) -> usize {
    let run = env.run(&["search", "--index", "idx", query, "--count"]);
    assert!(matches!(run.code, Some(0 | 1)), "{run}");
    run.stdout.trim().parse().expect("a count")
}

/// The absolute path of a folder of the test, as the index records it.
fn recorded(env: &Env, folder: &str) -> String {
    fs::canonicalize(env.root().join(folder))
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn two_folders_make_one_index_and_a_search_finds_both() {
    let env = two_folders();
    let run = env
        .run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    assert_eq!(run.summary().indexed, 2, "{run}");
    run.stderr_has("its files are named pmo/… in the index");
    // The first folder's files keep their own names; the second's are named after it.
    assert_eq!(ids_in_idx(&env, &["\"Belt and Road\""]), [seed(3), seed(4)]);
    let norway = env
        .run(&["search", "--index", "idx", "fisheries", "--json"])
        .code(0);
    let hit = &norway.json()[0];
    assert_eq!(hit["id"], "pmo/norway.txt#2", "{norway}");
    assert_eq!(hit["source"], "pmo/norway.txt");
    assert_eq!(hit["statement"], "pmo/norway.txt");
    let human = env
        .run(&["search", "--index", "idx", "fisheries", "--color", "never"])
        .code(0);
    assert!(human.stdout.contains("pmo/norway.txt ¶2"), "{human}");
    // Read as its own folder's file: the speaker is found as in an index of that folder alone.
    assert_eq!(hit["speakers"][0], "Ingrid Vale", "{norway}");
    // A plain update reads neither again, and finds nothing to do.
    let again = env.run(&["index", "--index", "idx"]).code(0);
    assert_eq!(again.summary().unchanged, 2, "{again}");
    assert_eq!(again.summary().indexed, 0, "{again}");
    assert!(!again.stderr.contains("added"), "{again}");
}

#[test]
fn a_folder_is_added_to_an_index_with_add() {
    let env = two_folders();
    env.run(&["index", "corpus", "--index", "idx"]).code(0);
    let run = env
        .run(&["index", "pmo", "--index", "idx", "--add"])
        .code(0)
        .stderr_has("added ");
    // The first folder's file is not read again.
    let summary = run.summary();
    assert_eq!((summary.indexed, summary.unchanged), (1, 1), "{run}");
    assert_eq!(count_in_idx(&env, "Laos"), 4);
    assert_eq!(ids_in_idx(&env, &["hydrogen"]), ["pmo/norway.txt#3"]);
    // A third folder joins the two, and a plain update reads all three.
    write_in(&env, "nor", "arctic.txt", ARCTIC);
    env.run(&["index", "nor", "--index", "idx", "--add"])
        .code(0);
    let run = env.run(&["index", "--index", "idx"]).code(0);
    assert_eq!(run.summary().unchanged, 3, "{run}");
    assert_eq!(ids_in_idx(&env, &["Barents"]), ["nor/arctic.txt#1"]);
    // Giving every folder it reads, in any order, is an update too.
    let run = env
        .run(&["index", "nor", "corpus", "pmo", "--index", "idx"])
        .code(0);
    assert_eq!(run.summary().unchanged, 3, "{run}");
    // `--add` needs folders to add.
    env.run(&["index", "--index", "idx", "--add"])
        .code(2)
        .stderr_has("give the folders to add");
}

#[test]
fn giving_all_its_folders_and_more_adds_the_new_ones() {
    let env = two_folders();
    env.run(&["index", "corpus", "--index", "idx"]).code(0);
    let run = env
        .run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    assert_eq!(run.summary().unchanged, 1, "{run}");
    assert_eq!(ids_in_idx(&env, &["hydrogen"]), ["pmo/norway.txt#3"]);
}

#[test]
fn the_same_relative_path_in_two_folders_stays_two_sources() {
    let env = Env::new();
    env.write("2021/call.txt", SEED);
    write_in(&env, "pmo", "2021/call.txt", NORWAY);
    env.run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    assert_eq!(ids_in_idx(&env, &["Laos"]).len(), 4);
    assert!(ids_in_idx(&env, &["Laos"])
        .iter()
        .all(|id| id.starts_with("2021/call.txt#")));
    assert_eq!(ids_in_idx(&env, &["hydrogen"]), ["pmo/2021/call.txt#3"]);
    // Each file's record is its own: editing one reads that one alone, and leaves the other's paragraphs.
    write_in(
        &env,
        "pmo",
        "2021/call.txt",
        &NORWAY.replace("hydrogen", "ammonia"),
    );
    let run = env.run(&["index", "--index", "idx"]).code(0);
    let summary = run.summary();
    assert_eq!((summary.indexed, summary.unchanged), (1, 1), "{run}");
    assert_eq!(count_in_idx(&env, "hydrogen"), 0);
    assert_eq!(ids_in_idx(&env, &["ammonia"]), ["pmo/2021/call.txt#3"]);
    assert_eq!(count_in_idx(&env, "Laos"), 4);
    let export = env.run(&["export", "--index", "idx"]).code(0);
    let sources: std::collections::BTreeSet<String> = export
        .json()
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        sources.into_iter().collect::<Vec<_>>(),
        ["2021/call.txt", "pmo/2021/call.txt"]
    );
}

#[test]
fn a_plain_update_rereads_only_the_file_edited_in_the_second_folder() {
    let env = two_folders();
    write_in(&env, "pmo", "arctic.txt", ARCTIC);
    env.run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    let path = write_in(&env, "pmo", "arctic.txt", &ARCTIC.replace("cod", "herring"));
    // Whatever the file system's time resolution, the edit shows.
    let file = fs::File::options().write(true).open(&path).unwrap();
    let mtime = file.metadata().unwrap().modified().unwrap();
    file.set_modified(mtime + std::time::Duration::from_secs(5))
        .unwrap();
    let run = env.run(&["index", "--index", "idx"]).code(0);
    let summary = run.summary();
    assert_eq!(
        (summary.seen, summary.indexed, summary.unchanged),
        (3, 1, 2),
        "{run}"
    );
    assert_eq!(ids_in_idx(&env, &["herring"]), ["pmo/arctic.txt#1"]);
    assert_eq!(count_in_idx(&env, "cod"), 0);
}

#[test]
fn a_single_other_folder_is_refused_naming_the_recorded_ones() {
    let env = two_folders();
    write_in(&env, "nor", "arctic.txt", ARCTIC);
    env.run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    let (corpus, pmo) = (recorded(&env, "corpus"), recorded(&env, "pmo"));
    // One of its folders alone would delete the other's paragraphs.
    let run = env.run(&["index", "corpus", "--index", "idx"]).code(2);
    let run = run
        .stderr_has(&format!(
            "was built from {corpus} and {pmo}, not corpus alone"
        ))
        .stderr_has("`demarche index --index idx`")
        .stderr_has("--replace");
    assert_eq!(run.stderr_lines().len(), 1, "{run}");
    // Another folder would delete both.
    env.run(&["index", "nor", "--index", "idx"])
        .code(2)
        .stderr_has(&format!("was built from {corpus} and {pmo}, not nor:"))
        .stderr_has("`demarche index nor --index idx --add`")
        .stderr_has("--replace");
    // Nothing changed.
    assert_eq!(count_in_idx(&env, "Laos"), 4);
    assert_eq!(count_in_idx(&env, "hydrogen"), 1);
    assert_eq!(count_in_idx(&env, "Barents"), 0);
}

#[test]
fn a_file_removed_from_the_second_folder_deletes_only_its_paragraphs() {
    let env = two_folders();
    write_in(&env, "pmo", "arctic.txt", ARCTIC);
    env.run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    fs::remove_file(env.root().join("pmo/arctic.txt")).unwrap();
    let run = env.run(&["index", "--index", "idx"]).code(0);
    let summary = run.summary();
    assert_eq!((summary.removed, summary.unchanged), (1, 2), "{run}");
    assert_eq!(count_in_idx(&env, "Barents"), 0);
    assert_eq!(count_in_idx(&env, "hydrogen"), 1);
    assert_eq!(count_in_idx(&env, "Laos"), 4);
}

#[test]
fn a_missing_folder_stops_the_build_and_keeps_the_index() {
    let env = two_folders();
    env.run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    let pmo = recorded(&env, "pmo");
    fs::rename(env.root().join("pmo"), env.root().join("pmo-away")).unwrap();
    // The first folder's file changes too: nothing of it may be committed either.
    env.write(SEED_FILE, SEED.replace("Belt and Road", "Silk Road"));
    env.bump_mtime(SEED_FILE, 5);
    let run = env
        .run(&["index", "--index", "idx"])
        .code(2)
        .stderr_has(&format!(
            "the corpus folder {pmo} of the index at idx is missing"
        ))
        .stderr_has(&format!("--remove {pmo}"));
    assert_eq!(run.stderr_lines().len(), 1, "{run}");
    assert_eq!(count_in_idx(&env, "hydrogen"), 1);
    assert_eq!(count_in_idx(&env, "\"Belt and Road\""), 2);
    // Given by name, the missing folder is named the same way.
    env.run(&["index", "corpus", &pmo, "--index", "idx"])
        .code(2)
        .stderr_has("is missing");
    // Back in place, the next build reads only the edited file.
    fs::rename(env.root().join("pmo-away"), env.root().join("pmo")).unwrap();
    let run = env.run(&["index", "--index", "idx"]).code(0);
    let summary = run.summary();
    assert_eq!((summary.indexed, summary.unchanged), (1, 1), "{run}");
    assert_eq!(count_in_idx(&env, "\"Silk Road\""), 2);
}

#[test]
fn dropping_the_first_folder_renames_the_next_and_says_so() {
    let env = two_folders();
    env.run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    let run = env
        .run(&["index", "--index", "idx", "--remove", "corpus"])
        .code(0)
        .stderr_has("were named pmo/… and are now named their paths in the folder");
    assert!(run.stderr.contains("their ids changed"), "{run}");
    assert_eq!(count_in_idx(&env, "hydrogen"), 1);
    // Nothing changes on the next build: no second notice.
    let again = env.run(&["index", "--index", "idx"]).code(0);
    assert!(!again.stderr.contains("are now named"), "{again}");
}

#[test]
fn an_emptied_folder_stops_the_build_and_keeps_its_paragraphs() {
    // An unmounted disk or a moved-out archive lists no files: that is no request to delete them all.
    let env = two_folders();
    env.run(&["index", "corpus", "pmo", "--index", "idx"])
        .code(0);
    let pmo = recorded(&env, "pmo");
    let away = env.root().join("pmo-away");
    fs::rename(env.root().join("pmo"), &away).unwrap();
    fs::create_dir(env.root().join("pmo")).unwrap();
    env.run(&["index", "--index", "idx"])
        .code(2)
        .stderr_has("has no files Demarche reads")
        .stderr_has(&format!("--remove {pmo}"));
    assert_eq!(count_in_idx(&env, "hydrogen"), 1);
    // The same for an index of one folder.
    let one = env.root().join("one");
    fs::create_dir(&one).unwrap();
    fs::write(
        one.join("a.txt"),
        "Statement\n\nThe hydrogen plan moves ahead.\n",
    )
    .unwrap();
    env.run(&["index", "one", "--index", "one-idx"]).code(0);
    fs::remove_file(one.join("a.txt")).unwrap();
    env.run(&["index", "one", "--index", "one-idx"])
        .code(2)
        .stderr_has("--replace");
    assert_eq!(
        env.run(&["search", "--index", "one-idx", "hydrogen"])
            .code(0)
            .stdout
            .lines()
            .filter(|l| l.contains("a.txt"))
            .count(),
        1
    );
}

#[test]
fn a_folder_is_dropped_with_remove_and_the_set_rebuilt_with_replace() {
    let env = two_folders();
    write_in(&env, "nor", "arctic.txt", ARCTIC);
    env.run(&["index", "corpus", "pmo", "nor", "--index", "idx"])
        .code(0);
    // Dropping the second folder leaves the others' files as they were.
    let run = env
        .run(&["index", "--index", "idx", "--remove", "pmo"])
        .code(0);
    let summary = run.summary();
    assert_eq!((summary.removed, summary.unchanged), (1, 2), "{run}");
    assert_eq!(count_in_idx(&env, "hydrogen"), 0);
    assert_eq!(ids_in_idx(&env, &["Barents"]), ["nor/arctic.txt#1"]);
    // A folder gone missing can be dropped.
    fs::remove_dir_all(env.root().join("nor")).unwrap();
    env.run(&["index", "--index", "idx", "--remove", "nor"])
        .code(0);
    assert_eq!(count_in_idx(&env, "Barents"), 0);
    env.run(&["index", "--index", "idx", "--remove", "pmo"])
        .code(2)
        .stderr_has("not a corpus folder of the index");
    env.run(&["index", "--index", "idx", "--remove", "corpus"])
        .code(2)
        .stderr_has("would leave the index with no corpus folder");
    // `--replace` with several folders makes them the index's folders, the first named by its files' paths.
    write_in(&env, "nor", "arctic.txt", ARCTIC);
    let run = env
        .run(&["index", "nor", "pmo", "--index", "idx", "--replace"])
        .code(0);
    assert_eq!(run.summary().removed, 1, "{run}");
    assert_eq!(count_in_idx(&env, "Laos"), 0);
    assert_eq!(ids_in_idx(&env, &["Barents"]), ["arctic.txt#1"]);
    assert_eq!(ids_in_idx(&env, &["hydrogen"]), ["pmo/norway.txt#3"]);
    env.run(&["index", "--index", "idx"])
        .code(0)
        .stderr_has("2 unchanged");
}

#[test]
fn a_folder_inside_another_is_refused() {
    let env = Env::seeded();
    env.write("pmo/norway.txt", NORWAY);
    env.run(&["index", "corpus", "corpus/pmo", "--index", "idx"])
        .code(2)
        .stderr_has("another corpus folder of the index");
    assert!(!env.root().join("idx").exists(), "no index is begun");
    // Nor can an index of the outer folder take the inner one.
    env.run(&["index", "corpus", "--index", "idx"]).code(0);
    env.run(&["index", "corpus/pmo", "--index", "idx", "--add"])
        .code(2)
        .stderr_has("another corpus folder of the index");
    assert_eq!(count_in_idx(&env, "hydrogen"), 1);
}

#[test]
fn a_folder_named_like_the_first_folders_own_takes_another_name() {
    let env = Env::seeded();
    env.write("pmo/old.txt", ARCTIC);
    write_in(&env, "elsewhere/pmo", "norway.txt", NORWAY);
    env.run(&["index", "corpus", "elsewhere/pmo", "--index", "idx"])
        .code(0)
        .stderr_has("named pmo-2/");
    assert_eq!(ids_in_idx(&env, &["Barents"]), ["pmo/old.txt#1"]);
    assert_eq!(ids_in_idx(&env, &["hydrogen"]), ["pmo-2/norway.txt#3"]);
}

#[test]
fn each_folder_has_its_own_manifest_and_its_bad_files_are_named_by_their_paths() {
    let env = Env::seeded();
    write_in(&env, "sources/nor", "arctic.txt", ARCTIC);
    write_in(
        &env,
        "sources/nor",
        "meta.csv",
        "file,speaker,country\narctic.txt,Kari Nordmann,NOR\n",
    );
    let bad = write_in(&env, "sources/nor", "bad.txt", "");
    fs::write(&bad, b"\x00\x01\x02binary\x00").unwrap();
    let run = env
        .run(&["index", "corpus", "sources/nor", "--index", "idx"])
        .code(3);
    let run = run.stderr_has("demarche: skipped sources/nor/bad.txt: ");
    assert_eq!(run.summary().seen, 3, "a manifest is not a statement{run}");
    let hits = env
        .run(&[
            "search",
            "--index",
            "idx",
            "Barents",
            "--speaker",
            "Nordmann",
            "--json",
        ])
        .code(0);
    assert_eq!(hits.ids(), ["nor/arctic.txt#1"], "{hits}");
    assert_eq!(hits.json()[0]["countries"][0], "NOR");
}

#[test]
fn an_index_of_one_folder_records_its_path_alone_as_older_builds_did_and_is_added_to() {
    let env = two_folders();
    env.run(&["index", "corpus", "--index", "idx"]).code(0);
    let payload = || {
        let meta: serde_json::Value =
            serde_json::from_slice(&fs::read(env.root().join("idx/meta.json")).unwrap()).unwrap();
        meta["payload"].as_str().unwrap().to_string()
    };
    // The payload older indexes wrote, and older builds read: the folder's path alone.
    assert_eq!(payload(), recorded(&env, "corpus"));
    env.run(&["index", "--index", "idx"])
        .code(0)
        .stderr_has("1 unchanged");
    env.run(&["index", "pmo", "--index", "idx", "--add"])
        .code(0)
        .stderr_has("1 unchanged");
    assert_eq!(count_in_idx(&env, "Laos"), 4);
    assert_eq!(count_in_idx(&env, "hydrogen"), 1);
    let several: serde_json::Value = serde_json::from_str(&payload()).unwrap();
    assert_eq!(several["corpora"][1]["name"], "pmo", "{several}");
    assert_eq!(several["corpora"][1]["path"], recorded(&env, "pmo"));
}

/// An index records its folders with links resolved, so that `corpus` and `./corpus/` and a link to it
/// are one folder. A link re-pointed to another folder is then another folder: indexing through it is
/// refused like any other folder (naming the link, where it points now and the folder the index holds),
/// never taken as leave to delete the first target's paragraphs; the plain update goes on reading the
/// folder the index was built from.
#[test]
fn a_link_to_the_corpus_pointed_elsewhere_is_another_folder() {
    let env = two_folders();
    std::os::unix::fs::symlink("corpus", env.root().join("current")).unwrap();
    env.run(&["index", "current", "--index", "idx"]).code(0);
    assert_eq!(count_in_idx(&env, "Laos"), 4);
    // The link now points at the other folder.
    fs::remove_file(env.root().join("current")).unwrap();
    std::os::unix::fs::symlink("pmo", env.root().join("current")).unwrap();
    let (corpus, pmo) = (recorded(&env, "corpus"), recorded(&env, "pmo"));
    let run = env
        .run(&["index", "current", "--index", "idx"])
        .code(2)
        .stderr_has(&format!(
            "was built from {corpus}, not current (a link to {pmo})"
        ))
        .stderr_has("`demarche index current --index idx --add`")
        .stderr_has("`demarche index current --index idx --replace`");
    assert_eq!(run.stderr_lines().len(), 1, "{run}");
    assert_eq!(count_in_idx(&env, "Laos"), 4);
    assert_eq!(count_in_idx(&env, "hydrogen"), 0);
    // With no folder given, the index is updated from the folder it was built from, through no link.
    let run = env.run(&["index", "--index", "idx"]).code(0);
    assert_eq!(run.summary().unchanged, 1, "{run}");
    assert_eq!(count_in_idx(&env, "Laos"), 4);
    // Asked for, the link's new folder replaces the old one.
    env.run(&["index", "current", "--index", "idx", "--replace"])
        .code(0);
    assert_eq!(count_in_idx(&env, "Laos"), 0);
    assert_eq!(count_in_idx(&env, "hydrogen"), 1);
}
