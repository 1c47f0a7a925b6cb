//! The participants table of a statement: each person's full name, the short and label forms that refer
//! to them, their office and the country they speak for.
//!
//! People are found where a statement introduces them: an office phrase before a name ("General Secretary
//! of the … Party Central Committee Jane Roe"), a country after it ("Prime Minister Jane Roe of Norway",
//! "Mr. Roe (Norway)"), a "Name, Office" line (a byline or an author field). A later short form ("Roe",
//! "MR ROE", "the Prime Minister") resolves to the person whose name or office holds it, so that one person
//! has one name in a statement.

use unicode_segmentation::UnicodeSegmentation;

use super::super::lexicon::{self, contains};
use super::super::Participant;
use super::words::{
    capitalised, is_name_word, is_office, is_possessive, join, title_case, tokenize,
    trim_connectors, without_possessive, Tok,
};
use crate::gazetteer::{CountryCode, Gazetteer};

/// The people of a statement, found by name and merged by short forms.
#[derive(Default)]
pub(crate) struct Registry {
    pub(crate) people: Vec<Participant>,
    /// Lowercased name words of each participant.
    pub(crate) words: Vec<Vec<String>>,
    /// Participants that are outlets asking questions: never merged with a person by name.
    outlets: Vec<bool>,
    /// The statement's text, where a word also written in lowercase is a common noun, which a capital at
    /// the start of a heading or after an office ("Quad Foreign Ministers' Meeting") does not make a name.
    common: String,
}

/// Honorifics that stand before a name but are not part of it.
pub(crate) fn is_honorific(word: &str) -> bool {
    contains(&lexicon::HONORIFICS, word.trim_end_matches('.'))
}

