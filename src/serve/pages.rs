//! The HTML pages: search with filters, facets and views (results with the trend chart, keyword in
//! context, who said it first), a paragraph in its statement, and the chart itself as an SVG image.
//!
//! Written with maud, whose templates escape every value spliced into them: corpus text, names and the
//! query reach the browser as text, whatever they hold. Nothing here builds markup from strings. Every
//! state of the page is in its URL, and every control is a link or a GET form, so the pages work without
//! JavaScript (they have none).

use std::ops::Range;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use super::params::{path_segment, Params, MAX_LIMIT, PER_PAGE};
use super::{blocking, status, Served};
use crate::analysis::{self, count, first, kwic, Group};
use crate::document::Record;
use crate::error::Result;
use crate::gazetteer::{self, CountryCode};
use crate::index::Store;
use crate::parse::{Kind, Role};
use crate::search::{self, Hit, InContext};

/// Groups counted beside the results, each a list of links that add a filter.
const FACETS: [Group; 5] = [
    Group::Speaker,
    Group::Country,
    Group::Year,
    Group::Role,
    Group::Kind,
];
/// Values listed per facet.
const FACET_TOP: usize = 8;
/// Groups drawn in a split chart unless `top` says otherwise.
const CHART_TOP: usize = 5;
/// Paragraphs shown each side of a paragraph in its statement.
const AROUND: u64 = 3;

/// The three views of a search: each its own URL (`view=`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Results,
    Kwic,
    First,
}

impl View {
    const ALL: [View; 3] = [View::Results, View::Kwic, View::First];

    fn of(params: &Params) -> View {
        match params.get("view") {
            Some("kwic") => View::Kwic,
            Some("first") => View::First,
            _ => View::Results,
        }
    }

    fn key(self) -> &'static str {
        match self {
            View::Results => "results",
            View::Kwic => "kwic",
            View::First => "first",
        }
    }

    fn label(self) -> &'static str {
        match self {
            View::Results => "Results",
            View::Kwic => "Keyword in context",
            View::First => "Who said it first",
        }
    }
}

/// What a search page shows besides the form.
enum Body {
    Results {
        total: usize,
        hits: Vec<Hit>,
        page: usize,
        facets: Vec<(Group, Vec<count::Row>)>,
    },
    Kwic(Vec<kwic::Line>),
    First(first::Adoption, Group),
}

/// `/`: the search page.
pub(crate) async fn home(State(served): State<Arc<Served>>, RawQuery(raw): RawQuery) -> Response {
    let params = Params::parse(raw.as_deref());
    let done = blocking(&served, move |store| {
        let view = View::of(&params);
        let body = answer(store, &params, view);
        let code = match &body {
            Ok(_) => StatusCode::OK,
            Err(e) => status(e),
        };
        (code, search_page(&params, view, body))
    })
    .await;
    match done {
        Ok((code, page)) => (code, page).into_response(),
        Err(response) => response,
    }
}

/// Runs the view's search.
fn answer(store: &Store, params: &Params, view: View) -> Result<Body> {
    let request = params.request()?;
    Ok(match view {
        View::Results => {
            let page = params.page()?;
            let searched = search::Request {
                limit: page * PER_PAGE,
                sort: params.sort()?,
                ..request.clone()
            };
            let results = search::search(store, &searched)?;
            let hits = results
                .hits
                .into_iter()
                .skip((page - 1) * PER_PAGE)
                .collect();
            let facets = FACETS
                .iter()
                .map(|&g| Ok((g, count::count(store, &request, g, Some(FACET_TOP))?)))
                .collect::<Result<_>>()?;
            // The chart's options are checked here, so that a bad one is said on the page.
            params.period()?;
            params.split()?;
            params.top()?;
            Body::Results {
                total: results.total,
                hits,
                page,
                facets,
            }
        }
        View::Kwic => Body::Kwic(kwic::kwic(
            store,
            &request,
            params.width()?,
            params.kwic_order("ksort")?,
            params.limit(100)?,
        )?),
        View::First => {
            let by = params.first_by("who")?;
            Body::First(first::first(store, &request, by)?, by)
        }
    })
}

