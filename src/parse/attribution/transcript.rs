//! The label and turn sieves: in a transcript, a turn label says who speaks ("MR PRICE:", "Reuters:",
//! "Mr. Kuzmin (Russian Federation):", "PRIME MINISTER:", "Q"), and the unlabelled paragraphs after it
//! continue that turn. A record that keeps a question and its answer in fields of their own is read the
//! same way.

use std::collections::HashMap;

use super::super::lexicon::{self, contains};
use super::super::turns::{self, Label};
use super::super::{Draft, Kind, Role};
use super::people::split_office_name;
use super::people::{self, display_name, full_name_in, full_names_in, office_country};
use super::words::{
    capitalised, is_name_word, is_office, join, title_case, tokenize, trim_connectors, Tok,
};
use super::{Attributed, Attributor, Sieve};
use crate::gazetteer::{CountryCode, Gazetteer};

/// Who a turn label names.
pub(super) enum Speaker {
    /// Someone speaking for a side: answers questions.
    Official(usize),
    /// An official the statement never names ("SENIOR ADMINISTRATION OFFICIAL", "PRIME MINISTER:" with no
    /// prime minister named): speaks for the issuing side, or for the country the label gives.
    Unnamed(Option<CountryCode>),
    /// An outlet or journalist: asks questions.
    Asker(usize),
    /// Members calling out from the floor of a sitting ("An HON MEMBER:"): no one named, for no state.
    Floor,
}

