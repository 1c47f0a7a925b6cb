//! `count`: matching paragraphs per group, largest first, from the fast fields.
//!
//! One collector counts each group's paragraphs and statements. A statement's paragraphs are neighbours in
//! one segment, numbered from 1 (index format 8), so a paragraph's document id less its number names its
//! statement within the segment, and a group's statements are counted as that name changes, from the
//! small paragraph-number column. A cardinality aggregation would be an estimate; a terms aggregation on
//! the statement id nested in each group took 125 ms for a common word over the UN corpus (tantivy gives
//! each group's sub-aggregation storage for every statement of the segment); reading statement names from
//! the id column's compressed dictionary cost more than the rest of the count; and a 64-bit hash of the
//! statement id per paragraph (format 7) was a fifth of a count process for a frequent word, most of it
//! cache misses in a column eight times the size of the paragraph numbers'.

use rustc_hash::FxHashMap;

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, BucketEntry, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationLimitsGuard, Key};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::RowId;
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, COLLECT_BLOCK_BUFFER_LEN};

use super::{names, period_label, Group};
use crate::error::{Error, Result};
use crate::index::Store;
use crate::parse::Role;
use crate::search::{self, Request};

/// One group's count.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Row {
    /// The speaker, country code, year, `YYYY-MM`, role, kind, source or outlet.
    pub key: String,
    /// Matching paragraphs of the group.
    pub paragraphs: u64,
    /// Distinct statements those paragraphs belong to.
    pub statements: u64,
}

/// Matching paragraphs and statements per group, largest first (ties by key), at most `top` of them.
pub fn count(store: &Store, request: &Request, by: Group, top: Option<usize>) -> Result<Vec<Row>> {
    let compiled = search::compile(store, request)?;
    let schema = store.index().schema();
    let f = store.fields();
    let name = |field| schema.get_field_name(field).to_string();
    let query: Box<dyn Query> = if by == Group::Outlet {
        // An outlet is who asks: the speaker of a question.
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, compiled.query),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.role, Role::Question.as_str()),
                    IndexRecordOption::Basic,
                )),
            ),
        ]))
    } else {
        compiled.query
    };
    let groups = Groups {
        group: name(by.field(f)),
        numeric: matches!(by, Group::Year | Group::Month),
        paragraph: name(f.paragraph),
    };
    let counted = store.searching(|searcher| {
        searcher
            .search(&query, &groups)
            .map_err(|e| Error::index("counting by group", e))
    })?;
    let mut rows: Vec<Row> = counted
        .into_iter()
        .map(|(group, tally)| Row {
            key: match group {
                GroupKey::Name(name) => name,
                GroupKey::Number(n) => period_label(by, n),
            },
            paragraphs: tally.paragraphs,
            statements: tally.statements,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.paragraphs
            .cmp(&a.paragraphs)
            .then_with(|| a.key.cmp(&b.key))
    });
    if let Some(top) = top {
        rows.truncate(top);
    }
    Ok(rows)
}

/// A group as the columns give it: a name, or a period's number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum GroupKey {
    Name(String),
    Number(i64),
}

/// One group's matching paragraphs and statements.
#[derive(Debug, Default)]
struct Tally {
    paragraphs: u64,
    statements: u64,
    /// The first document of the statement of the group's last paragraph, in its segment.
    last: Option<DocId>,
}

impl Tally {
    /// Counts a paragraph of the statement whose first paragraph is the document `statement`. A
    /// statement's paragraphs are neighbours in one segment and a segment's documents are collected in
    /// order, so a group's paragraphs of one statement come one after another; and as a statement lies
    /// in one segment, the segments' counts add up.
    fn add(&mut self, statement: DocId) {
        self.paragraphs += 1;
        if self.last != Some(statement) {
            self.last = Some(statement);
            self.statements += 1;
        }
    }
}

/// The pass counting each group's paragraphs and statements from the fast fields: one read of the
/// group's column and the paragraph number's per matching paragraph, where tantivy's terms aggregation
/// and a second pass for statements read them twice.
struct Groups {
    group: String,
    numeric: bool,
    paragraph: String,
}

/// A group's column in one segment.
enum GroupColumn {
    Names(StrColumn),
    Numbers(Column<i64>),
    Absent,
}

impl Collector for Groups {
    type Fruit = FxHashMap<GroupKey, Tally>;
    type Child = SegmentGroups;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentGroups> {
        let ff = reader.fast_fields();
        let group = if self.numeric {
            GroupColumn::Numbers(ff.i64(&self.group)?)
        } else {
            ff.str(&self.group)?
                .map_or(GroupColumn::Absent, GroupColumn::Names)
        };
        Ok(SegmentGroups::new(group, ff.u64(&self.paragraph)?))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<tantivy::Result<FxHashMap<GroupKey, Tally>>>,
    ) -> tantivy::Result<FxHashMap<GroupKey, Tally>> {
        let mut all: FxHashMap<GroupKey, Tally> = FxHashMap::default();
        for fruit in fruits {
            for (group, tally) in fruit? {
                let into = all.entry(group).or_default();
                into.paragraphs += tally.paragraphs;
                into.statements += tally.statements;
            }
        }
        Ok(all)
    }
}

