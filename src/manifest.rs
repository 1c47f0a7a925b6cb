//! Metadata sidecars: a manifest file in the corpus that gives fields for files by relative path.
//!
//! A manifest is a CSV or TSV file with a `file` (or `path`) column, or a JSON Lines file named
//! `manifest.jsonl` / `*.manifest.jsonl` with a `file` key, giving any of `title`, `date` (a day, or a
//! year alone), `speaker`, `country`, `kind` and `url` for the files it names. Paths are relative to the
//! manifest's own folder and can never point outside the corpus. What a manifest gives wins over what the
//! text suggests.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::corpus::{relative, Skipped};

/// Fields a manifest gives one file, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Meta {
    /// Title.
    pub title: Option<String>,
    /// `YYYY-MM-DD` (or any date form records use), or a year alone.
    pub date: Option<String>,
    /// Speaker of the whole file.
    pub speaker: Option<String>,
    /// Country: name, alias or ISO code.
    pub country: Option<String>,
    /// Kind of statement.
    pub kind: Option<String>,
    /// Web address.
    pub url: Option<String>,
}

impl Meta {
    /// A hash of the fields: part of the file's fingerprint, so an edited manifest row re-reads the file.
    pub fn signature(&self) -> u64 {
        let parts = [
            &self.title,
            &self.date,
            &self.speaker,
            &self.country,
            &self.kind,
            &self.url,
        ];
        let joined: Vec<&str> = parts.iter().map(|p| p.as_deref().unwrap_or("")).collect();
        xxh3_64(joined.join("\u{1f}").as_bytes())
    }

    fn is_empty(&self) -> bool {
        *self == Meta::default()
    }

    /// Takes the fields `other` gives: two manifests may each describe part of one file.
    fn merge(&mut self, other: Meta) {
        let fields = [
            (&mut self.title, other.title),
            (&mut self.date, other.date),
            (&mut self.speaker, other.speaker),
            (&mut self.country, other.country),
            (&mut self.kind, other.kind),
            (&mut self.url, other.url),
        ];
        for (mine, theirs) in fields {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
    }
}

/// Every manifest row of a corpus, by the relative path of the file it describes.
#[derive(Clone, Debug, Default)]
pub struct Manifest {
    entries: HashMap<String, Meta>,
    /// The manifests read, by relative path: files about files, not statements.
    read: std::collections::HashSet<String>,
}

impl Manifest {
    /// True for a file read as a manifest.
    pub fn is_manifest(&self, rel: &str) -> bool {
        self.read.contains(rel)
    }

    /// The fields given for a file.
    pub fn get(&self, rel: &str) -> Option<&Meta> {
        self.entries.get(rel)
    }

    /// How many files the manifests describe.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no manifest gives anything.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// True for a file name that may be a manifest (CSV or TSV of any name, or `manifest.jsonl`).
pub fn is_candidate(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv")
        || lower.ends_with(".tsv")
        || lower == "manifest.jsonl"
        || lower.ends_with(".manifest.jsonl")
}

/// The columns by which a CSV manifest names the file each row describes: a table with one is metadata
/// for other files, not a table of statements.
pub(crate) const FILE_COLUMNS: [&str; 3] = ["file", "path", "filename"];

/// Reads every manifest among `paths` (relative to `root`). A CSV without a `file` or `path` column is
/// not a manifest and is passed over; bad rows are reported and skipped.
pub fn load(root: &Path, paths: &[String]) -> (Manifest, Vec<Skipped>) {
    let mut manifest = Manifest::default();
    let mut problems = Vec::new();
    for rel in paths {
        let path = root.join(rel);
        let folder = Path::new(rel).parent().unwrap_or(Path::new(""));
        let (rows, bad_rows) = match read_rows(&path) {
            Ok(Some(rows)) => rows,
            Ok(None) => continue,
            Err(reason) => {
                problems.push(Skipped {
                    rel: rel.clone(),
                    reason,
                });
                continue;
            }
        };
        manifest.read.insert(rel.clone());
        problems.extend(bad_rows.into_iter().map(|reason| Skipped {
            rel: rel.clone(),
            reason,
        }));
        for (line, file, meta) in rows {
            let problem = |reason: String| Skipped {
                rel: format!("{rel} (row {line})"),
                reason,
            };
            match inside(folder, &file) {
                Some(target) if !meta.is_empty() => {
                    manifest.entries.entry(target).or_default().merge(meta);
                }
                Some(_) => {}
                None => problems.push(problem(format!(
                    "{file:?} is outside the corpus or not a plain relative path"
                ))),
            }
        }
    }
    (manifest, problems)
}

/// A row: its line number, the file it names, and the fields it gives.
type Row = (usize, String, Meta);

/// A manifest's rows, and a message for each row that could not be read: one bad row (a stray byte, a
/// broken line) costs that row, not the whole manifest.
type Rows = (Vec<Row>, Vec<String>);

#[derive(Deserialize)]
struct JsonRow {
    #[serde(alias = "path")]
    file: String,
    #[serde(flatten)]
    meta: Meta,
}

fn read_rows(path: &Path) -> Result<Option<Rows>, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut bad = Vec::new();
    if name.ends_with(".jsonl") {
        let bytes = fs::read(path).map_err(|e| e.to_string())?;
        let mut rows = Vec::new();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.trim_ascii().is_empty() {
                continue;
            }
            match serde_json::from_slice::<JsonRow>(line) {
                Ok(row) => rows.push((i + 1, row.file, row.meta)),
                Err(e) => bad.push(format!("line {}: {e}", i + 1)),
            }
        }
        return Ok(Some((rows, bad)));
    }
    let delimiter = if name.ends_with(".tsv") { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_path(path)
        .map_err(|e| e.to_string())?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let Some(file_col) = column(&FILE_COLUMNS) else {
        return Ok(None);
    };
    let cols = [
        column(&["title"]),
        column(&["date", "published"]),
        column(&["speaker"]),
        column(&["country", "country_code", "iso"]),
        column(&["kind"]),
        column(&["url", "link"]),
    ];
    if cols.iter().all(Option::is_none) {
        return Ok(None);
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                bad.push(format!("row {}: {e}", i + 2));
                continue;
            }
        };
        let get = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let Some(file) = get(Some(file_col)) else {
            continue;
        };
        let meta = Meta {
            title: get(cols[0]),
            date: get(cols[1]),
            speaker: get(cols[2]),
            country: get(cols[3]),
            kind: get(cols[4]),
            url: get(cols[5]),
        };
        rows.push((i + 2, file, meta));
    }
    Ok(Some((rows, bad)))
}

