//! Who speaks in each paragraph, and for which country.
//!
//! The rules read English the way a reader of readouts does, without knowing any person in advance:
//! - a capitalised run "office phrase + name" ("General Secretary of the … Party Central Committee Jane
//!   Roe") introduces a participant, whose country comes from the office or party through the gazetteer;
//! - a paragraph's speakers are the subjects of its sentences' reporting verbs (said, stressed,
//!   congratulated, …) where the subject opens the sentence's main clause, also across an inserted clause
//!   ("X, on behalf of …, congratulated"); a verb in a subordinate clause does not count;
//! - a short form resolves to the participant whose name holds it ("Roe" → "Jane Roe");
//! - "He/She" continues the previous speaker; "X and Y", "the two sides", "both leaders" are joint;
//! - a subject made only of an office ("the Secretary") resolves to the participant holding that office;
//! - a paragraph without such a subject narrates and has no speaker;
//! - transcripts go by their turn labels instead (see [`turns`]), joint statements speak
//!   for their issuers, and speakers a record or manifest gives win over all of this.

use std::collections::HashSet;

use unicode_segmentation::UnicodeSegmentation;

use super::lexicon::{self, contains};
use super::turns::{self, Label};
use super::{Block, Draft, Kind, Participant, Role};
use crate::gazetteer::{CountryCode, Gazetteer};

/// Participants of a statement and the speakers and role of each paragraph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribution {
    /// Everyone the statement introduces or quotes, in order of first mention.
    pub participants: Vec<Participant>,
    /// One per paragraph.
    pub paragraphs: Vec<Attributed>,
}

/// Who speaks in one paragraph and as what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attributed {
    /// Indexes into [`Attribution::participants`].
    pub speakers: Vec<usize>,
    /// The paragraph's role.
    pub role: Role,
    /// For an answer: the paragraph number of its question.
    pub answers: Option<u32>,
    /// Countries the paragraph speaks for: its speakers', or a joint statement's issuing countries.
    pub countries: Vec<CountryCode>,
}

impl Attributed {
    fn new(speakers: Vec<usize>, role: Role) -> Attributed {
        Attributed {
            speakers,
            role,
            answers: None,
            countries: Vec::new(),
        }
    }
}

/// A word or punctuation mark of a sentence.
#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    text: &'a str,
    start: usize,
    /// True when covered by a country mention ("Lao", "People's Republic of China").
    country: bool,
}

impl Tok<'_> {
    fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }
    fn is_cap(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    fn is_lower_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }
    fn is_acronym(&self) -> bool {
        self.text.chars().count() >= 2
            && self
                .text
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit())
    }
    /// A single capital letter: an initial, as in "Antony J. Roe".
    fn is_initial(&self) -> bool {
        let mut chars = self.text.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    }
    fn is(&self, s: &str) -> bool {
        self.text == s
    }
}

/// An office word, also as the head of a hyphenated office ("Ambassador-at-Large", "Secretary-General").
fn is_office(word: &str) -> bool {
    contains(&lexicon::OFFICE, word)
        || word
            .split_once('-')
            .is_some_and(|(head, _)| contains(&lexicon::OFFICE, head))
}

fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// `name` without a trailing possessive: "Geng Shuang's" → "Geng Shuang".
fn without_possessive(name: &str) -> &str {
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(name)
}

/// True for a word that can be part of a person's name.
fn is_name_word(t: &Tok) -> bool {
    // "Secretary-General's" is the office, not a name.
    let bare = t
        .text
        .strip_suffix("'s")
        .or_else(|| t.text.strip_suffix("’s"))
        .unwrap_or(t.text);
    t.is_cap()
        && !t.country
        && (!t.is_acronym() || t.is_initial())
        && !is_office(bare)
        && !contains(&lexicon::ORGANISATION, bare)
        && !contains(&lexicon::HEADLINE_VERBS, bare)
        && !contains(&lexicon::NEVER_NAME, bare)
}

fn tokenize<'a>(text: &'a str, gazetteer: &Gazetteer) -> Vec<Tok<'a>> {
    let mentions = gazetteer.mentions(text);
    let mut m = mentions.iter().peekable();
    let mut out: Vec<Tok<'a>> = Vec::new();
    for (start, word) in text.split_word_bound_indices() {
        if word.chars().all(char::is_whitespace) {
            continue;
        }
        while m.peek().is_some_and(|x| x.end <= start) {
            m.next();
        }
        let country = m.peek().is_some_and(|x| x.start <= start && start < x.end);
        // Hyphenated words are one word to a reader: "Kyu-duk", "Jean-Yves", "Secretary-General".
        if let [.., a, h] = &out[..] {
            let joined = h.is("-")
                && a.is_word()
                && a.start + a.text.len() == h.start
                && h.start + 1 == start
                && word.chars().next().is_some_and(char::is_alphanumeric);
            if joined {
                let (a_start, a_country) = (a.start, a.country);
                out.truncate(out.len() - 2);
                out.push(Tok {
                    text: &text[a_start..start + word.len()],
                    start: a_start,
                    country: a_country || country,
                });
                continue;
            }
        }
        out.push(Tok {
            text: word,
            start,
            country,
        });
    }
    out
}

