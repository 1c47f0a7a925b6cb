//! The English words attribution relies on: offices, organisations, reporting verbs, and the small words
//! that can stand in a sentence's subject. Vocabulary only; no person or country is named here (countries
//! come from the gazetteer).
//!
//! The lists are data: one file each under `data/lexicon/`, embedded in the binary and read once. Each file
//! says at its top what its words are for; `data/lexicon/README.md` says where entries come from.

use crate::gazetteer::CountryCode;
use rustc_hash::FxBuildHasher;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The words of a lexicon, looked up as a set.
///
/// Hashed with FxHash (rustc-hash, the compiler's own hasher) rather than std's SipHash: attribution asks
/// several lists about nearly every capitalised word of a statement, and SipHash, whose resistance to
/// crafted collisions these fixed, embedded lists do not need, was 7% of parsing the UN corpus.
///
/// Most words asked about are in no list, so a 4,096-bit filter of each entry's length, first and last
/// byte answers most questions before the word is hashed: the lists were asked about nearly every word
/// of the UN corpus, and their lookups were a tenth of parsing it.
pub struct Words {
    set: HashSet<&'static str, FxBuildHasher>,
    filter: Box<[u64; FILTER_BITS / 64]>,
}

const FILTER_BITS: usize = 4096;

/// The bit of [`Words::filter`] a word with this length, first and last byte sets.
fn filter_bit(word: &str) -> usize {
    let b = word.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return 0;
    };
    let key = u32::from(first) | u32::from(last) << 8 | (b.len().min(0xFFFF) as u32) << 16;
    (key.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

impl Words {
    /// True when `word` is an entry.
    pub fn contains(&self, word: &str) -> bool {
        let bit = filter_bit(word);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0 && self.set.contains(word)
    }
}

impl std::ops::Deref for Words {
    type Target = HashSet<&'static str, FxBuildHasher>;

    fn deref(&self) -> &Self::Target {
        &self.set
    }
}

impl FromIterator<&'static str> for Words {
    fn from_iter<I: IntoIterator<Item = &'static str>>(entries: I) -> Words {
        let set: HashSet<&'static str, FxBuildHasher> = entries.into_iter().collect();
        let mut filter = Box::new([0u64; FILTER_BITS / 64]);
        for word in &set {
            let bit = filter_bit(word);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Words { set, filter }
    }
}

