//! `demarche bench`: index builds and queries measured the way users run them.
//!
//! Every build is a child process of this same binary (`demarche index`) writing into a fresh temporary
//! folder, so that its wall time, CPU time and peak memory are its own, read from the kernel when it
//! exits, rather than whatever this process has accumulated. Queries are timed twice: in process, through
//! the library call the command line makes, and as whole `demarche search` processes that open the index,
//! search and print. Figures are medians over repeated runs because machines are shared and noisy; the
//! minimum and maximum show how noisy.
//!
//! This module measures; how a build or a search is spelled as a command, and how figures are printed,
//! is the command line's ([`Launch`], `cli::bench`), so that flags are named where clap declares them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::corpus;
use crate::error::{Error, Result};
use crate::index::{Store, WriterOptions};
use crate::search::{self, Request};
use crate::stats;

/// What to measure.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// Corpus folder to index.
    pub corpus: PathBuf,
    /// Writer settings, each measured in turn.
    pub settings: Vec<WriterOptions>,
    /// Builds per setting.
    pub runs: usize,
    /// Queries to time on the index of the last build.
    pub queries: Vec<Query>,
    /// Timed repetitions of each query, in process and as whole processes.
    pub query_runs: usize,
    /// Whether to time [`Analysis`] commands of each query too.
    pub analyses: bool,
}

/// A command timed beside each query's search: `search --count`, the baseline, and the analyses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Analysis {
    /// `search --count`: matching paragraphs, nothing fetched.
    SearchCount,
    /// `count --by country`.
    CountByCountry,
    /// `trend --by year`.
    TrendByYear,
    /// `first --by country`.
    FirstByCountry,
}

impl Analysis {
    /// Every command timed, the baseline first.
    pub(crate) const ALL: [Analysis; 4] = [
        Analysis::SearchCount,
        Analysis::CountByCountry,
        Analysis::TrendByYear,
        Analysis::FirstByCountry,
    ];

    /// Runs it in process; the number of rows (or paragraphs) it found.
    fn run(self, store: &Store, request: &Request) -> Result<usize> {
        use crate::analysis::{count, first, trend, Group};
        Ok(match self {
            Analysis::SearchCount => search::count(store, request)?,
            Analysis::CountByCountry => count::count(store, request, Group::Country, None)?.len(),
            Analysis::TrendByYear => trend::trend(store, request, Group::Year, None, None)?
                .rows
                .len(),
            Analysis::FirstByCountry => first::first(store, request, Group::Country)?.rows.len(),
        })
    }
}

/// One query to time.
#[derive(Clone, Debug)]
pub struct Query {
    /// The words that name it in the report and that `Launch::search` turns into a process: for the
    /// command line, the `demarche search` arguments that make it.
    pub args: Vec<String>,
    /// The same query, for the in-process call.
    pub request: Request,
}

/// Starts the child processes that are measured: how a build or a search is spelled as a command is the
/// command line's business, so the measuring here never names a flag.
pub(crate) trait Launch {
    /// A process that builds or updates the index at `index` from [`Options::corpus`] with `setting`.
    fn build(&self, corpus: &Path, index: &Path, setting: &WriterOptions) -> Child;
    /// A process that runs `query` on the index at `index` and prints its top 10 hits, without colour.
    fn search(&self, index: &Path, query: &Query) -> Child;
    /// A process that runs `analysis` of `query` on the index at `index`.
    fn analysis(&self, index: &Path, query: &Query, analysis: Analysis) -> Child;
}

/// A child process to measure.
#[derive(Debug)]
pub(crate) struct Child {
    /// The command, without its standard streams: they are set here.
    pub command: Command,
    /// How errors name it ("`demarche index`").
    pub name: String,
    /// The exit codes of a run that did its work.
    pub success: Vec<i32>,
}

/// Median, minimum, maximum and 95th percentile of repeated measurements.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub(crate) struct Summary {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub p95: f64,
}

impl Summary {
    /// The summary of `values`; all zero when there are none.
    pub(crate) fn of(values: &[f64]) -> Summary {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return Summary::default();
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        // Nearest rank: the smallest value at or above 95% of the measurements.
        let p95 = v[((n as f64 * 0.95).ceil() as usize).clamp(1, n) - 1];
        Summary {
            median,
            min: v[0],
            max: v[n - 1],
            p95,
        }
    }
}

