//! The joint sieve: a joint statement speaks for all its issuers throughout, the people its title or
//! release line names, or, when it names none, the states they lead ("Joint Statement of the United
//! States and Germany", "We, the Foreign Ministers of …").

use super::super::lexicon::{self, contains};
use super::super::{Draft, Kind, Participant, Role};
use super::people::{register_offices, Registry};
use super::words::{is_office, tokenize};
use super::{Attributed, Sieve};
use crate::gazetteer::{CountryCode, Gazetteer};

/// True when the draft is a joint statement: so given, so titled, released as one, or issued by a group
/// of states.
pub(super) fn is_joint_statement(draft: &Draft, genre: Option<Kind>) -> bool {
    genre == Some(Kind::JointStatement)
        || draft.header.iter().any(|l| release_issuers(l).is_some())
        || group_issuer(draft, genre).is_some()
}

/// True when a joint statement opens in its ministers' or leaders' voice: "We, the Ministers for trade
/// from …", "We, the Leaders of …".
pub(super) fn ministers_speak(draft: &Draft) -> bool {
    let Some(first) = draft.blocks.iter().find(|b| !b.heading) else {
        return false;
    };
    let lower = first.text.to_lowercase();
    lower.strip_prefix("we, the ").is_some_and(|rest| {
        rest.split_whitespace().take(3).any(|w| {
            matches!(w, "leaders" | "heads" | "ministers")
                || w.ends_with("ministers")
                || is_office(&super::words::capitalised(w)) && w.ends_with('s')
        })
    })
}

/// The members of the group of states whose statement this is: a statement in its issuers' own voice
/// whose title names one group before its topic or occasion ("G7 Statement on Global Minimum Tax",
/// "JEF Defence Ministers Statement"). A readout, a speech or remarks at a group's meeting are one
/// side's, and so is a title whose group comes after its topic ("Statement from the Press Secretary on
/// the AUKUS Partnership", "Minister X to travel to Italy for G7 Meeting").
fn group_issuer(draft: &Draft, genre: Option<Kind>) -> Option<&'static [CountryCode]> {
    if !matches!(genre, Some(Kind::Statement | Kind::JointStatement) | None) {
        return None;
    }
    let title = draft.title.as_deref()?;
    let head = [
        " on ",
        " at ",
        " for ",
        " to ",
        " during ",
        " regarding ",
        " about ",
    ]
    .iter()
    .filter_map(|sep| title.find(sep))
    .min()
    .map_or(title, |at| &title[..at]);
    lexicon::group_in(head)
}

/// The part of a release line that names the issuers: what follows "issued by" or "released by", up to
/// what the list is issued as or about ("… and Norway as members of the Friends of Sudan", "… on the
/// situation in Syria"); "the foreign ministers of Chile, Japan and Norway" is kept whole.
fn release_issuers(line: &str) -> Option<&str> {
    [
        "issued by ",
        "released by ",
        "statement by ",
        "Statement by ",
    ]
    .iter()
    .filter_map(|k| line.find(k).map(|at| &line[at + k.len()..]))
    .next()
    .map(|list| {
        [
            " as ",
            " on ",
            " regarding ",
            " concerning ",
            " about ",
            " following ",
        ]
        .iter()
        .filter_map(|sep| list.find(sep))
        .min()
        .map_or(list, |at| &list[..at])
    })
}

