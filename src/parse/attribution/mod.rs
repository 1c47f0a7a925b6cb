//! Who speaks in each paragraph, and for which country.
//!
//! First a model of the whole statement ([`model`]): its genre, the side that issues it, its author, and a
//! participants table ([`people`]) of everyone its metadata, title, header, sign-off and body introduce
//! with an office or a country. Then each paragraph goes through sieves, most precise first, and the first
//! that decides, decides ([`Sieve`], recorded with the paragraph so that a wrong answer can be traced):
//!
//! 1. [`Sieve::Given`]: speakers a record or manifest gives speak every paragraph;
//! 2. [`Sieve::Label`]: a turn label ("MR PRICE:", "Q:", "Mr. Roe (Norway):") names the speaker;
//! 3. [`Sieve::Turn`]: an unlabelled paragraph of a transcript continues the turn before it;
//! 4. [`Sieve::Author`]: a speech, letter or article with a named author is the author's throughout;
//! 5. [`Sieve::Reporting`]: the subject of a reporting verb ("X said", "\"…,\" said X", "according to X");
//! 6. [`Sieve::Continuation`]: "He", "the Minister", "the two sides" refer back to people already met;
//! 7. [`Sieve::Issuer`]: a paragraph of a release in the issuer's own voice ("The Government condemns …",
//!    "We …") speaks for the issuing state;
//! 8. [`Sieve::Joint`]: a joint statement speaks for all its issuers;
//! 9. [`Sieve::Narration`]: nothing names a speaker: the paragraph narrates.
//!
//! The rules know no person, ministry or site: offices, reporting verbs and the like are lexicons under
//! `data/lexicon/`, countries come from the gazetteer.

mod joint;
mod model;
mod people;
mod reporting;
mod transcript;
mod words;

use serde::Serialize;

use super::lexicon::{self, contains};
use super::{Block, Draft, Participant, Role};
use crate::gazetteer::{CountryCode, Gazetteer};
use model::Model;
pub use model::Stance;
use people::{mentioned, register_offices, Registry};
pub(crate) use words::title_case as title_case_word;
pub(crate) use words::title_case;
use words::tokenize_with;

/// The sieve that decided a paragraph's speakers: which rule to look at when an answer is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sieve {
    /// Speakers given by the record or the manifest.
    Given,
    /// A turn label opening the paragraph.
    Label,
    /// The turn a label opened, continued.
    Turn,
    /// The author of a speech, letter or article.
    Author,
    /// A reporting construction naming the speaker.
    Reporting,
    /// A pronoun, an office or "the two sides" referring back to people already met.
    Continuation,
    /// A release in the issuer's own voice, no person named.
    Issuer,
    /// A joint statement's issuers.
    Joint,
    /// Nothing names a speaker.
    Narration,
}

impl Sieve {
    /// The name exported and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Sieve::Given => "given",
            Sieve::Label => "label",
            Sieve::Turn => "turn",
            Sieve::Author => "author",
            Sieve::Reporting => "reporting",
            Sieve::Continuation => "continuation",
            Sieve::Issuer => "issuer",
            Sieve::Joint => "joint",
            Sieve::Narration => "narration",
        }
    }

    /// The sieve named `name` (as [`Sieve::as_str`] gives it).
    pub fn parse(name: &str) -> Option<Sieve> {
        [
            Sieve::Given,
            Sieve::Label,
            Sieve::Turn,
            Sieve::Author,
            Sieve::Reporting,
            Sieve::Continuation,
            Sieve::Issuer,
            Sieve::Joint,
            Sieve::Narration,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }
}

/// Participants of a statement and the speakers and role of each paragraph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribution {
    /// Everyone the statement introduces or quotes, in order of first mention.
    pub participants: Vec<Participant>,
    /// One per paragraph.
    pub paragraphs: Vec<Attributed>,
    /// The statement's genre as the model read it.
    pub kind: Option<super::Kind>,
    /// The side that issues the statement, when known.
    pub issuer: Option<CountryCode>,
    /// True when the issuer is provisional: the one state the body takes positions as, found with no
    /// file's or folder's issuer known; one of those the body names replaces it.
    pub issuer_provisional: bool,
    /// How often the body takes a position as each state ("Nepal reaffirms") and names it: evidence of
    /// the issuer of the statements of the same file.
    pub stances: Vec<Stance>,
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
    /// The sieve that decided.
    pub sieve: Sieve,
}

impl Attributed {
    fn new(speakers: Vec<usize>, role: Role, sieve: Sieve) -> Attributed {
        Attributed {
            speakers,
            role,
            answers: None,
            countries: Vec::new(),
            sieve,
        }
    }

    /// The words of one person, or of several together.
    fn spoken_by(speakers: Vec<usize>, sieve: Sieve) -> Attributed {
        let role = if speakers.len() > 1 {
            Role::Joint
        } else {
            Role::Statement
        };
        Attributed::new(speakers, role, sieve)
    }

    /// Someone the statement never names, speaking for a country.
    fn unnamed(country: Option<CountryCode>, role: Role, sieve: Sieve) -> Attributed {
        Attributed {
            countries: country.into_iter().collect(),
            ..Attributed::new(Vec::new(), role, sieve)
        }
    }
}

/// The state the sieves share while they read a statement's paragraphs in order.
struct Attributor<'g> {
    gazetteer: &'g Gazetteer,
    model: Model,
    registry: Registry,
    /// The single speaker of the last paragraph that had one: what "He said" refers to.
    last_single: Option<usize>,
    /// The last joint speakers: what "the two sides" refers to.
    last_group: Vec<usize>,
    /// The authors a heading in the body names for the section it opens ("X'S ARRIVAL STATEMENT").
    section_authors: Vec<usize>,
    /// The single speaker the first paragraph reports: who a speech's unattributed "I" is.
    opening_speaker: Option<usize>,
    /// Paragraphs read outside turns so far.
    prose_read: usize,
    /// True once a press conference's holder has begun their opening remarks.
    holder_speaking: bool,
    /// True once a press conference printed without labels has given a question's topic in brackets:
    /// what its holder says next answers it.
    topic_asked: bool,
    /// Participants named in the current paragraph, in the one before, and in the first.
    mentions: Vec<usize>,
    previous_mentions: Vec<usize>,
    opening_mentions: Vec<usize>,
    /// Participants who spoke in a transcript's turns for a side: the issuing side's, unless their
    /// office says otherwise.
    officials: Vec<usize>,
    /// Turn labels that name someone asking, with their participant.
    askers: std::collections::HashMap<String, usize>,
    /// True when a transcript's labels carry offices ("PRESIDENT OF RUSSIA VLADIMIR PUTIN:").
    office_labels: bool,
    /// True when a transcript has question labels ("QUESTION:", "Q:", "JOURNALIST:").
    question_labels: bool,
    /// True when a transcript's answerer is known beforehand: its spokesperson or author.
    answerer_known: bool,
    /// True when a sitting's record sets out a member's question ("2 Mr X asked the Minister …"):
    /// members' turns after it ask too.
    asked_questions: bool,
    /// True for a sitting's record: a presiding officer ("The DEPUTY SPEAKER:", "MR. SPEAKER.-") runs
    /// its turns.
    sitting: bool,
    /// Members of a sitting labelled by name alone ("Mr D H M GIBSON:"): they speak for a party or a
    /// constituency, not for the state whose government answers them.
    members: Vec<usize>,
}

