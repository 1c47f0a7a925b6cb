//! The corpus folders an index reads, and the name each gives its files there: the payload of a commit.
//!
//! An index of one folder names each file by its path relative to that folder, as it always has. An
//! index of several names the first folder's files the same way and every other folder's as
//! `<folder name>/<relative path>`, so that two folders holding `2021/call.txt` stay two sources. The
//! names are chosen when a folder joins the index and recorded beside its path, so that they never move
//! while it stays.
//!
//! The list rides in tantivy's commit payload (`meta.json`), written with the paragraphs it describes.
//! An index of one folder writes the folder's path alone, as indexes did before they could hold several,
//! and an older index's path alone reads as a list of one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One corpus folder of an index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusFolder {
    /// The folder, as an absolute path.
    pub path: PathBuf,
    /// What its files' names in the index start with (`<name>/`); empty for the first folder, whose
    /// files are named by their relative paths alone.
    pub name: String,
}

impl CorpusFolder {
    /// The name in the index of the folder's file at `rel` (relative to the folder, `/`-separated).
    pub fn key(&self, rel: &str) -> String {
        if self.name.is_empty() {
            rel.to_string()
        } else {
            format!("{}/{rel}", self.name)
        }
    }
}

/// The corpus folders of an index, in the order they joined it. Never empty; the first folder, and only
/// it, has an empty name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corpora {
    folders: Vec<CorpusFolder>,
}

/// The payload of an index of several folders.
#[derive(Serialize, Deserialize)]
struct Payload {
    corpora: Vec<CorpusFolder>,
}

impl Corpora {
    /// An index of the one folder `path` (absolute).
    pub fn one(path: PathBuf) -> Corpora {
        Corpora {
            folders: vec![CorpusFolder {
                path,
                name: String::new(),
            }],
        }
    }

    /// The folders `paths` (absolute, distinct, at least one) in this order, named: the first bare; each
    /// other keeps the name it had in `old` where it can, else takes its own base name, numbered (`-2`,
    /// `-3`, …) when another folder has it or `taken` says the first folder's files use it (a folder or
    /// file of that name at the top of the first folder).
    pub fn named(
        paths: &[PathBuf],
        old: Option<&Corpora>,
        taken: impl Fn(&str) -> bool,
    ) -> Corpora {
        let mut folders: Vec<CorpusFolder> = Vec::with_capacity(paths.len());
        for (i, path) in paths.iter().enumerate() {
            let name = if i == 0 {
                String::new()
            } else {
                let free =
                    |name: &str| !taken(name) && folders.iter().all(|f| f.name.as_str() != name);
                let kept = old
                    .and_then(|old| old.folder(path))
                    .map(|f| f.name.clone())
                    .filter(|name| !name.is_empty() && free(name));
                kept.unwrap_or_else(|| {
                    let base = base_name(path);
                    std::iter::once(base.clone())
                        .chain((2..).map(|n| format!("{base}-{n}")))
                        .find(|name| free(name))
                        .expect("an endless list of names has a free one")
                })
            };
            folders.push(CorpusFolder {
                path: path.clone(),
                name,
            });
        }
        Corpora { folders }
    }

    /// The folders, in order.
    pub fn folders(&self) -> &[CorpusFolder] {
        &self.folders
    }

    /// The folder at `path`, if it is one of these.
    pub fn folder(&self, path: &Path) -> Option<&CorpusFolder> {
        self.folders.iter().find(|f| f.path == path)
    }

    /// The folder whose file a name in the index is, and the file's path relative to it.
    pub fn owner<'k>(&self, key: &'k str) -> (&CorpusFolder, &'k str) {
        if let Some((head, rest)) = key.split_once('/') {
            if let Some(folder) = self.folders[1..].iter().find(|f| f.name == head) {
                return (folder, rest);
            }
        }
        (&self.folders[0], key)
    }

    /// The folder of another, named folder whose files' names a file of the first folder at `rel` would
    /// take: such a file cannot be indexed under its name.
    pub fn shadowing(&self, rel: &str) -> Option<&CorpusFolder> {
        let head = rel.split_once('/')?.0;
        self.folders[1..].iter().find(|f| f.name == head)
    }

    /// The payload recording these folders: the path alone for one folder (as indexes always wrote it),
    /// a JSON object for several.
    pub fn encode(&self) -> String {
        match &self.folders[..] {
            [only] if only.name.is_empty() => only.path.to_string_lossy().into_owned(),
            folders => serde_json::to_string(&Payload {
                corpora: folders.to_vec(),
            })
            .expect("paths and names serialize"),
        }
    }

    /// Reads a payload back: a folder's path alone, or the object [`Corpora::encode`] writes for several.
    /// `Err` names what is wrong with an object that does not describe a list of folders.
    pub fn decode(payload: &str) -> Result<Corpora, String> {
        if !payload.starts_with('{') {
            return Ok(Corpora::one(PathBuf::from(payload)));
        }
        let Payload { corpora } = serde_json::from_str(payload)
            .map_err(|e| format!("its corpus folders do not read: {e}"))?;
        let corpora = Corpora { folders: corpora };
        corpora.check()?;
        Ok(corpora)
    }

    fn check(&self) -> Result<(), String> {
        let Some((first, rest)) = self.folders.split_first() else {
            return Err("it records no corpus folder".into());
        };
        if !first.name.is_empty() {
            return Err(format!("its first corpus folder is named {:?}", first.name));
        }
        for (i, f) in rest.iter().enumerate() {
            if f.name.is_empty()
                || f.name.contains('/')
                || rest[..i].iter().any(|g| g.name == f.name)
            {
                return Err(format!(
                    "its corpus folder {} has the name {:?}",
                    f.path.display(),
                    f.name
                ));
            }
        }
        Ok(())
    }
}

