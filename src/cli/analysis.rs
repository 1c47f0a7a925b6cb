//! `count`, `trend`, `kwic` and `first` on the command line: their flags, resolved into what
//! [`crate::analysis`] computes, and their rows printed.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{exit, resolve_filters, FilterArgs};
use crate::analysis::kwic::Order;
use crate::analysis::{self, Group};
use crate::error::Error;
use crate::index::Store;
use crate::output::analysis as print;
use crate::output::Format;

/// The output format flags of every analysis command.
#[derive(Args, Debug)]
pub(super) struct OutputArgs {
    /// One JSON object a line.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// CSV with a header line.
    #[arg(long)]
    csv: bool,
}

impl OutputArgs {
    fn format(&self) -> Format {
        if self.json {
            Format::JsonLines
        } else if self.csv {
            Format::Csv
        } else {
            Format::Human
        }
    }
}

/// Query help shared by the analysis commands.
const QUERY: &str =
    "Query, as for `search`: words, \"phrases\", Taiw*, AND/OR/NOT, field:value; empty \
                     ('') for every paragraph the filters keep";

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  demarche count Taiwan --by year --speaker 'Hua Chunying'
  demarche count Xinjiang --by outlet --top 10
  demarche count '' --by country --from 2019 --csv
  demarche count Taiwan --by speaker --role answer --kind 'press conference'

A paragraph with several speakers or countries counts once for each. `outlet` groups questions by who \
asked them, as the transcript labels them (Reuters, AFP, …); questions labelled only \"Q:\" have no asker.")]
pub(super) struct CountArgs {
    #[arg(allow_hyphen_values = true, help = QUERY)]
    query: String,
    /// What to count by.
    #[arg(long, value_enum)]
    by: GroupArg,
    /// Only the N largest groups.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  demarche trend Taiwan --by year --speaker 'Hua Chunying'
  demarche trend '\"community with a shared future\"' --split country --top 5 --plot trend.svg

Each row: matching paragraphs, occurrences of the query's words and exact phrases in them (a word \
anywhere in the paragraph counts, a prefix counts each word it stands for, a clause on another field \
counts nothing), all paragraphs \
and all words the filters keep in that period (and group), and occurrences per 10,000 of those words. \
Every period from the first to the last of the filtered paragraphs is listed, with 0 where nothing \
matched. Months count dated statements only.")]
pub(super) struct TrendArgs {
    #[arg(allow_hyphen_values = true, help = QUERY)]
    query: String,
    /// Period.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    by: PeriodArg,
    /// One line per country, speaker or kind in each period.
    #[arg(long, value_enum)]
    split: Option<SplitArg>,
    /// Only the N groups with the most matching paragraphs (with --split).
    #[arg(long, value_name = "N", requires = "split")]
    top: Option<usize>,
    /// Draw the rates per 10,000 words to this .svg or .png file as well.
    #[arg(long, value_name = "FILE")]
    plot: Option<PathBuf>,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  demarche kwic '\"freedom of navigation\"' --country US --sort left
  demarche kwic Xinjiang --width 60 --limit 20 --json")]
pub(super) struct KwicArgs {
    #[arg(allow_hyphen_values = true, help = QUERY)]
    query: String,
    /// Characters of context each side.
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..=500))]
    width: u16,
    /// Order of lines: by date (oldest first), by the words before the match, or after it.
    #[arg(long, value_enum, default_value_t = KwicSort::Date)]
    sort: KwicSort,
    /// Most lines to show.
    #[arg(long, short = 'n', default_value_t = 100)]
    limit: usize,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  demarche first '\"community with a shared future\"' --by country
  demarche first '\"wolf warrior\"' --by speaker --json

