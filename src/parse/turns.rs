//! Transcripts: turn labels ("Q:", "A:", "Reuters:", "MR PRICE:", "FOREIGN MINISTER MAAS:"), the header
//! lines of a transcript, and the issuing side's bylines.
//!
//! Pure recognition of shapes; deciding who a label names is attribution's job.

use super::lexicon::{self, contains};
use super::{collapse_spaces, find, more_words_than, Block};

/// Longest label, in characters, before the colon.
const MAX_LABEL_CHARS: usize = 60;

/// What a turn label says about its turn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Label {
    /// "Q:", "QUESTION:", "Follow-up:", "Journalist:": a question by someone unnamed.
    Question,
    /// "A:": the answer of whoever answers in this transcript.
    Answer,
    /// "OPERATOR:", "MODERATOR:", "INTERPRETER:": running the event, speaking for no side.
    Host,
    /// A name, an office, an outlet: "Zhao Lijian", "MR PRICE", "Reuters".
    Named(String),
    /// A member of a parliament asking the government, named with a constituency ("Ms Irene Ng
    /// (Tampines)") or asking a minister ("Dr Lim Wee Kiak asked the Minister for …"): a question, for no
    /// state.
    Member(String),
}

/// The turn label opening a block, with the byte length of the label and its colon; `None` when the block
/// does not open a turn.
pub fn label(block: &Block) -> Option<(Label, usize)> {
    if let Some(speaker) = &block.speaker {
        // A speaker the markup gives is read as a label's words are: "Participant" is no one's name.
        return Some((kind_of(speaker, speaker), 0));
    }
    let text = block.text.as_str();
    // "Question" or "Written Answer" alone on its line, however it is set: the turn is the paragraphs
    // under it (a parliamentary question and its written answer).
    let alone = text.trim().trim_end_matches(':').trim_end();
    if alone.len() <= MAX_LABEL_CHARS {
        if let kind @ (Label::Question | Label::Answer) = kind_of(alone, alone) {
            return Some((kind, text.len()));
        }
    }
    if block.heading || is_bold_heading(block) {
        return None;
    }
    if let Some(end) = bare_question(text) {
        return Some((Label::Question, end));
    }
    if let Some(found) = record_label(text).or_else(|| period_label(text)) {
        return Some(found);
    }
    if let Some(asker) = asked_minister(text) {
        return Some((Label::Member(asker), 0));
    }
    let colon = text.find(':')?;
    let head = text[..colon].trim();
    // An office spelt out in full before its holder may run long: "The Senior Parliamentary Secretary to
    // the Acting Minister for Culture, Community and Youth and Minister for Foreign Affairs (Mr X)".
    if head.is_empty() || head.chars().count() > MAX_LABEL_CHARS * 4 {
        return None;
    }
    // "The Minister for Foreign Affairs (Mr K Shanmugam):": a parliament's office, its holder in brackets.
    if let Some(holder) = office_then_holder(head) {
        return Some((Label::Named(holder), colon + 1));
    }
    // Notes in brackets ("(retranslated)", "(Russian Federation)", "(spoke in French)") are read by
    // attribution; the shape is the label's without them, and so is its length: a meeting record's
    // "Mr. Valero Briceño (Bolivarian Republic of Venezuela) (spoke in Spanish)" is a short label.
    let mut bare = without_brackets(head);
    if bare.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    // "Ms Irene Ng (Tampines):", "Mr Jo Roe (Nee Soon) (Party):": a member of a parliament with her
    // constituency, where a delegate's label gives her state.
    let mut member = false;
    while addressed(&bare) && bare.ends_with(')') {
        let Some(open) = bare.rfind('(') else { break };
        if !is_constituency(&bare[open + 1..bare.len() - 1]) {
            break;
        }
        bare = bare[..open].trim_end().to_string();
        member = true;
    }
    let words: Vec<&str> = bare.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    // "At 10:00 a.m.", "Paragraph 3:" are not turns; "Question 3:" asks.
    if bare.contains(|c: char| c.is_ascii_digit()) {
        let first = words[0].to_lowercase();
        return (first == "question" || first == "q").then_some((Label::Question, colon + 1));
    }
    // A label names a person, an office, an outlet or a delegation; a heading naming an international
    // organisation ("THE UNITED NATIONS:") is not one.
    if words.len() >= 2 && crate::gazetteer::Gazetteer::get().is_not_country(&bare) {
        return None;
    }
    // A label reads like a name or an outlet: a few words, each capitalised or a connector.
    let bold = block.bold_lead.as_deref().is_some_and(|b| {
        let b = b.trim_end();
        b.ends_with(':') || b.len() > colon || without_brackets(b.trim_end_matches(':')) == bare
    });
    // A page that sets the label apart in bold may spell out a whole office: "Federal Chancellor of the
    // Republic of Austria Sebastian Kurz:".
    // So may a label that is an office of a state or a portfolio spelt out: "PRESIDENT OF THE UNITED
    // STATES OF AMERICA:", "Prime Minister of the Republic of India:", "The DEPUTY MINISTER OF FOREIGN
    // AFFAIRS:" (the office, perhaps after "The" and a rank, before the first "of").
    let office_of = words.len() > 2
        && words[1..5.min(words.len())]
            .iter()
            .position(|w| w.eq_ignore_ascii_case("of"))
            .is_some_and(|of| {
                let lead = usize::from(words[0].eq_ignore_ascii_case("the"));
                words[lead..=of + 1]
                    .iter()
                    .take(2)
                    .any(|w| contains(&lexicon::OFFICE, &title_cased(w)))
                    && (lead == 1 || contains(&lexicon::OFFICE, &title_cased(words[0])))
            });
    let max_words = if bold || office_of { 12 } else { 5 };
    let shaped = words.len() <= max_words
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "of" | "the" | "and" | "de" | "for" | "&" | "-" | "on")
        })
        && !bare.contains(['.', ',', ';', '!', '?', '"', '“'])
        || is_honorific_label(&words);
    if !shaped {
        return None;
    }
    let end = colon + 1;
    // "Climate Change: A Threat Multiplier" is a section heading with its subtitle: what follows a label
    // is speech, which a short run of capitalised words without a sentence's end is not. A label in
    // capitals is a speaker's, however short the turn ("THE PRESIDENT: Thank You").
    if head.chars().any(char::is_lowercase) && is_subtitle(&text[end..]) {
        return None;
    }
    if member && !bare.contains(['(', ')']) {
        return Some((Label::Member(bare), end));
    }
    let kind = kind_of(&bare, head);
    // "Note:", "Subjects:", "Media contact:", "Your Excellencies:" open a line without naming who speaks.
    if matches!(kind, Label::Named(_)) && contains(&lexicon::NOT_LABELS, &bare.to_lowercase()) {
        return None;
    }
    Some((kind, end))
}

