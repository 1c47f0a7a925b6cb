//! Builds whose writes fail: a tantivy directory that runs out of space (ENOSPC) after N bytes, for N
//! growing until a build fits, and one that cannot replace `meta.json`. Each failed build must return an
//! error that says what failed, neither hang nor panic, leave the previous commit searchable with the same
//! answers, and leave nothing that stops the next build, run without the fault, from succeeding.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use demarche::{
    build, build_in, count, Options, Quiet, Record, Report, Request, Store, WriterOptions,
};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

use crate::common::{self, Rng};
use crate::util::Env;

/// What the directory refuses.
#[derive(Debug)]
enum Fault {
    /// Every write past this many bytes, as a full disk does.
    SpaceAfter(Mutex<u64>),
    /// Replacing `meta.json`, the commit itself.
    Meta,
}

/// tantivy's own directory, with a fault.
#[derive(Clone)]
struct Faulty {
    inner: MmapDirectory,
    fault: Arc<Fault>,
    /// Set once a write was refused.
    tripped: Arc<AtomicUsize>,
}

impl fmt::Debug for Faulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Faulty({:?})", self.fault)
    }
}

fn no_space() -> io::Error {
    io::Error::from_raw_os_error(28)
}

impl Faulty {
    fn new(path: &Path, fault: Arc<Fault>, tripped: Arc<AtomicUsize>) -> Faulty {
        Faulty {
            inner: MmapDirectory::open(path).expect("opening the index folder"),
            fault,
            tripped,
        }
    }

    /// Takes `n` bytes from the space left; how many fit.
    fn spend(&self, n: usize) -> usize {
        match &*self.fault {
            Fault::SpaceAfter(left) => {
                let mut left = left.lock().unwrap();
                let fits = n.min(usize::try_from(*left).unwrap_or(usize::MAX));
                *left -= fits as u64;
                if fits < n {
                    self.tripped.fetch_add(1, Ordering::SeqCst);
                }
                fits
            }
            Fault::Meta => n,
        }
    }
}

/// A file being written through [`Faulty`].
struct FaultyWrite {
    inner: WritePtr,
    directory: Faulty,
}

impl Write for FaultyWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.directory.spend(buf.len()) {
            0 if !buf.is_empty() => Err(no_space()),
            n => self.inner.write(&buf[..n]),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl TerminatingWrite for FaultyWrite {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.inner.terminate_ref(token)
    }
}

impl Directory for Faulty {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let inner = self.inner.open_write(path)?;
        Ok(io::BufWriter::new(Box::new(FaultyWrite {
            inner,
            directory: self.clone(),
        })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let refused = match &*self.fault {
            Fault::Meta => path == Path::new("meta.json"),
            Fault::SpaceAfter(_) => self.spend(data.len()) < data.len(),
        };
        if refused {
            self.tripped.fetch_add(1, Ordering::SeqCst);
            return Err(no_space());
        }
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }

    // The default takes a lock by creating a file, which a killed process leaves behind; tantivy's own
    // directory uses `flock`.
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }
}

/// Panics on threads other than the tests' own, tantivy's among them: a panic there reaches the build only
/// as an error of a joined thread.
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // The test harness names each test's thread after the test; a failing assertion is not news.
            let name = std::thread::current().name().map(str::to_owned);
            if !name.is_some_and(|n| n.contains("::") || n == "main") {
                PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

/// Everything the index answers: the paragraph count and every record.
fn snapshot(index: &Path) -> (usize, Vec<Record>) {
    let store = Store::open(index).expect("the previous commit opens");
    let all = Request {
        query: "*".into(),
        limit: 1,
        ..Request::default()
    };
    let count = count(&store, &all).expect("the previous commit answers");
    let mut records = Vec::new();
    demarche::export(&store, |r| -> demarche::Result<()> {
        records.push(r);
        Ok(())
    })
    .expect("the previous commit exports");
    (count, records)
}

fn options(env: &Env, index: &Path) -> Options {
    let mut options = Options::new(env.corpus(), index);
    // One thread: the bytes written before the fault do not depend on how threads share the work.
    options.writer = WriterOptions {
        threads: 1,
        heap_bytes: 20 << 20,
    };
    options
}

/// Builds through a directory with `fault`, in a thread, so that a hang fails the test instead of
/// stalling it. Returns the build's error, or `None` if it succeeded, and whether the fault was hit.
fn faulty_build(options: &Options, fault: &Arc<Fault>) -> (Option<String>, bool) {
    let options = options.clone();
    let fault = fault.clone();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let tripped = Arc::new(AtomicUsize::new(0));
        let seen = tripped.clone();
        let result = unlocked(|| {
            build_in(&options, &mut Quiet, |path: &Path| {
                std::fs::create_dir_all(path).map_err(|e| demarche::Error::io(path, e))?;
                let directory = Faulty::new(path, fault.clone(), seen.clone());
                Store::open_or_create_in(path, Box::new(directory))
            })
        });
        let error = result.err().map(|e| chain(&e));
        let _ = tx.send((error, tripped.load(Ordering::SeqCst) > 0));
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("a build with a failing disk hung (or panicked)")
}

/// Runs a build again while it finds the index locked. Other tests of this binary start processes: one
/// forked just as a build here released the writer lock holds a copy of the lock until it executes its
/// program, a moment later.
fn unlocked(build: impl Fn() -> demarche::Result<Report>) -> demarche::Result<Report> {
    for _ in 0..50 {
        match build() {
            Err(demarche::Error::IndexLocked { .. }) => {
                std::thread::sleep(Duration::from_millis(20))
            }
            result => return result,
        }
    }
    build()
}

/// A build without faults.
fn clean_build(options: &Options) -> demarche::Result<Report> {
    unlocked(|| build(options, &mut Quiet))
}

/// An error with all its causes, as the binary prints it.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out += ": ";
        out += &s.to_string();
        source = s.source();
    }
    out
}

