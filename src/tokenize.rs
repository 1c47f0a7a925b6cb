//! The word tokenizer every text field uses, at index time and at query time.
//!
//! Words are Unicode word boundaries (UAX #29, through `unicode-segmentation`), so "Belt-and-Road" gives the
//! same three words as "Belt and Road", and "People's" stays one word. Words are lowercased and typographic
//! apostrophes fold to ', so that a query typed on a keyboard finds text set by a ministry's CMS. A trailing
//! possessive 's is dropped ("China's" is the word "china") because a search for a country or a person must
//! find its possessive; the byte offsets still cover the whole word, so a highlight covers "China's". Stop
//! words are kept: "of the" and "and" inside a quoted phrase must match exactly.
//!
//! Pure-ASCII text (most of the corpus) takes a fast path that finds the same word segments with a scan over
//! bytes instead of the Unicode tables; a proptest pins it to the Unicode path.
//!
//! tantivy does not store custom tokenizers in the index, so [`register`] runs after both create and open.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The name under which the tokenizer is registered; part of the index format (changing the rules of this
/// module means a new name and a new index format version).
pub const TOKENIZER_NAME: &str = "demarche_words_v1";

/// Registers the tokenizer with an index; call after creating or opening one.
pub fn register(index: &Index) {
    index
        .tokenizers()
        .register(TOKENIZER_NAME, WordTokenizer::default());
}

/// A tantivy tokenizer over Unicode word boundaries; see the module documentation for its rules.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    words: Words<'a>,
    token: &'a mut Token,
}

/// Where the word segments come from: chosen once per text by [`WordTokenizer::token_stream`].
enum Words<'a> {
    Ascii(AsciiWords<'a>),
    Unicode(UWordBoundIndices<'a>),
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        let words = if text.is_ascii() {
            Words::Ascii(AsciiWords { text, at: 0 })
        } else {
            Words::Unicode(text.split_word_bound_indices())
        };
        WordTokenStream {
            words,
            token: &mut self.token,
        }
    }
}

impl<'a> Words<'a> {
    /// The next segment that holds a word, with its byte offset.
    fn next_word(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Words::Ascii(words) => words.next(),
            Words::Unicode(segments) => segments.find(|(_, segment)| is_word(segment)),
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((offset, word)) = self.words.next_word() else {
            return false;
        };
        self.token.text.clear();
        normalize_into(word, &mut self.token.text);
        self.token.offset_from = offset;
        self.token.offset_to = offset + word.len();
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The word segments of a pure-ASCII text, exactly as UAX #29 (`split_word_bound_indices`) cuts them.
///
/// In ASCII the word-break classes are: letters (ALetter), digits (Numeric), `_` (ExtendNumLet), `:`
/// (MidLetter), `.` and `'` (MidNumLet, Single_Quote), `,` and `;` (MidNum); everything else only forms
/// segments without a letter or digit (runs of spaces, CR LF, single bytes). So a word is a maximal run of
/// letters, digits and `_` (WB5, WB8-WB10, WB13a-b), also joined across one `:` `.` `'` between two letters
/// (WB6-WB7) and one `,` `;` `.` `'` between two digits (WB11-WB12); a run of only `_` is not a word.
struct AsciiWords<'a> {
    text: &'a str,
    /// Where the scan resumes: a segment boundary.
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        loop {
            while i < bytes.len() && !is_word_byte(bytes[i]) {
                i += 1;
            }
            if i == bytes.len() {
                self.at = i;
                return None;
            }
            let start = i;
            let mut has_alphanumeric = bytes[i] != b'_';
            i += 1;
            while i < bytes.len() {
                let b = bytes[i];
                if is_word_byte(b) {
                    has_alphanumeric |= b != b'_';
                    i += 1;
                } else if i + 1 < bytes.len() && joins(bytes[i - 1], b, bytes[i + 1]) {
                    i += 2;
                } else {
                    break;
                }
            }
            if has_alphanumeric {
                self.at = i;
                return Some((start, &self.text[start..i]));
            }
        }
    }
}

/// ALetter, Numeric or ExtendNumLet: the bytes that join their neighbours of the same kinds.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// True when `mid` keeps `before` and `after` in one word (WB6-WB7 between letters, WB11-WB12 between
/// digits).
fn joins(before: u8, mid: u8, after: u8) -> bool {
    match mid {
        b':' => before.is_ascii_alphabetic() && after.is_ascii_alphabetic(),
        b',' | b';' => before.is_ascii_digit() && after.is_ascii_digit(),
        b'.' | b'\'' => {
            (before.is_ascii_alphabetic() && after.is_ascii_alphabetic())
                || (before.is_ascii_digit() && after.is_ascii_digit())
        }
        _ => false,
    }
}

/// True for a segment that holds a word rather than spaces or punctuation.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Appends the indexed form of `word` to `out`: lowercased, apostrophes folded, possessive dropped.
fn normalize_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    if out.len() > 2 && out.ends_with("'s") {
        out.truncate(out.len() - 2);
    }
}