/// True for a heading's subtitle after its colon: two to eight words, each capitalised or a connector,
/// with no sentence punctuation.
fn is_subtitle(rest: &str) -> bool {
    let rest = rest.trim();
    let words: Vec<&str> = rest.split_whitespace().collect();
    (2..=8).contains(&words.len())
        && !rest.contains(['.', ',', ';', '!', '?', '"', '“', '”'])
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "a" | "an" | "the" | "of" | "in" | "for" | "and" | "to" | "on" | "with" | "at"
                )
        })
}

/// "The Minister for Foreign Affairs (Mr K Shanmugam)" as "The Minister for Foreign Affairs Mr K
/// Shanmugam": an office, then its holder in brackets with a word of address, perhaps then a note ("(for
/// the Prime Minister)").
fn office_then_holder(head: &str) -> Option<String> {
    let open = head.find('(')?;
    let close = open + head[open..].find(')')?;
    let (office, holder) = (head[..open].trim(), head[open + 1..close].trim());
    let first_holder = holder.split_whitespace().next()?.trim_end_matches('.');
    let notes_only = head[close + 1..]
        .split_inclusive(')')
        .all(|part| part.trim().is_empty() || part.trim().starts_with('('));
    // The office's first word, or its second after a rank ("Senior", "Deputy").
    let office_word = office
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("the"))
        .take(2)
        .any(|w| contains(&lexicon::OFFICE, &title_cased(w)));
    let shaped = office_word
        && office.starts_with(char::is_uppercase)
        && contains(&lexicon::HONORIFICS, &title_cased(first_holder))
        && holder.split_whitespace().count() <= 6
        && notes_only
        && !office.contains(['.', ';', ':']);
    shaped.then(|| format!("{office} {holder}"))
}

/// Who asks a parliamentary question set out as a sentence: "2 Dr Lim Wee Kiak asked the Minister for
/// Foreign Affairs whether …", "Mr J Roe (Constituency) asked the Prime Minister …". The asker has a
/// word of address and the one asked an office.
fn asked_minister(text: &str) -> Option<String> {
    if !numbered(text) {
        return None;
    }
    let at = find(text, " asked the ")?;
    let asked = text[at + " asked the ".len()..].split_whitespace().next()?;
    if !contains(&lexicon::OFFICE, asked) {
        return None;
    }
    let before = text[..at].trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let name = without_brackets_all(before);
    let words: Vec<&str> = name.split_whitespace().collect();
    let shaped = addressed(&name)
        && (2..=7).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase()) || contains(&lexicon::NAME_PARTICLES, w)
        });
    shaped.then(|| words.join(" "))
}

