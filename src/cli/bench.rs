//! `demarche bench` on the command line: its flags and queries file resolved into what [`crate::bench`]
//! measures, the builds and searches it times spelled as `demarche` commands, and its figures printed.
//!
//! The measuring is the library's, on plain library values; every flag name a benchmark needs is here,
//! next to the clap definitions that declare them, so the two cannot drift apart unnoticed.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Parser;

use super::{exit, resolve_request, BenchArgs, Cli};
use crate::bench::{self, Analysis, Child, Launch, Query, Report};
use crate::error::Error;
use crate::index::WriterOptions;
use crate::output::sanitize;

/// Runs `demarche bench`.
pub(super) fn command(args: BenchArgs) -> anyhow::Result<u8> {
    let default = WriterOptions::default();
    let threads = if args.threads.is_empty() {
        vec![default.threads]
    } else {
        args.threads.clone()
    };
    let heaps = if args.heap.is_empty() {
        vec![default.heap_bytes >> 20]
    } else {
        args.heap.clone()
    };
    let settings = threads
        .iter()
        .flat_map(|&threads| {
            heaps.iter().map(move |&mb| WriterOptions {
                threads,
                heap_bytes: mb << 20,
            })
        })
        .collect();
    let (text, origin) = match &args.queries {
        Some(path) => (
            std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?,
            path.display().to_string(),
        ),
        None => (DEFAULT_QUERIES.to_string(), "the default queries".into()),
    };
    let queries = queries(&text, &origin)?;
    let options = bench::Options {
        corpus: args.corpus,
        settings,
        runs: usize::from(args.runs),
        queries,
        query_runs: usize::from(args.query_runs),
        analyses: args.analyses,
    };
    let launcher = Launcher {
        exe: std::env::current_exe()?,
        fields: args.fields,
    };
    let report = bench::run(&options, &launcher, &mut StderrNotes)?;
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_report(&mut out, &report)?;
    }
    out.flush()?;
    Ok(exit::OK)
}

/// The queries of a `demarche bench` queries file (see `query_lines`), each resolved exactly as
/// `demarche search` resolves its arguments; `origin` names the file in errors.
pub fn queries(text: &str, origin: &str) -> Result<Vec<Query>, Error> {
    query_lines(text)
        .into_iter()
        .map(|query_args| {
            let argv = ["demarche", "search"]
                .into_iter()
                .map(String::from)
                .chain(query_args.iter().cloned());
            let bad = |reason: String| Error::BadValue {
                what: format!("query {} in {origin}", query_args.join(" ")),
                reason,
            };
            let request = match Cli::try_parse_from(argv) {
                Ok(Cli {
                    command: super::Command::Search(search),
                    ..
                }) => resolve_request(&search).map_err(|e| bad(e.to_string()))?,
                Ok(_) => unreachable!("parsed as a search"),
                Err(e) => return Err(bad(e.to_string().lines().next().unwrap_or_default().into())),
            };
            Ok(Query {
                args: query_args,
                request,
            })
        })
        .collect()
}

/// Benchmark progress, one line at a time on stderr.
struct StderrNotes;

impl bench::Progress for StderrNotes {
    fn note(&mut self, line: &str) {
        eprintln!("demarche bench: {line}");
    }
}

/// Builds and searches as child processes of this same binary, as users run them.
struct Launcher {
    /// The `demarche` binary.
    exe: PathBuf,
    /// `--field` mappings, passed on to every build.
    fields: Vec<String>,
}

impl Launch for Launcher {
    fn build(&self, corpus: &Path, index: &Path, setting: &WriterOptions) -> Child {
        let mut command = Command::new(&self.exe);
        command
            .arg("index")
            .arg(corpus)
            .arg("--index")
            .arg(index)
            .arg("--threads")
            .arg(setting.threads.to_string())
            .arg("--heap")
            .arg((setting.heap_bytes >> 20).to_string())
            .args(self.fields.iter().flat_map(|f| ["--field", f.as_str()]));
        Child {
            command,
            name: "`demarche index`".into(),
            // Skipped files do not make a build incomplete.
            success: vec![exit::OK.into(), exit::SKIPPED.into()],
        }
    }

    fn search(&self, index: &Path, query: &Query) -> Child {
        let mut command = Command::new(&self.exe);
        command
            .arg("search")
            .arg("--index")
            .arg(index)
            .args(["--limit", "10", "--color", "never"])
            .args(&query.args);
        Child {
            command,
            name: "`demarche search`".into(),
            success: vec![exit::OK.into(), exit::NO_MATCH.into()],
        }
    }

    fn analysis(&self, index: &Path, query: &Query, analysis: Analysis) -> Child {
        let mut command = Command::new(&self.exe);
        let (name, args): (&str, &[&str]) = match analysis {
            Analysis::SearchCount => ("search", &["--count"]),
            Analysis::CountByCountry => ("count", &["--by", "country"]),
            Analysis::TrendByYear => ("trend", &["--by", "year"]),
            Analysis::FirstByCountry => ("first", &["--by", "country"]),
        };
        command
            .arg(name)
            .arg("--index")
            .arg(index)
            .args(args)
            .args(&query.args);
        Child {
            command,
            name: format!("`demarche {name}`"),
            success: vec![exit::OK.into(), exit::NO_MATCH.into()],
        }
    }
}