impl Attributor<'_> {
    /// Every turn of a transcript: labels open turns, unlabelled paragraphs continue them.
    pub(super) fn transcript(&mut self, draft: &Draft, toks: &[Vec<Tok>]) -> Vec<Attributed> {
        let answerer = spokesperson(&self.registry);
        let briefing = self.model.genre == Some(Kind::PressConference);
        let interviewer = draft
            .title
            .as_deref()
            .and_then(interviewer_in)
            .map(|name| self.registry.add(name, None, self.gazetteer));
        // Each block's label, read once: reading one looks for rare marks through the whole block.
        let labels: Vec<Option<(Label, usize)>> = draft.blocks.iter().map(turns::label).collect();
        // Whether any label carries an office: then a bare name in another label is an interviewer's.
        // A parliament's or a university's style worn before a name ("HON. PROF. B. C. PRASAD") is no
        // office; "MR PRICE" counts, as it always has.
        self.office_labels = labels.iter().any(|l| match l {
            Some((Label::Named(name), _)) => turns::without_brackets(name)
                .split_whitespace()
                .map(|w| title_case(w.trim_end_matches('.')))
                .any(|w| is_office(&w) && !STYLES.contains(&w.as_str())),
            _ => false,
        });
        self.answerer_known = answerer.is_some() || !self.model.authors.is_empty();
        self.sitting = draft
            .blocks
            .iter()
            .zip(&labels)
            .any(|(b, l)| turns::presides(b, l.as_ref()));
        self.asked_questions = labels
            .iter()
            .any(|l| matches!(l, Some((Label::Member(_), 0))));
        self.question_labels = draft.blocks.iter().zip(&labels).any(|(b, l)| {
            b.given_role == Some(Role::Question) || matches!(l, Some((Label::Question, _)))
        });
        // An interview whose turns are labelled by name alone: whoever says the most is interviewed,
        // and everyone else's turns ask.
        let interviewee = (self.model.genre == Some(Kind::Interview) && !self.question_labels)
            .then(|| most_words(draft))
            .flatten();
        // A sitting's question time, as its title says ("ORAL QUESTIONS", "Oral Answers to Questions").
        let question_time = draft
            .title
            .as_deref()
            .is_some_and(|t| t.to_lowercase().contains("question"));
        let mut out: Vec<Attributed> = Vec::with_capacity(draft.blocks.len());
        let mut current: Option<Attributed> = None;
        let mut question: Option<u32> = None;
        let mut labelled = false;
        // The last turn not a host's: what a speaker's words after a host's line answer or add to.
        let mut exchange: Option<Attributed> = None;
        // An unnamed official speaks for the side the statement names as its issuer; an inferred one is
        // too weak to give to every label of a meeting.
        let issuer = self.model.issuer.filter(|_| !self.model.issuer_inferred);
        // The office the last question of a sitting was put to: its answerer holds it.
        let mut asked_office: Option<String> = None;
        // True after the chair of a sitting calls on the opposition ("I now call on the Leader of the
        // Opposition, or his designate"): the next member to speak answers for it, for no state.
        let mut opposition_called = false;
        // The government office the chair of a sitting gives the floor to ("Honourable Prime Minister;
        // you have the Floor."): the next member to speak holds it, however their label names them.
        let mut called: Option<String> = None;
        // True while the last question printed is put to an office of the government ("To ask the
        // Minister for Law"): its answer is that government's, its state however it was found.
        let mut put_to_government = false;
        for (i, block) in draft.blocks.iter().enumerate() {
            let number = i as u32 + 1;
            let put = turns::asked_office(&block.text);
            // Each question printed says to whom it is put; the last one's office decides.
            if let Some(office) = put.as_deref() {
                put_to_government = people::is_government_office(office, self.gazetteer);
            }
            if self.sitting || self.asked_questions {
                if let Some(office) = put {
                    asked_office = Some(office);
                }
            }
            let whole_bold = block
                .bold_lead
                .as_deref()
                .is_some_and(|b| b.len() + 2 >= block.text.len());
            let label = match block.given_role {
                Some(Role::Question) => Some(Label::Question),
                Some(Role::Answer) => Some(Label::Answer),
                _ => labels[i].as_ref().map(|(l, _)| l.clone()),
            };
            labelled |= label.is_some();
            // A call for the opposition holds for the next labelled turn only.
            let hands_on = matches!(label, Some(Label::Host) | None);
            let turn = match label {
                Some(Label::Question) if question.is_none() && !asks(&block.text) => {
                    // "QUESTION: Good afternoon.": a greeting in a question's turn opens no exchange.
                    Attributed::new(
                        interviewer.into_iter().collect(),
                        Role::Question,
                        Sieve::Label,
                    )
                }
                Some(Label::Question) => {
                    question = Some(number);
                    Attributed::new(
                        interviewer.into_iter().collect(),
                        Role::Question,
                        Sieve::Label,
                    )
                }
                Some(Label::Host) => {
                    // A host's line ("OPERATOR: Your line is open.", "MR. SPEAKER.- …") passes the floor
                    // on: the question before it still sets what the next speaker's words answer, and
                    // what follows it unlabelled is still the host's.
                    opposition_called = self.sitting && calls_opposition(&block.text);
                    called = (self.sitting && !opposition_called)
                        .then(|| called_office(&block.text))
                        .flatten();
                    let host = Attributed::new(Vec::new(), Role::Narration, Sieve::Label);
                    current = Some(host.clone());
                    out.push(host);
                    continue;
                }
                Some(Label::Answer) => {
                    // A record's own answer field is the issuing side's answer, however its side was
                    // found, and so is the answer to a question put to its government.
                    let side = if block.given_role == Some(Role::Answer) || put_to_government {
                        self.model.issuer
                    } else {
                        issuer
                    };
                    let mut a = match answerer.or_else(|| self.model.authors.first().copied()) {
                        Some(id) => Attributed::new(vec![id], Role::Answer, Sieve::Label),
                        None => Attributed::unnamed(side, Role::Answer, Sieve::Label),
                    };
                    a.answers = question;
                    a
                }
                Some(Label::Member(name)) => {
                    // A member asks the government, and the minister's next turn answers: in a sitting's
                    // questions (one set out as "2 Mr X asked the Minister …"), every member's turn asks;
                    // in a debate, a member's speech asks no one unless it puts a question.
                    let id = self.registry.add_with(display_name(&name), None, None);
                    if self.asked_questions || block.text.contains('?') {
                        question = Some(number);
                        Attributed::new(vec![id], Role::Question, Sieve::Label)
                    } else {
                        Attributed::new(vec![id], Role::Statement, Sieve::Label)
                    }
                }
                Some(Label::Named(name)) if interviewee.is_some() => {
                    let speaker = match self.label_speaker(&name, draft) {
                        Speaker::Official(id) => {
                            if !self.members.contains(&id) {
                                self.officials.push(id);
                            }
                            self.introduces_self(id, &block.text);
                            vec![id]
                        }
                        Speaker::Asker(id) => vec![id],
                        Speaker::Unnamed(_) | Speaker::Floor => Vec::new(),
                    };
                    if interviewee.as_deref() == Some(name.as_str()) {
                        Attributed {
                            answers: question,
                            ..Attributed::new(speaker, Role::Answer, Sieve::Label)
                        }
                    } else {
                        question = Some(number);
                        Attributed::new(speaker, Role::Question, Sieve::Label)
                    }
                }
                Some(Label::Named(name)) => {
                    let answering = |current: &Option<Attributed>| {
                        // An official answers the question just asked, or adds to another official's
                        // answer; a short word after an answer ("Humeyra.", "Next question.") only runs
                        // the briefing, and remarks before any question (a greeting in a question's turn
                        // is none) are statements.
                        let words = block.text.split_whitespace().count();
                        if words <= MAX_MODERATION_WORDS && gives_the_floor(&block.text) {
                            return false;
                        }
                        match current.as_ref().map(|t| t.role) {
                            Some(Role::Question) => question.is_some(),
                            Some(Role::Answer) => words > 8,
                            _ => false,
                        }
                    };
                    match self.label_speaker(&name, draft) {
                        Speaker::Official(id) => {
                            // A member rising on a point of order is not the one called.
                            if let Some(office) = called.take() {
                                if !block.text.to_lowercase().contains("point of order") {
                                    self.holds(id, office);
                                }
                            }
                            // A member of a sitting answering a minister's statement, or called on
                            // to answer it for the opposition, holds no office of the government that
                            // made it.
                            if self.sitting
                                && (responds(&block.text) || opposition_called)
                                && self.registry.people[id]
                                    .office
                                    .as_deref()
                                    .is_none_or(people::is_address)
                                && !self.members.contains(&id)
                            {
                                self.members.push(id);
                                self.officials.retain(|&o| o != id);
                            }
                            if !self.members.contains(&id) {
                                self.officials.push(id);
                            }
                            self.introduces_self(id, &block.text);
                            // In a sitting, a member, whom the record gives no office, adds nothing
                            // to a minister's answer: their turn after it puts a question (a
                            // supplementary) or makes a point, as a member's labelled turn does. A
                            // question just put to an office is answered by whoever speaks next,
                            // however the label names them.
                            let member_after_answer = (self.sitting || self.asked_questions)
                                && asked_office.is_none()
                                && self.registry.people[id]
                                    .office
                                    .as_deref()
                                    .is_none_or(people::is_address)
                                && exchange.as_ref().is_some_and(|t| {
                                    t.role == Role::Answer && !t.speakers.contains(&id)
                                });
                            if member_after_answer {
                                if self.asked_questions || block.text.contains('?') {
                                    question = Some(number);
                                    Attributed::new(vec![id], Role::Question, Sieve::Label)
                                } else {
                                    Attributed::new(vec![id], Role::Statement, Sieve::Label)
                                }
                            } else if answering(&exchange) {
                                // The minister a sitting's question was put to answers it, however
                                // the label names them: not a member, whatever the label's shape.
                                if let Some(office) = asked_office.take() {
                                    self.holds(id, office);
                                }
                                Attributed {
                                    answers: question,
                                    ..Attributed::new(vec![id], Role::Answer, Sieve::Label)
                                }
                            } else if !self.question_labels
                                && block.text.trim_end().ends_with('?')
                                && block.text.split_whitespace().count() <= MAX_ASKING_WORDS
                            {
                                // A conversation without question labels: a short turn that asks
                                // opens an exchange the next speaker answers; a speech that ends on
                                // a question asks no one.
                                question = Some(number);
                                Attributed::new(vec![id], Role::Question, Sieve::Label)
                            } else {
                                Attributed::new(vec![id], Role::Statement, Sieve::Label)
                            }
                        }
                        Speaker::Unnamed(country) => {
                            // "I shall now make a statement in my capacity as the representative of X".
                            let country =
                                country.or_else(|| capacity_of(&block.text, self.gazetteer));
                            let role = if answering(&exchange) {
                                // "The MINISTER OF HEALTH:" answers the question put to the office;
                                // a member's turn after it is no answer to it.
                                asked_office = None;
                                Role::Answer
                            } else {
                                Role::Statement
                            };
                            Attributed {
                                answers: (role == Role::Answer).then_some(question).flatten(),
                                ..Attributed::unnamed(country.or(issuer), role, Sieve::Label)
                            }
                        }
                        // A call from the floor interrupts a speech; it opens no exchange for the
                        // speaker to answer.
                        Speaker::Floor => Attributed::unnamed(None, Role::Statement, Sieve::Label),
                        Speaker::Asker(id) => {
                            if question.is_some() || asks(&block.text) {
                                question = Some(number);
                            }
                            Attributed::new(vec![id], Role::Question, Sieve::Label)
                        }
                    }
                }
                // "The following questions were raised after the press conference:" opens no turn.
                None if block.heading && !labelled => {
                    self.prose(block, &toks[i], draft.blocks.get(i + 1))
                }
                None if is_transition(&block.text) || block.heading => {
                    Attributed::new(Vec::new(), Role::Narration, Sieve::Narration)
                }
                None if whole_bold && block.text.ends_with('?') => {
                    question = Some(number);
                    Attributed::new(Vec::new(), Role::Question, Sieve::Label)
                }
                // Before the first label, the page's own prose: its summary, a speech the turns follow.
                None => match current.as_ref().filter(|_| labelled) {
                    // A member's turn at a sitting's question time that goes on to put a question ("…
                    // Is this office still operational?") asks it from its start: the minister's next
                    // turn answers.
                    Some(turn)
                        if self.sitting
                            && question_time
                            && turn.role == Role::Statement
                            && block.text.contains('?')
                            && self.member_speaks(turn) =>
                    {
                        question = Some(number);
                        for earlier in out.iter_mut().rev() {
                            if earlier.speakers != turn.speakers || earlier.role != Role::Statement
                            {
                                break;
                            }
                            earlier.role = Role::Question;
                        }
                        Attributed {
                            sieve: Sieve::Turn,
                            role: Role::Question,
                            ..turn.clone()
                        }
                    }
                    Some(turn) => Attributed {
                        sieve: Sieve::Turn,
                        ..turn.clone()
                    },
                    // Before the first turn of a press conference the spokesperson announces.
                    None if briefing && answerer.is_some() => Attributed::new(
                        answerer.into_iter().collect(),
                        Role::Statement,
                        Sieve::Turn,
                    ),
                    None => self.prose(block, &toks[i], draft.blocks.get(i + 1)),
                },
            };
            if !hands_on {
                opposition_called = false;
                called = None;
            }
            current = Some(turn.clone());
            exchange = Some(turn.clone());
            out.push(turn);
        }
        // At question time a minister takes the floor to answer: a question put the day before, or
        // one the record does not print. The offices are known once the whole record is read: the
        // chair's calls name them after the minister's first turn as often as before it.
        // A member's turn there puts a question, or asks again, unless it raises a point of order
        // (or makes it when the chair asks for it).
        if self.sitting && question_time {
            let mut order = false;
            for (turn, block) in out.iter_mut().zip(&draft.blocks) {
                let lower = block.text.to_lowercase();
                let raised = lower.contains("point of order");
                if turn.role == Role::Statement && !(raised || order) {
                    if let [id] = turn.speakers[..] {
                        if self.holds_office(id) {
                            turn.role = Role::Answer;
                        } else if self.member_speaks(turn) {
                            turn.role = Role::Question;
                        }
                    }
                }
                // A turn's continuation goes on with its label's point of order; a chair who asks what
                // the point is hands the floor to the member who makes it ("There is no point of
                // order" hands it back to the question).
                if turn.sieve != Sieve::Turn {
                    order = raised && (!turn.speakers.is_empty() || lower.contains('?'));
                }
            }
        }
        self.given_names_from_vocatives(draft, &out);
        self.interpreted_guests(draft, &labels, &out);
        out
    }

    /// True for a person the record gives an office of the government: a minister's, or its head's.
    fn holds_office(&self, id: usize) -> bool {
        self.registry.people[id]
            .office
            .as_deref()
            .is_some_and(|o| people::is_government_office(o, self.gazetteer))
    }

    /// True for a turn of one person the record gives no office of the government: a member.
    fn member_speaks(&self, turn: &Attributed) -> bool {
        let [id] = turn.speakers[..] else {
            return false;
        };
        self.registry.people[id]
            .office
            .as_deref()
            .is_none_or(people::is_address)
    }

    /// Gives a speaker who speaks through an interpreter ("MINISTER HAGIUDA: (Via interpreter) …") and
    /// whom nothing else places the state their own turns name most, other than the issuer's: a guest
    /// at the issuing side's event, not one of its officials.
    fn interpreted_guests(
        &mut self,
        draft: &Draft,
        labels: &[Option<(Label, usize)>],
        turns: &[Attributed],
    ) {
        // A guest is the other side of a side the statement names; with none named, nobody is.
        if self.model.issuer.is_none() || self.model.issuer_inferred {
            return;
        }
        let mut guests: Vec<usize> = Vec::new();
        for ((turn, block), label) in turns.iter().zip(&draft.blocks).zip(labels) {
            let [id] = turn.speakers[..] else { continue };
            let Some((_, end)) = label else { continue };
            // The note right after the label: "(Via interpreter)", "(As interpreted)".
            let after = block
                .text
                .get((*end).min(block.text.len())..)
                .unwrap_or_default()
                .trim_start();
            let interpreted = after
                .strip_prefix('(')
                .and_then(|rest| rest.split_once(')'))
                .is_some_and(|(note, _)| note.to_ascii_lowercase().contains("interpret"));
            if turn.sieve == Sieve::Label
                && turn.role != Role::Question
                && interpreted
                && !self.registry.is_outlet(id)
                && self.registry.people[id].country.is_none()
                && !guests.contains(&id)
            {
                guests.push(id);
            }
        }
        for id in guests {
            let mut counts: HashMap<CountryCode, usize> = HashMap::new();
            for (turn, block) in turns.iter().zip(&draft.blocks) {
                if turn.speakers[..] != [id] {
                    continue;
                }
                for m in self.gazetteer.mentions(&block.text) {
                    if Some(m.code) != self.model.issuer {
                        *counts.entry(m.code).or_default() += 1;
                    }
                }
            }
            let mut ranked: Vec<(usize, CountryCode)> =
                counts.into_iter().map(|(c, n)| (n, c)).collect();
            ranked.sort_by(|a, b| b.cmp(a));
            match ranked[..] {
                [(n, c)] if n >= MIN_GUEST_MENTIONS => self.registry.people[id].country = Some(c),
                [(n, c), (m, _), ..] if n >= MIN_GUEST_MENTIONS && n >= 2 * m => {
                    self.registry.people[id].country = Some(c)
                }
                _ => {}
            }
        }
    }

    /// Completes officials known only by a surname ("MS PORTER:") with the given name the people they
    /// speak with call them by, in the turns just before and after theirs ("QUESTION: Hi, Jalina.",
    /// "SECRETARY BLINKEN: Thank you, Jens.").
    fn given_names_from_vocatives(&mut self, draft: &Draft, turns: &[Attributed]) {
        // The labelled turns in order: who speaks, and the text that opens the turn.
        let opened: Vec<(&[usize], &str)> = turns
            .iter()
            .zip(&draft.blocks)
            .filter(|(t, _)| t.sieve == Sieve::Label)
            .map(|(t, b)| (t.speakers.as_slice(), b.text.as_str()))
            .collect();
        let mut votes: HashMap<usize, HashMap<String, usize>> = HashMap::new();
        for (i, (speakers, _)) in opened.iter().enumerate() {
            let [id] = speakers[..] else { continue };
            if self.registry.words[id].len() != 1 || self.registry.is_outlet(id) {
                continue;
            }
            let neighbours = [i.checked_sub(1), Some(i + 1)];
            for j in neighbours.into_iter().flatten() {
                let Some((other, text)) = opened.get(j) else {
                    continue;
                };
                if other.contains(&id) {
                    continue;
                }
                if let Some(name) = vocative(text) {
                    *votes.entry(id).or_default().entry(name).or_default() += 1;
                }
            }
        }
        for (id, names) in votes {
            let mut ranked: Vec<(usize, String)> = names.into_iter().map(|(n, c)| (c, n)).collect();
            ranked.sort_by(|a, b| b.cmp(a));
            let best = match &ranked[..] {
                [(_, name)] => name.clone(),
                [(n, name), (m, _), ..] if n > m => name.clone(),
                _ => continue,
            };
            // A name that is a participant's surname is someone else.
            if self
                .registry
                .words
                .iter()
                .any(|w| w.last() == Some(&best.to_lowercase()))
            {
                continue;
            }
            let p = &self.registry.people[id];
            let full = format!("{best} {}", p.name);
            let (office, country) = (p.office.clone(), p.country);
            self.registry.rename(id, full, office, country);
        }
    }

    /// Gives a speaker the office and state they introduce themselves with, when the statement gave
    /// them none: "I'm Taiwan's Digital Minister", "I am Hagiuda Koichi, Minister of Economy, Trade and
    /// Industry of Japan".
    fn introduces_self(&mut self, id: usize, text: &str) {
        if self.registry.people[id].country.is_some() {
            return;
        }
        for (at, intro) in text
            .match_indices("I am ")
            .chain(text.match_indices("I’m "))
            .chain(text.match_indices("I'm "))
        {
            let rest = &text[at + intro.len()..];
            // "I'm Taiwan's Digital Minister", "I am the Foreign Minister of X", "I am Jane Roe,
            // Minister of …"; not "I'm here with my colleague …".
            let first = rest.split_whitespace().next().unwrap_or_default();
            if !(first.starts_with(|c: char| c.is_uppercase())
                || matches!(first, "the" | "a" | "an"))
            {
                continue;
            }
            let mut end = rest
                .find(['.', '!', '?', ';'])
                .unwrap_or(rest.len())
                .min(160);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let phrase = &rest[..end];
            let toks = tokenize(phrase, self.gazetteer);
            if !toks.iter().any(|t| t.is_cap() && is_office(t.text)) {
                continue;
            }
            if let Some(country) = office_country(phrase, self.gazetteer) {
                self.registry.people[id].country = Some(country);
                return;
            }
        }
    }

    /// A sitting's member whom the record shows holding `office` (asked a question put to it, called on
    /// by it): a minister, no member, unless a label already gave them an office.
    fn holds(&mut self, id: usize, office: String) {
        let person = &mut self.registry.people[id];
        if person.office.as_deref().is_none_or(people::is_address) {
            person.office = Some(office);
            self.members.retain(|&m| m != id);
            if !self.officials.contains(&id) {
                self.officials.push(id);
            }
        }
    }

    /// Who a turn label names: an official of the statement (found by name or office, or new), an
    /// unnamed official, or someone asking (an outlet or journalist).
    fn label_speaker(&mut self, label: &str, draft: &Draft) -> Speaker {
        let speaker = self.label_speaker_by_name(label);
        if let Speaker::Official(id) = speaker {
            // "MS PORTER:" names a surname; the text usually gives the full name once ("It is my
            // pleasure to introduce Jane Porter").
            let name = self.registry.people[id].name.clone();
            let parts: Vec<&str> = name.split_whitespace().collect();
            let full = match parts[..] {
                // One word of the registry's (a hyphenated "Kurtz-Phelan" is two): a surname alone.
                [_] if self.registry.words[id].len() == 1 => {
                    full_name_in(draft.texts(), &name, self.gazetteer)
                }
                // "MR T. HEATHER": a record's initials; the text gives the names they stand for ("I
                // see the Honourable Teariki Heather") where their letters open them.
                [ref initials @ .., surname] if initials.iter().all(|w| w.chars().count() == 1) => {
                    full_names_in(draft.texts(), surname, self.gazetteer, |full| {
                        let words: Vec<&str> = full.split_whitespace().collect();
                        words.split_last().is_some_and(|(_, given)| {
                            !given.is_empty() && people::initials_open(initials, given)
                        })
                    })
                }
                _ => None,
            };
            if let Some(full) = full {
                let office = self.registry.people[id].office.clone();
                let country = self.registry.people[id].country;
                self.registry.rename(id, full, office, country);
            }
        }
        speaker
    }

    fn label_speaker_by_name(&mut self, label: &str) -> Speaker {
        if let Some(&id) = self.askers.get(label) {
            return Speaker::Asker(id);
        }
        // "An HON MEMBER:", "HON. OPPOSITION MEMBERS.-": members calling out from the floor, unnamed, for
        // no state.
        if unnamed_members(label) {
            return Speaker::Floor;
        }
        // "Mr. Kuzmin (Russian Federation) (spoke in Russian)": the country in brackets is the
        // speaker's; notes on language or interpretation are not part of the name.
        let (head, bracketed) = split_brackets(label);
        let bracket_country = bracketed
            .iter()
            .filter(|b| !turns::is_language_note(b))
            .find_map(|b| {
                self.gazetteer
                    .resolve(b)
                    .or_else(|| self.gazetteer.country_of(b))
            });
        // The label in the case running text uses ("PRIME MINISTER KISHIDA" → "Prime Minister Kishida"),
        // read as an office and the name that ends it: "President of Russia Vladimir Putin".
        // "PM:" is the prime minister's turn.
        let head = match lexicon::OFFICE_ABBREVIATIONS.get(head.trim_end_matches('.')) {
            Some(office) => office.to_string(),
            None => head,
        };
        let words: Vec<String> = head
            .split_whitespace()
            .map(|w| {
                let w = w.trim_end_matches('.');
                match w.to_lowercase().as_str() {
                    c @ ("of" | "the" | "and" | "for") if w.chars().all(char::is_uppercase) => {
                        c.to_string()
                    }
                    // A state's short form stays in capitals, where alone it names the state ("NZ").
                    _ if w.len() <= 4 && !self.gazetteer.mentions(w).is_empty() => w.to_string(),
                    _ => title_case(w),
                }
            })
            .filter(|w| !w.is_empty())
            .collect();
        let is_honorific = |w: &str| contains(&lexicon::HONORIFICS, w);
        let honorific = words.iter().any(|w| is_honorific(w));
        let phrase = words
            .iter()
            .filter(|w| !is_honorific(w) && !w.eq_ignore_ascii_case("the"))
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let toks = tokenize(&phrase, self.gazetteer);
        let (office_toks, name_toks) = split_office_name(&toks).unwrap_or((&toks[..], &[]));
        let office = join(trim_connectors(office_toks), &phrase);
        let name = join(name_toks, &phrase);
        let has_office = office_toks.iter().any(|t| is_office(t.text));
        let name_words: Vec<String> = name_toks
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.text.to_lowercase())
            .collect();
        // A sitting whose other labels give offices ("The MINISTER OF HEALTH:") names its members by
        // name alone.
        let member = self.sitting && self.office_labels && !has_office && bracket_country.is_none();
        if let Some(id) = self.registry.find(&name_words) {
            let addressed_only = self.registry.people[id]
                .office
                .as_deref()
                .is_none_or(people::is_address);
            if member
                && addressed_only
                && self.registry.people[id].country.is_none()
                && !self.members.contains(&id)
            {
                self.members.push(id);
            }
            // "Mr K Shanmugam" named in the text, "The Minister for Foreign Affairs (Mr K Shanmugam):"
            // in the label: the label gives the office, and its holder is no member.
            if addressed_only && has_office {
                self.registry.people[id].office = Some(office.clone());
                self.members.retain(|&m| m != id);
            }
            if self.registry.people[id].country.is_none() {
                self.registry.people[id].country =
                    bracket_country.or_else(|| office_country(&office, self.gazetteer));
            }
            // Where the other side's labels carry offices, someone the statement names without one,
            // labelled without one, asks: the journalist of an interview.
            if self.office_labels
                && !has_office
                && !honorific
                && self.registry.people[id].office.is_none()
                && !self.model.authors.contains(&id)
            {
                self.askers.insert(label.to_string(), id);
                return Speaker::Asker(id);
            }
            return Speaker::Official(id);
        }
        if name.is_empty() {
            // "THE SECRETARY", "PRIME MINISTER": an office alone, held by someone the statement names.
            let office_words: Vec<&str> = office_toks.iter().map(|t| t.text).collect();
            if let Some(id) = self.registry.by_office(&office_words) {
                // "PRESIDENT OF THE UNITED STATES OF AMERICA:": the office spelt out gives its state.
                if self.registry.people[id].country.is_none() {
                    self.registry.people[id].country =
                        bracket_country.or_else(|| office_country(&office, self.gazetteer));
                }
                return Speaker::Official(id);
            }
            // "MINISTER BISHOP": a surname that is also an office word, of someone the statement names.
            if let Some(last) = office_toks.last().filter(|_| office_toks.len() >= 2) {
                if let Some(id) = self.registry.find(&[last.text.to_lowercase()]) {
                    return Speaker::Official(id);
                }
            }
            // An office no one is named for: an unnamed official, not a person called "Official"; of
            // the state it names, if any.
            // "The MINISTER OF FOREIGN AFFAIRS:" in a record issued by no one named: the home side's.
            if has_office {
                // "The LEADER OF THE OPPOSITION:" speaks for the opposition benches, for no state.
                if people::is_opposition_office(&office) {
                    return Speaker::Floor;
                }
                let home = self
                    .model
                    .issuer
                    .filter(|_| people::is_home_office(&office, self.gazetteer));
                return Speaker::Unnamed(
                    bracket_country
                        .or_else(|| office_country(&office, self.gazetteer))
                        .or(home),
                );
            }
        }
        // A person speaking for a side carries an honorific, an office, or a country in brackets.
        if honorific || bracket_country.is_some() || has_office {
            let office = (!office.is_empty()).then_some(office);
            let full = if name.is_empty() { phrase } else { name };
            let country = bracket_country.or_else(|| {
                office
                    .as_deref()
                    .and_then(|o| office_country(o, self.gazetteer))
            });
            let member = member && office.is_none() && country.is_none();
            let id = self.registry.add_with(full, office, country);
            if member {
                self.members.push(id);
            }
            return Speaker::Official(id);
        }
        // A bare name the statement introduces nowhere: a speaker of a conversation where no spokesperson
        // answers (where unnamed visitors ask, "Visitor:", the named one answers them), else someone
        // asking (a journalist, an interviewer, an outlet).
        let person = name_words.len() >= 2 && toks.iter().all(|t| is_name_word(t) || !t.is_word());
        if person && !self.office_labels && !self.answerer_known {
            return Speaker::Official(self.registry.add(name, None, self.gazetteer));
        }
        if person || (!bracketed.is_empty() && name_words.len() >= 2) {
            let id = self.registry.add(display_name(&head), None, self.gazetteer);
            self.askers.insert(label.to_string(), id);
            return Speaker::Asker(id);
        }
        // Nobody introduced and no office: an outlet asking, kept as written.
        let id = self.registry.push_outlet(label.to_string());
        self.askers.insert(label.to_string(), id);
        Speaker::Asker(id)
    }
}

