//! A test environment: a temporary folder holding `corpus/`, and the real `demarche` binary run inside it.
//!
//! Every test gets its own folder, so tests run in parallel and leave nothing behind. The binary runs with
//! its working directory set to that folder, so its defaults (`./corpus`, `./index`) are the ones under
//! test, and with the variables that would change its behaviour (`DEMARCHE_INDEX`, `DEMARCHE_CORPUS`,
//! `NO_COLOR`) removed from the inherited environment.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The statement every corpus can start from: a readout of a phone call between Xi Jinping and Thongloun
/// Sisoulith, 21 January 2021, five paragraphs.
pub const SEED: &str = include_str!("../../corpus/xi-jinping-thongloun-sisoulith-2021-01-21.txt");

/// The seed's file name in a test corpus, and so its statement id.
pub const SEED_FILE: &str = "xi-jinping-thongloun-sisoulith-2021-01-21.txt";

/// The id of the seed's paragraph `n` (from 1).
pub fn seed(n: u32) -> String {
    format!("{SEED_FILE}#{n}")
}

/// A transcript page, so that an export holds a url, a question and an answer.
pub const PRESSER: &str = "<html><head><title>Foreign Ministry Spokesperson Li Wen's Regular Press Conference on March 3, 2021</title>\
    <link rel=\"canonical\" href=\"https://example.cn/presser.html\"></head>\
    <body><div class=\"content\">\
    <h1>Foreign Ministry Spokesperson Li Wen's Regular Press Conference on March 3, 2021</h1>\
    <p><b>Q:</b> Will China send a delegation to the Mekong water summit in Vientiane?</p>\
    <p>A: China supports the Mekong cooperation mechanism and will send a delegation.</p>\
    </div></body></html>";

/// The shared real corpora (`../shared/corpora`), or `None` with a message saying what is skipped
/// (`why`): users who clone the project do not have them.
pub fn shared_corpora(why: &str) -> Option<PathBuf> {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora"));
    if shared.is_dir() {
        return Some(shared.to_path_buf());
    }
    eprintln!("skipped: {} is absent, so {why}", shared.display());
    None
}

/// Unpacks the UN General Debate sessions numbered `sessions` from the shared corpora's archive into
/// `dest` (as `ungdc/TXT/Session NN - YYYY/…`): only those files, not the other 200 MB.
pub fn unpack_un_sessions(shared: &Path, dest: &Path, sessions: &[u32]) {
    let output = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(shared.join("ungdc.tar.gz"))
        .arg("-C")
        .arg(dest)
        .arg("--wildcards")
        .args(
            sessions
                .iter()
                .map(|s| format!("ungdc/TXT/Session {s} - *")),
        )
        .output()
        .expect("running tar");
    assert!(
        output.status.success(),
        "tar failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A temporary folder with a `corpus/` folder in it.
pub struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// An empty corpus.
    pub fn new() -> Env {
        let dir = tempfile::Builder::new()
            .prefix("demarche-test-")
            .tempdir()
            .expect("a temporary folder");
        fs::create_dir(dir.path().join("corpus")).expect("corpus folder");
        Env { dir }
    }

    /// A corpus holding the seed statement.
    pub fn seeded() -> Env {
        let env = Env::new();
        env.write(SEED_FILE, SEED);
        env
    }

    /// The temporary folder, the binary's working directory.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `corpus/` in the temporary folder.
    pub fn corpus(&self) -> PathBuf {
        self.root().join("corpus")
    }

    /// `index/` in the temporary folder: where the binary puts its index by default.
    pub fn index_dir(&self) -> PathBuf {
        self.root().join("index")
    }

    /// Writes a corpus file (creating folders), returning its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("corpus subfolder");
        }
        fs::write(&path, contents).expect("corpus file");
        path
    }

    /// Deletes a corpus file.
    pub fn remove(&self, name: &str) {
        fs::remove_file(self.corpus().join(name)).expect("removing a corpus file");
    }

    /// Moves a corpus file's modification time `secs` seconds into the future, so that a change shows
    /// whatever the file system's time resolution.
    pub fn bump_mtime(&self, name: &str, secs: u64) {
        let file = fs::File::options()
            .write(true)
            .open(self.corpus().join(name))
            .expect("opening a corpus file");
        let mtime = file.metadata().and_then(|m| m.modified()).expect("mtime");
        file.set_modified(mtime + Duration::from_secs(secs))
            .expect("setting mtime");
    }

    /// The binary, ready to run in the temporary folder with a clean environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_demarche"));
        cmd.args(args)
            .current_dir(self.root())
            .env_remove("DEMARCHE_INDEX")
            .env_remove("DEMARCHE_CORPUS")
            .env_remove("NO_COLOR")
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs the binary to its end, capturing what it printed.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = self
            .command(args)
            .output()
            .expect("running the demarche binary");
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// `demarche index`, with the default corpus and index folders.
    pub fn index(&self) -> Run {
        self.run(&["index"])
    }

    /// `demarche search ARGS…`.
    pub fn search(&self, args: &[&str]) -> Run {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `demarche search ARGS… --json`, expected to succeed, as the ids of the hits in order.
    pub fn ids(&self, args: &[&str]) -> Vec<String> {
        let mut all = args.to_vec();
        all.push("--json");
        self.search(&all).code(0).ids()
    }

    /// Like [`Env::ids`], sorted: for tests about which paragraphs match, not in what order.
    pub fn id_set(&self, args: &[&str]) -> Vec<String> {
        let mut ids = self.ids(args);
        ids.sort();
        ids
    }
}

