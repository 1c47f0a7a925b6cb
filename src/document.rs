//! The paragraph record: written to a tantivy document and read back from one here, and nowhere else.
//!
//! [`schema`](crate::schema) spells the index's fields; this module says what of a [`Statement`] goes into
//! each of them and how a stored document reads back as a [`Record`], the one type every later layer uses
//! for a paragraph: a search wraps it in a hit, `export` writes it as it is. Outputs list a record's values
//! by [`Column`], so a field added to the record is added to every output in the same edit, and a test
//! below fails until it is.

use jiff::civil::Date;
use jiff::SignedDuration;
use serde::{Deserialize, Serialize};
use tantivy::schema::{Field, Value as _};
use tantivy::{DateTime, DocAddress, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::gazetteer::{self, CountryCode};
use crate::parse::{Paragraph, Statement};
use crate::schema::Fields;

/// Every stored field of one paragraph document: what `export` writes and a hit shows.
///
/// The fields are declared in the order a hit's JSON has always listed them, since a
/// [`Hit`](crate::search::Hit) flattens its record into itself; `export` keeps its own order,
/// `Column::ALL`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// Stable paragraph id.
    pub id: String,
    /// Id of its statement.
    pub statement: String,
    /// Source file relative to the corpus folder.
    pub source: String,
    /// Statement title.
    pub title: Option<String>,
    /// `YYYY-MM-DD`, or `YYYY` when only the year is known.
    pub date: Option<String>,
    /// Where the statement was published.
    pub url: Option<String>,
    /// Speakers' full names.
    pub speakers: Vec<String>,
    /// Countries the paragraph speaks for, ISO 3166 alpha-3.
    pub countries: Vec<String>,
    /// The same countries, as names.
    pub country_names: Vec<String>,
    /// Paragraph number within the statement body, from 1.
    pub paragraph: u64,
    /// statement / narration / joint / question / answer.
    pub role: String,
    /// The attribution sieve that decided the speakers.
    pub sieve: String,
    /// Kind of statement.
    pub kind: String,
    /// For an answer: the id of the paragraph holding its question.
    pub answers: Option<String>,
    /// Paragraph text.
    pub text: String,
}

/// The document of one paragraph of a statement. The statement's own fields are repeated on each of its
/// paragraphs: a search returns paragraphs, and filters them by what their statement says.
pub(crate) fn paragraph(f: &Fields, st: &Statement, p: &Paragraph) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, format!("{}#{}", st.id, p.number));
    doc.add_text(f.statement, &st.id);
    doc.add_text(f.source, &st.source);
    if let Some(title) = &st.title {
        doc.add_text(f.title, title);
    }
    doc.add_text(f.text, &p.text);
    for name in st.speaker_names(p) {
        doc.add_text(f.speaker, name);
        doc.add_text(f.speaker_exact, name);
    }
    for country in st.speaker_countries(p) {
        doc.add_text(f.country, country.as_str());
    }
    if let Some(date) = st.date {
        doc.add_date(f.date, to_index_date(date));
    }
    if let Some(year) = st.year {
        doc.add_i64(f.year, i64::from(year));
    }
    if let Some(url) = &st.url {
        doc.add_text(f.url, url);
    }
    if let Some(q) = p.answers {
        doc.add_text(f.answers, format!("{}#{q}", st.id));
    }
    doc.add_u64(f.paragraph, u64::from(p.number));
    doc.add_u64(f.order, u64::from(st.position));
    doc.add_text(f.role, p.role.as_str());
    doc.add_text(f.sieve, p.sieve.as_str());
    doc.add_text(f.kind, st.kind.as_str());
    doc.add_u64(f.words, crate::tokenize::count(&p.text) as u64);
    if let Some(date) = st.date {
        doc.add_i64(f.month, month_number(date));
    }
    doc
}

/// A day's month as the `month` field counts it: `year * 12 + month - 1`.
pub(crate) fn month_number(date: Date) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month()) - 1
}

impl Record {
    /// Reads the stored paragraph document at `address`.
    pub(crate) fn fetch(
        searcher: &Searcher,
        fields: &Fields,
        address: DocAddress,
    ) -> Result<Record> {
        let doc: TantivyDocument = searcher
            .doc(address)
            .map_err(|e| Error::index("reading a paragraph", e))?;
        Ok(Record::read(&doc, fields))
    }