/// `/trend.svg`: the trend of the query, as `trend --plot` draws it.
pub(crate) async fn chart(State(served): State<Arc<Served>>, RawQuery(raw): RawQuery) -> Response {
    let params = Params::parse(raw.as_deref());
    let done = blocking(&served, move |store| -> Result<String> {
        let request = params.request()?;
        let (period, split) = (params.period()?, params.split()?);
        let top = params.top()?.or(split.map(|_| CHART_TOP));
        let trend = analysis::trend::trend(store, &request, period, split, top)?;
        analysis::plot::svg(&trend.rows, &analysis::plot::title(&request, period, split))
    })
    .await;
    match done {
        Ok(Ok(svg)) => ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response(),
        Ok(Err(e)) => (status(&e), e.to_string()).into_response(),
        Err(response) => response,
    }
}

/// `/p/<id>`: a paragraph in its statement.
pub(crate) async fn paragraph(served: Arc<Served>, id: String, raw: Option<String>) -> Response {
    let params = Params::parse(raw.as_deref());
    let done = blocking(&served, move |store| {
        search::in_context(store, &id, AROUND).map(|found| (id, found))
    })
    .await;
    match done {
        Ok(Ok((_, Some(found)))) => paragraph_page(&params, &found).into_response(),
        Ok(Ok((id, None))) => (
            StatusCode::NOT_FOUND,
            layout(
                "Not found",
                &params,
                html! { p.error role="alert" { "No paragraph " code { (id) } " in this index." } },
            ),
        )
            .into_response(),
        Ok(Err(e)) => (
            status(&e),
            layout(
                "Error",
                &params,
                html! { p.error role="alert" { (e.to_string()) } },
            ),
        )
            .into_response(),
        Err(response) => response,
    }
}

/// Any other path.
pub(crate) async fn not_found(RawQuery(raw): RawQuery) -> Response {
    let params = Params::parse(raw.as_deref());
    (
        StatusCode::NOT_FOUND,
        layout(
            "Not found",
            &params,
            html! { p.error role="alert" { "No such page. " a href="/" { "Search" } } },
        ),
    )
        .into_response()
}

/// The frame of every page: head, the brand, then `main`.
fn layout(title: &str, params: &Params, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Demarche" }
                link rel="stylesheet" href="/style.css";
            }
            body {
                header.top {
                    a.brand href="/" { "Demarche" }
                    span.tagline { "who said what, when, for which country" }
                    @if !params.query().is_empty() {
                        span.api {
                            "JSON: "
                            a href=(params.link("/api/search")) { "search" }
                        }
                    }
                }
                main { (main) }
            }
        }
    }
}

/// The search page: the form, the error or the view, the facets.
fn search_page(params: &Params, view: View, body: Result<Body>) -> Markup {
    let title = if params.query().is_empty() {
        "Search".to_string()
    } else {
        params.query().to_string()
    };
    let main = html! {
        (form(params))
        (active_filters(params))
        nav.tabs {
            @for v in View::ALL {
                @let link = params.with("view", (v != View::Results).then_some(v.key())).link("/");
                @if v == view {
                    span.tab.current id={ "tab-" (v.key()) } { (v.label()) }
                } @else {
                    a.tab id={ "tab-" (v.key()) } href=(link) { (v.label()) }
                }
            }
        }
        @match body {
            Err(e) => p.error role="alert" { (e.to_string()) },
            Ok(Body::Results { total, hits, page, facets }) => {
                div.columns {
                    section.results {
                        (chart_block(params))
                        (results(params, total, &hits, page))
                    }
                    aside.facets { (facet_lists(params, &facets)) }
                }
            },
            Ok(Body::Kwic(lines)) => (kwic_table(params, &lines)),
            Ok(Body::First(adoption, by)) => (first_table(params, &adoption, by)),
        }
    };
    layout(&title, params, main)
}