/// True when a turn opens by answering someone else's statement ("I thank the honourable Minister for his
/// Ministerial Statement"): within its first few lines, where a speech says what it is, past the
/// greetings of the House.
fn responds(text: &str) -> bool {
    let opening: String = text
        .chars()
        .take(RESPONSE_WINDOW)
        .collect::<String>()
        .to_lowercase();
    lexicon::RESPONSES.iter().any(|w| opening.contains(w))
}

/// True when a chair's turn gives the floor to the opposition ("I now call on the Leader of the
/// Opposition, or his designate"), or to a party leader's designate for the party's reply ("the Leader
/// of the G9 Bloc, or his designate"): the one called is named up to the first comma, "to" or "for",
/// so "the Minister to respond to the Opposition" calls the Minister.
fn calls_opposition(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["call on ", "call upon ", "give the floor to ", "invite "]
        .iter()
        .flat_map(|key| lower.match_indices(key).map(|(at, k)| at + k.len()))
        .any(|from| {
            let rest = &lower[from..];
            let end = [",", ";", " to ", " for "]
                .iter()
                .filter_map(|stop| rest.find(stop))
                .min()
                .unwrap_or(rest.len());
            let called = &rest[..end];
            let opposition = called
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| contains(&lexicon::OPPOSITION, &capitalised(w)));
            let after = rest[end..].trim_start_matches([',', ' ']);
            let designate = called.split_whitespace().any(|w| w == "leader")
                && ["or his designate", "or her designate", "or their designate"]
                    .iter()
                    .any(|d| called.contains(d) || after.starts_with(d));
            opposition || designate
        })
}