/// Splits tokens into sentences at `.`, `?` and `!` that end one (not after "Mr" or an initial).
fn sentences<'t, 'a>(toks: &'t [Tok<'a>]) -> Vec<&'t [Tok<'a>]> {
    let mut out = Vec::new();
    let mut begin = 0;
    for i in 0..toks.len() {
        let t = &toks[i];
        if !matches!(t.text, "." | "?" | "!") {
            continue;
        }
        let after_abbreviation = i > 0
            && (contains(&lexicon::ABBREVIATIONS, toks[i - 1].text) || toks[i - 1].is_initial());
        let next_opens = toks
            .get(i + 1)
            .is_none_or(|n| n.is_cap() || n.text.starts_with(['"', '“', '‘', '\'', '(']));
        if next_opens && !(after_abbreviation && t.is(".")) {
            out.push(&toks[begin..=i]);
            begin = i + 1;
        }
    }
    if begin < toks.len() {
        out.push(&toks[begin..]);
    }
    out
}

/// The people of a statement, found by name and merged by short forms.
#[derive(Default)]
struct Registry {
    people: Vec<Participant>,
    /// Lowercased name words of each participant.
    words: Vec<Vec<String>>,
}

fn name_words(name: &[Tok]) -> Vec<String> {
    name.iter()
        .filter(|t| t.is_word() && (t.is_cap() || t.is_initial()))
        .map(|t| without_possessive(t.text).to_lowercase())
        .collect()
}

fn join(toks: &[Tok], text: &str) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text[a.start..b.start + b.text.len()].to_string(),
        _ => String::new(),
    }
}

impl Registry {
    /// The participant a name refers to: the same name, or one whose name holds every word of it.
    fn find(&self, words: &[String]) -> Option<usize> {
        if words.is_empty() {
            return None;
        }
        if let Some(i) = self.words.iter().position(|w| w == words) {
            return Some(i);
        }
        self.words
            .iter()
            .position(|w| words.iter().all(|x| w.contains(x)))
    }

    /// Adds a participant, or completes an existing one (a longer name, a missing office or country).
    fn add(&mut self, name: String, office: Option<String>, gazetteer: &Gazetteer) -> usize {
        let name = without_possessive(name.trim()).to_string();
        let words: Vec<String> = name
            .split_word_bounds()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(|w| without_possessive(w).to_lowercase())
            .collect();
        let country = office.as_deref().and_then(|o| gazetteer.country_of(o));
        let existing = self.find(&words).or_else(|| {
            // A full name arriving after its short form.
            self.words
                .iter()
                .position(|w| !w.is_empty() && w.iter().all(|x| words.contains(x)))
        });
        match existing {
            Some(i) => {
                let p = &mut self.people[i];
                if words.len() > self.words[i].len() {
                    p.name = name;
                    self.words[i] = words;
                }
                if p.office.is_none() {
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
                self.people.len() - 1
            }
        }
    }

    /// Adds someone who is never merged with a participant by name: an outlet asking questions.
    fn push(&mut self, name: String) -> usize {
        self.words.push(vec![name.to_lowercase()]);
        self.people.push(Participant {
            name,
            office: None,
            country: None,
        });
        self.people.len() - 1
    }

    /// The participant whose office holds `title` ("Secretary" → the one introduced as "Secretary …").
    fn by_office(&self, title: &str) -> Option<usize> {
        self.people.iter().position(|p| {
            p.office
                .as_deref()
                .is_some_and(|o| o.split_word_bounds().any(|w| w == title))
        })
    }
}

/// Participants named in a paragraph, in order of first mention.
fn mentioned(registry: &Registry, toks: &[Tok]) -> Vec<usize> {
    let words: Vec<String> = toks
        .iter()
        .filter(|t| t.is_cap())
        .map(|t| without_possessive(t.text).to_lowercase())
        .collect();
    let mut found: Vec<(usize, usize)> = registry
        .words
        .iter()
        .enumerate()
        .filter_map(|(id, name)| {
            // The surname, or a one-word name: what a short form uses.
            let key = name.last()?;
            words.iter().position(|w| w == key).map(|at| (at, id))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// Finds "office + name" runs in a text and registers their people.
fn register_offices(text: &str, toks: &[Tok], registry: &mut Registry, gazetteer: &Gazetteer) {
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_cap() || contains(&lexicon::HEADLINE_VERBS, toks[i].text) {
            i += 1;
            continue;
        }
        let end = run_end(toks, i);
        let run = &toks[i..end];
        if let Some((office, name)) = split_office_name(run) {
            if office.iter().any(|t| is_office(t.text)) {
                let office = join(trim_connectors(office), text);
                registry.add(join(name, text), Some(office), gazetteer);
            }
        }
        i = end.max(i + 1);
    }
}

/// End (exclusive) of the capitalised run starting at `start`: capitalised words joined by "of", "the",
/// "and", "for", name particles, hyphens, apostrophes, initials' periods and parenthesised acronyms.
fn run_end(toks: &[Tok], start: usize) -> usize {
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
            && toks.get(i + 1).is_some_and(Tok::is_acronym)
            && toks.get(i + 2).is_some_and(|c| c.is(")"))
        {
            i += 3;
            end = i;
        } else if t.is(".")
            && (toks[i - 1].is_initial() || contains(&lexicon::ABBREVIATIONS, toks[i - 1].text))
        {
            i += 1;
            end = i;
        } else if matches!(t.text, "-" | "'" | "’")
            || matches!(t.text, "of" | "the" | "for")
            || (t.is("and") && !is_name_word(&toks[i - 1]))
            || contains(&lexicon::NAME_PARTICLES, t.text)
        {
            i += 1;
        } else {
            break;
        }
    }
    end
}

fn trim_connectors<'t, 'a>(mut toks: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
    while let Some(last) = toks.last() {
        if last.is_cap() || last.is(")") {
            break;
        }
        toks = &toks[..toks.len() - 1];
    }
    toks
}

/// Splits a run into its office phrase and the name that ends it (at most four name words).
fn split_office_name<'t, 'a>(run: &'t [Tok<'a>]) -> Option<(&'t [Tok<'a>], &'t [Tok<'a>])> {
    let mut start = run.len();
    let mut words = 0;
    while start > 0 {
        let t = &run[start - 1];
        let inner = start < run.len();
        let suffix = matches!(t.text, "Jr" | "Sr" | "II" | "III" | "IV");
        if is_name_word(t) {
            words += 1;
        } else if !(suffix
            || inner
                && (contains(&lexicon::NAME_PARTICLES, t.text)
                    || t.is(".")
                    || t.is("-")
                    || t.is("'")))
        {
            break;
        }
        if words > 4 {
            break;
        }
        start -= 1;
    }
    // A name starts with a name word, not with a particle or a period.
    while start < run.len() && !is_name_word(&run[start]) {
        start += 1;
    }
    // "Foreign Minister of Ruritania Anna Berg": right after "of" or "for", the first word of three or more is the
    // place the office belongs to, not a given name.
    if start > 0 && matches!(run[start - 1].text, "of" | "the" | "for") && words >= 3 {
        start += 1;
        while start < run.len() && !is_name_word(&run[start]) {
            start += 1;
        }
    }
    (start < run.len()).then(|| (&run[..start], &run[start..]))
}

