//! Countries: which one a phrase names, and which one a user typed.
//!
//! Statements attribute every speaker to a country, but the country is rarely spelled out: it hides in an
//! office ("Indian External Affairs Minister"), a party ("General Secretary of the Lao People's Revolutionary
//! Party") or a short form ("U.S. Secretary of State"). Users, for their part, filter by whatever they remember
//! of a country: "Laos", "lao", "Laotian", "LAO". Both questions are answered here from one table, so that the
//! index and the query side can never disagree about what "Lao" means.
//!
//! Country names, long names, unofficial names and demonyms come from the `keshvar` crate rather than being
//! typed by hand; `data/gazetteer.tsv` adds only what no crate has (parties, institutions, short forms, display
//! names, phrases that must not be read as a country). Text is matched word by word against a map of normalised
//! word sequences, longest match first, so a phrase is scanned once whatever the number of names.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The hand-written part of the gazetteer; its format is described at the top of the file.
const TSV: &str = include_str!("../data/gazetteer.tsv");

/// States that spoke in the archives and no longer exist, by their ISO 3166-3 alpha-3 codes (keshvar knows
/// only today's): the Soviet Union, Czechoslovakia, Yugoslavia, the German Democratic Republic, South Yemen,
/// Serbia and Montenegro. Their names are in `data/gazetteer.tsv`. A state that only changed its name
/// (Zaire, Upper Volta, Ceylon) is today's state under an old name, an alias there.
pub(crate) const FORMER_STATES: [&str; 6] = ["SUN", "CSK", "YUG", "DDR", "YMD", "SCG"];

/// An ISO 3166-1 alpha-3 code such as "LAO", one known to keshvar or a former state's.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct CountryCode([u8; 3]);

impl CountryCode {
    /// The code in capitals, e.g. "LAO".
    pub fn as_str(&self) -> &str {
        // Only `parse` builds a code, and it admits ASCII letters alone.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The code for exactly three ASCII letters in any case naming a country keshvar knows, or a former
    /// state of `FORMER_STATES`; `None` otherwise.
    pub fn parse(s: &str) -> Option<CountryCode> {
        let bytes: [u8; 3] = s.as_bytes().try_into().ok()?;
        if !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let upper = bytes.map(|b| b.to_ascii_uppercase());
        known_codes()
            .contains(letters_index(upper))
            .then_some(CountryCode(upper))
    }
}

/// Every code [`CountryCode::parse`] admits, as one bit per three capitals, set once. keshvar's own
/// `Alpha3::try_from` matches a copy of the text in capitals against each code in turn: called for
/// every gazetteer line and every country label, it was a twentieth of a `count --by country` process.
fn known_codes() -> &'static Letters {
    static KNOWN: OnceLock<Letters> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut known = Letters([0; LETTERS_WORDS]);
        let keshvar = keshvar::SUPPORTED_ALPHA2_LIST
            .iter()
            .map(|&a2| keshvar::Alpha3::from(a2).to_string());
        for code in keshvar.chain(FORMER_STATES.iter().map(|s| s.to_string())) {
            if let Ok(bytes) = <[u8; 3]>::try_from(code.as_bytes()) {
                known.insert(letters_index(bytes));
            }
        }
        known
    })
}

/// Three capitals, A-Z each: 26³ of them.
const LETTERS_WORDS: usize = (26 * 26 * 26usize).div_ceil(64);

/// A set of three-capital words.
struct Letters([u64; LETTERS_WORDS]);

impl Letters {
    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// The place of three capitals (A-Z only) among all of them.
fn letters_index(upper: [u8; 3]) -> usize {
    upper.iter().fold(0, |i, &b| i * 26 + usize::from(b - b'A'))
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A country mention found in a phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Byte offset of the first character of the mention in the phrase.
    pub start: usize,
    /// Byte offset just past the mention; a possessive "'s" is left outside.
    pub end: usize,
    /// The country mentioned.
    pub code: CountryCode,
}

/// Country names, aliases, demonyms and parties, built once from keshvar and `data/gazetteer.tsv`.
pub(crate) struct Gazetteer {
    /// Normalised word sequences (lowercase, words joined by one space) to what they name; also every proper
    /// prefix of a name usable in running text, so a scan knows when to stop extending a match.
    map: Map,
    /// The most words a name usable in running text has; bounds the scan at each position.
    max_words: usize,
    /// One row per country, sorted by code.
    countries: Vec<CountryRow>,
}

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("keys", &self.map.len())
            .field("countries", &self.countries.len())
            .finish_non_exhaustive()
    }
}

/// The gazetteer's keys and what each leads to.
type Map = HashMap<Box<str>, Node, BuildHasherDefault<KeyHasher>>;

/// A fast hash for the short, trusted keys of the map: `mentions` runs once per paragraph and looks up every
/// capitalised word, where std's DoS-resistant SipHash would be most of the cost.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, word: u64) {
        // The multiply-rotate step of FxHash.
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut tail = [0; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(tail));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // Spread the high bits, where the multiply leaves its entropy, over the low ones the table indexes by.
        let x = self.0;
        (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (x >> 32)
    }
}

/// What a key of the map leads to.
#[derive(Clone, Copy, Default)]
struct Node {
    /// Set when the key is itself a name.
    entry: Option<Entry>,
    /// Set when some longer name usable in running text starts with this key.
    prefix: bool,
}

/// What a name means once every source has been weighed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Entry {
    target: Target,
    /// A party or state institution: in an office phrase it outranks a plain country name.
    strong: bool,
    /// Written in capitals ("US", "PRC"): in running text it matches only in capitals.
    caps_only: bool,
    /// Usable in running text: starts with a capital and has no comma or bracket between its words.
    text: bool,
    /// Only a demonym ("French"), which names a language or a people as often as a state.
    demonym: bool,
}

/// What a scan finds at one place of a text.
#[cfg_attr(test, derive(Debug, PartialEq))]
enum Hit {
    /// A country, and whether by a party or state institution.
    Country(Mention, bool),
    /// An international organisation or a phrase that names no single country.
    Organisation,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    Country(CountryCode),
    /// An organisation or a phrase that names no single country; matching it hides the words inside.
    NotCountry,
    /// Claimed by several countries with nothing to choose between them ("Congolese"); treated like
    /// `NotCountry` so that neither country is guessed.
    Ambiguous,
}

