//! The document model, built before any paragraph is attributed: the statement's genre, the side that
//! issues it, and its author — whose words its paragraphs are when nothing in them says otherwise.
//!
//! Every cue a statement gives is read, most trusted first: the fields a record or manifest gives, the
//! title ("Speech by …", "… 's letter to …"), an author field or byline, a sign-off at the end ("Julia
//! Example MP", "MINISTRY OF FOREIGN AFFAIRS SINGAPORE"), and last the body itself (the state that takes
//! positions in it: "Sweden welcomes …").

use std::collections::HashMap;

use super::super::lexicon::{self, contains};
use super::super::{turns, Draft, Kind};
use super::people::{
    bare_name, register_author, register_name_office_pairs, register_offices, Registry,
};
use super::words::{is_name_word, title_case, tokenize, Tok};
use crate::gazetteer::{CountryCode, Gazetteer, Mention};

/// What a statement is, who issues it and in whose voice it speaks.
#[derive(Debug, Default)]
pub(crate) struct Model {
    /// The genre.
    pub(crate) genre: Option<Kind>,
    /// True when the body's turns are marked (labels, or questions and answers given by the record).
    pub(crate) transcript: bool,
    /// The issuing side's country.
    pub(crate) issuer: Option<CountryCode>,
    /// True when the issuer was inferred (from the positions the body takes, or the file's or folder's)
    /// rather than read from the statement (given, its address, author, sign-off or title).
    pub(crate) issuer_inferred: bool,
    /// True when the issuer is only the one state the body takes positions as, found before the file's
    /// and folder's issuers were known: one of those that the body names comes first.
    pub(crate) issuer_provisional: bool,
    /// Whose own words the statement is: its author or authors, when named.
    pub(crate) authors: Vec<usize>,
    /// True when the title names the authors ("Statement by …"): then every paragraph is theirs, even one
    /// that reports someone else.
    pub(crate) titled_authors: bool,
    /// The state of an author the title names only by office ("Statement by the President of Sri
    /// Lanka"): every paragraph is that office holder's, a person the statement never names.
    pub(crate) unnamed_author: Option<CountryCode>,
    /// The office a title names as its author, and its state, while no one holding it is known.
    pub(crate) unnamed_office: Option<(CountryCode, String)>,
    /// Set when a press conference printed without turn labels is titled by one office alone ("Press
    /// Conference by the Prime Minister"): its first-person prose is that office holder's, unnamed, of
    /// the state the office names, or else of the issuing side.
    pub(crate) unnamed_holder: Option<Option<CountryCode>>,
    /// How many participants the header, title and byline introduced: the issuing side's own people.
    pub(crate) own_side: usize,
    /// The people the title and the page's summary name: the parties of a meeting or call, what "the
    /// two leaders" refers to when the body names them nowhere.
    pub(crate) parties: Vec<usize>,
    /// How often the body takes a position as each state, and names it.
    pub(crate) stances: Vec<Stance>,
}

impl Model {
    /// The genre, or a plain statement.
    pub(crate) fn kind(&self) -> Kind {
        self.genre.unwrap_or(Kind::Statement)
    }
}

/// How a body speaks of one state: positions it takes as that state ("Nepal reaffirms"), and mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stance {
    /// The state.
    pub country: CountryCode,
    /// Times the state is the subject of a stance verb.
    pub positions: u32,
    /// Times the state is named after "of" or "for" ("the Government of Nepal", "support for Nepal").
    pub mentions: u32,
}

