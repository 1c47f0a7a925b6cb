//! Building the index: on first search, explicitly, incrementally; bad files, encodings, the writer lock and
//! the format stamp.

use std::fs;

use crate::util::{seed, Env, Summary, SEED, SEED_FILE};

/// A second statement, dated, with words the seed does not have.
const NORWAY: &str = "\
Prime Minister of Norway Ingrid Vale Holds Talks with Chilean Foreign Minister Tomas Aranda

On May 10, 2022, Prime Minister of Norway Ingrid Vale held talks in Oslo with Chilean Foreign Minister Tomas Aranda.

Vale said that Norway and Chile share a long commitment to ocean conservation and to the sustainable management of fisheries.

Aranda stressed that Chile welcomes Norwegian investment in green hydrogen and copper refining.
";

#[test]
fn the_first_search_builds_the_index_and_says_so() {
    let env = Env::seeded();
    let run = env
        .search(&["\"Belt and Road\"", "--json"])
        .code(0)
        .stderr_has("building")
        .stderr_has("corpus");
    assert_eq!(run.id_set(), [seed(3), seed(4)], "{run}");
    assert_eq!(
        run.summary(),
        Summary {
            seen: 1,
            indexed: 1,
            statements: 1,
            paragraphs: 5,
            ..Summary::default()
        }
    );
    assert!(env.index_dir().join("meta.json").is_file());
    // The second search uses the index and says nothing about building.
    let again = env.search(&["\"Belt and Road\"", "--json"]).code(0);
    assert_eq!(again.stderr, "", "{again}");
}

#[test]
fn index_then_search_finds_the_seed() {
    let env = Env::seeded();
    let run = env.index().code(0);
    assert_eq!(
        run.summary(),
        Summary {
            seen: 1,
            indexed: 1,
            statements: 1,
            paragraphs: 5,
            ..Summary::default()
        }
    );
    assert!(
        run.stderr.contains(" s (") && run.stderr.contains(" MB/s)"),
        "{run}"
    );
    assert_eq!(run.stdout, "", "progress and reports go to stderr{run}");
    let search = env.search(&["\"Belt and Road\"", "--json"]).code(0);
    assert_eq!(
        search.stderr, "",
        "no build on a search after `index`{search}"
    );
    assert_eq!(search.id_set(), [seed(3), seed(4)]);
}

#[test]
fn index_takes_a_corpus_argument_and_an_index_flag() {
    let env = Env::new();
    fs::create_dir(env.root().join("elsewhere")).unwrap();
    fs::write(env.root().join("elsewhere").join(SEED_FILE), SEED).unwrap();
    env.run(&["index", "elsewhere", "--index", "idx"]).code(0);
    assert!(env.root().join("idx/meta.json").is_file());
    assert!(!env.index_dir().exists());
    let run = env
        .run(&["search", "--index", "idx", "\"Belt and Road\"", "--count"])
        .code(0);
    assert_eq!(run.stdout, "2\n", "{run}");
}

#[test]
fn an_index_refuses_another_folder_unless_told_to_replace_it() {
    let env = Env::seeded();
    env.index().code(0);
    fs::create_dir(env.root().join("other")).unwrap();
    fs::write(env.root().join("other/norway.txt"), NORWAY).unwrap();
    // Indexing another folder would delete every paragraph of the first: refused, naming both.
    let run = env.run(&["index", "other"]).code(2);
    let run = run.stderr_has("was built from").stderr_has("not other");
    assert!(run.stderr.contains("--replace"), "{run}");
    assert_eq!(env.search(&["Laos", "--count"]).code(0).stdout, "4\n");
    // With no folder given, `index` updates the folder the index was built from.
    env.run(&["index"]).code(0).stderr_has("1 unchanged");
    env.run(&["index", "other", "--replace"])
        .code(0)
        .stderr_has("1 removed");
    env.search(&["Laos", "--count"]).code(1);
    env.search(&["fisheries", "--count"]).code(0);
    env.run(&["index", "--index", "index"])
        .code(0)
        .stderr_has("1 unchanged");
}