/// What keshvar says about one country's codes.
struct CountryRow {
    code: CountryCode,
    alpha2: [u8; 2],
}

/// The country a user or a file names: an ISO code at once, else any name [`Gazetteer::resolve`] knows.
///
/// The code is tried before the gazetteer is asked, because building its name index would be most of a
/// short search process's time; [`Gazetteer::resolve`] tries codes first too, so the answer is the same.
pub(crate) fn country(typed: &str) -> Option<CountryCode> {
    CountryCode::parse(typed.trim()).or_else(|| Gazetteer::get().resolve(typed))
}

/// The name to show a user for a country: "Laos", "China", "United States", "South Korea" (an override
/// from the TSV file, else keshvar's short name). Kept apart from the gazetteer: printing hits needs only
/// these names, and building the name index would be most of a short search process's time.
pub(crate) fn display_name(code: CountryCode) -> &'static str {
    static NAMES: OnceLock<HashMap<CountryCode, &'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut names = HashMap::new();
        for line in parse_tsv(TSV).0 {
            if let (Kind::Display, Some(code)) = (line.kind, line.code) {
                names.entry(code).or_insert(line.name);
            }
        }
        for country in keshvar::CountryIterator::new() {
            if let Some(code) = code_of(country.alpha3()) {
                names.entry(code).or_insert(country.iso_short_name());
            }
        }
        names
    });
    names.get(&code).copied().unwrap_or("")
}

impl Gazetteer {
    /// The gazetteer, built once on first use from keshvar plus `data/gazetteer.tsv`.
    pub(crate) fn get() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| build(TSV))
    }

    /// A country typed by a user: name, long name, alias, demonym, party, alpha-3 or alpha-2 code.
    ///
    /// Case- and apostrophe-insensitive (’ = '), surrounding whitespace and a leading "the " ignored. Codes
    /// are tried first, so "CPV" is Cabo Verde although it is also the Vietnamese party's initials. `None` if
    /// unknown, ambiguous ("Congolese") or not a country ("EU").
    pub(crate) fn resolve(&self, typed: &str) -> Option<CountryCode> {
        let typed = typed.trim();
        if typed.bytes().all(|b| b.is_ascii_alphabetic()) {
            match typed.len() {
                3 => {
                    if let Some(code) = CountryCode::parse(typed) {
                        return Some(code);
                    }
                }
                2 => {
                    let upper = [
                        typed.as_bytes()[0].to_ascii_uppercase(),
                        typed.as_bytes()[1].to_ascii_uppercase(),
                    ];
                    if let Some(row) = self.countries.iter().find(|row| row.alpha2 == upper) {
                        return Some(row.code);
                    }
                }
                _ => {}
            }
        }
        match self.lookup(typed)?.target {
            Target::Country(code) => Some(code),
            Target::NotCountry | Target::Ambiguous => None,
        }
    }

    /// The state a name such as a folder's names ("Fiji", "Cook Islands"): a country's name, long name or
    /// alias, not a demonym ("French" names a language as often), a party or a state institution; a
    /// short form listed in capitals ("US", "UK") only in capitals, and no ISO code as such ("fr", "de").
    pub(crate) fn state_named(&self, name: &str) -> Option<CountryCode> {
        let entry = self.lookup(name)?;
        let caps = name.chars().any(char::is_uppercase) && !name.chars().any(char::is_lowercase);
        match entry.target {
            Target::Country(code)
                if !entry.demonym && !entry.strong && (!entry.caps_only || caps) =>
            {
                Some(code)
            }
            _ => None,
        }
    }

    /// True if the typed value is listed as an international organisation or a phrase that names no single
    /// country ("EU", "ASEAN", "Latin America"), so a caller can say "not a country" rather than "unknown".
    pub(crate) fn is_not_country(&self, typed: &str) -> bool {
        self.lookup(typed.trim())
            .is_some_and(|entry| entry.target == Target::NotCountry)
    }

    /// Every country mention in running text or an office phrase, left to right.
    ///
    /// At each word the longest name wins, and only whole words match ("Chinese" is not inside
    /// "Indochinese", "Niger" not inside "Nigeria"). A mention starts with a capital letter, so the pronoun
    /// "us" and porcelain "china" are not countries; names written in capitals ("US", "PRC") match only in
    /// capitals; ISO codes are not matched, except where a code is also a listed name ("USA"). Hyphens separate
    /// words ("China-Laos"), typographic apostrophes fold to ', and possessives ("China's", "Laos'") match.
    pub(crate) fn mentions(&self, text: &str) -> Vec<Mention> {
        let mut found = Vec::new();
        self.scan(text, |hit| {
            if let Hit::Country(mention, _) = hit {
                found.push(mention);
            }
            true
        });
        found
    }

    /// True when a phrase names an international organisation ("NATO Secretary General", "the UN
    /// Special Envoy"): an office of it speaks for no state.
    pub(crate) fn names_organisation(&self, phrase: &str) -> bool {
        let mut found = false;
        self.scan(phrase, |hit| {
            found = matches!(hit, Hit::Organisation);
            !found
        });
        found
    }

    /// The country of an office or party phrase: the first party or state institution mentioned, else the
    /// first country mentioned, else `None`.
    ///
    /// A party outranks a country name because offices name their party before the state they serve
    /// ("General Secretary of the Lao People's Revolutionary Party Central Committee").
    pub(crate) fn country_of(&self, phrase: &str) -> Option<CountryCode> {
        let mut first = None;
        let mut strong = None;
        self.scan(phrase, |hit| {
            match hit {
                Hit::Country(mention, true) => {
                    strong = Some(mention.code);
                    return false;
                }
                Hit::Country(mention, false) => {
                    first.get_or_insert(mention.code);
                }
                Hit::Organisation => {}
            }
            true
        });
        strong.or(first)
    }

    /// The country a web address speaks for, from its host: a country-code top-level domain ("www.fmprc.gov.cn"
    /// → China, ".uk" → United Kingdom) or a US government or military host (".gov", ".mil"). Generic
    /// domains (".com", ".org", ".int") say nothing.
    pub(crate) fn country_of_url(&self, url: &str) -> Option<CountryCode> {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest
            .split(['/', '?', '#', ':'])
            .next()?
            .to_ascii_lowercase();
        let tld = host.trim_end_matches('.').rsplit('.').next()?;
        match tld {
            "gov" | "mil" => CountryCode::parse("USA"),
            "uk" => CountryCode::parse("GBR"),
            tld if tld.len() == 2 => self.resolve(tld),
            _ => None,
        }
    }

    /// The entry for a whole typed value, if it is a name.
    fn lookup(&self, typed: &str) -> Option<Entry> {
        let mut words = Vec::new();
        tokenize(typed, &mut words, usize::MAX, None);
        let key = join_key(skip_the(&words, typed), typed);
        self.map.get(key.as_str())?.entry
    }

    /// Calls `emit` with each mention and whether it is a party or institution, until `emit` returns false.
    fn scan(&self, text: &str, emit: impl FnMut(Hit) -> bool) {
        self.scan_reading(text, self.max_words, emit);
    }

    /// [`Self::scan`], with the words a scan may read found by `tokenize` with this `reach`.
    fn scan_reading(&self, text: &str, reach: usize, mut emit: impl FnMut(Hit) -> bool) {
        // One allocation for the common paragraph, rather than a few as the vector grows.
        let mut words = Vec::with_capacity(text.len() / 5 + 1);
        let map = (reach != usize::MAX).then_some(&self.map);
        tokenize(text, &mut words, reach, map);
        let mut key = String::with_capacity(64);
        let mut i = 0;
        while i < words.len() {
            if !words[i].upper_first || words[i].unknown {
                i += 1;
                continue;
            }
            key.clear();
            // (last word, matched through its possessive-less form, entry)
            let mut best: Option<(usize, bool, Entry)> = None;
            let last = words.len().min(i + self.max_words);
            for j in i..last {
                let word = &words[j];
                if j > i {
                    if !word.soft_before {
                        break;
                    }
                    key.push(' ');
                }
                push_normalised(&text[word.start..word.base_end], &mut key);
                if word.base_end < word.end {
                    if let Some(entry) = self.text_entry(&key, &words[i..=j]) {
                        best = Some((j, true, entry));
                    }
                    push_normalised(&text[word.base_end..word.end], &mut key);
                }
                let Some(node) = self.map.get(key.as_str()) else {
                    break;
                };
                if let Some(entry) = node.entry.filter(|e| usable(e, &words[i..=j])) {
                    best = Some((j, false, entry));
                }
                if !node.prefix {
                    break;
                }
            }
            let Some((j, via_base, entry)) = best else {
                i += 1;
                continue;
            };
            let hit = match entry.target {
                Target::Country(code) => {
                    let end = if via_base {
                        words[j].base_end
                    } else {
                        words[j].end
                    };
                    let mention = Mention {
                        start: words[i].start,
                        end,
                        code,
                    };
                    Some(Hit::Country(mention, entry.strong))
                }
                Target::NotCountry => Some(Hit::Organisation),
                Target::Ambiguous => None,
            };
            if let Some(hit) = hit {
                if !emit(hit) {
                    return;
                }
            }
            i = j + 1;
        }
    }

    /// The entry for `key` if it may match running text spelled as `words`.
    fn text_entry(&self, key: &str, words: &[Word]) -> Option<Entry> {
        self.map
            .get(key)?
            .entry
            .filter(|entry| usable(entry, words))
    }
}

