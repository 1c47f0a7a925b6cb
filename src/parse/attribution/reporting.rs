//! The reporting sieve: a paragraph's speakers are the subjects of its sentences' reporting verbs ("X said",
//! "X, on behalf of …, congratulated", "\"…,\" said the Minister", "according to X"), and the continuation
//! sieve resolves subjects that refer back ("He", "the Minister", "the two sides") to people already met.
//!
//! A verb in a subordinate clause does not count: "China is willing to work with all parties, the
//! statement said" has no speaker, and neither has "when, last April, X invited …".

use super::super::lexicon::{self, contains};
use super::people::{self, mentioned};
use super::words::{
    is_name_word, is_office, join, name_words, sentences, title_case, trim_connectors, Tok,
};
use super::{Attributor, Sieve};
use crate::parse::Kind;

/// Who a sentence's reporting construction names, and which sieve decided it.
pub(super) struct Found {
    pub(super) ids: Vec<usize>,
    pub(super) sieve: Sieve,
}

impl Attributor<'_> {
    /// Everyone a paragraph's sentences give as the subject of a reporting verb, in order (a readout
    /// paragraph often narrates, then reports one side, then both), and the most precise sieve that found
    /// one of them.
    pub(super) fn reporting(&mut self, text: &str, toks: &[Tok]) -> (Vec<usize>, Option<Sieve>) {
        self.previous_mentions = std::mem::take(&mut self.mentions);
        self.mentions = mentioned(&self.registry, toks);
        let mut speakers: Vec<usize> = Vec::new();
        let mut sieve = None;
        for sentence in sentences(toks) {
            if let Some(found) = self.sentence(text, sentence) {
                if let [one] = found.ids[..] {
                    self.last_single = Some(one);
                }
                for id in found.ids {
                    if !speakers.contains(&id) {
                        speakers.push(id);
                    }
                }
                if sieve.is_none() || found.sieve == Sieve::Reporting {
                    sieve = Some(found.sieve);
                }
            }
        }
        // A paragraph that is only a quotation continues the voice of the sentence before it.
        if speakers.is_empty() && opens_with_quote(text) {
            if let Some(id) = self.last_single {
                return (vec![id], Some(Sieve::Continuation));
            }
        }
        // One in the first person singular outside quotation marks is the speech that the opening
        // paragraph introduces ("X reported to the public …", then "I am glad to be back …"), not that
        // of whoever was reported last: a speaker's "Prime Minister Modi announced …" leaves the "I" of
        // the next paragraph the speaker's.
        if first_person(text) {
            if let Some(id) = self.opening_speaker {
                return (vec![id], Some(Sieve::Continuation));
            }
            // "I had a telephone talk with President X … President X reiterated his support": at a
            // press conference, the speaker relates what another said, in their own voice.
            let spoken = matches!(
                self.model.genre,
                Some(Kind::PressConference | Kind::Interview)
            );
            if spoken && !speakers.is_empty() && sieve == Some(Sieve::Reporting) {
                return (Vec::new(), None);
            }
        }
        (speakers, sieve)
    }

    fn sentence(&mut self, text: &str, toks: &[Tok]) -> Option<Found> {
        let mut all: Option<Found> = None;
        for v in 0..toks.len() {
            let verb = &toks[v];
            // "according to X": what the sentence says is X's.
            if verb.is("according") && toks.get(v + 1).is_some_and(|t| t.is("to")) {
                let subject = subject_after(toks, v + 2);
                if let Some(found) = subject.and_then(|s| self.resolve(text, s)) {
                    return Some(found);
                }
                continue;
            }
            // "re-emphasized" reports as "emphasized" does.
            let reporting = |w: &str| contains(&lexicon::REPORTING_VERBS, w);
            if !verb.is_lower_word()
                || !(reporting(verb.text) || verb.text.strip_prefix("re-").is_some_and(reporting))
            {
                continue;
            }
            if verb.is("spoke")
                && toks
                    .get(v + 1)
                    .is_some_and(|n| contains(&lexicon::NARRATING_AFTER_SPOKE, n.text))
            {
                continue;
            }
            let subject = subject_before(toks, v).or_else(|| {
                // After a quotation: "\"…,\" said the Minister" or "\"…,\" Mr Roe said".
                after_quote(toks, v)
                    .then(|| subject_after(toks, v + 1))
                    .flatten()
            });
            let Some(subject) = subject else {
                continue;
            };
            // "President Moon and I agreed": the speaker reports what they did with another, in
            // their own voice; the paragraph is the speaker's, not the other's.
            let with_speaker = subject
                .windows(2)
                .any(|w| (w[0].is("and") && w[1].is("I")) || (w[0].is("I") && w[1].is("and")));
            if with_speaker {
                continue;
            }
            if let Some(found) = self.resolve(text, subject) {
                // Later main clauses of the same sentence may report others.
                match &mut all {
                    None => all = Some(found),
                    Some(first) => {
                        for id in found.ids {
                            if !first.ids.contains(&id) {
                                first.ids.push(id);
                            }
                        }
                    }
                }
            }
        }
        all
    }

    /// The participants a subject phrase names, adding new ones it introduces.
    pub(super) fn resolve(&mut self, text: &str, subject: &[Tok]) -> Option<Found> {
        let mut ids: Vec<usize> = Vec::new();
        let push = |ids: &mut Vec<usize>, id: usize| {
            if !ids.contains(&id) {
                ids.push(id);
            }
        };
        // "DR. EVATT said", "Mr. GROMYKO said": minutes and a UN record give the surname in capitals
        // after a word of address; nowhere else is a word in capitals taken for a name here.
        let addressed = |at: usize| {
            let before = match at.checked_sub(1).map(|b| &subject[b]) {
                Some(dot) if dot.is(".") => at.checked_sub(2).map(|b| &subject[b]),
                other => other,
            };
            before.is_some_and(|t| people::is_honorific(&title_case(t.text)))
                && people::is_capital_surname(&subject[at])
        };
        let is_name = |at: usize| is_name_word(&subject[at]) || addressed(at);
        let mut i = 0;
        let mut office_from = 0;
        while i < subject.len() {
            if !is_name(i) {
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
            // capitalised word ("Charter", "Having") is not taken for one; "the Grand Ethiopian
            // Renaissance Dam" is a thing: a person is not named after "the".
            let after_the = i > 0 && subject[i - 1].text.eq_ignore_ascii_case("the");
            let person = known.is_some()
                || (words.len() >= 2 && !after_the)
                || office.iter().any(|t| is_office(&title_case(t.text)));
            if person {
                // "MR." before a surname in capitals addresses the person; it is no office.
                let addressed_only = !is_name_word(&subject[i]) && addressed(i);
                let id = known.unwrap_or_else(|| {
                    let office =
                        (!office.is_empty() && !addressed_only).then(|| join(office, text));
                    self.registry.add(join(name, text), office, self.gazetteer)
                });
                push(&mut ids, id);
            }
            i = end;
            office_from = end;
        }
        if !ids.is_empty() {
            return Some(Found {
                ids,
                sieve: Sieve::Reporting,
            });
        }
        let lower: Vec<String> = subject.iter().map(|t| t.text.to_lowercase()).collect();
        let has = |list: &lexicon::Words| lower.iter().any(|w| contains(list, w));
        if has(&lexicon::SINGULAR_PRONOUNS) && subject.len() <= 2 {
            push(&mut ids, self.last_single?);
        } else if has(&lexicon::COLLECTIVE) {
            // "They", "the two sides": those the paragraph names, else the last joint speakers, else those
            // the previous or the first paragraph named — never someone only a byline names (a
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
            } else if self.model.parties.len() >= 2 {
                // The parties the title or the page's summary name: "Meeting with President X".
                self.model.parties.clone()
            } else {
                self.mentions.clone()
            };
            for id in group {
                push(&mut ids, id);
            }
        } else {
            // Offices alone: "the Secretary", "The Vice President and the President", "the Russian
            // President" (the holder of that state).
            for phrase in subject.split(|t| t.is("and") || t.is(",")) {
                let words: Vec<&str> = phrase
                    .iter()
                    .filter(|t| t.is_cap() && is_office(t.text))
                    .map(|t| t.text)
                    .collect();
                let state = phrase
                    .iter()
                    .find(|t| t.country)
                    .and_then(|t| self.gazetteer.mentions(t.text).first().map(|m| m.code));
                if let Some(id) = self.registry.by_office_of(&words, state) {
                    push(&mut ids, id);
                }
            }
        }
        (!ids.is_empty()).then_some(Found {
            ids,
            sieve: Sieve::Continuation,
        })
    }
}

