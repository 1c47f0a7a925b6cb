//! Files on disk to decoded text: walking the corpus folder, recognising formats, decoding bytes.
//!
//! Nothing here knows what a statement means. A file that cannot be used is reported with its reason and
//! skipped, never fatal: one bad file must not stop a build of thousands.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How a file's content is laid out, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text: a title line, then paragraphs separated by blank lines.
    Text,
    /// An HTML page: title and article body.
    Html,
    /// JSON Lines or a JSON array: one statement per record.
    Json,
    /// Markdown, with YAML front matter for its metadata.
    Markdown,
    /// CSV or TSV with a header row: one statement per row, columns named as JSON fields.
    Csv,
    /// An XML record: its metadata elements, and its body as text, HTML or marked speeches.
    Xml,
    /// A PDF with a text layer: its pages read as running text, page furniture dropped.
    Pdf,
    /// A Word document (.docx): its body's paragraphs.
    Docx,
}

impl Format {
    /// The format of a file name, or `None` for a file the indexer does not read.
    ///
    /// A folder's own documentation (`README.md`, `LICENSE.txt`, …) describes the corpus rather than being
    /// a statement in it, and is passed over.
    pub fn of(path: &Path) -> Option<Format> {
        if is_project_file(path) {
            return None;
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" | "jsonl" | "ndjson" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "xml" => Some(Format::Xml),
            "csv" | "tsv" => Some(Format::Csv),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// What a `stat` says of a file: enough to tell that it was not written since, without reading it.
///
/// One type for corpus files and for the index's own: the build compares it to skip unchanged files, the
/// index seals its commit with it (`demarche.json` stores it as `{"size", "mtime_ns"}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch: negative before it, 0 where the platform
    /// has none. An i64 reaches the year 2262.
    pub mtime_ns: i64,
}

impl FileState {
    /// The state of the file at `path`, following links.
    pub fn of(path: &Path) -> std::io::Result<FileState> {
        Ok(FileState::from_metadata(&fs::metadata(path)?))
    }

    /// The state `meta` describes.
    pub fn from_metadata(meta: &fs::Metadata) -> FileState {
        let mtime_ns = match meta.modified().map(|t| t.duration_since(UNIX_EPOCH)) {
            Ok(Ok(d)) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
            Ok(Err(e)) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
            Err(_) => 0,
        };
        FileState {
            size: meta.len(),
            mtime_ns,
        }
    }
}

/// What identifies one version of a file without reading it (size and modification time), plus the hash
/// of its bytes once read: an unchanged size and time means the file is not read again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Size and modification time.
    pub state: FileState,
    /// xxh3 of the bytes; 0 until the file is read.
    pub hash: u64,
    /// Hash of what else shapes the file's statements (its manifest row, the JSON field mapping).
    pub meta: u64,
}

impl Fingerprint {
    /// The stored form: `size mtime hash meta`.
    pub fn encode(&self) -> String {
        format!(
            "{} {} {:016x} {:016x}",
            self.state.size, self.state.mtime_ns, self.hash, self.meta
        )
    }

    /// Reads the stored form back; `None` if it is not one.
    pub fn decode(s: &str) -> Option<Fingerprint> {
        let mut parts = s.split(' ');
        let size = parts.next()?.parse().ok()?;
        let mtime_ns = parts.next()?.parse().ok()?;
        let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
        let meta = u64::from_str_radix(parts.next()?, 16).ok()?;
        Some(Fingerprint {
            state: FileState { size, mtime_ns },
            hash,
            meta,
        })
    }

    /// True when `other` is the same version judged by size, time and metadata, without reading it.
    pub fn same_stat(&self, other: &Fingerprint) -> bool {
        self.state == other.state && self.meta == other.meta
    }
}

/// A corpus file found by the walk, not yet read.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Path on disk.
    pub path: PathBuf,
    /// Path relative to the corpus folder, `/`-separated: the file's identity in the index.
    pub rel: String,
    /// Its format.
    pub format: Format,
    /// Size and time; hash 0.
    pub stat: Fingerprint,
}

/// A file or folder the walk could not use, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Path relative to the corpus folder.
    pub rel: String,
    /// Why it was skipped.
    pub reason: String,
}

