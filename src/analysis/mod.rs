//! Research questions answered in one command each: how many paragraphs per group (`count`), how often
//! over time (`trend`), in what words (`kwic`) and who said it first (`first`).
//!
//! Each command takes a search [`Request`](crate::search::Request) — the query and every filter — and
//! returns plain rows; printing them is [`output`](crate::output)'s job. Counts and totals are read from
//! fast-field columns and tantivy's aggregations, occurrences from the positions of the query's words in
//! the postings; only `kwic` and each group's one paragraph of `first` read stored text.

use tantivy::schema::Field;

use crate::schema::Fields;

pub mod count;
pub mod first;
pub mod kwic;
mod occurrences;
pub(crate) mod plot;
pub mod trend;

/// What paragraphs are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Each speaker's full name.
    Speaker,
    /// Each country the paragraph speaks for, ISO alpha-3.
    Country,
    /// The statement's year.
    Year,
    /// The statement's month, `YYYY-MM` (dated statements only).
    Month,
    /// statement / answer / question / joint / narration.
    Role,
    /// The statement's kind.
    Kind,
    /// The source file.
    Source,
    /// Who asked a question: the outlet (or journalist) a transcript names before it.
    Outlet,
}

impl Group {
    /// The fast field holding the group's values.
    pub(crate) fn field(self, f: &Fields) -> Field {
        match self {
            Group::Speaker | Group::Outlet => f.speaker_exact,
            Group::Country => f.country,
            Group::Year => f.year,
            Group::Month => f.month,
            Group::Role => f.role,
            Group::Kind => f.kind,
            Group::Source => f.source,
        }
    }

    /// The group's name as a flag value and a column heading.
    pub fn name(self) -> &'static str {
        match self {
            Group::Speaker => "speaker",
            Group::Country => "country",
            Group::Year => "year",
            Group::Month => "month",
            Group::Role => "role",
            Group::Kind => "kind",
            Group::Source => "source",
            Group::Outlet => "outlet",
        }
    }
}

/// The values of a string column's ordinals, read in one sorted sweep of its dictionary: each
/// `ord_to_str` decompresses a dictionary block afresh, which took most of a count's time for thousands
/// of statements.
pub(crate) fn names(
    column: &tantivy::columnar::StrColumn,
    ords: impl IntoIterator<Item = u64>,
) -> std::io::Result<std::collections::HashMap<u64, String>> {
    let mut sorted: Vec<u64> = ords.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut values = Vec::with_capacity(sorted.len());
    column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            values.push(String::from_utf8_lossy(bytes).into_owned())
        })?;
    Ok(sorted.into_iter().zip(values).collect())
}

/// When a paragraph was said, as it orders: its year, then its day (none, for a year alone, first).
pub(crate) type When = (i64, Option<i64>);

/// A segment's date and year columns: when each of its paragraphs was said.
pub(crate) struct Dates {
    date: tantivy::columnar::Column<tantivy::DateTime>,
    year: tantivy::columnar::Column<i64>,
}

impl Dates {
    /// The columns of the fields named `date` and `year` in one segment.
    pub(crate) fn open(
        reader: &tantivy::SegmentReader,
        date: &str,
        year: &str,
    ) -> tantivy::Result<Dates> {
        let ff = reader.fast_fields();
        Ok(Dates {
            date: ff.date(date)?,
            year: ff.i64(year)?,
        })
    }

    /// When `doc` was said; `None` for a paragraph with neither a day nor a year.
    pub(crate) fn when(&self, doc: tantivy::DocId) -> Option<When> {
        let year = self.year.first(doc)?;
        Some((year, self.date.first(doc).map(|d| d.into_timestamp_secs())))
    }
}

/// A period's label: the year, or `YYYY-MM` for a month number (`year * 12 + month - 1`).
pub(crate) fn period_label(group: Group, value: i64) -> String {
    match group {
        Group::Month => format!(
            "{:04}-{:02}",
            value.div_euclid(12),
            value.rem_euclid(12) + 1
        ),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_labelled_as_the_index_counts_them() {
        let d = jiff::civil::Date::constant(2019, 12, 5);
        let m = crate::document::month_number(d);
        assert_eq!(period_label(Group::Month, m), "2019-12");
        assert_eq!(period_label(Group::Month, m + 1), "2020-01");
        assert_eq!(period_label(Group::Year, 2019), "2019");
    }
}
