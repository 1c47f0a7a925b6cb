//! Prints how plain-text statements are attributed: participants, then each paragraph with a speaker.
//! A debugging aid for the rules in `src/parse/attribution.rs`:
//! `cargo run --release --example attribute -- corpus/*.txt`

fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path).map(|b| demarche::corpus::decode(&b)) {
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
        let Some(st) = demarche::parse::text::parse(&path, &text) else {
            println!("{path}: no statement");
            continue;
        };
        println!("{path}: {:?}, {:?}", st.date, st.kind);
        for p in &st.participants {
            println!("  participant {:?} office {:?} country {:?}", p.name, p.office, p.country);
        }
        for p in &st.paragraphs {
            let preview: String = p.text.chars().take(100).collect();
            println!("  ¶{} {:?} {:?}: {preview}", p.number, st.speaker_names(p), p.role);
        }
    }
}