/// Builds the model of a draft, registering the people its metadata, title, header and sign-off name.
pub(crate) fn build(draft: &Draft, registry: &mut Registry, gazetteer: &Gazetteer) -> Model {
    let mut model = Model {
        transcript: is_transcript(draft),
        ..Model::default()
    };
    // The statement's own side: named in its header, byline or author field.
    let mut header_people = Vec::new();
    let mut attributed = Vec::new();
    for value in &draft.authors {
        header_people.extend(register_author(value, registry, gazetteer));
    }
    let author_field = header_people.clone();
    for line in &draft.header {
        let named = register_name_office_pairs(line, registry, gazetteer);
        // "The following is attributable to Spokesperson X:": X speaks every paragraph.
        if line.to_lowercase().contains("attributable to") {
            attributed.extend(named.iter().copied());
        }
        header_people.extend(named);
    }
    let title_genre = draft.title.as_deref().and_then(Kind::in_title);
    // A record's own genre wins, unless it says no more than "statement" or "media release" and the
    // title says more ("Japan-Australia Joint Communique").
    let given = draft
        .kind
        .filter(|k| *k != Kind::Statement || title_genre.is_none());
    model.genre = given.or(title_genre).or_else(|| {
        if draft.blocks.iter().any(|b| b.given_role.is_some()) {
            Some(Kind::WrittenAnswer)
        } else if model.transcript && is_meeting_record(draft, gazetteer) {
            Some(Kind::MeetingRecord)
        } else if model.transcript {
            Some(Kind::PressConference)
        } else {
            None
        }
    });
    let mut title_author = draft
        .title
        .as_deref()
        .map(|t| title_author(t, registry, gazetteer))
        .unwrap_or_default();
    if title_author.is_empty() {
        if let Some(sender) = correspondent(draft) {
            title_author = people_in(sender, registry, gazetteer);
            if title_author.is_empty() {
                title_author = surname_alone(sender, registry, gazetteer);
            }
            // A dispatch's sender writes it throughout: it is a letter, whatever else its title says.
            if !title_author.is_empty() {
                model.genre = Some(Kind::Letter);
            }
        }
    }
    let parties_from = registry.people.len();
    if let Some(title) = &draft.title {
        let toks = tokenize(title, gazetteer);
        register_offices(title, &toks, registry, gazetteer);
    }
    // The page's summary names who takes part, and opens with the author of a message or speech it
    // introduces ("Vladimir Putin sent a message of greetings to …").
    let mut lead_opener = Vec::new();
    let lead_author = match &draft.lead {
        Some(lead) => {
            let toks = tokenize(lead, gazetteer);
            register_offices(lead, &toks, registry, gazetteer);
            let subject = lead_subject(lead, registry, gazetteer);
            if subject.is_empty() {
                // Whoever the summary opens with meeting or calling someone takes part, named by office or
                // not ("Vladimir Putin met with …", "… had a telephone conversation with …"), though they
                // author nothing; "Jo Roe passed away" or "Jo Roe said that …" makes no party.
                if let Some(verb) = toks.iter().position(|t| t.is_lower_word()).filter(|&v| {
                    matches!(
                        toks[v].text,
                        "met"
                            | "meets"
                            | "held"
                            | "holds"
                            | "had"
                            | "has"
                            | "spoke"
                            | "speaks"
                            | "talked"
                            | "received"
                            | "receives"
                            | "hosted"
                            | "hosts"
                    )
                }) {
                    let opener = super::words::join(&toks[..verb], lead);
                    lead_opener = people_in(&opener, registry, gazetteer);
                }
                office_on(lead, &toks, registry, gazetteer)
            } else {
                subject
            }
        }
        None => Vec::new(),
    };
    model.parties = (parties_from..registry.people.len()).collect();
    for id in lead_opener {
        if !model.parties.contains(&id) {
            model.parties.insert(0, id);
        }
    }
    let signoff = signoff_people(&draft.signoff, registry, gazetteer);
    // Authors: given speakers are handled by their own sieve; then the title's, the author field's, the
    // sign-off's.
    let own_voice = model.kind().is_own_voice();
    // A release is filed under the ministers who issue it, and its paragraphs are theirs only as its
    // title or a reporting verb says; a speech, a letter or an article filed under a name alone is
    // that person's. Either way they are the issuing side's people, and take its country.
    if header_people.is_empty() {
        let mut bare = Vec::new();
        for value in &draft.authors {
            bare.extend(super::people::register_bare_author(
                value, registry, gazetteer,
            ));
        }
        if own_voice && model.kind() != Kind::Statement {
            header_people = bare;
        }
    }
    model.own_side = registry.people.len();
    let filed_under = !header_people.is_empty();
    if own_voice && !model.transcript {
        model.titled_authors = !title_author.is_empty() || !attributed.is_empty();
        model.authors = if !attributed.is_empty() {
            attributed
        } else if !title_author.is_empty() {
            title_author
        } else if !header_people.is_empty() {
            header_people
        } else if !signoff.is_empty() {
            signoff
        } else if !lead_author.is_empty() {
            lead_author
        } else {
            draft
                .title
                .as_deref()
                .and_then(|t| title_surname(t, gazetteer))
                .map(|name| vec![registry.add(name, None, gazetteer)])
                .unwrap_or_default()
        };
        // The author field files a release; a body its opening names issues it ("PRESS RELEASE BY THE
        // X MISSION", "The Department of External Affairs has announced …"): the field's minister
        // speaks none of it.
        if !model.titled_authors && filed_under && released_by_body(draft) {
            model.authors.clear();
        }
        if model.authors.is_empty() {
            model.unnamed_office = draft
                .title
                .as_deref()
                .and_then(|t| title_office(t, gazetteer));
            model.unnamed_author = model.unnamed_office.as_ref().map(|(c, _)| *c);
            model.titled_authors = model.unnamed_author.is_some();
        }
    } else if model.kind() == Kind::WrittenAnswer && !title_author.is_empty() {
        // "Written Answer by Minister for Law X to …": the minister gives the answer.
        model.titled_authors = true;
        model.authors = title_author;
    } else if model.kind() == Kind::WrittenAnswer && author_field.len() == 1 {
        // A house's record filed under the member who answers ("responder: Hon. X (Minister of …)").
        model.authors = author_field;
    } else if model.kind() == Kind::PressConference && !model.transcript && !title_author.is_empty()
    {
        // A press conference printed without turn labels: the one the title names holds it, and its
        // prose in the first person is theirs.
        model.titled_authors = true;
        model.authors = title_author;
    } else if model.kind() == Kind::PressConference && !model.transcript {
        // One holder: "by the Prime Minister and the President of X" is a joint conference.
        model.unnamed_holder = draft
            .title
            .as_deref()
            .and_then(|t| titled_office(t, gazetteer))
            .filter(|(_, office)| !office.contains(" and "))
            .map(|(country, _)| country);
    }
    model
}

/// Settles the issuer once the body has been read for the positions it takes ([`Stances`]).
pub(crate) fn settle_issuer(
    draft: &Draft,
    model: &mut Model,
    stances: Stances,
    registry: &Registry,
    gazetteer: &Gazetteer,
) {
    model.stances = stances.ranked();
    model.issuer = issuer(draft, model, registry, gazetteer);
    if model.issuer.is_none() {
        let (issuer, provisional) = inferred_issuer(draft, model);
        model.issuer = issuer;
        model.issuer_inferred = issuer.is_some();
        model.issuer_provisional = provisional;
    }
}

/// A transcript has at least two turn labels, or a question and an answer given by its record.
/// True when the body's turns are marked: two turn labels, a question and an answer given by the record,
/// or a delegate's or an office's label ("Mr. Roe (Norway): …", "President of Russia Vladimir Putin: …"),
/// which opens a turn even alone: a meeting record split one speech a file, a speech after a readout's
/// narration.
pub(crate) fn is_transcript(draft: &Draft) -> bool {
    draft.blocks.iter().any(|b| b.given_role.is_some())
        || draft
            .blocks
            .iter()
            .filter(|b| turns::label(b).is_some())
            .take(2)
            .count()
            >= 2
        || draft.blocks.iter().any(opens_with_delegate)
}

/// True for a block opening with a label that names a delegate with a state in brackets, an honorific,
/// or an office: "Mr. Kuzmin (Russian Federation):", "Ms. Fore:", "The President:".
fn opens_with_delegate(block: &super::super::Block) -> bool {
    let name = match turns::label(block) {
        Some((turns::Label::Named(name), _)) => name,
        Some((turns::Label::Member(_), _)) => return true,
        _ => return false,
    };
    let first = name.split_whitespace().next().unwrap_or_default();
    name.contains('(')
        || contains(&lexicon::HONORIFICS, first.trim_end_matches('.'))
        || turns::without_brackets(&name)
            .split_whitespace()
            .any(super::words::is_office)
}