/// One segment's tallies, by the group's ordinal or number until the harvest names them.
struct SegmentGroups {
    group: GroupColumn,
    paragraph: Column<u64>,
    tallies: FxHashMap<i64, Tally>,
    /// Documents collected one at a time (a segment with deletions), counted in blocks.
    pending: Vec<DocId>,
    numbers: Values<u64>,
    names: Values<u64>,
    /// The names' ordinals, as the tallies key them.
    ords: Vec<i64>,
    periods: Values<i64>,
}

impl SegmentGroups {
    fn new(group: GroupColumn, paragraph: Column<u64>) -> SegmentGroups {
        SegmentGroups {
            group,
            paragraph,
            tallies: FxHashMap::default(),
            pending: Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN),
            numbers: Values::default(),
            names: Values::default(),
            ords: Vec::new(),
            periods: Values::default(),
        }
    }

    /// Counts a block of matching documents, in order: each column is read for the whole block at once
    /// (one call through tantivy's dynamic column types per block, not per document).
    fn count(&mut self, docs: &[DocId]) {
        self.numbers.read(&self.paragraph, docs);
        let (group_docs, groups): (&[DocId], &[i64]) = match &self.group {
            GroupColumn::Names(c) => {
                self.names.read(c.ords(), docs);
                self.ords.clear();
                self.ords
                    .extend(self.names.values.iter().map(|&o| o as i64));
                (&self.names.docs, &self.ords)
            }
            GroupColumn::Numbers(c) => {
                self.periods.read(c, docs);
                (&self.periods.docs, &self.periods.values)
            }
            GroupColumn::Absent => return,
        };
        // A period is a document's first value, a name each of its values.
        let first_only = matches!(self.group, GroupColumn::Numbers(_));
        let (paragraphs, numbers) = (&self.numbers.docs, &self.numbers.values);
        let mut p = 0;
        let mut previous = None;
        for (&doc, &group) in group_docs.iter().zip(groups) {
            if first_only && previous == Some(doc) {
                continue;
            }
            previous = Some(doc);
            while p < paragraphs.len() && paragraphs[p] < doc {
                p += 1;
            }
            // Only paragraphs have a number; file records are not counted.
            if paragraphs.get(p) != Some(&doc) {
                continue;
            }
            // Numbers start at 1; a wrong one (no index this build reads has one) miscounts, never
            // panics.
            let statement = doc.wrapping_sub(numbers[p] as DocId).wrapping_add(1);
            self.tallies.entry(group).or_default().add(statement);
        }
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.count(&pending);
            self.pending = pending;
            self.pending.clear();
        }
    }
}

/// A column's values for a block of documents: each document with a value, once a value, in order.
#[derive(Default)]
struct Values<T> {
    docs: Vec<DocId>,
    rows: Vec<RowId>,
    values: Vec<T>,
}

impl<T: Copy + Default + PartialOrd + std::fmt::Debug + Send + Sync + 'static> Values<T> {
    fn read(&mut self, column: &Column<T>, docs: &[DocId]) {
        self.docs.clear();
        self.rows.clear();
        column.row_ids_for_docs(docs, &mut self.docs, &mut self.rows);
        self.values.resize(self.rows.len(), T::default());
        column.values.get_vals(&self.rows, &mut self.values);
    }
}

impl SegmentCollector for SegmentGroups {
    type Fruit = tantivy::Result<FxHashMap<GroupKey, Tally>>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.pending.push(doc);
        if self.pending.len() == COLLECT_BLOCK_BUFFER_LEN {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.flush();
        self.count(docs);
    }

    fn harvest(mut self) -> tantivy::Result<FxHashMap<GroupKey, Tally>> {
        self.flush();
        let named = match &self.group {
            GroupColumn::Names(c) => Some(names(c, self.tallies.keys().map(|&g| g as u64))?),
            _ => None,
        };
        Ok(self
            .tallies
            .into_iter()
            .map(|(group, tally)| {
                let key = match &named {
                    Some(names) => GroupKey::Name(names[&(group as u64)].clone()),
                    None => GroupKey::Number(group),
                };
                (key, tally)
            })
            .collect())
    }
}

/// An aggregation request from its JSON, as tantivy documents them.
pub(crate) fn aggregations(value: serde_json::Value) -> Result<Aggregations> {
    serde_json::from_value(value).map_err(|e| {
        Error::index(
            "building an aggregation",
            tantivy::TantivyError::InvalidArgument(e.to_string()),
        )
    })
}

/// The limits of an aggregation: tantivy's memory limit, and no limit on buckets.
pub(crate) fn context(store: &Store) -> AggContextParams {
    AggContextParams::new(
        AggregationLimitsGuard::new(None, Some(u32::MAX)),
        store.index().tokenizers().clone(),
    )
}

/// The buckets of a terms or histogram result; none for anything else.
pub(crate) fn buckets(result: Option<&AggregationResult>) -> &[BucketEntry] {
    match result {
        Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) => buckets,
        Some(AggregationResult::BucketResult(BucketResult::Histogram { buckets })) => match buckets
        {
            tantivy::aggregation::agg_result::BucketEntries::Vec(v) => v,
            tantivy::aggregation::agg_result::BucketEntries::HashMap(_) => &[],
        },
        _ => &[],
    }
}

/// A bucket's key as a group names it.
pub(crate) fn key(by: Group, key: &Key) -> String {
    let number = match key {
        Key::Str(s) => return s.clone(),
        Key::I64(n) => *n,
        Key::U64(n) => *n as i64,
        Key::F64(n) => *n as i64,
    };
    period_label(by, number)
}