impl Attributor<'_> {
    /// A paragraph outside any turn: the author's in a speech or letter, else who its reporting
    /// constructions name, else the issuer's in a release in its own voice, else narration.
    fn prose(&mut self, block: &Block, words: &[words::Tok], next: Option<&Block>) -> Attributed {
        // A line naming one person alone stands over the speech they give, as a label without its colon;
        // one of a list of short lines is an address ("His Excellency X", "Honourable Ministers", …).
        // The words under it are a speech: in the first person, or addressing its audience. A photo's
        // caption over narration is not a speaker's line.
        let over_speech = block.text.len() <= model::MAX_SPEAKER_LINE
            && next.is_some_and(|n| {
                let prose = n.text.len() > model::MAX_SPEAKER_LINE
                    || n.text.trim_end().ends_with(['.', '!', '?', '"', '”']);
                let speech = first_person_unquoted(&n.text)
                    || n.text.starts_with("Your ")
                    || n.text.starts_with("Excellenc");
                prose && speech
            });
        if let Some(one) = over_speech
            .then(|| model::speaker_line(&block.text, &mut self.registry, self.gazetteer))
            .flatten()
        {
            self.section_authors = vec![one];
            return Attributed::new(Vec::new(), Role::Narration, Sieve::Narration);
        }
        let announced = model::announced_author(&block.text, &mut self.registry, self.gazetteer);
        if !announced.is_empty() {
            self.section_authors = announced;
            return Attributed::new(Vec::new(), Role::Narration, Sieve::Narration);
        }
        // "The Prime Minister, Jo Roe, today issued the following statement:" gives nobody's words; the
        // one person it names speaks what follows.
        // Only as the statement's first paragraph, in nobody's first person: a speaker's "I raised with
        // Prime Minister X the following concerns:" hands the floor to no one.
        if self.prose_read == 0 && introduces(&block.text) && !first_person_unquoted(&block.text) {
            if let [one] = mentioned(&self.registry, words)[..] {
                if self.model.authors.is_empty() || self.model.authors.contains(&one) {
                    self.section_authors = vec![one];
                }
            }
            return Attributed::new(Vec::new(), Role::Narration, Sieve::Narration);
        }
        if block.heading {
            let named = model::heading_author(&block.text, &mut self.registry, self.gazetteer);
            if !named.is_empty() {
                self.section_authors = named;
            }
            return Attributed::new(Vec::new(), Role::Narration, Sieve::Narration);
        }
        if !self.section_authors.is_empty() {
            return Attributed::spoken_by(self.section_authors.clone(), Sieve::Author);
        }
        let kind = self.model.kind();
        // A release's own author field or sign-off names who issues it, not who speaks in each paragraph;
        // a title that names the author ("Statement by …", a speech) does.
        let authored = !self.model.authors.is_empty()
            && (self.model.titled_authors || kind != super::Kind::Statement);
        if let Some(country) = self.model.unnamed_author.filter(|_| kind.is_own_voice()) {
            return Attributed::unnamed(Some(country), Role::Statement, Sieve::Author);
        }
        if authored && kind.is_own_voice() {
            return Attributed::spoken_by(self.model.authors.clone(), Sieve::Author);
        }
        let (speakers, sieve) = self.reporting(&block.text, words);
        self.prose_read += 1;
        if self.prose_read == 1 && sieve == Some(Sieve::Reporting) {
            if let [one] = speakers[..] {
                self.opening_speaker = Some(one);
            }
        }
        match (speakers.len(), sieve) {
            (0, _) | (_, None) => {}
            (1, Some(sieve)) => {
                self.last_single = Some(speakers[0]);
                return Attributed::new(speakers, Role::Statement, sieve);
            }
            (_, Some(sieve)) => {
                self.last_group = speakers.clone();
                return Attributed::new(speakers, Role::Joint, sieve);
            }
        }
        // A press conference opens with its holder's remarks before the questions: prose in the first
        // person, and the prose after it until the turns begin, is the person the title names.
        if kind == super::Kind::PressConference
            && self.model.titled_authors
            && !self.model.authors.is_empty()
            && (self.holder_speaking || first_person_unquoted(&block.text))
        {
            self.holder_speaking = true;
            return Attributed::spoken_by(self.model.authors.clone(), Sieve::Author);
        }
        // The same holder named by office alone speaks for the issuing side; a line in brackets between
        // the remarks gives the question's topic, not the holder's words.
        if let (super::Kind::PressConference, Some(office_country)) =
            (kind, self.model.unnamed_holder)
        {
            if bracketed(&block.text) {
                self.topic_asked = true;
            } else if self.holder_speaking || first_person_unquoted(&block.text) {
                self.holder_speaking = true;
                let role = if self.topic_asked {
                    Role::Answer
                } else {
                    Role::Statement
                };
                return Attributed::unnamed(
                    office_country.or(self.model.issuer),
                    role,
                    Sieve::Author,
                );
            }
        }
        if kind.is_own_voice() {
            if !self.model.authors.is_empty() {
                return Attributed::spoken_by(self.model.authors.clone(), Sieve::Author);
            }
            let issuer = self.model.issuer;
            if issuer.is_some()
                && (kind != super::Kind::Statement
                    || own_voice(&block.text, issuer, self.gazetteer)
                    || !self.narrates(&block.text, words))
            {
                return Attributed::unnamed(self.model.issuer, Role::Statement, Sieve::Issuer);
            }
        }
        Attributed::new(Vec::new(), Role::Narration, Sieve::Narration)
    }

    /// True for a paragraph that narrates: its subject is people (a participant, the holder of an office:
    /// "Mr Peters also met …", "The Governor-General will …"), an event in its first words ("The
    /// meeting will focus on …"), another state or an organisation ("The government of the
    /// Netherlands has adopted …"). What the issuer's bodies do, and what it tells of the world, a
    /// release says in its own voice ("OFAC also designated …", "The Ministry of Health will …").
    fn narrates(&self, text: &str, words: &[words::Tok]) -> bool {
        // The subject, after a wire report's dateline ("Pyongyang, May 2 (KCNA) -- …") and a leading
        // adverbial's comma ("While in Rome, Mr Peters also met …").
        let news = super::furniture::run_in_dateline_end(text);
        let words = &words[words.iter().take_while(|t| t.start < news).count()..];
        let mut toks = words;
        if toks
            .first()
            .is_some_and(|t| contains(&lexicon::LEAD_WORDS, t.text) || t.is("While"))
        {
            if let Some(comma) = toks.iter().take(16).position(|t| t.is(",")) {
                toks = &toks[comma + 1..];
            }
        }
        let subject_end = toks
            .iter()
            .enumerate()
            .position(|(i, t)| {
                i > 1 && t.is_lower_word() && !matches!(t.text, "of" | "the" | "and" | "for")
            })
            .unwrap_or(toks.len())
            .min(8);
        let subject = &toks[..subject_end];
        let (Some(first), Some(last)) = (subject.first(), subject.last()) else {
            return false;
        };
        // An event in the subject or just past it: "A comprehensive discussion regarding …", "After
        // the bilateral meeting, …", "The signed memoranda cover …".
        let event = words.iter().filter(|t| t.is_word()).take(5).any(|t| {
            contains(&lexicon::EVENTS, t.text)
                || t.is_cap() && contains(&lexicon::EVENTS, &t.text.to_ascii_lowercase())
        });
        // An office word names a person ("The Minister met …") unless the subject is a body ("The
        // Office of Foreign Assets Control", "The Ministry of Health", "The State Department").
        let body = subject
            .iter()
            .any(|t| contains(&lexicon::ORGANISATION, t.text));
        let holder = !body
            && subject
                .iter()
                .any(|t| t.is_cap() && words::is_office(t.text));
        let addressed = subject
            .iter()
            .any(|t| contains(&lexicon::HONORIFICS, t.text));
        if event || holder || addressed || !people::mentioned(&self.registry, subject).is_empty() {
            return true;
        }
        let phrase = &text[first.start..last.start + last.text.len()];
        self.gazetteer.names_organisation(phrase)
            || subject.iter().any(|t| t.country)
                && self
                    .gazetteer
                    .mentions(phrase)
                    .iter()
                    .any(|m| Some(m.code) != self.model.issuer)
    }

    /// A report: a release that never speaks in its own voice nor judges, and narrates at least two of
    /// its paragraphs and as many as it leaves to its issuer. What it did not narrate outright ("Then a
    /// resolution was read out.", "Attending the rally were …") narrates too.
    fn report_narrates(&self, draft: &Draft, paragraphs: &mut [Attributed]) {
        if self.model.kind() != super::Kind::Statement || !self.model.authors.is_empty() {
            return;
        }
        let issuer = self.model.issuer;
        let mut narrated = 0;
        let mut left = 0;
        for (p, b) in paragraphs.iter().zip(&draft.blocks) {
            match p.sieve {
                Sieve::Narration if b.text.len() >= REPORT_PARAGRAPH => narrated += 1,
                Sieve::Issuer => {
                    if own_voice(&b.text, issuer, self.gazetteer) || judges(&b.text) {
                        return;
                    }
                    left += 1;
                }
                _ => {}
            }
        }
        if left == 0 || narrated < left.max(MIN_REPORT_PARAGRAPHS) {
            return;
        }
        for p in paragraphs.iter_mut().filter(|p| p.sieve == Sieve::Issuer) {
            *p = Attributed::new(Vec::new(), Role::Narration, Sieve::Narration);
        }
    }

    /// A statement that speaks in the first person in at least three and half of its paragraphs is a
    /// speech, often printed without a title (a debate's verbatim text): what it says of an organisation,
    /// an event or another state between its "we" paragraphs is still its issuer speaking.
    fn speech_speaks_throughout(&self, draft: &Draft, paragraphs: &mut [Attributed]) {
        let Some(issuer) = self.model.issuer else {
            return;
        };
        if self.model.kind() != super::Kind::Statement || !self.model.authors.is_empty() {
            return;
        }
        let prose = |p: &Attributed, b: &Block| {
            matches!(p.sieve, Sieve::Issuer | Sieve::Narration)
                && !b.heading
                && b.text.len() >= REPORT_PARAGRAPH
        };
        // Nothing to give the issuer, nothing to read: most statements stop here.
        let candidate = |p: &Attributed, b: &Block| {
            p.sieve == Sieve::Narration && prose(p, b)
                || draft.title.is_none()
                    && matches!(p.sieve, Sieve::Reporting | Sieve::Continuation)
        };
        if !paragraphs
            .iter()
            .zip(&draft.blocks)
            .any(|(p, b)| candidate(p, b))
        {
            return;
        }
        let read = paragraphs
            .iter()
            .zip(&draft.blocks)
            .filter(|(p, b)| prose(p, b))
            .count();
        let wanted = MIN_SPEECH_PARAGRAPHS.max(read.div_ceil(2));
        let first_person = paragraphs
            .iter()
            .zip(&draft.blocks)
            .filter(|(p, b)| prose(p, b) && first_person_unquoted(&b.text))
            .take(wanted)
            .count();
        if first_person < wanted {
            return;
        }
        for (p, b) in paragraphs.iter_mut().zip(&draft.blocks) {
            // A paragraph of the speech's own "we" is the speech's, whoever it recalled before; where
            // the statement has a title it is a release, whose quotations may be marked in ways the
            // first person's test does not read (‘…’).
            let recalled = draft.title.is_none()
                && matches!(p.sieve, Sieve::Reporting | Sieve::Continuation)
                && first_person_unquoted(&b.text);
            if (p.sieve == Sieve::Narration && prose(p, b) || recalled) && !introduces(&b.text) {
                *p = Attributed::unnamed(Some(issuer), Role::Statement, Sieve::Issuer);
            }
        }
    }

    /// Every paragraph is the given speakers'.
    fn given(&mut self, draft: &Draft) -> Vec<Attributed> {
        let ids: Vec<usize> = draft
            .speakers
            .iter()
            .map(|name| self.registry.add(name.clone(), None, self.gazetteer))
            .collect();
        vec![Attributed::spoken_by(ids, Sieve::Given); draft.blocks.len()]
    }
}

/// True for a paragraph that introduces the statement printed after it: it ends on a colon and says so
/// ("… today issued the following statement:", "… reads as follows:").
pub(super) fn introduces(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with(':') && text.len() <= 2 * model::MAX_SPEAKER_LINE + 100 && {
        let lower = text.to_lowercase();
        lexicon::INTRODUCTIONS.iter().any(|w| lower.contains(w))
    }
}

/// Everyone who speaks in some paragraph, each once, in order of their participant number.
fn speaking(paragraphs: &[Attributed]) -> Vec<usize> {
    let mut ids: Vec<usize> = paragraphs
        .iter()
        .flat_map(|p| p.speakers.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Shortest paragraph that counts as a report's narration: a heading or a caption does not.
const REPORT_PARAGRAPH: usize = 60;

/// Fewest paragraphs a report narrates outright: one narrated meeting does not make a release a report.
const MIN_REPORT_PARAGRAPHS: usize = 2;

/// True for a paragraph that judges or demands ("It is essential that access is granted", "All parties
/// must …"): a release's own view, which a report of events does not give.
fn judges(text: &str) -> bool {
    static WORDS: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| {
        WordSet::new(&[
            "must",
            "should",
            "essential",
            "imperative",
            "crucial",
            "vital",
        ])
    });
    has_word_unquoted(text, false, &WORDS)
}

/// Fewest paragraphs in the first person that make a statement a speech.
const MIN_SPEECH_PARAGRAPHS: usize = 3;

/// True for a paragraph in the issuer's own voice: "we", "our", "I", or a sentence whose subject is the
/// government, a ministry or the issuing state itself taking a position ("The Government of Norway
/// strongly condemns …", "Norway remains committed …").
fn own_voice(text: &str, issuer: Option<CountryCode>, gazetteer: &Gazetteer) -> bool {
    if first_person_unquoted(text) {
        return true;
    }
    text.split(". ").any(|sentence| {
        let words: Vec<&str> = sentence.split_whitespace().take(8).collect();
        let Some(verb) = words.iter().position(|w| {
            w.starts_with(|c: char| c.is_lowercase()) && !matches!(*w, "of" | "the" | "and" | "for")
        }) else {
            return false;
        };
        let subject = words[..verb].join(" ");
        // "The Government" with no state named is the issuer's own; so is the state at the head of the
        // subject ("New Zealand will trial …", "From November, Norway will …"). A state named as an
        // adjective of an office ("Norwegian Foreign Minister X met …") is not the state acting.
        let head = subject.rsplit(", ").next().unwrap_or(&subject);
        let head = head
            .strip_prefix("The ")
            .or_else(|| head.strip_prefix("the "))
            .unwrap_or(head);
        let plain = !head.split_whitespace().any(words::is_office);
        let issuing = matches!(subject.as_str(), "The Government" | "The government")
            || plain
                && gazetteer
                    .mentions(head)
                    .first()
                    .is_some_and(|m| m.start == 0 && Some(m.code) == issuer);
        // The issuing state acting ("New Zealand will trial visa waivers", "Immigration New Zealand is
        // establishing …", "The Government is boosting …") speaks as itself whatever the verb; a
        // government or a ministry named otherwise, by a stance.
        issuing
            || contains(
                &lexicon::STANCE_VERBS,
                words[verb].trim_end_matches([',', '.']),
            ) && subject
                .split_whitespace()
                .any(|w| matches!(w, "Government" | "Ministry" | "Department"))
    })
}

/// True for a paragraph wholly in brackets, ASCII or full-width: "(On the sanctions …)", a topic or
/// stage line.
fn bracketed(text: &str) -> bool {
    let inner = text
        .trim()
        .strip_prefix(['(', '\u{ff08}'])
        .and_then(|rest| rest.strip_suffix([')', '\u{ff09}']));
    // "(Applause.) We will act. (Laughter.)" opens and ends with brackets, but is not one bracket.
    inner.is_some_and(|inner| !inner.contains([')', '\u{ff09}']))
}

/// True for a paragraph that says "we", "our", "I", "me" outside quotation marks: a release that quotes someone
/// saying "we" does not speak as "we" itself.
fn first_person_unquoted(text: &str) -> bool {
    static WORDS: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| {
        WordSet::new(&["We", "we", "our", "Our", "I", "us", "my", "My", "me"])
    });
    has_word_unquoted(text, false, &WORDS)
}

/// True when a word of `text` passes `wanted`: a word is a run of letters and digits, and of
/// apostrophes when `apostrophes` is set. Read a byte at a time, with characters decoded only outside
/// ASCII: splitting whole paragraphs at every character was a twentieth of parsing.
pub(crate) fn has_word(text: &str, apostrophes: bool, wanted: impl Fn(&str) -> bool) -> bool {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let (in_word, len) = match b[i] {
            byte if byte.is_ascii() => (
                byte.is_ascii_alphanumeric() || (apostrophes && byte == b'\''),
                1,
            ),
            _ => {
                let c = text[i..].chars().next().unwrap_or_default();
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        if !in_word {
            if wanted(&text[start..i]) {
                return true;
            }
            start = i + len;
        }
        i += len;
    }
    wanted(&text[start..])
}

/// True when a word of [`unquoted`]`(text)` is one of `words`, as [`has_word`] reads words, without
/// copying the text: each stretch outside quotation marks is read where it stands by [`has_any_word`],
/// unless a word runs across a quotation (`ab"…"cd` is the word "abcd"), when the copy is read.
pub(crate) fn has_word_unquoted(text: &str, apostrophes: bool, words: &WordSet) -> bool {
    let in_word = |c: char| c.is_alphanumeric() || (apostrophes && c == '\'');
    let mut joined = false;
    let mut previous: Option<&str> = None;
    for_each_unquoted(text, |stretch| {
        if stretch.is_empty() {
            return;
        }
        if let Some(before) = previous {
            joined |= before.chars().next_back().is_some_and(in_word)
                && stretch.chars().next().is_some_and(in_word);
        }
        previous = Some(stretch);
    });
    if joined {
        return has_word(&unquoted(text), apostrophes, |w| words.words.contains(&w));
    }
    let mut found = false;
    for_each_unquoted(text, |stretch| {
        found = found || has_any_word(stretch, apostrophes, words);
    });
    found
}

/// Words [`has_any_word`] looks for, with a finder for each distinct opening among them: its first two
/// bytes, or its one.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    longest: usize,
    openings: Vec<memchr::memmem::Finder<'static>>,
}