/// True when the paragraph opens with a quotation mark.
fn opens_with_quote(text: &str) -> bool {
    text.starts_with(['"', '“', '‘'])
}

/// True when the reporting verb at `v` follows a quotation: `"…," said` or `"…," X said`.
fn after_quote(toks: &[Tok], v: usize) -> bool {
    let closes = |t: &Tok| matches!(t.text, "\"" | "”" | "’" | "'");
    v >= 2 && (closes(&toks[v - 1]) || (toks[v - 1].is(",") && closes(&toks[v - 2])))
}

/// The subject phrase after a word: "said the Minister", "according to Foreign Minister Jane Roe".
fn subject_after<'t, 'a>(toks: &'t [Tok<'a>], from: usize) -> Option<&'t [Tok<'a>]> {
    let mut end = from;
    while end < toks.len()
        && (toks[end].is_cap()
            || matches!(toks[end].text, "the" | "of" | "for" | "." | "-" | "'" | "’")
            || contains(&lexicon::NAME_PARTICLES, toks[end].text))
    {
        // An initial's period stays inside the name; any other ends it.
        if toks[end].is(".") && !(end > 0 && toks[end - 1].is_initial()) {
            break;
        }
        end += 1;
    }
    let phrase = trim_connectors(&toks[from..end]);
    (!phrase.is_empty() && phrase.iter().any(|t| t.is_cap())).then_some(phrase)
}

