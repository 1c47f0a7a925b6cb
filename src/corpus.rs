//! Files on disk to decoded text: walking the corpus folder, recognising formats, decoding bytes.
//!
//! Nothing here knows what a statement means. A file that cannot be used is reported with its reason and
//! skipped, never fatal: one bad file must not stop a build of thousands.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

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
}

impl Format {
    /// The format of a file name, or `None` for a file the indexer does not read.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" | "jsonl" | "ndjson" => Some(Format::Json),
            _ => None,
        }
    }
}

/// What identifies one version of a file without reading it (size and modification time), plus the hash
/// of its bytes once read: an unchanged size and time means the file is not read again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 where the platform has none).
    pub mtime_ns: i128,
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
            self.size, self.mtime_ns, self.hash, self.meta
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
            size,
            mtime_ns,
            hash,
            meta,
        })
    }

    /// True when `other` is the same version judged by size, time and metadata, without reading it.
    pub fn same_stat(&self, other: &Fingerprint) -> bool {
        self.size == other.size && self.mtime_ns == other.mtime_ns && self.meta == other.meta
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
    /// Relative paths of files that may be metadata manifests.
    pub manifests: Vec<String>,
}

/// Walks `root` for files in a known format. Hidden files and folders are passed over; links are followed
/// only to files inside the corpus.
pub fn walk(root: &Path) -> Result<Walk> {
    let meta = fs::metadata(root).map_err(|e| Error::io(root, e))?;
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
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
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
        if dent.file_type().is_file()
            && crate::manifest::is_candidate(&dent.file_name().to_string_lossy())
        {
            out.manifests.push(relative(root, dent.path()));
        }
        let Some(format) = Format::of(dent.path()) else {
            continue;
        };
        let rel = relative(root, dent.path());
        let file_type = dent.file_type();
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
                    out.skipped.push(Skipped {
                        rel,
                        reason: e.to_string(),
                    });
                    continue;
                }
            }
        } else {
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

fn stat_of(meta: &fs::Metadata) -> Fingerprint {
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128);
    Fingerprint {
        size: meta.len(),
        mtime_ns,
        hash: 0,
        meta: 0,
    }
}

/// `path` relative to `root`, `/`-separated, for display and identity.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
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
                size: 0,
                mtime_ns: 0,
                hash: 0,
                meta: 0,
            },
        }
    }
}

/// Reads and decodes one walked file.
pub fn read(entry: &Entry) -> Result<Source> {
    let bytes = fs::read(&entry.path).map_err(|e| Error::io(&entry.path, e))?;
    let declared = (entry.format == Format::Html)
        .then(|| declared_charset(&bytes))
        .flatten();
    let text = match declared {
        Some(encoding) if std::str::from_utf8(&bytes).is_err() => {
            check_text(encoding.decode_without_bom_handling(&bytes).0.into_owned())
        }
        _ => decode(&bytes),
    }
    .map_err(|reason| Error::BadFile {
        path: entry.path.clone(),
        reason,
    })?;
    let fingerprint = Fingerprint {
        size: bytes.len() as u64,
        hash: xxhash_rust::xxh3::xxh3_64(&bytes),
        ..entry.stat.clone()
    };
    Ok(Source {
        rel: entry.rel.clone(),
        format: entry.format,
        text,
        fingerprint,
    })
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
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && encoding != encoding_rs::UTF_8 {
            return Err(format!("invalid {} text", encoding.name()));
        }
        return check_text(text.into_owned());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_text(text.to_owned()),
        Err(_) => {
            // Not UTF-8: a legacy encoding, guessed from the bytes (Windows-1252 for Western text).
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            check_text(text.into_owned())
        }
    }
}

/// Refuses text of which more than a tenth is control characters: a binary file that happened to have no
/// NUL byte. A few stray escapes in real text (a pasted colour code) do not make it binary.
fn check_text(text: String) -> std::result::Result<String, String> {
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
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
    fn refuses_binary() {
        assert!(decode(b"PK\x03\x04\0\0\x14")
            .unwrap_err()
            .contains("NUL byte at offset 4"));
        assert!(decode(b"\x01\x02\x03\x04\x05abc")
            .unwrap_err()
            .contains("control"));
    }

    #[test]
    fn fingerprint_round_trips() {
        let f = Fingerprint {
            size: 12,
            mtime_ns: 1_700_000_000_123_456_789,
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
        fs::write(dir.path().join("b.TXT"), "x").unwrap();
        let walk = walk(dir.path()).unwrap();
        let rels: Vec<_> = walk.entries.iter().map(|e| e.rel.as_str()).collect();
        assert_eq!(rels, ["a/one.txt", "b.TXT"]);
        assert!(walk.manifests.is_empty());
        assert!(walk.skipped.is_empty());
    }
}