#[test]
fn a_search_builds_on_first_use_only_at_the_default_place() {
    let env = Env::seeded();
    env.search(&["Laos", "--index", "typo"])
        .code(2)
        .stderr_has("no index at typo");
    assert!(!env.root().join("typo").exists());
    env.search(&["Laos"]).code(0).stderr_has("first use");
}

#[test]
fn a_first_build_cut_short_is_recognised_and_finished() {
    let env = Env::seeded();
    // What a build killed before its first commit leaves: an index folder with an empty commit.
    drop(demarche::Store::open_or_create(&env.index_dir()).unwrap());
    env.search(&["Laos", "--index", "index"])
        .code(2)
        .stderr_has("first build of the index at index did not finish");
    env.run(&["stats"]).code(2).stderr_has("did not finish");
    // At the default place, a search finishes it; `index` always does.
    env.search(&["Laos", "--count"])
        .code(0)
        .stderr_has("did not finish; finishing it");
}

#[test]
fn verify_advises_deleting_only_an_index() {
    let env = Env::seeded();
    let run = env.run(&["verify", "--index", "corpus"]).code(2);
    let run = run.stderr_has("no index at corpus: it is a folder of other files: check the path");
    assert!(!run.stderr.contains("delete"), "{run}");
    assert!(!run.stderr.contains("--index corpus"), "{run}");
    // A tantivy index with no Demarche stamp may be another program's: never advised to be deleted.
    env.run(&["index", "--index", "idx"]).code(0);
    fs::remove_file(env.root().join("idx/demarche.json")).unwrap();
    let run = env
        .run(&["verify", "--index", "idx"])
        .code(2)
        .stderr_has("the folder idx holds an index with no readable demarche.json")
        .stderr_has("build one in a new folder");
    assert!(!run.stderr.contains("delete"), "{run}");
    assert_eq!(run.stderr_lines().len(), 1, "{run}");
}