/// Whether a name may match running text spelled as `words` (the first of which starts with a capital).
fn usable(entry: &Entry, words: &[Word]) -> bool {
    entry.text && (!entry.caps_only || words.iter().all(|w| w.all_caps))
}

// ---------------------------------------------------------------------------------------------------------------
// Words

/// One word of a text: where it is and how it is written. Its normalised form is made only when needed, since
/// most words of a text (the small ones) are never looked up.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// Byte range of the word in the text, a final abbreviation period ("U.S.") included.
    start: usize,
    end: usize,
    /// Where the word ends without a possessive "'s"; `end` if there is none.
    base_end: usize,
    /// Only spaces, hyphens, dashes, periods or apostrophes separate this word from the previous one, so a
    /// name may run across the gap; a comma or bracket ends it.
    soft_before: bool,
    upper_first: bool,
    /// Has capitals and no small letters (a possessive "'s" aside).
    all_caps: bool,
    /// A capitalised word without a possessive that no key of the map is: a scan from it finds nothing
    /// (set only when `tokenize` is given the map).
    unknown: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

fn is_soft_separator(c: char) -> bool {
    c.is_whitespace()
        || is_apostrophe(c)
        || matches!(
            c,
            '-' | '‐' | '‑' | '‒' | '–' | '—' | '.' | '\u{00AD}' | '\u{200B}'
        )
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Folds the Latin accents found in country names, so that "Turkiye" finds "Türkiye".
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    }
}

/// Appends the normalised form of (part of) a word: lowercase, without accents or periods, every apostrophe
/// as '.
fn push_normalised(word: &str, out: &mut String) {
    for c in word.chars() {
        if c.is_ascii() {
            if c != '.' {
                out.push(c.to_ascii_lowercase());
            }
        } else if is_apostrophe(c) {
            out.push('\'');
        } else {
            for lower in c.to_lowercase() {
                if !is_combining(lower) {
                    out.push(fold(lower));
                }
            }
        }
    }
}