/// The speakers of the paragraph, from its first sentence with a reporting verb whose subject is a person.
struct Attributor<'g> {
    gazetteer: &'g Gazetteer,
    registry: Registry,
    /// The single speaker of the last paragraph that had one: what "He said" refers to.
    last_single: Option<usize>,
    /// The last joint speakers: what "the two sides" refers to.
    last_group: Vec<usize>,
    /// Participants named in the current paragraph, in the one before, and in the first.
    mentions: Vec<usize>,
    previous_mentions: Vec<usize>,
    opening_mentions: Vec<usize>,
    /// Participants who spoke in a transcript's turns for a side: the issuing side's, unless their
    /// office says otherwise.
    officials: Vec<usize>,
    /// Turn labels that name someone asking, with their participant.
    askers: std::collections::HashMap<String, usize>,
}

impl Attributor<'_> {
    /// Everyone a paragraph's sentences give as the subject of a reporting verb, in order: a readout
    /// paragraph often narrates, then reports one side, then both.
    fn paragraph(&mut self, text: &str) -> Vec<usize> {
        let toks = tokenize(text, self.gazetteer);
        self.previous_mentions = std::mem::take(&mut self.mentions);
        self.mentions = self.mentioned(&toks);
        let mut speakers: Vec<usize> = Vec::new();
        for sentence in sentences(&toks) {
            if let Some(ids) = self.sentence(text, sentence) {
                if let [one] = ids[..] {
                    self.last_single = Some(one);
                }
                for id in ids {
                    if !speakers.contains(&id) {
                        speakers.push(id);
                    }
                }
            }
        }
        speakers
    }

    fn mentioned(&self, toks: &[Tok]) -> Vec<usize> {
        mentioned(&self.registry, toks)
    }

    fn sentence(&mut self, text: &str, toks: &[Tok]) -> Option<Vec<usize>> {
        for v in 0..toks.len() {
            let verb = &toks[v];
            if !verb.is_lower_word() || !contains(&lexicon::REPORTING_VERBS, verb.text) {
                continue;
            }
            if verb.is("spoke")
                && toks
                    .get(v + 1)
                    .is_some_and(|n| contains(&lexicon::NARRATING_AFTER_SPOKE, n.text))
            {
                continue;
            }
            let Some(subject) = subject_before(toks, v) else {
                continue;
            };
            if let Some(ids) = self.resolve(text, subject) {
                return Some(ids);
            }
        }
        None
    }

    /// The participants a subject phrase names, adding new ones it introduces.
    fn resolve(&mut self, text: &str, subject: &[Tok]) -> Option<Vec<usize>> {
        let mut ids: Vec<usize> = Vec::new();
        let push = |ids: &mut Vec<usize>, id: usize| {
            if !ids.contains(&id) {
                ids.push(id);
            }
        };
        let mut i = 0;
        let mut office_from = 0;
        while i < subject.len() {
            if !is_name_word(&subject[i]) {
                if subject[i].is("and") {
                    office_from = i + 1;
                }
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < subject.len()
                && (is_name_word(&subject[end])
                    || ((contains(&lexicon::NAME_PARTICLES, subject[end].text)
                        || subject[end].is(".")
                        || subject[end].is("-"))
                        && subject.get(end + 1).is_some_and(is_name_word)))
            {
                end += 1;
            }
            let name = &subject[i..end];
            let words = name_words(name);
            let known = self.registry.find(&words);
            let office = trim_connectors(&subject[office_from..i]);
            // Someone new must look like a person: a full name, or a name after an office. A lone
            // capitalised word ("Charter", "Having") is not taken for one.
            // "the Grand Ethiopian Renaissance Dam" is a thing: a person is not named after "the".
            let after_the = i > 0 && subject[i - 1].text.eq_ignore_ascii_case("the");
            let person = known.is_some()
                || (words.len() >= 2 && !after_the)
                || office.iter().any(|t| is_office(t.text));
            if person {
                let id = known.unwrap_or_else(|| {
                    let office = (!office.is_empty()).then(|| join(office, text));
                    self.registry.add(join(name, text), office, self.gazetteer)
                });
                push(&mut ids, id);
            }
            i = end;
            office_from = end;
        }
        if ids.is_empty() {
            let lower: Vec<String> = subject.iter().map(|t| t.text.to_lowercase()).collect();
            let has = |list: &HashSet<&'static str>| lower.iter().any(|w| contains(list, w));
            if has(&lexicon::SINGULAR_PRONOUNS) && subject.len() <= 2 {
                push(&mut ids, self.last_single?);
            } else if has(&lexicon::COLLECTIVE) {
                // "They", "the two sides": those the paragraph names, else the last joint speakers, else
                // those the previous or the first paragraph named — never someone only a byline names (a
                // spokesperson is a participant, not one of "the two sides").
                let group = if self.mentions.len() >= 2 {
                    self.mentions.clone()
                } else if self.last_group.len() >= 2 {
                    self.last_group.clone()
                } else if self.previous_mentions.len() >= 2 {
                    self.previous_mentions.clone()
                } else if self.opening_mentions.len() >= 2 {
                    // The parties the statement opened with: "X held talks with Y".
                    self.opening_mentions.clone()
                } else {
                    self.mentions.clone()
                };
                for id in group {
                    push(&mut ids, id);
                }
            } else {
                // Offices alone: "the Secretary", "The Secretary and President".
                for t in subject.iter().filter(|t| t.is_cap()) {
                    if is_office(t.text) && !is_office_modifier(t.text) {
                        if let Some(id) = self.registry.by_office(t.text) {
                            push(&mut ids, id);
                        }
                    }
                }
            }
        }
        (!ids.is_empty()).then_some(ids)
    }
}