/// True for a text opened by a question's number ("2 Dr Roe asked …"): a readout's "Mr Roe asked the
/// Minister to convey his greetings" reports a guest, and is no parliament's question.
fn numbered(text: &str) -> bool {
    let text = text.trim_start();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(' ')
}

/// The office a sitting's question is put to: "2 Dr Roe asked the Minister for Foreign Affairs whether
/// …", "4 To ask the Prime Minister (a) what …" give "Minister for Foreign Affairs", "Prime Minister".
/// Whoever answers it holds that office.
pub fn asked_office(text: &str) -> Option<String> {
    // A written question printed alone opens on it: "To ask the Minister for Law (a) whether …", and
    // that office is the one asked, whoever the question goes on to mention.
    let text = text.trim_start();
    let opens = text.starts_with("To ask the ");
    if !numbered(text) && !opens {
        return None;
    }
    let at = opens
        .then_some("To ask the ".len())
        .or_else(|| find(text, " asked the ").map(|at| at + " asked the ".len()))
        .or_else(|| find(text, " To ask the ").map(|at| at + " To ask the ".len()))?;
    let mut words: Vec<&str> = Vec::new();
    for w in text[at..].split_whitespace() {
        let bare = w.trim_end_matches([',', '.', ';', ':']);
        let capital = bare.starts_with(|c: char| c.is_uppercase());
        if !(capital || matches!(bare, "for" | "of" | "and" | "the")) {
            break;
        }
        words.push(bare);
        if bare.len() != w.len() {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "for" | "of" | "and" | "the"))
    {
        words.pop();
    }
    let office = words.join(" ");
    words
        .first()
        .is_some_and(|w| contains(&lexicon::OFFICE, w))
        .then_some(office)
}

/// True for words that open with a word of address ("Mr", "Dr.", "MS").
fn addressed(words: &str) -> bool {
    words
        .split_whitespace()
        .next()
        .is_some_and(|w| contains(&lexicon::HONORIFICS, &title_cased(w.trim_end_matches('.'))))
}

/// True for what a member's label puts in brackets after her name: her constituency, one to three
/// capitalised words that are no office ("Tampines", "Nee Soon", "Nominated Member"), where a delegate's
/// label gives her state and a briefing's its stage notes ("(continuing)", "(laughs)").
fn is_constituency(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    // "Secretary-General" is an office by either of its parts; "Nominated Member" opens with none.
    let office = words.first().is_some_and(|w| {
        w.split(|c: char| !c.is_alphanumeric())
            .any(|part| contains(&lexicon::OFFICE, &title_cased(part)))
    });
    (1..=3).contains(&words.len())
        && !office
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase()) && !contains(&lexicon::ORGANISATION, w)
        })
}

/// A text with every bracketed part left out: "Mr J Roe (Nee Soon)" is "Mr J Roe".
fn without_brackets_all(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    collapse_spaces(&out).into_owned()
}

/// True for the presiding officer of a sitting ("MR. SPEAKER", "The DEPUTY SPEAKER", "Mdm Speaker",
/// "Chairperson"), given as a label's words, lowercase and without periods.
fn is_presiding(words: &[String]) -> bool {
    let rest: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .skip_while(|w| {
            matches!(
                *w,
                "mr" | "madam" | "madame" | "mdm" | "the" | "mister" | "hon" | "honourable"
            )
        })
        .collect();
    matches!(
        rest[..],
        ["speaker"]
            | ["deputy", "speaker"]
            | ["acting", "speaker"]
            | ["chairman"]
            | ["chairperson"]
            | ["chair"]
    )
}

/// True for a block whose label (`label`, as [`label`] reads it) is a parliament's presiding officer's
/// ("The DEPUTY SPEAKER:", "MR. SPEAKER.-"), not another host's: an operator, a moderator, or a chair,
/// who runs press conferences and panels as often as sittings.
pub fn presides(block: &Block, label: Option<&(Label, usize)>) -> bool {
    let Some(&(Label::Host, end)) = label else {
        return false;
    };
    let head = block
        .text
        .get(..end.min(block.text.len()))
        .unwrap_or_default()
        .trim_end_matches([':', '-', '–', ' ', '.']);
    let words = label_words(&without_brackets(head));
    is_presiding(&words) && words.last().is_some_and(|w| w == "speaker")
}

/// A label's words as [`is_presiding`] reads them: lowercase, without periods.
pub(crate) fn label_words(head: &str) -> Vec<String> {
    head.to_lowercase()
        .split_whitespace()
        .map(|w| w.trim_end_matches('.').to_string())
        .collect()
}