/// The entries of a lexicon file: one a line, `#` lines and anything after a TAB left out.
fn entries(text: &'static str) -> Words {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or_default().trim())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word list from `data/lexicon/`, looked up as a set: attribution asks it several times for every word
/// it reads.
macro_rules! lexicon {
    ($(#[$doc:meta])* $name:ident = $file:literal) => {
        $(#[$doc])*
        pub static $name: LazyLock<Words> =
            LazyLock::new(|| entries(include_str!(concat!("../../data/lexicon/", $file))));
    };
}

lexicon! {
    /// Words of office phrases: a capitalised run with one of these before a name introduces a participant.
    OFFICE = "office.txt"
}

lexicon! {
    /// Words of an office a release may name without its state when it is the other side's: an envoy, a
    /// leader ("Ambassador", "High Commissioner", "Prime Minister").
    OTHER_SIDE = "other-side.txt"
}

lexicon! {
    /// A letter's complimentary close, lowercase ("yours sincerely"): a name after it signs the letter.
    CLOSINGS = "closings.txt"
}

lexicon! {
    /// Kinds of dispatch, lowercase ("cablegram", "telegram"): opening an archive's title or a document's
    /// first line, with a title "sender to recipient", they make it the sender's dispatch.
    DISPATCHES = "dispatches.txt"
}

lexicon! {
    /// Words of a head of government's office ("Prime", "Premier"): in a sitting, the house's own.
    HEADS_OF_GOVERNMENT = "heads-of-government.txt"
}

lexicon! {
    /// Words of a house's own roles, no office of its government ("Member", "Speaker", "Whip").
    HOUSE_ROLES = "house-roles.txt"
}

lexicon! {
    /// Words of an office in a house's opposition ("Leader of the Opposition", "Shadow Minister"): its
    /// holder speaks for no state.
    OPPOSITION = "opposition.txt"
}

lexicon! {
    /// Nouns of an event people take part in ("meeting", "visit", "delegation"), lowercase.
    EVENTS = "events.txt"
}

lexicon! {
    /// Capitalised words of organisation names that may stand in an office phrase but never in a name.
    ORGANISATION = "organisation.txt"
}

lexicon! {
    /// Title-case verbs of headlines ("X Speaks with Y"): they end a name.
    HEADLINE_VERBS = "headline-verbs.txt"
}

lexicon! {
    /// Title-case headline verbs by which a title's opening name delivers the speech named after them
    /// ("Delivers", "Makes").
    SPEECH_VERBS = "speech-verbs.txt"
}

lexicon! {
    /// Capitalised words that are never part of a name: sentence openers, pronouns, months, days.
    NEVER_NAME = "never-name.txt"
}

lexicon! {
    /// Finite reporting verbs: their subject is the paragraph's speaker.
    REPORTING_VERBS = "reporting-verbs.txt"
}

lexicon! {
    /// Words that open a leading adverbial ("During the talks, X said"): a subject after its comma still opens
    /// the sentence's main clause.
    LEAD_WORDS = "lead-words.txt"
}

lexicon! {
    /// Verbs that only narrate when followed by these words ("spoke with", "spoke by phone").
    NARRATING_AFTER_SPOKE = "narrating-after-spoke.txt"
}

lexicon! {
    /// Lowercase words allowed inside a subject besides names: connectors, adverbs, collective nouns.
    SUBJECT_GLUE = "subject-glue.txt"
}

lexicon! {
    /// Pronouns that continue the previous speaker.
    SINGULAR_PRONOUNS = "singular-pronouns.txt"
}

lexicon! {
    /// Subjects that mean every participant of the exchange.
    COLLECTIVE = "collective.txt"
}

lexicon! {
    /// Words before a period that do not end a sentence.
    ABBREVIATIONS = "abbreviations.txt"
}

lexicon! {
    /// Name particles that may stand lowercase inside a name ("Faisal bin Farhan", "Ursula von der").
    NAME_PARTICLES = "name-particles.txt"
}

lexicon! {
    /// Words of address before a name that are not part of it ("Mr.", "H.E.", "Hon.").
    HONORIFICS = "honorifics.txt"
}

lexicon! {
    /// Verbs by which an issuing state takes a position in its own voice ("Sweden welcomes").
    STANCE_VERBS = "stance-verbs.txt"
}

lexicon! {
    /// Prepositions that end a title's author phrase and open its occasion ("… at the Summit").
    PHRASE_ENDS = "phrase-ends.txt"
}

lexicon! {
    /// Phrases by which an official running a briefing gives the floor ("Let's go to the line of …").
    MODERATION = "moderation.txt"
}

lexicon! {
    /// Words that open a line with a colon without naming who speaks ("Subjects:", "Media contact:").
    NOT_LABELS = "not-labels.txt"
}

lexicon! {
    /// Openings of lines that are page furniture: contacts, credits, subject lists ("Media contact:").
    BOILERPLATE = "boilerplate.txt"
}

lexicon! {
    /// Openings of a paragraph announcing the text after it ("The following is the speech of …").
    ANNOUNCEMENTS = "announcements.txt"
}

lexicon! {
    /// Capitalised words of a state's institution as a site names itself at a page title's end
    /// ("Ministry", "Office", "Hansard").
    INSTITUTIONS = "institutions.txt"
}

lexicon! {
    /// Words of a paragraph ending on a colon that introduces the statement after it ("issued the
    /// following statement:"), lowercase.
    INTRODUCTIONS = "introductions.txt"
}

lexicon! {
    /// Words with which a member of a sitting opens a response to another's statement ("I thank the
    /// honourable Minister for his Ministerial Statement"), lowercase.
    RESPONSES = "responses.txt"
}

lexicon! {
    /// Title words after which a statement's author is named ("Speech by …", "Anförande av …").
    AUTHOR_CUES = "author-cues.txt"
}

/// Office abbreviations that label turns ("PM" → "Prime Minister"), from
/// `data/lexicon/office-abbreviations.txt`.
pub static OFFICE_ABBREVIATIONS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| {
        include_str!("../../data/lexicon/office-abbreviations.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, o)| (a.trim(), o.trim()))
            .collect()
    });

/// Groups of states and their members ("G7" → Canada, France, …), from `data/lexicon/groups.txt`.
pub static GROUPS: LazyLock<Vec<(&'static str, Vec<CountryCode>)>> = LazyLock::new(|| {
    include_str!("../../data/lexicon/groups.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let name = fields.next()?.trim();
            let members = fields
                .next()?
                .split_whitespace()
                .filter_map(CountryCode::parse)
                .collect();
            Some((name, members))
        })
        .collect()
});

/// The members of the one group of states `text` names as a whole word, if it names exactly one.
pub fn group_in(text: &str) -> Option<&'static [CountryCode]> {
    let mut found: Option<&'static [CountryCode]> = None;
    for (name, members) in GROUPS.iter() {
        let whole = text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if whole {
            match found {
                Some(other) if other != members.as_slice() => return None,
                _ => found = Some(members),
            }
        }
    }
    found
}

/// True when `word` is in `list`.
pub fn contains(list: &Words, word: &str) -> bool {
    Words::contains(list, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_lists_its_members_by_known_codes() {
        let listed = include_str!("../../data/lexicon/groups.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        for line in listed {
            let written = line.split('\t').nth(1).unwrap_or_default();
            let name = line.split('\t').next().unwrap_or_default();
            let (_, members) = GROUPS.iter().find(|(n, _)| *n == name).expect(line);
            assert_eq!(members.len(), written.split_whitespace().count(), "{line}");
            assert!(members.len() >= 2, "{line}");
        }
    }

    #[test]
    fn a_group_is_found_as_a_whole_word_and_only_alone() {
        let g7 = group_in("G7 Statement on Global Minimum Tax").expect("G7");
        assert_eq!(g7.len(), 7);
        assert!(group_in("JEF Defence Ministers Statement").is_some());
        assert!(group_in("G77 Ministerial Declaration").is_none());
        assert!(group_in("Quadrilateral talks").is_none());
        // A title naming two groups names no one issuer.
        assert!(group_in("Statement of the Quad and the G7").is_none());
        // The same group by two names is one.
        assert!(group_in("G7 (Group of Seven) Statement").is_some());
    }
}