/// The search form: the query, every filter, and the order; the view and its options are kept.
fn form(params: &Params) -> Markup {
    let value = |k: &str| params.get(k).unwrap_or("").to_string();
    html! {
        form.search method="get" action="/" {
            div.query {
                input #q type="search" name="q" value=(params.query())
                    placeholder="\"belt and road\" Taiwan -trade country:China" aria-label="Query";
                button #go type="submit" { "Search" }
            }
            div.filters {
                label { "Speaker " input name="speaker" value=(value("speaker")) placeholder="Hua Chunying"; }
                label { "Country " input name="country" placeholder="China, Lao PDR, US"; }
                label { "From " input name="from" value=(value("from")) placeholder="YYYY-MM-DD" size="11"; }
                label { "To " input name="to" value=(value("to")) placeholder="YYYY-MM-DD" size="11"; }
                label { "Role "
                    select name="role" {
                        option value="" { "any" }
                        @for r in Role::ALL { option value=(r.as_str()) { (r.as_str()) } }
                    }
                }
                label { "Kind "
                    select name="kind" {
                        option value="" { "any" }
                        @for k in Kind::ALL { option value=(k.as_str()) { (k.as_str().replace('_', " ")) } }
                    }
                }
                label { "Source " input name="source" value=(value("source")) placeholder="path/prefix"; }
                label { "Order "
                    select name="sort" {
                        @for (v, l) in [("relevance", "best match"), ("date", "newest"), ("oldest", "oldest")] {
                            option value=(v) selected[params.get("sort") == Some(v)] { (l) }
                        }
                    }
                }
            }
            // Filters given several values (from facets) are kept when the form is sent again.
            @for key in ["country", "role", "kind"] {
                @for v in params.all(key) { input type="hidden" name=(key) value=(v); }
            }
            @for key in ["view", "by", "split", "top", "who", "ksort", "width"] {
                @if let Some(v) = params.get(key) { input type="hidden" name=(key) value=(v); }
            }
            details.help {
                summary { "Query syntax" }
                ul {
                    li { "Words are all required: " code { "climate finance" } }
                    li { code { "\"belt and road\"" } " is an exact phrase; " code { "\"belt road\"~1" } " allows one word between" }
                    li { code { "OR" } ", " code { "AND" } ", " code { "NOT" } " (in capitals), " code { "-word" } " and parentheses combine" }
                    li { code { "Taiw*" } " is any word starting so (two characters at least)" }
                    li { code { "field:value" } " searches one field: text, title, speaker, country (" code { "country:China" } "), role (" code { "role:answer" } "), kind (" code { "kind:readout" } ")" }
                    li { "An empty query lists every paragraph the filters keep. Dates: YYYY, YYYY-MM or YYYY-MM-DD, whole periods." }
                }
            }
        }
    }
}

/// The filters in force, each with a link that removes it.
fn active_filters(params: &Params) -> Markup {
    let pairs = params.filter_pairs();
    html! {
        @if !pairs.is_empty() {
            ul.active {
                @for (k, v) in pairs {
                    li { a.chip href=(params.removing(k, v).link("/")) title="remove this filter" {
                        (k) ": " (shown_value(k, v)) " ×"
                    } }
                }
            }
        }
    }
}

/// A filter value as a reader knows it: a country code by its name.
fn shown_value(key: &str, value: &str) -> String {
    match (key, gazetteer::country(value)) {
        ("country", Some(c)) => country_name(c.as_str()),
        _ => value.to_string(),
    }
}