/// The result of walking a corpus folder.
#[derive(Debug, Default)]
pub struct Walk {
    /// Readable candidate files, sorted by relative path.
    pub entries: Vec<Entry>,
    /// Files and folders that could not be used.
    pub skipped: Vec<Skipped>,
    /// Relative paths of folders that could not be listed: files indexed earlier below them must not be
    /// taken for removed.
    pub unlisted: Vec<String>,
    /// Relative paths of the files whose names the caller asked for (metadata manifests, for a build),
    /// in walk order.
    pub manifests: Vec<String>,
    /// Files in formats Demarche does not read, counted by kind (".odt", "no extension"): a folder of
    /// them must not look like an empty corpus.
    pub unread: BTreeMap<String, usize>,
}

/// A file's kind as a user names it: its extension, lowercased, with the dot.
fn kind_of(path: &Path) -> String {
    match path.extension() {
        Some(ext) => format!(".{}", ext.to_string_lossy().to_lowercase()),
        None => "no extension".into(),
    }
}

/// A project's own documents (README, LICENSE, …), which describe a corpus and are not statements.
fn is_project_file(path: &Path) -> bool {
    path.file_stem().is_some_and(|stem| {
        matches!(
            stem.to_string_lossy().to_ascii_uppercase().as_str(),
            "README" | "LICENSE" | "LICENCE" | "COPYING" | "CHANGELOG" | "CONTRIBUTING"
        )
    })
}

/// Walks `root` for files in a known format. Hidden files and folders are passed over; links are followed
/// only to files inside the corpus. A link to a folder is never followed: one inside the corpus would
/// only show its files a second time (or forever, when it points to an ancestor), and one pointing out of
/// it is reported.
///
/// `is_manifest` picks, by file name, the files also listed in [`Walk::manifests`]: what a manifest is
/// belongs to the reader of manifests, while only the walk can tell that a name reads back exactly.
pub fn walk(root: &Path, is_manifest: impl Fn(&str) -> bool) -> Result<Walk> {
    let meta = fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NoCorpus {
            path: root.to_path_buf(),
        },
        _ => Error::io(root, e),
    })?;
    if !meta.is_dir() {
        return Err(Error::BadFile {
            path: root.to_path_buf(),
            reason: "not a folder".into(),
        });
    }
    let canonical_root = fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let mut out = Walk::default();
    let it = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for item in it {
        let dent = match item {
            Ok(d) => d,
            Err(err) => {
                let rel = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| ".".into());
                if err.depth() > 0 || err.path() != Some(root) {
                    out.unlisted.push(rel.clone());
                }
                let reason = err
                    .io_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| err.to_string());
                out.skipped.push(Skipped { rel, reason });
                continue;
            }
        };
        let file_type = dent.file_type();
        if file_type.is_file() && is_manifest(&dent.file_name().to_string_lossy()) {
            let (rel, exact) = relative_name(root, dent.path());
            if exact {
                out.manifests.push(rel);
            } else {
                // A manifest is found again by its relative path, which for this name is not the
                // file's own.
                out.skipped.push(Skipped {
                    rel,
                    reason:
                        "a manifest whose path has control characters or is not UTF-8 is not read"
                            .into(),
                });
            }
        }
        let rel = relative(root, dent.path());
        let Some(format) = Format::of(dent.path()) else {
            if file_type.is_file() && !is_project_file(dent.path()) {
                *out.unread.entry(kind_of(dent.path())).or_insert(0) += 1;
            }
            if file_type.is_symlink() {
                if let Some(reason) = folder_link_outside(&canonical_root, dent.path()) {
                    out.skipped.push(Skipped { rel, reason });
                }
            }
            continue;
        };
        let meta = if file_type.is_symlink() {
            match link_target_inside(&canonical_root, dent.path()) {
                Ok(meta) => meta,
                Err(reason) => {
                    out.skipped.push(Skipped { rel, reason });
                    continue;
                }
            }
        } else if file_type.is_file() {
            match dent.metadata() {
                Ok(m) => m,
                Err(e) => {
                    // walkdir's message repeats the path, unescaped; the report shows it already.
                    let reason = e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string);
                    out.skipped.push(Skipped { rel, reason });
                    continue;
                }
            }
        } else if file_type.is_dir() {
            continue;
        } else {
            // A pipe named `x.txt` would block the build forever on its first read.
            out.skipped.push(Skipped {
                rel,
                reason: "not a regular file (a pipe, socket or device)".into(),
            });
            continue;
        };
        out.entries.push(Entry {
            path: dent.path().to_path_buf(),
            rel,
            format,
            stat: stat_of(&meta),
        });
    }
    out.entries.sort_by(|a, b| a.rel.cmp(&b.rel));
    // Two names that differ only in bytes that are not UTF-8, or in an escape written out literally,
    // have one relative path: the identity of both in the index. The first keeps it.
    let mut entries = Vec::with_capacity(out.entries.len());
    for entry in std::mem::take(&mut out.entries) {
        match entries.last() {
            Some(Entry { rel, .. }) if *rel == entry.rel => out.skipped.push(Skipped {
                rel: entry.rel,
                reason: "another file's name reads the same once escaped: rename one of them"
                    .into(),
            }),
            _ => entries.push(entry),
        }
    }
    out.entries = entries;
    Ok(out)
}