/// Office words that qualify another ("Foreign", "Vice") rather than name an office on their own.
fn is_office_modifier(word: &str) -> bool {
    matches!(
        word,
        "Vice"
            | "Deputy"
            | "Assistant"
            | "Under"
            | "Special"
            | "High"
            | "Foreign"
            | "State"
            | "Affairs"
            | "General"
            | "Senior"
            | "Chief"
            | "Acting"
            | "Former"
            | "Prime"
    )
}

/// The subject phrase of the reporting verb at `v`, if it opens its clause.
fn subject_before<'t, 'a>(toks: &'t [Tok<'a>], v: usize) -> Option<&'t [Tok<'a>]> {
    let is_adverb = |t: &Tok| {
        t.is_lower_word()
            && (t.text.ends_with("ly")
                || matches!(t.text, "also" | "further" | "then" | "again" | "too"))
    };
    let mut end = v;
    while end > 0 && is_adverb(&toks[end - 1]) {
        end -= 1;
    }
    // An inserted clause between commas: "X, on behalf of …, congratulated".
    if end > 0 && toks[end - 1].is(",") {
        let open = toks[..end - 1].iter().rposition(|t| t.is(","))?;
        end = open;
    }
    let glue = |t: &Tok| {
        t.is_cap()
            || matches!(t.text, "-" | "(" | ")" | "'" | "’" | ".")
            || contains(&lexicon::SUBJECT_GLUE, t.text)
            || contains(&lexicon::NAME_PARTICLES, t.text)
            || is_adverb(t)
    };
    let mut start = end;
    while start > 0 && glue(&toks[start - 1]) {
        start -= 1;
    }
    // After a comma, the subject opens the main clause only behind a leading adverbial ("During the
    // talks, X said"), not inside a subordinate clause ("and when, last April, X invited").
    let opens_clause = start == 0
        || (matches!(toks[start - 1].text, "," | ":" | "—")
            && toks[0].is_cap()
            && contains(&lexicon::LEAD_WORDS, toks[0].text));
    (opens_clause && start < end).then(|| &toks[start..end])
}

