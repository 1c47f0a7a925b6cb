//! Raw records to [`Statement`]s: title, date, kind, participants, and paragraphs attributed to speakers.
//!
//! Pure functions of text: no I/O, no index. Each input format has a module that finds the title and the
//! paragraphs; [`attribute`] then decides who speaks in each paragraph, the same way for every format.

mod attribution;
mod date;
mod delimited;
mod furniture;
mod html;
mod json;
mod layout;
mod lexicon;
mod markdown;
// Public for the build benchmark, which times attribution alone on the drafts of plain-text files.
pub mod text;
mod turns;
mod xml;

use std::borrow::Cow;

use serde::Serialize;

pub use attribution::{attribute, Sieve};
// What callers outside parsing need of its parts, so that they depend on this module alone: a date typed
// as a search bound, the first date a document's opening names, and the mapping of JSON record keys that
// `--field` gives.
pub(crate) use date::{find as find_date, parse_bound, End};
pub use json::FieldMap;

use crate::corpus::{Format, Source};
use crate::gazetteer::{self, CountryCode};
use crate::manifest::Meta;

/// One statement: a readout, a speech, a press conference, … split into paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Stable id: the source path, plus a record number for files holding several statements.
    pub id: String,
    /// Source file relative to the corpus folder.
    pub source: String,
    /// Position of the statement within its file, from 0.
    pub position: u32,
    /// Title, if the statement has one.
    pub title: Option<String>,
    /// Where the statement was published, if known.
    pub url: Option<String>,
    /// Day of the statement, if it can be found; never guessed.
    pub date: Option<jiff::civil::Date>,
    /// Year of the statement: the day's, or given alone when the day is not known.
    pub year: Option<i16>,
    /// What kind of statement this is.
    pub kind: Kind,
    /// The side that issues the statement, when known: given, or read from its author, address,
    /// sign-off, title or the positions its body takes, or else its file's.
    pub issuer: Option<CountryCode>,
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
    /// For an answer: the number of the paragraph holding the question it answers.
    pub answers: Option<u32>,
    /// Countries the paragraph speaks for: its speakers', or a joint statement's issuing countries.
    pub countries: Vec<CountryCode>,
    /// The attribution sieve that decided the speakers.
    pub sieve: Sieve,
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
    /// Every role, in the order the help lists them.
    pub const ALL: [Role; 5] = [
        Role::Statement,
        Role::Answer,
        Role::Question,
        Role::Joint,
        Role::Narration,
    ];

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

    /// The role named `name`, in any case.
    pub fn parse(name: &str) -> Option<Role> {
        let n = name.trim().to_lowercase();
        Role::ALL.into_iter().find(|r| r.as_str() == n)
    }
}

/// The genre of a statement: given by its record, else read from its title, else from its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A readout of a call or meeting, in the third person.
    Readout,
    /// A press conference, briefing, doorstop or press call transcript.
    PressConference,
    /// A speech, address, remarks or statement delivered at a meeting.
    Speech,
    /// A joint statement, declaration or communiqué of several issuers.
    JointStatement,
    /// An interview.
    Interview,
    /// A letter or message (of congratulation, condolence, greeting).
    Letter,
    /// An article or op-ed under its author's name.
    OpEd,
    /// A parliamentary question and its written answer.
    WrittenAnswer,
    /// The record of a meeting where many delegations speak in turn.
    MeetingRecord,
    /// A fact sheet.
    FactSheet,
    /// A statement or press release in the issuer's own voice, or anything else.
    Statement,
}

impl Kind {
    /// Every kind, in the order the help lists them.
    pub const ALL: [Kind; 11] = [
        Kind::Statement,
        Kind::Readout,
        Kind::PressConference,
        Kind::Speech,
        Kind::JointStatement,
        Kind::Interview,
        Kind::Letter,
        Kind::OpEd,
        Kind::WrittenAnswer,
        Kind::MeetingRecord,
        Kind::FactSheet,
    ];

    /// The name stored in the index and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Readout => "readout",
            Kind::PressConference => "press_conference",
            Kind::Speech => "speech",
            Kind::JointStatement => "joint_statement",
            Kind::Interview => "interview",
            Kind::Letter => "letter",
            Kind::OpEd => "op_ed",
            Kind::WrittenAnswer => "written_answer",
            Kind::MeetingRecord => "meeting_record",
            Kind::FactSheet => "fact_sheet",
            Kind::Statement => "statement",
        }
    }

    /// The kind a record or manifest names: `readout`, `press_conference` (or "press conference",
    /// "briefing"), `speech`, `joint_statement`, `interview`, `letter`, `op_ed`, `written_answer`,
    /// `meeting_record`, `fact_sheet`, `statement`; any case.
    pub fn parse(name: &str) -> Option<Kind> {
        let n = name.trim().to_lowercase().replace([' ', '-'], "_");
        Some(match n.as_str() {
            "readout" => Kind::Readout,
            "press_conference" | "briefing" | "press_briefing" | "transcript" | "doorstop" => {
                Kind::PressConference
            }
            "speech" | "remarks" | "address" => Kind::Speech,
            "joint_statement" | "joint_declaration" | "communique" | "communiqué" => {
                Kind::JointStatement
            }
            "interview" => Kind::Interview,
            "letter" | "message" => Kind::Letter,
            "op_ed" | "oped" | "article" | "opinion" => Kind::OpEd,
            "written_answer" | "written_question" | "parliamentary_question" => Kind::WrittenAnswer,
            "meeting_record" | "verbatim_record" => Kind::MeetingRecord,
            "fact_sheet" | "factsheet" => Kind::FactSheet,
            "statement" | "press_release" | "media_release" | "release" => Kind::Statement,
            _ => return None,
        })
    }

    /// Guesses the kind from a title's wording; `None` when the title says nothing of it.
    ///
    /// The words before the title's topic or occasion decide first: "Spokesperson Statement on Reference to
    /// Nepal made in a Joint Statement" is a statement about a joint statement, not one; "Statement by the
    /// President at the Joint Press Conference" is his statement.
    pub fn in_title(title: &str) -> Option<Kind> {
        let lower = title.to_lowercase();
        let head = [
            " on ",
            " regarding ",
            " concerning ",
            " about ",
            " at ",
            " during ",
        ]
        .iter()
        .filter_map(|sep| lower.find(sep))
        .min()
        .map(|at| &lower[..at]);
        head.and_then(Kind::in_words)
            .or_else(|| Kind::in_words(&lower))
    }

    /// The kind lowercased title words name.
    fn in_words(t: &str) -> Option<Kind> {
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        // "Joint Leaders' Statement", "Joint Ministerial Declaration": who issues it may stand between,
        // not what ("Joint Session: Statement by …", "Joint Hearing Statement").
        let kind = |w: &str| {
            ["statement", "declaration", "communiqu"]
                .iter()
                .any(|k| w.starts_with(k))
        };
        let issuers = |w: &str| {
            w.ends_with("s'")
                || w.ends_with("s’")
                || matches!(w, "ministerial" | "press" | "leaders")
        };
        let joint = t.split("joint ").skip(1).any(|after| {
            let mut words = after.split_whitespace();
            match (words.next(), words.next()) {
                (Some(first), _) if kind(first) => true,
                (Some(first), Some(second)) => issuers(first) && kind(second),
                _ => false,
            }
        });
        Some(if joint {
            Kind::JointStatement
        } else if has(&[
            "press conference",
            "briefing",
            "press availability",
            "media availability",
            "gaggle",
            "doorstop",
            "press call",
            "transcript",
        ]) {
            Kind::PressConference
        } else if has(&["interview"]) {
            Kind::Interview
        } else if has(&["fact sheet", "factsheet"]) {
            Kind::FactSheet
        } else if has(&[
            "written answer",
            "written reply",
            "written question",
            "parliamentary question",
        ]) {
            Kind::WrittenAnswer
        } else if has(&[
            "op-ed",
            "op ed",
            "opinion piece",
            "article by",
            "commentary",
        ]) {
            Kind::OpEd
        } else if has(&[
            "letter",
            "message",
            "condolence",
            "congratulat",
            "greetings to",
        ]) && !has(&["congratulatory visit"])
        {
            Kind::Letter
        } else if has(&[
            "speaks with",
            "call with",
            "phone",
            "meets",
            "meeting with",
            "talks with",
            "holds talks",
            "readout",
            "met with",
            "telephone conversation",
        ]) {
            Kind::Readout
        } else if names_address(t)
            || has(&[
                "speech",
                "remarks",
                "statement by",
                "keynote",
                "intervention",
                "statement at",
                "statement delivered",
                "anförande",
            ])
        {
            Kind::Speech
        } else if has(&[" discuss ", " visits ", " tours ", "wreath"]) {
            // "President and Envoy Discuss Ties", "Delegation Tours Capital", "Minister Lays Wreath": a
            // meeting's or a visit's report, when the title names no speech ("Statement by the Prime
            // Minister: Visits to …").
            Kind::Readout
        } else {
            return None;
        })
    }

    /// Guesses the kind from a title's wording: [`Kind::in_title`], else a statement.
    pub fn from_title(title: &str) -> Kind {
        Kind::in_title(title).unwrap_or(Kind::Statement)
    }

    /// True for the kinds whose paragraphs are their author's (or issuer's) words unless they say otherwise.
    pub fn is_own_voice(self) -> bool {
        matches!(
            self,
            Kind::Speech | Kind::Letter | Kind::OpEd | Kind::Statement
        )
    }
}

