//! The command line's own help: examples that run, completions, the manual page, the version.

use crate::util::Env;

#[test]
fn the_help_examples_run() {
    let env = Env::seeded();
    env.index().code(0);
    for (command, least) in [
        ("search", 4),
        ("count", 3),
        ("trend", 2),
        ("kwic", 2),
        ("first", 2),
    ] {
        examples_run(&env, command, least);
    }
}

/// Every example in `demarche COMMAND --help` runs (exit 0 or 1 on the seed), and there are `least`.
fn examples_run(env: &Env, command: &str, least: usize) {
    let help = env.run(&[command, "--help"]).code(0).stdout;
    let prefix = format!("demarche {command} ");
    let examples: Vec<&str> = help
        .lines()
        .filter_map(|l| l.trim().strip_prefix(prefix.as_str()))
        .collect();
    assert!(examples.len() >= least, "{help}");
    for example in examples {
        // The shell's quoting, as a user would type it: single-quoted arguments, bare flags.
        let mut args = vec![command.to_string()];
        let mut rest = example;
        while !rest.is_empty() {
            rest = rest.trim_start();
            if let Some(quoted) = rest.strip_prefix('\'') {
                let end = quoted.find('\'').expect("a closing quote");
                args.push(quoted[..end].to_string());
                rest = &quoted[end + 1..];
            } else {
                let end = rest.find(' ').unwrap_or(rest.len());
                args.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = env.run(&args);
        assert!(matches!(run.code, Some(0 | 1)), "{example}: {run}");
    }
}

#[test]
fn completions_and_the_manual_page_are_printed() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let run = env.run(&["completions", shell]).code(0);
        assert!(
            run.stdout.contains("demarche") && run.stdout.contains("--country"),
            "{run}"
        );
    }
    let run = env.run(&["man"]).code(0);
    assert!(run.stdout.contains(".TH demarche 1"), "{run}");
    env.run(&["completions", "tcsh"]).code(2);
}

#[test]
fn the_version_names_the_index_format_and_tokenizer() {
    let run = Env::new().run(&["--version"]).code(0);
    assert!(
        run.stdout.contains("index format") && run.stdout.contains("tokenizer"),
        "{run}"
    );
}