/// A name as a person is shown: honorifics set aside, capitals-only words in title case ("Mr. GROMYKO" →
/// "Gromyko", "HAYASHI Yoshimasa" → "Hayashi Yoshimasa": a family name in capitals is the same person as
/// in title case), spaces collapsed. Regnal numbers stay in capitals ("Lloyd J. Austin III").
pub(crate) fn display_name(name: &str) -> String {
    let name = without_possessive(name.trim());
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && is_honorific(words[0]) {
        words.remove(0);
    }
    let shouting = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .all(|w| !w.chars().any(char::is_lowercase));
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase)
    };
    // A regnal number follows the name it numbers ("Carl XVI Gustaf", "Lloyd J. Austin III"); "XI
    // JINPING" opens with a name.
    let numeral = |i: usize, w: &str| i > 0 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if numeral(i, w) {
                return w.to_string();
            }
            // A capitals word beside title-case ones is a family name written so, if it is long enough
            // not to be an initialism ("KISHIDA Fumio", not "JR" or "AU").
            let family = !shouting && capitals(w) && w.chars().count() >= 3;
            if (shouting && capitals(w)) || family {
                title_case(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lowercased words of a name by which its short forms are matched.
fn key_words(name: &str) -> Vec<String> {
    name.split_word_bounds()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| without_possessive(w).to_lowercase())
        .filter(|w| !matches!(w.as_str(), "jr" | "sr"))
        .collect()
}

/// True when a record's initials ("T", "G") open the given names a text spells out, in order
/// ("Teariki", "George"), one each, none of those names itself an initial.
pub(crate) fn initials_open(initials: &[impl AsRef<str>], given: &[impl AsRef<str>]) -> bool {
    given.len() >= initials.len()
        && initials.iter().zip(given).all(|(initial, name)| {
            let name = name.as_ref();
            name.chars().count() > 1 && name.starts_with(initial.as_ref())
        })
}

impl Registry {
    /// An empty table for a statement whose text is `texts`.
    pub(crate) fn for_texts<'a>(texts: impl Iterator<Item = &'a str>) -> Registry {
        let mut common = String::new();
        for text in texts {
            common.push_str(text);
            common.push('\n');
        }
        Registry {
            common,
            ..Registry::default()
        }
    }

    /// True for a one-word name that the statement also writes in lowercase, as a common word.
    fn is_common_word(&self, name: &str) -> bool {
        if name.contains(char::is_whitespace) || name.len() < 3 {
            return false;
        }
        let lower = name.to_lowercase();
        // memchr's vectorised search, not `str::match_indices`' Two-Way: the statement's whole text is
        // searched for each name an office introduces. Both give the non-overlapping matches.
        memchr::memmem::find_iter(self.common.as_bytes(), lower.as_bytes()).any(|at| {
            let end = at + lower.len();
            let before = self.common[..at].chars().next_back();
            let after = self.common[end..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    /// The participant a name refers to: the same name, or one whose name holds every word of it.
    pub(crate) fn find(&self, words: &[String]) -> Option<usize> {
        if words.is_empty() {
            return None;
        }
        let person = |i: &usize| !self.outlets[*i];
        if let Some(i) = (0..self.words.len())
            .filter(person)
            .find(|&i| self.words[i] == words)
        {
            return Some(i);
        }
        if let Some(i) = (0..self.words.len())
            .filter(person)
            .find(|&i| words.iter().all(|x| self.words[i].contains(x)))
        {
            return Some(i);
        }
        // "HON. G. ANGENE": a record's initials for the given names the text spells out ("the
        // Honourable Minister George Angene"), each opening one of them in order, one person only.
        let (last, initials) = words.split_last()?;
        if initials.is_empty() || initials.iter().any(|w| w.chars().count() != 1) {
            return None;
        }
        let mut found = (0..self.words.len()).filter(person).filter(|&i| {
            let Some((surname, given)) = self.words[i].split_last() else {
                return false;
            };
            surname == last && initials_open(initials, given)
        });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// The participant with the same surname and a given name that can be the same person's ("Joe Biden"
    /// and "Joseph R. Biden"), for one name per person in a statement.
    fn same_person(&self, words: &[String]) -> Option<usize> {
        let (last, given) = words.split_last()?;
        let first = given.first()?;
        (0..self.words.len()).find(|&i| {
            let w = &self.words[i];
            !self.outlets[i]
                && w.len() >= 2
                && w.last() == Some(last)
                && same_given_name(&w[0], first)
        })
    }

    /// Adds a participant, or completes an existing one (a longer name, a missing office or country).
    pub(crate) fn add(
        &mut self,
        name: String,
        office: Option<String>,
        gazetteer: &Gazetteer,
    ) -> usize {
        let country = office.as_deref().and_then(|o| office_country(o, gazetteer));
        self.add_with(name, office, country)
    }

    /// Like [`Registry::add`], with the country already known.
    pub(crate) fn add_with(
        &mut self,
        name: String,
        office: Option<String>,
        country: Option<CountryCode>,
    ) -> usize {
        let name = display_name(&name);
        let words = key_words(&name);
        let existing = self
            .find(&words)
            .or_else(|| {
                // A full name arriving after its short form.
                (0..self.words.len()).find(|&i| {
                    !self.outlets[i]
                        && !self.words[i].is_empty()
                        && self.words[i].iter().all(|x| words.contains(x))
                })
            })
            .or_else(|| self.same_person(&words));
        match existing {
            Some(i) => {
                let p = &mut self.people[i];
                if name_length(&name) > name_length(&p.name) {
                    p.name = name;
                    self.words[i] = words;
                }
                // A word of address read as an office ("Dr Jo Roe") gives way to the office itself.
                let addressed = p.office.as_deref().is_none_or(|o| {
                    o.split_whitespace()
                        .all(|w| is_honorific(w.trim_end_matches('.')))
                });
                // "Minister Zuma", then "his foreign Minister, the hon Dlamini-Zuma": the office with
                // its portfolio says more.
                let narrower = || {
                    let key = |o: &str| OfficeKey::of(o.split_whitespace());
                    let (Some(held), Some(new)) = (
                        p.office.as_deref().and_then(key),
                        office.as_deref().and_then(key),
                    ) else {
                        return false;
                    };
                    held.rest.len() < new.rest.len() && held.within(&new)
                };
                if (addressed || narrower()) && office.is_some() {
                    p.office = office;
                }
                if p.country.is_none() {
                    p.country = country;
                }
                i
            }
            None => {
                self.people.push(Participant {
                    name,
                    office,
                    country,
                });
                self.words.push(words);
                self.outlets.push(false);
                self.people.len() - 1
            }
        }
    }

    /// Gives a participant the fuller name the statement gives them elsewhere.
    pub(crate) fn rename(
        &mut self,
        id: usize,
        name: String,
        office: Option<String>,
        country: Option<CountryCode>,
    ) {
        let name = display_name(&name);
        self.words[id] = key_words(&name);
        self.people[id] = Participant {
            name,
            office,
            country,
        };
    }

    /// Gives each of `speakers` known by a surname alone ("says Bjurström", "Ambassador Mahapannaporn")
    /// the full name the statement gives it elsewhere ("Jessica Bjurström, Communications Director"):
    /// one person, one name. A full name arriving in the registry takes its short form's place itself;
    /// one that was never registered (named without an office, or in a paragraph read for nothing
    /// else) is found here, when the statement gives the surname one full name only and, for someone
    /// known by an office, gives it beside a word of that office: "Secretary Clinton" is not the
    /// "her daughter, Chelsea Clinton" of the same release.
    pub(crate) fn complete_surnames<'a>(
        &mut self,
        speakers: &[usize],
        texts: impl Iterator<Item = &'a str> + Clone,
        gazetteer: &Gazetteer,
    ) {
        for &id in speakers {
            if self.outlets[id] || self.words[id].len() != 1 {
                continue;
            }
            let surname = self.people[id].name.clone();
            if self.is_common_word(&surname) {
                continue;
            }
            let found = std::cell::RefCell::new(Vec::<String>::new());
            full_names_in(texts.clone(), &surname, gazetteer, |full| {
                let full = self.without_leading_common_words(full);
                let mut found = found.borrow_mut();
                if !found.contains(&full) {
                    found.push(full);
                }
                false
            });
            let [full] = &found.into_inner()[..] else {
                continue;
            };
            let words = key_words(&display_name(full));
            if words.len() < 2 || self.words.contains(&words) {
                continue;
            }
            let office = self.people[id].office.clone();
            if let Some(office) = &office {
                if !texts.clone().any(|t| beside_office(t, full, office)) {
                    continue;
                }
            }
            let country = self.people[id].country;
            self.rename(id, full.clone(), office, country);
        }
    }

    /// A full name found before a surname, from after the last word the statement also writes in
    /// lowercase: the words before a name may end an office ("Under Secretary for Strategy, Policy,
    /// and Plans Robert Silvers").
    fn without_leading_common_words(&self, found: &str) -> String {
        let start = found
            .split_whitespace()
            .scan(0, |at, w| {
                let from = found[*at..].find(w).map_or(*at, |i| *at + i);
                *at = from + w.len();
                Some((*at, w))
            })
            .filter(|&(_, w)| self.is_common_word(w))
            .map(|(end, _)| end)
            .last()
            .unwrap_or(0);
        found[start..].trim_start().to_string()
    }

    /// Adds an outlet asking questions: never merged with a participant by name.
    pub(crate) fn push_outlet(&mut self, name: String) -> usize {
        self.words.push(vec![name.to_lowercase()]);
        self.people.push(Participant {
            name,
            office: None,
            country: None,
        });
        self.outlets.push(true);
        self.people.len() - 1
    }

    /// True when the participant is an outlet rather than a person.
    pub(crate) fn is_outlet(&self, id: usize) -> bool {
        self.outlets[id]
    }

    /// The participant an office alone refers to ("the Secretary", "THE PRESIDENT", "the Foreign
    /// Minister"): the one whose office has the same head and every word given, in any order ("Minister
    /// for Foreign Affairs" is "the Foreign Minister"), and the same rank ("the President" is not the Vice
    /// President); the shortest such office first. `words` are the office words as written.
    pub(crate) fn by_office(&self, words: &[&str]) -> Option<usize> {
        self.office_holder(words, None, true)
    }

    /// Like [`Registry::by_office`], among those of `state` when one is named ("the Russian President"),
    /// and with its words in the order the holder's office gives them: running text names an office the
    /// way it was introduced, a label spells it out.
    pub(crate) fn by_office_of(&self, words: &[&str], state: Option<CountryCode>) -> Option<usize> {
        self.office_holder(words, state, false)
    }

    fn office_holder(
        &self,
        words: &[&str],
        state: Option<CountryCode>,
        any_order: bool,
    ) -> Option<usize> {
        let wanted: Vec<String> = words
            .iter()
            .filter(|w| is_office(w) && !is_honorific(w))
            .map(|w| w.to_lowercase())
            .collect();
        let head = wanted.last()?;
        let ranks = |ws: &[String]| -> Vec<String> {
            let mut r: Vec<String> = ws.iter().filter(|w| is_rank(w)).cloned().collect();
            r.sort();
            r
        };
        let wanted_ranks = ranks(&wanted);
        let wanted_key = any_order
            .then(|| OfficeKey::of(words.iter().copied()))
            .flatten();
        let mut best: Option<(usize, usize)> = None;
        for (i, p) in self.people.iter().enumerate() {
            let Some(office) = p.office.as_deref() else {
                continue;
            };
            let held: Vec<String> = office
                .split_word_bounds()
                .filter(|w| is_office(w) && !is_honorific(w))
                .map(str::to_lowercase)
                .collect();
            // "MINISTER OF FOREIGN AFFAIRS" asks for the one named "his Foreign Minister": the same
            // office, whichever way round its portfolio is written; not a "Minister of Foreign Trade".
            let same_kind = || {
                any_order
                    && wanted_key
                        .as_ref()
                        .zip(OfficeKey::of(office.split_whitespace()))
                        .is_some_and(|(w, h)| *w == h)
            };
            if !(held.contains(head) && wanted.iter().all(|w| held.contains(w)) || same_kind())
                || ranks(&held) != wanted_ranks
                || state.is_some_and(|c| p.country != Some(c))
            {
                continue;
            }
            if best.is_none_or(|(len, _)| held.len() < len) {
                best = Some((held.len(), i));
            }
        }
        best.map(|(_, i)| i)
    }
}

/// An office read for comparing how two texts write it: its ranks ("deputy"), its head, the kind of
/// office ("minister" in "Minister of Foreign Affairs" and in "Foreign Minister"), and its other words,
/// the portfolio ("foreign"), lowercased and sorted. "Affairs" says nothing a portfolio's other words do not.
#[derive(Clone, Debug, PartialEq, Eq)]
struct OfficeKey {
    ranks: Vec<String>,
    head: String,
    rest: Vec<String>,
}

impl OfficeKey {
    /// The key of an office's words as written, connectors included; `None` without an office word.
    fn of<'w>(words: impl Iterator<Item = &'w str>) -> Option<OfficeKey> {
        let mut office: Vec<(String, bool)> = Vec::new();
        let mut head_at = None;
        for word in words {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            let lower = word.to_lowercase();
            if matches!(lower.as_str(), "of" | "for" | "to") {
                // The office's kind stands before its portfolio.
                head_at = head_at.or(office.iter().rposition(|(_, rank)| !rank));
                continue;
            }
            let titled = capitalised(&title_case(word));
            // Every word of a portfolio counts ("Minister of Public Enterprises"); before it, only the
            // office's own.
            let portfolio = head_at.is_some() && !matches!(lower.as_str(), "the" | "and");
            if word.is_empty() || is_honorific(&titled) || !(portfolio || is_office(&titled)) {
                continue;
            }
            let rank = is_rank(&lower);
            office.push((lower, rank));
        }
        let head_at = head_at.or_else(|| office.iter().rposition(|(_, rank)| !rank))?;
        let head = office[head_at].0.clone();
        let mut ranks = Vec::new();
        let mut rest = Vec::new();
        for (i, (word, rank)) in office.into_iter().enumerate() {
            if rank {
                ranks.push(word);
            } else if i != head_at && word != "affairs" {
                rest.push(word);
            }
        }
        ranks.sort();
        rest.sort();
        rest.dedup();
        Some(OfficeKey { ranks, head, rest })
    }

    /// True when `held` is this office or a more specific one of the same kind and rank.
    fn within(&self, held: &OfficeKey) -> bool {
        self.head == held.head
            && self.ranks == held.ranks
            && self.rest.iter().all(|w| held.rest.contains(w))
    }
}

/// True for an "office" that is only a word of address, perhaps with an initial the name left behind
/// ("Mr", "Dr A"), or a house's way of calling a member ("the Honourable Member Jo Roe"): it says
/// nothing of whom its bearer serves. A house's other roles are no address: "Chairman" alone is as
/// often a head of state's style.
pub(crate) fn is_address(office: &str) -> bool {
    office.split_whitespace().all(|w| {
        let w = w.trim_end_matches('.');
        is_honorific(w) || w.chars().count() == 1 || matches!(w, "Member" | "Members")
    })
}

/// The state an office phrase says its holder serves: "Israeli Foreign Minister", "Minister for Foreign
/// Affairs of Nepal", the party's in "General Secretary of the … Party". A place after "for" or "to" is the
/// office's portfolio, not its holder's state: a "Special Representative for the DPRK" or an "Ambassador to
/// Japan" serves the side that sends them.
pub(crate) fn office_country(office: &str, gazetteer: &Gazetteer) -> Option<CountryCode> {
    gazetteer.country_of(&without_portfolio(office))
}

/// True for an office of an international organisation ("NATO Secretary General", "UN Special Envoy"),
/// whose holder speaks for no state; an envoy to one ("Ambassador to the EU") still serves a state.
pub(crate) fn is_organisation_office(office: &str, gazetteer: &Gazetteer) -> bool {
    gazetteer.names_organisation(&without_portfolio(office))
}

/// True for an office a government gives its own people and a statement names without its state: a
/// minister's or a secretary's, not an envoy's, a head of state's or government's (a guest's, as often
/// as the host's), nor an international organisation's.
pub(crate) fn is_home_office(office: &str, gazetteer: &Gazetteer) -> bool {
    // A label in capitals ("THE PRESIDENT", "AMBASSADOR") names the same offices.
    !is_address(office)
        && !is_opposition_office(office)
        && !office
            .split_whitespace()
            .any(|w| contains(&lexicon::OTHER_SIDE, &super::words::title_case(w)))
        && !is_organisation_office(office, gazetteer)
}

/// True for an office of a government: a minister's or a secretary's ([`is_home_office`]), or its
/// head's, which a house's record gives its own state ("Prime Minister", "Deputy Prime Minister").
pub(crate) fn is_government_office(office: &str, gazetteer: &Gazetteer) -> bool {
    is_home_office(office, gazetteer)
        || office
            .split_whitespace()
            .any(|w| contains(&lexicon::HEADS_OF_GOVERNMENT, &super::words::title_case(w)))
            && !is_opposition_office(office)
            && !is_organisation_office(office, gazetteer)
}

/// True for an office of a house's opposition ("LEADER OF THE OPPOSITION", "Shadow Minister"): of no
/// state, whoever issues the record.
pub(crate) fn is_opposition_office(office: &str) -> bool {
    office
        .split_whitespace()
        .any(|w| contains(&lexicon::OPPOSITION, &super::words::title_case(w)))
}

/// An office phrase without its portfolio: "for Foreign Affairs", "for the DPRK" left out up to the next
/// "of" or comma, "to Japan" up to the next comma ("President of Sri Lanka to the Republic of Viet Nam").
fn without_portfolio(office: &str) -> String {
    let mut out = String::with_capacity(office.len());
    let mut skipping = None;
    for word in office.split_whitespace() {
        if matches!(word, "for" | "to" | "towards") {
            skipping = Some(word);
            continue;
        }
        if skipping.is_some_and(|after| (word == "of" && after == "for") || word.ends_with(',')) {
            skipping = None;
        }
        let skipping = skipping.is_some();
        if !skipping {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Office words that make another office of the one they precede: a vice president is not the president.
fn is_rank(word: &str) -> bool {
    matches!(
        word,
        "vice"
            | "deputy"
            | "assistant"
            | "under"
            | "acting"
            | "former"
            | "under-secretary"
            | "associate"
    )
}

/// True when two given names can be one person's: an initial and a name it starts, or two names with the
/// same first two letters ("Joe" and "Joseph"), while "Jill" and "Joseph" are two people.
fn same_given_name(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let n = if a.len() == 1 || b.len() == 1 { 1 } else { 2 };
    a.len() >= n && b.len() >= n && a[..n] == b[..n]
}

/// Words in a name, what decides which of two forms is fuller.
fn name_length(name: &str) -> usize {
    // "Dlamini-Zuma" is a fuller name than "Zuma".
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .count()
}

/// Participants named in a paragraph, in order of first mention.
pub(crate) fn mentioned(registry: &Registry, toks: &[Tok]) -> Vec<usize> {
    if registry.words.is_empty() {
        return Vec::new();
    }
    // The capitalised words, lowercased only outside ASCII: an ASCII word is compared with each name's
    // key as it stands, where lowercasing a copy of each was most of the cost of a function called for
    // every paragraph.
    let words: Vec<std::borrow::Cow<str>> = toks
        .iter()
        .filter(|t| t.is_cap())
        .map(|t| without_possessive(t.text))
        .map(|w| {
            if w.is_ascii() {
                std::borrow::Cow::Borrowed(w)
            } else {
                std::borrow::Cow::Owned(w.to_lowercase())
            }
        })
        .collect();
    let same = |word: &str, key: &str| {
        word.len() == key.len()
            && word
                .bytes()
                .zip(key.bytes())
                .all(|(w, k)| w.to_ascii_lowercase() == k)
    };
    let mut found: Vec<(usize, usize)> = registry
        .words
        .iter()
        .enumerate()
        .filter(|&(id, _)| !registry.is_outlet(id))
        .filter_map(|(id, name)| {
            // The surname, or a one-word name: what a short form uses.
            let key = name.last()?;
            words.iter().position(|w| same(w, key)).map(|at| (at, id))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// People a speaker calls their own colleague: "our Deputy Prime Minister, Jo Roe", "my Foreign Minister
/// Jo Roe". They serve the speaker's state, which their office alone does not say; an organisation's
/// officer ("our Secretary-General, Jo Roe", said at the UN) serves none.
pub(crate) fn colleagues(registry: &Registry, toks: &[Tok], gazetteer: &Gazetteer) -> Vec<usize> {
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !matches!(t.text, "our" | "Our" | "my" | "My") {
            continue;
        }
        let start = i + 1;
        if !toks
            .get(start)
            .is_some_and(|o| o.is_cap() && is_office(o.text))
        {
            continue;
        }
        let end = run_end(toks, start);
        let run = &toks[start..end];
        let name = match split_office_name(run) {
            Some((office, name)) if office.iter().any(|o| is_office(o.text)) => name,
            // The name after a comma: "our Deputy Prime Minister, Jo Roe".
            _ if toks.get(end).is_some_and(|c| c.is(","))
                && toks.get(end + 1).is_some_and(Tok::is_cap) =>
            {
                &toks[end + 1..run_end(toks, end + 1)]
            }
            _ => continue,
        };
        let words: Vec<String> = name
            .iter()
            .filter(|w| w.is_word())
            .map(|w| without_possessive(w.text).to_lowercase())
            .collect();
        let Some(id) = registry.find(&words) else {
            continue;
        };
        let international = registry.people[id].office.as_deref().is_some_and(|o| {
            is_organisation_office(o, gazetteer)
                || o.contains("Secretary-General")
                || o.contains("General Assembly")
        }) || run.iter().any(|t| t.text.contains("Secretary-General"));
        if !international {
            found.push(id);
        }
    }
    found
}

/// Finds "office + name" runs in a text and registers their people, with the country an "of Country" or
/// "(Country)" after the name gives.
pub(crate) fn register_offices(
    text: &str,
    toks: &[Tok],
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) {
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_cap() || contains(&lexicon::HEADLINE_VERBS, toks[i].text) {
            i += 1;
            continue;
        }
        let end = run_end(toks, i);
        if let Some(next) = appositive(toks, i, end, text, registry, gazetteer)
            .or_else(|| office_then_name(toks, i, end, text, registry, gazetteer))
        {
            i = next;
            continue;
        }
        let (run, after) = split_trailing_country(&toks[i..end], text, gazetteer);
        let country = after.or_else(|| country_after(&toks[end..], text, gazetteer));
        if let Some((office, name)) = split_office_name(run) {
            let name = join(name, text);
            // "Let Dr Roe finish": a sentence's opening word is no part of the office.
            let opener = office
                .iter()
                .take_while(|t| contains(&lexicon::NEVER_NAME, t.text) && !is_office(t.text))
                .count();
            let office = &office[opener..];
            if office.iter().any(|t| is_office(t.text)) && !registry.is_common_word(&name) {
                let office = join(trim_connectors(office), text);
                let country = country.or_else(|| office_country(&office, gazetteer));
                registry.add_with(name, Some(office), country);
            }
        }
        i = end.max(i + 1);
    }
}

/// A name and its office after a comma ("said Jo Roe, Director of the Office of Disaster Relief"):
/// registers the person with the whole phrase as their office, and returns where reading goes on, past
/// the office, so that its words are not read as another name. The office opens with an office word and
/// ends without a name of its own ("Jo Roe, Minister Ana Lima and …" is two people).
fn appositive(
    toks: &[Tok],
    start: usize,
    end: usize,
    text: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Option<usize> {
    let after = toks
        .get(end + 1)
        .filter(|_| toks.get(end).is_some_and(|t| t.is(",")))?;
    if after.is_lower_word() && is_office(&capitalised(after.text)) {
        let close = lowercase_office_end(toks, end + 1, text, gazetteer)?;
        register_pair(
            &toks[start..end],
            &toks[end + 1..close],
            text,
            registry,
            gazetteer,
        )?;
        return Some(close);
    }
    // "Her Excellency Jo Roe, the Ambassador of Norway to Sri Lanka.", but not a place named before
    // its office: "his statement at New Delhi, the Foreign Minister of …".
    let placed = start
        .checked_sub(1)
        .is_some_and(|b| matches!(toks[b].text, "at" | "in" | "from" | "to" | "of" | "near"));
    let the = usize::from(after.is("the") && !placed);
    let after = toks.get(end + 1 + the)?;
    if !after.is_cap() || !is_office(after.text) {
        return None;
    }
    let office_end = run_end(toks, end + 1 + the);
    // "After talks with Ana Lima, the Foreign Minister of Norway said …": an office that goes on into
    // its sentence is that sentence's subject, no appositive; an envoy's post ("… of Norway to Sri
    // Lanka.") is part of the office.
    let closed = match toks.get(office_end) {
        Some(t) if t.is("to") && toks.get(office_end + 1).is_some_and(Tok::is_cap) => {
            run_end(toks, office_end + 1)
        }
        _ => office_end,
    };
    if the == 1
        && toks
            .get(closed)
            .is_some_and(|t| !(t.is(",") || t.is(".") || t.is(";")))
    {
        return None;
    }
    let office = &toks[end + 1 + the..office_end];
    // "Minister Ana Lima": an office word right before a name; "of Disaster Relief" names a body.
    let holder = split_office_name(office)
        .is_some_and(|(before, _)| before.last().is_some_and(|t| is_office(t.text)));
    if holder {
        return None;
    }
    // The name ends a run that may open with another's office and words of address: "Secretary to the
    // President and Her Excellency Jo Roe, the Ambassador of …".
    let run = &toks[start..end];
    let name = match split_office_name(run) {
        Some((before, name)) if before.last().is_some_and(|t| is_honorific(t.text)) => name,
        _ => run,
    };
    register_pair(name, office, text, registry, gazetteer)?;
    Some(office_end)
}

/// Where an office written in running text's lowercase after a name and a comma ends: at the comma
/// that closes it ("Jo Roe, president and chief executive officer of Business Norway, said"), when it
/// names the holder's state. A phrase that runs on to a sentence's end, or longer than a title is, is
/// no appositive ("Jo Roe, president since 2019 and …").
fn lowercase_office_end(
    toks: &[Tok],
    from: usize,
    text: &str,
    gazetteer: &Gazetteer,
) -> Option<usize> {
    let close = toks[from..]
        .iter()
        .take(MAX_APPOSITIVE_TOKENS)
        .position(|t| t.is(","))
        .map(|n| from + n)?;
    let office = &toks[from..close];
    if office
        .iter()
        .any(|t| !(t.is_word() || t.is("'") || t.is("’")))
    {
        return None;
    }
    // Only an office that ends on its state places its holder ("… of Business Norway"): a speech
    // quoting "Jo Roe, former chairman of the committee," or "professor of Japanese history at
    // Harvard," quotes someone the speaker's own side need not hold.
    let (_, trailing) = split_trailing_country(office, text, gazetteer);
    trailing.or_else(|| {
        office
            .last()
            .filter(|t| t.country)
            .and_then(|t| gazetteer.country_of(t.text))
    })?;
    Some(close)
}

/// Most tokens of an office written in lowercase after its holder's name.
const MAX_APPOSITIVE_TOKENS: usize = 12;

/// An office and its holder after a comma ("Written Answer by Minister for Law, Mr Jo Roe, to …",
/// "Japanese Foreign Press Secretary, Jo Roe, speaks"): the office is a whole run with no name of its
/// own, the name the next run. Registers the person and returns where reading goes on.
fn office_then_name(
    toks: &[Tok],
    start: usize,
    end: usize,
    text: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Option<usize> {
    // The office may open with its state: "Japanese Foreign Press Secretary, Jo Roe".
    let state = toks[start..end].iter().take_while(|t| t.country).count();
    let opens = start + state;
    // The state an envoy is sent to: "The Ambassador of Thailand to Sri Lanka, Jo Roe".
    let end = match toks.get(end) {
        Some(t) if t.is("to") && toks.get(end + 1).is_some_and(|n| n.is_cap()) => {
            let host = run_end(toks, end + 1);
            if toks[end + 1..host].iter().all(|t| t.country || t.is("the")) {
                host
            } else {
                end
            }
        }
        _ => end,
    };
    if !toks.get(end).is_some_and(|t| t.is(","))
        || !toks
            .get(opens)
            .is_some_and(|t| opens < end && is_office(t.text))
    {
        return None;
    }
    let office = &toks[start..end];
    if split_office_name(office).is_some_and(|(_, name)| !portfolio(office, name)) {
        return None;
    }
    // Running text writes the office's portfolio in lowercase before it: "his foreign Minister, the hon
    // Dlamini-Zuma".
    let office = match start.checked_sub(1).map(|s| &toks[s]) {
        Some(t) if t.is_lower_word() && is_office(&capitalised(t.text)) => &toks[start - 1..end],
        _ => office,
    };
    // "…, the hon Dlamini-Zuma": the words of address before the name, and "the" only before them
    // ("…, the European Commission and …" names no holder).
    let the = toks.get(end + 1).is_some_and(|t| t.is("the"))
        && toks
            .get(end + 2)
            .is_some_and(|t| is_honorific(&capitalised(t.text)));
    // Words of address may close with a period: "H.E. Jo Roe".
    let name_start = end
        + 1
        + usize::from(the)
        + toks[end + 1 + usize::from(the)..]
            .iter()
            .take_while(|t| is_honorific(&capitalised(t.text)) || t.is("."))
            .count();
    if !toks.get(name_start).is_some_and(Tok::is_cap) {
        return None;
    }
    let name_end = run_end(toks, name_start);
    register_pair(
        &toks[name_start..name_end],
        office,
        text,
        registry,
        gazetteer,
    )?;
    Some(name_end)
}

/// True when what [`split_office_name`] takes for a name at the end of an office is its portfolio: one
/// word after "for" or "of" ("Minister for Law", "Secretary of State").
fn portfolio(office: &[Tok], name: &[Tok]) -> bool {
    let before = office.len() - name.len();
    name.len() == 1 && before > 0 && matches!(office[before - 1].text, "for" | "of" | "the")
}

/// Registers a name given apart from its office: the name past its words of address, two to four name
/// words that may open with particles ("von der Leyen") but not with an office, and no country.
fn register_pair(
    name: &[Tok],
    office: &[Tok],
    text: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Option<usize> {
    let address = name
        .iter()
        .take_while(|t| is_honorific(t.text) || t.is("."))
        .count();
    let name = &name[address..];
    // A double-barrelled surname ("Dlamini-Zuma") names a person as surely as two words.
    let words: usize = name
        .iter()
        .filter(|t| t.is_word())
        .map(|t| 1 + usize::from(t.text.trim_matches('-').contains('-')))
        .sum();
    let (before, _) = split_office_name(name)?;
    let particles = before
        .iter()
        .all(|t| contains(&lexicon::NAME_PARTICLES, t.text));
    if !particles || !(2..=4).contains(&words) || name.iter().any(|t| t.country) {
        return None;
    }
    let name = join(name, text);
    if registry.is_common_word(&name) {
        return None;
    }
    let (office, trailing) = split_trailing_country(office, text, gazetteer);
    let office = join(trim_connectors(office), text);
    let country = trailing.or_else(|| office_country(&office, gazetteer));
    Some(registry.add_with(name, Some(office), country))
}

/// A run ending "… of Sweden" or "… of the Republic of Korea": the run without it, and the country.
fn split_trailing_country<'t, 'a>(
    run: &'t [Tok<'a>],
    text: &str,
    gazetteer: &Gazetteer,
) -> (&'t [Tok<'a>], Option<CountryCode>) {
    let Some(last) = run.last() else {
        return (run, None);
    };
    if !last.country {
        return (run, None);
    }
    // Back over the country's words to the "of" that joins it to the name.
    let mut at = run.len();
    while at > 0 && (run[at - 1].country || run[at - 1].is("the")) {
        at -= 1;
    }
    if at < 2 || !run[at - 1].is("of") || !is_name_word(&run[at - 2]) {
        return (run, None);
    }
    let country = gazetteer.country_of(&join(&run[at..], text));
    (&run[..at - 1], country)
}

/// The country of a "(Country)" right after a name: a delegate in a meeting record.
fn country_after(rest: &[Tok], text: &str, gazetteer: &Gazetteer) -> Option<CountryCode> {
    if !rest.first()?.is("(") {
        return None;
    }
    let close = rest.iter().position(|t| t.is(")"))?;
    let inner = &rest[1..close];
    (!inner.is_empty() && inner.iter().all(|t| t.country || !t.is_word()))
        .then(|| gazetteer.country_of(&join(inner, text)))
        .flatten()
}

/// True when the "and" at `and` joins two words of a portfolio right after "for" or "of" ("Minister for
/// Enterprise and Innovation Mikael Damberg"): three capitalised words at least follow it, the
/// portfolio's second word and a name; two ("… for Enterprise and Jo Roe toured") are a person alone.
fn portfolio_word(toks: &[Tok], and: usize) -> bool {
    let at = and - 1;
    let after = toks[and + 1..].iter().take_while(|t| t.is_cap()).count();
    at >= 2
        && matches!(toks[at - 1].text, "for" | "of")
        && is_office(toks[at - 2].text)
        && after >= 3
}

/// End (exclusive) of the capitalised run starting at `start`: capitalised words joined by "of", "the",
/// "and", "for", name particles, hyphens, apostrophes, initials' periods and parenthesised acronyms.
pub(crate) fn run_end(toks: &[Tok], start: usize) -> usize {
    let mut i = start + 1;
    let mut end = i;
    while i < toks.len() {
        let t = &toks[i];
        if t.is_cap() {
            if contains(&lexicon::HEADLINE_VERBS, t.text) && !t.is("Of") {
                break;
            }
            i += 1;
            end = i;
            // A possessive name ends the phrase: "Spokesperson Geng Shuang's Regular Press Conference".
            if is_possessive(t.text) && is_name_word(t) {
                break;
            }
        } else if t.is("(")
            // "Republic of Korea (ROK)": a state's short form after it is no part of the phrase, so
            // "President X of the Republic of Korea (ROK)" still ends with its state.
            && !toks[i - 1].country
            && toks.get(i + 1).is_some_and(Tok::is_acronym)
            && toks.get(i + 2).is_some_and(|c| c.is(")"))
        {
            i += 3;
            end = i;
        } else if t.is(".")
            && (toks[i - 1].is_initial()
                || contains(&lexicon::ABBREVIATIONS, toks[i - 1].text)
                // "R.G. Menzies", not "D.C. Deputy Secretary": initials run together go on to a name.
                || toks[i - 1].is_initials_run() && toks.get(i + 1).is_some_and(is_name_word))
        {
            i += 1;
            end = i;
        } else if matches!(t.text, "-" | "'" | "’")
            || matches!(t.text, "of" | "the" | "for")
            // "and" joins an office's words ("Minister of Foreign Affairs and Trade"), not two people:
            // "… of Sweden and President Sauli Niinistö" ends a run.
            || (t.is("and")
                && (!is_name_word(&toks[i - 1]) || portfolio_word(toks, i))
                && !(toks[i - 1].country && toks.get(i + 1).is_some_and(|n| is_office(n.text))))
            || contains(&lexicon::NAME_PARTICLES, t.text)
        {
            i += 1;
        } else {
            break;
        }
    }
    end
}

/// Splits a run into its office phrase and the name that ends it (at most four name words).
pub(crate) fn split_office_name<'t, 'a>(
    run: &'t [Tok<'a>],
) -> Option<(&'t [Tok<'a>], &'t [Tok<'a>])> {
    let mut start = run.len();
    // Name words taken, and those of them that are not initials: the second bounds a name's length
    // ("Masagos Zulkifli B M M" is two names and a patronym's initials), the first tells a long name
    // from a portfolio's last word below.
    let (mut words, mut names) = (0, 0);
    while start > 0 {
        let t = &run[start - 1];
        let inner = start < run.len();
        let suffix = matches!(t.text, "Jr" | "Sr" | "II" | "III" | "IV");
        // A surname in capitals beside a given name: "KISHIDA Fumio", "Emmanuel MACRON".
        let capital_surname =
            is_capital_surname(t) && (words > 0 || start >= 2 && is_name_word(&run[start - 2]));
        // "A N Roe": an initial that reads as a word ("A") before another initial is one.
        let initial = t.is_initial() && run.get(start).is_some_and(Tok::is_initial);
        if is_name_word(t) || capital_surname || initial {
            words += 1;
            names += usize::from(!t.is_initial());
        } else if !(suffix
            || inner
                && (contains(&lexicon::NAME_PARTICLES, t.text)
                    || t.is(".")
                    || t.is("-")
                    || t.is("'")))
        {
            break;
        }
        if names > 4 {
            break;
        }
        start -= 1;
    }
    // A name starts with a name word, not with a particle or a period.
    let opens_name = |i: usize| {
        is_name_word(&run[i])
            || is_capital_surname(&run[i])
            || run[i].is_initial() && run.get(i + 1).is_some_and(Tok::is_initial)
    };
    while start < run.len() && !opens_name(start) {
        start += 1;
    }
    // "Foreign Minister of Ruritania Anna Berg", "Minister for Trade and Innovation Anna Berg": right after
    // "of", "for" or a portfolio's "and", the first word of three or more is the office's, not a given name.
    if start > 0 && matches!(run[start - 1].text, "of" | "the" | "for" | "and") && words >= 3 {
        start += 1;
        while start < run.len() && !is_name_word(&run[start]) {
            start += 1;
        }
    }
    (start < run.len()).then(|| (&run[..start], &run[start..]))
}

/// A word in capitals that can be a surname written so ("KISHIDA", "MACRON"): three letters or more, and
/// no office, organisation, state or word that is never a name.
pub(crate) fn is_capital_surname(t: &Tok) -> bool {
    t.is_acronym()
        && t.text.chars().count() >= 3
        && t.text.chars().all(char::is_alphabetic)
        && !t.country
        && !is_office(&super::words::title_case(t.text))
        && !contains(&lexicon::ORGANISATION, t.text)
        && !contains(&lexicon::NEVER_NAME, &super::words::title_case(t.text))
}

/// Registers the people an author field names: "Ned Price, Department Spokesperson", or, as archives
/// catalogue them, "Evans, Gareth" (surname first).
pub(crate) fn register_author(
    value: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Vec<usize> {
    if let Some((name, office)) = bracketed_author(value, gazetteer) {
        return vec![registry.add_with(
            name,
            Some(office.clone()),
            office_country(&office, gazetteer),
        )];
    }
    let parts: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if let [surname, given] = parts[..] {
        // A surname may be a word that is also an office's ("Bishop, Julie"): the given names after
        // the comma, all name words, say it is a person's.
        let one_word = |p: &str| {
            let toks = tokenize(p, gazetteer);
            toks.len() == 1
                && (is_name_word(&toks[0])
                    || toks[0].is_cap() && !toks[0].country && !toks[0].is_acronym())
        };
        let given_words = tokenize(given, gazetteer);
        if one_word(surname)
            && !given_words.is_empty()
            && given_words.len() <= 3
            && given_words
                .iter()
                .all(|t| is_name_word(t) || t.is_initial() || t.is("."))
        {
            return vec![registry.add(format!("{given} {surname}"), None, gazetteer)];
        }
    }
    register_name_office_pairs(value, registry, gazetteer)
}

/// The person an author field names with no office, after any form of address: "Rt Hon Winston
/// Example".
pub(crate) fn register_bare_author(
    value: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Vec<usize> {
    bare_name(without_address(value), gazetteer)
        .map(|name| vec![registry.add(name, None, gazetteer)])
        .unwrap_or_default()
}

/// A name with its office, and the party after it, in brackets, as a house's record files an answer:
/// "Hon. John Baird (Minister of Foreign Affairs, CPC)". The office is read whole, so its portfolio
/// ("… and Minister for the Asia-Pacific Gateway") is never taken for another name.
fn bracketed_author(value: &str, gazetteer: &Gazetteer) -> Option<(String, String)> {
    let (name, inside) = value.trim().strip_suffix(')')?.split_once(" (")?;
    if inside.contains(['(', ')']) {
        return None;
    }
    let office = inside.split(',').next().unwrap_or_default().trim();
    tokenize(office, gazetteer)
        .iter()
        .any(|t| t.is_cap() && is_office(t.text))
        .then_some(())?;
    Some((
        bare_name(without_address(name), gazetteer)?,
        office.to_string(),
    ))
}

/// A name without the words of address before it: "Hon. Jo Roe" → "Jo Roe".
fn without_address(value: &str) -> &str {
    let mut rest = value.trim();
    while let Some((first, tail)) = rest.split_once(' ') {
        if !is_honorific(first) {
            break;
        }
        rest = tail.trim_start();
    }
    rest
}

/// Registers people from "Name, Office[, Name, Office…]" lines such as a byline or an author field
/// ("Ned Price, Department Spokesperson"), and "Office Name" runs within them. Returns the people the line
/// names, in order.
pub(crate) fn register_name_office_pairs(
    line: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Vec<usize> {
    let before = registry.people.len();
    let mut named = Vec::new();
    let parts: Vec<&str> = line
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut i = 0;
    while i < parts.len() {
        let part = parts[i];
        let toks = tokenize(part, gazetteer);
        let all_name = !toks.is_empty()
            && toks.iter().all(|t| {
                is_name_word(t)
                    || t.is(".")
                    || t.is("-")
                    || contains(&lexicon::NAME_PARTICLES, t.text)
            });
        let next_is_office = parts.get(i + 1).is_some_and(|n| {
            let next = tokenize(n, gazetteer);
            next.iter().any(|t| is_office(t.text))
                && split_office_name(&next[..run_end(&next, 0).min(next.len())])
                    .is_none_or(|(office, _)| office.is_empty())
        });
        if all_name && next_is_office {
            named.push(registry.add(part.to_string(), Some(parts[i + 1].to_string()), gazetteer));
            i += 2;
        } else {
            let from = registry.people.len();
            register_offices(part, &toks, registry, gazetteer);
            named.extend(from..registry.people.len());
            i += 1;
        }
    }
    let _ = before;
    named
}

/// A person's name standing alone: two to four name words, nothing else ("Julia Example", "Ann Linde").
pub(crate) fn bare_name(text: &str, gazetteer: &Gazetteer) -> Option<String> {
    let toks = tokenize(text.trim(), gazetteer);
    let words = toks.iter().filter(|t| t.is_word()).count();
    let person = (2..=4).contains(&words)
        && toks.iter().all(|t| {
            is_name_word(t) || t.is(".") || t.is("-") || contains(&lexicon::NAME_PARTICLES, t.text)
        })
        && toks.first().is_some_and(is_name_word);
    person.then(|| display_name(text))
}

/// True when `text` names `full` within a few words of a word of `office` ("Jessica Bjurström,
/// Communications Director"), or after an honorific that ends the office's phrase ("The Ambassador of
/// the Kingdom of Thailand to Sri Lanka, H.E. Paitoon Mahapannaporn").
fn beside_office(text: &str, full: &str, office: &str) -> bool {
    let office_words: Vec<&str> = office
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let of_office =
        |w: &str| office_words.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()));
    text.match_indices(full).any(|(at, _)| {
        let before: Vec<&str> = text[..at]
            .split_whitespace()
            .rev()
            .take(OFFICE_PHRASE_REACH)
            .collect();
        let after = text[at + full.len()..]
            .split_whitespace()
            .take(OFFICE_REACH);
        let honoured = before.first().is_some_and(|w| is_honorific(w));
        before
            .iter()
            .take(OFFICE_REACH)
            .copied()
            .chain(after)
            .any(of_office)
            || honoured && before.iter().copied().any(of_office)
    })
}

/// Words either side of a name within which its office is written beside it.
const OFFICE_REACH: usize = 4;

/// Words before an honorific and a name within which the office its phrase opens with is written.
const OFFICE_PHRASE_REACH: usize = 12;

/// A fuller form of `surname` the statement gives somewhere: a given name (and initial) right before it,
/// "Jane Q. Porter" for "Porter".
pub(crate) fn full_name_in<'a>(
    texts: impl Iterator<Item = &'a str>,
    surname: &str,
    gazetteer: &Gazetteer,
) -> Option<String> {
    full_names_in(texts, surname, gazetteer, |_| true)
}

/// The first full name ending in `surname` that `fits`, as [`full_name_in`] finds them: "Teariki
/// Heather" for a label's "T. HEATHER" where the text also names a Robert Heather.
pub(crate) fn full_names_in<'a>(
    texts: impl Iterator<Item = &'a str>,
    surname: &str,
    gazetteer: &Gazetteer,
    fits: impl Fn(&str) -> bool,
) -> Option<String> {
    for text in texts {
        if !text.contains(surname) {
            continue;
        }
        let toks = tokenize(text, gazetteer);
        for (i, t) in toks.iter().enumerate() {
            if without_possessive(t.text) != surname || i == 0 {
                continue;
            }
            let mut start = i;
            while start > 0 {
                let p = &toks[start - 1];
                let initial_dot = p.is(".") && start >= 2 && toks[start - 2].is_initial();
                if is_name_word(p) || initial_dot {
                    start -= 1;
                } else {
                    break;
                }
                if i - start >= 3 {
                    break;
                }
            }
            while start < i && !is_name_word(&toks[start]) {
                start += 1;
            }
            if start < i {
                let from = toks[start].start;
                let full = without_possessive(&text[from..t.start + t.text.len()]);
                if fits(full) {
                    return Some(full.to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_home_office_is_no_envoys_or_head_of_states_in_any_case() {
        let g = Gazetteer::get();
        assert!(is_home_office("The MINISTER OF FOREIGN AFFAIRS", g));
        for office in [
            "THE PRESIDENT",
            "The President",
            "AMBASSADOR",
            "THE SECRETARY-GENERAL",
        ] {
            assert!(!is_home_office(office, g), "{office}");
        }
    }

    #[test]
    fn an_author_field_surname_first_may_be_an_office_word() {
        let g = Gazetteer::get();
        let mut registry = Registry::default();
        let ids = register_author("Bishop, Julie", &mut registry, g);
        let names: Vec<&str> = ids
            .iter()
            .map(|&i| registry.people[i].name.as_str())
            .collect();
        assert_eq!(names, ["Julie Bishop"]);
        // An office and its portfolio after the comma is no one's name.
        let mut registry = Registry::default();
        assert!(register_author("Minister, Foreign Affairs", &mut registry, g).is_empty());
    }

    #[test]
    fn names_are_shown_without_honorifics_or_shouting() {
        assert_eq!(display_name("Mr. GROMYKO"), "Gromyko");
        assert_eq!(
            display_name("H.E. Mr. Pradeep Kumar Gyawali"),
            "Pradeep Kumar Gyawali"
        );
        assert_eq!(display_name("Jean-Pierre"), "Jean-Pierre");
        assert_eq!(display_name("KARINE JEAN-PIERRE"), "Karine Jean-Pierre");
        assert_eq!(display_name("Geng Shuang's"), "Geng Shuang");
        assert_eq!(display_name("HAYASHI Yoshimasa"), "Hayashi Yoshimasa");
        assert_eq!(display_name("Lloyd J. Austin III"), "Lloyd J. Austin III");
        assert_eq!(display_name("LLOYD J. AUSTIN III"), "Lloyd J. Austin III");
        assert_eq!(display_name("XI JINPING"), "Xi Jinping");
        assert_eq!(display_name("King Carl XVI Gustaf"), "King Carl XVI Gustaf");
        // Initials run together keep their capitals.
        assert_eq!(display_name("P.K. BALA"), "P.K. Bala");
    }

    #[test]
    fn a_surname_alone_takes_the_full_name_the_statement_gives() {
        let g = Gazetteer::get();
        let texts = [
            "Jessica Bjurström, Communications Director, has 20 years of experience.",
            "“It will be very exciting,” says Bjurström.",
        ];
        let mut registry = Registry::for_texts(texts.into_iter());
        let id = registry.add("Bjurström".into(), Some("Director".into()), g);
        registry.complete_surnames(&[id], texts.into_iter(), g);
        assert_eq!(registry.people[id].name, "Jessica Bjurström");
        assert_eq!(registry.people[id].office.as_deref(), Some("Director"));
        // A word of an office before the name is none of it.
        let texts = [
            "Under Secretary for Policy and Plans Robert Silvers spoke.",
            "Silvers said the plans are ready.",
        ];
        let mut registry = Registry::for_texts(texts.into_iter());
        let id = registry.add("Silvers".into(), None, g);
        registry.complete_surnames(&[id], texts.into_iter(), g);
        assert_eq!(registry.people[id].name, "Robert Silvers");
        // Known by an office, a surname takes only a full name written beside it; and one full name.
        let texts = [
            "Secretary Clinton visited the school with her daughter, Chelsea Clinton, on Monday.",
            "\u{201c}We will help,\u{201d} said Secretary Clinton.",
            "On Monday. Thereafter Berg greeted the pupils. Ambassador Berg spoke, and so did Ola Berg.",
        ];
        let mut registry = Registry::for_texts(texts.into_iter());
        let clinton = registry.add("Clinton".into(), Some("Secretary".into()), g);
        let berg = registry.add("Berg".into(), None, g);
        registry.complete_surnames(&[clinton, berg], texts.into_iter(), g);
        assert_eq!(registry.people[clinton].name, "Clinton");
        assert_eq!(registry.people[berg].name, "Berg");
        let texts = [
            "The Ambassador of Thailand to Sri Lanka, H.E. Paitoon Mahapannaporn, paid a call.",
            "Ambassador Mahapannaporn said the talks were useful.",
        ];
        let mut registry = Registry::for_texts(texts.into_iter());
        let id = registry.add("Mahapannaporn".into(), Some("Ambassador".into()), g);
        registry.complete_surnames(&[id], texts.into_iter(), g);
        assert_eq!(registry.people[id].name, "Paitoon Mahapannaporn");
        // A surname the statement never spells out stays as it is.
        let id = registry.add("Lindqvist".into(), None, g);
        registry.complete_surnames(&[id], texts.into_iter(), g);
        assert_eq!(registry.people[id].name, "Lindqvist");
    }

    #[test]
    fn one_person_one_name() {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        let a = r.add("Joseph R. Biden, Jr.".into(), Some("President".into()), g);
        let b = r.add("Joe Biden".into(), None, g);
        let c = r.add("BIDEN".into(), None, g);
        assert_eq!((a, b, c), (0, 0, 0));
        assert_eq!(r.people[0].name, "Joseph R. Biden, Jr.");
        let d = r.add("Jill Biden".into(), None, g);
        assert_eq!(d, 1);
    }

    #[test]
    fn a_word_of_address_taken_for_an_office_gives_way_to_the_office() {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        r.add("Ana Berg".into(), Some("Dr".into()), g);
        r.add(
            "Ana Berg".into(),
            Some("President of the Commission".into()),
            g,
        );
        assert_eq!(
            r.people[0].office.as_deref(),
            Some("President of the Commission")
        );
        // A real office stays.
        r.add("Ana Berg".into(), Some("Minister".into()), g);
        assert_eq!(
            r.people[0].office.as_deref(),
            Some("President of the Commission")
        );
    }

    #[test]
    fn a_name_after_a_comma_takes_the_office_but_not_the_next_person() {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        let text = "The Minister was joined by Jo Roe, Minister Ana Lima and Dr Tim Tam.";
        register_offices(text, &tokenize(text, g), &mut r, g);
        let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"Ana Lima"), "{names:?}");
        let text = "said Jo Roe, Director of the Office of Disaster Relief.";
        register_offices(text, &tokenize(text, g), &mut r, g);
        let roe = r
            .people
            .iter()
            .find(|p| p.name == "Jo Roe")
            .expect("Jo Roe");
        assert_eq!(
            roe.office.as_deref(),
            Some("Director of the Office of Disaster Relief")
        );
        assert!(!r.people.iter().any(|p| p.name == "Disaster Relief"));
        // The office before the comma may open with its state, which is the holder's.
        let text = "Japanese Foreign Press Secretary, Yasuhisa Kawamura, speaks in a briefing.";
        register_offices(text, &tokenize(text, g), &mut r, g);
        let kawamura = r.people.iter().find(|p| p.name == "Yasuhisa Kawamura");
        assert_eq!(
            kawamura
                .and_then(|p| p.country)
                .map(|c| c.as_str().to_string()),
            Some("JPN".to_string())
        );
        // A portfolio of two words joined by "and" is the office's, not a given name.
        let text = "presided by Swedish Minister for Enterprise and Innovation Mikael Damberg.";
        register_offices(text, &tokenize(text, g), &mut r, g);
        let damberg = r.people.iter().find(|p| p.name == "Mikael Damberg");
        assert_eq!(
            damberg.and_then(|p| p.office.as_deref()),
            Some("Swedish Minister for Enterprise and Innovation")
        );
        assert!(!r.people.iter().any(|p| p.name == "Enterprise"));
    }

    #[test]
    fn an_office_in_running_text_then_its_holder_after_a_comma() {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        let text = "advancement of democracy on our continent and the world. President Thabo\nMbeki, his foreign Minister, the hon Dlamini-Zuma, with the much-needed\nsupport from Africa's statesman, former president Mandela, have";
        register_offices(text, &tokenize(text, g), &mut r, g);
        let held = r.people.iter().find(|p| p.name == "Dlamini-Zuma");
        assert_eq!(
            held.and_then(|p| p.office.as_deref()),
            Some("foreign Minister")
        );
        // The label spells out what the text abbreviates.
        let id = r.people.iter().position(|p| p.name == "Dlamini-Zuma");
        assert_eq!(r.by_office(&["Minister", "of", "Foreign", "Affairs"]), id);
    }

    #[test]
    fn an_envoy_of_a_state_to_another_named_after_a_comma_serves_the_first() {
        let g = Gazetteer::get();
        for text in [
            "The Ambassador of the Kingdom of Thailand to Sri Lanka, H.E. Jo Roe, paid a call today.",
            "The Ambassador of Thailand, Jo Roe, paid a courtesy call today.",
        ] {
            let mut r = Registry::default();
            register_offices(text, &tokenize(text, g), &mut r, g);
            let held = r.people.iter().find(|p| p.name == "Jo Roe");
            assert_eq!(
                held.and_then(|p| p.country).map(|c| c.as_str().to_string()),
                Some("THA".to_string()),
                "{text}: {:?}",
                r.people
            );
        }
    }

    #[test]
    fn an_initial_that_reads_as_a_word_and_a_sentences_opening_word() {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        let text = "Let Dr A S Nkomo finish his speech, please.";
        register_offices(text, &tokenize(text, g), &mut r, g);
        let held = r.people.iter().find(|p| p.name == "A S Nkomo");
        // "A" before another initial is an initial; "Let" opens the sentence, not the office.
        assert_eq!(
            held.and_then(|p| p.office.as_deref()),
            Some("Dr"),
            "{:?}",
            r.people
        );
    }

    #[test]
    fn an_office_alone_is_its_holder_and_a_rank_makes_another_office() {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        let harris = r.add("Kamala Harris".into(), Some("Vice President".into()), g);
        let marcos = r.add("Ferdinand Marcos".into(), Some("President".into()), g);
        let menon = r.add(
            "Ravi Menon".into(),
            Some("Indian External Affairs Minister".into()),
            g,
        );
        assert_eq!(r.by_office(&["President"]), Some(marcos));
        assert_eq!(r.by_office(&["Vice", "President"]), Some(harris));
        assert_eq!(r.by_office(&["Minister"]), Some(menon));
        assert_eq!(r.by_office(&["Secretary"]), None);
    }

    #[test]
    fn a_portfolio_is_not_the_holders_state() {
        let g = Gazetteer::get();
        let code = |o: &str| office_country(o, g).map(|c| c.as_str().to_string());
        assert_eq!(code("Special Representative for the DPRK"), None);
        assert_eq!(code("Ambassador to Japan"), None);
        assert_eq!(
            code("Minister for Foreign Affairs of Nepal").as_deref(),
            Some("NPL")
        );
        assert_eq!(code("Israeli Foreign Minister").as_deref(), Some("ISR"));
        assert_eq!(
            code("President of the Republic of Chile to the Republic of Peru").as_deref(),
            Some("CHL")
        );
        assert!(is_organisation_office("NATO Secretary General", g));
        assert!(!is_organisation_office("U.S. Ambassador to NATO", g));
    }

    #[test]
    fn a_surname_in_capitals_is_part_of_the_name() {
        let g = Gazetteer::get();
        for (text, name) in [
            ("Statement by Prime Minister KISHIDA Fumio", "KISHIDA Fumio"),
            ("Remarks by President Emmanuel MACRON", "Emmanuel MACRON"),
        ] {
            let mut r = Registry::default();
            let toks = super::super::words::tokenize(text, g);
            register_offices(text, &toks, &mut r, g);
            let names: Vec<String> = r.people.iter().map(|p| p.name.to_lowercase()).collect();
            assert_eq!(names, [name.to_lowercase()], "{text}");
        }
    }

    #[test]
    fn initials_do_not_count_among_a_names_words() {
        let g = Gazetteer::get();
        for (text, name) in [
            (
                "The Senior Minister of State for Foreign Affairs Masagos Zulkifli B M M spoke.",
                "Masagos Zulkifli B M M",
            ),
            // A portfolio's last word before initials and a surname is still the office's.
            ("The Minister for Law K Shanmugam said it.", "K Shanmugam"),
        ] {
            let toks = super::super::words::tokenize(text, g);
            let mut r = Registry::default();
            register_offices(text, &toks, &mut r, g);
            let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, [name], "{text}");
        }
    }

    #[test]
    fn a_speakers_own_colleague_is_found_by_the_possessive() {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        let text =
            "I'm joined by our Deputy Prime Minister, Chrystia Freeland, and my Foreign Minister \
                    Marc Garneau. The Foreign Minister of Ruritania Anna Berg is here too.";
        register_offices(text, &tokenize(text, g), &mut r, g);
        let names: Vec<&str> = colleagues(&r, &tokenize(text, g), g)
            .into_iter()
            .map(|id| r.people[id].name.as_str())
            .collect();
        assert_eq!(names, ["Chrystia Freeland", "Marc Garneau"]);
        let text = "I thank our Secretary-General, Antonio Guterres, for his report.";
        register_offices(text, &tokenize(text, g), &mut r, g);
        assert!(colleagues(&r, &tokenize(text, g), g).is_empty());
    }

    /// The registry of people the texts' office runs name.
    fn registered(texts: &[&str]) -> Registry {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        for text in texts {
            register_offices(text, &tokenize(text, g), &mut r, g);
        }
        r
    }

    /// The office and country of the person registered as `name`.
    fn held(r: &Registry, name: &str) -> Option<(Option<String>, Option<String>)> {
        r.people
            .iter()
            .find(|p| p.name == name)
            .map(|p| (p.office.clone(), p.country.map(|c| c.as_str().to_string())))
    }

    #[test]
    fn a_country_after_the_name_is_the_persons() {
        let r = registered(&[
            "President Joseph R. Biden, Jr. spoke today with Prime Minister Magdalena Andersson of Sweden.",
            "Remarks by Vice President Harris and Prime Minister Trudeau of Canada",
            "Mr. Nebenzia (Russian Federation): We thank you.",
        ]);
        let country = |name: &str| held(&r, name).and_then(|(_, c)| c);
        assert_eq!(country("Magdalena Andersson").as_deref(), Some("SWE"));
        assert_eq!(country("Trudeau").as_deref(), Some("CAN"));
        assert_eq!(country("Nebenzia").as_deref(), Some("RUS"));
    }

    #[test]
    fn an_office_after_the_name_and_the_places_its_holder_but_not_a_place() {
        let r = registered(&[
            "A discussion was held between Dr Jo Roe, Secretary to the President and Her Excellency \
             Ana Lima, the Ambassador of Norway to Sri Lanka.",
            "In his recent statement at New Delhi, the Foreign Minister of Kenya said so.",
            "After talks with Ola Berg, the Foreign Minister of Sweden said the deal was near.",
        ]);
        let lima = held(&r, "Ana Lima").expect("Ana Lima");
        assert_eq!(lima.1.as_deref(), Some("NOR"));
        assert_eq!(held(&r, "New Delhi"), None, "{:?}", r.people);
        // An office that goes on into its sentence is its subject, not the name's appositive.
        assert!(
            held(&r, "Ola Berg").is_none_or(|(_, c)| c.is_none()),
            "{:?}",
            r.people
        );
    }

    #[test]
    fn an_office_in_lowercase_after_the_name_places_its_holder_when_it_names_a_state() {
        let r = registered(&[
            "Ola Nordmann, president and chief executive officer of Business Norway, said trade grew.",
            "Jo Roe, former chairman of the joint committee, said the plan had failed.",
            "Ana Lima, professor of Japanese history at the university, said so.",
        ]);
        assert_eq!(
            held(&r, "Ola Nordmann"),
            Some((
                Some("president and chief executive officer of Business Norway".into()),
                Some("NOR".into())
            ))
        );
        // An office that names no state is no evidence of the holder's side: not registered.
        assert_eq!(held(&r, "Jo Roe"), None);
        // A state inside the phrase is no holder's: only one that ends it.
        assert_eq!(held(&r, "Ana Lima"), None);
    }
}