/// The government office a chair gives the floor to: "I now call on the honourable Minister for Lands
/// to take the floor", "I see the Honourable Minister George Angene; you have the Floor", "Honourable
/// Prime Minister; you have the Floor". A house's own roles ("the Member for Nukuroa", "the Chief
/// Whip") and the opposition's are none; only the last call of the turn counts ("I see the Prime
/// Minister is not in the House today. I call on the Honourable Vaine Puna." calls no minister).
fn called_office(text: &str) -> Option<String> {
    let mut starts: Vec<usize> = [
        "call on ",
        "call upon ",
        "give the floor to ",
        "invite ",
        "i see ",
    ]
    .iter()
    .flat_map(|key| find_ascii_ci(text, key).map(move |at| at + key.len()))
    .collect();
    // "Honourable Prime Minister; you have the Floor.": the call is the sentence itself.
    for at in find_ascii_ci(text, "you have the floor") {
        let before = text[..at].trim_end_matches([';', ',', ' ']);
        let sentence = before.rfind(['.', '!', '?', ':']).map_or(0, |end| end + 1);
        starts.push(sentence + (before[sentence..].len() - before[sentence..].trim_start().len()));
    }
    let from = starts.into_iter().max()?;
    let rest = &text[from..];
    let end = [",", ";", ".", " to ", " you "]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    let called = &rest[..end];
    if people::is_opposition_office(called) {
        return None;
    }
    office_called(called)
}

