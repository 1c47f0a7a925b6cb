//! CSV and TSV files: a header row naming the columns, then one statement a row, its columns read as a
//! JSON record's fields ("headline", "date", "body", "speaker", … under the same names and mapping).
//! Scraped archives and spreadsheet exports come this way.

use serde_json::{Map, Value};

use super::json::{self, FieldMap};
use super::Draft;
use crate::manifest::FILE_COLUMNS;

/// The statements of a delimited file, and a message for each row that could not be read (its line and
/// why). A row is numbered by the line it starts on, as a reader of the file counts.
pub fn drafts(source: &str, text: &str, map: &FieldMap) -> (Vec<Draft>, Vec<String>) {
    // A TSV separates by tabs and quotes nothing: a quotation mark opening a cell is the text's own.
    let tsv = source.to_ascii_lowercase().ends_with(".tsv");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .quoting(!tsv)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return (Vec::new(), vec![format!("header: {e}")]),
    };
    // A table that names files describes them: it is read as a manifest (when it gives their fields),
    // not as statements.
    if let Some(column) = headers
        .iter()
        .find(|h| FILE_COLUMNS.contains(&h.trim().to_ascii_lowercase().as_str()))
    {
        let problem = format!(
            "its {column:?} column makes it a manifest, not a table of statements; rename the column to \
             read its rows"
        );
        return (Vec::new(), vec![problem]);
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let at = format!("line {}", row.position().map_or(0, csv::Position::line));
        // Empty cells say nothing: a record without the field.
        let record: Map<String, Value> = headers
            .iter()
            .zip(row.iter())
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(key, value)| (key.to_string(), Value::String(value.to_string())))
            .collect();
        match json::draft(source, &at, &record, map) {
            Ok(d) => out.push(d),
            Err(reason) => problems.push(format!("{at}: {reason}")),
        }
    }
    json::unique_ids(&mut out);
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Role;

    #[test]
    fn each_row_is_a_statement_with_its_columns_as_fields() {
        let text = "link,headline,date,body\n\
            https://example.org/a,Minister Meets Envoy,2022-06-01,\"The Minister said, \"\"We agree.\"\"\nAnd more.\"\n\
            https://example.org/b,Second,2022-06-02,Two.\n";
        let (drafts, problems) = drafts("news.csv", text, &FieldMap::default());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].title.as_deref(), Some("Minister Meets Envoy"));
        assert_eq!(drafts[0].url.as_deref(), Some("https://example.org/a"));
        assert!(drafts[0].blocks[0]
            .text
            .starts_with("The Minister said, \"We agree.\""));
        assert_eq!(drafts[1].blocks[0].text, "Two.");
    }

    #[test]
    fn a_table_naming_files_is_not_a_table_of_statements_and_says_so() {
        let text = "title,body,path\nOne,Text.,/news/1\n";
        let (drafts, problems) = drafts("news.csv", text, &FieldMap::default());
        assert!(drafts.is_empty());
        assert!(problems[0].contains("\"path\" column"), "{problems:?}");
    }

    #[test]
    fn a_tsv_is_read_by_tabs_and_a_short_row_keeps_the_columns_it_has() {
        let text =
            "title\tbody\tspeaker\nOne\t\"We agree,\" said Jo Roe.\nTwo\tSecond text.\tAna Lima\n";
        let (drafts, problems) = drafts("feed.tsv", text, &FieldMap::default());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].title.as_deref(), Some("One"));
        assert_eq!(drafts[0].blocks[0].text, "\"We agree,\" said Jo Roe.");
        assert!(drafts[0].speakers.is_empty());
        assert_eq!(drafts[1].speakers, ["Ana Lima"]);
    }

    #[test]
    fn a_houses_answers_are_given_by_their_responder_once_each() {
        let text = "question_uid,asker_name,responder_name,response_content\n\
            41-1-904,Ms. Ana Lima,\"Hon. Jo Roe (Minister of International Trade and Minister for the \
            Asia-Pacific Gateway, CPC)\",\"Mr. Speaker, in response to (a), the loans were repaid.\n\
            Regarding (b), it is not applicable.\"\n";
        let (drafts, problems) = drafts("answers.csv", text, &FieldMap::default());
        assert!(problems.is_empty(), "{problems:?}");
        let d = &drafts[0];
        let given: Vec<(&str, Option<Role>)> = d
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.given_role))
            .collect();
        // The response is the answer, read once: not again as a body guessed from "…_content".
        assert_eq!(
            given,
            [
                (
                    "Mr. Speaker, in response to (a), the loans were repaid.",
                    Some(Role::Answer)
                ),
                ("Regarding (b), it is not applicable.", Some(Role::Answer)),
            ]
        );
        assert_eq!(d.authors.len(), 1, "{:?}", d.authors);
        assert!(d.authors[0].starts_with("Hon. Jo Roe ("), "{:?}", d.authors);
    }

    #[test]
    fn a_row_is_numbered_by_the_line_it_starts_on() {
        let text = "title,body\nOne,\"First line.\nSecond line.\"\nTwo,Text.\n";
        let (drafts, _) = drafts("news.csv", text, &FieldMap::default());
        assert!(drafts[0].id.ends_with("#line-2"), "{}", drafts[0].id);
        assert!(drafts[1].id.ends_with("#line-4"), "{}", drafts[1].id);
    }
}