/// True when a lowercased title names an address as a speech, not as the verb ("Leaders Discuss Trade,
/// Address Fishing Disputes", "Efforts to Address …") or a place one lives at: the title's first word
/// ("Address to the Security Council"), after a possessive, an article or a word of occasion ("the
/// President's Address", "Keynote Address"), or before who gives it, to whom or where ("Address by …",
/// "… Address to the Nation").
fn names_address(title: &str) -> bool {
    let words: Vec<&str> = title
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        // "X addressed the citizens", "Minister Addresses Parliament": someone gave one; "was
        // addressed", "to be addressed", "Reported and Addressed" say of a matter that it was seen to.
        let given = matches!(*w, "addressed" | "addresses")
            && i > 0
            && !matches!(
                words[i - 1],
                "to" | "be" | "being" | "been" | "was" | "were" | "is" | "are" | "and"
            );
        given
            || *w == "address"
                && (i == 0
                    || words[i - 1].ends_with("'s")
                    || words[i - 1].ends_with("’s")
                    || matches!(
                        words[i - 1],
                        "an" | "the"
                            | "keynote"
                            | "inaugural"
                            | "opening"
                            | "closing"
                            | "televised"
                            | "video"
                            | "national"
                            | "farewell"
                            | "policy"
                            | "special"
                    )
                    || words.get(i + 1).is_none_or(|next| {
                        matches!(
                            *next,
                            "by" | "to" | "at" | "of" | "before" | "delivered" | "on"
                        )
                    }))
    })
}

impl Statement {
    /// The speakers' names of a paragraph.
    pub fn speaker_names(&self, p: &Paragraph) -> Vec<&str> {
        p.speakers
            .iter()
            .map(|&i| self.participants[i].name.as_str())
            .collect()
    }

    /// The countries a paragraph speaks for, each once.
    pub fn speaker_countries(&self, p: &Paragraph) -> Vec<CountryCode> {
        p.countries.clone()
    }
}

/// One block of a statement's body as a format reader found it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// The block's text, whitespace collapsed.
    pub text: String,
    /// Text the page set in bold at the very start of the block ("Q:", "MR PRICE:"): a hint that the
    /// block opens a transcript turn.
    pub bold_lead: Option<String>,
    /// A heading inside the body ("Side Events"), a field of a table set out as "KEY: value" lines
    /// ("VESSEL FLAG: Russia"), or an edition's note at the end ("1 Document 76."): not anyone's words.
    pub heading: bool,
    /// What the record says the block is, when it keeps questions and answers in fields of their own.
    pub given_role: Option<Role>,
    /// Who speaks the block, when the markup says so (an XML `<speech by="#Jane Roe">`).
    pub speaker: Option<String>,
}

impl Block {
    /// A block of plain text.
    pub fn plain(text: impl Into<String>) -> Block {
        Block {
            text: text.into(),
            ..Block::default()
        }
    }
}

/// What a format reader finds in one statement, before its date is looked for and its paragraphs
/// attributed. Fields given by a record or a manifest win over what the text suggests.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// Stable id of the statement.
    pub id: String,
    /// Source file relative to the corpus folder.
    pub source: String,
    /// Title.
    pub title: Option<String>,
    /// Body blocks in order.
    pub blocks: Vec<Block>,
    /// Header lines that are not paragraphs but name the participants ("Ned Price, Department
    /// Spokesperson"), from a transcript's head, a byline or a dateline.
    pub header: Vec<String>,
    /// What a record's or front matter's author field gives: "Ned Price, Department Spokesperson",
    /// "Evans, Gareth", "Office of the Spokesperson".
    pub authors: Vec<String>,
    /// Given date.
    pub date: Option<jiff::civil::Date>,
    /// Given year, when only the year is known.
    pub year: Option<i16>,
    /// Where it was published.
    pub url: Option<String>,
    /// Given kind.
    pub kind: Option<Kind>,
    /// Given speakers of every paragraph.
    pub speakers: Vec<String>,
    /// Given country: the speaker's, or else the issuing side's.
    pub country: Option<CountryCode>,
    /// Short lines closing the body that name who issued it ("Office of the Spokesperson", "Julia Example
    /// MP"), set apart from the paragraphs.
    pub signoff: Vec<String>,
    /// The side the statement's file speaks for, as its other statements show: the issuer when nothing
    /// in the statement itself says.
    pub prior_country: Option<CountryCode>,
    /// Countries the files beside this one give people it names without one ([`FolderPriors::people`]).
    pub prior_people: Vec<(String, CountryCode)>,
    /// A summary the page gives outside the body ("Vladimir Putin sent a message of greetings to …"):
    /// read for who takes part, not indexed as a paragraph.
    pub lead: Option<String>,
}

impl Draft {
    /// Every text of the statement a name may be spelled out in: header, title, paragraphs.
    pub(crate) fn texts(&self) -> impl Iterator<Item = &str> + Clone {
        self.header
            .iter()
            .chain(self.title.iter())
            .chain(self.blocks.iter().map(|b| &b.text))
            .map(String::as_str)
    }
}

/// The byte offset of the first `needle` in `text`, as `str::find` gives it, found by memchr's vectorised
/// search: turn labels look for rare marks (".-", " asked the ") through every paragraph several times, where
/// `str::find`'s Two-Way search was a sixth of parsing the UN corpus.
pub(crate) fn find(text: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(text.as_bytes(), needle.as_bytes())
}

/// True when `text` opens with the ASCII `prefix`, whatever its case: compared on the text's own bytes,
/// without lowercasing a copy (whose offsets need not be the text's, and which reading every paragraph
/// would pay for).
pub(crate) fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `text` with every run of whitespace, of any kind, as one space, and none at either end.
///
/// Most lines need no change, which quick scans settle; otherwise one pass over the bytes copies the text
/// between the runs it changes, leaving a single space between two words in its stretch.
pub(crate) fn collapse_spaces(text: &str) -> Cow<'_, str> {
    if is_collapsed(text) {
        return Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let first = if may_start_whitespace(b[i]) {
            whitespace_len(b, i)
        } else {
            0
        };
        if first == 0 {
            i += 1;
            continue;
        }
        let mut end = i + first;
        while end < b.len() {
            match whitespace_len(b, end) {
                0 => break,
                n => end += n,
            }
        }
        let inner = i > 0 && end < b.len();
        if !(inner && end == i + 1 && b[i] == b' ') {
            out.push_str(&text[copied..i]);
            if inner {
                out.push(' ');
            }
            copied = end;
        }
        i = end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// False for a byte that cannot start a whitespace character: most bytes of any text, told apart without
/// a call.
#[inline]
fn may_start_whitespace(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1..=0xe3)
}

/// The length in bytes of the whitespace character (`char::is_whitespace`) that starts at `b[i]`, or 0:
/// read from its UTF-8 bytes, as decoding every character of every paragraph was a visible part of a
/// build.
#[inline]
fn whitespace_len(b: &[u8], i: usize) -> usize {
    let at = |n: usize| b.get(i + n).copied();
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => 1,
        0x21..=0x7f => 0,
        // U+0085, U+00A0
        0xc2 if matches!(at(1), Some(0x85 | 0xa0)) => 2,
        // U+1680
        0xe1 if (at(1), at(2)) == (Some(0x9a), Some(0x80)) => 3,
        // U+2000-U+200A, U+2028, U+2029, U+202F; U+205F
        0xe2 => match (at(1), at(2)) {
            (Some(0x80), Some(0x80..=0x8a | 0xa8 | 0xa9 | 0xaf)) | (Some(0x81), Some(0x9f)) => 3,
            _ => 0,
        },
        // U+3000
        0xe3 if (at(1), at(2)) == (Some(0x80), Some(0x80)) => 3,
        _ => 0,
    }
}

/// True when `text` has no whitespace to collapse: no space at either end, no two together, and no
/// whitespace other than the space.
fn is_collapsed(text: &str) -> bool {
    let b = text.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !has_other_whitespace(text)
        && DOUBLE_SPACE.find(b).is_none()
}

/// Finds two spaces together, built once: a `Finder` built per line cost more than the search.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// True when `text` holds whitespace other than the plain space.
///
/// These scans read every byte of every line of a corpus, so they are shaped for the vector units: a
/// pass without early exit for the bytes that start whitespace outside 0xE2 (controls, U+0085, U+00A0,
/// U+1680, U+3000), none in most text, then a look at each 0xE2, which opens typographic quotes and
/// dashes as well as the spaces of U+2000-U+205F.
fn has_other_whitespace(text: &str) -> bool {
    let b = text.as_bytes();
    let rare = b.iter().fold(false, |found, &byte| {
        found | matches!(byte, b'\t'..=b'\r' | 0xc2 | 0xe1 | 0xe3)
    });
    if rare {
        return b.iter().enumerate().any(|(i, &byte)| {
            byte != b' ' && may_start_whitespace(byte) && whitespace_len(b, i) > 0
        });
    }
    memchr::memchr_iter(0xe2, b).any(|i| whitespace_len(b, i) > 0)
}

