//! `kwic`: keyword in context — one line per occurrence of the query's words or phrases, the match between
//! the words before and after it.
//!
//! The matching paragraphs are found in the index and ordered by their date from fast fields; the lines
//! come from their stored text, cut where the words the index matched stand (the same rule as a hit's
//! highlights), since the index keeps positions but not offsets.

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::{Dates, When};
use crate::document::Record;
use crate::error::{Error, Result};
use crate::index::Store;
use crate::search::{self, Request};

/// How lines are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// By date, oldest first; undated last.
    #[default]
    Date,
    /// By the words before the match, nearest first: the phrases that lead into it group together.
    Left,
    /// By the words after the match.
    Right,
}

/// One occurrence in its context.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Line {
    /// Up to `width` characters before the match, whitespace folded.
    pub left: String,
    /// The matched words as the text has them.
    #[serde(rename = "match")]
    pub matched: String,
    /// Up to `width` characters after the match.
    pub right: String,
    /// The paragraph's id.
    pub id: String,
    /// Its date.
    pub date: Option<String>,
    /// Its speakers.
    pub speakers: Vec<String>,
    /// Its countries.
    pub countries: Vec<String>,
    /// Its source file.
    pub source: String,
}

/// Lines for every occurrence in the paragraphs matching `request`, `width` characters of context each
/// side, ordered by `order`, at most `limit`.
pub fn kwic(
    store: &Store,
    request: &Request,
    width: usize,
    order: Order,
    limit: usize,
) -> Result<Vec<Line>> {
    let compiled = search::compile(store, request)?;
    if compiled.patterns.is_empty() {
        return Err(Error::Query {
            query: request.query.clone(),
            reason: "no word or phrase of the text to show in context".into(),
        });
    }
    let schema = store.index().schema();
    let f = store.fields();
    let dated = Dated {
        date: schema.get_field_name(f.date).to_string(),
        year: schema.get_field_name(f.year).to_string(),
    };
    store.searching(|searcher| {
        let mut docs = searcher
            .search(&compiled.query, &dated)
            .map_err(|e| Error::index("finding paragraphs", e))?;
        // Undated last, then oldest first; paragraphs of one statement in their order.
        docs.sort_by_key(|(when, address)| (when.is_none(), *when, *address));
        let mut lines = Vec::new();
        for (_, address) in docs {
            if order == Order::Date && lines.len() >= limit {
                break;
            }
            let record = Record::fetch(searcher, f, address)?;
            for span in search::match_spans(&record.text, &compiled.patterns) {
                lines.push(Line {
                    left: tail(&record.text[..span.start], width),
                    matched: fold(&record.text[span.clone()]),
                    right: head(&record.text[span.end..], width),
                    id: record.id.clone(),
                    date: record.date.clone(),
                    speakers: record.speakers.clone(),
                    countries: record.countries.clone(),
                    source: record.source.clone(),
                });
            }
        }
        match order {
            Order::Date => {}
            Order::Left => lines.sort_by_cached_key(|l| {
                let mut words: Vec<String> =
                    l.left.split_whitespace().map(str::to_lowercase).collect();
                words.reverse();
                words
            }),
            Order::Right => lines.sort_by_cached_key(|l| l.right.to_lowercase()),
        }
        lines.truncate(limit);
        Ok(lines)
    })
}

/// Whitespace runs as one space.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The last `width` characters of `s`, whitespace folded, with a space kept before the match.
fn tail(s: &str, width: usize) -> String {
    let folded = fold(s);
    let spaced = if s.ends_with(char::is_whitespace) && !folded.is_empty() {
        format!("{folded} ")
    } else {
        folded
    };
    let n = spaced.chars().count();
    spaced.chars().skip(n.saturating_sub(width)).collect()
}

/// The first `width` characters of `s`, whitespace folded, with a space kept after the match.
fn head(s: &str, width: usize) -> String {
    let folded = fold(s);
    let spaced = if s.starts_with(char::is_whitespace) && !folded.is_empty() {
        format!(" {folded}")
    } else {
        folded
    };
    spaced.chars().take(width).collect()
}

/// Every matching paragraph with its date, from fast fields.
struct Dated {
    date: String,
    year: String,
}

impl Collector for Dated {
    type Fruit = Vec<(Option<When>, DocAddress)>;
    type Child = SegmentDated;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDated> {
        Ok(SegmentDated {
            segment,
            dates: Dates::open(reader, &self.date, &self.year)?,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

struct SegmentDated {
    segment: SegmentOrdinal,
    dates: Dates,
    docs: Vec<(Option<When>, DocAddress)>,
}

impl SegmentCollector for SegmentDated {
    type Fruit = Vec<(Option<When>, DocAddress)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs
            .push((self.dates.when(doc), DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.docs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_to_the_width_with_whitespace_folded() {
        assert_eq!(tail("one  two\nthree ", 7), " three ");
        assert_eq!(tail("one two three ", 20), "one two three ");
        assert_eq!(head(" four five", 6), " four ");
        assert_eq!(head(", six", 20), ", six");
    }
}