/// What one child process used.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub(crate) struct Usage {
    /// Wall-clock seconds from spawn to exit.
    pub wall_s: f64,
    /// CPU seconds in user mode, all threads.
    pub user_s: f64,
    /// CPU seconds in the kernel, all threads.
    pub sys_s: f64,
    /// Peak resident memory, in bytes; 0 where the platform does not tell.
    pub peak_rss_bytes: u64,
}

/// One measured build.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct BuildRun {
    #[serde(flatten)]
    pub usage: Usage,
    /// Bytes of the index folder after the build.
    pub index_bytes: u64,
    /// Paragraph documents in the index.
    pub paragraphs: usize,
}

/// The builds of one writer setting.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct BuildFigures {
    pub threads: usize,
    pub heap_mb: usize,
    pub runs: Vec<BuildRun>,
    pub wall_s: Summary,
    pub cpu_s: Summary,
    pub peak_rss_mb: Summary,
    /// Corpus megabytes per second of wall time, at the median wall time.
    pub mb_per_s: f64,
    /// Paragraphs per second of wall time, at the median wall time.
    pub paragraphs_per_s: f64,
    /// Index bytes over corpus bytes, median.
    pub index_ratio: f64,
    /// Re-running the build on the unchanged corpus: wall seconds.
    pub unchanged_rerun_s: Summary,
}

/// Timings of one query.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct QueryFigures {
    /// The `demarche search` arguments.
    pub args: Vec<String>,
    /// Matching paragraphs.
    pub hits: usize,
    /// Search, top 10 hits fetched with snippets, in process: milliseconds.
    pub in_process_ms: Summary,
    /// A whole `demarche search` process printing the top 10: milliseconds.
    pub whole_process_ms: Summary,
    /// `search --count` and the analyses of the same query, when asked for.
    pub analyses: Vec<AnalysisFigures>,
}

/// Timings of one command of one query.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct AnalysisFigures {
    /// The command.
    pub analysis: Analysis,
    /// Rows it printed (paragraphs for `search --count`).
    pub rows: usize,
    /// In process: milliseconds.
    pub in_process_ms: Summary,
    /// As a whole process: milliseconds.
    pub whole_process_ms: Summary,
}

/// Everything measured.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Report {
    pub corpus: PathBuf,
    pub files: usize,
    pub corpus_bytes: u64,
    pub cores: usize,
    /// Load average over the last minute when the benchmark started and ended, where the system tells.
    pub load_before: Option<f64>,
    pub load_after: Option<f64>,
    pub builds: Vec<BuildFigures>,
    pub queries: Vec<QueryFigures>,
}

/// Receives progress lines.
pub(crate) trait Progress {
    fn note(&mut self, line: &str);
}