/// Two versions of a corpus to go back and forth between, so that every build has work to do: an edited
/// file, an added one, a removed one.
struct Flip {
    env: Env,
    a: Vec<(String, String)>,
    b: Vec<(String, String)>,
    at_a: bool,
}

impl Flip {
    fn new() -> Flip {
        let env = Env::new();
        let mut rng = Rng::new(common::seed());
        for i in 0..6 {
            env.write(&format!("s{i}.txt"), common::statement(&mut rng, 8));
        }
        let a = vec![
            ("edited.txt".to_string(), common::statement(&mut rng, 8)),
            ("only-a.txt".to_string(), common::statement(&mut rng, 5)),
        ];
        let b = vec![
            ("edited.txt".to_string(), common::statement(&mut rng, 12)),
            ("only-b.txt".to_string(), common::statement(&mut rng, 9)),
        ];
        for (name, text) in &a {
            env.write(name, text);
        }
        Flip {
            env,
            a,
            b,
            at_a: true,
        }
    }

    /// Switches the corpus to the other version.
    fn flip(&mut self) {
        let (from, to) = if self.at_a {
            (&self.a, &self.b)
        } else {
            (&self.b, &self.a)
        };
        for (name, _) in from {
            self.env.remove(name);
        }
        for (name, text) in to {
            self.env.write(name, text);
            self.env.bump_mtime(name, 60);
        }
        self.at_a = !self.at_a;
    }
}

fn index_of(env: &Env) -> PathBuf {
    env.root().join("index")
}

#[track_caller]
fn assert_failed_cleanly(what: &str, error: Option<String>, tripped: bool) {
    let error =
        error.unwrap_or_else(|| panic!("{what}: the build succeeded though a write failed"));
    assert!(tripped, "{what}: failed without hitting the fault: {error}");
    assert!(
        error.contains("No space left on device"),
        "{what}: the error does not say what failed: {error}"
    );
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "{what}: something panicked"
    );
}

#[test]
fn a_full_disk_at_any_point_of_a_build_keeps_the_previous_commit() {
    count_panics();
    let mut corpus = Flip::new();
    let index = index_of(&corpus.env);
    let options = options(&corpus.env, &index);
    clean_build(&options).expect("the first build");
    corpus.flip();
    // How much an update writes, to spread the faults over all of it.
    let unlimited = Arc::new(Fault::SpaceAfter(Mutex::new(u64::MAX)));
    let (error, _) = faulty_build(&options, &unlimited);
    assert_eq!(
        error, None,
        "the build through the faulty directory, with room"
    );
    let Fault::SpaceAfter(left) = &*unlimited else {
        unreachable!()
    };
    let total = u64::MAX - *left.lock().unwrap();
    let mut previous = snapshot(&index);
    corpus.flip();
    let mut spaces = vec![0, 1, 10, 100];
    spaces.extend((1..=20).map(|k| total * k / 20));
    spaces.push(total * 2);
    let mut failures = 0;
    for space in spaces {
        let (error, tripped) =
            faulty_build(&options, &Arc::new(Fault::SpaceAfter(Mutex::new(space))));
        if error.is_none() && !tripped {
            // The build fitted, and committed like any other.
            assert_ne!(snapshot(&index), previous);
            previous = snapshot(&index);
            corpus.flip();
            continue;
        }
        let what = format!("ENOSPC after {space} bytes");
        assert_failed_cleanly(&what, error, tripped);
        failures += 1;
        assert_eq!(
            snapshot(&index),
            previous,
            "{what}: the previous commit changed"
        );
        clean_build(&options)
            .unwrap_or_else(|e| panic!("{what}: the build without the fault failed: {e}"));
        let now = snapshot(&index);
        assert_ne!(
            now, previous,
            "{what}: the build without the fault changed nothing"
        );
        common::assert_no_orphans(&index);
        previous = now;
        corpus.flip();
    }
    eprintln!("faults: {failures} builds failed on a full disk, after 0 to {total} bytes of {total}, and recovered");
    assert!(
        failures >= 20,
        "too few faults to mean anything: {failures}"
    );
}

#[test]
fn a_full_disk_while_creating_the_index_leaves_nothing_in_the_way() {
    count_panics();
    let corpus = Flip::new();
    let index = index_of(&corpus.env);
    let options = options(&corpus.env, &index);
    for space in [0, 100, 1000] {
        let (error, tripped) =
            faulty_build(&options, &Arc::new(Fault::SpaceAfter(Mutex::new(space))));
        assert_failed_cleanly(&format!("creating, ENOSPC after {space}"), error, tripped);
    }
    clean_build(&options).expect("the build without the fault");
    assert!(snapshot(&index).0 > 0);
    common::assert_no_orphans(&index);
}

#[test]
fn a_commit_that_cannot_be_written_keeps_the_previous_one() {
    count_panics();
    let mut corpus = Flip::new();
    let index = index_of(&corpus.env);
    let options = options(&corpus.env, &index);
    clean_build(&options).expect("the first build");
    let previous = snapshot(&index);
    corpus.flip();
    for attempt in 0..2 {
        let (error, tripped) = faulty_build(&options, &Arc::new(Fault::Meta));
        assert_failed_cleanly(
            &format!("meta.json refused, attempt {attempt}"),
            error,
            tripped,
        );
        assert_eq!(snapshot(&index), previous, "the previous commit changed");
        common::assert_sound(&corpus.env, &index);
    }
    clean_build(&options).expect("the build without the fault");
    assert_ne!(snapshot(&index), previous);
    common::assert_no_orphans(&index);
    common::assert_sound(&corpus.env, &index);
}
