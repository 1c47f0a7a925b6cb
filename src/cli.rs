//! The command line: clap definitions, flags resolved once into library values, exit codes.
//!
//! The only module that knows clap. Everything below it takes plain library types.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::build::{self, FolderChange, Progress, Report};
use crate::error::Error;
use crate::export;
use crate::index::{Store, WriterOptions};
use crate::output::{self, Format, Style};
use crate::parse::FieldMap;
use crate::search::{self, Request, Sort, MAX_QUERY_BYTES, MAX_QUERY_CLAUSES, MAX_QUERY_DEPTH};
use crate::stats;

mod analysis;
pub(crate) mod bench;

/// Exit codes: what a script can rely on.
pub(crate) mod exit {
    /// Success; for `search`, at least one hit.
    pub(crate) const OK: u8 = 0;
    /// `search` found nothing.
    pub(crate) const NO_MATCH: u8 = 1;
    /// An error: bad query or option, unreadable index, failed build.
    pub(crate) const ERROR: u8 = 2;
    /// The index was built, but some files were skipped (listed on stderr).
    pub(crate) const SKIPPED: u8 = 3;
    /// Another process is building the index.
    pub(crate) const LOCKED: u8 = 4;
}

/// `--version`: the program's, and the index format and tokenizer it reads and writes (an index of
/// another format must be rebuilt).
static VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} (index format {}, tokenizer {})",
        env!("CARGO_PKG_VERSION"),
        crate::schema::FORMAT_VERSION,
        crate::tokenize::TOKENIZER_NAME
    )
});

#[derive(Parser, Debug)]
#[command(
    name = "demarche",
    version = VERSION.as_str(),
    about = "Full-text search for diplomatic statements: who said what, when, for which country",
    after_help = "\
Examples:
  demarche search '\"Belt and Road\"'                 builds ./index from ./corpus on first use
  demarche index ~/statements --index ~/statements-index
  demarche index ~/mfa ~/pmo --index gov               one index of two folders
  demarche search 'territorial integrity' --country China --from 2019 --to 2024 --json

Exit codes: 0 success (search: hits), 1 no hits, 2 error, 3 built with skipped files, 4 index busy."
)]
struct Cli {
    /// Index folder [default: index, built from the corpus on first search].
    #[arg(long, global = true, env = "DEMARCHE_INDEX")]
    index: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build or update the index from corpus folders (only changed files are read).
    Index(IndexArgs),
    /// Search the index; builds it from the corpus on first use.
    Search(SearchArgs),
    /// Summarise the index: statements, paragraphs, top speakers, countries and years, size.
    Stats(StatsArgs),
    /// Count matching paragraphs per speaker, country, year, month, role, kind, source or outlet.
    Count(analysis::CountArgs),
    /// Matches, occurrences and their rate per 10,000 words, year by year or month by month.
    Trend(analysis::TrendArgs),
    /// Keyword in context: every occurrence on a line, the match in a column.
    Kwic(analysis::KwicArgs),
    /// Who said it first: each country's or speaker's earliest matching paragraph, in date order.
    First(analysis::FirstArgs),
    /// Serve the index, read-only, as web pages and a JSON API (binds 127.0.0.1 unless told otherwise).
    Serve(ServeArgs),
    /// Write every paragraph with all its fields, in corpus order.
    Export(ExportArgs),
    /// Check the index: format, the files its commit references, checksums, that every document reads.
    Verify,
    /// Measure index builds and queries: medians over repeated builds into temporary folders.
    Bench(BenchArgs),
    /// Print a shell completion script: `demarche completions bash > ~/.local/share/bash-completion/completions/demarche`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `demarche man > demarche.1; man ./demarche.1`.
    Man,
}