impl WordSet {
    /// The set of `words`: each non-empty, opening with an ASCII byte, and no two-byte opening of two
    /// equal bytes (whose matches could overlap, and memmem reports only those that do not).
    pub(crate) fn new(words: &'static [&'static str]) -> WordSet {
        let mut openings: Vec<&'static [u8]> = Vec::new();
        for w in words {
            let opening = &w.as_bytes()[..w.len().min(2)];
            assert!(opening[0].is_ascii() && !(opening.len() == 2 && opening[0] == opening[1]));
            if !openings.contains(&opening) {
                openings.push(opening);
            }
        }
        WordSet {
            words,
            longest: words.iter().map(|w| w.len()).max().unwrap_or(0),
            openings: openings
                .into_iter()
                .map(memchr::memmem::Finder::new)
                .collect(),
        }
    }
}

/// True when a word of `text`, as [`has_word`] reads words, is one of `set`'s words. Only the places where
/// one of their openings stands are read, each found by memchr's memmem: reading every byte of every
/// paragraph for a pronoun was a fifteenth of parsing.
fn has_any_word(text: &str, apostrophes: bool, set: &WordSet) -> bool {
    let bytes = text.as_bytes();
    let in_word = |c: char| c.is_alphanumeric() || (apostrophes && c == '\'');
    // True when the word opening at `at` (an ASCII byte, so a character boundary) is one of the words.
    let word_at = |at: usize| {
        let opens = at == 0
            || match bytes[at - 1] {
                b if b.is_ascii() => !in_word(char::from(b)),
                _ => !text[..at].chars().next_back().is_some_and(in_word),
            };
        if !opens {
            return false;
        }
        let mut end = at;
        while end < bytes.len() && end - at <= set.longest {
            let c = match bytes[end] {
                b if b.is_ascii() => char::from(b),
                _ => text[end..].chars().next().unwrap_or_default(),
            };
            if !in_word(c) {
                break;
            }
            end += c.len_utf8();
        }
        set.words.contains(&&text[at..end])
    };
    set.openings
        .iter()
        .any(|finder| finder.find_iter(bytes).any(word_at))
}

/// Calls `stretch` with each stretch of `text` outside quotation marks, in order: their concatenation is
/// [`unquoted`]`(text)`.
fn for_each_unquoted<'a>(text: &'a str, mut stretch: impl FnMut(&'a str)) {
    // The quotation marks are found by their first bytes ('"' and the 0xE2 that opens “ and ”).
    let mut inside = false;
    let mut from = 0;
    for at in memchr::memchr2_iter(b'"', 0xE2, text.as_bytes()) {
        let inside_before = inside;
        match &text[at..] {
            t if t.starts_with('“') => inside = true,
            t if t.starts_with('”') => inside = false,
            t if t.starts_with('"') => inside = !inside,
            _ => continue,
        }
        if !inside_before {
            stretch(&text[from..at]);
        }
        from = at + if text.as_bytes()[at] == b'"' { 1 } else { 3 };
    }
    if !inside {
        stretch(&text[from..]);
    }
}

/// The text outside quotation marks.
fn unquoted(text: &str) -> String {
    // Copied a stretch at a time: a push per character was a twentieth of parsing.
    let mut out = String::with_capacity(text.len());
    for_each_unquoted(text, |stretch| out.push_str(stretch));
    out
}

#[cfg(test)]
mod unquoted_tests {
    use proptest::prelude::*;

    /// What `unquoted` must equal: a character at a time.
    fn by_chars(text: &str) -> String {
        let mut inside = false;
        text.chars()
            .filter(|&c| {
                match c {
                    '“' => inside = true,
                    '”' => inside = false,
                    '"' => inside = !inside,
                    _ => return !inside,
                }
                false
            })
            .collect()
    }

    #[test]
    fn quotations_and_their_marks_are_left_out() {
        assert_eq!(
            super::unquoted("We said “no” and \"yes\" — I"),
            "We said  and  — I"
        );
        assert_eq!(super::unquoted("a ”b“ c"), "a b");
    }

    proptest! {
        #[test]
        fn unquoted_equals_a_character_at_a_time(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['a', ' ', '"', '“', '”', '—', '’', 'é', '\u{2000}']),
                0..30,
            )
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(super::unquoted(&text), by_chars(&text));
        }

        #[test]
        fn has_word_finds_what_splitting_at_characters_finds(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['I', 'm', 'e', ' ', '\'', '’', 'é', '—', '1', '\u{2000}']),
                0..12,
            ),
            apostrophes: bool,
        ) {
            let text: String = chars.into_iter().collect();
            let wanted = |w: &str| matches!(w, "I" | "me" | "I'm" | "1e");
            let split = text
                .split(|c: char| !(c.is_alphanumeric() || (apostrophes && c == '\'')))
                .any(wanted);
            prop_assert_eq!(super::has_word(&text, apostrophes, wanted), split);
        }

        #[test]
        fn has_word_unquoted_equals_has_word_over_the_copy(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['I', 'm', 'e', ' ', '\'', '"', '“', '”', '’', 'é', '1']),
                0..16,
            ),
            apostrophes: bool,
        ) {
            let text: String = chars.into_iter().collect();
            static WORDS: std::sync::LazyLock<super::WordSet> =
                std::sync::LazyLock::new(|| super::WordSet::new(&["I", "me", "I'm", "1e", "mé"]));
            let wanted = |w: &str| WORDS.words.contains(&w);
            prop_assert_eq!(
                super::has_word_unquoted(&text, apostrophes, &WORDS),
                super::has_word(&super::unquoted(&text), apostrophes, wanted)
            );
        }
    }
}