/// True when `text` has more than `n` words between whitespace, as `split_whitespace().nth(n).is_some()`
/// says, read a byte at a time and stopping at the word past `n`: furniture and turn labels ask it of
/// every paragraph, where decoding each character was a twentieth of parsing.
pub(crate) fn more_words_than(text: &str, n: usize) -> bool {
    let b = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        let space = if may_start_whitespace(b[i]) {
            whitespace_len(b, i)
        } else {
            0
        };
        if space > 0 {
            in_word = false;
            i += space;
            continue;
        }
        if !in_word {
            words += 1;
            if words > n {
                return true;
            }
            in_word = true;
        }
        i += 1;
    }
    false
}

/// Longest paragraph kept whole, in bytes; a longer one is cut into pieces of at most this size.
///
/// Every later stage pays by the paragraph: attribution reads its sentences, the index stores each
/// paragraph as one document and highlights it whole, and a hit must be something a reader can take in.
/// A file of one 100 MB line (a dump, an export without line breaks) would otherwise be one paragraph
/// that no stage is built for, while the longest real paragraphs seen, speeches printed without breaks,
/// run to some 35 KB: they are cut at sentence ends into two or three pieces that still read as prose.
/// A cut paragraph is split rather than truncated, so that every word of the file stays searchable.
pub const MAX_PARAGRAPH_BYTES: usize = 16 * 1024;

/// Dates, kind and attribution for a draft; `None` when it has no body.
///
/// A paragraph longer than [`MAX_PARAGRAPH_BYTES`] becomes several, numbered in turn, each with the
/// speakers, role and countries of the whole; only its first piece is read to attribute it, which is
/// where a paragraph says who speaks.
pub(crate) fn finish(draft: Draft) -> Option<Statement> {
    finish_weighing(draft).map(|finished| finished.statement)
}

/// A statement as [`finish_weighing`] leaves it, with what its file's reading needs besides.
struct Finished {
    statement: Statement,
    /// The weight of each state the body takes positions as.
    stances: Vec<attribution::Stance>,
    /// The issuer is provisional ([`attribution::Attribution::issuer_provisional`]).
    provisional: bool,
}

/// [`finish`], with the weight of each state the statement's body takes positions as: evidence of the
/// issuer of the statements around it.
fn finish_weighing(mut draft: Draft) -> Option<Finished> {
    // Pages set names with no-break and narrow spaces ("Secretary\u{202f}Blinken"), which word
    // segmentation would glue into one word.
    draft.title = draft
        .title
        .map(|t| collapse_spaces(&t).into_owned())
        .filter(|t| !t.is_empty());
    for line in &mut draft.header {
        if let Cow::Owned(collapsed) = collapse_spaces(line) {
            *line = collapsed;
        }
    }
    for block in &mut draft.blocks {
        if has_other_whitespace(&block.text) {
            block.text = collapse_spaces(&block.text).into_owned();
        }
    }
    draft.blocks.retain(|b| !b.text.is_empty());
    furniture::separate(&mut draft);
    if draft.blocks.is_empty() {
        return None;
    }
    // From here on the draft holds each paragraph's first piece; the rest wait in `tails`.
    let tails: Vec<Vec<String>> = draft
        .blocks
        .iter_mut()
        .map(|b| split_long(&mut b.text, MAX_PARAGRAPH_BYTES))
        .collect();
    // Only where a statement's own date stands: a date deeper in the body is usually another event's.
    // A day found in the text must agree with a year given alone, by the record or the file's path;
    // otherwise it is another event's ("on 14 December 1946 the Assembly decided …", opening a speech
    // filed under 1947), and the next place a date may stand is tried.
    let given_year = draft.year.or_else(|| date::year_in_path(&draft.source));
    let date = draft.date.or_else(|| {
        draft
            .title
            .as_deref()
            .into_iter()
            .chain(draft.header.iter().map(String::as_str))
            .chain(draft.blocks.iter().take(2).map(|b| b.text.as_str()))
            .chain([draft.source.as_str()])
            .chain(draft.url.as_deref())
            .filter_map(date::find)
            .find(|d| given_year.is_none_or(|y| d.year() == y))
    });
    let attribution = attribution::attribute(&draft);
    debug_assert_eq!(
        attribution.paragraphs.len(),
        draft.blocks.len(),
        "{}",
        draft.id
    );
    let kind = attribution.kind.unwrap_or(Kind::Statement);
    // The number each paragraph's first piece ends up with, for answers that point to a question.
    let mut first_numbers = Vec::with_capacity(tails.len());
    let mut next = 1;
    for tail in &tails {
        first_numbers.push(next);
        next += 1 + tail.len() as u32;
    }
    let renumber = |n: u32| {
        (n as usize)
            .checked_sub(1)
            .and_then(|i| first_numbers.get(i))
            .copied()
            .unwrap_or(n)
    };
    let mut paragraphs = Vec::with_capacity(next as usize - 1);
    for ((block, a), tail) in draft
        .blocks
        .into_iter()
        .zip(attribution.paragraphs)
        .zip(tails)
    {
        let answers = a.answers.map(renumber);
        for text in std::iter::once(block.text).chain(tail) {
            paragraphs.push(Paragraph {
                number: paragraphs.len() as u32 + 1,
                text,
                speakers: a.speakers.clone(),
                role: a.role,
                answers,
                countries: a.countries.clone(),
                sieve: a.sieve,
            });
        }
    }
    let year = date.map(|d| d.year()).or(given_year);
    let statement = Statement {
        id: draft.id,
        source: draft.source,
        position: 0,
        title: draft.title,
        url: draft.url,
        year,
        date,
        kind,
        issuer: attribution.issuer,
        participants: attribution.participants,
        paragraphs,
    };
    Some(Finished {
        statement,
        stances: attribution.stances,
        provisional: attribution.issuer_provisional,
    })
}

/// Cuts `text` down to its first piece of at most `max` bytes and returns the other pieces, in order;
/// nothing when it is short enough.
///
/// Each cut falls at the last sentence end that leaves the piece at least half full, else at the last
/// space, else (a run without spaces) at the last character boundary: pieces are whole sentences
/// wherever the text has them, so a phrase is almost never cut in two.
fn split_long(text: &mut String, max: usize) -> Vec<String> {
    if text.len() <= max {
        return Vec::new();
    }
    let mut pieces = Vec::with_capacity(text.len() / max * 2 + 1);
    let mut rest: &str = text;
    while rest.len() > max {
        let (end, next) = cut(rest, max);
        pieces.push(rest[..end].to_string());
        rest = &rest[next..];
    }
    if !rest.is_empty() {
        pieces.push(rest.to_string());
    }
    let mut pieces = pieces.into_iter();
    *text = pieces.next().unwrap_or_default();
    pieces.collect()
}

/// Where to cut a text longer than `max` bytes: the end of its first piece and the start of the rest.
fn cut(text: &str, max: usize) -> (usize, usize) {
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end == 0 {
        // `max` is smaller than the first character: the piece is that character.
        end = text.chars().next().map_or(text.len(), char::len_utf8);
        return (end, end);
    }
    let mut floor = end / 2;
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let window = &text[floor..end];
    let sentence = window.char_indices().rev().find_map(|(i, c)| {
        let at = floor + i;
        match c {
            ' ' if ends_sentence(&text[..at]) => Some((at, at + 1)),
            '。' | '！' | '？' => Some((at + c.len_utf8(), at + c.len_utf8())),
            _ => None,
        }
    });
    sentence
        .or_else(|| window.rfind(' ').map(|i| (floor + i, floor + i + 1)))
        .filter(|&(piece_end, _)| piece_end > 0)
        .unwrap_or((end, end))
}

/// True when `text` ends with a full stop, question or exclamation mark, perhaps inside closing quotes
/// or brackets.
fn ends_sentence(text: &str) -> bool {
    matches!(closing_mark(text), Some('.' | '!' | '?'))
}

/// The last character of `text` once closing quotes and brackets are set aside: what ends its last
/// sentence, if anything does.
pub(crate) fn closing_mark(text: &str) -> Option<char> {
    text.trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .chars()
        .next_back()
}

#[cfg(test)]
mod whitespace_tests {
    use super::{collapse_spaces, has_other_whitespace, more_words_than};
    use proptest::prelude::*;

    #[test]
    fn every_whitespace_character_but_the_space_is_found_by_its_bytes() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                has_other_whitespace(&text),
                c.is_whitespace() && c != ' ',
                "U+{:04X}",
                c as u32
            );
            let collapsed = if c.is_whitespace() { "a b" } else { &text };
            assert_eq!(collapse_spaces(&text), collapsed, "U+{:04X}", c as u32);
        }
    }

    /// The words of the text joined by single spaces, as `split_whitespace` finds them.
    fn collapsed_by_chars(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #[test]
        fn collapsing_equals_joining_the_words(
            text in r"[ a\t\n\r\u{a0}\u{85}\u{2000}\u{202f}\u{3000}\u{1680}\u{205f}é“]{0,40}"
        ) {
            prop_assert_eq!(collapse_spaces(&text), collapsed_by_chars(&text));
        }

        #[test]
        fn collapsing_any_text_equals_joining_the_words(text in any::<String>()) {
            prop_assert_eq!(collapse_spaces(&text), collapsed_by_chars(&text));
        }

        #[test]
        fn counting_words_equals_splitting_at_whitespace(
            text in r"[ a\t\n\u{a0}\u{2000}\u{3000}é“]{0,24}",
            n in 0usize..6,
        ) {
            prop_assert_eq!(more_words_than(&text, n), text.split_whitespace().nth(n).is_some());
        }
    }
}