#[derive(Args, Debug)]
struct BenchArgs {
    /// Corpus folder to index.
    #[arg(env = "DEMARCHE_CORPUS", default_value = "corpus")]
    corpus: PathBuf,
    /// Thread counts to measure (as `index --threads`), comma-separated: 1,2 [default: cores, at most 4].
    #[arg(long, value_delimiter = ',')]
    threads: Vec<usize>,
    /// Indexing memory budgets in MB to measure, comma-separated [default: 128].
    #[arg(long, value_delimiter = ',')]
    heap: Vec<usize>,
    /// Builds per setting (each followed by a re-run on the unchanged corpus).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..))]
    runs: u16,
    /// Queries to time, one a line: the query, then tab-separated flags ("--country CHN"); `#` starts a
    /// comment [default: three phrases, a word, an AND, a country and a date filter].
    #[arg(long, value_name = "FILE")]
    queries: Option<PathBuf>,
    /// Timed repetitions of each query, in process and as whole processes.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u16).range(1..))]
    query_runs: u16,
    /// Time `search --count`, `count --by country`, `trend --by year` and `first --by country` of each
    /// query too, in process and as whole processes.
    #[arg(long)]
    analyses: bool,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    json: bool,
    /// Read a JSON field from another key, as for `index`.
    #[arg(long = "field", value_name = "FIELD=KEY")]
    fields: Vec<String>,
}

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  demarche serve                                   ./index on http://127.0.0.1:7700/
  demarche serve --index ~/mfa-index --bind 127.0.0.1:8080

