//! Dates: found in a statement's text, and typed by users as filter bounds.
//!
//! A statement's date is taken only from what the text (or its file name) says; when nothing says it, the
//! statement is undated, never given a made-up day.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The number of a month written as [`MONTH`] matches it.
pub(crate) fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    // "Sept." is a common abbreviation that is not a prefix of length 3.
    let w = if w == "sept" { "sep".to_string() } else { w };
    MONTHS
        .iter()
        .position(|m| m.starts_with(w.as_str()))
        .map(|i| i as i8 + 1)
}

/// True for a day of the week, whole or as its usual abbreviation, any case: "SUN", "Thurs".
pub(crate) fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    w.len() >= 3
        && [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .iter()
        .any(|d| d.starts_with(w.as_str()))
}

/// A month's name or abbreviation, any case, with an optional period: "January", "Jan.", "Sept".
pub(crate) static MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({MONTH})\s*(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("static regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})\s*,?\s+(\d{{4}})(?-u:\b)"
    ))
    .expect("static regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})(?:[^\d]|$)").expect("static regex")
});

/// The first full date (day, month and year) written in `text`, by position.
pub fn find(text: &str) -> Option<Date> {
    let mut best: Option<(usize, Date)> = None;
    let mut consider = |at: usize, y: &str, m: Option<i8>, d: &str| {
        let (Ok(y), Some(m), Ok(d)) = (y.parse::<i16>(), m, d.parse::<i8>()) else {
            return;
        };
        if let Ok(date) = Date::new(y, m, d) {
            if best.is_none_or(|(b, _)| at < b) {
                best = Some((at, date));
            }
        }
    };
    if let Some(c) = MONTH_DAY_YEAR.captures(text) {
        consider(
            c.get(0).map_or(0, |m| m.start()),
            &c[3],
            month_number(&c[1]),
            &c[2],
        );
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(text) {
        consider(
            c.get(0).map_or(0, |m| m.start()),
            &c[3],
            month_number(&c[2]),
            &c[1],
        );
    }
    if let Some(c) = ISO.captures(text) {
        consider(
            c.get(1).map_or(0, |m| m.start()),
            &c[1],
            c[2].parse().ok(),
            &c[3],
        );
    }
    best.map(|(_, d)| d)
}

/// A date given by a record or a manifest: ISO 8601 (`2021-05-20`, `2021-05-20T22:14:56+00:00`, the day
/// as written), RFC 2822 (`Thu, 20 May 2021 22:14:56 +0000`) or written out (`May 20, 2021`).
pub fn parse_given(text: &str) -> Option<Date> {
    find(text)
}

/// A year given alone (`1946`), as manifests of corpora without days give it.
pub fn parse_year(text: &str) -> Option<i16> {
    let t = text.trim();
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// The year a file's path gives, for a statement nothing else dates: the year standing alone in its
/// folders' and file's names ("Session 01 - 1946/ARG_01_1946.txt", "2019/03/readout.html"). Archives
/// file by year, and a research corpus's names carry it. A path naming two different years gives none:
/// a slug's topic ("2018/11/sweden-at-expo-2020.md") is no date, and neither is a range ("1990-2000");
/// nor are longer runs of digits ("t1558711.html").
pub fn year_in_path(rel: &str) -> Option<i16> {
    let mut years = rel
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(parse_year)
        .filter(|y| (MIN_PATH_YEAR..=MAX_PATH_YEAR).contains(y));
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// The years a path may give: a number outside them is a count or a code, not a year.
const MIN_PATH_YEAR: i16 = 1800;
const MAX_PATH_YEAR: i16 = 2100;

/// Which end of a range a typed date stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// `--from`: the first day of the period.
    Start,
    /// `--to`: the last day of the period.
    Finish,
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first or last day of that period: `--from 2021` is
/// 2021-01-01, `--to 2021` is 2021-12-31, `--to 2024-02` is 2024-02-29.
pub fn parse_bound(typed: &str, end: End) -> Result<Date, String> {
    let parts: Vec<&str> = typed.trim().split('-').collect();
    let num = |s: &str, what: &str| -> Result<i64, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 4 {
            return Err(format!("{what} {s:?} is not a number"));
        }
        s.parse::<i64>().map_err(|e| e.to_string())
    };
    let shape = "expected YYYY, YYYY-MM or YYYY-MM-DD";
    let year = match parts.first() {
        Some(y) if y.len() == 4 => num(y, "year")?,
        _ => return Err(shape.into()),
    };
    let year = i16::try_from(year).map_err(|_| shape.to_string())?;
    let start = |m: i8, d: i8| Date::new(year, m, d).map_err(|e| e.to_string());
    match (parts.len(), end) {
        (1, End::Start) => start(1, 1),
        (1, End::Finish) => start(12, 31),
        (2 | 3, _) => {
            let month = i8::try_from(num(parts[1], "month")?).map_err(|_| shape.to_string())?;
            let first = start(month, 1)?;
            if parts.len() == 3 {
                let day = i8::try_from(num(parts[2], "day")?).map_err(|_| shape.to_string())?;
                return start(month, day);
            }
            Ok(match end {
                End::Start => first,
                End::Finish => first.last_of_month(),
            })
        }
        _ => Err(shape.into()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_year_alone_in_a_path_dates_its_file() {
        use super::year_in_path;
        assert_eq!(
            year_in_path("Session 01 - 1946/ARG_01_1946.txt"),
            Some(1946)
        );
        assert_eq!(year_in_path("2019/03/readout.html"), Some(2019));
        assert_eq!(year_in_path("archive/2019/sweden-at-expo-2020.md"), None);
        assert_eq!(
            year_in_path("tal/2015/06/address-26-juni-2015.md"),
            Some(2015)
        );
        assert_eq!(year_in_path("html/t1558711.html"), None);
        assert_eq!(year_in_path("reviews 1990-2000/a.txt"), None);
        assert_eq!(year_in_path("codes/0042.txt"), None);
        assert_eq!(year_in_path("statement.txt"), None);
    }

    use super::*;
    use jiff::civil::date;

    #[test]
    fn finds_the_first_written_date() {
        assert_eq!(
            find("On January 21, 2021, General Secretary ... on March 3, 2020"),
            Some(date(2021, 1, 21))
        );
        assert_eq!(find("Geneva, 5 Sept. 2019 — text"), Some(date(2019, 9, 5)));
        assert_eq!(find("Released 12th March, 2004."), Some(date(2004, 3, 12)));
        assert_eq!(find("file-2021-01-21.txt"), Some(date(2021, 1, 21)));
        assert_eq!(find("Dec. 1 2020 and 2019-05-04"), Some(date(2020, 12, 1)));
        assert_eq!(find("Sept 10, 2019"), Some(date(2019, 9, 10)));
        assert_eq!(
            find("Press Conference on June11, 2018"),
            Some(date(2018, 6, 11))
        );
    }

    #[test]
    fn never_makes_a_date_up() {
        assert_eq!(find("Press Conference on September 10"), None);
        assert_eq!(find("February 30, 2021"), None);
        assert_eq!(find("in 2021 the may 5 meeting"), None);
        assert_eq!(find(""), None);
    }

    #[test]
    fn bounds_cover_whole_periods() {
        assert_eq!(parse_bound("2021", End::Start), Ok(date(2021, 1, 1)));
        assert_eq!(parse_bound("2021", End::Finish), Ok(date(2021, 12, 31)));
        assert_eq!(parse_bound("2024-02", End::Finish), Ok(date(2024, 2, 29)));
        assert_eq!(parse_bound("2024-02", End::Start), Ok(date(2024, 2, 1)));
        assert_eq!(
            parse_bound("2021-01-21", End::Finish),
            Ok(date(2021, 1, 21))
        );
        for bad in ["21", "2021-13", "2021-02-30", "yesterday", "2021-1-", ""] {
            assert!(parse_bound(bad, End::Start).is_err(), "{bad}");
        }
    }
}