#[cfg(test)]
mod kind_tests {
    use super::Kind;

    #[test]
    fn a_joint_statement_may_name_its_issuers_kind_between() {
        for title in [
            "Joint Statement by Canada and Korea",
            "The Republic of Korea and Canada: Stronger Together - Joint Leaders\u{2019} Statement",
            "Joint Ministerial Declaration on Trade",
        ] {
            assert_eq!(Kind::in_title(title), Some(Kind::JointStatement), "{title}");
        }
        for title in [
            "Joint efforts of the two governments: a statement",
            "Joint Session: Statement by President Ana Lima",
            "Joint Hearing Statement of Senator Jo Roe",
        ] {
            assert_ne!(Kind::in_title(title), Some(Kind::JointStatement), "{title}");
        }
    }

    #[test]
    fn an_address_is_a_speech_only_as_a_noun() {
        for title in [
            "Address to the UN Security Council Summit on Foreign Terrorist Fighters",
            "The President's Address to the Nation",
            "Keynote Address at the Shangri-La Dialogue",
            "New Year Address",
            "Volodymyr Zelenskyy addressed the citizens of Belarus",
            "Prime Minister's speech to discuss the budget",
            "Keynote Address: Why we discuss trade",
        ] {
            assert_eq!(Kind::in_title(title), Some(Kind::Speech), "{title}");
        }
        for title in [
            "President and High Commissioner Discuss Ties, Address Fishing Disputes",
            "Efforts to Address Attitudes of Students",
            "Students Using a School as Registered Address and Their Access to Schemes",
            "Number of Cases Reported and Addressed in Past Three Years",
        ] {
            assert_ne!(Kind::in_title(title), Some(Kind::Speech), "{title}");
        }
        assert_eq!(
            Kind::in_title(
                "President and High Commissioner Discuss Ties, Address Fishing Disputes"
            ),
            Some(Kind::Readout)
        );
    }

    #[test]
    fn a_headline_of_a_visit_is_its_report_unless_it_names_a_speech() {
        for title in [
            "Ambassador of Ruritania Visits War Museum",
            "Trade Delegation Tours Capital",
            "Foreign Minister Lays Wreath before Tomb of Unknown Soldiers",
            "Foreign Personages Pay Congratulatory Visits to Embassies",
        ] {
            assert_eq!(Kind::in_title(title), Some(Kind::Readout), "{title}");
        }
        assert_eq!(
            Kind::in_title("Statement by the Prime Minister: Visits to Japan and Korea"),
            Some(Kind::Speech)
        );
        assert_eq!(
            Kind::in_title("Prime Minister to visit Japan"),
            None,
            "an announced visit is the office's own release"
        );
    }
}

#[cfg(test)]
mod finish_tests {
    use super::*;

    #[test]
    fn a_path_gives_the_year_and_a_date_must_agree_with_it() {
        use crate::corpus::{Format, Source};
        let read = |rel: &str, text: &str| {
            let source = Source::from_text(rel, Format::Text, text.to_string());
            let st = super::parse(&source, super::Context::default())
                .statements
                .remove(0);
            (st.date.map(|d| d.to_string()), st.year)
        };
        // Another event's day, opening a speech filed under another year, is not the speech's.
        assert_eq!(
            read(
                "Session 02 - 1947/UKR_02_1947.txt",
                "On 14 December 1946 the Assembly decided to act.\n\nWe support it.\n"
            ),
            (None, Some(1947))
        );
        // The day the file's name gives is tried next.
        assert_eq!(
            read(
                "records/2015-08-18.txt",
                "Since 1 January 2016 the law has applied.\n\nWe support it.\n"
            ),
            (Some("2015-08-18".to_string()), Some(2015))
        );
    }

    /// `n` sentences of about 60 bytes, numbered so that a lost or repeated one shows.
    fn sentences(n: usize) -> String {
        (0..n)
            .map(|i| format!("Sentence number {i} of a paragraph that never seems to end."))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_long_paragraph_is_cut_at_sentence_ends_and_nothing_is_lost() {
        let whole = sentences(1000);
        let mut first = whole.clone();
        let rest = split_long(&mut first, MAX_PARAGRAPH_BYTES);
        let pieces: Vec<&str> = std::iter::once(first.as_str())
            .chain(rest.iter().map(String::as_str))
            .collect();
        assert!(pieces.len() >= 4, "{} pieces", pieces.len());
        for piece in &pieces {
            assert!(piece.len() <= MAX_PARAGRAPH_BYTES, "{} bytes", piece.len());
            assert!(piece.len() > MAX_PARAGRAPH_BYTES / 2 || piece == pieces.last().unwrap());
            assert!(
                piece.starts_with("Sentence") && piece.ends_with("end."),
                "{piece:.40}…"
            );
        }
        assert_eq!(pieces.join(" "), whole);
    }

    #[test]
    fn without_sentences_a_cut_falls_between_words_or_else_between_characters() {
        let words = "word ".repeat(10_000);
        let words = words.trim_end();
        let mut first = words.to_string();
        let rest = split_long(&mut first, MAX_PARAGRAPH_BYTES);
        assert!(first.ends_with("word") && rest.iter().all(|p| p.starts_with("word")));
        assert_eq!(format!("{first} {}", rest.join(" ")), words);

        // Two-byte characters and no space at all: pieces end on character boundaries.
        let blob = "é".repeat(20_001);
        let mut first = blob.clone();
        let rest = split_long(&mut first, MAX_PARAGRAPH_BYTES);
        assert_eq!(first.len(), MAX_PARAGRAPH_BYTES);
        assert!(rest.iter().all(|p| p.len() <= MAX_PARAGRAPH_BYTES));
        assert_eq!(first + &rest.concat(), blob);

        let mut short = "Short.".to_string();
        assert!(split_long(&mut short, MAX_PARAGRAPH_BYTES).is_empty());
        assert_eq!(short, "Short.");
    }

    #[test]
    fn pieces_of_a_paragraph_keep_its_speaker_and_the_numbers_after_it_move_on() {
        let draft = Draft {
            id: "call.txt".into(),
            source: "call.txt".into(),
            title: Some("Phone Call with the Foreign Minister of Peru".into()),
            blocks: vec![
                Block::plain(
                    "Foreign Minister of Peru Marta Quispe said that Peru supports open trade. "
                        .to_string()
                        + &sentences(600),
                ),
                Block::plain("The two sides agreed to meet again in Lima."),
            ],
            ..Draft::default()
        };
        let st = finish(draft).expect("a statement");
        let n = st.paragraphs.len();
        assert!(n >= 4, "{n} paragraphs");
        let numbers: Vec<u32> = st.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(numbers, (1..=n as u32).collect::<Vec<_>>());
        let first = &st.paragraphs[0];
        assert_eq!(st.speaker_names(first), ["Marta Quispe"]);
        for piece in &st.paragraphs[..n - 1] {
            assert_eq!(piece.speakers, first.speakers);
            assert_eq!(piece.role, first.role);
            assert_eq!(piece.countries, first.countries);
        }
        assert_eq!(
            st.paragraphs[n - 1].text,
            "The two sides agreed to meet again in Lima."
        );
    }
}

/// What a file gave: its statements, and a message for each part that could not be read.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// The statements, in file order.
    pub statements: Vec<Statement>,
    /// Records that could not be read, each with where and why.
    pub problems: Vec<String>,
    /// What the statements say of the side that issues them, for the files beside this one.
    pub evidence: Evidence,
}

/// What a file's statements say about the side that issues them: evidence for the files of the same
/// folder, which in an archive usually share an issuer, and whether the file needs theirs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The weight of each state the statements speak as: positions taken as it ("Nepal reaffirms")
    /// count [`POSITION_WEIGHT`], mentions as an owner ("of Nepal") or beneficiary ("for Nepal") one; a
    /// state named only in passing is kept with 0, as a state the file names.
    pub weights: std::collections::BTreeMap<CountryCode, u32>,
    /// True when a statement of the file says nothing of its issuer, or only provisionally, and its
    /// file's other statements do not either: it takes its folder's.
    pub wants_prior: bool,
    /// The folder's issuer the file was read with, when it wanted one.
    pub prior: Option<CountryCode>,
    /// The country each speaker of the file is given by its own text: evidence for the files beside it
    /// that name the same person without one.
    pub people: std::collections::BTreeMap<String, CountryCode>,
    /// The state the file's statements take positions as, when one leads clearly.
    pub leader: Option<CountryCode>,
    /// Speakers the file gives no country.
    pub unplaced: std::collections::BTreeSet<String>,
    /// The countries the file's unplaced speakers were read with, from the files beside it.
    pub placed: Vec<(String, CountryCode)>,
}