fn link_target_inside(root: &Path, link: &Path) -> std::result::Result<fs::Metadata, String> {
    let target = fs::canonicalize(link).map_err(|e| format!("broken link: {e}"))?;
    if !target.starts_with(root) {
        return Err("link points outside the corpus (not followed)".into());
    }
    let meta = fs::metadata(&target).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("link to something other than a file (not followed)".into());
    }
    Ok(meta)
}

/// Why a link is reported: it leads to a folder outside the corpus, whose files are therefore left out.
/// A link to a folder inside the corpus is passed over in silence, its files being walked where they are.
fn folder_link_outside(root: &Path, link: &Path) -> Option<String> {
    let target = fs::canonicalize(link).ok()?;
    (target.is_dir() && !target.starts_with(root))
        .then(|| "link to a folder outside the corpus (not followed)".into())
}

fn stat_of(meta: &fs::Metadata) -> Fingerprint {
    Fingerprint {
        state: FileState::from_metadata(meta),
        hash: 0,
        meta: 0,
    }
}

/// `path` relative to `root`, `/`-separated, for display and identity.
///
/// A name is escaped the way a shell would want it shown: bytes that are not UTF-8 as `\xff`, control characters as
/// `\n`, `\t`, `\r` or `\u{1b}`. Every other character is kept, so an ordinary name is its own
/// relative path; an odd one is still told apart from others and cannot break a line of a report.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    relative_name(root, path).0
}

/// [`relative`], and whether it is the path exactly, nothing escaped.
fn relative_name(root: &Path, path: &Path) -> (String, bool) {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut out = String::new();
    let mut exact = true;
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        exact &= escape_name(c.as_os_str(), &mut out);
    }
    if out.is_empty() {
        (".".into(), true)
    } else {
        (out, exact)
    }
}

/// Appends `name` escaped to `out`; false when anything needed escaping.
fn escape_name(name: &OsStr, out: &mut String) -> bool {
    use std::fmt::Write;

    let mut exact = true;
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if c.is_control() => {
                    // Writing into a String cannot fail.
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
                c => {
                    out.push(c);
                    continue;
                }
            }
            exact = false;
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
            exact = false;
        }
    }
    exact
}

/// A file read and decoded.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the corpus folder.
    pub rel: String,
    /// The file's format.
    pub format: Format,
    /// Decoded text, without a byte order mark.
    pub text: String,
    /// Size, time and hash of the bytes read.
    pub fingerprint: Fingerprint,
}

impl Source {
    /// Text already decoded, with no file behind it: for tools and tests that parse text directly.
    pub fn from_text(rel: impl Into<String>, format: Format, text: impl Into<String>) -> Source {
        Source {
            rel: rel.into(),
            format,
            text: text.into(),
            fingerprint: Fingerprint {
                state: FileState {
                    size: 0,
                    mtime_ns: 0,
                },
                hash: 0,
                meta: 0,
            },
        }
    }
}