/// Where an ASCII `key` starts in `text`, without case: byte offsets of `text` itself, which a
/// lowercased copy's need not be ("İ" lowercases to three bytes).
fn find_ascii_ci<'a>(text: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (text, key) = (text.as_bytes(), key.as_bytes());
    (0..(text.len() + 1).saturating_sub(key.len()))
        .filter(move |&at| text[at..at + key.len()].eq_ignore_ascii_case(key))
}

/// The office a chair's call names, its name left out: "the Honourable Minister George Angene" →
/// "Minister". A portfolio after "for" or "of" stays ("Minister for Lands"). An office whose head is a
/// house's own role ("Deputy Speaker", "Chief Whip", "Deputy Leader") is none, and so is a phrase that
/// goes on in lowercase: "the Prime Minister is not in the House" calls no one.
fn office_called(called: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    let mut portfolio = false;
    let mut head: Option<String> = None;
    for w in called.split_whitespace() {
        // "the honourable Minister", "HONOURABLE PRIME MINISTER": each word as a name would open.
        let word = capitalised(&title_case(w.trim_end_matches('.')));
        if words.is_empty() && (word == "The" || contains(&lexicon::HONORIFICS, &word)) {
            continue;
        }
        let capital = w.starts_with(char::is_uppercase);
        let role = is_office(&word) || contains(&lexicon::HOUSE_ROLES, &word);
        if role && !portfolio {
            head = Some(word);
        } else if matches!(w, "for" | "of" | "and") && !words.is_empty() {
            portfolio = true;
        } else if !(portfolio && capital) {
            // The holder's name after the office ends it; anything else is no call.
            if capital && head.is_some() {
                break;
            }
            return None;
        }
        words.push(w);
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "for" | "of" | "and"))
    {
        words.pop();
    }
    let head = head?;
    (!contains(&lexicon::HOUSE_ROLES, &head)).then(|| words.join(" "))
}

