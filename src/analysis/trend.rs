//! `trend`: per period (and group), the matching paragraphs and the occurrences of the query's words,
//! beside all paragraphs and words of that period (and group), and the rate per 10,000 words.
//!
//! The totals are read from those the last commit kept (`index/totals.tsv`) when the filters and split
//! are among those kept for; otherwise they are a histogram aggregation over the paragraphs the filters
//! keep (the query left out), with the sum of each paragraph's word count, or without filters a sum down
//! the columns. Either way the periods run without gaps from the first to the last, so a period with no
//! match is a row of zeros. The matches are one pass over the matching paragraphs that reads the period
//! and group from fast fields and counts occurrences from positions.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggregationCollector, Key};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::count::{aggregations, buckets, context, key};
use super::occurrences::{Counter, Patterns};
use super::{period_label, Group};
use crate::error::{Error, Result};
use crate::index::Store;
use crate::search::{self, Request};

/// One period's (and group's) figures.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Row {
    /// The year, or `YYYY-MM`.
    pub period: String,
    /// The group (`--split`), or none.
    pub group: Option<String>,
    /// Matching paragraphs.
    pub paragraphs: u64,
    /// Occurrences of the query's words and phrases in them.
    pub occurrences: u64,
    /// Paragraphs the filters keep in the period (and group), matching or not.
    pub total_paragraphs: u64,
    /// Words of those paragraphs.
    pub total_words: u64,
    /// `occurrences` per 10,000 of `total_words`; 0 when there are no words.
    pub per_10k_words: f64,
}

/// A trend's rows, and how many matching paragraphs fell in no period.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// Every period (and group), in order.
    pub rows: Vec<Row>,
    /// Matching paragraphs without the period's field: no month for a statement known by its year
    /// alone, no year for an undated one.
    pub unplaced: u64,
}

/// The key under which the matching pass counts paragraphs in no period.
const UNPLACED: (i64, Option<String>) = (i64::MIN, None);

/// Figures of one period and group, as the matching pass adds them up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    paragraphs: u64,
    occurrences: u64,
}

/// Most groups a split keeps.
const MAX_GROUPS: u32 = 1_000_000;