impl Evidence {
    /// The stored form: `w:NPL=12,IND=3` for the weights, then `p:NPL` (or `p:-`) when the file wanted
    /// its folder's issuer, `n:Ana_Lima=NPL` for the people it places, `u:Jo_Roe` for those it does not
    /// and `q:Jo_Roe=IND` for those it was read with; nothing when there is nothing to say.
    pub fn encode(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.weights.is_empty() {
            let pairs: Vec<String> = self
                .weights
                .iter()
                .map(|(c, n)| format!("{}={n}", c.as_str()))
                .collect();
            parts.push(format!("w:{}", pairs.join(",")));
        }
        if self.wants_prior {
            parts.push(format!(
                "p:{}",
                self.prior.as_ref().map_or("-", |c| c.as_str())
            ));
        }
        let placed = |people: &mut dyn Iterator<Item = (&String, &CountryCode)>| {
            people
                .map(|(name, c)| format!("{}={}", escape_name(name), c.as_str()))
                .collect::<Vec<_>>()
                .join(",")
        };
        if let Some(leader) = self.leader {
            parts.push(format!("l:{}", leader.as_str()));
        }
        if !self.people.is_empty() {
            parts.push(format!("n:{}", placed(&mut self.people.iter())));
        }
        if !self.unplaced.is_empty() {
            let names: Vec<String> = self.unplaced.iter().map(|n| escape_name(n)).collect();
            parts.push(format!("u:{}", names.join(",")));
        }
        if !self.placed.is_empty() {
            parts.push(format!(
                "q:{}",
                placed(&mut self.placed.iter().map(|(n, c)| (n, c)))
            ));
        }
        parts.join(" ")
    }

    /// Reads the stored form back; what it cannot read is left out.
    pub fn decode(s: &str) -> Evidence {
        let mut evidence = Evidence::default();
        for part in s.split_whitespace() {
            if let Some(weights) = part.strip_prefix("w:") {
                for pair in weights.split(',') {
                    let Some((code, n)) = pair.split_once('=') else {
                        continue;
                    };
                    if let (Some(code), Ok(n)) = (CountryCode::parse(code), n.parse()) {
                        evidence.weights.insert(code, n);
                    }
                }
            } else if let Some(prior) = part.strip_prefix("p:") {
                evidence.wants_prior = true;
                evidence.prior = CountryCode::parse(prior);
            } else if let Some(leader) = part.strip_prefix("l:") {
                evidence.leader = CountryCode::parse(leader);
            } else if let Some(names) = part.strip_prefix("u:") {
                evidence.unplaced = names.split(',').map(unescape_name).collect();
            } else if let Some(people) = part.strip_prefix("n:").or_else(|| part.strip_prefix("q:"))
            {
                let pairs = people.split(',').filter_map(|pair| {
                    let (name, code) = pair.rsplit_once('=')?;
                    Some((unescape_name(name), CountryCode::parse(code)?))
                });
                if part.starts_with('n') {
                    evidence.people = pairs.collect();
                } else {
                    evidence.placed = pairs.collect();
                }
            }
        }
        evidence
    }
}

/// A name in the stored form of [`Evidence`], whose parts are split at spaces, commas and `=`.
fn escape_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push('_'),
            '_' => out.push_str("%5F"),
            ',' => out.push_str("%2C"),
            '=' => out.push_str("%3D"),
            c if c.is_whitespace() => out.push('_'),
            c => out.push(c),
        }
    }
    out
}

/// The name [`escape_name`] stored.
fn unescape_name(stored: &str) -> String {
    stored
        .replace('_', " ")
        .replace("%5F", "_")
        .replace("%2C", ",")
        .replace("%3D", "=")
        .replace("%25", "%")
}

/// The issuer each folder of a corpus speaks as, from the evidence of the files under it ([`Evidence`]):
/// a file whose statements never say who issues them takes that of the nearest folder above it whose
/// files lead clearly to one state, up to the corpus folder itself. Archives are kept by ministry, and
/// within one by year or month: the month's folder may hold too little to tell, the ministry's does.
/// Where no folder's files tell, the nearest folder named for a state gives it ("collections/Fiji").
#[derive(Debug, Default)]
pub struct FolderPriors {
    /// What the files under each folder ("" for the corpus folder) say, by relative path.
    folders: std::collections::HashMap<String, FolderEvidence>,
    /// Files giving each speaker each country, over the whole corpus: who a person is does not change
    /// from one ministry's folder to another's.
    people: std::collections::HashMap<String, Vec<(CountryCode, u32)>>,
}

/// The evidence of the files under one folder.
#[derive(Debug, Default)]
struct FolderEvidence {
    /// Files read under the folder, whether they name a state or not.
    files: u32,
    /// Summed weights of each state's positions and mentions.
    weights: std::collections::HashMap<CountryCode, u32>,
    /// Files naming each state at all.
    named_in: std::collections::HashMap<CountryCode, u32>,
    /// Files taking positions as each state ([`Evidence::leader`]).
    leaders: std::collections::HashMap<CountryCode, u32>,
}

impl FolderEvidence {
    /// The folder's issuer: the state its files take positions as, or else the one nearly all of them
    /// name. A ministry names its own state in passing ("the U.S. Department of the Treasury", "Singapore's
    /// legal system") far more often than it takes a position as it; other states come and go with the
    /// news.
    fn issuer(&self) -> Option<CountryCode> {
        // A folder of a file or two is no archive: one debate on Zimbabwe names Zimbabwe most. The folders
        // above it, holding its neighbours, say whose archive it is.
        if self.files < MIN_ARCHIVE_FILES {
            return None;
        }
        self.issuer_of_any_size()
    }

    /// [`FolderEvidence::issuer`] however few files the folder holds.
    fn issuer_of_any_size(&self) -> Option<CountryCode> {
        // A folder where many states speak for themselves (a session's speeches, a council's records)
        // is nobody's archive, whatever the news of the day made all of them name.
        let speaking = self.leaders.len() as u32;
        let leading: u32 = self.leaders.values().sum();
        let most = self.leaders.values().copied().max().unwrap_or(0);
        if speaking >= MIN_MIXED_STATES && 10 * speaking >= self.files && 2 * most < leading {
            return None;
        }
        prior_issuer(&self.weights).or_else(|| {
            let mut ranked: Vec<(u32, CountryCode)> =
                self.named_in.iter().map(|(c, n)| (*n, *c)).collect();
            ranked.sort_by(|a, b| b.cmp(a));
            let (n, c) = *ranked.first()?;
            let next = ranked.get(1).map_or(0, |r| r.0);
            // Naming is weaker evidence than positions: no file may take positions as another state.
            let unopposed = self.leaders.keys().all(|l| *l == c);
            (n >= MIN_NAMING_FILES && 3 * n >= 2 * self.files && 2 * n >= 3 * next && unopposed)
                .then_some(c)
        })
    }
}

impl FolderPriors {
    /// Adds the evidence of the file at `rel` (relative to the corpus folder, `/`-separated) to every
    /// folder above it.
    pub fn add(&mut self, rel: &str, evidence: &Evidence) {
        for folder in folders_above(rel) {
            let sums = self.folders.entry(folder.to_string()).or_default();
            sums.files += 1;
            if let Some(c) = evidence.leader {
                *sums.leaders.entry(c).or_default() += 1;
            }
            for (c, n) in &evidence.weights {
                *sums.weights.entry(*c).or_default() += n;
                *sums.named_in.entry(*c).or_default() += 1;
            }
        }
        for (name, c) in &evidence.people {
            let votes = self.people.entry(name.clone()).or_default();
            match votes.iter_mut().find(|v| v.0 == *c) {
                Some(v) => v.1 += 1,
                None => votes.push((*c, 1)),
            }
        }
    }

    /// The countries other files give the speakers a file names without one: those at least
    /// [`MIN_PLACING_FILES`] files give them, when three in four of the files that give them any give
    /// that one. An archive's own people speak in many of its files, and one that says who they are
    /// speaks for the others.
    pub fn people(
        &self,
        unplaced: &std::collections::BTreeSet<String>,
    ) -> Vec<(String, CountryCode)> {
        unplaced
            .iter()
            .filter_map(|name| {
                let votes = self.people.get(name)?;
                let total: u32 = votes.iter().map(|v| v.1).sum();
                let &(c, n) = votes
                    .iter()
                    .max_by_key(|(c, n)| (*n, std::cmp::Reverse(*c)))?;
                (n >= MIN_PLACING_FILES && 4 * n >= 3 * total).then(|| (name.clone(), c))
            })
            .collect()
    }

    /// The issuer for a file at `rel` that says nothing of its own.
    pub fn prior(&self, rel: &str) -> Option<CountryCode> {
        folders_above(rel)
            .find_map(|folder| self.folders.get(folder).and_then(FolderEvidence::issuer))
            .or_else(|| {
                // Only where no folder's files say whose archive it is: a ministry's topic folder
                // ("dfat/topics/Hong Kong") is still the ministry's.
                folders_above(rel).find_map(|folder| {
                    self.folders
                        .get(folder)
                        .and_then(|evidence| named_state(folder, evidence))
                })
            })
            .or_else(|| {
                // A corpus of a file or two has nothing above: its own evidence is all there is.
                let root = self.folders.get("")?;
                (root.files < MIN_ARCHIVE_FILES)
                    .then(|| root.issuer_of_any_size())
                    .flatten()
            })
    }
}