/// Splits `text` into words, appending them to `words`.
///
/// A word is a run of letters and digits; an apostrophe between two of them belongs to the word ("People's",
/// "d'Ivoire"), and so do the periods of an abbreviation of single letters ("U.S."). Everything else separates
/// words.
///
/// A scan only starts a name at a capitalised word and reads at most `reach` words from there, so a word
/// `reach` or more places after the last capitalised one is never read: from there up to the next capital
/// (or byte outside ASCII) the text is passed over, leaving words no scan could tell apart from the full
/// list. `usize::MAX` keeps every word.
///
/// Given the `map`, each capitalised word is looked up as it is read, and only one that some longer name
/// starts with counts as the capital a scan reads on from: a scan from "The", "We" or "General" reads
/// that word alone, and the lowercase words after it are passed over like any others out of reach.
fn tokenize(text: &str, words: &mut Vec<Word>, reach: usize, map: Option<&Map>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut soft = true;
    let mut key = String::new();
    // Words since the last one opening with a capital that a name may run on from; as many as `reach`
    // before the first.
    let mut since_capital = reach;
    while let Some(first) = char_at(text, at) {
        if since_capital.saturating_add(1) >= reach && reach != usize::MAX {
            let rest = &bytes[at..];
            let Some(capital) = rest
                .iter()
                .position(|b| b.is_ascii_uppercase() || !b.is_ascii())
            else {
                break;
            };
            // Resume after the last space before it: at the start of the word holding it, or a few
            // words earlier after a hyphen, bracket or line break.
            if let Some(space) = rest[..capital].iter().rposition(|&b| b == b' ') {
                if space > 0 {
                    at += space + 1;
                    soft = false;
                    continue;
                }
            }
        }
        let start = at;
        at += first.len_utf8();
        if first == ' ' {
            continue;
        }
        if !first.is_alphanumeric() {
            if !is_soft_separator(first) {
                soft = false;
            }
            continue;
        }
        let mut has_upper = first.is_uppercase();
        let mut lower = usize::from(first.is_lowercase());
        // Small letters before the last apostrophe, to forgive the "s" of "PRC's".
        let mut lower_before_apostrophe = lower;
        let mut last_apostrophe = None;
        // Letters since the last period, and whether the word is an abbreviation like "U.S".
        let mut segment = 1;
        let mut dotted = false;
        let mut previous = first;
        loop {
            // Most of a word is ASCII letters, told apart a byte at a time without Unicode's tables.
            let run = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .fold((0, false, 0), |(n, upper, small), b| {
                    (
                        n + 1,
                        upper | b.is_ascii_uppercase(),
                        small + usize::from(b.is_ascii_lowercase()),
                    )
                });
            if run.0 > 0 {
                has_upper |= run.1;
                lower += run.2;
                segment += run.0;
                at += run.0;
                previous = char::from(bytes[at - 1]);
            }
            let Some(c) = char_at(text, at) else {
                break;
            };
            let after = at + c.len_utf8();
            if c.is_alphanumeric() || is_combining(c) {
                has_upper |= c.is_uppercase();
                lower += usize::from(c.is_lowercase());
                segment += usize::from(!is_combining(c));
            } else if is_apostrophe(c) || c == '.' {
                let joins = char_at(text, after).is_some_and(char::is_alphanumeric)
                    && (c != '.' || (segment == 1 && previous.is_alphabetic()));
                if joins && c == '.' {
                    dotted = true;
                    segment = 0;
                } else if joins {
                    last_apostrophe = Some(at);
                    lower_before_apostrophe = lower;
                } else {
                    if c == '.' && dotted && segment == 1 {
                        // The closing period of "U.S." belongs to the word, not to the sentence.
                        at = after;
                    }
                    break;
                }
            } else {
                break;
            }
            at = after;
            previous = c;
        }
        let end = at;
        let possessive = last_apostrophe.filter(|&apostrophe| {
            let mut rest = text[apostrophe..end].chars();
            rest.next();
            matches!(rest.as_str(), "s" | "S")
        });
        let (base_end, all_caps) = match possessive {
            Some(apostrophe) => (apostrophe, has_upper && lower_before_apostrophe == 0),
            None => (end, has_upper && lower == 0),
        };
        let upper_first = first.is_uppercase();
        // Whether a scan from this word may read the next: it opens with a capital and, with the map,
        // is a key that a longer name starts with.
        let (runs_on, unknown) = match map {
            Some(map) if upper_first => {
                key.clear();
                push_normalised(&text[start..end], &mut key);
                let node = map.get(key.as_str());
                (
                    node.is_some_and(|n| n.prefix),
                    node.is_none() && base_end == end,
                )
            }
            _ => (upper_first, false),
        };
        words.push(Word {
            start,
            end,
            base_end,
            soft_before: soft,
            upper_first,
            all_caps,
            unknown,
        });
        since_capital = if runs_on {
            0
        } else {
            since_capital.saturating_add(1)
        };
        soft = true;
    }
}

/// The character starting at byte `at` of `text`, with a shortcut for ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text[at..].chars().next(),
        None => None,
    }
}

/// The words of a name without a leading "the": "The Gambia" is "Gambia".
fn skip_the<'w>(words: &'w [Word], text: &str) -> &'w [Word] {
    match words {
        [first, rest @ ..]
            if !rest.is_empty() && text[first.start..first.end].eq_ignore_ascii_case("the") =>
        {
            rest
        }
        _ => words,
    }
}

/// The normalised words joined by one space: the form of a map key.
fn join_key(words: &[Word], text: &str) -> String {
    let mut key = String::new();
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            key.push(' ');
        }
        push_normalised(&text[word.start..word.end], &mut key);
    }
    key
}

// ---------------------------------------------------------------------------------------------------------------
// The TSV file

/// The kinds of line in `data/gazetteer.tsv`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Party,
    Body,
    Alias,
    Demonym,
    Display,
    Drop,
    Org,
    Other,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "party" => Kind::Party,
            "body" => Kind::Body,
            "alias" => Kind::Alias,
            "demonym" => Kind::Demonym,
            "display" => Kind::Display,
            "drop" => Kind::Drop,
            "org" => Kind::Org,
            "other" => Kind::Other,
            _ => return None,
        })
    }

    fn names_country(self) -> bool {
        !matches!(self, Kind::Org | Kind::Other)
    }
}

/// One entry of the TSV file.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    kind: Kind,
    name: &'a str,
    code: Option<CountryCode>,
}

/// The entries of the TSV file, and the numbers (from 1) of the lines that could not be read.
fn parse_tsv(tsv: &str) -> (Vec<Line<'_>>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for (index, raw) in tsv.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match parse_line(trimmed) {
            Some(line) => lines.push(line),
            None => bad.push(index + 1),
        }
    }
    (lines, bad)
}