/// A damaged Demarche index is named, and so are the folders to rebuild it from: the advice to delete is
/// for the index folder, with the command that builds it again from its own corpus.
#[test]
fn verify_names_the_index_and_its_corpus_in_the_rebuild() {
    let env = Env::seeded();
    env.run(&["index", "--index", "idx"]).code(0);
    let corpus = fs::canonicalize(env.corpus()).unwrap();
    let corpus = corpus.display();
    env.run(&["verify", "--index", "idx"])
        .code(0)
        .stdout_has("idx: sound");
    // The largest segment file, cut short.
    let victim = fs::read_dir(env.root().join("idx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "json" && e != "lock"))
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .unwrap();
    let len = fs::metadata(&victim).unwrap().len();
    fs::File::options()
        .write(true)
        .open(&victim)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let run = env.run(&["verify", "--index", "idx"]).code(2);
    run.stdout_has(&format!(
        "the index is damaged: rebuild it (delete idx and run `demarche index {corpus} --index idx`)"
    ));
    // Searching it gives the same advice in one line, and the verify command that names it.
    let run = env
        .search(&["Laos", "--index", "idx"])
        .code(2)
        .stderr_has("the index at idx is damaged")
        .stderr_has("`demarche verify --index idx`")
        .stderr_has(&format!(
            "delete idx and run `demarche index {corpus} --index idx`"
        ));
    assert_eq!(run.stderr_lines().len(), 1, "{run}");
    // Following it rebuilds the index.
    fs::remove_dir_all(env.root().join("idx")).unwrap();
    env.run(&["index", &corpus.to_string(), "--index", "idx"])
        .code(0);
    assert_eq!(
        env.search(&["Laos", "--index", "idx", "--count"])
            .code(0)
            .stdout,
        "4\n"
    );
}

#[test]
fn writer_flags_and_paths_out_of_range_get_a_sentence() {
    let env = Env::seeded();
    env.run(&["index", "--threads", "0"])
        .code(2)
        .stderr_has("--threads 0: give from 1 to");
    env.run(&["index", "--heap", "1", "--threads", "2"])
        .code(2)
        .stderr_has(
            "--heap 1: the index writer needs 15 to 4000 MB per thread: give from 30 to 8000 MB",
        );
    env.run(&["index", "--heap", "100000", "--threads", "1"])
        .code(2)
        .stderr_has("--heap 100000:");
    assert!(!env.index_dir().exists(), "a refused flag builds nothing");
    env.run(&["index", "--index", &format!("corpus/{SEED_FILE}")])
        .code(2)
        .stderr_has("is a file: the index is a folder");
    assert_eq!(
        fs::read_to_string(env.corpus().join(SEED_FILE)).unwrap(),
        SEED
    );
}

#[test]
fn files_in_formats_not_read_are_counted_by_kind() {
    let env = Env::seeded();
    env.write("a.odt", b"PK");
    env.write("sub/b.odt", b"PK");
    env.write("c.rtf", b"{\\rtf1");
    env.write("README", "about this corpus");
    env.index()
        .code(0)
        .stderr_has("passed over 3 files in formats Demarche does not read: 2 .odt, 1 .rtf");
}

#[test]
fn the_index_folder_can_come_from_demarche_index() {
    let env = Env::seeded();
    let output = env
        .command(&["index"])
        .env("DEMARCHE_INDEX", "from-env")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(env.root().join("from-env/meta.json").is_file());
    assert!(!env.index_dir().exists());
}

#[cfg(unix)]
#[test]
fn every_index_file_has_the_users_default_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::seeded();
    env.index().code(0);
    // The test process's umask decides what "default" is: a file created here shows it.
    let probe = env.root().join("probe");
    fs::write(&probe, "").unwrap();
    let default = fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    for entry in fs::read_dir(env.index_dir()).unwrap() {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, default, "{:?}: {mode:o}", entry.file_name());
    }
}

#[test]
fn reindexing_an_unchanged_corpus_reads_nothing() {
    let env = Env::seeded();
    env.write("norway.txt", NORWAY);
    env.index().code(0);
    let run = env.index().code(0).stderr_has("0 indexed, 2 unchanged");
    assert_eq!(
        run.summary(),
        Summary {
            seen: 2,
            unchanged: 2,
            ..Summary::default()
        }
    );
}

#[test]
fn an_edited_file_is_reindexed_alone_and_its_old_text_is_gone() {
    let env = Env::seeded();
    env.write("norway.txt", NORWAY);
    env.index().code(0);
    assert_eq!(env.ids(&["hydrogen"]), ["norway.txt#3"]);
    env.write(
        "norway.txt",
        NORWAY.replace("green hydrogen and copper refining", "offshore wind farms"),
    );
    env.bump_mtime("norway.txt", 60);
    let run = env.index().code(0);
    assert_eq!(
        run.summary(),
        Summary {
            seen: 2,
            indexed: 1,
            unchanged: 1,
            statements: 1,
            paragraphs: 3,
            ..Summary::default()
        },
        "{run}"
    );
    env.search(&["hydrogen"]).code(1);
    assert_eq!(env.ids(&["\"offshore wind farms\""]), ["norway.txt#3"]);
    // Nothing is left twice: the edited statement's paragraphs were replaced, not added.
    assert_eq!(env.search(&["*", "--count"]).code(0).stdout, "8\n");
    assert_eq!(env.id_set(&["\"Belt and Road\""]), [seed(3), seed(4)]);
}