Pages: / (search, filters, facets, trend chart, keyword in context, who said it first), /p/ID (a \
paragraph in its statement). JSON Lines, as the commands' --json print them: /api/search, /api/count, \
/api/trend, /api/kwic, /api/first, with the flags as parameters (?q=Taiwan&by=year&country=China). \
Read-only; a new commit of the index (a build while serving) is served without a restart.")]
struct ServeArgs {
    /// Address and port to listen on; 0.0.0.0:PORT opens the server to the network.
    #[arg(long, default_value = "127.0.0.1:7700")]
    bind: std::net::SocketAddr,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ExportFormat {
    Jsonl,
    Csv,
}

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  demarche index                          update ./index from its folders (at first, from ./corpus)
  demarche index ~/mfa --index mfa-index  build or update mfa-index from ~/mfa
  demarche index ~/mfa ~/pmo --index gov  one index of both folders; ~/pmo's files are named pmo/…
  demarche index ~/pmo --index mfa-index --add
                                          add ~/pmo to mfa-index, and update it all
  demarche index --index gov --remove ~/pmo
                                          drop ~/pmo's paragraphs from gov
  demarche index ~/mfa2 --index mfa-index --replace
                                          rebuild mfa-index from another folder

An index remembers its folders: giving others, or only some of them, is refused (it would delete the \
paragraphs of those left out) unless --add, --replace or --remove says what to do.")]
struct IndexArgs {
    /// Corpus folders [default: those the index was built from, else corpus]. The first folder's files
    /// are named in the index by their paths in it; each other folder's after the folder: pmo/2021/call.txt.
    #[arg(env = "DEMARCHE_CORPUS")]
    corpora: Vec<PathBuf>,
    /// Add the folders given to those the index was built from (their files are named after them).
    #[arg(long, conflicts_with = "replace")]
    add: bool,
    /// Rebuild the index from the folders given alone (the paragraphs of its other folders are deleted).
    #[arg(long)]
    replace: bool,
    /// Drop a folder from the index, deleting its paragraphs, and update the others; repeat for several.
    #[arg(long, value_name = "FOLDER", conflicts_with_all = ["add", "replace"])]
    remove: Vec<PathBuf>,
    #[command(flatten)]
    writer: WriterArgs,
}

#[derive(Args, Debug)]
struct WriterArgs {
    /// Read a JSON field from another key: FIELD=KEY (fields: id, title, date, url, author, body,
    /// body_html, speaker, country, kind, question, answer, lead); repeat for several.
    #[arg(long = "field", value_name = "FIELD=KEY")]
    fields: Vec<String>,
    /// Threads: N parse and attribute files while N others index them [default: cores, at most 4].
    #[arg(long)]
    threads: Option<usize>,
    /// Indexing memory budget in MB, for all threads together [default: 128, at least 15 per thread].
    #[arg(long)]
    heap: Option<usize>,
}

#[derive(Args, Debug)]
#[command(after_help = QUERY_HELP.as_str())]
struct SearchArgs {
    /// Query: words (all required), "exact phrases", "a phrase"~2, Taiw* (prefix), AND/OR/NOT, -word,
    /// field:value; empty for every paragraph the filters keep.
    #[arg(allow_hyphen_values = true)]
    query: String,
    #[command(flatten)]
    filters: FilterArgs,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// One JSON object per line, with every field.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV with a header line.
    #[arg(long)]
    csv: bool,
    /// Print only the number of matching paragraphs.
    #[arg(long, conflicts_with_all = ["json", "csv"])]
    count: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Corpus folder to build the default index from when there is none yet.
    #[arg(long, env = "DEMARCHE_CORPUS", default_value = DEFAULT_CORPUS)]
    corpus: PathBuf,
    #[command(flatten)]
    writer: WriterArgs,
}

/// The filters every command that searches takes.
#[derive(Args, Debug, Clone)]
pub(crate) struct FilterArgs {
    /// Only paragraphs by this speaker: a full name or any part of it, any case.
    #[arg(long)]
    speaker: Option<String>,
    /// Only paragraphs by speakers of this country: name, alias, demonym or ISO code; repeat for any of several.
    #[arg(long)]
    country: Vec<String>,
    /// From this date: YYYY, YYYY-MM or YYYY-MM-DD (the first day of the period).
    #[arg(long)]
    from: Option<String>,
    /// Up to this date: YYYY, YYYY-MM or YYYY-MM-DD (the last day of the period).
    #[arg(long)]
    to: Option<String>,
    /// Only paragraphs of files whose path in the index starts with this (as hits show it: cmfa/2019/…).
    #[arg(long, value_name = "PATH-PREFIX")]
    source: Option<String>,
    /// Only paragraphs of this role (statement, answer, question, joint, narration); repeat for any of several.
    #[arg(long)]
    role: Vec<String>,
    /// Only paragraphs of statements of this kind (readout, press_conference, speech, …); repeat for any of several.
    #[arg(long)]
    kind: Vec<String>,
}

/// The search command's help after its flags; the limits are the ones [`search`] enforces.
static QUERY_HELP: LazyLock<String> = LazyLock::new(|| {
    format!(
        "\
Examples:
  demarche search '\"community with a shared future\"' --sort date
  demarche search 'Taiwan AND (sovereignty OR reunification)' --speaker 'Hua Chunying' --csv
  demarche search 'sanctions' --country US --country UK --from 2022-02 --count
  demarche search 'role:answer kind:press_conference Xinjiang'

Query syntax (tantivy's): words are all required; \"belt and road\" is an exact phrase; \"a b\"~2 allows two \
words between; Taiw* is any word starting so; OR, AND, NOT (in capitals: a lowercase or/and/not between \
words is refused, quote it to search for the word), -word and parentheses combine; field:value searches one \
field (text, title, speaker, country, role, kind), and country, role and kind values are read as the flags \
read them (country:China, country:us, role:Question, kind:\"press conference\"); an unknown one is refused \
with the valid ones. An empty query ('') is every paragraph the filters keep. JSON highlight offsets are \
bytes of the snippet's UTF-8 text (start, end), with char_start and char_end in characters. Roles: statement, answer, question, joint, narration. Kinds: statement, \
readout, press_conference, speech, joint_statement, interview, letter, op_ed, written_answer, meeting_record, \
fact_sheet. Refused, with exit code 2: queries longer than {MAX_QUERY_BYTES} bytes, parentheses nested more than {MAX_QUERY_DEPTH} deep, more than {MAX_QUERY_CLAUSES} words and operators."
    )
});

#[derive(Args, Debug)]
struct StatsArgs {
    /// How many speakers and countries to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Print as one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
    /// Oldest first.
    Oldest,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the process exit code; errors are printed here.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(exit::OK);
            }
            let _ = writeln!(io::stderr(), "demarche: {err:#}");
            let code = match err.downcast_ref::<Error>() {
                Some(Error::IndexLocked { .. }) => exit::LOCKED,
                _ => exit::ERROR,
            };
            ExitCode::from(code)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The index folder given by `--index` (or the environment), else the default, where a search builds
/// the index on first use.
struct IndexPlace {
    path: PathBuf,
    given: bool,
}

impl IndexPlace {
    fn of(index: Option<PathBuf>) -> IndexPlace {
        match index {
            Some(path) => IndexPlace { path, given: true },
            None => IndexPlace {
                path: PathBuf::from(DEFAULT_INDEX),
                given: false,
            },
        }
    }
}

/// Threads a build may be given, of each kind.
const MAX_THREADS: usize = 64;
/// tantivy's writer takes at least 15 MB and less than 4 GB of memory per indexing thread.
const MIN_HEAP_MB_PER_THREAD: usize = 15;
const MAX_HEAP_MB_PER_THREAD: usize = 4000;

/// The index folder when none is given.
const DEFAULT_INDEX: &str = "index";
/// The corpus folder when none is given and the index records none.
const DEFAULT_CORPUS: &str = "corpus";

fn run(cli: Cli) -> anyhow::Result<u8> {
    let place = IndexPlace::of(cli.index);
    let index = place.path.clone();
    match cli.command {
        Command::Index(args) => {
            let change = if args.add {
                FolderChange::Add
            } else if args.replace {
                FolderChange::Replace
            } else if !args.remove.is_empty() {
                FolderChange::Remove
            } else {
                FolderChange::Update
            };
            let corpora = match change {
                FolderChange::Remove => {
                    // Folders to read beside it would be the index's own: only DEMARCHE_CORPUS, which
                    // fills them in, may give one.
                    let from_env = std::env::var_os("DEMARCHE_CORPUS");
                    if args
                        .corpora
                        .iter()
                        .any(|c| from_env.as_deref() != Some(c.as_os_str()))
                    {
                        return Err(Error::BadValue {
                            what: "--remove".into(),
                            reason: "give only the folders to drop, each after --remove: the \
                                     others are read as the index records them"
                                .into(),
                        }
                        .into());
                    }
                    args.remove
                }
                _ if !args.corpora.is_empty() => args.corpora,
                FolderChange::Add => {
                    return Err(Error::BadValue {
                        what: "--add".into(),
                        reason: "give the folders to add".into(),
                    }
                    .into())
                }
                // With no folder given, an index is brought up to date with the folders it was built
                // from.
                _ => recorded_corpora(&index),
            };
            let mut options = args.writer.resolve(corpora, index)?;
            options.change = change;
            let report = run_build(&options)?;
            Ok(if report.skipped.is_empty() {
                exit::OK
            } else {
                exit::SKIPPED
            })
        }
        Command::Search(args) => search_command(&place, args),
        Command::Count(args) => analysis::count(&index, args),
        Command::Trend(args) => analysis::trend(&index, args),
        Command::Kwic(args) => analysis::kwic(&index, args),
        Command::First(args) => analysis::first(&index, args),
        Command::Serve(args) => {
            crate::serve::serve(&index, args.bind, |addr| {
                eprintln!(
                    "demarche: serving {} at http://{addr}/ (Ctrl-C to stop)",
                    index.display()
                );
            })?;
            Ok(exit::OK)
        }
        Command::Export(args) => {
            let store = Store::open(&index)?;
            let mut writer = output::RecordWriter::new(
                io::BufWriter::new(io::stdout().lock()),
                matches!(args.format, ExportFormat::Csv),
            )?;
            let n = export::for_each(&store, |r| -> anyhow::Result<()> {
                writer.write(&r)?;
                Ok(())
            })?;
            writer.finish()?;
            eprintln!("{n} paragraphs exported");
            Ok(exit::OK)
        }
        Command::Verify => {
            // An index that cannot be opened is an error that says what to do; advice to delete a
            // folder is given only where it is a Demarche index (damaged, or of another format), never
            // for a folder that is not one, nor one that cannot be read.
            let report = crate::verify::verify(&index)?;
            let mut out = io::stdout().lock();
            if report.is_sound() {
                writeln!(
                    out,
                    "{}: sound ({} segments, {} documents)",
                    index.display(),
                    report.segments,
                    report.documents
                )?;
                return Ok(exit::OK);
            }
            for problem in &report.problems {
                writeln!(out, "{}: {}", index.display(), problem)?;
            }
            writeln!(
                out,
                "the index is damaged: rebuild it ({})",
                crate::error::rebuild(&index, &crate::index::recorded_folders(&index))
            )?;
            Ok(exit::ERROR)
        }
        Command::Bench(args) => bench::command(args),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "demarche", &mut io::stdout().lock());
            Ok(exit::OK)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut io::stdout().lock())?;
            Ok(exit::OK)
        }
        Command::Stats(args) => {
            let store = Store::open(&index)?;
            let s = stats::stats(&store, args.top)?;
            let mut out = io::stdout().lock();
            if args.json {
                serde_json::to_writer(&mut out, &s)?;
                writeln!(out)?;
            } else {
                output::write_stats(&mut out, &s)?;
            }
            out.flush()?;
            Ok(exit::OK)
        }
    }
}