/// Characters of a turn's opening read for a response: a label and "Mr. Speaker, Sir, the honourable
/// Prime Minister, honourable Leader of the Opposition, …" come first.
const RESPONSE_WINDOW: usize = 400;

/// True for a label that names members of a house only as such: "An HON MEMBER", "HON. MEMBERS",
/// "HON. OPPOSITION MEMBERS".
fn unnamed_members(label: &str) -> bool {
    let words = turns::label_words(label);
    words
        .iter()
        .any(|w| matches!(w.as_str(), "member" | "members"))
        && words.iter().all(|w| {
            matches!(
                w.as_str(),
                "a" | "an" | "some" | "member" | "members" | "opposition" | "government"
            ) || contains(&lexicon::HONORIFICS, &capitalised(w))
        })
}

/// Styles a record puts before a member's name that the office lexicon also holds.
const STYLES: [&str; 4] = ["Prof", "Professor", "Hon", "Honourable"];

/// Fewest mentions of a state in an interpreted guest's turns that place the guest in it.
const MIN_GUEST_MENTIONS: usize = 2;

/// Most words a question's turn may have without a question mark and still be only a greeting or an
/// aside ("Good afternoon.", "Happy birthday, Ned.").
const MAX_ASIDE_WORDS: usize = 8;

/// The given name a turn opens by addressing someone with: "Hi, Jalina.", "Thank you, Jens.", "dear
/// Jens"; the turn's label set aside.
fn vocative(text: &str) -> Option<String> {
    let body = match text.find(':') {
        Some(colon) if colon < 60 => &text[colon + 1..],
        _ => text,
    };
    let body = body.trim_start().trim_start_matches(['(', ')']);
    let words: Vec<&str> = body.split_whitespace().take(6).collect();
    let greeting = |w: &str| {
        matches!(
            w.trim_end_matches([',', '.', '!']).to_lowercase().as_str(),
            "thank"
                | "thanks"
                | "hi"
                | "hello"
                | "hey"
                | "dear"
                | "afternoon"
                | "morning"
                | "evening"
        )
    };
    for pair in words.windows(2) {
        let name = pair[1].trim_end_matches([',', '.', '!', '?']);
        let opens = greeting(pair[0]) || (pair[0] == "you," && words.first() == Some(&"Thank"));
        let capitalised = name.chars().next().is_some_and(char::is_uppercase)
            && name.chars().skip(1).all(char::is_lowercase)
            && name.chars().count() >= 3;
        if opens
            && capitalised
            && pair[1].len() > name.len()
            && !contains(&lexicon::HONORIFICS, name)
            && !is_office(name)
            && !contains(&lexicon::NEVER_NAME, name)
        {
            return Some(name.to_string());
        }
    }
    None
}