/// The last component of a folder's path, as a name for its files: `corpus` for a root.
fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().replace('/', "_"))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "corpus".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    fn names(corpora: &Corpora) -> Vec<&str> {
        corpora.folders().iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn one_folder_is_recorded_as_its_path_alone_as_before() {
        let one = Corpora::one(PathBuf::from("/data/corpus"));
        assert_eq!(one.encode(), "/data/corpus");
        assert_eq!(Corpora::decode("/data/corpus"), Ok(one.clone()));
        assert_eq!(one.folders()[0].key("2021/call.txt"), "2021/call.txt");
        assert_eq!(one.owner("2021/call.txt").1, "2021/call.txt");
    }

    #[test]
    fn several_folders_read_back_with_their_names() {
        let corpora = Corpora::named(&paths(&["/a/mfa", "/b/pmo", "/c/pmo"]), None, |_| false);
        assert_eq!(names(&corpora), ["", "pmo", "pmo-2"]);
        let payload = corpora.encode();
        assert!(payload.starts_with('{'), "{payload}");
        assert_eq!(Corpora::decode(&payload), Ok(corpora.clone()));
    }

    #[test]
    fn a_name_is_the_folder_of_its_files() {
        let corpora = Corpora::named(&paths(&["/a/mfa", "/b/pmo"]), None, |_| false);
        let pmo = &corpora.folders()[1];
        assert_eq!(pmo.key("2021/call.txt"), "pmo/2021/call.txt");
        let (owner, rel) = corpora.owner("pmo/2021/call.txt");
        assert_eq!(
            (owner.path.as_path(), rel),
            (Path::new("/b/pmo"), "2021/call.txt")
        );
        let (owner, rel) = corpora.owner("2021/call.txt");
        assert_eq!(
            (owner.path.as_path(), rel),
            (Path::new("/a/mfa"), "2021/call.txt")
        );
        assert_eq!(
            corpora.shadowing("pmo/x.txt").map(|f| &f.name),
            Some(&pmo.name)
        );
        assert!(corpora.shadowing("pmo.txt").is_none());
    }

    #[test]
    fn names_avoid_the_first_folders_own_and_stay_while_their_folders_do() {
        // The first folder has a `pmo/` of its own: another folder named pmo takes another name.
        let corpora = Corpora::named(&paths(&["/a/mfa", "/b/pmo"]), None, |n| n == "pmo");
        assert_eq!(names(&corpora), ["", "pmo-2"]);
        // Adding a folder keeps the names of those already there.
        let more = Corpora::named(
            &paths(&["/a/mfa", "/b/pmo", "/d/pmo"]),
            Some(&corpora),
            |_| false,
        );
        assert_eq!(names(&more), ["", "pmo-2", "pmo"]);
        // A folder that becomes the first is bare.
        let fewer = Corpora::named(&paths(&["/b/pmo", "/d/pmo"]), Some(&more), |_| false);
        assert_eq!(names(&fewer), ["", "pmo"]);
    }

    #[test]
    fn a_payload_that_names_folders_badly_is_refused() {
        for bad in [
            r#"{"corpora":[]}"#,
            r#"{"corpora":[{"path":"/a","name":"x"}]}"#,
            r#"{"corpora":[{"path":"/a","name":""},{"path":"/b","name":""}]}"#,
            r#"{"corpora":[{"path":"/a","name":""},{"path":"/b","name":"b"},{"path":"/c","name":"b"}]}"#,
            r#"{"corpora":[{"path":"/a","name":""},{"path":"/b","name":"b/c"}]}"#,
            r#"{"folders":"/a"}"#,
        ] {
            assert!(Corpora::decode(bad).is_err(), "{bad}");
        }
    }
}