/// Attributes every paragraph of a draft. The title, header lines and all paragraphs are read for
/// participants first, so that a short form in the first paragraph finds the full name given later.
pub fn attribute(draft: &Draft) -> Attribution {
    let gazetteer = Gazetteer::get();
    let mut registry = Registry::default();
    // The statement's own side: named in its header, byline or title.
    for line in &draft.header {
        register_name_office_pairs(line, &mut registry, gazetteer);
    }
    if let Some(title) = &draft.title {
        let toks = tokenize(title, gazetteer);
        register_offices(title, &toks, &mut registry, gazetteer);
    }
    let own_side = registry.people.len();
    // Speakers given with the record speak every paragraph: the body need not be read for people, which
    // is most of attribution's cost on a large corpus with a manifest.
    let body_read = draft.speakers.is_empty();
    if body_read {
        for block in &draft.blocks {
            let toks = tokenize(&block.text, gazetteer);
            register_offices(&block.text, &toks, &mut registry, gazetteer);
        }
    }
    let opening_mentions = draft
        .blocks
        .first()
        .filter(|_| body_read)
        .map(|b| mentioned(&registry, &tokenize(&b.text, gazetteer)))
        .unwrap_or_default();
    let opener = opening_mentions.first().copied();
    let mut a = Attributor {
        gazetteer,
        registry,
        last_single: None,
        last_group: Vec::new(),
        mentions: Vec::new(),
        previous_mentions: Vec::new(),
        opening_mentions,
        officials: Vec::new(),
        askers: Default::default(),
    };
    let issuing = draft.country.or_else(|| {
        draft
            .url
            .as_deref()
            .and_then(|u| gazetteer.country_of_url(u))
    });
    let paragraphs = if !draft.speakers.is_empty() {
        let ids: Vec<usize> = draft
            .speakers
            .iter()
            .map(|name| {
                let id = a.registry.add(name.clone(), None, gazetteer);
                if a.registry.people[id].country.is_none() {
                    a.registry.people[id].country = draft.country;
                }
                id
            })
            .collect();
        let role = if ids.len() > 1 {
            Role::Joint
        } else {
            Role::Statement
        };
        vec![Attributed::new(ids, role); draft.blocks.len()]
    } else if is_transcript(&draft.blocks) {
        a.transcript(draft)
    } else {
        draft.blocks.iter().map(|b| a.prose(&b.text)).collect()
    };
    let officials = std::mem::take(&mut a.officials);
    let mut participants = a.registry.people;
    // The issuing side's officials speak for it unless their office says otherwise.
    // So is whoever opens the body ("Secretary of State X spoke today with Greek Foreign Minister Y"):
    // a readout starts from its own side, and a foreign official is introduced with the country.
    if let Some(country) = issuing {
        let own = (0..own_side)
            .chain(spokesperson(&participants))
            .chain(officials)
            .chain(opener)
            .collect::<Vec<_>>();
        for id in own {
            participants[id].country.get_or_insert(country);
        }
    }
    let mut paragraphs = paragraphs;
    if is_joint_statement(draft) {
        joint_statement(draft, &participants, &mut paragraphs, gazetteer);
    }
    for p in &mut paragraphs {
        if p.countries.is_empty() {
            for &id in &p.speakers {
                if let Some(c) = participants[id].country {
                    if !p.countries.contains(&c) {
                        p.countries.push(c);
                    }
                }
            }
        }
    }
    Attribution {
        participants,
        paragraphs,
    }
}

fn is_joint_statement(draft: &Draft) -> bool {
    draft.kind == Some(Kind::JointStatement)
        || draft
            .title
            .as_deref()
            .is_some_and(|t| Kind::from_title(t) == Kind::JointStatement)
        || draft.header.iter().any(|l| release_issuers(l).is_some())
}

/// The part of a release line that names the issuers: what follows "issued by" or "released by".
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
}

/// A joint statement speaks for its issuers throughout: the people its title or release line names, or,
/// when it names none, the countries they name.
fn joint_statement(
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
        .filter_map(|sep| t.find(sep))
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
    // Issuing countries: from the release line, else the title, else an opening "We, the Foreign
    // Ministers of …" or "Representatives of …" sentence.
    let mut countries = countries_in(&release);
    if countries.is_empty() {
        countries = countries_in(&title.into_iter().collect::<Vec<_>>());
    }
    if countries.len() < 2 {
        let opening = draft.blocks.iter().take(2).find_map(|b| {
            let lower = b.text.to_lowercase();
            (lower.starts_with("we, the") || lower.starts_with("representatives of"))
                .then(|| b.text.split(". ").next().unwrap_or(&b.text))
        });
        if let Some(opening) = opening {
            let found = countries_in(&[opening]);
            if found.len() >= 2 {
                countries = found;
            }
        }
    }
    // The issuers as participants of the statement: the same people, found by name.
    let issuers: Vec<usize> = registry
        .people
        .iter()
        .filter_map(|issuer| {
            participants
                .iter()
                .position(|p| p.name == issuer.name || p.name.ends_with(&issuer.name))
        })
        .collect();
    for p in paragraphs.iter_mut() {
        if !issuers.is_empty() {
            p.speakers = issuers.clone();
            p.role = if issuers.len() > 1 {
                Role::Joint
            } else {
                Role::Statement
            };
        } else if p.speakers.is_empty() && !countries.is_empty() {
            p.countries = countries.clone();
            p.role = Role::Joint;
        }
    }
}