/// The queries timed when no file names others: the phrases, words and filters researchers use most.
pub const DEFAULT_QUERIES: &str = "\
\"belt and road\"
\"south china sea\"
\"community with a shared future\"
sovereignty
climate AND finance
\"territorial integrity\"\t--country CHN
\"territorial integrity\"\t--from 2000\t--to 2010
";

/// The `demarche search` arguments of each line of a queries file: the query, then tab-separated flags
/// (`--country CHN`); blank lines and lines starting with `#` are skipped.
pub(crate) fn query_lines(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|line| {
            let mut fields = line.split('\t');
            let mut args = vec![fields.next().unwrap_or_default().trim().to_string()];
            for flag in fields {
                let flag = flag.trim();
                match flag.split_once(' ') {
                    Some((name, value)) => {
                        args.push(name.to_string());
                        args.push(value.trim().to_string());
                    }
                    None if !flag.is_empty() => args.push(flag.to_string()),
                    None => {}
                }
            }
            args
        })
        .collect()
}

/// Writes benchmark figures for reading: the corpus, a table of builds (one row a setting) and a table of
/// queries. Medians, with the minimum and maximum where the spread matters; `--json` has every run.
fn write_report<W: Write>(w: &mut W, report: &Report) -> io::Result<()> {
    let load = |l: Option<f64>| l.map_or("?".to_string(), |l| format!("{l:.2}"));
    writeln!(
        w,
        "corpus {}: {} files, {:.1} MB; {} cores, load average {} before, {} after",
        sanitize(&report.corpus.display().to_string()),
        report.files,
        report.corpus_bytes as f64 / 1e6,
        report.cores,
        load(report.load_before),
        load(report.load_after)
    )?;
    writeln!(
        w,
        "\n| threads | heap MB | runs | wall s median (min–max) | CPU s | MB/s | paragraphs/s | peak RSS MB (max) | index / corpus | unchanged re-run s |"
    )?;
    writeln!(w, "|---:|---:|---:|---|---:|---:|---:|---|---:|---:|")?;
    for b in &report.builds {
        writeln!(
            w,
            "| {} | {} | {} | {:.2} ({:.2}–{:.2}) | {:.2} | {:.1} | {:.0} | {:.0} ({:.0}) | {:.0}% | {:.3} |",
            b.threads,
            b.heap_mb,
            b.runs.len(),
            b.wall_s.median,
            b.wall_s.min,
            b.wall_s.max,
            b.cpu_s.median,
            b.mb_per_s,
            b.paragraphs_per_s,
            b.peak_rss_mb.median,
            b.peak_rss_mb.max,
            100.0 * b.index_ratio,
            b.unchanged_rerun_s.median
        )?;
    }
    if report.queries.is_empty() {
        return Ok(());
    }
    writeln!(
        w,
        "\n| query | hits | in process ms p50 | p95 | whole process ms p50 | p95 |"
    )?;
    writeln!(w, "|---|---:|---:|---:|---:|---:|")?;
    for q in &report.queries {
        writeln!(
            w,
            "| {} | {} | {:.3} | {:.3} | {:.1} | {:.1} |",
            sanitize(&q.args.join(" ")).replace('|', "\\|"),
            q.hits,
            q.in_process_ms.median,
            q.in_process_ms.p95,
            q.whole_process_ms.median,
            q.whole_process_ms.p95
        )?;
    }
    if report.queries.iter().all(|q| q.analyses.is_empty()) {
        return Ok(());
    }
    writeln!(
        w,
        "\n| query | command | rows | in process ms p50 | p95 | whole process ms p50 | p95 | whole / search --count |"
    )?;
    writeln!(w, "|---|---|---:|---:|---:|---:|---:|---:|")?;
    for q in &report.queries {
        let baseline = q
            .analyses
            .iter()
            .find(|a| a.analysis == Analysis::SearchCount)
            .map(|a| a.whole_process_ms.median);
        for a in &q.analyses {
            let command = match a.analysis {
                Analysis::SearchCount => "search --count",
                Analysis::CountByCountry => "count --by country",
                Analysis::TrendByYear => "trend --by year",
                Analysis::FirstByCountry => "first --by country",
            };
            let ratio = baseline.filter(|b| *b > 0.0).map_or("?".to_string(), |b| {
                format!("{:.2}", a.whole_process_ms.median / b)
            });
            writeln!(
                w,
                "| {} | {command} | {} | {:.3} | {:.3} | {:.1} | {:.1} | {ratio} |",
                sanitize(&q.args.join(" ")).replace('|', "\\|"),
                a.rows,
                a.in_process_ms.median,
                a.in_process_ms.p95,
                a.whole_process_ms.median,
                a.whole_process_ms.p95
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_lines_split_flags_at_tabs() {
        let lines = query_lines(
            "# comment\n\n\"belt and road\"\n\"territorial integrity\"\t--country CHN\t--from 2000\n",
        );
        assert_eq!(
            lines,
            [
                vec!["\"belt and road\"".to_string()],
                vec![
                    "\"territorial integrity\"".into(),
                    "--country".into(),
                    "CHN".into(),
                    "--from".into(),
                    "2000".into()
                ],
            ]
        );
        assert_eq!(query_lines(DEFAULT_QUERIES).len(), 7);
    }
}