/// Runs every build and query of `options`, starting each child process through `launch`.
pub(crate) fn run(
    options: &Options,
    launch: &dyn Launch,
    progress: &mut dyn Progress,
) -> Result<Report> {
    // Manifests are counted as the files they are: a build reads them too.
    let walk = corpus::walk(&options.corpus, |_| false)?;
    let corpus_bytes: u64 = walk.entries.iter().map(|e| e.stat.state.size).sum();
    let mut report = Report {
        corpus: options.corpus.clone(),
        files: walk.entries.len(),
        corpus_bytes,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_before: load_average(),
        load_after: None,
        builds: Vec::new(),
        queries: Vec::new(),
    };
    let scratch = tempfile::Builder::new()
        .prefix("demarche-bench-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let mut last_index: Option<PathBuf> = None;
    for (s, setting) in options.settings.iter().enumerate() {
        let mut runs = Vec::new();
        let mut reruns = Vec::new();
        for r in 0..options.runs.max(1) {
            let dir = scratch.path().join(format!("index-{s}-{r}"));
            progress.note(&format!(
                "build {}/{} with {} threads, {} MB heap",
                r + 1,
                options.runs.max(1),
                setting.threads,
                setting.heap_bytes >> 20
            ));
            let usage = index_once(options, launch, setting, &dir)?;
            let index_bytes = stats::folder_bytes(&dir);
            let paragraphs = stats::stats(&Store::open(&dir)?, 0)?.paragraphs;
            progress.note(&format!(
                "  {:.2} s wall, {:.2} s CPU, {:.0} MB peak, {paragraphs} paragraphs, index {:.0}% of the corpus",
                usage.wall_s,
                usage.user_s + usage.sys_s,
                usage.peak_rss_bytes as f64 / 1e6,
                100.0 * index_bytes as f64 / corpus_bytes.max(1) as f64
            ));
            let rerun = index_once(options, launch, setting, &dir)?;
            reruns.push(rerun.wall_s);
            runs.push(BuildRun {
                usage,
                index_bytes,
                paragraphs,
            });
            if let Some(old) = last_index.replace(dir) {
                let _ = std::fs::remove_dir_all(old);
            }
        }
        report
            .builds
            .push(figures(setting, runs, &reruns, corpus_bytes));
    }
    if let Some(index) = &last_index {
        for query in &options.queries {
            progress.note(&format!("query {}", query.args.join(" ")));
            report
                .queries
                .push(time_query(options, launch, index, query)?);
        }
    }
    report.load_after = load_average();
    Ok(report)
}

fn figures(
    setting: &WriterOptions,
    runs: Vec<BuildRun>,
    reruns: &[f64],
    corpus_bytes: u64,
) -> BuildFigures {
    let of = |f: &dyn Fn(&BuildRun) -> f64| Summary::of(&runs.iter().map(f).collect::<Vec<_>>());
    let wall_s = of(&|r| r.usage.wall_s);
    let paragraphs = runs.first().map_or(0, |r| r.paragraphs);
    let per_second = |n: f64| {
        if wall_s.median > 0.0 {
            n / wall_s.median
        } else {
            0.0
        }
    };
    BuildFigures {
        threads: setting.threads,
        heap_mb: setting.heap_bytes >> 20,
        wall_s,
        cpu_s: of(&|r| r.usage.user_s + r.usage.sys_s),
        peak_rss_mb: of(&|r| r.usage.peak_rss_bytes as f64 / 1e6),
        mb_per_s: per_second(corpus_bytes as f64 / 1e6),
        paragraphs_per_s: per_second(paragraphs as f64),
        index_ratio: of(&|r| r.index_bytes as f64 / corpus_bytes.max(1) as f64).median,
        unchanged_rerun_s: Summary::of(reruns),
        runs,
    }
}

/// One build child process into `dir`.
fn index_once(
    options: &Options,
    launch: &dyn Launch,
    setting: &WriterOptions,
    dir: &Path,
) -> Result<Usage> {
    let Child {
        mut command,
        name,
        success,
    } = launch.build(&options.corpus, dir, setting);
    command.stdout(Stdio::null()).stderr(Stdio::piped());
    let (usage, status, stderr) = measure(command)?;
    if !status.is_some_and(|c| success.contains(&c)) {
        return Err(Error::BadValue {
            what: format!("the benchmark build into {}", dir.display()),
            reason: format!(
                "{name} failed ({}): {}",
                status.map_or("killed".to_string(), |c| format!("exit code {c}")),
                stderr.trim()
            ),
        });
    }
    Ok(usage)
}

fn time_query(
    options: &Options,
    launch: &dyn Launch,
    index: &Path,
    query: &Query,
) -> Result<QueryFigures> {
    let store = Store::open(index)?;
    let request = Request {
        limit: 10,
        ..query.request.clone()
    };
    let hits = search::count(&store, &request)?;
    // The first searches load the index files into the page cache and tantivy's caches.
    for _ in 0..3 {
        search::search(&store, &request)?;
    }
    let mut in_process = Vec::with_capacity(options.query_runs);
    for _ in 0..options.query_runs.max(1) {
        let started = Instant::now();
        let results = search::search(&store, &request)?;
        in_process.push(ms(started.elapsed()));
        std::hint::black_box(results);
    }
    let whole = time_processes(options, query, || launch.search(index, query))?;
    let mut analyses = Vec::new();
    if options.analyses {
        for analysis in Analysis::ALL {
            let rows = analysis.run(&store, &request)?;
            let mut in_process = Vec::with_capacity(options.query_runs);
            for _ in 0..options.query_runs.max(1) {
                let started = Instant::now();
                std::hint::black_box(analysis.run(&store, &request)?);
                in_process.push(ms(started.elapsed()));
            }
            let whole = time_processes(options, query, || launch.analysis(index, query, analysis))?;
            analyses.push(AnalysisFigures {
                analysis,
                rows,
                in_process_ms: Summary::of(&in_process),
                whole_process_ms: Summary::of(&whole),
            });
        }
    }
    Ok(QueryFigures {
        args: query.args.clone(),
        hits,
        in_process_ms: Summary::of(&in_process),
        whole_process_ms: Summary::of(&whole),
        analyses,
    })
}

/// Wall milliseconds of `query_runs` processes made by `child`.
fn time_processes(options: &Options, query: &Query, child: impl Fn() -> Child) -> Result<Vec<f64>> {
    let mut whole = Vec::with_capacity(options.query_runs);
    for _ in 0..options.query_runs.max(1) {
        let Child {
            mut command,
            name,
            success,
        } = child();
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        let (usage, status, stderr) = measure(command)?;
        if !status.is_some_and(|c| success.contains(&c)) {
            return Err(Error::BadValue {
                what: format!("the benchmark query {}", query.args.join(" ")),
                reason: format!("{name} failed: {}", stderr.trim()),
            });
        }
        whole.push(usage.wall_s * 1e3);
    }
    Ok(whole)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs `command` to its end and returns what it used, its exit code (`None` when killed by a signal)
/// and its standard error.
fn measure(mut command: Command) -> Result<(Usage, Option<i32>, String)> {
    let program = command.get_program().to_owned();
    let started = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| Error::io(Path::new(&program), e))?;
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read;
        let _ = pipe.read_to_string(&mut stderr);
    }
    let (status, mut usage) = wait(&mut child).map_err(|e| Error::io(Path::new(&program), e))?;
    usage.wall_s = started.elapsed().as_secs_f64();
    Ok((usage, status, stderr))
}