#[test]
fn a_deleted_file_loses_its_paragraphs() {
    let env = Env::seeded();
    env.write("norway.txt", NORWAY);
    env.index().code(0);
    env.remove("norway.txt");
    let run = env.index().code(0).stderr_has("1 removed");
    assert_eq!(
        run.summary(),
        Summary {
            seen: 1,
            unchanged: 1,
            removed: 1,
            ..Summary::default()
        }
    );
    env.search(&["Aranda"]).code(1);
    assert_eq!(env.search(&["*", "--count"]).code(0).stdout, "5\n");
}

#[test]
fn a_touched_but_unedited_file_counts_as_unchanged() {
    let env = Env::seeded();
    env.index().code(0);
    env.bump_mtime(SEED_FILE, 60);
    let run = env.index().code(0).stderr_has("0 indexed");
    assert_eq!(
        run.summary(),
        Summary {
            seen: 1,
            unchanged: 1,
            ..Summary::default()
        }
    );
    assert_eq!(env.search(&["*", "--count"]).code(0).stdout, "5\n");
    // The new time was recorded: the next run does not even read the file.
    assert_eq!(env.index().code(0).summary().unchanged, 1);
}

#[test]
fn an_added_file_is_found() {
    let env = Env::seeded();
    env.index().code(0);
    env.search(&["hydrogen"]).code(1);
    env.write("sub/norway.txt", NORWAY);
    let run = env.index().code(0);
    assert_eq!(
        run.summary(),
        Summary {
            seen: 2,
            indexed: 1,
            unchanged: 1,
            statements: 1,
            paragraphs: 3,
            ..Summary::default()
        }
    );
    assert_eq!(env.ids(&["hydrogen"]), ["sub/norway.txt#3"]);
}

#[test]
fn a_binary_file_is_reported_and_skipped_and_the_rest_indexed() {
    let env = Env::seeded();
    env.write("norway.txt", NORWAY);
    env.write("scan.txt", b"PK\x03\x04\0\0\x14\0 not text at all \0\0");
    let run = env
        .index()
        .code(3)
        .stderr_has("demarche: skipped corpus/scan.txt: binary file (NUL byte at offset 4)");
    assert_eq!(run.summary().skipped, 1);
    assert_eq!(run.summary().indexed, 2);
    assert_eq!(env.ids(&["hydrogen"]), ["norway.txt#3"]);
    assert_eq!(env.id_set(&["\"Belt and Road\""]), [seed(3), seed(4)]);
}