/// Most tokens from a closing report's verb to its sentence's end: "said today.", "said in a statement.".
const MAX_AFTER_CLOSING_REPORT: usize = 6;

/// The subject phrase of the reporting verb at `v`, if it opens its clause.
pub(super) fn subject_before<'t, 'a>(toks: &'t [Tok<'a>], v: usize) -> Option<&'t [Tok<'a>]> {
    let is_adverb = |t: &Tok| {
        t.is_lower_word()
            && (t.text.ends_with("ly")
                || matches!(
                    t.text,
                    "also"
                        | "further"
                        | "then"
                        | "again"
                        | "too"
                        | "today"
                        | "yesterday"
                        | "tonight"
                ))
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
    // talks, X said"), not inside a subordinate clause ("and when, last April, X invited"); after a
    // quotation it is the quotation's speaker.
    // A main clause joined to another by "and" opens too: "The Secretary stressed …, and the President
    // agreed …".
    if start < end && toks[start].is("and") && start > 0 && toks[start - 1].is(",") {
        return (start + 1 < end).then(|| &toks[start + 1..end]);
    }
    // A sentence whose report comes last has its speaker after the comma: "New Zealand is giving $2
    // million, Foreign Minister X and Defence Minister Y said today."
    let closing_report = start > 0
        && toks[start - 1].is(",")
        && matches!(toks[v].text, "said" | "says" | "announced" | "stated")
        && toks.len() - v <= MAX_AFTER_CLOSING_REPORT;
    let opens_clause = start == 0
        || (matches!(toks[start - 1].text, "," | ":" | "—")
            && toks[0].is_cap()
            && contains(&lexicon::LEAD_WORDS, toks[0].text))
        || closing_report
        || after_quote(toks, start);
    (opens_clause && start < end).then(|| &toks[start..end])
}

/// True when the text outside quotation marks speaks as "I".
fn first_person(text: &str) -> bool {
    static WORDS: std::sync::LazyLock<super::WordSet> = std::sync::LazyLock::new(|| {
        super::WordSet::new(&["I", "I'm", "I've", "I'd", "I'll", "my", "My", "me"])
    });
    super::has_word_unquoted(text, true, &WORDS)
}