/// What a label's words (without notes in brackets) say of its turn; `head` is the label as written.
fn kind_of(bare: &str, head: &str) -> Label {
    let norm = bare.to_lowercase();
    let words = label_words(&norm);
    if is_presiding(&words) {
        return Label::Host;
    }
    match norm.as_str() {
        "q" | "question" | "follow-up" | "follow up" | "followup" | "journalist" | "reporter"
        | "audience member" | "questioner" | "visitor" => Label::Question,
        "a" | "answer" | "written answer" | "oral answer" | "written reply" | "reply" => {
            Label::Answer
        }
        "operator"
        | "moderator"
        | "interpreter"
        | "translator"
        | "participant"
        | "announcer"
        | "master of ceremonies"
        | "mc" => Label::Host,
        _ => Label::Named(head.to_string()),
    }
}

/// A parliamentary record's label, in capitals and closed by a period and a dash: "HON. S. L. RABUKA.-",
/// "MR. SPEAKER.-". The presiding officer runs the sitting.
fn record_label(text: &str) -> Option<(Label, usize)> {
    // A label has no small letter, so its dash stands before the text's first one: only that stretch is
    // searched, which in prose is a word or two, where searching whole paragraphs for five marks was a
    // twentieth of parsing.
    let capitals = before_lowercase(text);
    // The dash, or a colon a conversion put in its place ("HON. J. USAMATE.: Thank you").
    let (dash, len, bare) = RECORD_DASHES
        .iter()
        .chain([&".:"])
        .filter_map(|d| find(capitals, d).map(|at| (at, d.len(), !d.starts_with('.'))))
        .min()?;
    let head = text[..dash].trim();
    // A dash without its period ("HON. I. B. ROE –Mr. Speaker") closes a label that opens with a word of
    // address.
    if bare && !opens_with_honorific(head) {
        return None;
    }
    if head.is_empty()
        || head.chars().count() > MAX_LABEL_CHARS
        || !head.starts_with(char::is_uppercase)
        || head.chars().any(char::is_lowercase)
        || !head.chars().any(char::is_alphabetic)
    {
        return None;
    }
    let words = label_words(head);
    let kind = if is_presiding(&words) {
        Label::Host
    } else {
        Label::Named(head.to_string())
    };
    Some((kind, dash + len))
}

/// A transcript's label in capitals closed by a period, as official records of a head of state's press
/// conferences print it: "THE PRESIDENT. Good afternoon", "MR. ZIEGLER. The President has …". It names
/// an office or opens with a word of address, so that a place or a heading in capitals is none
/// ("WASHINGTON. Today …").
fn period_label(text: &str) -> Option<(Label, usize)> {
    let capitals = before_lowercase(text);
    // A colon closes a label of its own ("MS. JEAN-PIERRE: Okay"); a paragraph all in capitals (a
    // telegram's "THE MINISTER AGREED. PLEASE ADVISE") has sentences, not a label.
    if capitals.contains(':') || capitals.len() == text.len() {
        return None;
    }
    // The label's period is the last one in the capitals, and the turn's first word, in mixed case,
    // follows it: "Good", or "I am".
    let dot = capitals
        .rfind(". ")
        .filter(|&at| capitals.len() - (at + 2) <= 2)?;
    if !text[dot + 2..].starts_with(char::is_uppercase) {
        return None;
    }
    let head = text[..dot].trim();
    // A heading that names a statement's kind ("STATEMENT BY THE PRIME MINISTER. The Prime Minister
    // …", "MESSAGE TO THE PRESIDENT. We …") is no one's label.
    if super::Kind::in_title(head).is_some() {
        return None;
    }
    let words = label_words(head);
    // A word of address alone, or initials, start a name, not a label: "MR. ATTLEE said …", "H.E.
    // Mahapannaporn also …". The label ends on a whole word.
    let last_whole = words.last().is_some_and(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    });
    if !last_whole
        || words
            .iter()
            .all(|w| contains(&lexicon::HONORIFICS, &title_cased(w)) || w == "THE")
    {
        return None;
    }
    // It ends on the office ("THE PRESIDENT"), or names someone after a word of address ("MR.
    // ZIEGLER"): "THE MINISTER AGREED. Please advise" ends on a verb.
    let names_holder = words
        .last()
        .is_some_and(|w| contains(&lexicon::OFFICE, &title_cased(w)))
        || opens_with_honorific(head);
    let shaped = !head.is_empty()
        && head.chars().count() <= MAX_LABEL_CHARS
        && words.len() <= 5
        && head.starts_with(char::is_uppercase)
        && head
            .split_whitespace()
            .all(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if !shaped || !names_holder {
        return None;
    }
    let kind = if is_presiding(&words) {
        Label::Host
    } else {
        Label::Named(head.to_string())
    };
    Some((kind, dot + 1))
}