/// Largest file read, in bytes: 64 MiB. A larger one is reported and skipped.
///
/// A file is held in memory a few times over while it is read, decoded, parsed and indexed (bytes, text,
/// lines, paragraphs, what the index buffers of them): about six times its size at the peak, so a build's
/// memory stays under half a gigabyte whatever the corpus holds. A PDF adds its inflated streams, which
/// `extract` bounds apart (8× the file, at most 256 MiB). No statement comes near the limit — a
/// long speech is 100 KB, and a JSON Lines feed of two thousand State Department releases 11 MB — so a
/// file past it is a dump, a log or a mistake, and is better split (`split -l` for JSON Lines) than
/// indexed as one source.
pub(crate) const MAX_FILE_BYTES: u64 = 64 << 20;

/// How many times a file that changes while it is read is read again before it is reported.
const READ_ATTEMPTS: usize = 4;

/// How recent a modification must be for a file to count as possibly still being written, whatever its
/// size and time say. File systems stamp times in ticks (from a few milliseconds to two seconds), so a
/// write during a read can leave both unchanged; such a file is read until two reads agree.
const SETTLING: Duration = Duration::from_secs(2);

/// Reads and decodes one walked file.
///
/// The bytes are the file as it held still: a file whose size or times move while it is read, or that was
/// modified a moment ago and reads differently twice, is read again, and reported as changing when it
/// does not hold still. The
/// fingerprint is the version read, so a change after the walk is not mistaken for the walked version.
pub fn read(entry: &Entry) -> Result<Source> {
    let (bytes, fingerprint) = read_settled(&entry.path)?;
    let bad = |reason| Error::BadFile {
        path: entry.path.clone(),
        reason,
    };
    let document = match entry.format {
        Format::Pdf => Some(crate::extract::Kind::Pdf),
        Format::Docx => Some(crate::extract::Kind::Docx),
        _ => None,
    };
    let text = match document {
        Some(kind) => {
            crate::extract::extract(kind, &bytes).map(|doc| crate::extract::to_text(&doc))
        }
        None => {
            let declared = (entry.format == Format::Html)
                .then(|| declared_charset(&bytes))
                .flatten();
            match declared {
                Some(encoding) if std::str::from_utf8(&bytes).is_err() => {
                    check_text(encoding.decode_without_bom_handling(&bytes).0.into_owned())
                }
                _ => decode_vec(bytes),
            }
        }
    }
    .map_err(bad)?;
    Ok(Source {
        rel: entry.rel.clone(),
        format: entry.format,
        text,
        fingerprint: Fingerprint {
            meta: entry.stat.meta,
            ..fingerprint
        },
    })
}

/// The bytes of `path` as they were at one moment, with their size, time and hash.
fn read_settled(path: &Path) -> Result<(Vec<u8>, Fingerprint)> {
    settle(path, || read_once(path))
}

/// One read of a file.
struct Attempt {
    bytes: Vec<u8>,
    /// Its size or times moved while it was read.
    moved: bool,
    /// Its last modification is older than [`SETTLING`].
    settled: bool,
    /// Size and time as they were after the read.
    stat: FileState,
}

fn read_once(path: &Path) -> Result<Attempt> {
    let io = |e| Error::io(path, e);
    let mut file = fs::File::open(path).map_err(io)?;
    let before = file.metadata().map_err(io)?;
    if !before.is_file() {
        return Err(Error::BadFile {
            path: path.to_path_buf(),
            reason: "not a regular file".into(),
        });
    }
    if before.len() > MAX_FILE_BYTES {
        return Err(too_large(path, before.len()));
    }
    let mut bytes = Vec::with_capacity(before.len() as usize);
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let after = file.metadata().map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    let moved = version(&before) != version(&after) || bytes.len() as u64 != after.len();
    let settled = after
        .modified()
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age >= SETTLING);
    Ok(Attempt {
        bytes,
        moved,
        settled,
        stat: FileState::from_metadata(&after),
    })
}