A statement known only by its year is placed at the start of that year. Paragraphs with neither date nor \
year are left out, and counted on stderr.")]
pub(super) struct FirstArgs {
    #[arg(allow_hyphen_values = true, help = QUERY)]
    query: String,
    /// Whose first use to list.
    #[arg(long, value_enum, default_value_t = FirstBy::Country)]
    by: FirstBy,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum GroupArg {
    Speaker,
    Country,
    Year,
    Month,
    Role,
    Kind,
    Source,
    Outlet,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PeriodArg {
    Year,
    Month,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SplitArg {
    Country,
    Speaker,
    Kind,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum KwicSort {
    Date,
    Left,
    Right,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FirstBy {
    Country,
    Speaker,
}

impl From<GroupArg> for Group {
    fn from(g: GroupArg) -> Group {
        match g {
            GroupArg::Speaker => Group::Speaker,
            GroupArg::Country => Group::Country,
            GroupArg::Year => Group::Year,
            GroupArg::Month => Group::Month,
            GroupArg::Role => Group::Role,
            GroupArg::Kind => Group::Kind,
            GroupArg::Source => Group::Source,
            GroupArg::Outlet => Group::Outlet,
        }
    }
}

/// Opens the index; the analysis commands never build one.
fn open(index: &Path) -> anyhow::Result<std::mem::ManuallyDrop<Store>> {
    // As for a search: the process ends right after, and the kernel drops the mappings at once.
    Ok(std::mem::ManuallyDrop::new(Store::open(index)?))
}

/// The exit code of a command that found `n` things, saying so on stderr when it found none.
fn found(n: usize) -> u8 {
    if n == 0 {
        eprintln!("demarche: no paragraph matches");
        exit::NO_MATCH
    } else {
        exit::OK
    }
}

/// Runs `demarche count`.
pub(super) fn count(index: &Path, args: CountArgs) -> anyhow::Result<u8> {
    let request = resolve_filters(&args.query, &args.filters)?;
    top_at_least_one(args.top)?;
    let store = open(index)?;
    let by = Group::from(args.by);
    let rows = analysis::count::count(&store, &request, by, args.top)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    print::write_counts(&mut out, &rows, by, args.output.format())?;
    out.flush()?;
    Ok(found(rows.len()))
}

/// Runs `demarche trend`.
pub(super) fn trend(index: &Path, args: TrendArgs) -> anyhow::Result<u8> {
    let request = resolve_filters(&args.query, &args.filters)?;
    top_at_least_one(args.top)?;
    let store = open(index)?;
    let period = match args.by {
        PeriodArg::Year => Group::Year,
        PeriodArg::Month => Group::Month,
    };
    let split = args.split.map(|s| match s {
        SplitArg::Country => Group::Country,
        SplitArg::Speaker => Group::Speaker,
        SplitArg::Kind => Group::Kind,
    });
    let trend = analysis::trend::trend(&store, &request, period, split, args.top)?;
    let rows = &trend.rows;
    let mut out = io::BufWriter::new(io::stdout().lock());
    print::write_trend(&mut out, rows, split, args.output.format())?;
    out.flush()?;
    if let Some(path) = &args.plot {
        analysis::plot::plot(rows, &analysis::plot::title(&request, period, split), path)?;
        eprintln!("demarche: plot written to {}", path.display());
    }
    if trend.unplaced > 0 {
        eprintln!(
            "demarche: {} matching paragraphs have no {} and are in no row{}",
            trend.unplaced,
            period.name(),
            if period == Group::Month {
                " (statements known only by their year): try --by year"
            } else {
                ""
            }
        );
    }
    let placed: u64 = rows.iter().map(|r| r.paragraphs).sum();
    Ok(found((placed + trend.unplaced) as usize))
}

/// Runs `demarche kwic`.
pub(super) fn kwic(index: &Path, args: KwicArgs) -> anyhow::Result<u8> {
    let request = resolve_filters(&args.query, &args.filters)?;
    if args.limit == 0 {
        return Err(Error::BadValue {
            what: "--limit 0".into(),
            reason: "must be at least 1".into(),
        }
        .into());
    }
    let store = open(index)?;
    let order = match args.sort {
        KwicSort::Date => Order::Date,
        KwicSort::Left => Order::Left,
        KwicSort::Right => Order::Right,
    };
    let width = usize::from(args.width);
    let lines = analysis::kwic::kwic(&store, &request, width, order, args.limit)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    print::write_kwic(&mut out, &lines, width, args.output.format())?;
    out.flush()?;
    Ok(found(lines.len()))
}

/// Runs `demarche first`.
pub(super) fn first(index: &Path, args: FirstArgs) -> anyhow::Result<u8> {
    let request = resolve_filters(&args.query, &args.filters)?;
    let store = open(index)?;
    let by = match args.by {
        FirstBy::Country => Group::Country,
        FirstBy::Speaker => Group::Speaker,
    };
    let adoption = analysis::first::first(&store, &request, by)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    print::write_first(&mut out, &adoption.rows, by, args.output.format())?;
    out.flush()?;
    if adoption.undated > 0 {
        eprintln!(
            "demarche: {} matching paragraphs have no date and are left out",
            adoption.undated
        );
    }
    Ok(found(adoption.rows.len()))
}

fn top_at_least_one(top: Option<usize>) -> Result<(), Error> {
    if top == Some(0) {
        return Err(Error::BadValue {
            what: "--top 0".into(),
            reason: "must be at least 1".into(),
        });
    }
    Ok(())
}