impl WriterArgs {
    fn resolve(&self, corpora: Vec<PathBuf>, index: PathBuf) -> Result<build::Options, Error> {
        let default = WriterOptions::default();
        let fields = FieldMap::parse(self.fields.iter().map(String::as_str)).map_err(|reason| {
            Error::BadValue {
                what: "--field".into(),
                reason,
            }
        })?;
        let threads = self.threads.unwrap_or(default.threads);
        if !(1..=MAX_THREADS).contains(&threads) {
            return Err(Error::BadValue {
                what: format!("--threads {threads}"),
                reason: format!("give from 1 to {MAX_THREADS} threads"),
            });
        }
        let heap_bytes = match self.heap {
            None => default
                .heap_bytes
                .max(threads * (MIN_HEAP_MB_PER_THREAD << 20)),
            Some(mb) => {
                let (low, high) = (
                    threads * MIN_HEAP_MB_PER_THREAD,
                    threads * MAX_HEAP_MB_PER_THREAD,
                );
                if !(low..=high).contains(&mb) {
                    return Err(Error::BadValue {
                        what: format!("--heap {mb}"),
                        reason: format!(
                            "the index writer needs {MIN_HEAP_MB_PER_THREAD} to {MAX_HEAP_MB_PER_THREAD} MB per \
                             thread: give from {low} to {high} MB for {threads} thread(s)"
                        ),
                    });
                }
                mb << 20
            }
        };
        Ok(build::Options {
            corpora,
            index,
            writer: WriterOptions {
                threads,
                heap_bytes,
            },
            fields,
            change: FolderChange::Update,
        })
    }
}