/// The state a folder is named for ("collections/Fiji"), when no file under it takes positions as
/// another. Archives that gather several states' records file each state's under its name, and a
/// parliament's record seldom names its own state: its members speak as it without saying so.
fn named_state(folder: &str, evidence: &FolderEvidence) -> Option<CountryCode> {
    let name = folder.rsplit('/').next()?;
    // A name as a title gives it: "Fiji", not "georgia" (a state of the Union as often) or "jordan".
    if !name.starts_with(char::is_uppercase) {
        return None;
    }
    let state = gazetteer::Gazetteer::get().state_named(name)?;
    evidence
        .leaders
        .keys()
        .all(|l| *l == state)
        .then_some(state)
}

/// Fewest files a folder must hold for its own evidence to name an issuer.
const MIN_ARCHIVE_FILES: u32 = 3;

/// Fewest files that must give a speaker one country for the files beside them to give it too.
const MIN_PLACING_FILES: u32 = 2;

/// Fewest states whose own files speak for them in a folder of many issuers: when there are as many
/// such states as one in ten of its files, and none leads half of the files that take positions, it
/// holds no one archive.
const MIN_MIXED_STATES: u32 = 4;

/// Least number of a folder's files that must name a state for it to be the folder's issuer by naming
/// alone: two thirds of three files is no archive.
const MIN_NAMING_FILES: u32 = 4;

/// The folders above a relative path, nearest first, ending with the corpus folder ("").
fn folders_above(rel: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(rel);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.rfind('/') {
            Some(at) => {
                rest = Some(&current[..at]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some("")
            }
        }
    })
}

/// How to read files beyond their own content: manifest fields and the JSON field mapping.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The manifest row of the file.
    pub meta: Option<&'a Meta>,
    /// Record keys for JSON fields.
    pub fields: Option<&'a json::FieldMap>,
    /// The issuer of the file's folder ([`FolderPriors`]), for statements that do not say theirs.
    pub prior: Option<CountryCode>,
    /// Countries the files beside it give people it names without one ([`FolderPriors::people`]).
    pub people: &'a [(String, CountryCode)],
}

/// Why a decoded file is refused whole, if it is: a page nested deeper than the HTML reader follows.
///
/// Asked before [`parse`] by whoever can report the file as skipped: the reader, refusing the same page,
/// can only return nothing.
pub fn refusal(source: &Source) -> Option<String> {
    match source.format {
        Format::Html => html::nesting_problem(&source.text),
        _ => None,
    }
}

/// Parses a decoded file into its statements.
pub fn parse(source: &Source, context: Context) -> Parsed {
    let default = json::FieldMap::default();
    let fields = context.fields.unwrap_or(&default);
    let (drafts, problems) = match source.format {
        // A plain-text file's front matter is read with the usual key names only: a mapping given for
        // JSON records would otherwise make every text file be read again when it changes.
        Format::Text => (vec![text::draft(&source.rel, &source.text)], Vec::new()),
        // Documents come as plain text with their metadata in a front matter (`crate::extract`).
        Format::Pdf | Format::Docx => (vec![text::draft(&source.rel, &source.text)], Vec::new()),
        Format::Html => (vec![html::draft(&source.rel, &source.text)], Vec::new()),
        Format::Json => json::drafts(&source.rel, &source.text, fields),
        Format::Csv => delimited::drafts(&source.rel, &source.text, fields),
        Format::Xml => {
            let (draft, problem) = xml::draft(&source.rel, &source.text, fields);
            (draft.into_iter().collect(), problem.into_iter().collect())
        }
        Format::Markdown => {
            let (draft, problem) = markdown::draft(&source.rel, &source.text, fields);
            (vec![draft], problem.into_iter().collect())
        }
    };
    // A statement that does not say who issues it takes its file's issuer, once all are read, or else its
    // folder's: its draft is kept to be finished again.
    let coded = code_in_file_name(&source.rel);
    let keep = drafts.len() > 1
        || context.prior.is_some()
        || !context.people.is_empty()
        || coded.is_some();
    let mut finished: Vec<(Option<Draft>, Statement, bool)> = Vec::with_capacity(drafts.len());
    let mut weights: std::collections::HashMap<CountryCode, u32> = Default::default();
    let mut positions: std::collections::HashMap<CountryCode, u32> = Default::default();
    for mut d in drafts {
        if let Some(meta) = context.meta {
            apply(&mut d, meta);
        }
        let kept = keep.then(|| d.clone());
        if let Some(Finished {
            statement: st,
            stances,
            provisional,
        }) = finish_weighing(d)
        {
            for s in stances {
                *weights.entry(s.country).or_default() +=
                    POSITION_WEIGHT * s.positions + s.mentions;
                if s.positions > 0 {
                    *positions.entry(s.country).or_default() += POSITION_WEIGHT * s.positions;
                }
            }
            finished.push((kept, st, provisional));
        }
    }
    // A lone statement's own evidence was weighed when it was finished: that it leads to a state there
    // did not make it the issuer ("support for Ukraine" in a speech about the war), and it does not
    // here either. The state it takes positions as tells its folder whether it holds many issuers.
    let leader = prior_issuer(&positions);
    let file_prior = if finished.len() > 1 {
        prior_issuer(&weights)
    } else {
        None
    };
    // A collection that names each file by its state's code ("GUY_58_2003.txt") says whose it is, as a
    // manifest would, when the text names that state too: nearer than anything its folder suggests.
    // Any mention will do: a speech names its own state in passing more often than as an owner ("of
    // Guyana"), and requiring the latter left a tenth of the UN corpus's paragraphs without their state.
    // A folder's issuer the text names still comes first: a ministry files what it says to a state under
    // that state's code.
    let named_folder = context.prior.filter(|p| weights.contains_key(p));
    // A speech that never names its own state, nor takes a position as any ("The General Assembly is
    // beginning its tenth session …"), is still the state its file's name gives, when its folder has
    // no issuer of its own to give: nothing in it says otherwise.
    let quiet = coded.filter(|_| positions.is_empty() && code_leads_file_name(&source.rel));
    let coded = coded.filter(|c| weights.contains_key(c));
    let prior = file_prior
        .or(named_folder)
        .or(coded)
        .or(context.prior)
        .or(quiet);
    // A provisional issuer is read again with the file's or folder's, which wins where the body names
    // it: the file wants its folder's as one without any does.
    let wants_prior = file_prior.is_none()
        && coded.is_none()
        && finished
            .iter()
            .any(|(_, st, provisional)| st.issuer.is_none() || *provisional);
    // Who the file's speakers are, as it says, read before any prior: the same whether the file is read
    // alone or again with its folder's evidence.
    let mut people = std::collections::BTreeMap::new();
    let mut unplaced = std::collections::BTreeSet::new();
    for (_, st, provisional) in &finished {
        for (i, person) in st.participants.iter().enumerate() {
            if !st.paragraphs.iter().any(|p| p.speakers.contains(&i)) {
                continue;
            }
            // A country taken from a provisional issuer is no placing the file makes: the folder's
            // issuer may yet give the statement, and its people, another.
            let country = person
                .country
                .filter(|&c| !(*provisional && st.issuer == Some(c)));
            match country {
                Some(c) => {
                    people.entry(person.name.clone()).or_insert(c);
                }
                None => {
                    unplaced.insert(person.name.clone());
                }
            }
        }
    }
    unplaced.retain(|name| !people.contains_key(name));
    let statements = finished
        .into_iter()
        .map(|(draft, st, provisional)| {
            let issuer = prior.filter(|_| st.issuer.is_none() || provisional);
            let placed: Vec<(String, CountryCode)> = context
                .people
                .iter()
                .filter(|(name, _)| {
                    st.participants
                        .iter()
                        .any(|p| p.country.is_none() && &p.name == name)
                })
                .cloned()
                .collect();
            match draft {
                Some(mut d) if issuer.is_some() || !placed.is_empty() => {
                    d.prior_country = issuer;
                    d.prior_people = placed;
                    finish(d).unwrap_or(st)
                }
                _ => st,
            }
        })
        .enumerate()
        .map(|(i, st)| Statement {
            position: i as u32,
            ..st
        })
        .collect();
    Parsed {
        statements,
        problems,
        evidence: Evidence {
            weights: weights.into_iter().collect(),
            wants_prior,
            prior: context.prior.filter(|_| wants_prior),
            leader,
            people,
            unplaced,
            placed: context.people.to_vec(),
        },
    }
}

/// The state a file's (or a folder's) statements together speak as, when one leads clearly: the weight of the positions
/// they take as it and of their mentions of it at least [`MIN_PRIOR_WEIGHT`], and half again any
/// other's. A ministry's archive names its own state more than any other, and takes positions as it.
fn prior_issuer(weights: &std::collections::HashMap<CountryCode, u32>) -> Option<CountryCode> {
    let mut ranked: Vec<(u32, CountryCode)> = weights.iter().map(|(c, n)| (*n, *c)).collect();
    ranked.sort_by(|a, b| b.cmp(a));
    match ranked[..] {
        [(n, c)] if n >= MIN_PRIOR_WEIGHT => Some(c),
        [(n, c), (m, _), ..] if n >= MIN_PRIOR_WEIGHT && 2 * n >= 3 * m => Some(c),
        _ => None,
    }
}