/// The trend of the request's query by `period` (year or month), split by `split`, keeping the `top`
/// groups with the most matching paragraphs.
pub fn trend(
    store: &Store,
    request: &Request,
    period: Group,
    split: Option<Group>,
    top: Option<usize>,
) -> Result<Trend> {
    let compiled = search::compile(store, request)?;
    let schema = store.index().schema();
    let f = store.fields();
    let name = |field| schema.get_field_name(field).to_string();
    let matches = Matches {
        period: name(period.field(f)),
        split: split.map(|s| name(s.field(f))),
        patterns: Patterns::new(f.text, &compiled.patterns),
    };
    let all = Request {
        query: String::new(),
        ..request.clone()
    };
    let filtered = search::compile(store, &all)?;
    let words = json!({"sum": {"field": name(f.words)}});
    let mut per_period = json!({
        "histogram": {"field": name(period.field(f)), "interval": 1, "min_doc_count": 0},
        "aggs": {"words": words}
    });
    if let Some(split) = split {
        per_period["aggs"]["groups"] = json!({
            "terms": {"field": name(split.field(f)), "size": MAX_GROUPS},
            "aggs": {"words": words}
        });
    }
    let totals = AggregationCollector::from_aggs(
        aggregations(json!({ "periods": per_period }))?,
        context(store),
    );
    // Without filters nor split, the totals are every paragraph's: read straight from the columns.
    let unfiltered = split.is_none()
        && request.speaker.is_none()
        && request.countries.is_empty()
        && request.from.is_none()
        && request.to.is_none()
        && request.source.is_none()
        && request.roles.is_empty()
        && request.kinds.is_empty();
    let (mut matched, totals) = store.searching(|searcher| {
        let matched = searcher
            .search(&compiled.query, &matches)
            .map_err(|e| Error::index("counting matches", e))?;
        let totals = if let Some(kept) = kept_totals(store, searcher, request, period, split) {
            kept
        } else if unfiltered {
            scan_totals(searcher, &name(period.field(f)), &name(f.words))?
        } else {
            let results = searcher
                .search(&filtered.query, &totals)
                .map_err(|e| Error::index("counting paragraphs and words", e))?;
            period_totals(&results, period)
        };
        Ok((matched, totals))
    })?;
    let unplaced = matched.remove(&UNPLACED).map_or(0, |t| t.paragraphs);
    // The groups kept: those with the most matching paragraphs over every period.
    let groups: Option<Vec<String>> = split.map(|_| {
        let mut by_group: HashMap<&str, u64> = HashMap::new();
        for ((_, g), t) in &matched {
            if let Some(g) = g {
                *by_group.entry(g.as_str()).or_default() += t.paragraphs;
            }
        }
        let mut ranked: Vec<(&str, u64)> = by_group.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        if let Some(top) = top {
            ranked.truncate(top);
        }
        ranked.into_iter().map(|(g, _)| g.to_string()).collect()
    });
    let mut rows = Vec::new();
    for totals in totals {
        let number = totals.period;
        let label = period_label(period, number);
        let mut row = |group: Option<String>, total_paragraphs: u64, total_words: u64| {
            let t = matched
                .get(&(number, group.clone()))
                .copied()
                .unwrap_or_default();
            rows.push(Row {
                period: label.clone(),
                group,
                paragraphs: t.paragraphs,
                occurrences: t.occurrences,
                total_paragraphs,
                total_words,
                per_10k_words: rate(t.occurrences, total_words),
            });
        };
        match &groups {
            None => row(None, totals.paragraphs, totals.words),
            Some(groups) => {
                for g in groups {
                    let (n, w) = totals.groups.get(g).copied().unwrap_or_default();
                    row(Some(g.clone()), n, w);
                }
            }
        }
    }
    Ok(Trend { rows, unplaced })
}

/// The totals the last commit kept (see [`Store::totals`]), when they are those of this searcher and
/// the request's filters and split are among those kept: none, one country or one kind, whole years, a
/// split by country or by kind (without a country or kind). Every period from the first to the last, as the aggregation
/// gives them.
fn kept_totals(
    store: &Store,
    searcher: &tantivy::Searcher,
    request: &Request,
    period: Group,
    split: Option<Group>,
) -> Option<Vec<PeriodTotals>> {
    if request.speaker.is_some() || request.source.is_some() || !request.roles.is_empty() {
        return None;
    }
    // Dates from the first day of a year to the last of one keep whole periods.
    let years = search::whole_years(request.from, request.to)?;
    let kept = |p: &i64| match period {
        Group::Month => years.contains(&p.div_euclid(12)),
        _ => years.contains(p),
    };
    let f = store.fields();
    let by = period.field(f);
    let (mut series, mut groups) = match (request.countries.as_slice(), &request.kinds[..], split) {
        ([], [], None) => (store.totals(searcher)?.all(by)?, None),
        ([country], [], None) => (
            store
                .totals(searcher)?
                .of(by, f.country, country.as_str())?,
            None,
        ),
        ([], [kind], None) => (store.totals(searcher)?.of(by, f.kind, kind.as_str())?, None),
        ([], [], Some(split @ (Group::Country | Group::Kind))) => {
            let totals = store.totals(searcher)?;
            (totals.all(by)?, Some(totals.split(by, split.field(f))?))
        }
        _ => return None,
    };
    series.retain(|p, _| kept(p));
    for s in groups.iter_mut().flat_map(|g| g.values_mut()) {
        s.retain(|p, _| kept(p));
    }
    let (Some(&first), Some(&last)) = (series.keys().next(), series.keys().next_back()) else {
        return Some(Vec::new());
    };
    Some(
        (first..=last)
            .map(|p| {
                let (paragraphs, words) = series.get(&p).copied().unwrap_or_default();
                let groups = groups
                    .iter()
                    .flatten()
                    .filter_map(|(g, s)| Some((g.clone(), *s.get(&p)?)))
                    .collect();
                PeriodTotals {
                    period: p,
                    paragraphs,
                    words,
                    groups,
                }
            })
            .collect(),
    )
}

