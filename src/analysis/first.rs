//! `first`: the adoption order of a phrase — for each group (country or speaker) its earliest matching
//! paragraph, ordered by date.
//!
//! One pass over the matching paragraphs keeps, per group, the earliest date read from fast fields; only
//! the one paragraph kept per group is then read from the store, for its speakers and a snippet. A
//! statement known only by its year counts as of that year, before the dated statements of the same year:
//! its day is unknown. Paragraphs with neither date nor year are left out and counted.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::{Dates, Group, When};
use crate::document::Record;
use crate::error::{Error, Result};
use crate::index::Store;
use crate::search::{self, Request};

/// One group's earliest matching paragraph.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Row {
    /// The country code or speaker.
    pub key: String,
    /// `YYYY-MM-DD`, or `YYYY` when only the year is known.
    pub date: Option<String>,
    /// The paragraph's speakers.
    pub speakers: Vec<String>,
    /// The paragraph's countries.
    pub countries: Vec<String>,
    /// The paragraph's id.
    pub id: String,
    /// The passage holding the match.
    pub text: String,
}

/// The adoption order, and how many matching paragraphs had no date to place them.
#[derive(Clone, Debug, PartialEq)]
pub struct Adoption {
    /// One row per group, earliest first.
    pub rows: Vec<Row>,
    /// Matching paragraphs with neither date nor year.
    pub undated: u64,
}

/// Snippet length of a row, in characters.
const SNIPPET_CHARS: usize = 160;

/// Each group's earliest paragraph matching the request, by `by` (country or speaker).
pub fn first(store: &Store, request: &Request, by: Group) -> Result<Adoption> {
    let compiled = search::compile(store, request)?;
    let schema = store.index().schema();
    let f = store.fields();
    let name = |field| schema.get_field_name(field).to_string();
    let earliest = Earliest {
        group: name(by.field(f)),
        date: name(f.date),
        year: name(f.year),
    };
    store.searching(|searcher| {
        let found = searcher
            .search(&compiled.query, &earliest)
            .map_err(|e| Error::index("finding first uses", e))?;
        let mut kept: Vec<(String, When, DocAddress)> = found
            .groups
            .into_iter()
            .map(|(k, (when, address))| (k, when, address))
            .collect();
        kept.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        let mut rows = Vec::with_capacity(kept.len());
        for (key, _, address) in kept {
            let record = Record::fetch(searcher, f, address)?;
            let snippet = search::snippet(&record.text, &compiled.patterns, SNIPPET_CHARS);
            rows.push(Row {
                key,
                date: record.date,
                speakers: record.speakers,
                countries: record.countries,
                id: record.id,
                text: snippet.text,
            });
        }
        Ok(Adoption {
            rows,
            undated: found.undated,
        })
    })
}

/// The pass keeping each group's earliest paragraph.
struct Earliest {
    group: String,
    date: String,
    year: String,
}

/// What the pass found.
#[derive(Default)]
struct Found {
    groups: HashMap<String, (When, DocAddress)>,
    undated: u64,
}

impl Found {
    fn keep(&mut self, key: String, when: When, address: DocAddress) {
        let entry = self.groups.entry(key).or_insert((when, address));
        if (when, address) < *entry {
            *entry = (when, address);
        }
    }
}

impl Collector for Earliest {
    type Fruit = Found;
    type Child = SegmentEarliest;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentEarliest> {
        Ok(SegmentEarliest {
            segment,
            group: reader.fast_fields().str(&self.group)?,
            dates: Dates::open(reader, &self.date, &self.year)?,
            kept: HashMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<tantivy::Result<Found>>) -> tantivy::Result<Found> {
        let mut all = Found::default();
        for fruit in fruits {
            let fruit = fruit?;
            all.undated += fruit.undated;
            for (key, (when, address)) in fruit.groups {
                all.keep(key, when, address);
            }
        }
        Ok(all)
    }
}

/// The pass over one segment; groups are term ordinals until the harvest names them.
struct SegmentEarliest {
    segment: SegmentOrdinal,
    group: Option<StrColumn>,
    dates: Dates,
    kept: HashMap<u64, (When, DocId)>,
    undated: u64,
}

impl SegmentCollector for SegmentEarliest {
    type Fruit = tantivy::Result<Found>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(when) = self.dates.when(doc) else {
            self.undated += 1;
            return;
        };
        let Some(group) = &self.group else {
            return;
        };
        for ord in group.term_ords(doc) {
            let entry = self.kept.entry(ord).or_insert((when, doc));
            // Documents come in increasing order: an equal date keeps the first.
            if when < entry.0 {
                *entry = (when, doc);
            }
        }
    }

    fn harvest(self) -> tantivy::Result<Found> {
        let mut found = Found {
            groups: HashMap::with_capacity(self.kept.len()),
            undated: self.undated,
        };
        if let Some(column) = &self.group {
            let mut keys = super::names(column, self.kept.keys().copied())?;
            for (ord, (when, doc)) in self.kept {
                let key = keys.remove(&ord).unwrap_or_default();
                found.keep(key, when, DocAddress::new(self.segment, doc));
            }
        }
        Ok(found)
    }
}