fn parse_line(line: &str) -> Option<Line<'_>> {
    let mut fields = line.split('\t').map(str::trim);
    let kind = Kind::parse(fields.next()?)?;
    let name = fields.next().filter(|name| !name.is_empty())?;
    let code = fields
        .next()
        .filter(|code| !code.is_empty() && *code != "-");
    if fields.next().is_some() {
        return None;
    }
    let code = match (kind.names_country(), code) {
        (true, Some(code)) => Some(CountryCode::parse(code)?),
        (false, None) => None,
        _ => return None,
    };
    Some(Line { kind, name, code })
}

// ---------------------------------------------------------------------------------------------------------------
// Building

/// Where a name comes from; the lower the level the more it is trusted when two sources disagree.
const LEVEL_TSV: u8 = 0;
const LEVEL_ISO_NAME: u8 = 1;
const LEVEL_UNOFFICIAL: u8 = 2;
const LEVEL_DEMONYM: u8 = 3;

/// One source's claim on a name, before claims are weighed.
#[derive(Clone, Copy)]
struct Claim {
    level: u8,
    code: Option<CountryCode>,
    strong: bool,
    caps_only: bool,
    text: bool,
    demonym: bool,
}

/// A name split into words: its key, and whether it may match running text and in which case.
struct NameKey {
    key: String,
    caps_only: bool,
    text: bool,
}

fn name_key(name: &str) -> Option<NameKey> {
    let mut words = Vec::new();
    tokenize(name, &mut words, usize::MAX, None);
    let words = skip_the(&words, name);
    let first = words.first()?;
    let key = join_key(words, name);
    let letters = key.chars().filter(|c| c.is_alphabetic()).count();
    Some(NameKey {
        caps_only: letters >= 2 && words.iter().all(|w| w.all_caps),
        text: first.upper_first && words[1..].iter().all(|w| w.soft_before),
        key,
    })
}

fn code_of(alpha3: keshvar::Alpha3) -> Option<CountryCode> {
    CountryCode::parse(&alpha3.to_string())
}

fn build(tsv: &'static str) -> Gazetteer {
    // A malformed line is skipped: the file is checked by a unit test, and a typo must not stop indexing.
    let (lines, _bad) = parse_tsv(tsv);
    let mut claims: HashMap<String, Vec<Claim>> = HashMap::new();
    let mut add = |name: &str, level: u8, code: Option<CountryCode>, strong: bool, demonym| {
        let Some(nk) = name_key(name) else { return };
        claims.entry(nk.key).or_default().push(Claim {
            level,
            code,
            strong,
            caps_only: nk.caps_only,
            text: nk.text,
            demonym,
        });
    };

    let mut dropped: HashSet<(String, CountryCode)> = HashSet::new();
    for line in &lines {
        match (line.kind, line.code) {
            (Kind::Drop, Some(code)) => {
                if let Some(nk) = name_key(line.name) {
                    dropped.insert((nk.key, code));
                }
            }
            (kind, code) => {
                let strong = matches!(kind, Kind::Party | Kind::Body);
                add(line.name, LEVEL_TSV, code, strong, kind == Kind::Demonym);
            }
        }
    }

    let mut countries = Vec::new();
    let mut un_members = HashSet::new();
    for country in keshvar::CountryIterator::new() {
        let Some(code) = code_of(country.alpha3()) else {
            continue;
        };
        let alpha2 = country.alpha2().to_string();
        let Ok(alpha2) = <[u8; 2]>::try_from(alpha2.as_bytes()) else {
            continue;
        };
        if country.un_member() {
            un_members.insert(code);
        }
        countries.push(CountryRow { code, alpha2 });
        let keep = |name: &str| name_key(name).is_some_and(|nk| !dropped.contains(&(nk.key, code)));
        for name in [country.iso_short_name(), country.iso_long_name()] {
            if keep(name) {
                add(name, LEVEL_ISO_NAME, Some(code), false, false);
            }
        }
        for &name in country.unofficial_name_list() {
            if keep(name) {
                add(name, LEVEL_UNOFFICIAL, Some(code), false, false);
            }
        }
        // keshvar lists several demonyms in one string: "Antiguan, Barbudan".
        for name in country
            .maybe_nationality()
            .into_iter()
            .flat_map(|n| n.split(", "))
        {
            if keep(name) {
                add(name, LEVEL_DEMONYM, Some(code), false, true);
            }
        }
    }
    countries.sort_by_key(|row| row.code);

    let mut map: HashMap<Box<str>, Node, BuildHasherDefault<KeyHasher>> =
        HashMap::with_capacity_and_hasher(claims.len() * 2, BuildHasherDefault::default());
    let mut max_words = 1;
    for (key, claims) in claims {
        let entry = weigh(&claims, &un_members);
        if entry.text {
            let word_count = key.split(' ').count();
            max_words = max_words.max(word_count);
            for (at, _) in key.match_indices(' ') {
                map.entry(Box::from(&key[..at])).or_default().prefix = true;
            }
        }
        map.entry(key.into_boxed_str()).or_default().entry = Some(entry);
    }

    Gazetteer {
        map,
        max_words,
        countries,
    }
}