#[test]
fn an_unreadable_file_is_reported_and_skipped_and_the_rest_indexed() {
    use std::os::unix::fs::PermissionsExt;

    let env = Env::seeded();
    let locked = env.write("locked.txt", NORWAY);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        eprintln!(
            "skipped: {} is still readable after chmod 000",
            locked.display()
        );
        return;
    }
    let run = env
        .index()
        .code(3)
        .stderr_has("demarche: skipped corpus/locked.txt: ")
        .stderr_has("ermission denied");
    assert_eq!(run.summary().skipped, 1);
    assert_eq!(env.id_set(&["\"Belt and Road\""]), [seed(3), seed(4)]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn a_file_that_turns_binary_keeps_what_was_indexed_for_it() {
    let env = Env::seeded();
    env.write("norway.txt", NORWAY);
    env.index().code(0);
    env.write("norway.txt", b"\0\0\0\0");
    env.bump_mtime("norway.txt", 60);
    let run = env.index().code(3).stderr_has("corpus/norway.txt");
    assert_eq!(run.summary().removed, 0, "{run}");
    assert_eq!(env.ids(&["hydrogen"]), ["norway.txt#3"]);
}

#[test]
fn an_empty_file_is_not_an_error() {
    let env = Env::seeded();
    env.write("empty.txt", "");
    env.write("blank.txt", "\n\n  \n");
    let run = env.index().code(0);
    assert_eq!(
        run.summary(),
        Summary {
            seen: 3,
            indexed: 3,
            statements: 1,
            paragraphs: 5,
            ..Summary::default()
        },
        "{run}"
    );
    assert!(!run.stderr.contains("skipped "), "{run}");
}

/// A short statement with one stray colour sequence, as a web scrape can leave: two control characters
/// in some 200 characters of text.
const SCRAPED_WITH_AN_ESCAPE: &str = "Vale Visits Lima\n\nOn April 1, 2022, Prime Minister of Norway Ingrid Vale said the talks in Lima went \x1b[1mvery\x1b[0m well.\n";

#[test]
fn a_short_statement_with_an_escape_sequence_is_text_not_binary() {
    let env = Env::new();
    env.write("lima.txt", SCRAPED_WITH_AN_ESCAPE);
    let run = env.index().code(0);
    assert_eq!(run.summary().indexed, 1, "{run}");
    assert_eq!(env.ids(&["Lima", "--speaker", "Vale"]), ["lima.txt#1"]);
}

#[test]
fn windows_1252_text_is_decoded() {
    let env = Env::new();
    env.write(
        "lima.txt",
        b"Talks in Lima\n\nOn March 3, 2020, the delegations met in a caf\xe9 near the \x93Plaza Mayor\x94.\n",
    );
    env.index().code(0);
    let run = env.search(&["café", "--json"]).code(0);
    let hits = run.json();
    assert_eq!(hits.len(), 1, "{run}");
    assert_eq!(
        hits[0]["text"],
        "On March 3, 2020, the delegations met in a café near the “Plaza Mayor”."
    );
    assert_eq!(hits[0]["date"], "2020-03-03");
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let env = Env::new();
    let text = "Talks in Quito\r\n\r\nOn May 5, 2020, the delegations discussed quinoa and café exports.\r\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    env.write("quito.txt", bytes);
    env.index().code(0);
    let run = env.search(&["quinoa café", "--json"]).code(0);
    let hits = run.json();
    assert_eq!(hits.len(), 1, "{run}");
    assert_eq!(hits[0]["id"], "quito.txt#1");
    assert_eq!(hits[0]["title"], "Talks in Quito");
    assert_eq!(
        hits[0]["text"],
        "On May 5, 2020, the delegations discussed quinoa and café exports."
    );
}

#[test]
fn a_held_writer_lock_makes_index_exit_4() {
    let env = Env::seeded();
    env.index().code(0);
    env.write("norway.txt", NORWAY);
    let index = tantivy::Index::open_in_dir(env.index_dir()).expect("the index opens");
    let writer = index
        .writer_with_num_threads::<tantivy::TantivyDocument>(1, 50_000_000)
        .expect("the test takes the writer lock");
    let run = env
        .index()
        .code(4)
        .stderr_has("being built by another process");
    assert_eq!(run.stdout, "", "{run}");
    // Searching needs no lock.
    assert_eq!(env.id_set(&["\"Belt and Road\""]), [seed(3), seed(4)]);
    drop(writer);
    assert_eq!(env.index().code(0).summary().indexed, 1);
}

#[test]
fn an_index_of_another_format_asks_for_a_rebuild() {
    let env = Env::seeded();
    env.index().code(0);
    let corpus = fs::canonicalize(env.corpus()).unwrap();
    let advice = format!(
        "rebuild the index (delete index and run `demarche index {} --index index`)",
        corpus.display()
    );
    fs::write(
        env.index_dir().join("demarche.json"),
        r#"{"format":0,"tokenizer":"x"}"#,
    )
    .unwrap();
    let run = env
        .search(&["Laos"])
        .code(2)
        .stderr_has("the index at index has format 0 (x), this demarche reads format")
        .stderr_has(&advice);
    assert_eq!(run.stdout, "", "{run}");
    assert_eq!(run.stderr_lines().len(), 1, "{run}");
    env.run(&["stats"]).code(2).stderr_has(&advice);
    env.run(&["export"]).code(2).stderr_has(&advice);
    env.run(&["verify"]).code(2).stderr_has(&advice);
    env.index().code(2).stderr_has(&advice);
    // An index of a later format may be searched with the demarche that wrote it.
    fs::write(
        env.index_dir().join("demarche.json"),
        r#"{"format":999,"tokenizer":"x"}"#,
    )
    .unwrap();
    env.search(&["Laos"])
        .code(2)
        .stderr_has(&advice)
        .stderr_has("or search it with the newer demarche that wrote it");
}

#[test]
fn an_index_without_a_format_stamp_is_refused() {
    let env = Env::seeded();
    env.index().code(0);
    fs::remove_file(env.index_dir().join("demarche.json")).unwrap();
    env.search(&["Laos"]).code(2);
}

/// A tantivy index without Demarche's stamp may be another program's, or one whose stamp was lost: it is
/// not searched, and the advice is a new folder, never to delete it.
#[test]
fn an_index_without_a_format_stamp_is_not_advised_to_be_deleted() {
    let env = Env::seeded();
    env.index().code(0);
    fs::remove_file(env.index_dir().join("demarche.json")).unwrap();
    let corpus = fs::canonicalize(env.corpus()).unwrap();
    let run = env
        .search(&["Laos"])
        .code(2)
        .stderr_has("the folder index holds an index with no readable demarche.json")
        .stderr_has(&format!(
            "build one in a new folder with `demarche index {} --index NEW-FOLDER`",
            corpus.display()
        ));
    assert!(!run.stderr.contains("delete"), "{run}");
    env.index().code(2).stderr_has("no readable demarche.json");
    assert!(env.index_dir().join("meta.json").exists());
    // A stamp that is there but damaged is Demarche's own: rebuilt, like an index of another format.
    fs::write(env.index_dir().join("demarche.json"), "{ not json").unwrap();
    env.search(&["Laos"])
        .code(2)
        .stderr_has("has format unknown (demarche.json is damaged)")
        .stderr_has(&format!(
            "delete index and run `demarche index {} --index index`",
            corpus.display()
        ));
}

#[test]
fn a_missing_corpus_is_an_error_naming_it() {
    let env = Env::new();
    let run = env
        .run(&["index", "nowhere"])
        .code(2)
        .stderr_has("demarche: no corpus folder at nowhere: give the folder");
    assert_eq!(run.stderr_lines().len(), 1, "{run}");
}

#[test]
fn an_error_names_its_cause_once() {
    let env = Env::new();
    let run = env.run(&["index", "nowhere"]).code(2);
    assert_eq!(run.stderr.matches("nowhere").count(), 1, "{run}");
}

#[test]
fn hidden_files_and_other_extensions_are_passed_over() {
    let env = Env::seeded();
    env.write(".draft.txt", NORWAY);
    env.write(".git/notes.txt", NORWAY);
    env.write("norway.docx.bak", NORWAY);
    env.write("README.md", NORWAY);
    env.write("NORWAY.TXT", NORWAY);
    let run = env.index().code(0);
    assert_eq!(run.summary().seen, 2, "{run}");
    assert_eq!(env.ids(&["hydrogen"]), ["NORWAY.TXT#3"]);
}

#[test]
fn a_link_out_of_the_corpus_is_skipped_with_the_reason() {
    let env = Env::seeded();
    let outside = env.root().join("outside.txt");
    fs::write(&outside, NORWAY).unwrap();
    std::os::unix::fs::symlink(&outside, env.corpus().join("link.txt")).unwrap();
    let run = env
        .index()
        .code(3)
        .stderr_has("demarche: skipped corpus/link.txt: link points outside the corpus");
    assert_eq!(run.summary().indexed, 1, "{run}");
    env.search(&["hydrogen"]).code(1);
}

/// A release of a ministry that never says which state it speaks for, and two that do.
const UNSIGNED: &str = "Remarks at the Water Forum\n\nI am glad to open this forum on rivers.\n\nWe will share our data with every neighbour.\n";

fn speaking_as(state: &str) -> String {
    format!(
        "Statement on Fisheries\n\n{state} welcomes the agreement on fisheries. {state} supports open \
         science.\n\nThe Government of {state} will fund the survey.\n"
    )
}

#[test]
fn a_file_that_never_says_its_issuer_takes_its_archives_and_follows_it() {
    let env = Env::new();
    env.write("ministry/2020/01/a.txt", speaking_as("Norway"));
    env.write("ministry/2020/02/b.txt", speaking_as("Norway"));
    env.write("ministry/2021/05/c.txt", UNSIGNED);
    env.index().code(0);
    let countries = |env: &Env| {
        let run = env.search(&["forum", "--json"]).code(0);
        run.json()
            .iter()
            .map(|h| crate::util::strings(&h["countries"]).join(";"))
            .collect::<Vec<_>>()
    };
    assert_eq!(countries(&env), ["NOR"]);
    // The archive turns out to be another state's: the unsigned file follows, though it did not change.
    env.write("ministry/2020/01/a.txt", speaking_as("Sweden"));
    env.write("ministry/2020/02/b.txt", speaking_as("Sweden"));
    env.bump_mtime("ministry/2020/01/a.txt", 10);
    env.bump_mtime("ministry/2020/02/b.txt", 10);
    let run = env.index().code(0);
    assert_eq!(run.summary().indexed, 3, "{run}");
    assert_eq!(countries(&env), ["SWE"]);
    // Nothing changed: nothing is read again.
    let run = env.index().code(0);
    assert_eq!(run.summary().indexed, 0, "{run}");
}

fn minister_of(demonym: &str, day: &str) -> String {
    format!(
        "Foreign Minister Meets Envoy\n\nOn May {day}, {demonym} Foreign Minister Ana Lima met the envoy.\n\n\
         Ana Lima said the talks on fisheries were useful.\n"
    )
}

#[test]
fn a_speaker_a_file_leaves_without_a_country_takes_the_one_the_files_beside_it_give() {
    let env = Env::new();
    env.write("ministry/a.txt", minister_of("Norwegian", "4"));
    env.write("ministry/b.txt", minister_of("Norwegian", "9"));
    // A transcript labelled by name alone says nothing of where its speaker is from.
    env.write(
        "ministry/c.txt",
        "Press conference on quotas\n\nAna Lima: Good morning. We discussed fisheries quotas today.\n\n\
         Question: Will the quotas rise?\n\nAna Lima: They will rise next year.\n",
    );
    let placed = |env: &Env| {
        let run = env.search(&["\"next year\"", "--json"]).code(0);
        run.json()
            .iter()
            .map(|h| {
                format!(
                    "{} {}",
                    crate::util::strings(&h["speakers"]).join(";"),
                    crate::util::strings(&h["countries"]).join(";")
                )
            })
            .collect::<Vec<_>>()
    };
    let run = env.index().code(0);
    // Read twice, counted once.
    assert_eq!(run.summary().indexed, 3, "{run}");
    assert_eq!(placed(&env), ["Ana Lima NOR"]);
    // The other files now say she is Sweden's: the transcript follows, though it did not change.
    env.write("ministry/a.txt", minister_of("Swedish", "4"));
    env.write("ministry/b.txt", minister_of("Swedish", "9"));
    env.bump_mtime("ministry/a.txt", 10);
    env.bump_mtime("ministry/b.txt", 10);
    let run = env.index().code(0);
    assert_eq!(run.summary().indexed, 3, "{run}");
    assert_eq!(placed(&env), ["Ana Lima SWE"]);
    let run = env.index().code(0);
    assert_eq!(run.summary().indexed, 0, "{run}");
    // One file alone is not enough to place her.
    env.remove("ministry/b.txt");
    env.index().code(0);
    assert_eq!(placed(&env), ["Ana Lima "]);
}