/// A finished run of the binary.
pub struct Run {
    /// The arguments it was given.
    pub args: Vec<String>,
    /// Exit code; `None` if a signal ended it.
    pub code: Option<i32>,
    /// Everything on stdout.
    pub stdout: String,
    /// Everything on stderr.
    pub stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\n$ demarche {:?}\nexit: {:?}\n--- stdout\n{}--- stderr\n{}---",
            self.args, self.code, self.stdout, self.stderr
        )
    }
}

impl Run {
    /// Asserts the exit code and that nothing panicked; returns the run for more checks.
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(self.code, Some(expected), "unexpected exit code{self}");
        self.assert_no_panic();
        self
    }

    /// Asserts that the output shows no sign of a panic.
    #[track_caller]
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "the binary panicked{self}"
        );
    }

    /// Asserts that stderr holds `needle`.
    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}{self}"
        );
        self
    }

    /// Asserts that stdout holds `needle`.
    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}{self}"
        );
        self
    }

    /// The lines of stderr.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Each stdout line parsed as one JSON object.
    #[track_caller]
    pub fn json(&self) -> Vec<serde_json::Map<String, serde_json::Value>> {
        self.stdout
            .lines()
            .map(|line| match serde_json::from_str(line) {
                Ok(serde_json::Value::Object(map)) => map,
                other => panic!("not one JSON object per line: {other:?} from {line:?}{self}"),
            })
            .collect()
    }

    /// The `id` of each hit of JSON Lines output.
    #[track_caller]
    pub fn ids(&self) -> Vec<String> {
        self.json()
            .iter()
            .map(|hit| hit["id"].as_str().expect("a string id").to_string())
            .collect()
    }

    /// Like [`Run::ids`], sorted.
    #[track_caller]
    pub fn id_set(&self) -> Vec<String> {
        let mut ids = self.ids();
        ids.sort();
        ids
    }

    /// The summary line a build prints on stderr.
    #[track_caller]
    pub fn summary(&self) -> Summary {
        let line = self
            .stderr
            .lines()
            .rev()
            .find(|l| l.contains(" files seen: "))
            .unwrap_or_else(|| panic!("no build summary on stderr{self}"));
        // "N files seen: A indexed, U unchanged, R removed, S skipped; X statements, Y paragraphs in …"
        let numbers: Vec<usize> = line
            .split_whitespace()
            .filter_map(|w| w.trim_end_matches([',', ';', ':']).parse().ok())
            .collect();
        let [seen, indexed, unchanged, removed, skipped, statements, paragraphs, ..] = numbers[..]
        else {
            panic!("unexpected summary line {line:?}");
        };
        Summary {
            seen,
            indexed,
            unchanged,
            removed,
            skipped,
            statements,
            paragraphs,
        }
    }
}

/// The numbers of a build's summary line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Summary {
    pub seen: usize,
    pub indexed: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub skipped: usize,
    pub statements: usize,
    pub paragraphs: usize,
}

/// The strings of a JSON array, failing the test if it is anything else.
pub fn strings(v: &serde_json::Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("{v} is not an array"))
        .iter()
        .map(|s| s.as_str().unwrap_or_else(|| panic!("{s} is not a string")))
        .collect()
}