/// The corpus folders an index at `index` was last built from, else the default folder. The default
/// folder is named as the user would: reports name its files `corpus/…`.
fn recorded_corpora(index: &Path) -> Vec<PathBuf> {
    let default = PathBuf::from(DEFAULT_CORPUS);
    let Some(recorded) = Store::corpora_at(index).ok().flatten() else {
        return vec![default];
    };
    let canonical = std::fs::canonicalize(&default).ok();
    recorded
        .folders()
        .iter()
        .map(|f| {
            if Some(&f.path) == canonical.as_ref() {
                default.clone()
            } else {
                f.path.clone()
            }
        })
        .collect()
}

fn search_command(place: &IndexPlace, args: SearchArgs) -> anyhow::Result<u8> {
    let request = resolve_request(&args)?;
    let index = place.path.as_path();
    // Only the default place is built on first use (or finished, when its first build was cut short): a
    // mistyped --index is an error, not a new index.
    let store = match Store::open(index) {
        Err(e @ (Error::NoIndex { .. } | Error::FirstBuildUnfinished { .. })) if !place.given => {
            let doing = match e {
                Error::NoIndex { .. } => format!("no index at {}; building it", index.display()),
                _ => format!(
                    "the first build of {} did not finish; finishing it",
                    index.display()
                ),
            };
            eprintln!(
                "demarche: {doing} from {} (first use)",
                args.corpus.display()
            );
            run_build(
                &args
                    .writer
                    .resolve(vec![args.corpus.clone()], index.to_path_buf())?,
            )?;
            Store::open(index)?
        }
        opened => opened?,
    };
    // Unmapping every segment file one by one took half of a short search process's time; the process
    // ends right after, and the kernel drops the mappings at once.
    let store = std::mem::ManuallyDrop::new(store);
    // Stdout is line-buffered: a write per line was fifty system calls for ten hits.
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.count {
        let n = search::count(&store, &request)?;
        writeln!(out, "{n}")?;
        out.flush()?;
        if n == 0 {
            eprintln!("demarche: no paragraph matches");
            return Ok(exit::NO_MATCH);
        }
        return Ok(exit::OK);
    }
    let results = search::search(&store, &request)?;
    let style = Style {
        format: if args.json {
            Format::JsonLines
        } else if args.csv {
            Format::Csv
        } else {
            Format::Human
        },
        color: match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        },
    };
    output::write_hits(&mut out, &results.hits, style)?;
    out.flush()?;
    if style.format == Format::Human && results.total > results.hits.len() {
        eprintln!(
            "{} of {} matching paragraphs shown (--limit to see more)",
            results.hits.len(),
            results.total
        );
    }
    if results.hits.is_empty() {
        eprintln!("demarche: no paragraph matches");
        return Ok(exit::NO_MATCH);
    }
    Ok(exit::OK)
}