/// The state a chair speaks for when they say so: "in my capacity as (the) representative of X".
fn capacity_of(text: &str, gazetteer: &Gazetteer) -> Option<CountryCode> {
    let lower = text.to_lowercase();
    let at = lower.find("in my capacity as")?;
    let rest = &text[at..];
    let of = rest.find(" of ")?;
    let after = &rest[of + 4..];
    let mut end = after.find(['.', ',', ';']).unwrap_or(after.len()).min(60);
    while !after.is_char_boundary(end) {
        end -= 1;
    }
    gazetteer.mentions(&after[..end]).first().map(|m| m.code)
}

/// Most words of a turn that only gives the floor.
const MAX_MODERATION_WORDS: usize = 20;

/// Most words of a named turn that asks in a conversation ("When did you arrive?"); a longer turn
/// ending on a question is a speech's rhetorical one.
const MAX_ASKING_WORDS: usize = 40;

/// True for a turn that gives the floor to the next questioner ("Our first question will go to …").
fn gives_the_floor(text: &str) -> bool {
    let lower = text.to_lowercase();
    lexicon::MODERATION.iter().any(|p| lower.contains(p))
}

/// True for a question's turn that asks something: a question mark, or more words than a greeting.
fn asks(text: &str) -> bool {
    text.contains('?') || text.split_whitespace().count() > MAX_ASIDE_WORDS
}