/// Waits for `child` and reads its resource usage from the kernel.
///
/// Linux keeps, across `exec`, the larger of the peak memory of the process that was replaced and the
/// new program's, and a child spawned by `vfork` replaced this process's memory: so a child's peak reads
/// at least this process's own, a few tens of megabytes, below any build's.
#[cfg(unix)]
fn wait(child: &mut std::process::Child) -> std::io::Result<(Option<i32>, Usage)> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut rusage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child; `status` and `rusage` are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut rusage) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    // Linux and the BSDs give ru_maxrss in kilobytes, macOS in bytes.
    let rss_unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Ok((
        code,
        Usage {
            wall_s: 0.0,
            user_s: seconds(rusage.ru_utime),
            sys_s: seconds(rusage.ru_stime),
            peak_rss_bytes: rusage.ru_maxrss.max(0) as u64 * rss_unit,
        },
    ))
}

#[cfg(not(unix))]
fn wait(child: &mut std::process::Child) -> std::io::Result<(Option<i32>, Usage)> {
    let status = child.wait()?;
    Ok((status.code(), Usage::default()))
}

/// The one-minute load average, from /proc/loadavg where there is one.
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_take_the_middle_and_the_nearest_rank() {
        let s = Summary::of(&[3.0, 1.0, 2.0]);
        assert_eq!((s.median, s.min, s.max, s.p95), (2.0, 1.0, 3.0, 3.0));
        assert_eq!(Summary::of(&[4.0, 1.0, 3.0, 2.0]).median, 2.5);
        let hundred: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(Summary::of(&hundred).p95, 95.0);
        assert_eq!(Summary::of(&[]).median, 0.0);
    }

    /// The peak memory read here is at least this test process's (see `wait`), so only the CPU time
    /// and the exit code are the child's own for certain.
    #[cfg(unix)]
    #[test]
    fn a_child_process_usage_is_read_from_the_kernel() {
        let mut command = Command::new("sh");
        command
            .args([
                "-c",
                "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; exit 3",
            ])
            .stderr(Stdio::piped());
        let (usage, status, _) = measure(command).unwrap();
        assert_eq!(status, Some(3));
        assert!(usage.wall_s > 0.0);
        assert!(usage.user_s + usage.sys_s > 0.0, "{usage:?}");
        assert!(usage.peak_rss_bytes > 100_000, "{usage:?}");
    }
}