/// Gives every paragraph of a joint statement its issuers.
pub(super) fn apply(
    draft: &Draft,
    participants: &[Participant],
    paragraphs: &mut [Attributed],
    gazetteer: &Gazetteer,
) {
    // The title's issuers come before its topic: "Joint Statement of the United States and Germany on
    // Support for Ukraine".
    let title = draft.title.as_deref().map(|t| {
        [
            " on ",
            " On ",
            " regarding ",
            " Regarding ",
            " concerning ",
            " about ",
            " for ",
            " at ",
        ]
        .iter()
        .filter_map(|sep| topic_at(t, sep))
        .chain(participle(t))
        .min()
        .map_or(t, |at| &t[..at])
    });
    let release: Vec<&str> = draft
        .header
        .iter()
        .filter_map(|l| release_issuers(l))
        .collect();
    let mut registry = Registry::default();
    for text in title.iter().chain(&release) {
        let toks = tokenize(text, gazetteer);
        register_offices(text, &toks, &mut registry, gazetteer);
    }
    let countries_in = |texts: &[&str]| {
        let mut out: Vec<CountryCode> = Vec::new();
        for text in texts {
            for m in gazetteer.mentions(text) {
                if !out.contains(&m.code) {
                    out.push(m.code);
                }
            }
        }
        out
    };
    // The paragraph that introduces the statement ("Today, the Leaders of A, B and C met … and released
    // the following statement:") is nobody's words, and the states its subject lists are the issuers,
    // more exactly than a group its title names ("Joint Statement of NATO and G7 Leaders").
    // The issuers' own "We, the Foreign Ministers of …, affirm the following:" is their statement.
    let lead_in = draft.blocks.iter().take(2).position(|b| {
        let lower = b.text.to_lowercase();
        !b.heading
            && super::introduces(&b.text)
            && !lower.starts_with("we ")
            && !lower.starts_with("we,")
            && !lower.starts_with("our ")
    });
    // Its subject ends at its first verb, which no abbreviation ("Mr.", "U.S.") cuts short.
    let listed = lead_in.map_or_else(Vec::new, |i| {
        countries_in(&[subject_of(&draft.blocks[i].text)])
    });
    // Issuing countries: from the release line, else the lead-in's list, else the title, else an
    // opening "We, the Foreign Ministers of …" or "Representatives of …" sentence.
    let mut countries = countries_in(&release);
    if countries.is_empty() && listed.len() >= 2 {
        countries = listed;
    }
    if countries.is_empty() {
        countries = countries_in(&title.into_iter().collect::<Vec<_>>());
    }
    // A group's statement is its members', whoever its title names by office ("G7 Finance Ministers
    // and Central Bank Governors' Statement").
    let group = (countries.len() < 2)
        .then(|| group_issuer(draft, Some(Kind::Statement)))
        .flatten();
    if let Some(members) = group {
        countries = members.to_vec();
    }
    if countries.len() < 2 {
        // The pair its topic joins with a hyphen: "Joint Statement on the U.S.-UK Financial Regulatory
        // Working Group".
        let pairs: Vec<&str> = draft
            .title
            .iter()
            .flat_map(|t| t.split_whitespace())
            .filter(|w| w.contains(['-', '–']))
            .collect();
        let paired = countries_in(&pairs);
        if paired.len() >= 2 {
            countries = paired;
        }
    }
    if countries.len() < 2 {
        // The title going on in the header: "Between / THE REPUBLIC OF … / AND …", up to its topic.
        let header: Vec<&str> = draft
            .header
            .iter()
            .take_while(|l| !l.starts_with("On ") && !l.starts_with("on "))
            .map(String::as_str)
            .collect();
        let found = countries_in(&header);
        if found.len() >= 2 {
            countries = found;
        }
    }
    if countries.len() < 2 {
        // Of "Representatives of A, B and C met … to discuss the crisis in D", its subject only; "We,
        // the Ministers for trade from A, B and C" names them past its lowercase words.
        let opening = draft.blocks.iter().take(2).find_map(|b| {
            let lower = b.text.to_lowercase();
            let sentence = b.text.split(". ").next().unwrap_or(&b.text);
            if lower.starts_with("we, the") {
                Some(sentence)
            } else {
                lower
                    .starts_with("representatives of")
                    .then(|| subject_of(sentence))
            }
        });
        if let Some(opening) = opening {
            let found = countries_in(&[opening]);
            if found.len() >= 2 {
                countries = found;
            }
        }
    }
    // The issuers as participants of the statement: the same people, found by name; else the leaders the
    // opening paragraph names together ("President Biden and President Moon reaffirm …").
    let mut issuers: Vec<usize> = registry
        .people
        .iter()
        .filter_map(|issuer| {
            participants
                .iter()
                .position(|p| p.name == issuer.name || p.name.ends_with(&issuer.name))
        })
        .collect();
    // "Joint Statement with Prime Minister X": the title names the other side, and the statement's
    // author (the record it is filed under) is the side that issues it with them.
    let with = draft.title.as_deref().is_some_and(|t| {
        let t = t.to_lowercase();
        [
            "statement with ",
            "declaration with ",
            "communiqué with ",
            "communique with ",
        ]
        .iter()
        .any(|k| t.contains(&format!("joint {k}")))
    });
    if with && !issuers.is_empty() {
        for (id, p) in participants.iter().enumerate() {
            let surname = p.name.split_whitespace().last().unwrap_or_default();
            let authored = draft.authors.iter().any(|a| {
                a.split(|c: char| !c.is_alphanumeric() && c != '-')
                    .any(|w| !w.is_empty() && w.eq_ignore_ascii_case(surname))
            });
            if authored && !issuers.contains(&id) {
                issuers.insert(0, id);
            }
        }
    }
    if group.is_some() {
        issuers.clear();
    }
    if issuers.is_empty() && group.is_none() {
        issuers = opening_leaders(draft, participants, gazetteer);
    }
    if issuers.is_empty() && group.is_none() {
        issuers = reported_together(paragraphs, participants);
    }
    // Issuers whose states are not known: the parties the statement's first sentence names stand for
    // them. Issuers given one country between them (the issuing side's, to both leaders its title
    // names) are told apart only by the states its subject names ("The United States and the
    // Republic of Korea share …"), not by any state the sentence mentions.
    let unknown = issuers.iter().any(|&id| participants[id].country.is_none());
    let mut known: Vec<CountryCode> = issuers
        .iter()
        .filter_map(|&id| participants[id].country)
        .collect();
    known.sort();
    known.dedup();
    if (unknown || known.len() < issuers.len()) && countries.len() < 2 {
        if let Some(first) = draft.blocks.first() {
            let sentence = first.text.split(". ").next().unwrap_or(&first.text);
            let read = if unknown {
                sentence
            } else {
                subject_of(sentence)
            };
            let found = countries_in(&[read]);
            if found.len() >= 2 {
                countries = found;
            }
        }
    }
    // The issuing states: those found, and the issuers' own.
    for &id in &issuers {
        if let Some(c) = participants[id].country {
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
    }
    for (i, p) in paragraphs.iter_mut().enumerate() {
        if Some(i) == lead_in {
            *p = Attributed::new(Vec::new(), Role::Narration, Sieve::Narration);
        } else if !issuers.is_empty() {
            p.speakers = issuers.clone();
            p.role = if issuers.len() > 1 {
                Role::Joint
            } else {
                Role::Statement
            };
            p.countries = countries.clone();
            p.sieve = Sieve::Joint;
        } else if countries.len() >= 2 || (p.speakers.is_empty() && !countries.is_empty()) {
            // Issued by states whose leaders it does not name as its issuers: every paragraph is
            // theirs together, one leader's reported commitment included.
            p.speakers.clear();
            p.countries = countries.clone();
            p.role = Role::Joint;
            p.sieve = Sieve::Joint;
        }
    }
}

/// Where a title's topic opens with `sep`: its first occurrence that is not inside an office's name
/// ("Minister for Foreign Affairs", "Ambassador at Large"); "on" always opens it.
fn topic_at(title: &str, sep: &str) -> Option<usize> {
    let inside_office = |at: usize| {
        let before = title[..at]
            .split_whitespace()
            .next_back()
            .unwrap_or_default();
        let after = title[at + sep.len()..].chars().next();
        matches!(sep, " for " | " at ")
            && is_office(before)
            && after.is_some_and(char::is_uppercase)
    };
    title
        .match_indices(sep)
        .map(|(at, _)| at)
        .find(|&at| !inside_office(at))
}

/// A sentence's subject: up to its first lowercase word but the glue of a list of states ("The United
/// States, the Republic of Korea and Japan condemn …").
fn subject_of(sentence: &str) -> &str {
    let verb = sentence
        .split_whitespace()
        .find(|w| w.starts_with(char::is_lowercase) && !matches!(*w, "and" | "the" | "of"));
    // The word is a slice of `sentence`: its address says where it starts.
    let end = verb.map_or(sentence.len(), |w| {
        w.as_ptr() as usize - sentence.as_ptr() as usize
    });
    &sentence[..end]
}

/// The people the opening paragraph of a joint statement names with an office, when there are at least
/// two: the leaders who issue it.
fn opening_leaders(
    draft: &Draft,
    participants: &[Participant],
    gazetteer: &Gazetteer,
) -> Vec<usize> {
    let Some(first) = draft.blocks.first() else {
        return Vec::new();
    };
    let toks = tokenize(&first.text, gazetteer);
    let words: Vec<String> = toks
        .iter()
        .filter(|t| t.is_cap())
        .map(|t| t.text.to_lowercase())
        .collect();
    let named: Vec<usize> = participants
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.office.is_some()
                && p.name
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|last| words.contains(&last.to_lowercase()))
        })
        .map(|(i, _)| i)
        .collect();
    if named.len() >= 2 {
        named
    } else {
        Vec::new()
    }
}

/// The speakers a joint statement's own sentences most often report together ("President Biden and
/// President Moon reaffirm …"): its issuers, when it names them nowhere else.
fn reported_together(paragraphs: &[Attributed], participants: &[Participant]) -> Vec<usize> {
    let mut counts: Vec<(Vec<usize>, usize)> = Vec::new();
    // Leaders are introduced with an office; the same pair must be reported more than once.
    let leader = |id: &usize| participants[*id].office.is_some();
    for p in paragraphs
        .iter()
        .filter(|p| p.speakers.len() >= 2 && p.speakers.iter().all(leader))
    {
        let mut key = p.speakers.clone();
        key.sort_unstable();
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(_, n)| *n)
        .map(|(k, _)| k)
        .unwrap_or_default()
}

/// Where a title's topic opens with a participle ("… and Secretary Y Commending the United Kingdom's
/// Sanctions"): the issuers come before it.
fn participle(title: &str) -> Option<usize> {
    let mut at = 0;
    for word in title.split(' ') {
        if at > 0 && word.ends_with("ing") && contains(&lexicon::HEADLINE_VERBS, word) {
            return Some(at);
        }
        at += word.len() + 1;
    }
    None
}
