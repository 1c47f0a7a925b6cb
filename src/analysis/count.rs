//! `count`: matching paragraphs per group, largest first, from the fast fields.
//!
//! One collector counts each group's paragraphs and keeps its distinct statements, by a hash of the
//! statement id in a numeric fast field: a cardinality aggregation would be an estimate, a terms
//! aggregation on the statement id nested in each group took 125 ms for a common word over the UN corpus
//! (tantivy gives each group's sub-aggregation storage for every statement of the segment), and reading
//! statement names from the id column's compressed dictionary cost more than the rest of the count.

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, BucketEntry, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationLimitsGuard, Key};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

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
        statement: name(f.statement_key),
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
            statements: tally.statements.len() as u64,
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

/// One group's matching paragraphs, and the keys of the statements they belong to.
#[derive(Debug, Default)]
struct Tally {
    paragraphs: u64,
    statements: FxHashSet<u64>,
    /// The statement of the group's last paragraph: a statement's paragraphs are mostly neighbours in
    /// a segment, so the set is asked about once a statement rather than once a paragraph (asking again
    /// when they are not changes nothing).
    last: Option<u64>,
}

impl Tally {
    fn add(&mut self, statement: u64) {
        self.paragraphs += 1;
        if self.last != Some(statement) {
            self.last = Some(statement);
            self.statements.insert(statement);
        }
    }
}

/// The pass counting each group's paragraphs and statements from the fast fields: one read of the
/// group's column and the statement key's per matching paragraph, where tantivy's terms aggregation
/// and a second pass for statements read them twice.
struct Groups {
    group: String,
    numeric: bool,
    statement: String,
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
        Ok(SegmentGroups {
            group,
            statement: ff.u64(&self.statement)?,
            tallies: FxHashMap::default(),
        })
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
                into.statements.extend(tally.statements);
                into.last = None;
            }
        }
        Ok(all)
    }
}

/// One segment's tallies, by the group's ordinal or number until the harvest names them.
struct SegmentGroups {
    group: GroupColumn,
    statement: Column<u64>,
    tallies: FxHashMap<i64, Tally>,
}

impl SegmentCollector for SegmentGroups {
    type Fruit = tantivy::Result<FxHashMap<GroupKey, Tally>>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(statement) = self.statement.first(doc) else {
            return;
        };
        let mut add = |group: i64| self.tallies.entry(group).or_default().add(statement);
        match &self.group {
            GroupColumn::Names(c) => c.term_ords(doc).for_each(|ord| add(ord as i64)),
            GroupColumn::Numbers(c) => {
                if let Some(n) = c.first(doc) {
                    add(n);
                }
            }
            GroupColumn::Absent => {}
        }
    }

    fn harvest(self) -> tantivy::Result<FxHashMap<GroupKey, Tally>> {
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