/// Resolves search flags into a library request; every bad value is named in the error.
fn resolve_request(args: &SearchArgs) -> Result<Request, Error> {
    if args.limit == 0 {
        return Err(Error::BadValue {
            what: "--limit 0".into(),
            reason: "must be at least 1".into(),
        });
    }
    Ok(Request {
        limit: args.limit,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
            SortArg::Oldest => Sort::Oldest,
        },
        ..resolve_filters(&args.query, &args.filters)?
    })
}

/// Resolves a query and its filters into a request (of the default limit and order).
pub(crate) fn resolve_filters(query: &str, args: &FilterArgs) -> Result<Request, Error> {
    search::resolve(query, &args.filters())
}

impl FilterArgs {
    /// The filters as typed, for [`search::resolve`], which `serve` shares.
    fn filters(&self) -> search::Filters {
        search::Filters {
            speaker: self.speaker.clone(),
            countries: self.country.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            source: self.source.clone(),
            roles: self.role.clone(),
            kinds: self.kind.clone(),
        }
    }
}

/// Builds, with a progress bar on a terminal, and prints what was done on stderr.
fn run_build(options: &build::Options) -> anyhow::Result<Report> {
    let mut progress = Bar::new();
    let report = build::build(options, &mut progress)?;
    let mut err = io::stderr().lock();
    for s in &report.skipped {
        writeln!(
            err,
            "demarche: skipped {}: {}",
            output::sanitize(&s.path.display().to_string()),
            output::sanitize(&s.reason)
        )?;
    }
    for folder in &report.added {
        writeln!(
            err,
            "demarche: added {}; its files are named {}/… in the index",
            output::sanitize(&folder.path.display().to_string()),
            output::sanitize(&folder.name)
        )?;
    }
    let named = |name: &str| {
        if name.is_empty() {
            "their paths in the folder".to_string()
        } else {
            format!("{}/…", output::sanitize(name))
        }
    };
    for (before, folder) in &report.renamed {
        writeln!(
            err,
            "demarche: the files of {} were named {} and are now named {} in the index (their ids changed)",
            output::sanitize(&folder.path.display().to_string()),
            named(before),
            named(&folder.name)
        )?;
    }
    if !report.unread.is_empty() {
        let total: usize = report.unread.values().sum();
        let kinds: Vec<String> = report
            .unread
            .iter()
            .map(|(kind, n)| format!("{n} {}", output::sanitize(kind)))
            .collect();
        writeln!(
            err,
            "demarche: passed over {total} files in formats Demarche does not read: {}",
            kinds.join(", ")
        )?;
    }
    writeln!(
        err,
        "{} files seen: {} indexed, {} unchanged, {} removed, {} skipped; {} statements, {} paragraphs in {:.2} s ({:.1} MB/s)",
        report.seen,
        report.indexed,
        report.unchanged,
        report.removed,
        report.skipped.len(),
        report.statements,
        report.paragraphs,
        report.seconds,
        report.mb_per_second()
    )?;
    Ok(report)
}

/// A progress bar on stderr when it is a terminal; nothing otherwise.
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn new() -> Bar {
        Bar(io::stderr()
            .is_terminal()
            .then(indicatif::ProgressBar::hidden))
    }
}

impl Progress for Bar {
    fn start(&mut self, total: usize) {
        if let Some(bar) = &mut self.0 {
            *bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {wide_msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
        }
    }
    fn advance(&mut self, _: &str) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
    fn finish(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Kind, Role};

    #[test]
    fn the_query_help_lists_every_role_and_kind() {
        for role in Role::ALL {
            assert!(QUERY_HELP.contains(role.as_str()), "{}", role.as_str());
        }
        for kind in Kind::ALL {
            assert!(QUERY_HELP.contains(kind.as_str()), "{}", kind.as_str());
        }
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
