//! `/api/search`, `/api/count`, `/api/trend`, `/api/kwic` and `/api/first`: the command line's `--json`
//! output for the same parameters, written by the same functions.
//!
//! The body is JSON Lines (`application/x-ndjson`), one object a row, byte for byte what
//! `demarche search|count|trend|kwic|first … --json` prints; no match is an empty body. A bad query or
//! parameter is HTTP 400 with `{"error": "…"}`, the command line's one-line message.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::params::Params;
use super::{blocking, status, Served};
use crate::analysis;
use crate::error::{Error, Result};
use crate::index::Store;
use crate::output::{self, analysis as print, Format, Style};

/// `/api/search`: hits, as `search --json`.
pub(crate) async fn search(state: State<Arc<Served>>, query: RawQuery) -> Response {
    answer(state, query, |store, p| {
        let request = p.search_request()?;
        let results = crate::search::search(store, &request)?;
        let style = Style {
            format: Format::JsonLines,
            color: false,
        };
        rows(|out| output::write_hits(out, &results.hits, style))
    })
    .await
}

/// `/api/count`: rows of `count --json`; `by` is required.
pub(crate) async fn count(state: State<Arc<Served>>, query: RawQuery) -> Response {
    answer(state, query, |store, p| {
        let request = p.request()?;
        let (by, top) = (p.count_by()?, p.top()?);
        let counted = analysis::count::count(store, &request, by, top)?;
        rows(|out| print::write_counts(out, &counted, by, Format::JsonLines))
    })
    .await
}

/// `/api/trend`: rows of `trend --json`.
pub(crate) async fn trend(state: State<Arc<Served>>, query: RawQuery) -> Response {
    answer(state, query, |store, p| {
        let request = p.request()?;
        let (period, split, top) = (p.period()?, p.split()?, p.top()?);
        let trend = analysis::trend::trend(store, &request, period, split, top)?;
        rows(|out| print::write_trend(out, &trend.rows, split, Format::JsonLines))
    })
    .await
}

/// `/api/kwic`: lines of `kwic --json`.
pub(crate) async fn kwic(state: State<Arc<Served>>, query: RawQuery) -> Response {
    answer(state, query, |store, p| {
        let request = p.request()?;
        let (width, order, limit) = (p.width()?, p.kwic_order("sort")?, p.limit(100)?);
        let lines = analysis::kwic::kwic(store, &request, width, order, limit)?;
        rows(|out| print::write_kwic(out, &lines, width, Format::JsonLines))
    })
    .await
}

/// `/api/first`: rows of `first --json`.
pub(crate) async fn first(state: State<Arc<Served>>, query: RawQuery) -> Response {
    answer(state, query, |store, p| {
        let request = p.request()?;
        let by = p.first_by("by")?;
        let adoption = analysis::first::first(store, &request, by)?;
        rows(|out| print::write_first(out, &adoption.rows, by, Format::JsonLines))
    })
    .await
}

/// The bytes a writer of JSON Lines writes.
fn rows(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write(&mut out).map_err(|e| Error::io("the response", e))?;
    Ok(out)
}

/// Runs `work` with the request's parameters on one commit, and answers with its rows or its error.
async fn answer(
    State(served): State<Arc<Served>>,
    RawQuery(query): RawQuery,
    work: impl FnOnce(&Store, &Params) -> Result<Vec<u8>> + Send + 'static,
) -> Response {
    let params = Params::parse(query.as_deref());
    let done = blocking(&served, move |store| work(store, &params)).await;
    match done {
        Ok(Ok(body)) => ([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response(),
        Ok(Err(e)) => error(&e),
        Err(response) => response,
    }
}

/// `{"error": "…"}` with the error's status.
fn error(e: &Error) -> Response {
    let body = serde_json::json!({ "error": e.to_string() }).to_string();
    (
        status(e),
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}