/// A transcript has at least two turn labels, or a question and an answer.
fn is_transcript(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .filter(|b| turns::label(b).is_some())
        .take(2)
        .count()
        >= 2
}

/// The participant whose office is a spokesperson's: who answers "A:".
fn spokesperson(people: &[Participant]) -> Option<usize> {
    people.iter().position(|p| {
        p.office.as_deref().is_some_and(|o| {
            o.split_word_bounds()
                .any(|w| matches!(w, "Spokesperson" | "Spokesman" | "Spokeswoman"))
        })
    })
}

/// Registers people from "Name, Office[, Name, Office…]" lines such as a byline or an author field
/// ("Ned Price, Department Spokesperson"), and "Office Name" runs within them.
fn register_name_office_pairs(line: &str, registry: &mut Registry, gazetteer: &Gazetteer) {
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
            registry.add(part.to_string(), Some(parts[i + 1].to_string()), gazetteer);
            i += 2;
        } else {
            register_offices(part, &toks, registry, gazetteer);
            i += 1;
        }
    }
}

impl Attributor<'_> {
    /// A paragraph of prose: its speakers by the reporting-verb rules.
    fn prose(&mut self, text: &str) -> Attributed {
        let speakers = self.paragraph(text);
        let role = match speakers.len() {
            0 => Role::Narration,
            1 => {
                self.last_single = Some(speakers[0]);
                Role::Statement
            }
            _ => {
                self.last_group = speakers.clone();
                Role::Joint
            }
        };
        Attributed::new(speakers, role)
    }

    /// Every turn of a transcript: labels open turns, unlabelled paragraphs continue them.
    fn transcript(&mut self, draft: &Draft) -> Vec<Attributed> {
        let answerer = spokesperson(&self.registry.people);
        let briefing = draft.kind == Some(Kind::PressConference)
            || draft
                .title
                .as_deref()
                .is_some_and(|t| Kind::from_title(t) == Kind::PressConference);
        let interviewer = draft
            .title
            .as_deref()
            .and_then(interviewer_in)
            .map(|name| self.registry.add(name, None, self.gazetteer));
        let mut out: Vec<Attributed> = Vec::with_capacity(draft.blocks.len());
        let mut current: Option<Attributed> = None;
        let mut question: Option<u32> = None;
        for (i, block) in draft.blocks.iter().enumerate() {
            let number = i as u32 + 1;
            let whole_bold = block
                .bold_lead
                .as_deref()
                .is_some_and(|b| b.len() + 2 >= block.text.len());
            let turn = match turns::label(block) {
                Some((Label::Question, _)) => {
                    question = Some(number);
                    Attributed::new(interviewer.into_iter().collect(), Role::Question)
                }
                Some((Label::Host, _)) => Attributed::new(Vec::new(), Role::Narration),
                Some((Label::Answer, _)) => Attributed {
                    answers: question,
                    ..Attributed::new(answerer.into_iter().collect(), Role::Answer)
                },
                Some((Label::Named(name), _)) => match self.label_speaker(&name, draft) {
                    Speaker::Official(id) => {
                        self.officials.push(id);
                        // An official answers the question just asked, or adds to another official's
                        // answer; a short word after an answer ("Humeyra.", "Next question.") only runs
                        // the briefing, and remarks before any question are statements.
                        let words = block.text.split_whitespace().count();
                        let answering = match current.as_ref().map(|t| t.role) {
                            Some(Role::Question) => true,
                            Some(Role::Answer) => words > 8,
                            _ => false,
                        };
                        if answering {
                            Attributed {
                                answers: question,
                                ..Attributed::new(vec![id], Role::Answer)
                            }
                        } else {
                            Attributed::new(vec![id], Role::Statement)
                        }
                    }
                    Speaker::Asker(id) => {
                        question = Some(number);
                        Attributed::new(vec![id], Role::Question)
                    }
                },
                // "The following questions were raised after the press conference:" opens no turn.
                None if is_transition(&block.text) => Attributed::new(Vec::new(), Role::Narration),
                None if whole_bold && block.text.ends_with('?') => {
                    question = Some(number);
                    Attributed::new(Vec::new(), Role::Question)
                }
                None => match &current {
                    Some(turn) => turn.clone(),
                    // Before the first turn of a press conference the spokesperson announces.
                    None if briefing && answerer.is_some() => {
                        Attributed::new(answerer.into_iter().collect(), Role::Statement)
                    }
                    None => self.prose(&block.text),
                },
            };
            current = Some(turn.clone());
            out.push(turn);
        }
        out
    }

    /// Who a turn label names: an official of the statement (found by name or office, or new), or
    /// someone asking (an outlet or journalist).
    fn label_speaker(&mut self, label: &str, draft: &Draft) -> Speaker {
        let speaker = self.label_speaker_by_name(label);
        if let Speaker::Official(id) = speaker {
            // "MS PORTER:" names a surname; the text usually gives the full name once ("It is my
            // pleasure to introduce Jane Porter").
            if self.registry.words[id].len() == 1 {
                let surname = self.registry.people[id].name.clone();
                if let Some(full) = full_name_in(draft, &surname, self.gazetteer) {
                    self.registry.words[id] = full
                        .split_whitespace()
                        .map(|w| without_possessive(w).trim_end_matches('.').to_lowercase())
                        .filter(|w| !w.is_empty())
                        .collect();
                    self.registry.people[id].name = full;
                }
            }
        }
        speaker
    }

    fn label_speaker_by_name(&mut self, label: &str) -> Speaker {
        if let Some(&id) = self.askers.get(label) {
            return Speaker::Asker(id);
        }
        let words: Vec<String> = label
            .split_whitespace()
            .map(|w| title_case(w.trim_end_matches('.')))
            .collect();
        let is_honorific = |w: &str| matches!(w, "Mr" | "Ms" | "Mrs" | "Dr" | "Miss" | "Madam");
        let honorific = words.iter().any(|w| is_honorific(w));
        let (office, name): (Vec<&String>, Vec<&String>) = words
            .iter()
            .filter(|w| !is_honorific(w) && w.as_str() != "The")
            .partition(|w| is_office(w) || contains(&lexicon::ORGANISATION, w));
        let name_words: Vec<String> = name.iter().map(|w| w.to_lowercase()).collect();
        if let Some(id) = self.registry.find(&name_words) {
            return Speaker::Official(id);
        }
        if name.is_empty() {
            // "THE SECRETARY": an office alone.
            if let Some(id) = office.iter().rev().find_map(|w| self.registry.by_office(w)) {
                return Speaker::Official(id);
            }
        }
        // A person speaking for a side carries an honorific or an office; an outlet ("Bloomberg News",
        // "Associated Press of Pakistan") only organisation words.
        if honorific || office.iter().any(|w| is_office(w)) {
            let join = |ws: &[&String]| ws.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" ");
            let office = (!office.is_empty()).then(|| join(&office));
            let full = if name.is_empty() {
                words.join(" ")
            } else {
                join(&name)
            };
            return Speaker::Official(self.registry.add(full, office, self.gazetteer));
        }
        // Nobody introduced and no office: an outlet or a journalist asking, kept as written.
        let id = self.registry.push(label.to_string());
        self.askers.insert(label.to_string(), id);
        Speaker::Asker(id)
    }
}