/// Reads until one read can be trusted: one during which the file held still and that was last
/// modified long enough ago, or two in a row that agree. A writer paused halfway leaves a file that
/// holds still half rewritten; that is the file as it was, and the next build reads it again when its
/// size or time moves on.
fn settle(
    path: &Path,
    mut read: impl FnMut() -> Result<Attempt>,
) -> Result<(Vec<u8>, Fingerprint)> {
    let mut agreed: Option<u64> = None;
    for _ in 0..READ_ATTEMPTS {
        let attempt = read()?;
        if attempt.moved {
            agreed = None;
            continue;
        }
        let hash = xxhash_rust::xxh3::xxh3_64(&attempt.bytes);
        if attempt.settled || agreed == Some(hash) {
            let fingerprint = Fingerprint {
                state: FileState {
                    size: attempt.bytes.len() as u64,
                    ..attempt.stat
                },
                hash,
                meta: 0,
            };
            return Ok((attempt.bytes, fingerprint));
        }
        agreed = Some(hash);
    }
    Err(Error::BadFile {
        path: path.to_path_buf(),
        reason: format!(
            "the file changed while it was read ({READ_ATTEMPTS} tries); it is read again next time"
        ),
    })
}

fn too_large(path: &Path, size: u64) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        reason: format!(
            "too large: {:.1} MiB, more than the {} MiB a file may hold (split it)",
            size as f64 / (1 << 20) as f64,
            MAX_FILE_BYTES >> 20
        ),
    }
}

/// What changes when a file is written: size, modification time and, on Unix, the change time.
fn version(meta: &fs::Metadata) -> (u64, Option<SystemTime>, i64, i64) {
    #[cfg(unix)]
    let changed = {
        use std::os::unix::fs::MetadataExt;
        (meta.ctime(), meta.ctime_nsec())
    };
    #[cfg(not(unix))]
    let changed = (0, 0);
    (meta.len(), meta.modified().ok(), changed.0, changed.1)
}

/// The encoding an HTML page declares in its first kilobytes (`<meta charset="…">` or the
/// `http-equiv` content type), if it names one encoding_rs knows.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Decodes a text file: UTF-8 (with or without byte order mark), UTF-16 with a byte order mark, else the
/// legacy encoding the bytes suggest (chardetng; Windows-1252 for Western text). Binary content is refused with the reason.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    decode_vec(bytes.to_vec())
}

/// [`decode`] taking the bytes, so that UTF-8, nearly every file, becomes text without a copy.
fn decode_vec(bytes: Vec<u8>) -> std::result::Result<String, String> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && encoding != encoding_rs::UTF_8 {
            return Err(format!("invalid {} text", encoding.name()));
        }
        return check_text(text.into_owned());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return check_text(text),
        Err(e) => e.into_bytes(),
    };
    if damaged_utf8(&bytes) {
        return check_text(String::from_utf8_lossy(&bytes).into_owned());
    }
    // Not UTF-8: a legacy encoding, guessed from the bytes (Windows-1252 for Western text).
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(&bytes);
    check_text(text.into_owned())
}

/// True for UTF-8 text with a few broken sequences (a file cut mid-character, a stray byte from a
/// bad copy) rather than text in a legacy encoding: it has at least twice as many well-formed multi-byte
/// characters as broken sequences. Legacy text almost never forms a valid multi-byte sequence, and
/// reading UTF-8 as Windows-1252 would garble every accented letter to mend one byte.
fn damaged_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    good > 0 && good >= 2 * broken
}

/// How many control characters other than line ends, tabs and form feeds `text` holds.
///
/// Counted on the UTF-8 bytes: C0 controls and DEL are single bytes, C1 controls (U+0080-U+009F) are
/// 0xC2 followed by 0x80-0x9F. Decoding every character of every file was a visible part of a build.
fn controls(text: &str) -> usize {
    let b = text.as_bytes();
    // Counting without an early exit lets the compiler test many bytes at once.
    let single = b
        .iter()
        .filter(|&&x| (x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | b'\x0c')) || x == 0x7f)
        .count();
    // 0xC2 leads U+0080-U+00BF, rare outside Latin-1 punctuation: one quick search usually settles it.
    let c1 = if b.contains(&0xc2) {
        b.windows(2)
            .filter(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
            .count()
    } else {
        0
    };
    single + c1
}

