//! `totals.tsv`: every paragraph and word of the last commit per year and per month, and per period and
//! country or kind, for `trend`, which divides its matches by them.
//!
//! Summing them at search time meant reading the year and word-count columns of every paragraph: 7 ms of
//! a 10 ms `trend` process on the 373,627 paragraphs of the UN General Debate corpus, where the matches
//! took 0.3 ms. A commit that changed paragraphs sums them once, from the columns of the segments it left
//! (after their merges), and writes them here; a search reads the few lines it needs.
//!
//! The file names the segments it was summed from, each with its count of deleted documents (deletes
//! only ever add to a segment's, so the two name its live documents exactly). A search uses it only
//! when they are the very segments it searches: a commit made since, a build cut short before writing
//! the file, or another process's merge all make it stale, and the search sums the columns itself, as
//! before. Nothing here needs to be atomic with the commit, only to be whole, which a write to a scratch
//! file then a rename gives, and sound, which a hash of its lines checks.
//!
//! One line per figure set, `<key>\t<JSON [[period, paragraphs, words], …]>`, periods in order:
//! `year`, `month`, and `year/country/CHN`, `month/kind/speech`… for each group. The first line holds the
//! hash of the others, the second the segments.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::Field;
use tantivy::Searcher;

use super::Store;
use crate::error::{Error, Result};
use crate::schema::Fields;

/// The file in the index folder.
pub(crate) const TOTALS_FILE: &str = "totals.tsv";
/// Where a new one is written before it replaces the old.
const TOTALS_SCRATCH: &str = ".totals.tsv.new";
/// What the first line starts with, before the hash of the rest.
const HEADER: &str = "demarche-totals 1\t";

/// Paragraphs and words of one period.
pub(crate) type Sums = (u64, u64);

/// The periods totals are kept for.
fn periods(f: &Fields) -> [Field; 2] {
    [f.year, f.month]
}

/// The groups totals are kept for within each period.
fn groups(f: &Fields) -> [Field; 2] {
    [f.country, f.kind]
}

/// Every period's sums in one set of paragraphs, in order.
pub(crate) type Series = BTreeMap<i64, Sums>;

/// The totals of one commit, as read back: the lines of the file, looked up by key.
pub(crate) struct Totals {
    text: String,
    schema: tantivy::schema::Schema,
    periods: [Field; 2],
    groups: [Field; 2],
}

impl Totals {
    /// The name of a period field totals are kept for.
    fn period(&self, field: Field) -> Option<&str> {
        self.periods
            .contains(&field)
            .then(|| self.schema.get_field_name(field))
    }

    /// The name of a group field totals are kept for.
    fn group(&self, field: Field) -> Option<&str> {
        self.groups
            .contains(&field)
            .then(|| self.schema.get_field_name(field))
    }

    /// The sums of every paragraph per `period` (year or month); `None` when not kept.
    pub(crate) fn all(&self, period: Field) -> Option<Series> {
        Some(self.series(self.period(period)?).unwrap_or_default())
    }

    /// The sums per `period` of the paragraphs whose `group` field holds `value` (country `CHN`); `None`
    /// when not kept. A value no paragraph has is an empty series.
    pub(crate) fn of(&self, period: Field, group: Field, value: &str) -> Option<Series> {
        let key = format!("{}/{}/{value}", self.period(period)?, self.group(group)?);
        Some(self.series(&key).unwrap_or_default())
    }

    /// The sums per `period` of each value of `group`; `None` when not kept.
    pub(crate) fn split(&self, period: Field, group: Field) -> Option<BTreeMap<String, Series>> {
        let prefix = format!("{}/{}/", self.period(period)?, self.group(group)?);
        let mut groups = BTreeMap::new();
        for line in self.text.lines() {
            let Some((key, json)) = line.split_once('\t') else {
                continue;
            };
            if let Some(value) = key.strip_prefix(&prefix) {
                groups.insert(value.to_string(), parse(json)?);
            }
        }
        Some(groups)
    }

    /// Every line of sums, as [`sum`] gives them; `None` when one does not read.
    pub(crate) fn summed(&self) -> Option<Summed> {
        let mut summed = Summed::default();
        for line in self.text.lines().skip(2) {
            let (key, json) = line.split_once('\t')?;
            summed.0.insert(key.to_string(), parse(json)?);
        }
        Some(summed)
    }