    /// The record a stored paragraph document holds. A field the document lacks reads as empty: only
    /// paragraphs are read, and every paragraph has the fields that are not optional.
    fn read(doc: &TantivyDocument, fields: &Fields) -> Record {
        let first = |f: Field| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let optional = |f: Field| Some(first(f)).filter(|s| !s.is_empty());
        let all = |f: Field| -> Vec<String> {
            doc.get_all(f)
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        let countries = all(fields.country);
        let country_names = countries
            .iter()
            .map(|c| match CountryCode::parse(c) {
                Some(code) => gazetteer::display_name(code).to_string(),
                None => c.clone(),
            })
            .collect();
        Record {
            id: first(fields.id),
            statement: first(fields.statement),
            source: first(fields.source),
            title: optional(fields.title),
            date: doc
                .get_first(fields.date)
                .and_then(|v| v.as_datetime())
                .and_then(from_index_date)
                .map(|d| d.to_string())
                .or_else(|| {
                    doc.get_first(fields.year)
                        .and_then(|v| v.as_i64())
                        .map(|y| y.to_string())
                }),
            url: optional(fields.url),
            speakers: all(fields.speaker),
            countries,
            country_names,
            paragraph: doc
                .get_first(fields.paragraph)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            role: first(fields.role),
            sieve: first(fields.sieve),
            kind: first(fields.kind),
            answers: optional(fields.answers),
            text: first(fields.text),
        }
    }
}

/// One value of a [`Record`] as outputs list it: a CSV column, or a key of an exported JSON record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    /// [`Record::id`].
    Id,
    /// [`Record::statement`].
    Statement,
    /// [`Record::source`].
    Source,
    /// [`Record::url`].
    Url,
    /// [`Record::title`].
    Title,
    /// [`Record::date`].
    Date,
    /// [`Record::kind`].
    Kind,
    /// [`Record::paragraph`].
    Paragraph,
    /// [`Record::role`].
    Role,
    /// [`Record::sieve`].
    Sieve,
    /// [`Record::speakers`].
    Speakers,
    /// [`Record::countries`].
    Countries,
    /// [`Record::country_names`].
    CountryNames,
    /// [`Record::answers`].
    Answers,
    /// [`Record::text`].
    Text,
}

impl Column {
    /// Every column, in the order `export` writes them: CSV columns and JSON keys alike.
    pub(crate) const ALL: [Column; 15] = [
        Column::Id,
        Column::Statement,
        Column::Source,
        Column::Url,
        Column::Title,
        Column::Date,
        Column::Kind,
        Column::Paragraph,
        Column::Role,
        Column::Sieve,
        Column::Speakers,
        Column::Countries,
        Column::CountryNames,
        Column::Answers,
        Column::Text,
    ];

    /// The CSV header and JSON key: the name of the [`Record`] field.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Statement => "statement",
            Column::Source => "source",
            Column::Url => "url",
            Column::Title => "title",
            Column::Date => "date",
            Column::Kind => "kind",
            Column::Paragraph => "paragraph",
            Column::Role => "role",
            Column::Sieve => "sieve",
            Column::Speakers => "speakers",
            Column::Countries => "countries",
            Column::CountryNames => "country_names",
            Column::Answers => "answers",
            Column::Text => "text",
        }
    }

    /// The value of this column in `r`.
    pub(crate) fn value(self, r: &Record) -> Value<'_> {
        match self {
            Column::Id => Value::Text(&r.id),
            Column::Statement => Value::Text(&r.statement),
            Column::Source => Value::Text(&r.source),
            Column::Url => Value::Optional(r.url.as_deref()),
            Column::Title => Value::Optional(r.title.as_deref()),
            Column::Date => Value::Optional(r.date.as_deref()),
            Column::Kind => Value::Text(&r.kind),
            Column::Paragraph => Value::Number(r.paragraph),
            Column::Role => Value::Text(&r.role),
            Column::Sieve => Value::Text(&r.sieve),
            Column::Speakers => Value::List(&r.speakers),
            Column::Countries => Value::List(&r.countries),
            Column::CountryNames => Value::List(&r.country_names),
            Column::Answers => Value::Optional(r.answers.as_deref()),
            Column::Text => Value::Text(&r.text),
        }
    }
}