/// True for a meeting record: turns labelled with the delegate's state in brackets ("Mr. Roe
/// (Norway):"), where every state speaks for itself and none issues the record.
pub(crate) fn is_meeting_record(draft: &Draft, gazetteer: &Gazetteer) -> bool {
    draft.blocks.iter().any(|b| match turns::label(b) {
        Some((turns::Label::Named(name), _)) => name
            .split('(')
            .skip(1)
            .filter_map(|part| part.split(')').next())
            .any(|inner| gazetteer.resolve(inner).is_some()),
        _ => false,
    })
}

/// The people a title names as its author: those after an author cue ("Speech by …", "Anförande av
/// ambassadör …"), or the one whose possessive opens it ("Minister X's letter to …"), up to the first
/// lowercase word that is not part of an office.
fn title_author(title: &str, registry: &mut Registry, gazetteer: &Gazetteer) -> Vec<usize> {
    let toks = tokenize(title, gazetteer);
    if let Some((phrase, _)) = author_phrase(&toks, false) {
        let phrase = super::words::join(phrase, title);
        let found = people_in(&phrase, registry, gazetteer);
        if !found.is_empty() {
            return found;
        }
    }
    let found = office_on(title, &toks, registry, gazetteer);
    if !found.is_empty() {
        return found;
    }
    let found = delivers_speech(title, &toks, registry, gazetteer);
    if !found.is_empty() {
        return found;
    }
    // "Minister Jane Roe's Letter to …": the possessive name opening the title, with its office.
    let Some(at) = toks
        .iter()
        .position(|t| super::words::is_possessive(t.text) && is_name_word(t))
    else {
        return Vec::new();
    };
    let opens = toks[..at]
        .iter()
        .all(|t| t.is_cap() || t.is(".") || t.is("-"));
    if !opens {
        return Vec::new();
    }
    let phrase = super::words::join(&toks[..=at], title);
    people_in(&phrase, registry, gazetteer)
}

/// The sender an archive's title names for a dispatch: "Cranborne to Commonwealth Government", "Hood to
/// President of the Security Council". The title reads "sender to recipient", both capitalised, and
/// the statement shows it is a dispatch: its title or its first line opens with the dispatch's type,
/// so that a headline ("Minister to Attend Summit") is none.
fn correspondent(draft: &Draft) -> Option<&str> {
    let title = draft.title.as_deref()?;
    let opens_dispatch = |text: &str| {
        let first = text
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        contains(&lexicon::DISPATCHES, &first)
    };
    let dispatch = opens_dispatch(title)
        || draft
            .header
            .iter()
            .map(String::as_str)
            .chain(draft.blocks.first().map(|b| b.text.as_str()))
            .any(opens_dispatch);
    if !dispatch {
        return None;
    }
    let at = title.find(" to ")?;
    let mut sender = title[..at].trim().trim_end_matches(',');
    // "Telegram From the Embassy in France": the type and its "from" go.
    if opens_dispatch(sender) {
        let rest = sender.split_once(' ').map_or("", |(_, r)| r).trim_start();
        sender = rest
            .strip_prefix("From ")
            .or_else(|| rest.strip_prefix("from "))
            .unwrap_or(rest);
    }
    let recipient = title[at + 4..].trim_start();
    let capitalised = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase())
            || matches!(w, "of" | "the" | "for" | "in" | "and" | "at")
    };
    let words: Vec<&str> = sender.split_whitespace().collect();
    let shaped = !words.is_empty()
        && words.len() <= 12
        && words[0].starts_with(char::is_uppercase)
        && words.iter().all(|w| capitalised(w))
        && (recipient.starts_with(char::is_uppercase) || recipient.starts_with("the "));
    shaped.then_some(sender)
}