/// A country code's name, or the code when it names none.
fn country_name(code: &str) -> String {
    CountryCode::parse(code)
        .map(|c| gazetteer::display_name(c).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The trend chart, with links that change its period and split.
fn chart_block(params: &Params) -> Markup {
    let chart = params
        .with("view", None)
        .with("page", None)
        .with("sort", None);
    let by = params.get("by").unwrap_or("year");
    let split = params.get("split").unwrap_or("");
    html! {
        figure.chart {
            img #chart src=(chart.link("/trend.svg")) width="960" height="540"
                alt="Occurrences of the query per 10,000 words over time";
            figcaption {
                "Per "
                @for p in ["year", "month"] {
                    @if p == by { strong { (p) } } @else {
                        a href=(params.with("by", (p != "year").then_some(p)).link("/")) { (p) }
                    }
                    " "
                }
                " · split by "
                @for (s, l) in [("", "none"), ("country", "country"), ("speaker", "speaker"), ("kind", "kind")] {
                    @if s == split { strong { (l) } } @else {
                        a href=(params.with("split", (!s.is_empty()).then_some(s)).with("top", None).link("/")) { (l) }
                    }
                    " "
                }
                @if !split.is_empty() { " (top " (params.get("top").unwrap_or("5")) ")" }
                " · "
                a href=(chart.link("/api/trend")) { "data" }
            }
        }
    }
}

/// The page of hits, with links to the pages around it.
fn results(params: &Params, total: usize, hits: &[Hit], page: usize) -> Markup {
    let pages = total.min(MAX_LIMIT).div_ceil(PER_PAGE);
    html! {
        p.count #count { (total) " matching paragraph" @if total != 1 { "s" } }
        ol.hits start=((page - 1) * PER_PAGE + 1) {
            @for hit in hits { (hit_item(hit)) }
        }
        @if pages > 1 {
            nav.pages {
                @if page > 1 {
                    a #prev href=(params.with("page", Some(&(page - 1).to_string())).link("/")) { "← previous" }
                }
                span { "page " (page) " of " (pages) }
                @if page < pages {
                    a #next href=(params.with("page", Some(&(page + 1).to_string())).link("/")) { "next →" }
                }
            }
        }
    }
}

/// One hit: rank, date, who, role, title, source, snippet, links.
fn hit_item(hit: &Hit) -> Markup {
    let r = &hit.record;
    html! {
        li.hit {
            div.meta {
                span.rank { (hit.rank) "." }
                span.date { (r.date.as_deref().unwrap_or("undated")) }
                span.who { (who(r)) }
                span.role { (r.role) }
                span.kind { (r.kind.replace('_', " ")) }
            }
            @if let Some(t) = &r.title { div.title { (t) } }
            p.snippet { (marked(&hit.snippet.text, &hit.snippet.highlights)) }
            div.links {
                span.source { (r.source) " ¶" (r.paragraph) }
                a.permalink href={ "/p/" (path_segment(&r.id)) } { "in its statement" }
                @if let Some(url) = r.url.as_deref().filter(|u| is_web(u)) {
                    a.original href=(url) rel="noopener noreferrer nofollow" { "original" }
                }
            }
        }
    }
}

/// Only web links are links: a `javascript:` URL in a corpus file must not become one.
fn is_web(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Speakers with their countries: "Anna Berg (Ruritania)"; "—" for none.
fn who(r: &Record) -> String {
    let countries = r.country_names.join(", ");
    match (r.speakers.is_empty(), countries.is_empty()) {
        (true, true) => "—".to_string(),
        (true, false) => countries,
        (false, true) => r.speakers.join(", "),
        (false, false) => format!("{} ({countries})", r.speakers.join(", ")),
    }
}

/// `text` with the byte ranges `marks` in `<mark>`; a range off a character boundary is left unmarked.
fn marked(text: &str, marks: &[Range<usize>]) -> Markup {
    let mut parts = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for m in marks {
        if let (Some(before), Some(inside)) = (text.get(at..m.start), text.get(m.start..m.end)) {
            parts.push((before, false));
            parts.push((inside, true));
            at = m.end;
        }
    }
    parts.push((text.get(at..).unwrap_or(""), false));
    html! {
        @for (part, mark) in parts {
            @if mark { mark { (part) } } @else { (part) }
        }
    }
}

/// Facet counts, each value a link that adds it as a filter.
fn facet_lists(params: &Params, facets: &[(Group, Vec<count::Row>)]) -> Markup {
    html! {
        @for (group, rows) in facets {
            @if !rows.is_empty() {
                section.facet id={ "facet-" (group.name()) } {
                    h2 { (facet_title(*group)) }
                    ul {
                        @for row in rows {
                            li {
                                a href=(facet_link(params, *group, &row.key).link("/")) {
                                    (facet_label(*group, &row.key))
                                }
                                " " span.n { (row.paragraphs) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn facet_title(group: Group) -> &'static str {
    match group {
        Group::Speaker => "Speakers",
        Group::Country => "Countries",
        Group::Year => "Years",
        Group::Role => "Roles",
        Group::Kind => "Kinds",
        _ => group.name(),
    }
}

fn facet_label(group: Group, key: &str) -> String {
    match group {
        Group::Country => country_name(key),
        Group::Kind => key.replace('_', " "),
        _ => key.to_string(),
    }
}

/// The page's parameters with a facet's value as a filter.
fn facet_link(params: &Params, group: Group, key: &str) -> Params {
    match group {
        Group::Speaker => params.with("speaker", Some(key)),
        Group::Year => params.with("from", Some(key)).with("to", Some(key)),
        Group::Role => params.adding("role", key),
        Group::Kind => params.adding("kind", key),
        _ => params.adding("country", key),
    }
}

/// Keyword in context: the match in a column between its left and right context.
fn kwic_table(params: &Params, lines: &[kwic::Line]) -> Markup {
    let order = params.get("ksort").unwrap_or("date");
    html! {
        p.count #count {
            (lines.len()) " occurrence" @if lines.len() != 1 { "s" } " shown, ordered by "
            @for (k, l) in [("date", "date"), ("left", "words before"), ("right", "words after")] {
                @if k == order { strong { (l) } } @else {
                    a href=(params.with("ksort", (k != "date").then_some(k)).link("/")) { (l) }
                }
                " "
            }
            " · " a href=(params.with("view", None).with("ksort", None).with("sort", params.get("ksort")).link("/api/kwic")) { "data" }
        }
        table.kwic #kwic {
            thead { tr { th { "date" } th { "who" } th.left { "before" } th { "match" } th { "after" } th { "source" } } }
            tbody {
                @for l in lines {
                    tr {
                        td.date { (l.date.as_deref().unwrap_or("undated")) }
                        td.who { (l.speakers.join(", ")) @if !l.countries.is_empty() { " (" (l.countries.join(", ")) ")" } }
                        td.left { (l.left) }
                        td.match { mark { (l.matched) } }
                        td.right { (l.right) }
                        td { a href={ "/p/" (path_segment(&l.id)) } { (l.source) } }
                    }
                }
            }
        }
    }
}

/// Who said it first: each group's earliest matching paragraph, in date order.
fn first_table(params: &Params, adoption: &first::Adoption, by: Group) -> Markup {
    html! {
        p.count #count {
            "Earliest matching paragraph of each "
            @for g in [Group::Country, Group::Speaker] {
                @if g == by { strong { (g.name()) } } @else {
                    a href=(params.with("who", (g != Group::Country).then_some(g.name())).link("/")) { (g.name()) }
                }
                " "
            }
            @if adoption.undated > 0 { "(" (adoption.undated) " undated paragraphs left out) " }
            " · " a href=(params.with("view", None).with("who", None).with("by", Some(by.name())).link("/api/first")) { "data" }
        }
        table.first #first {
            thead { tr { th { (by.name()) } th { "date" } th { "who" } th { "passage" } } }
            tbody {
                @for r in &adoption.rows {
                    tr {
                        td { @if by == Group::Country { (country_name(&r.key)) } @else { (r.key) } }
                        td.date { (r.date.as_deref().unwrap_or("")) }
                        td.who { (r.speakers.join(", ")) }
                        td { (r.text) " " a href={ "/p/" (path_segment(&r.id)) } { "¶" } }
                    }
                }
            }
        }
    }
}

/// A paragraph in its statement: the question it answers, the paragraphs before and after.
fn paragraph_page(params: &Params, found: &InContext) -> Markup {
    let p = &found.paragraph;
    let title = p.title.clone().unwrap_or_else(|| p.source.clone());
    let asked = |r: &Record| {
        if p.answers.as_deref() == Some(r.id.as_str()) {
            Shown::Question
        } else {
            Shown::Around
        }
    };
    let main = html! {
        article.statement {
            h1 { (title) }
            p.meta {
                (p.date.as_deref().unwrap_or("undated")) " · " (p.kind.replace('_', " ")) " · "
                span.source { (p.source) }
                @if let Some(url) = p.url.as_deref().filter(|u| is_web(u)) {
                    " · " a.original href=(url) rel="noopener noreferrer nofollow" { "original" }
                }
            }
            @if let Some(q) = &found.question {
                div.asked {
                    (paragraph_block(q, Shown::Question))
                }
                p.gap { "…" }
            } @else if found.before.first().is_some_and(|b| b.paragraph > 1) {
                p.gap { "…" }
            }
            @for b in &found.before { (paragraph_block(b, asked(b))) }
            (paragraph_block(p, Shown::Focus))
            @for a in &found.after { (paragraph_block(a, Shown::Around)) }
        }
        p { a href="/" { "← search" } }
    };
    layout(&title, params, main)
}

/// Why a paragraph is shown on another's page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// The paragraph the page is about.
    Focus,
    /// The question it answers.
    Question,
    /// One of its neighbours.
    Around,
}

/// One paragraph of a statement, with who says it.
fn paragraph_block(r: &Record, shown: Shown) -> Markup {
    let id = match shown {
        Shown::Focus => Some("here"),
        Shown::Question => Some("question"),
        Shown::Around => None,
    };
    html! {
        section.para.focus[shown == Shown::Focus].question[shown == Shown::Question] id=[id] {
            div.meta {
                a href={ "/p/" (path_segment(&r.id)) } { "¶" (r.paragraph) }
                " " span.who { (who(r)) } " " span.role { (r.role) }
                @if shown == Shown::Question { " " span.asked-label { "the question answered" } }
            }
            p.text { (r.text) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn marks_wrap_their_ranges_and_everything_is_escaped() {
        let text = "a <b>Belt</b> & Road";
        let html = marked(text, &[3..7, 16..20]).into_string();
        assert_eq!(
            html,
            "a &lt;<mark>b&gt;Be</mark>lt&lt;/b&gt; &amp; <mark>Road</mark>"
        );
        // A range off a character boundary is not marked, and nothing is lost.
        let html = marked("é x", std::slice::from_ref(&(1..2))).into_string();
        assert_eq!(html, "é x");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(is_web("https://example.org/a"));
        assert!(!is_web("javascript:alert(1)"));
        assert!(!is_web(" JAVASCRIPT:alert(1)"));
    }

    #[test]
    fn a_hostile_query_is_text_in_every_place_it_appears() {
        let params = Params::parse(Some("q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"));
        let page = search_page(
            &params,
            View::Results,
            Err(Error::Query {
                query: params.query().into(),
                reason: "bad".into(),
            }),
        )
        .into_string();
        assert!(!page.contains("<img src=x"), "{page}");
        assert!(
            page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "{page}"
        );
    }
}