/// `file` joined to `folder` as a corpus-relative path, or `None` when it is absolute or climbs out.
fn inside(folder: &Path, file: &str) -> Option<String> {
    let file = file.replace('\\', "/");
    if file.starts_with('/') || file.contains(':') {
        return None;
    }
    let mut parts: Vec<String> = folder
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for part in file.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p.to_string()),
        }
    }
    (!parts.is_empty()).then(|| relative(Path::new(""), Path::new(&parts.join("/"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_corpus() {
        let f = Path::new("sub");
        assert_eq!(inside(f, "a.txt").as_deref(), Some("sub/a.txt"));
        assert_eq!(inside(f, "./x/../b.txt").as_deref(), Some("sub/b.txt"));
        assert_eq!(inside(f, "../top.txt").as_deref(), Some("top.txt"));
        assert_eq!(inside(f, "../../etc/passwd"), None);
        assert_eq!(inside(Path::new(""), "/etc/passwd"), None);
        assert_eq!(inside(Path::new(""), "C:/x"), None);
    }

    #[test]
    fn a_bad_row_costs_that_row_only() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("meta.csv"),
            b"file,speaker\na.txt,Ana Lima\nb.txt,Jorge \xff Ferro\nc.txt,Rosa Ruiz\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("manifest.jsonl"),
            b"{\"file\":\"d.txt\",\"title\":\"D\"}\n{\"file\":\"e.txt\",\"title\":\"E\xff\"}\n{oops\n{\"file\":\"f.txt\",\"title\":\"F\"}\n",
        )
        .unwrap();
        let paths = ["meta.csv", "manifest.jsonl"].map(String::from);
        let (m, problems) = load(dir.path(), &paths);
        let found: Vec<bool> = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
            .iter()
            .map(|f| m.get(f).is_some())
            .collect();
        assert_eq!(found, [true, false, true, true, false, true]);
        let reasons: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.rel, p.reason))
            .collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(reasons[0].starts_with("meta.csv: row 3: "), "{reasons:?}");
        assert!(
            reasons[1].starts_with("manifest.jsonl: line 2: "),
            "{reasons:?}"
        );
        assert!(
            reasons[2].starts_with("manifest.jsonl: line 3: "),
            "{reasons:?}"
        );
    }

    #[test]
    fn csv_tsv_and_jsonl_manifests() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("s")).unwrap();
        fs::write(
            dir.path().join("s/meta.csv"),
            "file,speaker,country,date\na.txt,Ana Lima,BRA,1999\n../../x.txt,X,USA,2000\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("urls.tsv"),
            "file\turl\nb.html\thttps://x.cn/b\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("manifest.jsonl"),
            "{\"file\":\"c.txt\",\"title\":\"C\"}\n",
        )
        .unwrap();
        fs::write(dir.path().join("data.csv"), "a,b\n1,2\n").unwrap();
        let paths: Vec<String> = ["s/meta.csv", "urls.tsv", "manifest.jsonl", "data.csv"]
            .map(String::from)
            .to_vec();
        let (m, problems) = load(dir.path(), &paths);
        assert_eq!(m.len(), 3);
        let a = m.get("s/a.txt").unwrap();
        assert_eq!(a.speaker.as_deref(), Some("Ana Lima"));
        assert_eq!(a.date.as_deref(), Some("1999"));
        assert_eq!(
            m.get("b.html").unwrap().url.as_deref(),
            Some("https://x.cn/b")
        );
        assert_eq!(m.get("c.txt").unwrap().title.as_deref(), Some("C"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].rel.contains("row 3"), "{problems:?}");
        assert_ne!(a.signature(), m.get("c.txt").unwrap().signature());
    }
}