    fn series(&self, key: &str) -> Option<Series> {
        self.text.lines().find_map(|line| {
            let (k, json) = line.split_once('\t')?;
            (k == key).then(|| parse(json)).flatten()
        })
    }
}

fn parse(json: &str) -> Option<Series> {
    let rows: Vec<(i64, u64, u64)> = serde_json::from_str(json).ok()?;
    Some(rows.into_iter().map(|(p, n, w)| (p, (n, w))).collect())
}

/// The segments of a searcher, each with its deleted documents: `<id>:<deleted> …`, sorted.
fn segments(searcher: &Searcher) -> String {
    let mut ids: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|s| format!("{}:{}", s.segment_id().uuid_string(), s.num_deleted_docs()))
        .collect();
    ids.sort();
    ids.join(" ")
}

/// Where a segment's sums go: the period field, and the group field with the value's ordinal (none for
/// every paragraph), each by its place in [`periods`] and [`groups`].
type Slot = (usize, Option<(usize, u64)>);

/// Everything summed from one commit, by key.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Summed(pub(crate) BTreeMap<String, Series>);

/// Sums the live paragraphs of every segment `searcher` holds: one pass over the columns of each. File
/// records have no year, so they fall out by themselves.
pub(crate) fn sum(searcher: &Searcher, f: &Fields) -> tantivy::Result<Summed> {
    let schema = searcher.schema();
    let name = |field| schema.get_field_name(field);
    let period_names = periods(f).map(name);
    let group_names = groups(f).map(name);
    let mut summed: BTreeMap<String, Series> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let periods: Vec<Column<i64>> = period_names
            .iter()
            .map(|p| ff.i64(p))
            .collect::<tantivy::Result<_>>()?;
        let words = ff.u64(name(f.words))?;
        let groups: Vec<Option<StrColumn>> = group_names
            .iter()
            .map(|g| ff.str(g))
            .collect::<tantivy::Result<_>>()?;
        // Sums of this segment by (period field, group field and ordinal) then period.
        let mut local: BTreeMap<Slot, Series> = BTreeMap::new();
        let alive = segment.alive_bitset();
        let mut ords = Vec::new();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let w = words.first(doc).unwrap_or(0);
            ords.clear();
            for (g, column) in groups.iter().enumerate() {
                if let Some(column) = column {
                    ords.extend(column.term_ords(doc).map(|o| (g, o)));
                }
            }
            for (p, column) in periods.iter().enumerate() {
                let Some(period) = column.first(doc) else {
                    continue;
                };
                let mut add = |group| {
                    let e = local
                        .entry((p, group))
                        .or_default()
                        .entry(period)
                        .or_default();
                    e.0 += 1;
                    e.1 += w;
                };
                add(None);
                for &o in &ords {
                    add(Some(o));
                }
            }
        }
        // The ordinals' values, per group column.
        let mut names = Vec::new();
        for (g, column) in groups.iter().enumerate() {
            names.push(match column {
                Some(column) => crate::analysis::names(
                    column,
                    local
                        .keys()
                        .filter_map(|k| k.1.filter(|o| o.0 == g).map(|o| o.1)),
                )?,
                None => Default::default(),
            });
        }
        for ((p, group), series) in local {
            let key = match group {
                None => period_names[p].to_string(),
                Some((g, o)) => format!("{}/{}/{}", period_names[p], group_names[g], names[g][&o]),
            };
            let sums = summed.entry(key).or_default();
            for (period, (n, w)) in series {
                let e = sums.entry(period).or_default();
                e.0 += n;
                e.1 += w;
            }
        }
    }
    Ok(Summed(summed))
}

impl Store {
    /// The totals of the commit `searcher` holds, when they were kept for it and read back whole; `None`
    /// otherwise, and the caller sums the columns itself.
    pub(crate) fn totals(&self, searcher: &Searcher) -> Option<Totals> {
        let text = fs::read_to_string(self.path.join(TOTALS_FILE)).ok()?;
        let (first, rest) = text.split_once('\n')?;
        let hash = first.strip_prefix(HEADER)?;
        if u64::from_str_radix(hash, 16).ok()? != xxhash_rust::xxh3::xxh3_64(rest.as_bytes()) {
            return None;
        }
        let (second, _) = rest.split_once('\n')?;
        if second.strip_prefix("segments\t")? != segments(searcher) {
            return None;
        }
        Some(Totals {
            text,
            schema: self.index.schema(),
            periods: periods(&self.fields),
            groups: groups(&self.fields),
        })
    }