/// All paragraphs and words of one period, and of each group in it.
struct PeriodTotals {
    period: i64,
    paragraphs: u64,
    words: u64,
    groups: HashMap<String, (u64, u64)>,
}

/// The totals of the histogram aggregation's buckets, every period from the first to the last.
fn period_totals(results: &AggregationResults, period: Group) -> Vec<PeriodTotals> {
    buckets(results.0.get("periods"))
        .iter()
        .filter_map(|bucket| {
            let number = match &bucket.key {
                Key::F64(n) => *n as i64,
                Key::I64(n) => *n,
                Key::U64(n) => *n as i64,
                Key::Str(_) => return None,
            };
            Some(PeriodTotals {
                period: number,
                paragraphs: bucket.doc_count,
                words: sum(&bucket.sub_aggregation),
                groups: buckets(bucket.sub_aggregation.0.get("groups"))
                    .iter()
                    .map(|g| (key(period, &g.key), (g.doc_count, sum(&g.sub_aggregation))))
                    .collect(),
            })
        })
        .collect()
}

/// Rows read from the columns at a time.
const SCAN_BLOCK: usize = 4096;

/// Every live paragraph's period and words, summed per period straight from the columns, every period
/// from the first to the last: what the histogram aggregation gives for a request without filters, which
/// spent 10 ms on the 373,627 paragraphs of the UN corpus looking up each document's value one at a time
/// (a trend process took 4.7 times a `search --count` of the same phrase). Only paragraphs have a
/// period, so file records fall out by themselves. Used when the commit's kept totals cannot be: an
/// index whose last build was cut short before writing them.
fn scan_totals(
    searcher: &tantivy::Searcher,
    period: &str,
    words: &str,
) -> Result<Vec<PeriodTotals>> {
    use tantivy::columnar::{ColumnIndex, ColumnValues};
    let err = |e| Error::index("counting paragraphs and words", e);
    let mut sums: HashMap<i64, (u64, u64)> = HashMap::new();
    let (mut rows, mut periods, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let periods_column = ff.i64(period).map_err(err)?;
        let words_column = ff.u64(words).map_err(err)?;
        let n = periods_column.values.num_vals();
        if n == 0 {
            continue;
        }
        // Sums of this segment, by period less the column's least.
        let least = periods_column.values.min_value();
        let span = (periods_column.values.max_value() - least) as usize + 1;
        let mut local = vec![(0u64, 0u64); span];
        let alive = segment.alive_bitset();
        let dense_words = matches!(words_column.index, ColumnIndex::Full);
        let mut start = 0u32;
        while start < n {
            let end = (start + SCAN_BLOCK as u32).min(n);
            let len = (end - start) as usize;
            periods.resize(len, 0);
            periods_column
                .values
                .get_range(u64::from(start), &mut periods);
            // Row numbers of the block, made document ids in place.
            rows.clear();
            rows.extend(start..end);
            periods_column.index.select_batch_in_place(0, &mut rows);
            counts.resize(len, 0);
            if dense_words {
                words_column.values.get_vals(&rows, &mut counts);
            } else {
                let mut optional = vec![None; len];
                words_column.first_vals(&rows, &mut optional);
                for (c, o) in counts.iter_mut().zip(optional) {
                    *c = o.unwrap_or(0);
                }
            }
            for ((doc, p), w) in rows.iter().zip(&periods).zip(&counts) {
                if alive.is_some_and(|a| !a.is_alive(*doc)) {
                    continue;
                }
                let e = &mut local[(p - least) as usize];
                e.0 += 1;
                e.1 += w;
            }
            start = end;
        }
        for (i, (paragraphs, words)) in local.into_iter().enumerate() {
            if paragraphs > 0 {
                let e = sums.entry(least + i as i64).or_default();
                e.0 += paragraphs;
                e.1 += words;
            }
        }
    }
    let (Some(&first), Some(&last)) = (sums.keys().min(), sums.keys().max()) else {
        return Ok(Vec::new());
    };
    Ok((first..=last)
        .map(|p| {
            let (paragraphs, words) = sums.get(&p).copied().unwrap_or_default();
            PeriodTotals {
                period: p,
                paragraphs,
                words,
                groups: HashMap::new(),
            }
        })
        .collect())
}

