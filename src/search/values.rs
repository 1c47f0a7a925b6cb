//! The query text as a user types it, made into what the index holds before tantivy parses it.
//!
//! `country`, `role` and `kind` are exact keys in the index (`CHN`, `question`, `press_conference`), but a
//! user types `country:China`, `role:Question` or `kind:"press conference"`, as the flags accept. Each such
//! value is resolved the way its flag resolves it; one that names nothing is refused with the values that
//! would do, never searched as a key that matches nothing. Lowercase `or`, `and` and `not` between words
//! are refused too: tantivy reads them as words that every hit must hold, which is never what was meant.

use crate::error::{Error, Result};
use crate::gazetteer;
use crate::parse::{Kind, Role};

/// Fields whose values are keys resolved here.
const KEYED: [&str; 3] = ["country", "role", "kind"];

/// The query with every `country:`, `role:` and `kind:` value replaced by its key. `countries` lists the
/// codes the index holds, for the error of a name that is no country.
pub(crate) fn resolve(text: &str, countries: impl Fn() -> Vec<String>) -> Result<String> {
    check_operators(text)?;
    let bad = |reason: String| Error::Query {
        query: super::shown(text),
        reason,
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut quoted = false;
    let mut at_boundary = true;
    while let Some(c) = rest.chars().next() {
        if !quoted && at_boundary {
            if let Some((field, value, len)) = keyed_clause(rest) {
                let key = match field {
                    "country" => gazetteer::country(&value)
                        .map(|c| c.as_str().to_string())
                        .ok_or_else(|| {
                            bad(format!(
                                "country:{value} is not a known country name, alias or ISO code \
                                 (countries in this index: {})",
                                countries().join(", ")
                            ))
                        })?,
                    "role" => role(&value).ok_or_else(|| {
                        bad(format!(
                            "role:{value} is no role (roles: {})",
                            Role::ALL.map(Role::as_str).join(", ")
                        ))
                    })?,
                    _ => Kind::parse(&value)
                        .map(|k| k.as_str().to_string())
                        .ok_or_else(|| {
                            bad(format!(
                                "kind:{value} is no kind (kinds: {})",
                                Kind::ALL.map(Kind::as_str).join(", ")
                            ))
                        })?,
                };
                out.push_str(field);
                out.push(':');
                out.push_str(&key);
                rest = &rest[len..];
                at_boundary = false;
                continue;
            }
        }
        if !quoted && at_boundary {
            if let Some((regex, len)) = prefix_word(rest).map_err(bad)? {
                out.push_str(&regex);
                rest = &rest[len..];
                at_boundary = false;
                continue;
            }
        }
        if c == '"' {
            quoted = !quoted;
        }
        at_boundary = c.is_whitespace() || matches!(c, '(' | '+' | '-');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

/// Shortest prefix searched with `*`: a shorter one would reach most of the index's words.
const MIN_PREFIX_CHARS: usize = 2;

/// `word*` (or `text:word*`) at the start of `text`: the clause as a regular expression over the words
/// the index holds (tantivy's grammar has prefixes only for the last word of a phrase), and its length.
fn prefix_word(text: &str) -> std::result::Result<Option<(String, usize)>, String> {
    let body = text.strip_prefix("text:").unwrap_or(text);
    let field_len = text.len() - body.len();
    let end = body
        .find(|c: char| c.is_whitespace() || matches!(c, ')' | '(' | '"' | '^' | '~' | ':'))
        .unwrap_or(body.len());
    let Some(stem) = body[..end].strip_suffix('*') else {
        return Ok(None);
    };
    if stem.is_empty() || stem.contains('*') {
        return Ok(None);
    }
    let words = crate::tokenize::words(stem);
    match words.as_slice() {
        [(_, word)] if word.chars().count() >= MIN_PREFIX_CHARS => Ok(Some((
            format!("text:/{}.*/", regex::escape(word).replace('/', "\\/")),
            field_len + end,
        ))),
        [(_, _)] => Err(format!(
            "{stem}* is too short a prefix: give at least {MIN_PREFIX_CHARS} characters"
        )),
        _ => Err(format!("{stem}* is not one word: a prefix ends one word")),
    }
}

/// A role as the index stores it, from any case.
fn role(value: &str) -> Option<String> {
    Role::parse(value).map(|r| r.as_str().to_string())
}

/// `field:value` or `field:"a value"` at the start of `text`, for a keyed field: the field, the value
/// without quotes, and the clause's length. Ranges, sets, wildcards and groups are left to tantivy.
fn keyed_clause(text: &str) -> Option<(&'static str, String, usize)> {
    let field = KEYED.into_iter().find(|f| {
        text.strip_prefix(f)
            .is_some_and(|after| after.starts_with(':'))
    })?;
    let after = &text[field.len() + 1..];
    let (value, len) = if let Some(inner) = after.strip_prefix('"') {
        let end = inner.find('"')?;
        (&inner[..end], end + 2)
    } else {
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '^'))
            .unwrap_or(after.len());
        (&after[..end], end)
    };
    if value.is_empty() || value.contains(['*', '[', '{', '(', '\\']) || value.starts_with("IN") {
        return None;
    }
    Some((field, value.to_string(), field.len() + 1 + len))
}

/// Refuses a lowercase `or`, `and` or `not` between two words outside quotes.
fn check_operators(text: &str) -> Result<()> {
    let mut words: Vec<&str> = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 0 {
            words.extend(part.split_whitespace());
        } else {
            // A phrase stands as one word between others.
            words.push("\"");
        }
    }
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_matches(|c| c == '(' || c == ')');
        if matches!(bare, "or" | "and" | "not") && i > 0 && i + 1 < words.len() {
            return Err(Error::Query {
                query: super::shown(text),
                reason: format!(
                    "lowercase {bare:?} between words: write {} for the operator, or \"{bare}\" in \
                     quotes to search for the word",
                    bare.to_uppercase()
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(q: &str) -> Result<String> {
        resolve(q, || vec!["CHN".into(), "USA".into()])
    }

    #[test]
    fn keyed_values_are_resolved_as_the_flags_resolve_them() {
        assert_eq!(
            resolved("country:China Taiwan").unwrap(),
            "country:CHN Taiwan"
        );
        assert_eq!(resolved("country:chn").unwrap(), "country:CHN");
        assert_eq!(resolved("country:US").unwrap(), "country:USA");
        assert_eq!(
            resolved("(role:Question OR kind:Readout)").unwrap(),
            "(role:question OR kind:readout)"
        );
        assert_eq!(
            resolved("kind:\"press conference\" -country:\"United States\"").unwrap(),
            "kind:press_conference -country:USA"
        );
        assert_eq!(resolved("\"country:China\"").unwrap(), "\"country:China\"");
        assert_eq!(resolved("text:country").unwrap(), "text:country");
    }

    #[test]
    fn an_unknown_value_is_refused_with_the_valid_ones() {
        let e = resolved("country:Atlantis").unwrap_err().to_string();
        assert!(e.contains("CHN, USA"), "{e}");
        let e = resolved("role:speech").unwrap_err().to_string();
        assert!(e.contains("statement, answer, question"), "{e}");
        let e = resolved("kind:memo").unwrap_err().to_string();
        assert!(e.contains("press_conference"), "{e}");
    }

    #[test]
    fn a_word_ending_in_a_star_is_a_prefix() {
        assert_eq!(resolved("Taiw* -China").unwrap(), "text:/taiw.*/ -China");
        assert_eq!(
            resolved("(text:Xinj* OR Tibet)").unwrap(),
            "(text:/xinj.*/ OR Tibet)"
        );
        assert_eq!(resolved("\"big bad wo\"*").unwrap(), "\"big bad wo\"*");
        assert!(resolved("T*").is_err());
    }

    #[test]
    fn lowercase_operators_between_words_are_refused() {
        for q in ["taiwan or xinjiang", "a and \"b c\"", "(a not b)"] {
            assert!(resolved(q).is_err(), "{q}");
        }
        for q in [
            "taiwan OR xinjiang",
            "\"belt and road\"",
            "or",
            "and taiwan",
        ] {
            assert!(resolved(q).is_ok(), "{q}");
        }
    }
}