    /// Writes the totals of the last commit when they are missing or another commit's (a build killed
    /// before writing them, an index built before they were kept), so that a run with nothing to change
    /// brings them up to date. The caller holds the writer lock.
    pub(super) fn refresh_totals(&self) -> Result<()> {
        let fresh =
            self.searching(|s| Ok(s.segment_readers().is_empty() || self.totals(s).is_some()))?;
        if fresh {
            Ok(())
        } else {
            self.keep_totals()
        }
    }

    /// Sums the last commit and writes its totals. The caller holds the writer lock.
    pub(super) fn keep_totals(&self) -> Result<()> {
        let (summed, segments) = self.searching(|searcher| {
            let summed = sum(searcher, &self.fields)
                .map_err(|e| self.err("summing paragraphs and words", e))?;
            Ok((summed, segments(searcher)))
        })?;
        let mut rest = format!("segments\t{segments}\n");
        for (key, series) in &summed.0 {
            let rows: Vec<(i64, u64, u64)> = series.iter().map(|(&p, &(n, w))| (p, n, w)).collect();
            rest.push_str(key);
            rest.push('\t');
            rest.push_str(&serde_json::to_string(&rows).expect("numbers"));
            rest.push('\n');
        }
        self.write_totals(&rest)
    }

    /// Replaces the file with the lines `rest`, under the hash of them.
    fn write_totals(&self, rest: &str) -> Result<()> {
        let text = format!(
            "{HEADER}{:016x}\n{rest}",
            xxhash_rust::xxh3::xxh3_64(rest.as_bytes())
        );
        let scratch = self.path.join(TOTALS_SCRATCH);
        let write = || -> io::Result<()> {
            let mut file = fs::File::create(&scratch)?;
            file.write_all(text.as_bytes())?;
            file.sync_data()
        };
        write().map_err(|e| Error::io(&scratch, e))?;
        let path = self.path.join(TOTALS_FILE);
        fs::rename(&scratch, &path).map_err(|e| Error::io(&path, e))?;
        // Permissions like the format stamp's, for an index a group shares.
        if let Ok(meta) = fs::metadata(self.path.join(super::seal::FORMAT_FILE)) {
            fs::set_permissions(&path, meta.permissions()).map_err(|e| Error::io(&path, e))?;
        }
        Ok(())
    }
}

/// True for the scratch file of a write of the totals cut short.
pub(super) fn is_scratch(name: &str) -> bool {
    name == TOTALS_SCRATCH
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{self, Options};

    #[test]
    fn totals_that_disagree_with_the_columns_are_reported_by_verify() {
        let (dir, index) = super::super::one_readout_index();
        let corpus = dir.path().join("corpus");
        let text = fs::read_to_string(index.join(TOTALS_FILE)).unwrap();
        let (_, rest) = text.split_once('\n').unwrap();
        assert!(rest.contains("year\t[[2022,1,"), "{rest}");
        assert!(rest.contains("year/country/NOR\t[[2022,1,"), "{rest}");
        assert!(crate::verify::verify(&index).unwrap().is_sound());
        let store = Store::open(&index).unwrap();
        store
            .write_totals(&rest.replace("year\t[[2022,1,", "year\t[[2022,2,"))
            .unwrap();
        let report = crate::verify::verify(&index).unwrap();
        assert!(
            report.problems.iter().any(|p| p.contains(TOTALS_FILE)),
            "{report:?}"
        );
        // A file whose lines no longer match their hash is not read at all.
        fs::write(
            index.join(TOTALS_FILE),
            text.replace("[[2022,1,", "[[2022,3,"),
        )
        .unwrap();
        assert!(store.searching(|s| Ok(store.totals(s).is_none())).unwrap());
        drop(store);
        // A build with nothing to change writes them again, as when a killed build left none.
        fs::remove_file(index.join(TOTALS_FILE)).unwrap();
        build::build(&Options::new(&corpus, &index), &mut build::Quiet).unwrap();
        assert_eq!(fs::read_to_string(index.join(TOTALS_FILE)).unwrap(), text);
    }
}