/// The `words` sum of an aggregation's buckets.
fn sum(results: &AggregationResults) -> u64 {
    use tantivy::aggregation::agg_result::{AggregationResult, MetricResult};
    match results.0.get("words") {
        Some(AggregationResult::MetricResult(MetricResult::Sum(s))) => {
            s.value.unwrap_or(0.0).round() as u64
        }
        _ => 0,
    }
}

/// Occurrences per 10,000 words, to two decimals.
fn rate(occurrences: u64, words: u64) -> f64 {
    if words == 0 {
        return 0.0;
    }
    (occurrences as f64 * 10_000.0 / words as f64 * 100.0).round() / 100.0
}

/// The pass over matching paragraphs: per period and group, paragraphs and occurrences.
struct Matches {
    period: String,
    split: Option<String>,
    patterns: Patterns,
}

type Fruit = HashMap<(i64, Option<String>), Tally>;

impl Collector for Matches {
    type Fruit = Fruit;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let ff = reader.fast_fields();
        let period = ff.i64(&self.period)?;
        let split = match &self.split {
            Some(name) => ff.str(name)?,
            None => None,
        };
        let counter = self
            .patterns
            .for_segment(reader)
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        Ok(SegmentMatches {
            period,
            split,
            counter,
            tallies: HashMap::new(),
            grouped: self.split.is_some(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<tantivy::Result<Fruit>>) -> tantivy::Result<Fruit> {
        let mut all = Fruit::new();
        for fruit in fruits {
            for (k, t) in fruit? {
                let sum = all.entry(k).or_default();
                sum.paragraphs += t.paragraphs;
                sum.occurrences += t.occurrences;
            }
        }
        Ok(all)
    }
}

/// The matching pass over one segment; groups are term ordinals until the harvest names them.
struct SegmentMatches {
    period: Column<i64>,
    split: Option<StrColumn>,
    counter: Counter,
    tallies: HashMap<(i64, Option<u64>), Tally>,
    grouped: bool,
}

impl SegmentCollector for SegmentMatches {
    type Fruit = tantivy::Result<Fruit>;

    fn collect(&mut self, doc: DocId, _: Score) {
        // A paragraph outside every period (no month, or no year) is in no row, only counted.
        let Some(period) = self.period.first(doc) else {
            self.tallies
                .entry((UNPLACED.0, None))
                .or_default()
                .paragraphs += 1;
            return;
        };
        let occurrences = self.counter.count(doc);
        let mut add = |group: Option<u64>| {
            let t = self.tallies.entry((period, group)).or_default();
            t.paragraphs += 1;
            t.occurrences += occurrences;
        };
        match &self.split {
            Some(column) => column.term_ords(doc).for_each(|o| add(Some(o))),
            None if !self.grouped => add(None),
            // The split field is in no document of this segment.
            None => {}
        }
    }

    fn harvest(self) -> tantivy::Result<Fruit> {
        let mut fruit = Fruit::new();
        let groups = match &self.split {
            Some(column) => super::names(column, self.tallies.keys().filter_map(|k| k.1))?,
            None => HashMap::new(),
        };
        for ((period, ord), t) in self.tallies {
            let group = ord.and_then(|o| groups.get(&o).cloned());
            let sum = fruit.entry((period, group)).or_default();
            sum.paragraphs += t.paragraphs;
            sum.occurrences += t.occurrences;
        }
        Ok(fruit)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;
    use crate::build::{self, FolderChange, Options};
    use crate::gazetteer::CountryCode;
    use crate::parse::{Kind, Role};

    fn records(folder: &Path, lines: &[&str]) {
        fs::create_dir_all(folder).unwrap();
        fs::write(folder.join("records.jsonl"), lines.join("\n") + "\n").unwrap();
    }

    fn build(corpora: &[&Path], index: &Path, change: FolderChange) {
        let mut options = Options::new(corpora[0], index);
        options.corpora = corpora.iter().map(|c| c.to_path_buf()).collect();
        options.change = change;
        // Another test of this binary that starts a process (mkfifo, sh) forks while this one's writer
        // holds the index lock: the child keeps the lock file open until it execs, and a build right
        // after can find the lock still held. The CLI reports that; here it is waited out.
        for _ in 0..100 {
            match build::build(&options, &mut build::Quiet) {
                Err(crate::error::Error::IndexLocked { .. }) => {
                    std::thread::sleep(std::time::Duration::from_millis(20))
                }
                other => return other.map(drop).unwrap(),
            }
        }
        panic!("the index stayed locked");
    }

    /// Every trend whose totals a commit keeps, read from them and summed afresh, and the kept totals
    /// of the whole index against a scan of its columns.
    fn kept_totals_are_those_summed_afresh(index: &Path) {
        let store = Store::open(index).unwrap();
        let f = store.fields();
        store
            .searching(|searcher| {
                let totals = store.totals(searcher).expect("totals kept for this commit");
                let schema = store.index().schema();
                let name = |field| schema.get_field_name(field).to_string();
                let scanned = scan_totals(searcher, &name(f.year), &name(f.words))?;
                let kept = totals.all(f.year).unwrap();
                assert_eq!(
                    scanned
                        .iter()
                        .filter(|t| t.paragraphs > 0)
                        .map(|t| (t.period, (t.paragraphs, t.words)))
                        .collect::<std::collections::BTreeMap<_, _>>(),
                    kept
                );
                assert!(!kept.is_empty());
                Ok(())
            })
            .unwrap();
        let country = |c| Request {
            query: "Taiwan".into(),
            countries: vec![CountryCode::parse(c).unwrap()],
            ..Request::default()
        };
        let dates = |r: &Request, from: &str, to: &str| Request {
            from: Some(from.parse().unwrap()),
            to: Some(to.parse().unwrap()),
            ..r.clone()
        };
        let kinds = |r: &Request, kinds: &[Kind]| Request {
            kinds: kinds.to_vec(),
            ..r.clone()
        };
        let plain = Request {
            query: "Taiwan OR future".into(),
            ..Request::default()
        };
        let cases = [
            (plain.clone(), Group::Year, None),
            (plain.clone(), Group::Month, None),
            (country("CHN"), Group::Year, None),
            (country("CHN"), Group::Month, None),
            (country("NOR"), Group::Year, None),
            (plain.clone(), Group::Year, Some(Group::Country)),
            (plain.clone(), Group::Month, Some(Group::Country)),
            (plain.clone(), Group::Year, Some(Group::Kind)),
            (dates(&plain, "2019-01-01", "2020-12-31"), Group::Year, None),
            (
                dates(&plain, "2019-01-01", "2020-12-31"),
                Group::Month,
                None,
            ),
            (
                dates(&country("CHN"), "2021-01-01", "2021-12-31"),
                Group::Year,
                None,
            ),
            (
                dates(&plain, "2018-01-01", "2019-12-31"),
                Group::Year,
                Some(Group::Kind),
            ),
            (dates(&plain, "2019-06-01", "2020-12-31"), Group::Year, None),
            (kinds(&plain, &[Kind::Speech]), Group::Year, None),
            (kinds(&plain, &[Kind::Speech]), Group::Month, None),
            (
                kinds(&plain, &[Kind::Speech, Kind::Readout]),
                Group::Year,
                None,
            ),
            (
                kinds(&plain, &[Kind::Speech]),
                Group::Year,
                Some(Group::Country),
            ),
            (
                Request {
                    roles: vec![Role::Statement],
                    ..plain.clone()
                },
                Group::Year,
                None,
            ),
        ];
        let kept: Vec<Trend> = cases
            .iter()
            .map(|(r, by, split)| trend(&store, r, *by, *split, None).unwrap())
            .collect();
        fs::rename(index.join("totals.tsv"), index.join("aside")).unwrap();
        for ((r, by, split), kept) in cases.iter().zip(kept) {
            let summed = trend(&store, r, *by, *split, None).unwrap();
            assert_eq!(kept, summed, "{r:?} by {by:?} split {split:?}");
        }
        fs::rename(index.join("aside"), index.join("totals.tsv")).unwrap();
    }

    #[test]
    fn totals_kept_with_each_commit_are_those_a_scan_finds() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, index) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("i"),
        );
        records(
            &a,
            &[
                r#"{"id":"r1","title":"Address","speaker":"Ana Lima","country":"Brazil","date":"2019-03-05","kind":"speech","text":"Taiwan matters to trade\n\nRain fell on the river"}"#,
                r#"{"id":"r2","title":"Briefing","speaker":"Li Wen","country":"China","date":"2019-11-20","kind":"press conference","text":"Taiwan is part of China and Taiwan will stay"}"#,
                r#"{"id":"r3","title":"Call","speaker":"Li Wen","country":"China","date":"2021","kind":"readout","text":"A shared future for Taiwan\n\nNothing more here today"}"#,
            ],
        );
        records(
            &b,
            &[
                r#"{"id":"r4","title":"Remarks","speaker":"John Park","country":"United States","date":"2021-06-30","kind":"speech","text":"We build a shared future together"}"#,
                r#"{"id":"r5","title":"Remarks","speaker":"Kari Dahl","country":"Norway","date":"2017-01-02","kind":"speech","text":"Taiwan and trade\n\nNo more"}"#,
            ],
        );
        build(&[&a], &index, FolderChange::Update);
        kept_totals_are_those_summed_afresh(&index);
        build(&[&b], &index, FolderChange::Add);
        kept_totals_are_those_summed_afresh(&index);
        // A statement replaced: its old paragraphs deleted.
        records(
            &a,
            &[
                r#"{"id":"r1","title":"Address","speaker":"Ana Lima","country":"Brazil","date":"2019-03-05","kind":"speech","text":"Taiwan matters to trade\n\nRain fell on the river"}"#,
                r#"{"id":"r2","title":"Briefing","speaker":"Li Wen","country":"China","date":"2020-11-20","kind":"press conference","text":"Taiwan again and again"}"#,
            ],
        );
        build(&[&a, &b], &index, FolderChange::Update);
        kept_totals_are_those_summed_afresh(&index);
        build(&[&b], &index, FolderChange::Remove);
        kept_totals_are_those_summed_afresh(&index);
        let store = Store::open(&index).unwrap();
        let rows = trend(&store, &Request::default(), Group::Year, None, None).unwrap();
        assert_eq!(
            rows.rows
                .iter()
                .map(|r| (r.period.as_str(), r.total_paragraphs))
                .collect::<Vec<_>>(),
            [("2019", 2), ("2020", 1)]
        );
        // Totals of another commit are not used: after a change they are stale until rewritten.
        build(&[&a, &b], &index, FolderChange::Update);
        let stale = fs::read(index.join("totals.tsv")).unwrap();
        build(&[&b], &index, FolderChange::Remove);
        fs::write(index.join("totals.tsv"), stale).unwrap();
        let store = Store::open(&index).unwrap();
        assert!(store.searching(|s| Ok(store.totals(s).is_none())).unwrap());
        assert_eq!(
            trend(&store, &Request::default(), Group::Year, None, None).unwrap(),
            rows
        );
    }

    #[test]
    fn rates_are_per_ten_thousand_words_to_two_decimals() {
        assert_eq!(rate(3, 20_000), 1.5);
        assert_eq!(rate(1, 30_000), 0.33);
        assert_eq!(rate(5, 0), 0.0);
    }
}
