//! Prints how statements are attributed: participants, then each paragraph with its speakers and role.
//! A debugging aid for the rules in `src/parse/attribution.rs`:
//! `cargo run --release --example attribute -- corpus/*.txt [--grep TEXT]`
//! With `--grep`, only the statements of a multi-record file whose text contains TEXT are shown; with
//! `--prior CODE`, files are read as a build reads them when their folder's files give that issuer.

use std::path::Path;

use demarche::corpus::{self, Format, Source};
use demarche::parse::{self, Context};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let grep = args.iter().position(|a| a == "--grep").map(|i| {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        args.drain(i..(i + 2).min(args.len()));
        value
    });
    let prior = args.iter().position(|a| a == "--prior").map(|i| {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        args.drain(i..(i + 2).min(args.len()));
        demarche::CountryCode::parse(&value)
            .unwrap_or_else(|| panic!("--prior {value}: not an ISO 3166 alpha-3 code"))
    });
    for path in args {
        let Some(format) = Format::of(Path::new(&path)) else {
            eprintln!("{path}: not a format demarche reads");
            continue;
        };
        let text = match std::fs::read(&path).map(|b| corpus::decode(&b)) {
            Ok(Ok(text)) => text,
            Ok(Err(reason)) => {
                eprintln!("{path}: {reason}");
                continue;
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let text = match (&grep, format) {
            (Some(g), Format::Json) => text
                .lines()
                .filter(|l| l.contains(g.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
            _ => text,
        };
        let source = Source::from_text(path.clone(), format, text);
        let context = Context {
            prior,
            ..Context::default()
        };
        let parsed = parse::parse(&source, context);
        for problem in parsed.problems {
            eprintln!("{path}: {problem}");
        }
        for st in parsed.statements {
            println!(
                "{}: {:?} {:?} {:?} issuer {:?}",
                st.id, st.title, st.date, st.kind, st.issuer
            );
            for p in &st.participants {
                println!(
                    "  participant {:?} office {:?} country {:?}",
                    p.name, p.office, p.country
                );
            }
            for p in &st.paragraphs {
                let preview: String = p.text.chars().take(100).collect();
                println!(
                    "  ¶{} {:?} {:?} {:?} [{}]: {preview}",
                    p.number,
                    st.speaker_names(p),
                    st.speaker_countries(p),
                    p.role,
                    p.sieve.as_str()
                );
            }
        }
    }
}