/// A label without its bracketed parts, and those parts: "Mr. Roe (Norway) (spoke in French)" →
/// ("Mr. Roe", ["Norway", "spoke in French"]).
fn split_brackets(label: &str) -> (String, Vec<String>) {
    let mut head = String::new();
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut part = String::new();
    for c in label.chars() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    part.clear();
                    continue;
                }
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parts.push(part.trim().to_string());
                    continue;
                }
            }
            _ => {}
        }
        if depth > 0 {
            part.push(c);
        } else {
            head.push(c);
        }
    }
    (head.split_whitespace().collect::<Vec<_>>().join(" "), parts)
}

/// The participant whose office is a spokesperson's: who answers "A:".
fn spokesperson(registry: &super::people::Registry) -> Option<usize> {
    registry.people.iter().position(|p| {
        p.office.as_deref().is_some_and(|o| {
            o.split_whitespace()
                .any(|w| matches!(w, "Spokesperson" | "Spokesman" | "Spokeswoman"))
        })
    })
}

/// The journalist an interview's title names: "Secretary Jane Roe with John Doe of Example News" →
/// "John Doe", who asks the unnamed "QUESTION:" turns.
pub(super) fn interviewer_in(title: &str) -> Option<String> {
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

/// The label whose turns hold the most words, counting the unlabelled paragraphs that continue them.
fn most_words(draft: &Draft) -> Option<String> {
    let mut words: HashMap<String, usize> = HashMap::new();
    let mut current: Option<String> = None;
    for block in &draft.blocks {
        match turns::label(block) {
            Some((Label::Named(name) | Label::Member(name), _)) => current = Some(name),
            Some(_) => current = None,
            None => {}
        }
        if let Some(name) = &current {
            *words.entry(name.clone()).or_default() += block.text.split_whitespace().count();
        }
    }
    words
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocatives_give_a_first_name() {
        assert_eq!(
            vocative("QUESTION: Hi, Jalina. Happy Wednesday.").as_deref(),
            Some("Jalina")
        );
        assert_eq!(
            vocative("SECRETARY ROE: Thank you, Jens. Good to be here.").as_deref(),
            Some("Jens")
        );
        assert_eq!(
            vocative("QUESTION: Thank you, Mr. Secretary.").as_deref(),
            None
        );
        assert_eq!(
            vocative("QUESTION: Thank you. Is there a chance?").as_deref(),
            None
        );
        assert_eq!(vocative("MR LANE: Thanks, everyone.").as_deref(), None);
    }

    #[test]
    fn brackets_are_set_apart_from_the_name() {
        assert_eq!(
            split_brackets("Mr. Kuzmin (Russian Federation) (spoke in Russian)"),
            (
                "Mr. Kuzmin".to_string(),
                vec![
                    "Russian Federation".to_string(),
                    "spoke in Russian".to_string()
                ]
            )
        );
        assert_eq!(
            split_brackets("The President"),
            ("The President".to_string(), vec![])
        );
    }

    #[test]
    fn a_chair_calls_on_the_opposition_or_a_party_leaders_designate() {
        for called in [
            "MR. SPEAKER.- I now call on the Leader of the Opposition, or his designate.",
            "MR. SPEAKER.- I now call on the Hon. Leader of the Opposition.",
            "MR. SPEAKER.- I now call upon the Leader of the G9-Bloc or his designate for his response.",
            "MR. SPEAKER.- I will now call on the Shadow Minister for Trade.",
            "MR. SPEAKER.- I now give the floor to the leader of the G9-Bloc or his designate.",
        ] {
            assert!(calls_opposition(called), "{called}");
        }
        for not in [
            "MR. SPEAKER.- I now call on the honourable Minister for Fisheries to respond to the Opposition.",
            "MR. SPEAKER.- I now call upon the honourable Attorney-General, or his designate.",
            "MR. SPEAKER.- I invite the Ambassador-designate to take a seat.",
            "MR. SPEAKER.- The Opposition has asked for time; I call on the Minister.",
        ] {
            assert!(!calls_opposition(not), "{not}");
        }
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

    #[test]
    fn a_chair_calls_a_government_office_not_a_house_role() {
        let called = |t: &str| called_office(t);
        assert_eq!(
            called("I see the Honourable Minister Jo Roe; you have the Floor.").as_deref(),
            Some("Minister")
        );
        assert_eq!(
            called("Thank you, Minister.  I see the Deputy Prime Minister; you have the Floor.")
                .as_deref(),
            Some("Deputy Prime Minister")
        );
        assert_eq!(
            called("MR SPEAKER: Honourable Prime Minister; you have the Floor.").as_deref(),
            Some("Prime Minister")
        );
        assert_eq!(
            called("I now call on the honourable Minister for Lands to take the floor.").as_deref(),
            Some("Minister for Lands")
        );
        for call in [
            "I see the Member for Nukuroa; you have the Floor.",
            "I now call on the Leader of the G9-Bloc, or his designate.",
            "I see the Honourable Teariki Lima.",
            "Honourable Members, we will now adjourn for tea.",
            "I see the Deputy Leader of the Opposition; you have the Floor.",
            "I see the Chief Whip; you have the Floor.",
            "I see the Prime Minister is not in the House today. I call on the Honourable Vaine Puna.",
            // Offsets stay on the text's own letters however its case folds.
            "Thank you, Mr İnce. I see Émile Roe of STRAẞE; you have the Floor.",
        ] {
            assert_eq!(called(call), None, "{call}");
        }
    }
}
