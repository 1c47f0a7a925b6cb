//! The one place where the index's field names and types are spelled.
//!
//! Every other module reaches fields through [`Fields`]; a field renamed here is renamed everywhere, and an
//! index whose schema lacks a field this build needs is reported as an index of another format.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::IndexSettings;

use crate::error::{Error, Result};
use crate::tokenize::TOKENIZER_NAME;

/// The version of the on-disk layout: schema, tokenizer rules, document kinds and how files are cut into
/// paragraphs. Bump it whenever any of them changes, so that an old index is rebuilt rather than misread
/// or left with paragraphs cut the old way. 2: plain text split at sentence-final line ends. 3: file
/// fingerprints in a fast field. 4: only the fields searches and deletions look up are indexed. 6: `kind` a
/// fast field, and each paragraph's word count and month in fast fields, for `count`, `trend` and `first`.
/// 7: a hash of the statement id in a numeric fast field, for counting statements without reading names.
/// 8: a statement's paragraphs are neighbours in one segment, and `count` tells statements apart by the
/// paragraph numbers; the hash is gone.
pub(crate) const FORMAT_VERSION: u32 = 8;

/// `record` value of a file document: one per corpus file, carrying its fingerprint for incremental builds.
/// Paragraphs, what searches return, have no `record`: a term in every document cost the build a posting
/// per paragraph and every search an intersection with all of them.
pub(crate) const RECORD_FILE: &str = "file";

/// Typed handles of every field of the index.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// [`RECORD_FILE`] on file records; absent on paragraphs.
    pub record: Field,
    /// Stable id, stored only: `<statement>#<paragraph>` for paragraphs, `file:<source>` for file records.
    pub id: Field,
    /// Id of the statement the paragraph belongs to.
    pub statement: Field,
    /// Source file, relative to the corpus folder, `/`-separated.
    pub source: Field,
    /// File records only: size, modification time and content hash of the source when indexed.
    pub fingerprint: Field,
    /// Statement title, as words.
    pub title: Field,
    /// Paragraph text, as words with positions; stored for snippets.
    pub text: Field,
    /// Speakers' full names, as words with positions: a filter matches any part of a name.
    pub speaker: Field,
    /// Speakers' full names, exact: for counting in `stats`.
    pub speaker_exact: Field,
    /// Speakers' countries as ISO 3166 alpha-3 codes.
    pub country: Field,
    /// Date of the statement, midnight UTC of the day; absent when only the year is known.
    pub date: Field,
    /// Year of the statement: the date's, or the year alone.
    pub year: Field,
    /// Where the statement was published.
    pub url: Field,
    /// For an answer: the id of the paragraph holding its question.
    pub answers: Field,
    /// Paragraph number within the statement's body, from 1. A statement's paragraphs have neighbouring
    /// document ids in one segment, in this order (`index::Writer::add_statement`), so a
    /// paragraph's id less its number is the same for every paragraph of its statement: what `count`
    /// tells statements apart by.
    pub paragraph: Field,
    /// Position of the statement within its source file, from 0: corpus order for `export`.
    pub order: Field,
    /// statement / narration / joint / question / answer.
    pub role: Field,
    /// The attribution sieve that decided the speakers (stored, for tracing a wrong answer).
    pub sieve: Field,
    /// What kind of statement: readout, press conference, speech, …
    pub kind: Field,
    /// Words of the paragraph's text, as the tokenizer cuts them: the denominator of a trend's rate.
    pub words: Field,
    /// Month of a dated statement, counted from year 0 (`year * 12 + month - 1`): tantivy's date
    /// histogram has fixed intervals only, and a month is not one.
    pub month: Field,
}

/// An exact value looked up as one term. No field norms: a filter's score does not depend on length.
fn key() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    TextOptions::default().set_indexing_options(indexing)
}

fn words(stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Settings of a new index. The stored paragraphs are most of an index's bytes: zstd keeps them near
/// half the size lz4 does. Each hit shown decompresses its whole block, so the block size trades size
/// and build time against a search's time: on the whole UN General Debate corpus 16 KiB blocks made
/// search processes 0.3-1 ms faster but the build 7% more CPU and the index 3.5% larger; 64 KiB made
/// searches slower. Level 1 compresses within a few percent of the default 3 for less of the build's CPU
/// time; negative levels saved no measurable CPU for a 15% larger index.
pub(crate) fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 32 << 10,
        ..IndexSettings::default()
    }
}

/// Builds the schema of a new index.
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        record: b.add_text_field("record", key()),
        id: b.add_text_field("id", STORED),
        statement: b.add_text_field("statement", STORED | FAST),
        source: b.add_text_field("source", key() | STORED | FAST),
        fingerprint: b.add_text_field("fingerprint", STORED | FAST),
        title: b.add_text_field("title", words(true)),
        text: b.add_text_field("text", words(true)),
        speaker: b.add_text_field("speaker", words(true)),
        speaker_exact: b.add_text_field("speaker_exact", FAST),
        country: b.add_text_field("country", key() | STORED | FAST),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        year: b.add_i64_field(
            "year",
            NumericOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast(),
        ),
        url: b.add_text_field("url", STORED),
        answers: b.add_text_field("answers", STORED),
        paragraph: b.add_u64_field(
            "paragraph",
            NumericOptions::default().set_stored().set_fast(),
        ),
        order: b.add_u64_field("order", NumericOptions::default().set_fast()),
        role: b.add_text_field("role", key() | STORED | FAST),
        sieve: b.add_text_field("sieve", STORED),
        kind: b.add_text_field("kind", key() | STORED | FAST),
        words: b.add_u64_field("words", NumericOptions::default().set_fast()),
        month: b.add_i64_field("month", NumericOptions::default().set_fast()),
    };
    (b.build(), fields)
}

impl Fields {
    /// Finds this build's fields in the schema of an opened index; a missing or mistyped one means the index
    /// was written by another format.
    pub fn of(schema: &Schema, path: &std::path::Path) -> Result<Fields> {
        let (expected, fields) = build();
        for (field, entry) in expected.fields() {
            let same = match schema.get_field(entry.name()) {
                Ok(found) => found == field && schema.get_field_entry(found) == entry,
                Err(_) => false,
            };
            if !same {
                return Err(Error::IndexVersion {
                    path: path.to_path_buf(),
                    found: Some(format!("another schema (field {:?} differs)", entry.name())),
                    expected: FORMAT_VERSION.to_string(),
                    newer: false,
                    // Read by the index module, which does the I/O.
                    corpora: Vec::new(),
                });
            }
        }
        Ok(fields)
    }

    /// The field names a query may use with `field:value`, and the default one.
    pub fn queryable(&self) -> Vec<Field> {
        vec![
            self.text,
            self.title,
            self.speaker,
            self.country,
            self.role,
            self.kind,
        ]
    }
}