/// A fuller form of `surname` the statement gives somewhere: a given name (and initial) right before it,
/// "Jane Q. Porter" for "Porter".
fn full_name_in(draft: &Draft, surname: &str, gazetteer: &Gazetteer) -> Option<String> {
    let texts = draft
        .header
        .iter()
        .chain(draft.title.iter())
        .chain(draft.blocks.iter().map(|b| &b.text));
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
                return Some(without_possessive(&text[from..t.start + t.text.len()]).to_string());
            }
        }
    }
    None
}

/// The journalist an interview's title names: "Secretary Jane Roe with John Doe of Example News" →
/// "John Doe", who asks the unnamed "QUESTION:" turns.
fn interviewer_in(title: &str) -> Option<String> {
    let (_, rest) = title
        .split_once(" with ")
        .or_else(|| title.split_once(" With "))?;
    let (name, _outlet) = rest.split_once(" of ").or_else(|| rest.split_once(", "))?;
    let toks = tokenize(name, Gazetteer::get());
    let words = toks.iter().filter(|t| t.is_word()).count();
    let person = (2..=4).contains(&words)
        && toks
            .iter()
            .all(|t| is_name_word(t) || t.is_initial() || t.is("."));
    person.then(|| name.trim().to_string())
}

/// A line that introduces the next turns without being one.
fn is_transition(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.len() < 200
        && (lower.starts_with("the following question")
            || (lower.starts_with("after the press conference") && text.ends_with(':')))
}

/// Who a turn label names.
enum Speaker {
    /// Someone speaking for a side: answers questions.
    Official(usize),
    /// An outlet or journalist: asks them.
    Asker(usize),
}