/// The text before its first small letter: where a label in capitals can stand.
fn before_lowercase(text: &str) -> &str {
    text.char_indices()
        .find(|(_, c)| c.is_lowercase())
        .map_or(text, |(at, _)| &text[..at])
}

/// How a parliamentary record closes a turn label: a period and a hyphen or an en dash, or an en dash
/// alone after a label that opens with a word of address ("HON. I. B. ROE –Mr. Speaker").
pub(crate) const RECORD_DASHES: [&str; 4] = [".-", ".–", ". –", " –"];

/// True when a label's first word is a word of address ("HON.", "MR.").
pub(crate) fn opens_with_honorific(label: &str) -> bool {
    label.split_whitespace().next().is_some_and(|w| {
        contains(
            &lexicon::HONORIFICS,
            &super::attribution::title_case_word(w.trim_end_matches('.')),
        )
    })
}

/// A label's head without the bracketed notes labels carry: a country or organisation ("Mr. Roe
/// (Norway)"), a note on language or interpretation ("(spoke in French)", "(retranslated)", "(As
/// interpreted)"). Other brackets stay: "Mekong Safeguards (Economic Connectivity):" heads a list item.
pub fn without_brackets(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 1..close];
        out.push_str(&rest[..open]);
        if !is_label_note(inner) {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    collapse_spaces(&out).into_owned()
}

/// True for a note on the language spoken or its interpretation: "spoke in French", "retranslated", "As
/// interpreted", "via interpreter".
pub fn is_language_note(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    ["spoke", "interpret", "translat", "via "]
        .iter()
        .any(|w| lower.contains(w))
}

/// True for what labels put in brackets: a state or organisation the speaker represents, or a note on
/// the language spoken.
fn is_label_note(inner: &str) -> bool {
    is_language_note(inner) || {
        let g = crate::gazetteer::Gazetteer::get();
        g.resolve(inner).is_some() || g.is_not_country(inner)
    }
}

/// The length of a bare question mark opening a turn, "Q" or "Q." followed by a space and the question
/// ("Q  Thank you. Will the President travel?"), as transcripts without colons set it.
fn bare_question(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('Q')?;
    let (dot, rest) = match rest.strip_prefix('.') {
        Some(r) => (1, r),
        None => (0, rest),
    };
    let after = rest.strip_prefix(' ')?;
    after
        .starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '(' | '—' | '-'))
        .then_some(1 + dot)
}

/// Most words a heading set in bold has.
const MAX_HEADING_WORDS: usize = 12;

/// True for a short block wholly in bold that does not end like a sentence: a run-in heading ("**The
/// Alliance: Opening a New Chapter**"), not a turn whose label happens to be bold.
pub fn is_bold_heading(block: &Block) -> bool {
    let text = block.text.trim();
    block
        .bold_lead
        .as_deref()
        .is_some_and(|b| b.trim().len() + 1 >= text.len())
        && !more_words_than(text, MAX_HEADING_WORDS)
        && !text.ends_with(['.', '?', '!', ':'])
}

