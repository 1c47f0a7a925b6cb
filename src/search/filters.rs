//! Filters as a user gives them — plain strings from command-line flags or a URL's parameters — resolved
//! into a [`Request`].
//!
//! One function does it for every front end, so `--country Laos` and `?country=Laos` find the same
//! paragraphs and a bad value is refused with the same one-line message, naming the flag.

use crate::error::{Error, Result};
use crate::gazetteer::{self, Gazetteer};
use crate::parse::{self, End, Kind, Role};

use super::Request;

/// The filters of every command that searches, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Filters {
    /// A full name or any part of it.
    pub speaker: Option<String>,
    /// Country names, aliases, demonyms or ISO codes: any of them.
    pub countries: Vec<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the first day of the period.
    pub from: Option<String>,
    /// The same, the last day of the period.
    pub to: Option<String>,
    /// The start of a source file's path.
    pub source: Option<String>,
    /// Roles, any case: any of them.
    pub roles: Vec<String>,
    /// Kinds, as `Kind::parse` reads them: any of them.
    pub kinds: Vec<String>,
}

/// Resolves a query and its filters into a request (of the default limit and order); every bad value is
/// named, with its flag, in the error.
pub(crate) fn resolve(query: &str, f: &Filters) -> Result<Request> {
    let bound = |flag: &str, value: &Option<String>, end: End| -> Result<_> {
        value
            .as_deref()
            .map(|v| {
                parse::parse_bound(v, end).map_err(|reason| Error::BadValue {
                    what: format!("{flag} {v:?}"),
                    reason,
                })
            })
            .transpose()
    };
    let from = bound("--from", &f.from, End::Start)?;
    let to = bound("--to", &f.to, End::Finish)?;
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(Error::BadValue {
                what: format!("--from {a} --to {b}"),
                reason: "the range is empty: --from is after --to".into(),
            });
        }
    }
    let countries = f
        .countries
        .iter()
        .map(|c| {
            gazetteer::country(c).ok_or_else(|| Error::BadValue {
                what: format!("--country {c:?}"),
                reason: if Gazetteer::get().is_not_country(c) {
                    "an organisation or region, not a country: name its member countries".into()
                } else {
                    "not a known country name, alias or ISO code".into()
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    if f.source.as_deref() == Some("") {
        return Err(Error::BadValue {
            what: "--source \"\"".into(),
            reason: "give the start of a file's path".into(),
        });
    }
    let roles = each_known(
        &f.roles,
        "--role",
        "role",
        Role::parse,
        Role::ALL.map(Role::as_str),
    )?;
    let kinds = each_known(
        &f.kinds,
        "--kind",
        "kind",
        Kind::parse,
        Kind::ALL.map(Kind::as_str),
    )?;
    Ok(Request {
        query: query.to_string(),
        speaker: f.speaker.clone(),
        countries,
        from,
        to,
        source: f.source.clone(),
        roles,
        kinds,
        ..Request::default()
    })
}

/// Each value of a repeated flag as `parse` reads it; an unknown one is an error that lists the
/// `known` values.
fn each_known<T>(
    values: &[String],
    flag: &str,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    known: impl IntoIterator<Item = &'static str>,
) -> Result<Vec<T>> {
    let known: Vec<&str> = known.into_iter().collect();
    values
        .iter()
        .map(|v| {
            parse(v).ok_or_else(|| Error::BadValue {
                what: format!("{flag} {v:?}"),
                reason: format!("no {what} ({what}s: {})", known.join(", ")),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_any_case_resolve_to_keys() {
        let f = Filters {
            countries: vec!["Lao PDR".into()],
            roles: vec!["Answer".into()],
            kinds: vec!["press conference".into()],
            from: Some("2021".into()),
            ..Filters::default()
        };
        let r = resolve("x", &f).unwrap();
        assert_eq!(r.countries[0].as_str(), "LAO");
        assert_eq!(r.roles, [Role::Answer]);
        assert_eq!(r.kinds, [Kind::PressConference]);
        assert_eq!(r.from.unwrap().to_string(), "2021-01-01");
    }

    #[test]
    fn a_bad_value_is_named_with_its_flag() {
        let bad = |f: Filters| resolve("", &f).unwrap_err().to_string();
        let e = bad(Filters {
            countries: vec!["Atlantis".into()],
            ..Filters::default()
        });
        assert!(e.starts_with("--country \"Atlantis\": not a known"), "{e}");
        let e = bad(Filters {
            roles: vec!["chorus".into()],
            ..Filters::default()
        });
        assert!(
            e.contains("--role \"chorus\"") && e.contains("answer"),
            "{e}"
        );
        let e = bad(Filters {
            from: Some("2022".into()),
            to: Some("2021".into()),
            ..Filters::default()
        });
        assert!(e.contains("the range is empty"), "{e}");
    }
}