/// A sender named by surname alone ("Cranborne", "Hood"): see [`lone_surname`]. A city's name
/// ("Canberra to Washington") or a body the lexicon lacks ("Admiralty") still reads as a surname: no
/// list here knows them.
fn surname_alone(sender: &str, registry: &mut Registry, gazetteer: &Gazetteer) -> Vec<usize> {
    let toks = tokenize(sender, gazetteer);
    match toks[..] {
        [one] => lone_surname(&one)
            .map(|name| vec![registry.add(name, None, gazetteer)])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The words of a title that name its author after a cue ("Speech by …", "Letter from … to …", the
/// "of" of "Speech of President X"), up to the preposition that opens the occasion ("at the Summit",
/// "on behalf of", "vid öppen debatt"), and whether the cue is "by".
fn author_phrase<'t, 'a>(toks: &'t [Tok<'a>], capitals: bool) -> Option<(&'t [Tok<'a>], bool)> {
    // "Speech of President X", "Remarks of the Secretary": "of" after the name of a speech names its
    // author as "by" does.
    let of_cue = |i: usize| {
        toks[i].is("of")
            && i > 0
            && Kind::in_title(toks[i - 1].text).is_some_and(|k| k.is_own_voice())
    };
    // A title in title case capitalises its cue too ("Statement By Mcewen"), never as its first word;
    // read so only where asked, as "Statement Par Macron" is no title in title case.
    let cue_word = |i: usize| {
        (toks[i].is_lower_word() || capitals && i > 0 && toks[i].is_cap())
            && contains(&lexicon::AUTHOR_CUES, &toks[i].text.to_lowercase())
    };
    let cue = (0..toks.len()).find(|&i| cue_word(i) || of_cue(i))?;
    let rest = &toks[cue + 1..];
    let end = rest
        .iter()
        .position(|t| t.is("(") || contains(&lexicon::PHRASE_ENDS, t.text))
        .unwrap_or(rest.len());
    // "by" names who made the statement; "from" as often where it comes from ("Message from Tokyo").
    Some((&rest[..end], toks[cue].text.eq_ignore_ascii_case("by")))
}

/// "Statement by McEwen", "Declaration by Campbell": an archive's titles name the author by surname
/// alone, the whole phrase after "by" one name word. Weaker than a full name: an author field, a
/// header or a sign-off that names someone comes first ("Uttalande av Sverige" names a state).
fn title_surname(title: &str, gazetteer: &Gazetteer) -> Option<String> {
    let toks = tokenize(title, gazetteer);
    let (phrase, by) = author_phrase(&toks, true)?;
    let [name] = phrase else {
        return None;
    };
    lone_surname(name).filter(|_| by)
}

/// A surname an archive writes alone ("Mcewen", "Cranborne", "HOOD" → "Hood"): a name word of three
/// letters or more that no lexicon gives to anything else ("Government", "Embassy").
fn lone_surname(name: &Tok) -> Option<String> {
    let bare = title_case(name.text);
    (is_name_word(name)
        && bare.chars().count() > 2
        && !contains(&lexicon::NEVER_NAME, &bare)
        && !contains(&lexicon::INSTITUTIONS, &bare))
    .then_some(bare)
}

/// "Secretary Jo Roe Delivers Remarks at …", "Leader X Makes Important Speech on …": a headline whose
/// opening name, office and all, delivers the speech it names in the words after its verb.
fn delivers_speech(
    text: &str,
    toks: &[Tok],
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Vec<usize> {
    let Some(verb) = toks
        .iter()
        .position(|t| contains(&lexicon::SPEECH_VERBS, t.text))
    else {
        return Vec::new();
    };
    let named = verb > 1 && toks[..verb].iter().all(|t| t.is_cap() || t.is("."));
    let speech = toks[verb + 1..]
        .iter()
        .take(3)
        .any(|t| Kind::in_title(t.text) == Some(Kind::Speech));
    if !named || !speech {
        return Vec::new();
    }
    people_in(
        &super::words::join(&toks[..verb], text),
        registry,
        gazetteer,
    )
}

/// "Presidential Spokesperson Jo Roe on the Death of …": an office and a name opening a title or a
/// summary, before the occasion, are who issues the statement.
fn office_on(
    text: &str,
    toks: &[Tok],
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Vec<usize> {
    let run = super::people::run_end(toks, 0);
    if !toks
        .get(run)
        .is_some_and(|t| t.is("on") || t.is("regarding"))
    {
        return Vec::new();
    }
    match super::people::split_office_name(&toks[..run]) {
        Some((office, _)) if office.iter().any(|t| super::words::is_office(t.text)) => {
            people_in(&super::words::join(&toks[..run], text), registry, gazetteer)
        }
        _ => Vec::new(),
    }
}

/// The author a heading inside the body names for the section it opens: "PRESIDENT X'S ARRIVAL
/// STATEMENT", "Remarks by Minister Y" (a page that prints a speech under its own summary). A heading
/// that names no statement ("President X's Visit to Brunei") names no author.
pub(crate) fn heading_author(
    heading: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Vec<usize> {
    let cased = cased_heading(heading);
    let statement = match Kind::in_title(&cased) {
        Some(kind) => kind.is_own_voice(),
        None => cased.to_lowercase().contains("statement"),
    };
    if !statement {
        return Vec::new();
    }
    title_author(&cased, registry, gazetteer)
}

/// The one person a line names and nothing else, office, demonym and honorific aside: "PHILIPPINE
/// PRESIDENT RODRIGO ROA DUTERTE", "Prime Minister Jane Roe" set above the speech they give, as a
/// label without its colon. A line with any other word ("President X's Visit", "At the Summit
/// Meeting with X") is a heading, not a speaker.
pub(crate) fn speaker_line(
    line: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Option<usize> {
    if line.len() > MAX_SPEAKER_LINE || line.ends_with(['.', ':', '?', '!', ',', ';']) {
        return None;
    }
    // "His Excellency X", "Dear X": the one a speech addresses.
    let first = line.split_whitespace().next().unwrap_or_default();
    if ["his", "her", "your", "dear"].contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let cased = cased_heading(line);
    let cased = cased.as_str();
    let toks = tokenize(cased, gazetteer);
    if toks.is_empty() || toks.len() > 12 {
        return None;
    }
    let shaped = toks.iter().all(|t| {
        (t.is_cap() && !super::words::is_possessive(t.text))
            || t.is(".")
            || t.is(",")
            || matches!(t.text, "of" | "the")
    });
    if !shaped {
        return None;
    }
    // An office or a form of address makes a line a speaker's: a bare name may be a place's or an
    // award's ("Yokota Air Base", "Pro Bono Awards").
    let titled = toks.iter().any(|t| {
        let w = t.text.trim_end_matches('.');
        super::words::is_office(w) || contains(&lexicon::HONORIFICS, w)
    });
    if !titled {
        return None;
    }
    let [one] = people_in(cased, registry, gazetteer)[..] else {
        return None;
    };
    let name = &registry.words[one];
    toks.iter()
        .filter(|t| t.is_cap())
        .all(|t| {
            let w = t.text.trim_end_matches('.');
            name.iter()
                .any(|n| super::words::fold(n) == super::words::fold(w))
                || super::words::is_office(w)
                || contains(&lexicon::HONORIFICS, w)
                || gazetteer.resolve(w).is_some()
        })
        .then_some(one)
}

/// True when a statement's opening says a body releases it: a release line ("PRESS RELEASE BY THE X
/// MISSION", "… issued by the Department of …"), or a first paragraph whose subject, a body and no
/// one holding an office, announces it ("The Department of External Affairs has announced that …").
fn released_by_body(draft: &Draft) -> bool {
    // The header, and the body's lines up to its first paragraph of prose: a letterhead's lines
    // ("DEPARTMENT OF EXTERNAL AFFAIRS,", "FOR THE PRESS", a date) may come before it.
    let prose = |text: &str| text.len() >= 60 && text.bytes().any(|b| b.is_ascii_lowercase());
    let first_prose = draft
        .blocks
        .iter()
        .take(8)
        .position(|b| !b.heading && prose(&b.text))
        .unwrap_or(0);
    let opening = draft.header.iter().map(String::as_str).chain(
        draft
            .blocks
            .get(..=first_prose)
            .unwrap_or(&[])
            .iter()
            .filter(|b| !b.heading)
            .map(|b| b.text.as_str()),
    );
    for text in opening {
        let mut cut = text.len().min(200);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &text[..cut];
        let lower = head.to_ascii_lowercase();
        // A release line: one in capitals, or one that opens on its cue ("Issued by the …"); prose
        // that mentions another's release ("I have read the statement issued by the Ministry of …")
        // is none.
        let line = !head.bytes().any(|b| b.is_ascii_lowercase())
            || ["press release by ", "released by ", "issued by "]
                .iter()
                .any(|cue| lower.starts_with(cue));
        let released = line
            && ["release by the ", "released by the ", "issued by the "]
                .iter()
                .filter_map(|cue| lower.find(cue).map(|at| &head[at + cue.len()..]))
                .any(names_body);
        // The subject before the verb, past "The ": "The announced visit …" has none.
        let announced = lower.starts_with("the ")
            && [" has announced ", " announced ", " announces "]
                .iter()
                .filter_map(|verb| lower.find(verb))
                .filter(|&at| at > 4)
                .min()
                .is_some_and(|at| !head[..at].contains(',') && names_body(&head[4..at]));
        if released || announced {
            return true;
        }
    }
    false
}

/// True for words that name a body ("Department of External Affairs", "I.C.E.M. MISSION IN
/// AUSTRALIA", "Foreign Ministry"): the head of the phrase, its words before "of", "for" or "in", ends
/// on an organisation's word, where a person's office ends on its holder ("Minister for Foreign
/// Affairs").
fn names_body(words: &str) -> bool {
    let head = words
        .split_whitespace()
        .take_while(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "of" | "for" | "in" | "on" | "to" | "and" | "at"
            )
        })
        .take(6)
        .last();
    head.is_some_and(|w| {
        let w = super::words::title_case(w.trim_matches(|c: char| !c.is_alphanumeric()));
        contains(&lexicon::ORGANISATION, &w)
    })
}

/// The author of the text a paragraph announces as following it: "The following is the speech of
/// Secretary X." ([`lexicon::ANNOUNCEMENTS`]).
pub(crate) fn announced_author(
    text: &str,
    registry: &mut Registry,
    gazetteer: &Gazetteer,
) -> Vec<usize> {
    // Read on every paragraph: compared without lowercasing the whole text.
    let announces = text.len() <= MAX_SPEAKER_LINE * 2
        && lexicon::ANNOUNCEMENTS
            .iter()
            .any(|a| super::super::starts_with_ignore_ascii_case(text, a));
    if !announces {
        return Vec::new();
    }
    heading_author(text.trim_end_matches([':', '.']), registry, gazetteer)
}

/// Words a title in title case leaves lowercase.
const SMALL_WORDS: &[&str] = &[
    "of", "by", "the", "and", "at", "on", "in", "to", "for", "from", "during", "with", "a", "an",
];

/// Longest line, in bytes, that can name a speaker alone.
pub(crate) const MAX_SPEAKER_LINE: usize = 100;

/// A heading in title case: one in capitals is cased word by word ("PRESIDENT X'S ARRIVAL STATEMENT" →
/// "President X's Arrival Statement"), so that its names read as names.
fn cased_heading(heading: &str) -> String {
    if heading.chars().any(char::is_lowercase) {
        heading.to_string()
    } else {
        heading
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                // Small words stay small, as a title sets them: "SPEECH BY THE PRESIDENT" reads
                // "Speech by the President", with its author cue.
                let lower = w.to_lowercase();
                if i > 0 && SMALL_WORDS.contains(&lower.as_str()) {
                    return lower;
                }
                let w = super::words::title_case(w);
                match w.strip_suffix("'S").or_else(|| w.strip_suffix("’S")) {
                    Some(stem) => format!("{stem}'s"),
                    None => w,
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The state of the office a title names as its author when it names no person: "Statement to the media
/// by the President of Sri Lanka", "Remarks by the Japanese Foreign Minister". An organisation's office
/// speaks for no state, and a ministry or a state alone is an issuer, not an author ([`title_issuer`]).
fn title_office(title: &str, gazetteer: &Gazetteer) -> Option<(CountryCode, String)> {
    let (country, phrase) = titled_office(title, gazetteer)?;
    Some((country?, phrase))
}

/// The office a title names after an author cue ("… by the Prime Minister"), and its state when the
/// phrase names one; none for an organisation's office or an event's host.
fn titled_office(title: &str, gazetteer: &Gazetteer) -> Option<(Option<CountryCode>, String)> {
    let toks = tokenize(title, gazetteer);
    let cue = toks
        .iter()
        .position(|t| t.is_lower_word() && contains(&lexicon::AUTHOR_CUES, t.text))?;
    // "Press Release on the Foreign Minister at a dinner hosted by the Foreign Minister of Thailand": an
    // office before the cue is the subject, and an event's host or chair is not the statement's author.
    let before = &toks[..cue];
    let hosted = before.last().is_some_and(|t| {
        t.text.ends_with("ed")
            && !matches!(
                t.text,
                "issued" | "delivered" | "released" | "presented" | "signed"
            )
    });
    if hosted || before.iter().any(|t| super::words::is_office(t.text)) {
        return None;
    }
    let rest = &toks[cue + 1..];
    let end = rest
        .iter()
        .position(|t| t.is("(") || contains(&lexicon::PHRASE_ENDS, t.text))
        .unwrap_or(rest.len());
    if !rest[..end].iter().any(|t| super::words::is_office(t.text)) {
        return None;
    }
    let phrase = super::words::join(&rest[..end], title);
    if super::people::is_organisation_office(&phrase, gazetteer) {
        return None;
    }
    Some((super::people::office_country(&phrase, gazetteer), phrase))
}

/// The holder of the office a title names as its author, when they are the first person the body's
/// first paragraph names (`opening`): "Statement by the Prime Minister of Canada on …" opening "The
/// Prime Minister, Justin Trudeau, today issued the following statement". A holder met later ("I
/// thanked President X"), or in a first paragraph in the author's own first person ("Today I spoke with
/// Prime Minister X"), is the other side's.
pub(crate) fn settle_titled_office(
    model: &mut Model,
    registry: &mut Registry,
    opening: Option<usize>,
) {
    let Some((country, office)) = model.unnamed_office.take() else {
        return;
    };
    let words: Vec<&str> = office.split_whitespace().collect();
    // Any holder of the office the body names: a holder of another state's is set apart below.
    let Some(id) = registry.by_office(&words).filter(|&id| opening == Some(id)) else {
        model.unnamed_office = Some((country, office));
        return;
    };
    let person = &mut registry.people[id];
    if person.country.is_some_and(|c| c != country) {
        model.unnamed_office = Some((country, office));
        return;
    }
    person.country = Some(country);
    model.authors = vec![id];
    model.unnamed_author = None;
}

/// The person a page's summary opens with as the subject of sending, delivering or giving something:
/// "Vladimir Putin sent a message …", "The President delivered an address …" is not named, so nobody.
fn lead_subject(lead: &str, registry: &mut Registry, gazetteer: &Gazetteer) -> Vec<usize> {
    let toks = tokenize(lead, gazetteer);
    let Some(verb) = toks.iter().position(|t| t.is_lower_word()) else {
        return Vec::new();
    };
    if !matches!(
        toks[verb].text,
        "sent"
            | "sends"
            | "addressed"
            | "addresses"
            | "delivered"
            | "delivers"
            | "gave"
            | "gives"
            | "made"
            | "makes"
            | "wrote"
            | "writes"
            | "signed"
            | "extended"
            | "conveyed"
    ) {
        return Vec::new();
    }
    let subject = super::words::join(&toks[..verb], lead);
    people_in(&subject, registry, gazetteer)
}

/// The people a phrase names: office-and-name runs, or a bare name.
fn people_in(phrase: &str, registry: &mut Registry, gazetteer: &Gazetteer) -> Vec<usize> {
    let from = registry.people.len();
    let before: Vec<usize> = (0..from).collect();
    let toks = tokenize(phrase, gazetteer);
    register_offices(phrase, &toks, registry, gazetteer);
    let mut found: Vec<usize> = (from..registry.people.len()).collect();
    if found.is_empty() {
        // An office-and-name run may name someone already registered: look the name words up.
        found = before
            .into_iter()
            .filter(|&i| {
                let key = registry.words[i].last();
                key.is_some_and(|k| {
                    toks.iter().any(|t| {
                        t.is_cap() && super::words::without_possessive(t.text).to_lowercase() == *k
                    })
                })
            })
            .collect();
    }
    if found.is_empty() {
        // A name without an office: the capitalised run of two to four name words.
        let names: Vec<&[Tok]> = name_runs(&toks);
        if let [name] = names[..] {
            let text = super::words::join(name, phrase);
            if let Some(name) = bare_name(&text, gazetteer) {
                found.push(registry.add(name, None, gazetteer));
            }
        }
    }
    found
}

/// Runs of two to four consecutive name words.
fn name_runs<'t, 'a>(toks: &'t [Tok<'a>]) -> Vec<&'t [Tok<'a>]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(&toks[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < toks.len() && (is_name_word(&toks[end]) || toks[end].is("-")) {
            end += 1;
        }
        let words = toks[i..end].iter().filter(|t| t.is_word()).count();
        if (2..=4).contains(&words) {
            out.push(&toks[i..end]);
        }
        i = end;
    }
    out
}

/// The people a sign-off names: a name line, or "Name, Office" lines.
fn signoff_people(lines: &[String], registry: &mut Registry, gazetteer: &Gazetteer) -> Vec<usize> {
    let mut found = Vec::new();
    for line in lines {
        let named = register_name_office_pairs(line, registry, gazetteer);
        if !named.is_empty() {
            found.extend(named);
            continue;
        }
        // "Julia Example MP": a name with a post-nominal office.
        let bare = line
            .trim_end_matches(|c: char| c.is_uppercase() || c == ' ')
            .trim();
        let candidate = if bare.split_whitespace().count() >= 2 {
            bare
        } else {
            line.as_str()
        };
        if let Some(name) = bare_name(candidate, gazetteer) {
            found.push(registry.add(name, None, gazetteer));
        }
    }
    found
}

/// The issuing side's country as the statement names it: given, else the author's, else the web
/// address's, else the sign-off's or header's, else the title's own-voice issuer ("Statement by Sweden").
fn issuer(
    draft: &Draft,
    model: &Model,
    registry: &Registry,
    gazetteer: &Gazetteer,
) -> Option<CountryCode> {
    if let Some(c) = draft.country {
        return Some(c);
    }
    // In a meeting record every delegation speaks for its own state; no one issues it.
    if model.genre == Some(Kind::MeetingRecord) {
        return None;
    }
    if let Some(c) = model
        .authors
        .iter()
        .find_map(|&id| registry.people[id].country)
    {
        return Some(c);
    }
    if let Some(c) = model.unnamed_author {
        return Some(c);
    }
    if let Some(c) = draft
        .url
        .as_deref()
        .and_then(|u| gazetteer.country_of_url(u))
    {
        return Some(c);
    }
    if let Some(c) = draft
        .signoff
        .iter()
        .chain(&draft.header)
        .find_map(|l| gazetteer.mentions(l).first().map(|m| m.code))
    {
        return Some(c);
    }
    if let Some(c) = draft
        .title
        .as_deref()
        .and_then(|t| title_issuer(t, gazetteer))
    {
        return Some(c);
    }
    None
}

/// The issuer when nothing in the statement names it: the state its body takes positions as, else its
/// file's or folder's. Inferred, so it goes to the statement's authors and given speakers, not to every
/// official a transcript's labels name. True beside it when it is provisional: taken from positions
/// alone while no file's or folder's issuer is known, which would come first.
fn inferred_issuer(draft: &Draft, model: &Model) -> (Option<CountryCode>, bool) {
    if model.genre == Some(Kind::MeetingRecord) {
        return (None, false);
    }
    if model.kind().is_own_voice() || model.genre == Some(Kind::WrittenAnswer) {
        // A leader's report on visits abroad may take its hosts' positions more often than its own
        // state's: where it also takes positions as its folder's state, that is its own. Until the
        // folder's is known, the leading state is provisional where another state's positions contest it.
        if let Some(p) = draft.prior_country.filter(|&p| {
            model
                .stances
                .iter()
                .any(|s| s.country == p && s.positions > 0)
        }) {
            return (Some(p), false);
        }
        if let Some(c) = leading(&model.stances) {
            let contested = model
                .stances
                .iter()
                .any(|s| s.country != c && s.positions > 0);
            return (Some(c), contested && draft.prior_country.is_none());
        }
    }
    // A folder's issuer that a statement in its own voice never names, where it takes a position as
    // another state and as no other ("Mozambique reaffirms", "on behalf of the Government of X"): a
    // folder of many states' speeches, whose loudest file gave the folder its issuer. Naming alone
    // is no veto: a ministry's release on a visit names the host, not its own state; nor is a written
    // answer's "Russia remains a threat", which speaks of the state, not as it.
    // With no such issuer, in a folder of many states' speeches that has none, that state is the best
    // evidence there is; but until the file's and folder's issuers are known it is provisional: a
    // ministry's speech at another state's national day takes positions as the host.
    if model.kind().is_own_voice() && model.genre != Some(Kind::WrittenAnswer) {
        if let [first, rest @ ..] = &model.stances[..] {
            let named = draft
                .prior_country
                .is_some_and(|prior| model.stances.iter().any(|s| s.country == prior));
            let alone = rest
                .iter()
                .all(|s| s.positions == 0 && s.mentions <= first.mentions);
            if !named && first.positions > 0 && alone {
                return (Some(first.country), draft.prior_country.is_none());
            }
        }
    }
    (draft.prior_country, false)
}

/// The country a title names as the statement's issuer: after the name of a statement and an author
/// cue ("Statement by Sweden", "Message from the Republic of Korea"), or in a possessive ("Sweden's
/// statement"). A headline's "Visitors from China" names no issuer.
fn title_issuer(title: &str, gazetteer: &Gazetteer) -> Option<CountryCode> {
    for m in gazetteer.mentions(title) {
        // Lowercased after slicing: lowercasing can change a text's length in bytes.
        let before = title[..m.start].trim_end().to_lowercase();
        let mut words = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && *w != "the");
        let cue = words
            .next()
            .is_some_and(|w| contains(&lexicon::AUTHOR_CUES, w))
            && words
                .next()
                .is_some_and(|w| w == "statement" || Kind::in_title(w).is_some());
        let possessive = title[m.end..].starts_with("'s") || title[m.end..].starts_with("’s");
        if cue || possessive {
            return Some(m.code);
        }
    }
    site_issuer(title, gazetteer)
}

/// The state a page title's site name belongs to: the last part after a separator, naming one state and
/// no event ("… • President of Russia", "… - Fiji Hansard 2024-12-03", "… | Prime Minister's Office of
/// Japan"). A last part such as "Visit to Japan" or "Talks with Japan and Korea" is the headline's, not a
/// site's.
fn site_issuer(title: &str, gazetteer: &Gazetteer) -> Option<CountryCode> {
    let cut = [" | ", " - ", " – ", " — ", " • ", " · "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| i + sep.len()))
        .max()?;
    let site = &title[cut..];
    let mentions = gazetteer.mentions(site);
    let code = mentions.first()?.code;
    if mentions.iter().any(|m| m.code != code) || site.split_whitespace().count() > 8 {
        return None;
    }
    // A site is an office or an institution of its state ("President of Russia", "Prime Minister's
    // Office of Japan", "Fiji Hansard"); "Statement on Yemen" or "Support for Ukraine" is a headline's
    // topic, and "Talks with Japan" its event.
    let words: Vec<&str> = site
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let institution = words.iter().any(|w| {
        w.starts_with(char::is_uppercase)
            && (super::words::is_office(w) || contains(&lexicon::INSTITUTIONS, w))
    });
    let event = words
        .iter()
        .any(|w| contains(&lexicon::EVENTS, &w.to_lowercase()));
    (institution && !event).then_some(code)
}

/// True when the text before a state's name speaks on its behalf: "on behalf of", "on behalf of the
/// Government and people of". A delegate speaks for the state so named.
fn on_behalf_of(before: &str) -> bool {
    let mut start = before.len().saturating_sub(120);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let tail = &before[start..];
    // Called for every state a paragraph names: most have no "behalf" before them, and cost no copy.
    if !tail.contains("behalf") && !tail.contains("BEHALF") && !tail.contains("Behalf") {
        return false;
    }
    let lower = tail.to_ascii_lowercase();
    let Some(at) = lower.rfind("on behalf of") else {
        return false;
    };
    let between = &lower[at + "on behalf of".len()..];
    // Within one sentence; "the people of X" is solidarity ("we act on behalf of the people of
    // Syria") unless a speaker says it of themself ("I am honoured to address this body on behalf of
    // the people of X"); the Government and people of X are a delegate's own.
    if between.contains(['.', ';', ':', '!', '?']) {
        return false;
    }
    let sentence = tail[..at]
        .rsplit(['.', ';', '!', '?'])
        .next()
        .unwrap_or_default();
    let speaker_says = sentence.split_whitespace().any(|w| w == "I");
    let words: Vec<&str> = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let people = words.iter().any(|w| matches!(*w, "people" | "peoples"));
    let government = words.contains(&"government");
    words.iter().all(|w| {
        matches!(
            *w,
            "the"
                | "government"
                | "people"
                | "peoples"
                | "and"
                | "of"
                | "my"
                | "our"
                | "delegation"
                | "state"
                | "republic"
        )
    }) && (!people || government || speaker_says)
}

/// How often a body takes a position as each state (the state as the subject of a stance verb: "Nepal
/// reaffirms", "The UK remains committed"), and names it as the owner of institutions or the one it
/// speaks up for ("of Nepal", "for Nepal"): counted paragraph by paragraph from the country mentions the
/// paragraph's reading finds anyway.
#[derive(Default)]
pub(crate) struct Stances(HashMap<CountryCode, Stance>);

impl Stances {
    /// Counts what a paragraph says of the states it mentions.
    pub(crate) fn weigh(&mut self, text: &str, mentions: &[Mention]) {
        for m in mentions {
            let next = text[m.end..]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .trim_matches(|c: char| !c.is_alphanumeric());
            let entry = self.0.entry(m.code).or_insert(Stance {
                country: m.code,
                positions: 0,
                mentions: 0,
            });
            // "the Government of X", "Armed Forces of X", "support for X": the state whose institutions
            // a statement names, or that it speaks up for; a demonym ("Russian troops") says neither.
            let before = text[..m.start].trim_end();
            if before.ends_with(" of") || before.ends_with(" for") {
                entry.mentions += 1;
            }
            if contains(&lexicon::STANCE_VERBS, next) || on_behalf_of(before) {
                entry.positions += 1;
            }
        }
    }

    /// Every state weighed, most positions first.
    fn ranked(self) -> Vec<Stance> {
        let mut ranked: Vec<Stance> = self.0.into_values().collect();
        ranked.sort_by(|a, b| {
            (b.positions, b.mentions, a.country).cmp(&(a.positions, a.mentions, b.country))
        });
        ranked
    }
}

/// The state a body takes positions as, when one leads clearly: the only one, or at least
/// [`MIN_POSITIONS`] positions and twice any other's.
fn leading(stances: &[Stance]) -> Option<CountryCode> {
    match stances {
        [one] if one.positions > 0 => Some(one.country),
        [first, second, ..]
            if first.positions >= MIN_POSITIONS && first.positions >= 2 * second.positions =>
        {
            Some(first.country)
        }
        _ => None,
    }
}

/// Fewest positions a body must take as one state, when it names others, to be taken for that state's.
const MIN_POSITIONS: u32 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn author(title: &str) -> Vec<String> {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        title_author(title, &mut r, g)
            .into_iter()
            .map(|i| r.people[i].name.clone())
            .collect()
    }

    #[test]
    fn speaking_on_behalf_of_a_state_and_on_behalf_of_others() {
        assert!(on_behalf_of("I speak on behalf of"));
        assert!(on_behalf_of(
            "It is an honour to speak on behalf of the Government and people of"
        ));
        assert!(on_behalf_of(
            "I am honoured to address this body on behalf of the people of"
        ));
        // Solidarity, a victim, another sentence: no position taken as the state.
        assert!(!on_behalf_of("We must act on behalf of the people of"));
        assert!(!on_behalf_of("We speak on behalf of the victims of"));
        assert!(!on_behalf_of("I speak on behalf of my Government. Today"));
    }

    #[test]
    fn an_archives_title_names_its_author_by_surname_after_a_cue() {
        let g = Gazetteer::get();
        let surname = |t: &str| title_surname(t, g);
        assert_eq!(surname("Statement By Mcewen").as_deref(), Some("Mcewen"));
        assert_eq!(
            surname("Declaration by Campbell").as_deref(),
            Some("Campbell")
        );
        // A state, an office, an institution, the "of" of "Message of Condolence", or a place a
        // message comes "from" is no author.
        for title in [
            "Statement by Australia",
            "Remarks by Spokesperson",
            "Message of Condolence",
            "Statement by Government",
            "By Agreement",
            "Message from Tokyo",
            "Letter from Canberra to London",
            "Statement Par Macron",
        ] {
            assert_eq!(surname(title), None, "{title}");
        }
        // Someone a sign-off names comes first.
        let st = crate::parse::text::parse(
            "t.txt",
            "Statement by Lima\n\nWe welcome the agreement signed today by both sides.\n\n\
             We will work with every partner to carry it out.\n\nAna Roe\nMinister for Trade\n",
        )
        .expect("a statement");
        let names: Vec<&str> = st.participants.iter().map(|p| p.name.as_str()).collect();
        assert!(!names.contains(&"Lima"), "{names:?}");
    }

    #[test]
    fn a_heading_names_its_sections_author_when_it_names_a_statement() {
        let g = Gazetteer::get();
        let mut r = Registry::default();
        let named = heading_author("PRESIDENT ANA LIMA'S ARRIVAL STATEMENT", &mut r, g);
        let names: Vec<&str> = named.iter().map(|&i| r.people[i].name.as_str()).collect();
        assert_eq!(names, ["Ana Lima"]);
        assert!(heading_author("PRESIDENT ANA LIMA'S VISIT TO PERU", &mut r, g).is_empty());
        let named = heading_author("PRESIDENT ANA MARIA LIMA'S ARRIVAL STATEMENT", &mut r, g);
        let names: Vec<&str> = named.iter().map(|&i| r.people[i].name.as_str()).collect();
        assert_eq!(names, ["Ana Maria Lima"], "{:?}", r.people);
    }

    #[test]
    fn a_page_titles_site_name_names_its_issuer_but_a_headlines_last_part_does_not() {
        let gazetteer = Gazetteer::get();
        let issuer = |t: &str| title_issuer(t, gazetteer).map(|c| c.as_str().to_string());
        assert_eq!(
            issuer("MINISTERIAL STATEMENTS - Fiji Hansard 2024-12-03").as_deref(),
            Some("FJI")
        );
        assert_eq!(
            issuer("Telephone conversation with Olaf Scholz • President of Russia").as_deref(),
            Some("RUS")
        );
        assert_eq!(issuer("Prime Minister's remarks - Visit to Japan"), None);
        assert_eq!(issuer("Joint statement | Japan and Australia"), None);
        for headline in [
            "Press releases - Statement on Yemen",
            "Foreign Minister's remarks - Support for Ukraine",
            "Security Council briefing | Syria",
            "News - Sanctions against Russia",
            "Talks - Meeting with President of Russia",
        ] {
            assert_eq!(issuer(headline), None, "{headline}");
        }
        assert_eq!(
            issuer("Statement on Yemen | Prime Minister of Canada").as_deref(),
            Some("CAN")
        );
        assert_eq!(issuer("Statement on the situation in Japan"), None);
    }

    #[test]
    fn a_title_names_its_author_after_a_cue_or_in_an_opening_possessive() {
        assert_eq!(
            author("Remarks by Foreign Secretary, Mr. Ram Das Example, at the Plenary Meeting"),
            ["Ram Das Example"]
        );
        assert_eq!(
            author(
                "Statement by Prime Minister of Nepal Rt. Hon. K P Sharma Example at the Summit"
            ),
            ["K P Sharma Example"]
        );
        assert_eq!(
            author("Statement from Press Secretary Ana Lima on President Roe's Travel to Oslo"),
            ["Ana Lima"]
        );
        assert_eq!(
            author("Anförande av ambassadör Olof Exempel vid öppen debatt i säkerhetsrådet"),
            ["Olof Exempel"]
        );
        assert_eq!(
            author("Minister Jane Roe's Letter to the Editor"),
            ["Jane Roe"]
        );
        assert!(author("Press Release on the Floods").is_empty());
        // A headline whose opening name delivers the speech its next words name.
        assert_eq!(
            author("Secretary Jane Roe Delivers Remarks at the Summit"),
            ["Jane Roe"]
        );
        assert_eq!(
            author("Respected Comrade Kim Jong Un Makes Important Speech on National Day"),
            ["Kim Jong Un"]
        );
        assert!(author("Jane Roe Meets Students of the Academy and Makes Speech").is_empty());
        // A preposition is no verb: "Full Text" delivers nothing.
        assert!(
            !author("Full Text Of Speech By President Jo Doe").contains(&"Full Text".to_string())
        );
    }
}
