//! The words of a sentence as attribution reads them: tokens with their offsets, sentences, and what makes a
//! word part of a name or of an office.

use super::super::lexicon::{self, contains};
use crate::gazetteer::{Gazetteer, Mention};

/// A word or punctuation mark of a sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    /// True when covered by a country mention ("Lao", "People's Republic of China").
    pub(crate) country: bool,
    /// What the first character is ([`ALPHANUMERIC`], [`UPPER`], [`LOWER`]), found once: the sieves ask
    /// it of every token, several times.
    first: u8,
}

const ALPHANUMERIC: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;

/// The [`Tok::first`] flags of a token's text.
fn first_flags(text: &str) -> u8 {
    let c = match text.as_bytes().first() {
        None => return 0,
        Some(&b) if b.is_ascii() => char::from(b),
        Some(_) => text.chars().next().unwrap_or_default(),
    };
    let flag = |yes: bool, flag: u8| if yes { flag } else { 0 };
    flag(c.is_alphanumeric(), ALPHANUMERIC)
        | flag(c.is_uppercase(), UPPER)
        | flag(c.is_lowercase(), LOWER)
}

impl Tok<'_> {
    pub(crate) fn is_word(&self) -> bool {
        self.first & ALPHANUMERIC != 0
    }
    pub(crate) fn is_cap(&self) -> bool {
        self.first & UPPER != 0
    }
    pub(crate) fn is_lower_word(&self) -> bool {
        self.first & LOWER != 0
    }
    pub(crate) fn is_acronym(&self) -> bool {
        self.text.chars().count() >= 2
            && self
                .text
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit())
    }
    /// A single capital letter: an initial, as in "Antony J. Roe".
    pub(crate) fn is_initial(&self) -> bool {
        let mut chars = self.text.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    }
    /// Initials run together with periods ("R.G" of "R.G. Menzies"), which segmentation keeps as one
    /// word; so it keeps a place's ("D.C") and a time's ("A.M").
    pub(crate) fn is_initials_run(&self) -> bool {
        initials_run(self.text)
    }
    pub(crate) fn is(&self, s: &str) -> bool {
        self.text == s
    }
}

/// Single capitals joined by periods, at least two: "R.G", "D.C", "A.M".
fn initials_run(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_uppercase)
        && text.len() > 1
        && std::iter::from_fn(|| Some((chars.next()?, chars.next())))
            .all(|(dot, letter)| dot == '.' && letter.is_some_and(char::is_uppercase))
}

/// An office word, also as the head of a hyphenated office ("Ambassador-at-Large", "Secretary-General").
pub(crate) fn is_office(word: &str) -> bool {
    contains(&lexicon::OFFICE, word)
        || word
            .split_once('-')
            .is_some_and(|(head, _)| contains(&lexicon::OFFICE, head))
}

pub(crate) fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// `name` without a trailing possessive: "Geng Shuang's" → "Geng Shuang".
pub(crate) fn without_possessive(name: &str) -> &str {
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(name)
}

/// True for a word that can be part of a person's name.
pub(crate) fn is_name_word(t: &Tok) -> bool {
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
        && !contains(&lexicon::HONORIFICS, bare)
        && !is_abstract_noun(bare)
}

/// A noun no one is named: "Foreign Direct Investments", "Sustainable Development Goals" after an office
/// word are a capitalised topic. Plural and abstract endings only: "Clement" and "Trinity" are names.
fn is_abstract_noun(word: &str) -> bool {
    word.len() > 6
        && [
            "ments", "tions", "sions", "ities", "nesses", "ships", "ism", "tion", "ness",
        ]
        .iter()
        .any(|end| word.ends_with(end))
}

pub(crate) fn tokenize<'a>(text: &'a str, gazetteer: &Gazetteer) -> Vec<Tok<'a>> {
    tokenize_with(text, &gazetteer.mentions(text))
}

/// Like [`tokenize`], with the text's country mentions already found.
pub(crate) fn tokenize_with<'a>(text: &'a str, mentions: &[Mention]) -> Vec<Tok<'a>> {
    let mut m = mentions.iter().peekable();
    // About one token in five bytes of prose: one allocation for most paragraphs.
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 4 + 1);
    for (start, word) in crate::tokenize::segments(text) {
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
                let joined = &text[a_start..start + word.len()];
                out.push(Tok {
                    text: joined,
                    start: a_start,
                    country: a_country || country,
                    first: first_flags(joined),
                });
                continue;
            }
        }
        // Initials run into a surname ("V.Makei", "R.G.Menzies"), as some ministries print their
        // ministers' names, are read as the spaced form is: the initials, their period, the surname.
        if let Some(dot) = initials_glued(word) {
            for (at, piece) in [(0, &word[..dot]), (dot, "."), (dot + 1, &word[dot + 1..])] {
                out.push(Tok {
                    text: piece,
                    start: start + at,
                    country,
                    first: first_flags(piece),
                });
            }
            continue;
        }
        out.push(Tok {
            text: word,
            start,
            country,
            first: first_flags(word),
        });
    }
    out
}