/// Decides what a name means from every claim on it.
///
/// The most trusted source wins. Between equally trusted claims for different countries, a UN member wins
/// over territories ("French" is France, not Réunion; "Chinese" is China, not Macao); otherwise the name is
/// ambiguous ("Congolese").
fn weigh(claims: &[Claim], un_members: &HashSet<CountryCode>) -> Entry {
    let level = claims.iter().map(|c| c.level).min().unwrap_or(LEVEL_TSV);
    let top: Vec<&Claim> = claims.iter().filter(|c| c.level == level).collect();
    let mut codes: Vec<Option<CountryCode>> = top.iter().map(|c| c.code).collect();
    codes.sort();
    codes.dedup();
    let target = if codes.contains(&None) {
        Target::NotCountry
    } else {
        let members: Vec<CountryCode> = codes
            .iter()
            .flatten()
            .copied()
            .filter(|code| un_members.contains(code))
            .collect();
        match (codes.as_slice(), members.as_slice()) {
            ([Some(code)], _) | (_, [code]) => Target::Country(*code),
            _ => Target::Ambiguous,
        }
    };
    let winners: Vec<&&Claim> = top
        .iter()
        .filter(|c| match target {
            Target::Country(code) => c.code == Some(code),
            Target::NotCountry | Target::Ambiguous => true,
        })
        .collect();
    Entry {
        target,
        strong: winners.iter().any(|c| c.strong),
        caps_only: winners.iter().all(|c| c.caps_only),
        text: winners.iter().any(|c| c.text),
        demonym: winners.iter().all(|c| c.demonym),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_names_a_state_by_its_name_not_by_a_code_or_a_demonym() {
        let g = Gazetteer::get();
        let named = |name: &str| g.state_named(name).map(|c| c.as_str().to_string());
        assert_eq!(named("Fiji").as_deref(), Some("FJI"));
        assert_eq!(named("Cook Islands").as_deref(), Some("COK"));
        assert_eq!(named("united kingdom").as_deref(), Some("GBR"));
        // Language folders and codes: "fr", "de", "French".
        for name in ["fr", "de", "French", "Chinese", "us"] {
            assert_eq!(named(name), None, "{name}");
        }
    }

    #[test]
    fn codes_are_admitted_as_keshvar_and_the_former_states_admit_them() {
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                for c in b'A'..=b'Z' {
                    let text = String::from_utf8(vec![a, b, c]).unwrap();
                    let known = FORMER_STATES.contains(&text.as_str())
                        || keshvar::Alpha3::try_from(text.as_str()).is_ok();
                    assert_eq!(CountryCode::parse(&text).is_some(), known, "{text}");
                    let lower = text.to_ascii_lowercase();
                    assert_eq!(CountryCode::parse(&lower).is_some(), known, "{lower}");
                }
            }
        }
    }

    fn code(s: &str) -> CountryCode {
        CountryCode::parse(s).expect("a known code")
    }

    fn codes(text: &str) -> Vec<String> {
        Gazetteer::get()
            .mentions(text)
            .into_iter()
            .map(|m| m.code.to_string())
            .collect()
    }

    fn country_of(phrase: &str) -> Option<String> {
        Gazetteer::get()
            .country_of(phrase)
            .map(|c| c.as_str().to_owned())
    }

    fn resolve(typed: &str) -> Option<String> {
        Gazetteer::get()
            .resolve(typed)
            .map(|c| c.as_str().to_owned())
    }

    #[test]
    fn urls_speak_for_their_country_domain() {
        let g = Gazetteer::get();
        let code = |s| CountryCode::parse(s);
        assert_eq!(
            g.country_of_url("https://www.fmprc.gov.cn/mfa_eng/t1.shtml"),
            code("CHN")
        );
        assert_eq!(
            g.country_of_url("https://www.state.gov/briefing/"),
            code("USA")
        );
        assert_eq!(g.country_of_url("http://www.gov.uk/x"), code("GBR"));
        assert_eq!(
            g.country_of_url("https://www.auswaertiges-amt.de:443/en"),
            code("DEU")
        );
        assert_eq!(g.country_of_url("https://www.un.org/en"), None);
        assert_eq!(g.country_of_url("not a url"), None);
    }

    #[test]
    fn country_code_parses_known_codes_only() {
        assert_eq!(code("lao").as_str(), "LAO");
        assert_eq!(code("Lao").to_string(), "LAO");
        assert_eq!(CountryCode::parse("XYZ"), None);
        assert_eq!(CountryCode::parse("LA"), None);
        assert_eq!(CountryCode::parse("LAOS"), None);
        assert_eq!(CountryCode::parse("L4O"), None);
        assert_eq!(CountryCode::parse("ÅLA"), None);
    }

    #[test]
    fn office_phrases() {
        let cases = [
            (
                "General Secretary of the Communist Party of China (CPC) Central Committee and President of \
                 the People's Republic of China",
                "CHN",
            ),
            (
                "General Secretary of the Lao People's Revolutionary Party (LPRP) Central Committee",
                "LAO",
            ),
            ("Indian External Affairs Minister", "IND"),
            ("German Foreign Minister", "DEU"),
            ("Palestinian Authority President", "PSE"),
            ("U.S. Secretary of State", "USA"),
            ("US Secretary of State", "USA"),
            ("General Secretary of the CPV Central Committee", "VNM"),
            ("General Secretary of the Workers’ Party of Korea", "PRK"),
            ("Chairman of the Standing Committee of the National People's Congress", "CHN"),
        ];
        for (phrase, expected) in cases {
            assert_eq!(country_of(phrase).as_deref(), Some(expected), "{phrase}");
        }
        assert_eq!(country_of("Secretary-General of the United Nations"), None);
        assert_eq!(country_of("the spokesperson"), None);
    }

    #[test]
    fn a_party_outranks_a_country_named_first() {
        assert_eq!(
            country_of("Chinese Ambassador and guest of the Lao People's Revolutionary Party")
                .as_deref(),
            Some("LAO")
        );
        assert_eq!(
            country_of("Chinese Ambassador to Laos").as_deref(),
            Some("CHN")
        );
    }

    #[test]
    fn resolve_what_users_type() {
        for typed in [
            "Laos",
            "lao",
            "LAO",
            "LA",
            "la",
            "Laotian",
            "Lao People's Democratic Republic",
            "Lao People’s Democratic Republic",
            "  the Lao People's Democratic Republic ",
            "Lao People's Revolutionary Party",
        ] {
            assert_eq!(resolve(typed).as_deref(), Some("LAO"), "{typed}");
        }
        for typed in [
            "the United States",
            "U.S.",
            "US",
            "usa",
            "United States of America",
            "American",
        ] {
            assert_eq!(resolve(typed).as_deref(), Some("USA"), "{typed}");
        }
        for typed in ["Türkiye", "Turkiye", "Turkey", "TUR", "Turkish"] {
            assert_eq!(resolve(typed).as_deref(), Some("TUR"), "{typed}");
        }
        for typed in ["Viet Nam", "Vietnam", "vietnamese"] {
            assert_eq!(resolve(typed).as_deref(), Some("VNM"), "{typed}");
        }
        assert_eq!(resolve("Korea (Republic of)").as_deref(), Some("KOR"));
        assert_eq!(resolve("Côte d’Ivoire").as_deref(), Some("CIV"));
        assert_eq!(resolve("Cote d'Ivoire").as_deref(), Some("CIV"));
        assert_eq!(resolve("Nigerian").as_deref(), Some("NGA"));
        assert_eq!(resolve("French").as_deref(), Some("FRA"));
        assert_eq!(resolve("Chinese").as_deref(), Some("CHN"));
        // An ISO code wins over a party's initials.
        assert_eq!(resolve("CPV").as_deref(), Some("CPV"));
        assert_eq!(resolve("Atlantis"), None);
        assert_eq!(resolve(""), None);
        assert_eq!(resolve("EU"), None);
        assert_eq!(resolve("ASEAN"), None);
        assert_eq!(resolve("Congolese"), None);
        assert_eq!(resolve("Island"), None);
    }

    #[test]
    fn organisations_are_not_countries() {
        let g = Gazetteer::get();
        assert!(g.is_not_country("EU"));
        assert!(g.is_not_country("European Union"));
        assert!(g.is_not_country("Latin America"));
        assert!(!g.is_not_country("Laos"));
        assert!(!g.is_not_country("Atlantis"));
    }

    #[test]
    fn mentions_whole_words_only() {
        assert_eq!(codes("Nigeria and Niger"), ["NGA", "NER"]);
        assert_eq!(codes("the Indochinese peninsula"), Vec::<&str>::new());
        assert_eq!(codes("fine china and tea"), Vec::<&str>::new());
        assert_eq!(codes("let us work together"), Vec::<&str>::new());
        assert_eq!(codes("Us and them"), Vec::<&str>::new());
        assert_eq!(codes("the US and the UK"), ["USA", "GBR"]);
        assert_eq!(codes("Indian External Affairs Minister"), ["IND"]);
    }

    #[test]
    fn mentions_possessives_and_hyphens() {
        let g = Gazetteer::get();
        let text = "Laos' socialist cause";
        let found = g.mentions(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, code("LAO"));
        assert_eq!(&text[found[0].start..found[0].end], "Laos");

        let text = "China’s position";
        let found = g.mentions(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "China");
        assert_eq!(found[0].code, code("CHN"));

        assert_eq!(codes("China-Laos relations"), ["CHN", "LAO"]);
        assert_eq!(codes("the U.S.-China dialogue"), ["USA", "CHN"]);
    }

    #[test]
    fn mentions_longest_first() {
        assert_eq!(codes("the Democratic People's Republic of Korea"), ["PRK"]);
        assert_eq!(codes("the Republic of Korea"), ["KOR"]);
        assert_eq!(codes("Guinea-Bissau"), ["GNB"]);
        assert_eq!(codes("Papua New Guinea"), ["PNG"]);
        assert_eq!(codes("Equatorial Guinea and Guinea"), ["GNQ", "GIN"]);
        assert_eq!(codes("the Democratic Republic of the Congo"), ["COD"]);
        assert_eq!(codes("the Republic of the Congo"), ["COG"]);
        let text = "the Lao People's Revolutionary Party";
        let found = Gazetteer::get().mentions(text);
        assert_eq!(
            &text[found[0].start..found[0].end],
            "Lao People's Revolutionary Party"
        );
    }

    #[test]
    fn mentions_skip_places_that_are_not_countries() {
        assert_eq!(codes("Latin America and the Caribbean"), Vec::<&str>::new());
        assert_eq!(codes("the South China Sea"), Vec::<&str>::new());
        assert_eq!(codes("the Indian Ocean"), Vec::<&str>::new());
        assert_eq!(codes("the United Nations and ASEAN"), Vec::<&str>::new());
        assert_eq!(codes("America and China"), ["USA", "CHN"]);
        assert_eq!(codes("Pacific Island Countries"), Vec::<&str>::new());
    }

    #[test]
    fn former_states_have_codes_and_old_names_are_todays_states() {
        for (typed, code) in [
            ("USSR", "SUN"),
            ("Soviet Union", "SUN"),
            ("SUN", "SUN"),
            ("Czechoslovakia", "CSK"),
            ("Yugoslavia", "YUG"),
            ("German Democratic Republic", "DDR"),
            ("Democratic Yemen", "YMD"),
            ("Zaire", "COD"),
            ("Upper Volta", "BFA"),
            ("Ceylon", "LKA"),
        ] {
            assert_eq!(resolve(typed).as_deref(), Some(code), "{typed}");
        }
        assert_eq!(codes("the Republic of Zaire condemns"), ["COD"]);
        assert_eq!(codes("the Soviet delegation"), ["SUN"]);
        assert_eq!(codes("the former Yugoslav Republic of Macedonia"), ["MKD"]);
        assert_eq!(display_name(code("SUN")), "Soviet Union");
        assert_eq!(display_name(code("DDR")), "East Germany");
    }

    #[test]
    fn a_short_form_in_capitals_matches_only_in_capitals() {
        assert_eq!(codes("NZ Foreign Minister Phil Goff"), ["NZL"]);
        assert_eq!(codes("the nz domain"), Vec::<&str>::new());
    }

    #[test]
    fn mentions_do_not_join_across_commas() {
        assert_eq!(codes("Taiwan, Province of China"), ["TWN", "CHN"]);
    }

    #[test]
    fn mention_offsets_are_bytes() {
        let text = "Visite en Côte d'Ivoire et au Viet Nam";
        let found = Gazetteer::get().mentions(text);
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(spans, ["Côte d'Ivoire", "Viet Nam"]);
    }

    #[test]
    fn display_names() {
        let cases = [
            ("LAO", "Laos"),
            ("USA", "United States"),
            ("KOR", "South Korea"),
            ("PRK", "North Korea"),
            ("RUS", "Russia"),
            ("VNM", "Vietnam"),
            ("IRN", "Iran"),
            ("SYR", "Syria"),
            ("GBR", "United Kingdom"),
            ("CHN", "China"),
            ("TUR", "Türkiye"),
        ];
        for (c, name) in cases {
            assert_eq!(display_name(code(c)), name, "{c}");
        }
    }

    #[test]
    fn tsv_is_valid() {
        let (lines, bad) = parse_tsv(TSV);
        assert_eq!(
            bad,
            Vec::<usize>::new(),
            "malformed lines in data/gazetteer.tsv"
        );

        // Each name means one thing in the file.
        let mut seen: HashMap<String, (Kind, Option<CountryCode>)> = HashMap::new();
        let mut displays = HashSet::new();
        for line in &lines {
            let nk = name_key(line.name).unwrap_or_else(|| panic!("no words in {:?}", line.name));
            if line.kind == Kind::Drop {
                continue;
            }
            if let Some((kind, code)) = seen.insert(nk.key.clone(), (line.kind, line.code)) {
                panic!(
                    "{:?} listed twice: {kind:?} {code:?} and {line:?}",
                    line.name
                );
            }
            if line.kind == Kind::Display {
                assert!(
                    displays.insert(line.code),
                    "two display names for {:?}",
                    line.code
                );
            }
        }

        // Every code is keshvar's (checked by parsing), every drop removes a keshvar name, and no alias or
        // demonym repeats what keshvar already says.
        let keshvar_only = build("");
        let mut keshvar_names = HashSet::new();
        for country in keshvar::CountryIterator::new() {
            let code = code_of(country.alpha3());
            let names = [country.iso_short_name(), country.iso_long_name()]
                .into_iter()
                .chain(country.unofficial_name_list().iter().copied())
                .chain(
                    country
                        .maybe_nationality()
                        .into_iter()
                        .flat_map(|n| n.split(", ")),
                );
            for name in names {
                if let Some(nk) = name_key(name) {
                    keshvar_names.insert((nk.key, code));
                }
            }
        }
        for line in &lines {
            let nk = name_key(line.name).expect("checked above");
            match line.kind {
                Kind::Drop => assert!(
                    keshvar_names.contains(&(nk.key, line.code)),
                    "{line:?} drops nothing"
                ),
                Kind::Alias | Kind::Demonym => {
                    // Redundant if keshvar already gives the same country, as usable in running text.
                    let known = keshvar_only
                        .map
                        .get(nk.key.as_str())
                        .and_then(|node| node.entry)
                        .filter(|entry| entry.text || !nk.text)
                        .map(|entry| entry.target);
                    assert_ne!(
                        known,
                        line.code.map(Target::Country),
                        "{line:?} is already in keshvar"
                    );
                }
                _ => {}
            }
        }

        // A three-letter name that is another country's ISO code loses to the code in `resolve`; only the
        // Vietnamese party's initials are allowed to.
        let g = Gazetteer::get();
        for line in &lines {
            if let (Some(iso), Some(mine)) = (CountryCode::parse(line.name), line.code) {
                if iso != mine {
                    assert_eq!(line.name, "CPV", "{line:?} is another country's code");
                }
            }
            if line.kind.names_country() && line.kind != Kind::Drop && line.name.len() > 3 {
                assert_eq!(g.resolve(line.name), line.code, "{line:?}");
            }
        }
    }

    #[test]
    fn counts_per_kind() {
        let (lines, _) = parse_tsv(TSV);
        let parties = lines.iter().filter(|l| l.kind == Kind::Party).count();
        assert!(parties >= 60, "{parties} parties");
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let tsv = "party\tSome Party\n\
                   party\tSome Party\tXXX\n\
                   nonsense\tAtlantis\tLAO\n\
                   org\tThe Club\tLAO\n\
                   alias\tAtlantis\tLAO\textra\n\
                   alias\tLaos Land\tlao\n\
                   # comment\n\n";
        let (lines, bad) = parse_tsv(tsv);
        assert_eq!(bad, [1, 2, 3, 4, 5]);
        assert_eq!(lines.len(), 1);
        let g = build(tsv);
        assert_eq!(g.resolve("Laos Land"), Some(code("LAO")));
        assert_eq!(g.resolve("Some Party"), None);
    }

    #[test]
    fn build_is_quick() {
        let start = std::time::Instant::now();
        let g = build(TSV);
        let elapsed = start.elapsed();
        assert!(g.map.len() > 1000);
        // Generous: debug builds are slow; release builds take a few milliseconds.
        assert!(elapsed.as_millis() < 500, "{elapsed:?}");
    }

    fn hits(text: &str, reach: usize) -> Vec<Hit> {
        let mut found = Vec::new();
        Gazetteer::get().scan_reading(text, reach, |hit| {
            found.push(hit);
            true
        });
        found
    }

    #[test]
    fn long_names_after_lowercase_runs_are_found_whole() {
        let g = Gazetteer::get();
        let names = [
            "Democratic Republic of the Congo",
            "People's Movement for the Liberation of Angola",
            "Saint Vincent and the Grenadines",
            "Bosnia and Herzegovina",
            "the United States of America",
        ];
        for name in names {
            for before in 0..12 {
                for capital in [None, Some(0), Some(3), Some(before / 2)] {
                    let mut words: Vec<&str> = vec!["and"; before];
                    if let Some(at) = capital.filter(|&at| at < before) {
                        words[at] = "Minister";
                    }
                    let text = format!("{} {name} and the rest of it", words.join(" "));
                    let full = hits(&text, usize::MAX);
                    assert!(!full.is_empty(), "{text}");
                    assert_eq!(hits(&text, g.max_words), full, "{text}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Passing over the words no scan reaches finds what reading every word finds.
        #[test]
        fn words_out_of_reach_change_no_hit(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "the", "of", "and", "Republic", "Korea", "Democratic", "People's", "Congo", "U.S.",
                    "United", "States", "America", "Kingdom", "Great", "Britain", "Northern", "Ireland",
                    "Côte", "d'Ivoire", "iPhone", "met", "said", "in", "2019", ",", ".", "-", "(EU)",
                    "European", "Union", "NATO", "é", "“", "\n", "to", "with", "on", "at", "a", "we",
                    "the", "of", "and", "to", "in", "for", "was", "by", "an", "is", "be", "are", "has",
                ]),
                0..40,
            ),
            joiners in proptest::collection::vec(proptest::sample::select(vec![" ", "", "  ", "\t"]), 40),
        ) {
            let text: String = words.iter().zip(&joiners).map(|(w, j)| format!("{w}{j}")).collect();
            proptest::prop_assert_eq!(hits(&text, Gazetteer::get().max_words), hits(&text, usize::MAX));
        }
    }
}