/// "Mr. Price", "Ms. Porter": honorific labels that carry a period.
fn is_honorific_label(words: &[&str]) -> bool {
    let first = words.first().map(|w| w.trim_end_matches('.'));
    words.len() >= 2
        && first.is_some_and(|w| {
            [
                "Mr", "Mrs", "Ms", "Dr", "Prof", "Amb", "Gen", "Sen", "Rep", "Gov", "Hon", "Rt",
            ]
            .iter()
            .any(|h| h.eq_ignore_ascii_case(w))
        })
        && words[1..]
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// True for a line that says who issued the text rather than being part of it ("The below is
/// attributable to Spokesperson Ned Price:", "Office of the Spokesperson").
pub fn is_byline(text: &str) -> bool {
    // Only the opening words and the word count decide, unless the opening is a release line: most
    // paragraphs are long and are settled without lowercasing them whole.
    // The openings compared byte-wise, ignoring ASCII case, without lowercasing a copy of the head: no
    // character outside ASCII lowercases to one of their letters but the Kelvin sign (k) and the dotted
    // capital I (i and a combining dot, which no opening has after its i), so the answer is the same.
    let opens = |opening: &str| super::starts_with_ignore_ascii_case(text, opening);
    let opens_release = opens("following is")
        || opens("the following is")
        || opens("the following joint statement")
        || opens("the text of the following");
    // "Following is a joint statement … issued by Canada, France, …": however long its list of issuers.
    if opens_release {
        let lower = text.to_lowercase();
        if lower.contains(" by ") || lower.contains("released") || lower.contains("issued") {
            return true;
        }
    }
    if more_words_than(text, 14) {
        return false;
    }
    let lower = text.to_lowercase();
    lower.contains("attributable to")
        || lower.contains("was released by")
        || lower.contains("were released by")
        || lower.contains("was issued by")
        || lower.starts_with("following is")
        || lower.starts_with("begin text")
        || lower.starts_with("end text")
        || lower.starts_with("office of the ")
        || lower == "for immediate release"
        || lower.starts_with("media note")
        || lower.starts_with("readout")
}

/// True for a short line at the head of a transcript that lists a participant, a place or a time
/// ("Ned Price, Department Spokesperson", "Washington, D.C.", "2:17 p.m. EDT").
pub fn is_header_line(text: &str) -> bool {
    let short = !more_words_than(text, 12);
    let sentence = text.ends_with(['.', '?', '!', '"', '”']) && !text.ends_with("D.C.");
    (short && !sentence) || (text.starts_with('(') && text.ends_with(')'))
}

/// True for a line wholly in parentheses or brackets, or a separator ("###", "* * *"): stage directions
/// and markers, not paragraphs.
pub fn is_marker(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('(') && t.ends_with(')') && t.split_whitespace().nth(12).is_none())
        || (t.starts_with('[') && t.ends_with(']'))
        || (!t.is_empty()
            && t.chars()
                .all(|c| matches!(c, '#' | '*' | '-' | '_' | ' ' | '=')))
}