/// Attributes every paragraph of a draft. The title, header lines and all paragraphs are read for
/// participants first, so that a short form in the first paragraph finds the full name given later.
pub fn attribute(draft: &Draft) -> Attribution {
    let gazetteer = Gazetteer::get();
    let mut registry = Registry::for_texts(
        draft
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .chain(draft.title.as_deref()),
    );
    let mut model = model::build(draft, &mut registry, gazetteer);
    // Speakers given with the record speak every paragraph: the body need not be read for people, which
    // is most of attribution's cost on a large corpus with a manifest; and a given country settles the
    // issuer without reading it for the positions it takes.
    let body_read = draft.speakers.is_empty();
    let weigh = draft.country.is_none();
    let mut stances = model::Stances::default();
    // Each paragraph's words, read once: for the people it introduces here, for who speaks in it below.
    let mut toks: Vec<Vec<words::Tok>> = Vec::with_capacity(draft.blocks.len());
    if body_read || weigh {
        for block in &draft.blocks {
            let mentions = gazetteer.mentions(&block.text);
            if weigh && block.given_role != Some(Role::Question) {
                stances.weigh(&block.text, &mentions);
            }
            if body_read {
                let words = tokenize_with(&block.text, &mentions);
                register_offices(&block.text, &words, &mut registry, gazetteer);
                toks.push(words);
            }
        }
    }
    let opening_mentions = toks
        .first()
        .map(|words| mentioned(&registry, words))
        .unwrap_or_default();
    // The first paragraph's first person, when it speaks of someone else: "The Prime Minister, X,
    // today issued …", not "Today I spoke with Prime Minister X".
    let opening_holder = opening_mentions.first().copied().filter(|_| {
        !draft
            .blocks
            .first()
            .is_some_and(|b| first_person_unquoted(&b.text))
    });
    model::settle_titled_office(&mut model, &mut registry, opening_holder);
    model::settle_issuer(draft, &mut model, stances, &registry, gazetteer);
    // A member of a parliament asking opens a record without acting for the side that issues it.
    let opener = opening_mentions.first().copied().filter(|_| {
        !draft.blocks.first().is_some_and(|b| {
            matches!(
                super::turns::label(b),
                Some((super::turns::Label::Member(_), _))
            )
        })
    });
    let mut a = Attributor {
        gazetteer,
        model,
        registry,
        last_single: None,
        opening_speaker: None,
        holder_speaking: false,
        topic_asked: false,
        section_authors: Vec::new(),
        prose_read: 0,
        last_group: Vec::new(),
        mentions: Vec::new(),
        previous_mentions: Vec::new(),
        opening_mentions,
        officials: Vec::new(),
        askers: Default::default(),
        office_labels: false,
        question_labels: false,
        answerer_known: false,
        asked_questions: false,
        sitting: false,
        members: Vec::new(),
    };
    let mut paragraphs = if !draft.speakers.is_empty() {
        a.given(draft)
    } else if a.model.transcript {
        a.transcript(draft, &toks)
    } else {
        draft
            .blocks
            .iter()
            .zip(&toks)
            .enumerate()
            .map(|(i, (b, words))| a.prose(b, words, draft.blocks.get(i + 1)))
            .collect()
    };
    if draft.speakers.is_empty() && !a.model.transcript {
        a.report_narrates(draft, &mut paragraphs);
        a.speech_speaks_throughout(draft, &mut paragraphs);
    }
    // A speaker met by surname alone is shown by the full name the statement spells out elsewhere: one
    // name per person in the index. Given speakers are named as the record names them.
    if draft.speakers.is_empty() {
        let speaking = speaking(&paragraphs);
        a.registry
            .complete_surnames(&speaking, draft.texts(), gazetteer);
    }
    // Whom a speaker calls "our Deputy Prime Minister" serves the speaker's state: a guest's colleague at a
    // host's press conference is not the host's.
    for (p, words) in paragraphs.iter().zip(&toks) {
        let [speaker] = p.speakers[..] else {
            continue;
        };
        let Some(country) = a.registry.people[speaker].country else {
            continue;
        };
        for id in people::colleagues(&a.registry, words, gazetteer) {
            a.registry.people[id].country.get_or_insert(country);
        }
    }
    let officials = std::mem::take(&mut a.officials);
    let own_side = a.model.own_side;
    let issuing = a.model.issuer;
    let genre = a.model.genre;
    let mut stances = std::mem::take(&mut a.model.stances);
    // Whoever opens the body acts for the side that issues it ("Today, U.S. Secretary of the Treasury X
    // met with …"): a position taken as their own state, evidence for the files beside this one.
    if let Some(c) = opener.and_then(|id| a.registry.people[id].country) {
        match stances.iter_mut().find(|s| s.country == c) {
            Some(s) => s.positions += 1,
            None => stances.push(Stance {
                country: c,
                positions: 1,
                mentions: 0,
            }),
        }
    }
    let authors = a.model.authors.clone();
    // A joint statement in its ministers' voice ("We, the Ministers for trade from …") filed under one
    // of them: the author field's minister is one of its "we".
    let joint = joint::is_joint_statement(draft, genre);
    let filer: Vec<usize> = if joint && joint::ministers_speak(draft) {
        draft
            .authors
            .iter()
            .flat_map(|v| people::register_bare_author(v, &mut a.registry, gazetteer))
            .collect()
    } else {
        Vec::new()
    };
    let outlets: Vec<bool> = (0..a.registry.people.len())
        .map(|i| a.registry.is_outlet(i))
        .collect();
    let mut participants = a.registry.people;
    // The issuing side's people speak for it unless their office or a country next to their name says
    // otherwise: those its header, title and byline introduce, its spokesperson, the officials of its
    // transcripts, its authors, whoever opens the body ("Secretary of State X spoke today with Greek
    // Foreign Minister Y": a readout starts from its own side), and speakers given by the record.
    if let Some(country) = issuing {
        let given: Vec<usize> = if draft.speakers.is_empty() {
            Vec::new()
        } else {
            (0..participants.len()).collect()
        };
        // Officials named only by a transcript's labels take an issuer the statement names; one inferred
        // from its text or its folder goes only to those whose label gives a home office ("The Minister
        // for Foreign Affairs (Mr K Shanmugam):" in a parliament's record). A sitting's prime minister
        // is its own state's: guests do not answer in a house.
        let heads_house = |o: &str| a.sitting && people::is_government_office(o, gazetteer);
        let officials = if a.model.issuer_inferred {
            officials
                .into_iter()
                .filter(|&id| {
                    participants[id]
                        .office
                        .as_deref()
                        .is_some_and(|o| people::is_home_office(o, gazetteer) || heads_house(o))
                })
                .collect()
        } else {
            officials
        };
        let own = (0..own_side)
            .chain(officials)
            .chain(authors)
            // A sitting opens on the chair's call, which names a member for no side.
            .chain(opener.filter(|_| !a.sitting))
            .chain(given)
            .filter(|&id| {
                !outlets[id]
                    && !participants[id]
                        .office
                        .as_deref()
                        .is_some_and(|o| people::is_organisation_office(o, gazetteer))
            })
            .collect::<Vec<_>>();
        for id in own {
            participants[id].country.get_or_insert(country);
        }
    }
    // Whom the statement leaves without a country, the files beside it may place; not a member of a
    // sitting, whom this record shows speaking for no state, whatever office another gave them.
    for (_, person) in participants
        .iter_mut()
        .enumerate()
        .filter(|(id, p)| p.country.is_none() && !a.members.contains(id))
    {
        if let Some((_, c)) = draft.prior_people.iter().find(|(n, _)| *n == person.name) {
            person.country = Some(*c);
        }
    }
    // A release quotes its own officials ("said Jo Roe, Director of the Office of Sanctions"); an
    // official of another state is introduced with the state ("Italy's Foreign Minister"), except that
    // an envoy or a leader named by office alone is as often the other side's.
    if let Some(country) =
        issuing.filter(|_| genre.unwrap_or(super::Kind::Statement) == super::Kind::Statement)
    {
        for id in speaking(&paragraphs) {
            let person = &mut participants[id];
            if person.country.is_some() || outlets[id] {
                continue;
            }
            let official = person
                .office
                .as_deref()
                .is_some_and(|o| people::is_home_office(o, gazetteer));
            if official {
                person.country = Some(country);
            }
        }
    }
    if joint {
        joint::apply(draft, &participants, &mut paragraphs, gazetteer);
        if let (Some(country), false) = (issuing, filer.is_empty()) {
            for p in paragraphs.iter_mut().filter(|p| {
                p.sieve == Sieve::Joint && p.speakers.is_empty() && p.countries.contains(&country)
            }) {
                p.speakers = filer.clone();
            }
            for &id in &filer {
                participants[id].country.get_or_insert(country);
            }
        }
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
        kind: genre,
        issuer: issuing,
        issuer_provisional: a.model.issuer_provisional,
        stances,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text;

    /// (speakers, countries, role) of each paragraph of a parsed text.
    fn table(source: &str) -> Vec<(Vec<String>, Vec<String>, Role)> {
        rows_of(&text::parse("t.txt", source).expect("a statement"))
    }

    /// [`table`] of a text file in a folder whose files give it `prior` as its issuer.
    fn table_with_prior(source: &str, prior: &str) -> Vec<(Vec<String>, Vec<String>, Role)> {
        let file = crate::corpus::Source::from_text(
            "t.txt",
            crate::corpus::Format::Text,
            source.to_string(),
        );
        let context = crate::parse::Context {
            prior: crate::gazetteer::CountryCode::parse(prior),
            ..Default::default()
        };
        let parsed = crate::parse::parse(&file, context);
        rows_of(parsed.statements.first().expect("a statement"))
    }

    fn rows_of(st: &crate::parse::Statement) -> Vec<(Vec<String>, Vec<String>, Role)> {
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

    /// The names of a paragraph's speakers, sorted: for tests about who, not in what order.
    fn speakers_of<'a>(a: &'a Attribution, p: &Attributed) -> Vec<&'a str> {
        let mut names: Vec<&str> = p
            .speakers
            .iter()
            .map(|&id| a.participants[id].name.as_str())
            .collect();
        names.sort_unstable();
        names
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
        let seed = include_str!("../../../corpus/xi-jinping-thongloun-sisoulith-2021-01-21.txt");
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
        let text = "Notes on the Border\n\n\
            Laos firmly believes that the talks will succeed.\n\n\
            China is willing to work with all parties, the statement said.\n\n\
            The meeting took place in Geneva on a cold day.";
        assert_eq!(
            table(text),
            [
                // No one is named: the state that alone takes a position is the issuer speaking,
                // while nothing beside the file says otherwise.
                row(&[], &["LAO"], Role::Statement),
                row(&[], &[], Role::Narration),
                row(&[], &[], Role::Narration),
            ]
        );
    }

    #[test]
    fn a_report_that_closes_its_sentence_names_its_speakers_after_the_comma() {
        let text = "Norway to Help Tonga\n\n\
            Norway is giving $2 million to Tonga, Foreign Minister Ana Lima and Defence Minister Jo Roe \
            said today.\n\n\
            The ship left, and when, last April, Minister Tim Berg said it would, nobody believed him.";
        let rows = table(text);
        assert_eq!(rows[0].0, ["Ana Lima", "Jo Roe"]);
        assert_eq!(rows[0].2, Role::Joint);
        assert!(rows[1].0.is_empty(), "{rows:?}");
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
    fn an_introduction_inside_a_speech_and_a_counterpart_met_first_change_no_author() {
        let speech = "Speech by Minister for Foreign Affairs Ana Lima of Norway at the Forum\n\n\
            I raised with Prime Minister Jo Roe the following concerns:\n\n\
            First, we must protect civilians in every conflict.";
        for r in table(speech) {
            assert_eq!(r, row(&["Ana Lima"], &["NOR"], Role::Statement));
        }
        let statement = "Statement by the Prime Minister of Norway on the floods\n\n\
            Today I spoke with Prime Minister Jo Roe about the floods in her country.\n\n\
            I offered the support of our government.";
        for r in table(statement) {
            assert_eq!(r, row(&[], &["NOR"], Role::Statement));
        }
    }

    #[test]
    fn a_named_speaker_answers_unnamed_visitors() {
        let conversation = "Conversation with visitors\n\n\
            Visitor: How do you involve citizens in making policy?\n\n\
            Jo Roe: That is right. We run an open consultation platform every month.";
        let rows = table(conversation);
        assert_eq!(rows[0].2, Role::Question);
        assert_eq!(rows[1], row(&["Jo Roe"], &[], Role::Answer));
    }

    #[test]
    fn a_paragraph_introducing_a_statement_is_narration_and_its_person_speaks_after_it() {
        let release = "Canada mourns a friend | Prime Minister of Canada\n\n\
            The Prime Minister, Ola Example, today issued the following statement:\n\n\
            \u{201c}It is with great sadness that I learned of the death of a friend.\u{201d}";
        assert_eq!(
            table(release),
            [
                row(&[], &[], Role::Narration),
                row(&["Ola Example"], &["CAN"], Role::Statement),
            ]
        );
        assert!(!introduces(
            "The Minister discussed the following issues with her host."
        ));
    }

    #[test]
    fn a_titles_office_is_held_by_whom_the_first_paragraph_names_with_it() {
        let statement = "Statement by the Prime Minister of Norway on the death of a friend\n\n\
            The Prime Minister, Ola Example, today issued the following statement:\n\n\
            \u{201c}It is with great sadness that I learned of the death of a friend of Norway.\u{201d}";
        let rows = table(statement);
        assert_eq!(rows[1], row(&["Ola Example"], &["NOR"], Role::Statement));
        // A holder of the office met only later is the other side's: "I thanked President X".
        let later = "Statement to the media by the President of Norway\n\n\
            It is a pleasure to be in this city.\n\n\
            I am thankful to President Jo Roe for the warm welcome.";
        assert_eq!(table(later)[0], row(&[], &["NOR"], Role::Statement));
    }

    #[test]
    fn a_speech_is_its_authors_and_a_release_speaks_for_its_issuer() {
        let speech = "Address by Minister for Foreign Affairs Hon. Mr. Ram Example of Norway at the Forum\n\n\
            I am delighted to be here.\n\n\
            As the Secretary-General said last week, peace needs partners.\n\n\
            Thank you.";
        assert_eq!(
            table(speech),
            [
                row(&["Ram Example"], &["NOR"], Role::Statement),
                row(&["Ram Example"], &["NOR"], Role::Statement),
                row(&["Ram Example"], &["NOR"], Role::Statement),
            ]
        );
        let release = "Press Release on the Floods\n\n\
            The Government of Norway strongly condemns the attack. We stand with the victims.\n\n\
            The Minister met the ambassador of Chile on Monday.\n\n\
            Norway remains committed to the region.\n\n\
            The Relief Agency also sent two ships and forty tonnes of water.\n\n\
            The meeting will focus on reconstruction.\n\n\
            While in Oslo, Mr Berg also visited the port.\n\n\
            The Government of Chile has adopted a plan of its own.";
        assert_eq!(
            table(release),
            [
                row(&[], &["NOR"], Role::Statement),
                row(&[], &[], Role::Narration),
                row(&[], &["NOR"], Role::Statement),
                // What the issuer's bodies do, it says in its own voice; events, people and other
                // states it narrates.
                row(&[], &["NOR"], Role::Statement),
                row(&[], &[], Role::Narration),
                row(&[], &[], Role::Narration),
                row(&[], &[], Role::Narration),
            ]
        );
    }

    #[test]
    fn a_report_that_never_speaks_as_its_issuer_narrates_throughout() {
        let report = "---\ncountry: NOR\n---\nRally Held in the Capital\n\n\
            Mr Berg opened the festival with the mayor of Bergen in the main square on Monday.\n\n\
            The players competed fiercely in the game.\n\n\
            Mr Berg also visited the exhibition of the Relief Agency after the meeting.\n\n\
            The stadium was rocked by enthusiastic cheering of the spectators.";
        assert_eq!(table(report), vec![row(&[], &[], Role::Narration); 4]);
        // One paragraph in the issuer's voice makes it a release: what it did not narrate is the issuer's.
        let release = report.replace(
            "The stadium was rocked by enthusiastic cheering of the spectators.",
            "Norway remains committed to the festival.",
        );
        let rows = table(&release);
        assert_eq!(rows[1], row(&[], &["NOR"], Role::Statement));
        assert_eq!(rows[3], row(&[], &["NOR"], Role::Statement));
        // One narrated meeting makes no report, and a paragraph that judges is the issuer's view.
        let readout = "---\ncountry: NOR\n---\nMeeting on Sudan\n\n\
            Mr Berg met the Foreign Minister of Sudan in the capital on Monday morning.\n\n\
            It is essential that humanitarian access is granted to all regions of the country.";
        assert_eq!(table(readout)[1], row(&[], &["NOR"], Role::Statement));
    }

    #[test]
    fn an_untitled_speech_in_the_first_person_speaks_for_its_issuer_throughout() {
        let speech = "---\ncountry: NOR\n---\n\
            We come to this Assembly with hope and with a sense of purpose for the year ahead.\n\n\
            The United Nations Development Programme has done remarkable work in the region.\n\n\
            We believe that peace requires partners, and our delegation will work with all.\n\n\
            I thank the President for his leadership during this session of the Assembly.\n\n\
            As President Jo Roe of Chile said last week, we must now act together on climate.";
        assert_eq!(table(speech), vec![row(&[], &["NOR"], Role::Statement); 5]);
        // With a title it may be a release, whose quotation marks the first person's test may not
        // read: whom it quotes keeps their words.
        let titled = speech.replace("---\nWe come", "---\nStatement on Climate\n\nWe come");
        let rows = table(&titled);
        assert_eq!(rows[1], row(&[], &["NOR"], Role::Statement));
        assert_eq!(rows[4], row(&["Jo Roe"], &["CHL"], Role::Statement));
        // Two of five prose paragraphs in the first person are not enough: the organisation's work is
        // told.
        let release = speech.replace(
            "I thank the President for his leadership during this session of the Assembly.",
            "The United Nations Children's Fund opened an office in the capital in March.\n\n\
            The World Food Programme delivered two hundred tonnes of grain to the region.",
        );
        assert_eq!(table(&release)[1], row(&[], &[], Role::Narration));
    }

    #[test]
    fn a_joint_statement_with_someone_is_also_its_authors() {
        let draft = Draft {
            title: Some("Joint Statement with Prime Minister Lima, Santiago".into()),
            authors: vec!["Roe, Jo".into()],
            blocks: vec![
                Block::plain(
                    "The Prime Minister of Norway Mr Jo Roe paid a State Visit to Chile at the \
                     invitation of Prime Minister Ana Lima.",
                ),
                Block::plain("The Prime Ministers welcomed the growth of trade."),
            ],
            ..Draft::default()
        };
        let a = attribute(&draft);
        for p in &a.paragraphs {
            assert_eq!(speakers_of(&a, p), ["Ana Lima", "Jo Roe"]);
            assert_eq!(p.role, Role::Joint);
        }
    }

    #[test]
    fn officials_told_apart_by_number_are_unnamed() {
        let text = "Briefing with Senior State Department Officials\n\n\
            SENIOR STATE DEPARTMENT OFFICIAL ONE: Okay, three things are headlining this conference.\n\n\
            QUESTION: What about the elections?\n\n\
            SENIOR STATE DEPARTMENT OFFICIAL NUMBER TWO: Yeah, the elections are the second headline.";
        for (speakers, _, _) in table(text) {
            assert!(speakers.is_empty(), "{speakers:?}");
        }
    }

    #[test]
    fn the_two_leaders_are_whom_the_summary_and_title_name() {
        // The summary's opener takes part though no office names them; "the two leaders" are both.
        let draft = Draft {
            title: Some("Meeting with President of Uzbekistan Shavkat Mirziyoyev".into()),
            lead: Some(
                "Vladimir Putin met with President of Uzbekistan Shavkat Mirziyoyev.".into(),
            ),
            blocks: vec![Block::plain(
                "The two leaders discussed pressing issues of bilateral cooperation.",
            )],
            ..Draft::default()
        };
        let a = attribute(&draft);
        assert_eq!(
            speakers_of(&a, &a.paragraphs[0]),
            ["Shavkat Mirziyoyev", "Vladimir Putin"]
        );
        assert_eq!(a.paragraphs[0].role, Role::Joint);
    }

    #[test]
    fn a_line_naming_one_speaker_alone_stands_over_their_speech() {
        let text = "Press Statements of the Two Leaders\n\n\
            The President and Norwegian Prime Minister Ingrid Vale addressed the press on Monday.\n\n\
            CHILEAN PRESIDENT TOMAS ARANDA\n\n\
            Welcome to Santiago, Prime Minister Vale. We are honoured to host you and your delegation.\n\n\
            NORWEGIAN PRIME MINISTER INGRID VALE\n\n\
            It is a great honour for me to be here, and I thank the President for his welcome.";
        let rows = table(text);
        assert_eq!(rows[2], row(&["Tomas Aranda"], &["CHL"], Role::Statement));
        assert_eq!(rows[4], row(&["Ingrid Vale"], &["NOR"], Role::Statement));
        // A list of the people addressed is not a speaker's line, nor a name with no office.
        let address = "Statement by the President of Chile\n\n\
            His Excellency Prime Minister Ingrid Vale\n\n\
            Honourable Ministers\n\n\
            Santiago Convention Centre\n\n\
            It is a pleasure to welcome you all to this forum on the oceans of the south, which we have \
            long awaited.";
        assert_eq!(table(address)[3], row(&[], &["CHL"], Role::Statement));
    }

    #[test]
    fn what_a_review_found_stays_fixed() {
        // "Statement by Sweden" names its issuing state.
        let by_state = "Statement by Sweden\n\nWe welcome the agreement reached today.";
        assert_eq!(table(by_state)[0], row(&[], &["SWE"], Role::Statement));
        // A group named after the title's topic does not issue the statement.
        let travel = "Minister Ana Lima of Norway to travel to Italy for G7 Meeting\n\n\
            Minister Ana Lima said the meeting would be useful.";
        assert_eq!(
            table(travel)[0],
            row(&["Ana Lima"], &["NOR"], Role::Statement)
        );
        // A caption over narration is not a speaker's line; an address line over a speech is not either.
        let caption = "Visit to Oslo\n\n\
            Prime Minister Ingrid Vale of Norway\n\n\
            The delegation toured the harbour and met local officials in the afternoon of the visit.";
        assert!(table(caption)[1].0.is_empty());
        let address = "Remarks at the Forum\n\n\
            His Excellency Prime Minister Ingrid Vale of Norway\n\n\
            It is a pleasure to welcome you all to this forum on the oceans, which we have long awaited.";
        assert!(!table(address)[1].0.contains(&"Ingrid Vale".to_string()));
    }

    #[test]
    fn a_speech_announced_or_headed_by_its_author_is_theirs() {
        let announced = "Reception for the Diplomatic Corps\n\n\
            Foreign Secretary Tomas Aranda of Chile hosted a reception for the diplomatic corps.\n\n\
            The following is the speech of Secretary Aranda.\n\n\
            Our region has come a long way since its founding.";
        assert_eq!(
            table(announced)[2],
            row(&["Tomas Aranda"], &["CHL"], Role::Statement)
        );
        let headed = "---\ntitle: Presentation of the Contestants\n---\n\n\
            The President welcomed the contestants in a courtesy call.\n\n\
            ##### SPEECH OF PRESIDENT TOMAS ARANDA OF CHILE\n\n\
            Never in my life have I been in a room so full of talent.\n";
        let map = crate::parse::json::FieldMap::default();
        let (draft, _) = crate::parse::markdown::draft("t.md", headed, &map);
        let st = crate::parse::finish(draft).expect("a statement");
        let last = st.paragraphs.last().unwrap();
        assert_eq!(st.speaker_names(last), ["Tomas Aranda"]);
    }

    #[test]
    fn remarks_filed_under_a_name_are_theirs_and_a_release_speaks_for_its_state() {
        let remarks = r#"{"title":"Remarks to media alongside the Chilean Foreign Minister","ministers":[{"name":"Rt Hon Ana Lima"}],"content":"<p>Good morning. It is a pleasure to be in Santiago.</p><p>Our two countries share a long history.</p>"}"#;
        let parsed = crate::parse::json::drafts("r.json", remarks, &Default::default()).0;
        let st = crate::parse::finish(parsed.into_iter().next().unwrap()).unwrap();
        for p in &st.paragraphs {
            assert_eq!(st.speaker_names(p), ["Ana Lima"]);
        }
        // A release filed under a minister speaks for its state where the state acts, whatever the verb.
        let release = r#"{"title":"Visitors from Chile","ministers":[{"name":"Rt Hon Ana Lima"}],"content":"<p>From November, Norway will trial visa waivers for Chilean visitors.</p><p>Norway welcomes the change. Norway remains committed to open travel.</p>"}"#;
        let parsed = crate::parse::json::drafts("v.json", release, &Default::default()).0;
        let st = crate::parse::finish(parsed.into_iter().next().unwrap()).unwrap();
        let first = &st.paragraphs[0];
        assert!(st.speaker_names(first).is_empty());
        assert_eq!(
            st.speaker_countries(first)
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            ["NOR"]
        );
    }

    #[test]
    fn a_label_spelling_out_an_office_of_a_state_is_that_states() {
        let text = "Joint remarks with President Ana Lima\n\n\
            PRIME MINISTER: Thank you very much, Madam President.\n\n\
            PRESIDENT OF THE REPUBLIC OF CHILE: Thank you. It is great to be here.\n\n\
            JOURNALIST: Madam President, how was the call?\n\n\
            PRESIDENT OF THE REPUBLIC OF CHILE: We had a good call.";
        let rows = table(text);
        assert_eq!(rows[1], row(&["Ana Lima"], &["CHL"], Role::Statement));
        assert_eq!(rows[3].0, ["Ana Lima"]);
        assert_eq!(rows[3].1, ["CHL"]);
        // Nobody the statement names holds it: an unnamed official of that state.
        let unnamed = "Meeting on trade\n\n\
            PRIME MINISTER OF THE REPUBLIC OF CHILE: Good morning to all of you.\n\n\
            JOURNALIST: What about copper?\n\n\
            PRIME MINISTER OF THE REPUBLIC OF CHILE: Copper exports will grow.";
        let rows = table(unnamed);
        assert_eq!(rows[0], row(&[], &["CHL"], Role::Statement));
    }

    #[test]
    fn a_press_conference_without_labels_opens_with_its_holders_remarks() {
        let text =
            "Transcript of Press Conference from Secretary of the Treasury Ana Lima in Oslo\n\n\
            Good afternoon, everyone. I am looking forward to a productive set of meetings.\n\n\
            Our economy remains resilient, and the outlook has improved since last year.";
        let rows = table(text);
        assert_eq!(rows[0].0, ["Ana Lima"]);
        assert_eq!(rows[1].0, ["Ana Lima"]);
    }

    #[test]
    fn a_press_conference_titled_by_an_office_alone_is_its_unnamed_holders_for_the_issuer() {
        let page = "<html><head><title>Press Conference by the Prime Minister regarding Talks with \
            the President of Chile</title>\
            <link rel=\"canonical\" href=\"https://www.pm.example.no/statement/01.html\"></head>\
            <body><article><h1>Press Conference by the Prime Minister regarding Talks with the President \
            of Chile</h1>\
            <p>Earlier today I had a telephone talk with the President of Chile.</p>\
            <p>Norway is following the situation closely.</p>\
            <p>(On whether details of possible sanctions would be considered carefully in coordination with \
            other countries and the timing of any announcement)</p>\
            <p>We will consider every option with our partners.</p></article></body></html>";
        let st = super::super::finish(super::super::html::draft("p.html", page)).expect("a page");
        let rows: Vec<_> = st
            .paragraphs
            .iter()
            .map(|p| {
                let countries: Vec<String> = st
                    .speaker_countries(p)
                    .iter()
                    .map(|c| c.as_str().to_string())
                    .collect();
                (st.speaker_names(p).len(), countries, p.role)
            })
            .collect();
        let nor = || vec!["NOR".to_string()];
        assert_eq!(
            rows,
            [
                (0, nor(), Role::Statement),
                (0, nor(), Role::Statement),
                (0, vec![], Role::Narration),
                (0, nor(), Role::Answer),
            ]
        );
        // An office the title places in another state speaks for that state, wherever it is published.
        let page = page.replace("by the Prime Minister", "by the President of Chile");
        let st = super::super::finish(super::super::html::draft("p.html", &page)).expect("a page");
        let first = &st.paragraphs[0];
        let countries: Vec<String> = st
            .speaker_countries(first)
            .iter()
            .map(|c| c.as_str().to_string())
            .collect();
        assert_eq!(countries, ["CHL"]);
    }

    #[test]
    fn a_speech_the_opening_paragraph_introduces_is_its_speakers_not_the_last_reported() {
        let text = "Report to the Nation\n\n\
            President Ana Lima of Chile reported to the public the results of her visits.\n\n\
            I am glad to be back after my visits to Peru.\n\n\
            President Jorge Ferro of Peru said that trade would grow.\n\n\
            I thanked him for his welcome.";
        let rows = table(text);
        assert_eq!(rows[1], row(&["Ana Lima"], &["CHL"], Role::Statement));
        assert_eq!(rows[3], row(&["Ana Lima"], &["CHL"], Role::Statement));
    }

    #[test]
    fn a_title_naming_the_author_by_office_alone_gives_the_office_holders_state() {
        let speech =
            "Statement to the media by the President of Norway during the Visit to Chile\n\n\
            It is a pleasure to be in Santiago.\n\n\
            President Gabriel Ruiz and I discussed trade.";
        assert_eq!(
            table(speech),
            [
                row(&[], &["NOR"], Role::Statement),
                row(&[], &["NOR"], Role::Statement),
            ]
        );
        // The host of an event the release reports on is not its author.
        let release = "Press Release on the Foreign Minister at a dinner hosted by the Foreign Minister of Chile\n\n\
            The Foreign Minister attended the dinner.";
        assert_eq!(table(release), [row(&[], &[], Role::Narration)]);
    }

    #[test]
    fn a_joint_statement_naming_its_parties_under_its_title_speaks_for_both_throughout() {
        let text = "JOINT STATEMENT\n\nBetween\nTHE REPUBLIC OF CHILE\nAND THE KINGDOM OF NORWAY\n\
            On the State Visit of the President of Chile\n\n\
            1. President Gabriel Ruiz paid a State Visit to Norway as Chief Guest of the festival.\n\n\
            2. President Ruiz welcomed Foreign Direct Investments from Norway.\n\n\
            3. Both sides agreed to deepen cooperation.";
        for (speakers, mut countries, role) in table(text) {
            countries.sort();
            assert!(speakers.is_empty(), "{speakers:?}");
            assert_eq!(countries, ["CHL", "NOR"]);
            assert_eq!(role, Role::Joint);
        }
        assert_eq!(table(text).len(), 3, "the parties' lines are the title's");
    }

    #[test]
    fn a_dispatch_titled_sender_to_recipient_is_the_senders() {
        for (title, first, sender) in [
            (
                "Cranborne to Commonwealth Government",
                "Cablegram 131 LONDON, 28 April 1945, 4.40 p.m.",
                "Cranborne",
            ),
            (
                "Hood to President of the Security Council",
                "Letter NEW YORK, 13 February 1948",
                "Hood",
            ),
            (
                "Telegram From Ambassador Jo Roe to the Department of State",
                "PARIS, March 3, 1956.",
                "Jo Roe",
            ),
        ] {
            let rows = table(&format!(
                "{title}\n\n{first}\n\n\
                 We are grateful for your views and agree that the talks should go on.\n\n\
                 The sooner a settlement can be reached the better.\n"
            ));
            let last = rows.last().expect("a paragraph");
            assert_eq!(last.0, [sender], "{rows:?}");
        }
        // A headline's "to" is no dispatch's, nor is a title without a dispatch's type.
        for (title, first) in [
            ("Prime Minister to Attend Summit", "Canberra, 3 March 1990"),
            (
                "Cranborne to Commonwealth Government",
                "London, 28 April 1945",
            ),
            (
                "Evatt to travel to London",
                "Cablegram 12 CANBERRA, 3 March 1946",
            ),
            (
                "Embassy to Department of External Affairs",
                "Cablegram 12 PARIS, 3 March 1946",
            ),
        ] {
            let rows = table(&format!(
                "{title}\n\n{first}\n\n\
                 The talks went on for two days and ended with a communique.\n"
            ));
            assert!(rows.iter().all(|r| r.0.is_empty()), "{rows:?}");
        }
    }

    #[test]
    fn a_release_a_body_issues_is_not_its_filers_words() {
        let release = |opening: &str| {
            table(&format!(
                "---\ntitle: \"Compensation for refugees\"\ncreators:\n  - \"Roe, Jo\"\n---\n\n\
                 DEPARTMENT OF EXTERNAL AFFAIRS,\n\nFOR THE PRESS\n\n\
                 {opening}\n\n\
                 Applications should be made to the branch office by 30 September.\n"
            ))
        };
        for opening in [
            "The Department of External Affairs has announced that an agreement on compensation \
             has been concluded with the High Commissioner.",
            "PRESS RELEASE BY THE REFUGEE MISSION IN CANBERRA",
        ] {
            let rows = release(opening);
            assert!(
                rows.iter().all(|r| r.0.is_empty()),
                "a body issues it: {rows:?}"
            );
        }
        // Filed under the minister and in no body's name, it is the minister's; so it is when the
        // minister, not a body, announces it, or when the prose mentions another's release.
        for opening in [
            "Australia has concluded an agreement on compensation with the High Commissioner.",
            "The Minister for External Affairs has announced that an agreement on compensation has \
             been concluded with the High Commissioner.",
            "The announced visit of the delegation has been postponed until further notice.",
            "I have read the statement issued by the Foreign Ministry of Ruritania yesterday and I \
             reject its claims entirely.",
        ] {
            let rows = release(opening);
            let last = rows.last().expect("a paragraph");
            assert_eq!(last.0, ["Jo Roe"], "{rows:?}");
        }
    }

    #[test]
    fn a_joint_statement_in_its_ministers_voice_is_also_its_filers() {
        let statement = |opening: &str| {
            table_with_prior(
                &format!(
                    "---\ntitle: \"Joint Statement of Trade Ministers\"\nauthor: \"Hon Jo Roe\"\n---\n\n\
                     {opening}\n\n\
                     We welcome progress on the list of environmental goods.\n"
                ),
                "NOR",
            )
        };
        let rows = statement(
            "We, the Ministers for trade from Chile, Japan and Norway, welcome the meeting of our \
             partners.",
        );
        for (speakers, mut countries, role) in rows {
            countries.sort();
            assert_eq!(speakers, ["Jo Roe"]);
            assert_eq!(countries, ["CHL", "JPN", "NOR"]);
            assert_eq!(role, Role::Joint);
        }
        // In its governments' voice, the filer is not among its speakers.
        let rows = statement(
            "The governments of Chile, Japan and Norway welcome the meeting of their partners.",
        );
        assert!(rows.iter().all(|r| r.0.is_empty()), "{rows:?}");
    }

    #[test]
    fn a_joint_statements_issuers_are_its_list_not_its_topic() {
        let texts = [
            "Joint Statement of the Syria Special Envoy Meeting\n\n\
             Representatives of Chile, Japan and Norway met in Oslo on March 3 to discuss the \
             ongoing crisis in Syria.\n\n\
             We remain committed to a political resolution of the crisis.",
            "Friends of Sudan Joint Statement on the Political Process\n\n\
             Following is a joint statement issued by Chile, Japan, and Norway as members of the \
             Friends of Sudan.\n\n\
             We reiterate our strong support for the political process.",
            "Joint Statement on Sudan\n\n\
             Following is a joint statement issued by the foreign ministers of Chile, Japan and \
             Norway on the political process in Sudan.\n\n\
             We reiterate our strong support for the political process.",
        ];
        for text in texts {
            let rows = table(text);
            let last = rows.last().expect("a paragraph");
            let mut countries = last.1.clone();
            countries.sort();
            assert_eq!(countries, ["CHL", "JPN", "NOR"], "{rows:?}");
            assert!(last.0.is_empty(), "an event is no one: {rows:?}");
            assert_eq!(last.2, Role::Joint);
        }
    }

    #[test]
    fn a_record_that_does_not_say_who_issues_it_takes_its_files_issuer() {
        use crate::corpus::{Format, Source};
        let lines = [
            r#"{"id":"a","title":"Statement on Floods","text":"Norway expresses its condolences. Norway stands ready to help. The Government of Norway will send aid."}"#,
            r#"{"id":"b","title":"Statement on Trade","text":"Norway welcomes the agreement. Norway supports open trade."}"#,
            r#"{"id":"c","title":"Message","speaker":"Ana Lima","text":"We mourn with the people of Chile."}"#,
        ];
        let source = Source::from_text("feed.jsonl", Format::Json, lines.join("\n"));
        let parsed = crate::parse::parse(&source, Default::default());
        let last = &parsed.statements[2];
        assert_eq!(
            last.issuer.map(|c| c.as_str().to_string()).as_deref(),
            Some("NOR")
        );
        let p = &last.paragraphs[0];
        assert_eq!(last.speaker_names(p), ["Ana Lima"]);
        assert_eq!(
            p.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            ["NOR"]
        );
        assert_eq!(p.sieve, Sieve::Given);
    }

    #[test]
    fn a_leader_of_a_state_with_its_short_form_in_brackets_issues_a_joint_statement() {
        let rows = table(
            "Joint Statement by Canada and Korea\n\n\
             We, Prime Minister Justin Trudeau of Canada and President Yoon Suk Yeol of the Republic \
             of Korea (ROK), met today in Ottawa.\n\n\
             We agreed to deepen cooperation.\n",
        );
        assert_eq!(rows[1].0, ["Justin Trudeau", "Yoon Suk Yeol"], "{rows:?}");
        assert_eq!(rows[1].1, ["CAN", "KOR"]);
    }

    #[test]
    fn a_guest_speaking_through_an_interpreter_speaks_for_the_state_their_turns_name() {
        let rows = table(
            "Secretary Roe and Foreign Minister Doe at a Press Availability\n\n\
             Jo Roe, Secretary of State of the United States\n\n\
             SECRETARY ROE: Good afternoon. The United States and Norway met today.\n\n\
             FOREIGN MINISTER DOE: (Via interpreter) Thank you. Norway values this alliance, and \
             Norway's economy depends on it.\n\n\
             SECRETARY ROE: Thank you, Minister.\n",
        );
        let guest = rows
            .iter()
            .find(|r| r.0 == ["Doe"])
            .expect("the guest's turn");
        assert_eq!(guest.1, ["NOR"], "{rows:?}");
        assert_eq!(
            rows.iter().find(|r| r.0 == ["Jo Roe"]).map(|r| &r.1[..]),
            Some(&["USA".to_string()][..])
        );
    }

    #[test]
    fn what_the_speaker_did_with_another_is_the_speakers_not_the_others() {
        let rows = table(
            "Remarks by the Prime Minister\n\n\
             Today I spoke with President Jo Roe of Ruritania. President Roe and I agreed that our \
             cooperation would deepen.\n",
        );
        assert!(rows[0].0.is_empty(), "{rows:?}");
    }

    #[test]
    fn a_sitting_member_named_alone_speaks_for_no_state_its_minister_does() {
        let rows = table(
            "National Assembly, 10 October 2000 - Parliament of South Africa\n\n\
             The DEPUTY SPEAKER: Order! Please proceed, hon member.\n\n\
             Mr D H M GIBSON: Madam Speaker, on a point of order: the Government has failed us.\n\n\
             The DEPUTY SPEAKER: Order! That is not a point of order.\n\n\
             The DEPUTY MINISTER OF FOREIGN AFFAIRS: Madam Speaker, we will continue our work.\n",
        );
        let gibson = &rows[1];
        assert_eq!(gibson.0, ["D H M Gibson"]);
        assert!(gibson.1.is_empty(), "{rows:?}");
        assert_eq!(rows[3].1, ["ZAF"], "{rows:?}");
        assert_eq!(rows[3].2, Role::Statement);
    }

    #[test]
    fn a_records_initials_take_the_full_name_the_text_gives_them() {
        let rows = table(
            "Oral Questions - Example Hansard\n\n\
             MR SPEAKER: I see the Honourable Teariki Heather; you have the Floor.\n\n\
             MR T. HEATHER: Thank you, Mr Speaker. My question is about the port.\n\n\
             MR SPEAKER: I see the Honourable Robert Heather and then Ms Ana Lima.\n\n\
             MR R. HEATHER: Thank you, Mr Speaker. The port matters to us all.\n\n\
             HON. A. NICHOLAS: Thank you, Mr Speaker. The port will open in May.\n",
        );
        assert_eq!(rows[1].0, ["Teariki Heather"], "{rows:?}");
        assert_eq!(rows[3].0, ["Robert Heather"], "{rows:?}");
        // Initials the text never spells out are left as the label reads.
        assert_eq!(rows[4].0, ["Nicholas"], "{rows:?}");
    }

    #[test]
    fn a_member_after_a_ministers_answer_asks_again_and_adds_nothing_to_it() {
        let rows = table(
            "National Assembly, 1 November 2000 - Parliament of South Africa\n\n\
             The DEPUTY SPEAKER: Order! The hon member may ask his question.\n\n\
             Dr A B ROE: Madam Speaker, I would like to ask the Minister a question. What is the cost?\n\n\
             The MINISTER OF FOREIGN AFFAIRS: Madam Speaker, the cost is shown in the schedule, and it \
             is the whole amount.\n\n\
             Mrs C D LIMA: Madam Speaker, arising out of the Minister's response, could she tell us why \
             the amount rose?\n\n\
             The MINISTER OF FOREIGN AFFAIRS: Madam Speaker, the amount rose because prices rose.\n",
        );
        assert_eq!(rows[1].2, Role::Question, "{rows:?}");
        assert_eq!(rows[2].2, Role::Answer, "{rows:?}");
        assert_eq!(rows[3].0, ["C D Lima"], "{rows:?}");
        assert_eq!(rows[3].2, Role::Question, "{rows:?}");
        assert_eq!(rows[4].2, Role::Answer, "{rows:?}");

        // A question set out to an office is answered by the next speaker, named alone or not.
        let rows = table(
            "Parliament of Singapore, Oral Answers\n\n\
             MR SPEAKER: Order.\n\n\
             2 Mr A Roe asked the Minister for Trade whether exports rose.\n\n\
             Mr B Lima: Mr Speaker, exports rose by ten per cent this year and will rise again.\n\n\
             4 To ask the Prime Minister (a) what is the plan for the coming year.\n\n\
             Mr C Silva: Mr Speaker, the plan is set out in the budget statement tabled last week.\n",
        );
        let silva = rows
            .iter()
            .find(|r| r.0 == ["C Silva"])
            .expect("the answer");
        assert_eq!(silva.2, Role::Answer, "{rows:?}");

        // At question time, a member's turn that goes on to put a question asks from its start.
        let sitting = "ORAL QUESTIONS\n\n\
             MR SPEAKER: We have come to Oral Questions. I see the Honourable Teariki Roe.\n\n\
             MR T. ROE: Thank you, Honourable Speaker, and greetings to all Members of this House.\n\n\
             I have a question for the Prime Minister about our office in Auckland. Is it still open?\n\n\
             MR SPEAKER: I see the Honourable Prime Minister.\n\n\
             HON. M. LIMA: Thank you, Mr Speaker. The office is open and will stay open this year.\n";
        let rows = table(sitting);
        assert_eq!(rows[1].2, Role::Question, "{rows:?}");
        assert_eq!(rows[2].2, Role::Question, "{rows:?}");
        assert_eq!(rows[4].2, Role::Answer, "{rows:?}");
        // In a debate, a member's rhetorical question asks no one.
        let rows = table(&sitting.replace("ORAL QUESTIONS", "SECOND READING DEBATE"));
        assert_eq!(rows[1].2, Role::Statement, "{rows:?}");
    }

    #[test]
    fn a_sittings_ministers_hold_the_offices_the_chair_calls_and_speak_for_its_state() {
        // A house's record that never names its state, in a folder that does: the members the chair
        // calls on by a government office are ministers of that state, whether the text gives their
        // office ("the Honourable Minister Jo Roe", labelled by initials) or only the call does.
        let sitting = "ORAL QUESTIONS\n\n\
             MR SPEAKER: I see the Honourable Teariki Lima.\n\n\
             MR T. LIMA: Thank you, Mr Speaker. My question is about the water station at the harbour.\n\n\
             MR SPEAKER: I see the Honourable Minister Jo Roe; you have the Floor.\n\n\
             HON. J. ROE: Thank you, Mr Speaker. The station will open next month for everyone.\n\n\
             MR SPEAKER: Thank you, Minister. Honourable Prime Minister; you have the Floor.\n\n\
             HON. M. SILVA: Thank you, Mr Speaker. The office in Auckland will stay open this year.\n\n\
             MR SPEAKER: I see the Chief Whip; you have the Floor.\n\n\
             MR R. TANGI: Thank you, Mr Speaker. I move that the House adjourn.\n\n\
             AMBASSADOR JO TANAKA: Thank you, Mr Speaker. My country is proud to support this House.\n";
        let rows = table_with_prior(sitting, "COK");
        // A house's own role is no office of its government, and a guest's office no house's.
        assert!(rows[7].1.is_empty(), "{rows:?}");
        assert!(rows[8].1.is_empty(), "{rows:?}");
        assert_eq!(rows[1].0, ["Teariki Lima"], "{rows:?}");
        assert!(rows[1].1.is_empty(), "a member asks for no state: {rows:?}");
        assert_eq!(rows[3], row(&["Jo Roe"], &["COK"], rows[3].2), "{rows:?}");
        assert_eq!(rows[5], row(&["M Silva"], &["COK"], rows[5].2), "{rows:?}");

        // "the Honourable Member" is how the chair calls a member, not an office: a backbencher's
        // speech in a debate speaks for no state.
        let debate = "SUPPLY DEBATE\n\n\
             MR SPEAKER: I see the Honourable Member Teariki Lima; you have the Floor.\n\n\
             MR T. LIMA: Mr Speaker, the Ministry of Marine Resources is one we must support.\n\n\
             MR SPEAKER: I see the Honourable Minister Jo Roe; you have the Floor.\n\n\
             HON. J. ROE: Thank you, Mr Speaker. The Ministry will do its work this year.\n";
        let rows = table_with_prior(debate, "COK");
        assert_eq!(
            rows[1],
            row(&["Teariki Lima"], &[], Role::Statement),
            "{rows:?}"
        );
        assert_eq!(rows[3].1, ["COK"], "{rows:?}");
    }

    #[test]
    fn at_question_time_ministers_answer_and_members_ask_but_on_a_point_of_order() {
        // The minister answers yesterday's question before the chair ever names the office; a
        // member's remark on the answer asks again; a point of order, and the member making it when
        // the chair asks, are statements.
        let sitting = "ORAL QUESTIONS\n\n\
             I now open the Floor to Honourable Members.\n\n\
             HON. J. ROE: Thank you, Mr Speaker. Yesterday the Member for the harbour asked me about \
             the water station. It will open next month.\n\n\
             The works are funded in this year's budget.\n\n\
             MRS T. LIMA: Point of Order!\n\n\
             MR SPEAKER: Honourable Member, what is your Point of Order?\n\n\
             MRS T. LIMA: The Minister is reading the wrong figures.\n\n\
             HON. J. ROE: Point of Order, Mr Speaker. The Member is misleading the House.\n\n\
             MR SPEAKER: There is no point of order. Please continue.\n\n\
             MRS T. LIMA: The people of my village have waited two years for the station.\n\n\
             MR SPEAKER: Honourable Deputy Prime Minister; you have the Floor.\n\n\
             HON. J. ROE: The figures are those of the Ministry of Finance.\n\n\
             MR SPEAKER: I see the Honourable Teariki Lima; you have the Floor.\n\n\
             MRS T. LIMA: Thank you, Mr Speaker, and thank you to the Deputy Prime Minister for the \
             honest response.\n";
        let rows = table_with_prior(sitting, "COK");
        let roles: Vec<Role> = rows.iter().map(|r| r.2).collect();
        assert_eq!(
            roles,
            [
                Role::Narration,
                Role::Answer,
                Role::Answer,
                Role::Statement,
                Role::Narration,
                Role::Statement,
                Role::Statement,
                Role::Narration,
                Role::Question,
                Role::Narration,
                Role::Answer,
                Role::Narration,
                Role::Question,
            ],
            "{rows:?}"
        );
        assert_eq!(rows[1].1, ["COK"], "{rows:?}");
        assert!(rows[12].1.is_empty(), "{rows:?}");
        // Outside question time a minister's speech is a statement.
        let debate = table_with_prior(&sitting.replace("ORAL QUESTIONS", "SUPPLY DEBATE"), "COK");
        assert_eq!(debate[1].2, Role::Statement, "{debate:?}");
    }

    #[test]
    fn a_written_answer_to_a_question_put_to_a_minister_is_the_folders_state() {
        let pq = "Written PQ on Students Affected by a Boycott\n\n\
             Question\n\n\
             To ask the Minister for Law whether students from universities abroad will be affected.\n\n\
             Written Answer:\n\n\
             1. My Ministry is monitoring the situation closely with the institute.\n";
        let rows = table_with_prior(pq, "SGP");
        assert_eq!(rows[2], row(&[], &["SGP"], Role::Answer), "{rows:?}");
        // Put to no office, the answer's side is not inferred from the folder.
        let rows = table_with_prior(&pq.replace("To ask the Minister for Law", "To ask"), "SGP");
        assert_eq!(rows[2], row(&[], &[], Role::Answer), "{rows:?}");
    }

    #[test]
    fn a_houses_answer_is_its_responders_whose_office_is_read_whole() {
        let text = "question_uid,responder_name,response_content\n\
            41-1-904,\"Hon. Jo Roe (Minister of International Trade and Minister for the Asia-Pacific \
            Gateway, CPC)\",\"Mr. Speaker, in response to (a), the loans were repaid.\"\n\
            41-1-905,\"Hon. Erin O'Toole (Parliamentary Secretary to the Minister of International \
            Trade, CPC)\",\"Mr. Speaker, with regard to (a), the contract was awarded.\"\n";
        let file = crate::corpus::Source::from_text(
            "answers.csv",
            crate::corpus::Format::Csv,
            text.to_string(),
        );
        let parsed = crate::parse::parse(&file, crate::parse::Context::default());
        let rows: Vec<_> = parsed.statements.iter().flat_map(rows_of).collect();
        assert_eq!(rows[0].0, ["Jo Roe"], "{rows:?}");
        assert_eq!(rows[0].2, Role::Answer, "{rows:?}");
        assert_eq!(rows[1].0, ["Erin O'Toole"], "{rows:?}");
        // The portfolio is no person.
        let named: Vec<&str> = parsed.statements[0]
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(named, ["Jo Roe"], "{named:?}");
    }

    #[test]
    fn initials_run_into_a_surname_name_the_minister() {
        for name in ["V.Makei", "R.G.Menzies"] {
            let rows = table(&format!(
                "Statement by the Minister of Foreign Affairs of the Republic of Belarus, {name}, at \
                 the Virtual Summit\n\n\
                 Let me start by thanking the Presidency for the preparation of this meeting.\n\n\
                 We welcome the first signs of economic revival across the region.\n"
            ));
            assert_eq!(rows[0], row(&[name], &["BLR"], Role::Statement), "{rows:?}");
            assert_eq!(rows[1].0, [name], "{rows:?}");
        }
    }

    #[test]
    fn minutes_in_capitals_and_initials_run_together_report_their_speakers() {
        let rows = table(
            "Minutes of the Meeting\n\n\
             DR. EVATT said that he agreed with the view the meeting had taken.\n\n\
             MR. NASH said that some of the islands were of interest to his country.\n\n\
             Mr R.G. Menzies said that the talks had gone well for all of them.\n\n\
             They met in Washington, D.C. Deputy Secretary Jo Roe condemned the attack and thanked \
             her hosts for their strong support.\n\n\
             They met in Washington, D.C. Jo Roe said that the talks went well for both sides.\n\n\
             The plane arrived at 9 A.M. Ana Lima said that the delegation was welcome.\n",
        );
        assert_eq!(rows[0].0, ["Evatt"], "{rows:?}");
        assert_eq!(rows[1].0, ["Nash"], "{rows:?}");
        assert_eq!(rows[2].0, ["R.G. Menzies"], "{rows:?}");
        // A place's or a time's initials end a sentence: the next one reports, and the office is
        // the office alone.
        assert_eq!(rows[3].0, ["Jo Roe"], "{rows:?}");
        assert_eq!(rows[4].0, ["Jo Roe"], "{rows:?}");
        assert_eq!(rows[5].0, ["Ana Lima"], "{rows:?}");
        let st = text::parse(
            "t.txt",
            "Remarks\n\nThey met in Washington, D.C. Deputy Secretary Jo Roe condemned the attack \
             and thanked her hosts.\n",
        )
        .expect("a statement");
        assert_eq!(
            st.participants[0].office.as_deref(),
            Some("Deputy Secretary")
        );
        // "MR." addresses; it is no office, and gives no state.
        let st = text::parse(
            "t.txt",
            "Minutes\n\nMR. GROMYKO said that the meeting was over.\n",
        )
        .expect("a statement");
        assert_eq!(st.participants[0].office, None, "{:?}", st.participants);
    }

    #[test]
    fn a_day_before_the_verb_and_a_verb_said_again_still_report() {
        let rows = table(
            "Prime Minister to travel to Europe\n\n\
             The Prime Minister, Jo Roe, today announced that Canada will send aid.\n\n\
             Secretary Ana Lima re-emphasized that peace remains the first priority.\n",
        );
        assert_eq!(rows[0].0, ["Jo Roe"], "{rows:?}");
        assert_eq!(rows[0].2, Role::Statement, "{rows:?}");
        assert_eq!(rows[1].0, ["Ana Lima"], "{rows:?}");
    }

    #[test]
    fn a_sitting_answering_a_statement_the_floor_and_an_office_named_elsewhere() {
        let rows = table(
            "Ministerial Statements - Parliament of Fiji\n\n\
             MR. SPEAKER.- I now call on the honourable Minister.\n\n\
             HON. A. B. LIMA.- Mr. Speaker, Sir, our ports will open next week.\n\n\
             HON. OPPOSITION MEMBERS.- Hear, hear!\n\n\
             MR. SPEAKER.– I now call on the Leader of the Opposition, or his designate.\n\n\
             HON. C. D. ROE.- Mr. Speaker, Sir, I thank the honourable Minister for his Ministerial \
             Statement. The ports are late.\n",
        );
        // The minister who makes the statement speaks for the state; the member answering it, and the
        // members calling out, for none.
        assert_eq!(rows[1].0, ["A B Lima"], "{rows:?}");
        assert_eq!(rows[1].1, ["FJI"], "{rows:?}");
        assert!(rows[2].0.is_empty() && rows[2].1.is_empty(), "{rows:?}");
        assert_eq!(rows[3].2, Role::Narration, "{rows:?}");
        assert_eq!(rows[4].0, ["C D Roe"], "{rows:?}");
        assert!(rows[4].1.is_empty(), "{rows:?}");

        // Called on for the opposition, a member answers for it, however the reply opens; a minister
        // who speaks next without a call is the government's.
        let rows = table(
            "Ministerial Statements - Parliament of Fiji\n\n\
             MR. SPEAKER.- I now call on the honourable Minister.\n\n\
             HON. A. B. LIMA.- Mr. Speaker, Sir, our ports will open next week.\n\n\
             MR. SPEAKER.- I now call upon the Leader of the Opposition, or his designate.\n\n\
             HON. E. F. KEPA.- Mr. Speaker, Sir, the ports are late and the Government knows it.\n\n\
             MR. SPEAKER.- I now call on the honourable Minister for Lands.\n\n\
             HON. G. H. FALE.- Mr. Speaker, Sir, the survey of the coast is complete.\n",
        );
        assert_eq!(rows[3].0, ["E F Kepa"], "{rows:?}");
        assert!(rows[3].1.is_empty(), "{rows:?}");
        assert_eq!(rows[5].0, ["G H Fale"], "{rows:?}");
        assert_eq!(rows[5].1, ["FJI"], "{rows:?}");

        // The Leader of the Opposition holds an office of no state.
        let rows = table(
            "National Assembly, 8 May 2001 - Parliament of South Africa\n\n\
             The SPEAKER: Order! I call the Leader of the Opposition.\n\n\
             The LEADER OF THE OPPOSITION: Madam Speaker, the Government has failed the region.\n",
        );
        assert!(rows[1].1.is_empty(), "{rows:?}");

        // A label's office, spelt out, held by the one the debate names with it in other words.
        let rows = table(
            "National Assembly, 8 May 2001 - Parliament of South Africa\n\n\
             The SPEAKER: Order! I call the Minister.\n\n\
             The MINISTER OF FOREIGN AFFAIRS: Chairperson, our foreign policy serves peace.\n\n\
             Mr A B ROE: Madam Speaker, President Thabo Mbeki, his foreign Minister, the hon \
             Dlamini-Zuma, and others have worked for peace.\n",
        );
        assert_eq!(rows[1].0, ["Dlamini-Zuma"], "{rows:?}");
        assert_eq!(rows[1].1, ["ZAF"], "{rows:?}");
    }

    #[test]
    fn a_release_takes_its_ministers_and_quoted_officials_for_its_issuer_but_not_envoys() {
        use crate::corpus::{Format, Source};
        let line = r#"{"title":"Further help for Tonga","url":"https://www.example.govt.nz/release/help","ministers":[{"name":"Hon Ana Lima"},{"name":"Hon Rua Kepa"}],"content":"<p>Rua Kepa also announced that a ship would leave for Tonga.</p><p>\u201cThe ship carries water,\u201d said Jo Roe, Director of the Office of Disaster Relief.</p><p>Ambassador Tevita Fale thanked the Minister for the help.</p>"}"#;
        let source = Source::from_text("feed.jsonl", Format::Json, line.to_string());
        let parsed = crate::parse::parse(&source, Default::default());
        let st = &parsed.statements[0];
        let who = |i: usize| {
            let p = &st.paragraphs[i];
            let countries: Vec<&str> = p.countries.iter().map(|c| c.as_str()).collect();
            (st.speaker_names(p).join(";"), countries.join(";"))
        };
        // A minister the record files it under, named without an office.
        assert_eq!(who(0), ("Rua Kepa".into(), "NZL".into()));
        // An official the release quotes, with an office naming no state.
        assert_eq!(who(1), ("Jo Roe".into(), "NZL".into()));
        // An ambassador named without a state is not taken for the issuer's.
        assert_eq!(who(2), ("Tevita Fale".into(), String::new()));
    }

    #[test]
    fn a_group_of_states_speaks_for_its_members_and_a_hyphenated_pair_for_both() {
        let group = "G7 Finance Ministers and Central Bank Governors' Statement on Climate\n\n\
            In our meeting on climate economics, we underlined our commitment to ambitious action.\n\n\
            We call on all development banks to step up their support.";
        let all = ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"];
        for (speakers, countries, role) in table(group) {
            assert!(speakers.is_empty(), "{speakers:?}");
            let mut countries = countries;
            countries.sort();
            assert_eq!(countries, all);
            assert_eq!(role, Role::Joint);
        }
        // Remarks at a group's meeting are one side's.
        let remarks = "Remarks by Secretary Ana Lima of Norway at the G7 Meeting\n\n\
            I am glad to be here with my G7 colleagues.";
        assert_eq!(
            table(remarks)[0],
            row(&["Ana Lima"], &["NOR"], Role::Statement)
        );
        let pair = "Joint Statement on the Norway-Chile Working Group\n\n\
            The working group met for the third time in Oslo.";
        let (_, mut countries, role) = table(pair).remove(0);
        countries.sort();
        assert_eq!(
            (countries, role),
            (vec!["CHL".to_string(), "NOR".to_string()], Role::Joint)
        );
    }

    #[test]
    fn a_joint_statements_lead_in_narrates_and_its_list_names_the_issuers() {
        // The title's group (and an alliance) would give other states; the lead-in lists them.
        let listed = "Joint Statement of Alliance and G7 Leaders on the margins of the Summit\n\n\
            Today, the Leaders of Canada, the European Commission, France, Japan, the Netherlands and \
            Spain met on the margins of the Summit and released the following statement:\n\n\
            \u{201c}We condemn the attacks on civilian infrastructure.\n\n\
            \u{201c}We reaffirm our support for the people of the region.\u{201d}";
        let rows = table(listed);
        assert_eq!(rows[0], row(&[], &[], Role::Narration), "{rows:?}");
        for (speakers, countries, role) in &rows[1..] {
            assert!(speakers.is_empty(), "{rows:?}");
            let mut countries = countries.clone();
            countries.sort();
            assert_eq!(countries, ["CAN", "ESP", "FRA", "JPN", "NLD"], "{rows:?}");
            assert_eq!(*role, Role::Joint);
        }
        // The issuers' own opening on "the following" is their statement, not a lead-in.
        let own = "Joint Statement of the Foreign Ministers\n\n\
            We, the Foreign Ministers of Australia, Japan and Norway, affirm the following:\n\n\
            We will work together on maritime security.";
        let rows = table(own);
        assert_eq!(rows[0].2, Role::Joint, "{rows:?}");
        // Two leaders who issue it: the lead-in names them, and speaks for neither.
        let two = "Joint Statement by the Prime Minister of Norway, Jo Roe, and the President of \
            Chile, Ana Lima\n\n\
            Mr. Jo Roe, Prime Minister of Norway, and Ms. Ana Lima, President of Chile, met in Oslo \
            on June 12. They issued the following statement:\n\n\
            Norway and Chile reaffirm their commitment to working together.";
        let rows = table(two);
        assert_eq!(rows[0], row(&[], &[], Role::Narration), "{rows:?}");
        assert_eq!(rows[1].0, ["Jo Roe", "Ana Lima"], "{rows:?}");
        assert_eq!(rows[1].2, Role::Joint, "{rows:?}");
    }

    #[test]
    fn a_joint_statement_speaks_for_the_leaders_it_reports_together() {
        let text = "U.S.-ROK Leaders' Joint Statement\n\n\
            The United States and the Republic of Korea share a bond.\n\n\
            President Mark Holden and President Kim Min-jun reaffirm their commitment.\n\n\
            President Holden and President Kim welcome the new fund.\n\n\
            The alliance is strong.";
        let rows = table(text);
        for (speakers, countries, role) in &rows {
            assert_eq!(speakers, &["Mark Holden", "Kim Min-jun"]);
            let mut countries = countries.clone();
            countries.sort();
            assert_eq!(countries, ["KOR", "USA"]);
            assert_eq!(*role, Role::Joint);
        }
    }

    #[test]
    fn a_joint_statement_of_two_leaders_speaks_for_the_states_its_first_subject_names() {
        // The issuing side's address gives both leaders its country; the first sentence's subject
        // tells them apart. Two officials of one state welcoming another's act speak for their own.
        let two = published(
            "Joint Statement by President Holden and President Kim on Democracy",
            "https://www.example.gov/joint",
            "The United States and the Republic of Korea share deep bonds.\n\nWe will co-host the summit.",
        );
        assert_eq!(two, vec![("Holden;Kim".into(), "KOR;USA".into()); 2]);
        let one_side = published(
            "Joint Statement by Secretary Ana Lima and Secretary Jo Roe on Sanctions",
            "https://www.example.gov/joint",
            "The United States welcomes the United Kingdom's sanctions today.\n\nWe will work with partners.",
        );
        assert_eq!(one_side, vec![("Ana Lima;Jo Roe".into(), "USA".into()); 2]);
        // The subject ends at its verb, not at a word a longer one begins with ("an" in "and").
        let aside = published(
            "Joint Statement by President Holden and Prime Minister Sato on the Alliance",
            "https://www.example.gov/joint",
            "The United States and Japan, an alliance of seventy years, reaffirm their bond.",
        );
        assert_eq!(aside[0].1, "JPN;USA");
        // Leaders of no known state: the whole first sentence names the parties.
        let unplaced = table(
            "Joint Statement by Prime Minister Ana Lima and Prime Minister Jo Roe\n\n\
             Prime Minister Lima and Prime Minister Roe reaffirmed the partnership between Japan and Australia.",
        );
        let mut countries = unplaced[0].1.clone();
        countries.sort();
        assert_eq!(countries, ["AUS", "JPN"]);
        // A topic after an office still opens at "on".
        let topic = table(
            "Joint Statement by Japan's Prime Minister and Australia's Prime Minister on Ukraine\n\n\
             We condemn the invasion.",
        );
        assert!(!topic[0].1.contains(&"UKR".to_string()), "{topic:?}");
    }

    #[test]
    fn a_name_and_its_office_after_a_comma_are_one_participant() {
        // Words of address and a name's particles are not an office; an organisation's president
        // speaks for no state, not for the issuer whose page names her.
        let rows = published(
            "Talks with the Hon. Jo Roe, President of the United States, and Dr. Ana von Berg, President of the European Commission",
            "https://www.example.jp/talks",
            "President von Berg said the talks had been useful.\n\nPresident Roe said so too.",
        );
        assert_eq!(rows[0], ("Ana von Berg".into(), String::new()));
        assert_eq!(rows[1], ("Jo Roe".into(), "USA".into()));
    }

    #[test]
    fn a_joint_statements_title_is_not_cut_inside_an_office() {
        // "for" opens a title's topic ("… on Democracy", "… for Peace"), not in "Minister for …".
        let text = "Joint Statement by Japanese Minister for Foreign Affairs Aiko Sato and Chilean Minister of Foreign Affairs Tomas Aranda\n\n\
            Japan and Chile condemn the launch.\n\n\
            We call for restraint.";
        for (speakers, countries, role) in table(text) {
            assert_eq!(speakers, ["Aiko Sato", "Tomas Aranda"]);
            let mut countries = countries.clone();
            countries.sort();
            assert_eq!(countries, ["CHL", "JPN"]);
            assert_eq!(role, Role::Joint);
        }
    }

    #[test]
    fn a_first_lady_is_named_without_her_office() {
        let rows =
            table("Visit to the School\n\nFirst Lady Ana Lima said the school would reopen.");
        assert_eq!(rows[0].0, ["Ana Lima"]);
    }

    #[test]
    fn a_written_answer_under_its_heading_is_the_ministers_the_title_names() {
        let text = "Written Answer by Minister for Law, Mr Jo Roe, to Parliamentary Question on Courts\n\n\
            Question\n\n\
            To ask the Minister for Law whether the courts will reopen.\n\n\
            Written Answer: 1 The courts will reopen in May.\n\n\
            2 We will publish the dates.";
        let rows = table(text);
        let roles: Vec<Role> = rows.iter().map(|r| r.2).collect();
        assert_eq!(
            roles,
            [Role::Question, Role::Question, Role::Answer, Role::Answer]
        );
        assert_eq!(rows[2].0, ["Jo Roe"]);
        assert_eq!(rows[3].0, ["Jo Roe"]);
    }

    #[test]
    fn a_summary_opening_with_an_office_and_a_name_gives_the_statements_author() {
        use crate::corpus::{Format, Source};
        let text = "---\ntitle: Presidential Spokesperson on the Floods\n\
            excerpt: Presidential Spokesperson Jo Roe on the floods in the north.\n---\n\n\
            It is with sadness that we learned of the floods.";
        let source = Source::from_text("floods.md", Format::Markdown, text.to_string());
        let parsed = crate::parse::parse(&source, Default::default());
        let st = &parsed.statements[0];
        assert_eq!(st.speaker_names(&st.paragraphs[0]), ["Jo Roe"]);
    }

    #[test]
    fn in_an_interview_labelled_by_names_the_one_who_says_most_answers() {
        let text = "Interview with the Daily Planet\n\n\
            Lena Marquez: Thank you for seeing me. What will the fund do?\n\n\
            Ana Lima: The fund will rebuild the schools that the floods destroyed last spring, and it \
            will train teachers in every province.\n\n\
            It starts in May.\n\n\
            Lena Marquez: And the cost?\n\n\
            Ana Lima: Two million, shared by the provinces and the state over four years.";
        let rows = table(text);
        let roles: Vec<Role> = rows.iter().map(|r| r.2).collect();
        assert_eq!(
            roles,
            [
                Role::Question,
                Role::Answer,
                Role::Answer,
                Role::Question,
                Role::Answer
            ]
        );
        assert_eq!(rows[1].0, ["Ana Lima"]);
        assert_eq!(rows[3].0, ["Lena Marquez"]);
    }

    #[test]
    fn in_a_conversation_a_short_turn_that_asks_is_answered_by_the_next() {
        let text = "Meeting with a Delegation\n\n\
            Ana Lima: Welcome. When did you arrive?\n\n\
            Jo Roe: Last night, from Berlin.\n\n\
            Ana Lima: We can start with the budget.";
        let roles: Vec<Role> = table(text).iter().map(|r| r.2).collect();
        assert_eq!(roles, [Role::Question, Role::Answer, Role::Statement]);
        // A speech that ends on a question asks no one.
        let speech = format!(
            "Debate on the Budget\n\nJo Roe: {} and who will pay for it?\n\nAna Lima: I thank the member.",
            "We have heard the minister explain the plan at length ".repeat(5)
        );
        let roles: Vec<Role> = table(&speech).iter().map(|r| r.2).collect();
        assert_eq!(roles, [Role::Statement, Role::Statement]);
    }

    /// (speakers, countries) of each paragraph of a page published at `url` under `title`.
    fn published(title: &str, url: &str, body: &str) -> Vec<(String, String)> {
        use crate::corpus::{Format, Source};
        let text = format!("---\ntitle: {title}\nsource_url: {url}\n---\n\n{body}");
        let source = Source::from_text("page.md", Format::Markdown, text);
        let parsed = crate::parse::parse(&source, Default::default());
        let st = &parsed.statements[0];
        st.paragraphs
            .iter()
            .map(|p| {
                let mut countries: Vec<&str> = p.countries.iter().map(|c| c.as_str()).collect();
                countries.sort();
                (st.speaker_names(p).join(";"), countries.join(";"))
            })
            .collect()
    }
}
