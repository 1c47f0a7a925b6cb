//! Raw records to [`Statement`]s: title, date, kind, participants, and paragraphs attributed to speakers.
//!
//! Pure functions of text: no I/O, no index. Each input format has a module that finds the title and the
//! paragraphs; [`attribution`] then decides who speaks in each paragraph, the same way for every format.

pub mod attribution;
pub mod date;
pub mod lexicon;
pub mod text;

use serde::Serialize;

use crate::corpus::{Format, Source};
use crate::gazetteer::CountryCode;

/// One statement: a readout, a speech, a press conference, … split into paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Stable id: the source path, plus a record number for files holding several statements.
    pub id: String,
    /// Source file relative to the corpus folder.
    pub source: String,
    /// Title, if the statement has one.
    pub title: Option<String>,
    /// Day of the statement, if it can be found; never guessed.
    pub date: Option<jiff::civil::Date>,
    /// What kind of statement this is.
    pub kind: Kind,
    /// The people the statement names with an office or as speakers.
    pub participants: Vec<Participant>,
    /// Body paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
}

/// A person taking part in a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// Full name as the statement first gives it ("Thongloun Sisoulith").
    pub name: String,
    /// Office or party phrase that introduced the name, if any.
    pub office: Option<String>,
    /// Country the person speaks for, from the office or party.
    pub country: Option<CountryCode>,
}

/// One body paragraph and who speaks in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Position among the body paragraphs, from 1.
    pub number: u32,
    /// The paragraph's text.
    pub text: String,
    /// Indexes into [`Statement::participants`], in the order the paragraph names them.
    pub speakers: Vec<usize>,
    /// What the paragraph is.
    pub role: Role,
}

/// What a paragraph is within its statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// One speaker's words, reported or direct.
    Statement,
    /// No speaker: who met whom, when.
    Narration,
    /// Several speakers together ("X and Y jointly announced").
    Joint,
    /// A question in a transcript.
    Question,
    /// An answer in a transcript.
    Answer,
}

impl Role {
    /// The name stored in the index and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Statement => "statement",
            Role::Narration => "narration",
            Role::Joint => "joint",
            Role::Question => "question",
            Role::Answer => "answer",
        }
    }
}

/// The genre of a statement, from its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A readout of a call or meeting.
    Readout,
    /// A press conference or briefing transcript.
    PressConference,
    /// A speech, address or remarks.
    Speech,
    /// A joint statement or declaration.
    JointStatement,
    /// An interview.
    Interview,
    /// Anything else.
    Statement,
}

impl Kind {
    /// The name stored in the index and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Readout => "readout",
            Kind::PressConference => "press_conference",
            Kind::Speech => "speech",
            Kind::JointStatement => "joint_statement",
            Kind::Interview => "interview",
            Kind::Statement => "statement",
        }
    }

    /// Guesses the kind from a title's wording.
    pub fn from_title(title: &str) -> Kind {
        let t = title.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["press conference", "briefing", "press availability"]) {
            Kind::PressConference
        } else if has(&["joint statement", "joint declaration", "joint communiqu"]) {
            Kind::JointStatement
        } else if has(&["interview"]) {
            Kind::Interview
        } else if has(&[
            "speaks with",
            "call with",
            "phone",
            "meets",
            "meeting with",
            "talks with",
            "holds talks",
            "readout",
        ]) {
            Kind::Readout
        } else if has(&["speech", "remarks", "address", "statement by", "keynote"]) {
            Kind::Speech
        } else {
            Kind::Statement
        }
    }
}

impl Statement {
    /// The speakers' names of a paragraph.
    pub fn speaker_names(&self, p: &Paragraph) -> Vec<&str> {
        p.speakers
            .iter()
            .map(|&i| self.participants[i].name.as_str())
            .collect()
    }

    /// The speakers' countries of a paragraph, each once, in speaker order.
    pub fn speaker_countries(&self, p: &Paragraph) -> Vec<CountryCode> {
        let mut out = Vec::new();
        for &i in &p.speakers {
            if let Some(c) = self.participants[i].country {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }
}

/// Parses a decoded file into its statements.
pub fn parse(source: &Source) -> Vec<Statement> {
    match source.format {
        Format::Text => text::parse(&source.rel, &source.text).into_iter().collect(),
    }
}
