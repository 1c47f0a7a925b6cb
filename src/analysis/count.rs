//! `count`: matching paragraphs per group, largest first, from a terms aggregation on a fast field.
//!
//! Statements are counted exactly, as the distinct values of a terms aggregation on the statement id
//! nested in each group: a cardinality aggregation would be an estimate.

use serde::Serialize;
use serde_json::json;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, BucketEntry, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard, Key};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::{period_label, Group};
use crate::error::{Error, Result};
use crate::index::Store;
use crate::parse::Role;
use crate::search::{self, Request};

/// One group's count.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Row {
    /// The speaker, country code, year, `YYYY-MM`, role, kind, source or outlet.
    pub key: String,
    /// Matching paragraphs of the group.
    pub paragraphs: u64,
    /// Distinct statements those paragraphs belong to.
    pub statements: u64,
}

/// Most groups a count returns: far more than any corpus has speakers.
const MAX_GROUPS: u32 = 1_000_000;

/// Matching paragraphs and statements per group, largest first (ties by key), at most `top` of them.
pub(crate) fn count(
    store: &Store,
    request: &Request,
    by: Group,
    top: Option<usize>,
) -> Result<Vec<Row>> {
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
    let request = aggregations(json!({
        "groups": {
            "terms": {"field": name(by.field(f)), "size": MAX_GROUPS, "min_doc_count": 1},
            "aggs": {
                "statements": {"terms": {"field": name(f.statement), "size": MAX_GROUPS}}
            }
        }
    }))?;
    let collector = AggregationCollector::from_aggs(request, context(store));
    let results = store.searching(|searcher| {
        searcher
            .search(&query, &collector)
            .map_err(|e| Error::index("counting by group", e))
    })?;
    let mut rows: Vec<Row> = buckets(results.0.get("groups"))
        .iter()
        .map(|b| Row {
            key: key(by, &b.key),
            paragraphs: b.doc_count,
            statements: buckets(b.sub_aggregation.0.get("statements")).len() as u64,
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

/// An aggregation request from its JSON, as tantivy documents them.
pub(crate) fn aggregations(value: serde_json::Value) -> Result<Aggregations> {
    serde_json::from_value(value).map_err(|e| {
        Error::index(
            "building an aggregation",
            tantivy::TantivyError::InvalidArgument(e.to_string()),
        )
    })
}

/// The limits of an aggregation: tantivy's memory limit, and no limit on buckets but [`MAX_GROUPS`].
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