/// The state a file's name gives by its ISO 3166 alpha-3 code in capitals, a word of its own ("GUY_58_2003",
/// "speech-FRA-2019"); none when it gives two. Folder names are left out: a folder named for a state
/// often holds what others said to it.
fn code_in_file_name(rel: &str) -> Option<CountryCode> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.split('.').next().unwrap_or(name);
    let mut codes = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .enumerate()
        .filter(|(_, w)| w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase()))
        // "Briefing_14_MAR_2024" is a day in March, "MAR_11_1956" Morocco's: a code that is also a
        // month or a day of the week counts only where a file's name leads with it.
        .filter(|&(i, w)| i == 0 || (date::month_number(w).is_none() && !date::is_weekday(w)))
        .filter_map(|(_, w)| CountryCode::parse(w));
    let first = codes.next()?;
    codes.all(|c| c == first).then_some(first)
}

/// True when a file's name opens with its state code and a number follows ("VEN_10_1955.txt"): a
/// collection filed by state, not a name that holds a code among its words ("YES_WE_CAN.txt").
fn code_leads_file_name(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let mut words = name.split(|c: char| !c.is_ascii_alphanumeric());
    words
        .next()
        .is_some_and(|w| w.len() == 3 && CountryCode::parse(w).is_some())
        && words
            .next()
            .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Least weight of evidence for a file's issuer.
const MIN_PRIOR_WEIGHT: u32 = 6;
/// A position taken as a state ("Nepal reaffirms") weighs as much as this many mentions of it.
pub const POSITION_WEIGHT: u32 = 3;

/// Names given as one value: "Ana Lima; Jorge Ferro" (a comma may stand inside one name).
pub(crate) fn split_names(value: &str) -> Vec<String> {
    value
        .split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect()
}

/// Lets a manifest row's fields win over the file's own.
fn apply(draft: &mut Draft, meta: &Meta) {
    if let Some(title) = &meta.title {
        draft.title = Some(title.clone());
    }
    if let Some(d) = &meta.date {
        match date::parse_year(d) {
            Some(year) => {
                draft.year = Some(year);
                draft.date = None;
            }
            None => draft.date = date::parse_given(d).or(draft.date),
        }
    }
    if let Some(speaker) = &meta.speaker {
        draft.speakers = split_names(speaker);
    }
    if let Some(c) = &meta.country {
        draft.country = gazetteer::country(c).or(draft.country);
    }
    if let Some(kind) = meta.kind.as_deref().and_then(Kind::parse) {
        draft.kind = Some(kind);
    }
    if let Some(url) = &meta.url {
        draft.url = Some(url.clone());
    }
}

#[cfg(test)]
mod prior_tests {
    use super::*;
    use crate::corpus::{Format, Source};

    const SPEECH: &str = "It is a great pleasure to address the Assembly.\n\n\
        Mozambique reaffirms its commitment to peace and to the Charter.\n\n\
        We call on all States to honour their pledges on climate finance, and we welcome the \
        agreement between Ethiopia and Eritrea.\n";

    #[test]
    fn a_file_named_by_a_state_code_its_text_names_is_that_states() {
        let issuer = |rel: &str, text: &str, prior: &str| {
            let source = Source::from_text(rel, Format::Text, text.to_string());
            let context = Context {
                prior: CountryCode::parse(prior),
                ..Context::default()
            };
            let parsed = parse(&source, context);
            assert!(
                !parsed.evidence.wants_prior || !rel.contains("GUY"),
                "{rel}"
            );
            parsed.statements[0].issuer.map(|c| c.as_str().to_string())
        };
        let speech = "It is a pleasure to address the Assembly.\n\n\
            In 1953, the people of Guyana were allowed for the first time to vote.\n\n\
            We call on all States to honour their pledges.\n";
        // The folder's prior (a session's loudest state) gives way to the file's name.
        assert_eq!(
            issuer("Session 58 - 2003/GUY_58_2003.txt", speech, "KHM").as_deref(),
            Some("GUY")
        );
        // A code the text never names gives way to the folder's issuer, and two codes say nothing.
        assert_eq!(
            issuer("Session 58 - 2003/FIN_58_2003.txt", speech, "KHM").as_deref(),
            Some("KHM")
        );
        // With no folder's issuer, a speech that takes no position as any state is its file's state,
        // named or not; one that takes a position as another is that state's.
        let quiet = "It is a pleasure to address the Assembly.\n\n\
            We call on all States to honour their pledges.\n";
        assert_eq!(
            issuer("Session 58 - 2003/FIN_58_2003.txt", quiet, "").as_deref(),
            Some("FIN")
        );
        assert_eq!(
            issuer("Session 58 - 2003/FIN_58_2003.txt", SPEECH, "").as_deref(),
            Some("MOZ")
        );
        // Not a code standing among a name's words.
        assert_eq!(issuer("rally/YES_WE_CAN.txt", quiet, "").as_deref(), None);
        assert_eq!(issuer("briefings/Q_AND_A.txt", quiet, "").as_deref(), None);
        assert_eq!(code_in_file_name("GUY-FIN.txt"), None);
        assert_eq!(code_in_file_name("a/FRA/notes.txt"), None);
        assert_eq!(code_in_file_name("Interview-with-NPR.an.xml"), None);
        assert_eq!(code_in_file_name("guy_58.txt"), None);
        assert_eq!(code_in_file_name("Briefing_14_MAR_2024.txt"), None);
        assert_eq!(code_in_file_name("Remarks_SUN_0800.txt"), None);
        assert_eq!(
            code_in_file_name("Session 11 - 1956/MAR_11_1956.txt").map(|c| c.as_str().to_string()),
            Some("MAR".to_string())
        );
        // A folder's issuer the text names comes before the file's name.
        let named = format!("{speech}\nCambodia has been a friend of Guyana.\n");
        assert_eq!(
            issuer("Session 58 - 2003/GUY_58_2003.txt", &named, "KHM").as_deref(),
            Some("KHM")
        );
        assert_eq!(
            code_in_file_name("x/speech-FRA-2019.md").map(|c| c.as_str().to_string()),
            Some("FRA".to_string())
        );
    }

    #[test]
    fn positions_as_one_state_give_a_provisional_issuer_that_a_file_or_folder_replaces() {
        let source = Source::from_text("session/speech.txt", Format::Text, SPEECH.to_string());
        // Read alone, as in a folder of many states' speeches that has no issuer.
        let alone = parse(&source, Context::default());
        assert_eq!(
            alone.statements[0].issuer.map(|c| c.as_str().to_string()),
            Some("MOZ".to_string())
        );
        assert!(alone.evidence.wants_prior);
        // A folder's issuer the speech names comes first.
        let named = format!("{SPEECH}\nNorway has been a friend of Mozambique.\n");
        let source = Source::from_text("ministry/MOZ.txt", Format::Text, named);
        let context = Context {
            prior: CountryCode::parse("NOR"),
            ..Context::default()
        };
        let parsed = parse(&source, context);
        assert_eq!(
            parsed.statements[0].issuer.map(|c| c.as_str().to_string()),
            Some("NOR".to_string())
        );
        // So does the issuer of the file's other statements: a ministry's speech at another state's
        // national day takes positions as the host.
        let feed = [
            "Nepal reaffirms its support for peace in the region.",
            "Nepal reiterates its commitment to the Charter.",
            "India reaffirms its friendship with the people of Nepal on its national day.",
        ]
        .map(|text| format!("{{\"title\":\"Remarks\",\"content\":\"{text}\"}}\n"))
        .concat();
        let source = Source::from_text("ministry/feed.jsonl", Format::Json, feed);
        let issuers: Vec<String> = parse(&source, Context::default())
            .statements
            .iter()
            .map(|st| st.issuer.map_or(String::new(), |c| c.as_str().to_string()))
            .collect();
        assert_eq!(issuers, ["NPL", "NPL", "NPL"]);
    }

    fn evidence(pairs: &[(&str, u32)], wants: bool) -> Evidence {
        Evidence {
            weights: pairs
                .iter()
                .map(|(c, n)| (CountryCode::parse(c).unwrap(), *n))
                .collect(),
            wants_prior: wants,
            ..Evidence::default()
        }
    }

    #[test]
    fn evidence_round_trips_through_its_stored_form() {
        let mut e = evidence(&[("NPL", 12), ("IND", 3)], true);
        e.prior = CountryCode::parse("NPL");
        assert_eq!(e.encode(), "w:IND=3,NPL=12 p:NPL");
        assert_eq!(Evidence::decode(&e.encode()), e);
        let none = evidence(&[], true);
        assert_eq!(none.encode(), "p:-");
        assert_eq!(Evidence::decode("p:-"), none);
        assert_eq!(Evidence::decode(""), Evidence::default());
    }

    #[test]
    fn the_nearest_folder_that_leads_clearly_gives_the_prior() {
        let mut priors = FolderPriors::default();
        priors.add(
            "sweden/2017/01/a.md",
            &evidence(&[("SWE", 9), ("IRN", 8)], false),
        );
        priors.add("sweden/2024/11/b.md", &evidence(&[("SWE", 11)], false));
        priors.add("sweden/2024/09/c.md", &evidence(&[], true));
        for f in ["nepal/d.jsonl", "nepal/e.jsonl", "nepal/f.jsonl"] {
            priors.add(f, &evidence(&[("NPL", 8)], false));
        }
        // A year's folder holding one debate, on another state: the archive above it says whose it is.
        priors.add("sweden/2002/debate.md", &evidence(&[("ZWE", 12)], false));
        let code = |rel: &str| priors.prior(rel).map(|c| c.as_str().to_string());
        // 2017/01 alone is undecided, the ministry's folder is not.
        assert_eq!(code("sweden/2017/01/a.md").as_deref(), Some("SWE"));
        assert_eq!(code("sweden/2024/09/c.md").as_deref(), Some("SWE"));
        assert_eq!(code("sweden/2002/debate.md").as_deref(), Some("SWE"));
        assert_eq!(code("nepal/g.jsonl").as_deref(), Some("NPL"));
        // A corpus of one file: its own evidence, nothing above it.
        let mut alone = FolderPriors::default();
        alone.add("statement.md", &evidence(&[("NPL", 12)], true));
        assert_eq!(
            alone
                .prior("statement.md")
                .map(|c| c.as_str().to_string())
                .as_deref(),
            Some("NPL")
        );
        // The corpus folder holds two ministries: a file at its top takes neither.
        assert_eq!(code("loose.txt"), None);
    }

    #[test]
    fn a_folder_named_for_a_state_is_the_issuer_of_files_that_say_nothing() {
        let mut priors = FolderPriors::default();
        for f in ["Fiji/2024/May/part1.html", "Fiji/2024/May/part2.html"] {
            priors.add(&format!("collections/{f}"), &evidence(&[], true));
        }
        priors.add("translations/French/a.html", &evidence(&[], true));
        let code = |rel: &str| priors.prior(rel).map(|c| c.as_str().to_string());
        assert_eq!(
            code("collections/Fiji/2024/May/part1.html").as_deref(),
            Some("FJI")
        );
        // A demonym names a language as often: "French" is no folder of France's.
        assert_eq!(code("translations/French/a.html"), None);
        // A folder named for one state whose files take positions as another holds that other's
        // statements about it.
        let mut about = FolderPriors::default();
        for f in ["a", "b", "c"] {
            let mut e = evidence(&[], true);
            e.leader = CountryCode::parse("UGA");
            about.add(&format!("Kenya/{f}.html"), &e);
        }
        about.add("Kenya/d.html", &evidence(&[], true));
        assert_eq!(about.prior("Kenya/d.html"), None);
        // A ministry's topic folder named for a place is still the ministry's; a name in lowercase
        // ("georgia") names no state.
        let mut ministry = FolderPriors::default();
        for f in ["a", "b", "c", "d"] {
            ministry.add(
                &format!("dfat/news/{f}.md"),
                &evidence(&[("AUS", 9)], false),
            );
        }
        ministry.add("dfat/topics/Hong Kong/e.md", &evidence(&[], true));
        assert_eq!(
            ministry
                .prior("dfat/topics/Hong Kong/e.md")
                .map(|c| c.as_str().to_string())
                .as_deref(),
            Some("AUS")
        );
        let mut lower = FolderPriors::default();
        lower.add("embassies/georgia/a.md", &evidence(&[], true));
        assert_eq!(lower.prior("embassies/georgia/a.md"), None);
    }

    #[test]
    fn people_round_trip_through_the_stored_form() {
        let mut e = evidence(&[("NOR", 2)], false);
        e.people
            .insert("Ana Lima".into(), CountryCode::parse("NOR").unwrap());
        e.people
            .insert("A_B, C=D 100%".into(), CountryCode::parse("SWE").unwrap());
        e.unplaced.insert("Jo Roe".into());
        e.placed = vec![("Jo Roe".into(), CountryCode::parse("IND").unwrap())];
        assert_eq!(Evidence::decode(&e.encode()), e);
        assert!(e.encode().contains("u:Jo_Roe"), "{}", e.encode());
    }

    #[test]
    fn a_speaker_is_placed_by_the_files_beside_that_agree_on_a_country() {
        let mut priors = FolderPriors::default();
        let placing = |name: &str, code: &str| {
            let mut e = evidence(&[], false);
            e.people
                .insert(name.into(), CountryCode::parse(code).unwrap());
            e
        };
        priors.add("m/a.txt", &placing("Ana Lima", "NOR"));
        priors.add("m/b.txt", &placing("Ana Lima", "NOR"));
        priors.add("m/c.txt", &placing("Jo Roe", "IND"));
        priors.add("m/d.txt", &placing("Li Wen", "CHN"));
        priors.add("m/e.txt", &placing("Li Wen", "SGP"));
        priors.add("other/f.txt", &placing("Jo Roe", "IND"));
        let unplaced: std::collections::BTreeSet<String> =
            ["Ana Lima", "Jo Roe", "Li Wen", "Kim Sun"]
                .map(String::from)
                .into();
        let placed: Vec<(String, String)> = priors
            .people(&unplaced)
            .into_iter()
            .map(|(n, c)| (n, c.as_str().to_string()))
            .collect();
        // Jo Roe is placed by one file of this folder, and by one more of the corpus; the files that
        // place Li Wen disagree; nobody places Kim Sun.
        let pair = |n: &str, c: &str| (n.to_string(), c.to_string());
        assert_eq!(placed, [pair("Ana Lima", "NOR"), pair("Jo Roe", "IND")]);
    }

    #[test]
    fn a_state_named_by_nearly_every_file_is_the_folder_issuer() {
        let mut priors = FolderPriors::default();
        // Positions weigh too little to tell; the state named in passing by four files of five is the
        // ministry's, the one the news brought into two of them is not.
        for (file, named) in [
            ("a.md", &[("USA", 2), ("UKR", 4)][..]),
            ("b.md", &[("USA", 0)][..]),
            ("c.md", &[("USA", 0), ("UKR", 3)][..]),
            ("d.md", &[("USA", 3)][..]),
            ("e.md", &[][..]),
        ] {
            priors.add(&format!("treasury/{file}"), &evidence(named, true));
        }
        let code = |rel: &str| priors.prior(rel).map(|c| c.as_str().to_string());
        assert_eq!(code("treasury/e.md").as_deref(), Some("USA"));
        // Three files naming a state are too few to call it an archive's issuer.
        let mut few = FolderPriors::default();
        for file in ["a.md", "b.md", "c.md"] {
            few.add(&format!("small/{file}"), &evidence(&[("SGP", 0)], true));
        }
        assert_eq!(few.prior("small/a.md"), None);
        // Meeting records of many delegations: the most named state is in a third of them.
        let mut council = FolderPriors::default();
        for i in 0..9 {
            let named: &[(&str, u32)] = if i % 3 == 0 { &[("FRA", 0)] } else { &[] };
            council.add(&format!("council/{i}.txt"), &evidence(named, true));
        }
        assert_eq!(council.prior("council/1.txt"), None);
    }

    #[test]
    fn a_folder_where_many_states_speak_for_themselves_has_no_issuer() {
        // A session's speeches: each names the war of the day, several take positions as their own
        // state.
        let mut session = FolderPriors::default();
        for (i, own) in ["ARG", "NOR", "KEN", "FJI", "", "", "", "", "", ""]
            .iter()
            .enumerate()
        {
            let mut e = evidence(&[("UKR", 3)], true);
            e.leader = CountryCode::parse(own);
            session.add(&format!("session/{i}.txt"), &e);
        }
        assert_eq!(session.prior("session/5.txt"), None);
        // A ministry's folder where a few files take positions as other states is still its own.
        let mut ministry = FolderPriors::default();
        for i in 0..40 {
            let mut e = evidence(&[("NOR", 4), ("UKR", 1)], true);
            e.leader = CountryCode::parse(
                ["ARG", "KEN", "FJI", "CHL"]
                    .get(i)
                    .copied()
                    .unwrap_or("NOR"),
            );
            ministry.add(&format!("ministry/{i}.txt"), &e);
        }
        assert_eq!(
            ministry
                .prior("ministry/7.txt")
                .map(|c| c.as_str().to_string())
                .as_deref(),
            Some("NOR")
        );
        // A ministry's archive names its own state in nearly every file...
        let mut archive = FolderPriors::default();
        for i in 0..6 {
            let mut e = evidence(&[("SGP", 0)], true);
            if i == 0 {
                e.leader = CountryCode::parse("SGP");
            }
            archive.add(&format!("archive/{i}.md"), &e);
        }
        let code = |p: &FolderPriors| p.prior("archive/1.md").map(|c| c.as_str().to_string());
        assert_eq!(code(&archive).as_deref(), Some("SGP"));
        // ...but naming is weaker evidence than positions: once a file takes positions as another
        // state, naming alone decides nothing.
        let mut e = evidence(&[("GBR", 1)], true);
        e.leader = CountryCode::parse("GBR");
        archive.add("archive/6.md", &e);
        assert_eq!(code(&archive), None);
    }
}