/// "PRICE" → "Price"; words already in mixed case stay as they are.
fn title_case(word: &str) -> String {
    if word.chars().any(char::is_lowercase) || word.chars().count() <= 1 {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'' | '’');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text;

    /// (speakers, countries, role) of each paragraph of a parsed text.
    fn table(source: &str) -> Vec<(Vec<String>, Vec<String>, Role)> {
        let st = text::parse("t.txt", source).expect("a statement");
        st.paragraphs
            .iter()
            .map(|p| {
                (
                    st.speaker_names(p).iter().map(|s| s.to_string()).collect(),
                    st.speaker_countries(p)
                        .iter()
                        .map(|c| c.as_str().to_string())
                        .collect(),
                    p.role,
                )
            })
            .collect()
    }

    fn row(speakers: &[&str], countries: &[&str], role: Role) -> (Vec<String>, Vec<String>, Role) {
        (
            speakers.iter().map(|s| s.to_string()).collect(),
            countries.iter().map(|s| s.to_string()).collect(),
            role,
        )
    }

    #[test]
    fn the_seed_readout_is_attributed_exactly() {
        let seed = include_str!("../../corpus/xi-jinping-thongloun-sisoulith-2021-01-21.txt");
        let st = text::parse("seed.txt", seed).unwrap();
        assert_eq!(st.date, Some(jiff::civil::date(2021, 1, 21)));
        assert_eq!(st.paragraphs.len(), 5);
        assert!(st.paragraphs[0]
            .text
            .starts_with("On January 21, 2021, General Secretary"));
        assert_eq!(
            table(seed),
            [
                row(&[], &[], Role::Narration),
                row(&["Xi Jinping"], &["CHN"], Role::Statement),
                row(&["Xi Jinping"], &["CHN"], Role::Statement),
                row(&["Thongloun Sisoulith"], &["LAO"], Role::Statement),
                row(
                    &["Xi Jinping", "Thongloun Sisoulith"],
                    &["CHN", "LAO"],
                    Role::Joint
                ),
            ]
        );
    }

    #[test]
    fn inserted_clauses_pronouns_short_forms_and_sides() {
        let text = "Norwegian Prime Minister Meets Chilean Foreign Minister\n\n\
            On May 4, 2022, Prime Minister of Norway Ingrid Vale held talks with Chilean Foreign Minister \
            Tomas Aranda in Oslo.\n\n\
            Vale, speaking on behalf of the Norwegian government, welcomed Aranda to Oslo. She said the two \
            countries share values.\n\n\
            She noted that trade had doubled.\n\n\
            Aranda expressed thanks for the invitation, saying Chile values the partnership.\n\n\
            The two sides agreed to deepen cooperation on climate.\n\n\
            The ministers also visited a school.";
        assert_eq!(
            table(text),
            [
                row(&[], &[], Role::Narration),
                row(&["Ingrid Vale"], &["NOR"], Role::Statement),
                row(&["Ingrid Vale"], &["NOR"], Role::Statement),
                row(&["Tomas Aranda"], &["CHL"], Role::Statement),
                row(
                    &["Ingrid Vale", "Tomas Aranda"],
                    &["NOR", "CHL"],
                    Role::Joint
                ),
                row(&[], &[], Role::Narration),
            ]
        );
    }

    #[test]
    fn offices_alone_resolve_to_their_holders_and_spoke_with_narrates() {
        let text = "Call with the Indian External Affairs Minister\n\n\
            Secretary of State Mark Holden spoke with Indian External Affairs Minister Ravi Menon today. \
            The Secretary and the Minister discussed maritime security.\n\n\
            Menon stressed the importance of the partnership.\n\n\
            The Secretary spoke about the upcoming summit.";
        assert_eq!(
            table(text),
            [
                row(&["Mark Holden", "Ravi Menon"], &["IND"], Role::Joint),
                row(&["Ravi Menon"], &["IND"], Role::Statement),
                row(&["Mark Holden"], &[], Role::Statement),
            ]
        );
    }

    #[test]
    fn countries_and_subordinate_subjects_are_not_speakers() {
        let text = "Statement on the Border\n\n\
            Laos firmly believes that the talks will succeed.\n\n\
            China is willing to work with all parties, the statement said.\n\n\
            The meeting took place in Geneva on a cold day.";
        assert_eq!(
            table(text),
            [
                row(&[], &[], Role::Narration),
                row(&[], &[], Role::Narration),
                row(&[], &[], Role::Narration),
            ]
        );
    }

    #[test]
    fn a_named_speaker_without_office_is_still_a_speaker() {
        let text = "Remarks at the Forum\n\n\
            Lena Marquez said the forum had met its goals.\n\n\
            He added nothing.\n\n\
            Marquez and Brazilian President Joao Pereira jointly announced a fund.";
        let st = text::parse("t.txt", text).unwrap();
        assert_eq!(
            table(text),
            [
                row(&["Lena Marquez"], &[], Role::Statement),
                row(&["Lena Marquez"], &[], Role::Statement),
                row(&["Lena Marquez", "Joao Pereira"], &["BRA"], Role::Joint),
            ]
        );
        assert_eq!(st.participants.len(), 2);
    }

    #[test]
    fn an_interview_title_names_who_asks() {
        let f = interviewer_in;
        assert_eq!(
            f("Secretary Jane Roe with John Q. Doe of Example News").as_deref(),
            Some("John Q. Doe")
        );
        assert_eq!(
            f("Secretary Roe's Call with Greek Foreign Minister Alexis Dimou"),
            None
        );
        assert_eq!(f("Meeting with Egyptian President Ali Sami, Cairo"), None);
        assert_eq!(f("Regular Press Conference on May 11, 2018"), None);
    }
}