/// Where the last period of initials run into a surname is ("V.Makei" → 1, "R.G.Menzies" → 3): single
/// capitals each followed by a period, then a capitalised word with a lowercase letter, so that "U.S"
/// and "D.C" stay whole.
fn initials_glued(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    if b.len() < 4 || b[1] != b'.' || !b[0].is_ascii_uppercase() {
        return None;
    }
    let dot = word.rfind('.')?;
    let surname = &word[dot + 1..];
    let initials = &word[..dot];
    let named = surname.chars().next().is_some_and(char::is_uppercase)
        && surname.chars().skip(1).any(char::is_lowercase)
        && surname.chars().all(char::is_alphabetic);
    // One initial alone, or a run of them ("R.G").
    let one = initials.len() == 1;
    ((one || initials_run(initials)) && named).then_some(dot)
}

/// Splits tokens into sentences at `.`, `?` and `!` that end one (not after "Mr" or an initial).
pub(crate) fn sentences<'t, 'a>(toks: &'t [Tok<'a>]) -> Vec<&'t [Tok<'a>]> {
    let mut out = Vec::new();
    let mut begin = 0;
    for i in 0..toks.len() {
        let t = &toks[i];
        if !matches!(t.text, "." | "?" | "!") {
            continue;
        }
        // "MR. NASH said": a record in capitals abbreviates as one in title case does. Initials run
        // together end no sentence where a person's would, after a word of address or an office and
        // before a name ("Mr R.G. Menzies"); a place's or a time's may ("in Washington, D.C. Jo Roe
        // said", "at 9 A.M. Ana Lima said").
        let addressed = |at: usize| {
            at.checked_sub(1).map(|b| &toks[b]).is_some_and(|t| {
                let word = title_case(t.text);
                contains(&lexicon::HONORIFICS, &word) || is_office(&word)
            })
        };
        // Title case only for a word without lowercase: a sentence's end is met in every paragraph.
        let abbreviation = |w: &str| {
            contains(&lexicon::ABBREVIATIONS, w)
                || !w.chars().any(char::is_lowercase)
                    && contains(&lexicon::ABBREVIATIONS, &title_case(w))
        };
        let after_abbreviation = i > 0
            && (abbreviation(toks[i - 1].text)
                || toks[i - 1].is_initial()
                || toks[i - 1].is_initials_run()
                    && addressed(i - 1)
                    && toks.get(i + 1).is_some_and(is_name_word));
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

pub(crate) fn name_words(name: &[Tok]) -> Vec<String> {
    name.iter()
        .filter(|t| t.is_word() && (t.is_cap() || t.is_initial()))
        .map(|t| without_possessive(t.text).to_lowercase())
        .collect()
}

pub(crate) fn join(toks: &[Tok], text: &str) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text[a.start..b.start + b.text.len()].to_string(),
        _ => String::new(),
    }
}

pub(crate) fn trim_connectors<'t, 'a>(mut toks: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
    while let Some(last) = toks.last() {
        if last.is_cap() || last.is(")") {
            break;
        }
        toks = &toks[..toks.len() - 1];
    }
    toks
}

/// A lowercase word as it would open a sentence: "hon" → "Hon".
pub(crate) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "PRICE" → "Price"; words already in mixed case stay as they are.
pub(crate) fn title_case(word: &str) -> String {
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
        start = matches!(c, '-' | '\'' | '’' | '.');
    }
    out
}

/// A word lowercased with its Latin letters' accents set aside: "Shinzō" and "SHINZO" are one name
/// written two ways.
pub(crate) fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' => 's',
            'ť' | 'ţ' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_run_into_a_surname_are_told_from_a_places_and_a_times() {
        assert_eq!(initials_glued("V.Makei"), Some(1));
        assert_eq!(initials_glued("R.G.Menzies"), Some(3));
        for word in [
            "U.S", "D.C", "A.M", "U.S.A", "Mr.Smith", "V.MAKEI", "V.Makei2",
        ] {
            assert_eq!(initials_glued(word), None, "{word}");
        }
    }
}