/// A word with its first letter in capitals and the rest in lowercase: "PRESIDENT" → "President".
fn title_cased(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(text: &str) -> Option<Label> {
        label(&Block::plain(text)).map(|(l, _)| l)
    }

    fn bold(text: &str, lead: &str) -> Option<Label> {
        label(&Block {
            text: text.into(),
            bold_lead: Some(lead.into()),
            ..Block::default()
        })
        .map(|(l, _)| l)
    }

    #[test]
    fn labels_of_both_press_conference_layouts_and_briefings() {
        assert_eq!(l("Q: What is your comment?"), Some(Label::Question));
        assert_eq!(l("A: We have noted the reports."), Some(Label::Answer));
        assert_eq!(l("Follow-up: Yes."), Some(Label::Question));
        assert_eq!(
            l("Reuters: Is this true?"),
            Some(Label::Named("Reuters".into()))
        );
        assert_eq!(
            l("Beijing Youth Daily: A documentary…"),
            Some(Label::Named("Beijing Youth Daily".into()))
        );
        assert_eq!(
            l("Zhao Lijian: China highly applauds"),
            Some(Label::Named("Zhao Lijian".into()))
        );
        assert_eq!(
            l("MR PRICE: Thank you."),
            Some(Label::Named("MR PRICE".into()))
        );
        assert_eq!(
            bold(
                "FOREIGN MINISTER MAAS: Thank you, Tony.",
                "FOREIGN MINISTER MAAS:"
            ),
            Some(Label::Named("FOREIGN MINISTER MAAS".into()))
        );
        assert_eq!(l("QUESTION: Ned, on Iran?"), Some(Label::Question));
        assert_eq!(
            l("MR. PRICE: Matt, the Department"),
            Some(Label::Named("MR. PRICE".into()))
        );
        assert_eq!(l("OPERATOR: Thank you."), Some(Label::Host));
        assert_eq!(l("Q Thank you. Will you travel?"), Some(Label::Question));
        assert_eq!(l("Q. And the talks?"), Some(Label::Question));
        assert_eq!(l("Qatar welcomed the talks."), None);
        assert_eq!(l("Q is a letter."), None);
    }

    #[test]
    fn a_record_in_capitals_closes_its_labels_with_a_period() {
        assert_eq!(
            l("THE PRESIDENT. Good afternoon, ladies and gentlemen."),
            Some(Label::Named("THE PRESIDENT".into()))
        );
        assert_eq!(
            l("MR. ZIEGLER. The President has asked me to read this."),
            Some(Label::Named("MR. ZIEGLER".into()))
        );
        // A name's start, initials, a place, a telegram's sentences in capitals, a heading or a
        // colon's own label are not.
        for text in [
            "MR. ATTLEE said that the talks had gone well.",
            "H.E. Mahapannaporn also delivered a special message.",
            "WASHINGTON. Today the talks began.",
            "NOTE TO EDITORS. The talks began.",
            "THE MINISTER AGREED. PLEASE ADVISE WHETHER YOU CONCUR.",
            "THE MINISTER AGREED. Please advise whether you concur.",
            "THE AMBASSADOR RETURNS TODAY. HE WILL CALL ON THE MINISTER. Please advise.",
            "STATEMENT BY THE PRIME MINISTER. The Prime Minister said today that the talks went well.",
            "MESSAGE TO THE PRESIDENT. We thank you for your letter.",
        ] {
            assert_eq!(l(text), None, "{text}");
        }
        assert_eq!(
            l("MS. JEAN-PIERRE: Okay. Thanks for joining."),
            Some(Label::Named("MS. JEAN-PIERRE".into()))
        );
    }

    #[test]
    fn the_office_a_sitting_question_is_put_to() {
        assert_eq!(
            asked_office(
                "2 Dr Lim Wee Kiak asked the Minister for Foreign Affairs whether we agree."
            )
            .as_deref(),
            Some("Minister for Foreign Affairs")
        );
        assert_eq!(
            asked_office("4 To ask the Prime Minister (a) what is the plan").as_deref(),
            Some("Prime Minister")
        );
        assert_eq!(
            asked_office("Mr Roe asked the Minister to convey greetings."),
            None
        );
        assert_eq!(asked_office("3 Mr Roe asked the question again."), None);
        // A written question printed alone: its opening names the office, whoever it mentions.
        assert_eq!(
            asked_office(
                " To ask the Minister for Law whether, as Mr Roe asked the Prime Minister last \
                 week, the plan stands."
            )
            .as_deref(),
            Some("Minister for Law")
        );
    }

    #[test]
    fn labels_with_notes_and_what_is_not_a_label() {
        assert_eq!(
            l("Mr. Kuzmin (Russian Federation) (spoke in Russian): We thank"),
            Some(Label::Named(
                "Mr. Kuzmin (Russian Federation) (spoke in Russian)".into()
            ))
        );
        let long = "Mr. Valero Briceño (Bolivarian Republic of Venezuela) (spoke in Spanish)";
        assert_eq!(
            l(&format!("{long}: We wish to join")),
            Some(Label::Named(long.into())),
            "the notes do not count towards a label's length"
        );
        assert_eq!(
            l("Federal Chancellor of the Republic of Austria Ana Roe (retranslated): Thank you."),
            None,
            "more words than an unbolded label has"
        );
        assert_eq!(
            l("The DEPUTY MINISTER OF FOREIGN AFFAIRS: Madam Speaker, the theme"),
            Some(Label::Named(
                "The DEPUTY MINISTER OF FOREIGN AFFAIRS".into()
            )),
            "an office and its portfolio spelt out"
        );
        assert_eq!(l("At 10:00 a.m. the delegations met."), None);
        assert_eq!(l("Question 3: Will you travel?"), Some(Label::Question));
        // A parliamentary question and its written answer, under headings of their own.
        assert_eq!(l("Question"), Some(Label::Question));
        assert_eq!(l("Written Answer:"), Some(Label::Answer));
        assert_eq!(
            l("Written Answer: 1 The courts will reopen."),
            Some(Label::Answer)
        );
        assert_eq!(l("Questions and Answers"), None);
        assert_eq!(l("THE UNITED NATIONS: A new era"), None);
        assert_eq!(l("Subjects: Trade; fisheries."), None);
        assert_eq!(l("Media contact: press@example.org"), None);
        assert_eq!(
            l("Thirdly: the protection of forests, including planting."),
            None
        );
        assert_eq!(l("Seven: committing to dialogue and diplomacy."), None);
        // A section heading's subtitle is not speech.
        assert_eq!(l("Climate Change: A Threat Multiplier"), None);
        assert_eq!(l("Youth Empowerment: Investing in the Future"), None);
        assert!(l("MR PRICE: Good afternoon.").is_some());
        // A member of a parliament styled "Honourable", initials and all.
        assert_eq!(
            l("HON. M. ROE: Thank you, Mr Speaker."),
            Some(Label::Named("HON. M. ROE".into()))
        );
        assert!(l("Rt. Hon. Jo Roe: Thank you.").is_some());
        assert!(l("Reuters: Thank you").is_some());
        assert!(l("THE PRESIDENT: Thank You").is_some());
        // A salutation addresses the audience; it names no speaker.
        assert_eq!(l("Your Excellencies: we meet in a hard year."), None);
        assert_eq!(l("LADIES AND GENTLEMEN: welcome."), None);
    }

    #[test]
    fn a_parliamentary_records_labels_close_with_a_dash() {
        assert_eq!(
            l("HON. S. L. ROE.- Good morning, Sir."),
            Some(Label::Named("HON. S. L. ROE".into()))
        );
        assert_eq!(l("MR. SPEAKER.- Order."), Some(Label::Host));
        assert_eq!(
            l("HON. SPEAKER.: I now call on the Minister."),
            Some(Label::Host)
        );
        assert_eq!(l("The U.S.-China talks went well."), None);
        // An en dash in place of the hyphen, and a dash with no period after a name opened by "HON.".
        assert_eq!(
            l("HON. PROF. B. C. ROE.– Mr. Speaker, Sir."),
            Some(Label::Named("HON. PROF. B. C. ROE".into()))
        );
        assert_eq!(l("MR. SPEAKER.– Order."), Some(Label::Host));
        assert_eq!(
            l("HON. I. B. ROE –Mr. Speaker, Sir, I thank the Minister."),
            Some(Label::Named("HON. I. B. ROE".into()))
        );
        assert_eq!(l("NATO – the alliance – met today."), None);
        // A label with no word of address still closes with its period and dash.
        assert_eq!(
            l("THE PRIME MINISTER.- Thank you."),
            Some(Label::Named("THE PRIME MINISTER".into()))
        );
        let block = |t: &str| Block {
            text: t.into(),
            ..Block::default()
        };
        let b = block("MR. SPEAKER.– Order.");
        assert!(presides(&b, label(&b).as_ref()));
    }

    #[test]
    fn a_parliaments_labels_give_offices_holders_and_constituencies_in_brackets() {
        assert_eq!(
            l("The Minister for Foreign Affairs (Mr K Shanmugam): Mdm Speaker, we agree."),
            Some(Label::Named(
                "The Minister for Foreign Affairs Mr K Shanmugam".into()
            ))
        );
        assert_eq!(
            l("Ms Irene Ng Phek Hoong (Tampines): Madam, the disputes remain."),
            Some(Label::Member("Ms Irene Ng Phek Hoong".into()))
        );
        assert_eq!(
            l("2 Dr Lim Wee Kiak asked the Minister for Foreign Affairs whether we agree."),
            Some(Label::Member("Dr Lim Wee Kiak".into()))
        );
        // A delegate's state in brackets is a note, not a constituency.
        assert_eq!(
            l("Mr. Roe (Norway): I thank the President."),
            Some(Label::Named("Mr. Roe (Norway)".into()))
        );
        // Stage notes and offices in brackets are no constituency; a readout's "asked the" is no
        // parliament's question.
        for text in [
            "MR PRICE (continuing): And on Iran, we remain concerned.",
            "Mr. Guterres (Secretary-General): I thank the Council.",
            "Ms. Roe (Observer for the State of Palestine): I thank you.",
        ] {
            assert!(!matches!(l(text), Some(Label::Member(_))), "{text}");
        }
        assert_eq!(
            l("Mr Roe asked the Minister to convey his greetings to the King."),
            None
        );
        assert_eq!(
            l("The Minister for Foreign Affairs (Dr Vivian Balakrishnan) (for the Prime Minister): Yes."),
            Some(Label::Named("The Minister for Foreign Affairs Dr Vivian Balakrishnan".into()))
        );
        assert_eq!(
            l("The Senior Parliamentary Secretary to the Minister for Culture, Community and Youth (Mr Sam Tan): Madam."),
            Some(Label::Named(
                "The Senior Parliamentary Secretary to the Minister for Culture, Community and Youth Mr Sam Tan"
                    .into()
            ))
        );
        assert_eq!(
            l("The DEPUTY SPEAKER: Order! Take your seat."),
            Some(Label::Host)
        );
        assert_eq!(l("Mdm Speaker: Next question, please."), Some(Label::Host));
        assert_eq!(
            l("The President: I thank Ms. Mayaki."),
            Some(Label::Named("The President".into()))
        );
    }

    #[test]
    fn sentences_with_colons_are_not_labels() {
        assert_eq!(l("He said the following: nothing."), None);
        assert_eq!(l("The Secretary emphasized three points: first, …"), None);
        assert_eq!(l("Note: the call took place on Monday."), None);
        assert_eq!(l("No colon here"), None);
    }

    #[test]
    fn bylines_headers_and_markers() {
        assert!(is_byline(
            "The below is attributable to Spokesperson Ned Price:"
        ));
        assert!(is_byline("Office of the Spokesperson"));
        assert!(!is_byline(
            "The Secretary spoke with the Minister about the office of the future."
        ));
        assert!(is_header_line("Ned Price, Department Spokesperson"));
        assert!(is_header_line("Washington, D.C."));
        assert!(is_header_line("2:17 p.m. EDT"));
        assert!(!is_header_line(
            "Thank you all for coming today and for your questions."
        ));
        assert!(is_marker("###"));
        assert!(is_marker("(The journalist nodded.)"));
        assert!(!is_marker("(CPC) members met."));
    }
}