/// A value of a [`Record`], typed as JSON writes it; a CSV cell is its text, with an absent value empty
/// and a list joined.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub(crate) enum Value<'a> {
    /// Text every paragraph has.
    Text(&'a str),
    /// Text some paragraphs lack: `null` in JSON.
    Optional(Option<&'a str>),
    /// A number.
    Number(u64),
    /// Any number of texts.
    List(&'a [String]),
}

const EPOCH: Date = Date::constant(1970, 1, 1);

/// A day as the index stores it: midnight UTC.
pub(crate) fn to_index_date(date: Date) -> DateTime {
    DateTime::from_timestamp_secs(date.duration_since(EPOCH).as_secs())
}

/// The day of a stored date.
pub(crate) fn from_index_date(value: DateTime) -> Option<Date> {
    let days = value.into_timestamp_secs().div_euclid(86_400);
    EPOCH
        .checked_add(SignedDuration::from_hours(days * 24))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    use crate::parse::{Kind, Participant, Role, Sieve};
    use crate::schema;
    use tantivy::{Index, IndexWriter};

    #[test]
    fn dates_round_trip() {
        for d in [Date::constant(2021, 1, 21), Date::constant(1946, 10, 24)] {
            assert_eq!(from_index_date(to_index_date(d)), Some(d));
        }
    }

    fn country(code: &str) -> CountryCode {
        CountryCode::parse(code).expect("a country code")
    }

    /// A dated statement with an answer spoken by two people, and the same statement undated but for its
    /// year, without title or url.
    fn statements() -> [Statement; 2] {
        let dated = Statement {
            id: "presser.html".into(),
            source: "presser.html".into(),
            position: 3,
            title: Some("Press Conference".into()),
            url: Some("https://example.org/presser".into()),
            date: Some(Date::constant(2021, 1, 21)),
            year: Some(2021),
            kind: Kind::PressConference,
            issuer: None,
            participants: vec![
                Participant {
                    name: "Xi Jinping".into(),
                    office: None,
                    country: Some(country("CHN")),
                },
                Participant {
                    name: "Thongloun Sisoulith".into(),
                    office: None,
                    country: Some(country("LAO")),
                },
            ],
            paragraphs: vec![Paragraph {
                number: 2,
                text: "Both sides agreed.".into(),
                speakers: vec![0, 1],
                role: Role::Answer,
                answers: Some(1),
                countries: vec![country("CHN"), country("LAO")],
                sieve: Sieve::Label,
            }],
        };
        let year_only = Statement {
            title: None,
            url: None,
            date: None,
            ..dated.clone()
        };
        [dated, year_only]
    }

    /// Writes each statement's paragraph to an index and reads it back.
    fn stored(statements: &[Statement]) -> Vec<Record> {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        crate::tokenize::register(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15 << 20).unwrap();
        for st in statements {
            writer
                .add_document(paragraph(&fields, st, &st.paragraphs[0]))
                .unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        (0..statements.len() as u32)
            .map(|doc| Record::fetch(&searcher, &fields, DocAddress::new(0, doc)).unwrap())
            .collect()
    }

    fn record() -> Record {
        Record {
            id: "presser.html#2".into(),
            statement: "presser.html".into(),
            source: "presser.html".into(),
            title: Some("Press Conference".into()),
            date: Some("2021-01-21".into()),
            url: Some("https://example.org/presser".into()),
            speakers: vec!["Xi Jinping".into(), "Thongloun Sisoulith".into()],
            countries: vec!["CHN".into(), "LAO".into()],
            country_names: vec!["China".into(), "Laos".into()],
            paragraph: 2,
            role: "answer".into(),
            sieve: "label".into(),
            kind: "press_conference".into(),
            answers: Some("presser.html#1".into()),
            text: "Both sides agreed.".into(),
        }
    }

    #[test]
    fn a_paragraph_reads_back_as_it_was_written() {
        let [dated, year_only] = stored(&statements()).try_into().unwrap();
        assert_eq!(dated, record());
        let undated = Record {
            title: None,
            date: Some("2021".into()),
            url: None,
            ..record()
        };
        assert_eq!(year_only, undated);
    }

    #[test]
    fn every_field_of_the_record_is_one_column_with_the_same_json() {
        let r = record();
        let json = serde_json::to_value(&r).unwrap();
        let json = json.as_object().unwrap();
        let keys: BTreeSet<&str> = json.keys().map(String::as_str).collect();
        let names: BTreeSet<&str> = Column::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(
            names, keys,
            "a column for every field, named as its JSON key"
        );
        assert_eq!(Column::ALL.len(), keys.len(), "each field once");
        for column in Column::ALL {
            assert_eq!(
                Some(&serde_json::to_value(column.value(&r)).unwrap()),
                json.get(column.name()),
                "{column:?}"
            );
        }
    }
}