/// Refuses text of which more than a tenth is control characters: a binary file that happened to have no
/// NUL byte. A few stray escapes in real text (a pasted colour code) do not make it binary.
fn check_text(text: String) -> std::result::Result<String, String> {
    let controls = controls(&text);
    if controls > 0 && controls * 10 > text.chars().count() {
        return Err(format!("binary file ({controls} control characters)"));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_usual_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), "hello");
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap(), "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i").unwrap(), "hi");
        assert_eq!(decode(b"caf\xE9 \x93quoted\x94").unwrap(), "café “quoted”");
        assert_eq!(decode("déjà".as_bytes()).unwrap(), "déjà");
        assert_eq!(decode(b"").unwrap(), "");
    }

    #[test]
    fn controls_are_counted_as_characters() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b{c}");
            let expected = if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
                2
            } else {
                0
            };
            assert_eq!(controls(&text), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn refuses_binary() {
        assert!(decode(b"PK\x03\x04\0\0\x14")
            .unwrap_err()
            .contains("NUL byte at offset 4"));
        assert!(decode(b"\x01\x02\x03\x04\x05abc")
            .unwrap_err()
            .contains("control"));
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_stays_utf8() {
        // One stray byte must not turn every accented letter into two Windows-1252 ones.
        let text =
            decode(b"D\xc3\xa9j\xc3\xa0 vu \xff au caf\xc3\xa9 \xe2\x80\x9cEurope\xe2\x80\x9d")
                .unwrap();
        assert_eq!(text, "Déjà vu \u{fffd} au café “Europe”");
        // Legacy text forms no valid multi-byte sequence: still Windows-1252.
        assert_eq!(decode(b"caf\xe9 \xe9l\xe8ve").unwrap(), "café élève");
    }

    #[test]
    fn odd_names_are_escaped_and_told_apart() {
        use std::os::unix::ffi::OsStrExt;

        let root = Path::new("/c");
        let name = |bytes: &[u8]| root.join(OsStr::from_bytes(bytes));
        assert_eq!(relative(root, &name(b"a\xff\xfe.txt")), "a\\xff\\xfe.txt");
        assert_eq!(relative(root, &name(b"two\nlines.txt")), "two\\nlines.txt");
        assert_eq!(
            relative(root, &name(b"\x1b[31mred.txt")),
            "\\u{1b}[31mred.txt"
        );
        assert_eq!(relative(root, &name("-é b.txt".as_bytes())), "-é b.txt");
        assert_eq!(relative(root, &root.join("sub/x.txt")), "sub/x.txt");

        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(OsStr::from_bytes(b"a\xff.txt")), "x").unwrap();
        fs::write(dir.path().join("a\\xff.txt"), "y").unwrap();
        let walk = walk(dir.path(), |name| name.ends_with(".csv")).unwrap();
        assert_eq!(walk.entries.len(), 1);
        assert_eq!(walk.skipped.len(), 1, "{:?}", walk.skipped);
        assert_eq!(walk.skipped[0].rel, "a\\xff.txt");
        assert!(walk.skipped[0].reason.contains("rename"));
    }

    #[test]
    fn links_to_folders_are_not_followed_and_those_out_of_the_corpus_reported() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("far.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/near.txt"), "x").unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("sub/up")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("away")).unwrap();
        let walk = walk(dir.path(), |name| name.ends_with(".csv")).unwrap();
        let rels: Vec<_> = walk.entries.iter().map(|e| e.rel.as_str()).collect();
        assert_eq!(rels, ["sub/near.txt"]);
        assert_eq!(
            walk.skipped,
            [Skipped {
                rel: "away".into(),
                reason: "link to a folder outside the corpus (not followed)".into()
            }]
        );
    }

    #[test]
    fn a_pipe_is_reported_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join("pipe.txt"))
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo to make a pipe with");
            return;
        }
        let walk = walk(dir.path(), |name| name.ends_with(".csv")).unwrap();
        assert!(walk.entries.is_empty());
        assert_eq!(walk.skipped[0].rel, "pipe.txt");
        assert!(walk.skipped[0].reason.contains("not a regular file"));
    }

    #[test]
    fn a_file_changed_after_the_walk_is_read_as_it_is_now_or_reported() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("gone.txt"), "Soon gone.").unwrap();
        fs::write(
            dir.path().join("cut.txt"),
            "A long first version of the text.",
        )
        .unwrap();
        let walk = walk(dir.path(), |name| name.ends_with(".csv")).unwrap();
        fs::remove_file(dir.path().join("gone.txt")).unwrap();
        fs::write(dir.path().join("cut.txt"), "Short.").unwrap();
        let cut = read(&walk.entries[0]).unwrap();
        assert_eq!(cut.text, "Short.");
        assert_eq!(
            cut.fingerprint.state.size, 6,
            "the version read, not the one walked"
        );
        let err = read(&walk.entries[1]).unwrap_err();
        assert!(
            matches!(&err, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
        );
    }

    #[test]
    fn a_file_is_read_until_a_read_can_be_trusted() {
        let path = Path::new("busy.txt");
        let attempt = |text: &str, moved: bool, settled: bool| Attempt {
            bytes: text.as_bytes().to_vec(),
            moved,
            settled,
            stat: FileState {
                size: 0,
                mtime_ns: 0,
            },
        };
        let run = |script: Vec<Attempt>| {
            let mut script = script.into_iter();
            settle(path, || {
                Ok(script.next().expect("no more reads than attempts"))
            })
            .map(|(bytes, fp)| (String::from_utf8(bytes).unwrap(), fp.state.size))
        };
        // Old enough and still: the first read.
        assert_eq!(run(vec![attempt("old", false, true)]).unwrap().0, "old");
        // Fresh: read until two reads agree; a read during which it moved agrees with nothing.
        let read = run(vec![
            attempt("aab", false, false),
            attempt("abb", true, false),
            attempt("bbb", false, false),
            attempt("bbb", false, false),
        ]);
        assert_eq!(read.unwrap(), ("bbb".to_string(), 3));
        // Never still: reported, naming the file.
        let err = run(vec![
            attempt("a", false, false),
            attempt("b", false, false),
            attempt("c", true, false),
            attempt("d", false, false),
        ])
        .unwrap_err();
        assert!(err.to_string().contains("busy.txt"), "{err}");
        assert!(
            err.to_string().contains("changed while it was read"),
            "{err}"
        );
    }

    #[test]
    fn a_file_past_the_size_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        // Sparse: no 64 MiB are written.
        let file = fs::File::create(dir.path().join("dump.txt")).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let walk = walk(dir.path(), |name| name.ends_with(".csv")).unwrap();
        let err = read(&walk.entries[0]).unwrap_err().to_string();
        assert!(
            err.ends_with("too large: 64.0 MiB, more than the 64 MiB a file may hold (split it)"),
            "{err}"
        );
    }

    #[test]
    fn fingerprint_round_trips() {
        let f = Fingerprint {
            state: FileState {
                size: 12,
                mtime_ns: 1_700_000_000_123_456_789,
            },
            hash: 0xdead_beef,
            meta: 7,
        };
        assert_eq!(Fingerprint::decode(&f.encode()), Some(f));
        assert_eq!(Fingerprint::decode("garbage"), None);
    }

    #[test]
    fn walk_finds_text_files_and_skips_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a/.hidden")).unwrap();
        fs::write(dir.path().join("a/one.txt"), "x").unwrap();
        fs::write(dir.path().join("a/.hidden/two.txt"), "x").unwrap();
        fs::write(dir.path().join("README.md"), "x").unwrap();
        fs::write(dir.path().join("LICENSE.txt"), "x").unwrap();
        fs::write(dir.path().join("b.TXT"), "x").unwrap();
        fs::write(dir.path().join("c.md"), "x").unwrap();
        let walk = walk(dir.path(), |name| name.ends_with(".csv")).unwrap();
        let rels: Vec<_> = walk.entries.iter().map(|e| e.rel.as_str()).collect();
        assert_eq!(rels, ["a/one.txt", "b.TXT", "c.md"]);
        assert!(walk.manifests.is_empty());
        assert!(walk.skipped.is_empty());
    }
}