/// The words of `text` as (byte range, normalised word) pairs, in order: what the index sees.
pub fn words(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut tokenizer = WordTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.offset_from..t.offset_to, t.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every token of `text` as (text, offset_from, offset_to, position), through the fast path when
    /// `ascii` and through unicode-segmentation otherwise.
    fn tokens(text: &str, ascii: bool) -> Vec<(String, usize, usize, usize)> {
        let mut token = Token::default();
        token.reset();
        let words = if ascii {
            Words::Ascii(AsciiWords { text, at: 0 })
        } else {
            Words::Unicode(text.split_word_bound_indices())
        };
        let mut stream = WordTokenStream {
            words,
            token: &mut token,
        };
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    /// The segments that became words, checking first that both paths agree on them.
    fn ascii_words(text: &str) -> Vec<&str> {
        let fast = tokens(text, true);
        assert_eq!(fast, tokens(text, false), "paths differ on {text:?}");
        fast.iter().map(|t| &text[t.1..t.2]).collect()
    }

    #[test]
    fn ascii_fast_path_follows_uax29() {
        // Letters, digits and _ join (WB5, WB8-WB10, WB13a-b); a run of only _ is no word.
        assert_eq!(
            ascii_words("covid19 a_b _a x__ ___ 2021"),
            ["covid19", "a_b", "_a", "x__", "2021"]
        );
        // : . ' join two letters (WB6-WB7), not a letter and a digit.
        assert_eq!(
            ascii_words("a:b U.S don't e.g. a.b.c"),
            ["a:b", "U.S", "don't", "e.g", "a.b.c"]
        );
        assert_eq!(
            ascii_words("U.S. a'1 1'a a:1 a.1 a1.b"),
            ["U.S", "a", "1", "1", "a", "a", "1", "a", "1", "a1", "b"]
        );
        // , ; . ' join two digits (WB11-WB12), : does not; , ; do not join letters.
        assert_eq!(
            ascii_words("3,000 1.5 1;2 1'2 a1.2"),
            ["3,000", "1.5", "1;2", "1'2", "a1.2"]
        );
        assert_eq!(
            ascii_words("1:2 a,b a;b 1.2.a"),
            ["1", "2", "a", "b", "a", "b", "1.2", "a"]
        );
        // Only one separator joins, and only with a word byte on each side.
        assert_eq!(
            ascii_words("a..b a. .a 'a' a_.b a._b"),
            ["a", "b", "a", "a", "a", "a_", "b", "a", "_b"]
        );
        // Everything else separates: hyphens, quotes, spaces, tabs, CR LF, controls.
        assert_eq!(
            ascii_words("a-b a\"b a  b\ta\r\nb\x0bc\0d http://x"),
            ["a", "b", "a", "b", "a", "b", "a", "b", "c", "d", "http", "x"]
        );
        // Lowercased, possessive dropped, offsets over the whole word; a lone 's is the word s.
        assert_eq!(
            tokens("China's 's", true),
            [("china".to_string(), 0, 7, 0), ("s".to_string(), 9, 10, 1)]
        );
    }

    #[test]
    fn non_ascii_text_takes_the_unicode_path() {
        let mut tokenizer = WordTokenizer::default();
        assert!(matches!(
            tokenizer.token_stream("China’s").words,
            Words::Unicode(_)
        ));
        assert!(matches!(
            tokenizer.token_stream("China's").words,
            Words::Ascii(_)
        ));
    }

    /// ASCII text weighted towards the bytes the word-break rules treat specially.
    fn ascii_text() -> impl Strategy<Value = String> {
        let byte = prop_oneof![
            4 => proptest::sample::select(b"aAbZz".to_vec()),
            3 => proptest::sample::select(b"019".to_vec()),
            4 => proptest::sample::select(b"'.,:;_- \n\r".to_vec()),
            1 => 0u8..0x80,
        ];
        proptest::collection::vec(byte, 0..40)
            .prop_map(|bytes| bytes.into_iter().map(char::from).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn ascii_fast_path_equals_unicode_path(text in ascii_text()) {
            prop_assert_eq!(tokens(&text, true), tokens(&text, false));
        }
    }

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|(_, w)| w).collect()
    }

    #[test]
    fn hyphens_split_like_spaces() {
        assert_eq!(texts("Belt-and-Road"), texts("Belt and Road"));
        assert_eq!(texts("Belt-and-Road"), ["belt", "and", "road"]);
    }

    #[test]
    fn offsets_cover_the_original_word_and_positions_count_words() {
        let text = "China’s “Belt and Road”, 2021.";
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((
                t.position,
                t.text.clone(),
                &text[t.offset_from..t.offset_to],
            ));
        }
        assert_eq!(
            seen,
            [
                (0, "china".to_string(), "China’s"),
                (1, "belt".to_string(), "Belt"),
                (2, "and".to_string(), "and"),
                (3, "road".to_string(), "Road"),
                (4, "2021".to_string(), "2021"),
            ]
        );
    }

    #[test]
    fn apostrophes_fold_and_stop_words_stay() {
        assert_eq!(
            texts("People’s Republic of the"),
            ["people", "republic", "of", "the"]
        );
        assert_eq!(texts("don’t"), texts("don't"));
        assert_eq!(texts("Laos' cause"), ["laos", "cause"]);
    }

    #[test]
    fn non_latin_scripts_and_case() {
        assert_eq!(texts("ÉTATS Ünited"), ["états", "ünited"]);
        assert_eq!(texts("中华人民共和国"), texts("中华人民共和国"));
        assert!(!texts("中华人民共和国").is_empty());
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(texts("").is_empty());
        assert!(texts(" -- ... !? ").is_empty());
    }
}
