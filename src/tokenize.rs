//! The word tokenizer every text field uses, at index time and at query time.
//!
//! Words are Unicode word boundaries (UAX #29, through `unicode-segmentation`), so "Belt-and-Road" gives the
//! same three words as "Belt and Road", and "People's" stays one word. Words are lowercased and typographic
//! apostrophes fold to ', so that a query typed on a keyboard finds text set by a ministry's CMS. A trailing
//! possessive 's is dropped ("China's" is the word "china") because a search for a country or a person must
//! find its possessive; the byte offsets still cover the whole word, so a highlight covers "China's". Stop
//! words are kept: "of the" and "and" inside a quoted phrase must match exactly.
//!
//! ASCII runs of text (most of the corpus, even where typographic quotes make a paragraph non-ASCII) take a
//! fast path that finds the same word segments with a scan over bytes; only the whitespace-delimited chunks
//! that hold a non-ASCII character go through the Unicode tables. A proptest over arbitrary strings pins
//! the result to the Unicode path's.
//!
//! Attribution reads punctuation as well as words (a period ends a sentence, a hyphen joins a name), so
//! [`segments`] gives every segment but spaces, through the same fast path.
//!
//! tantivy does not store custom tokenizers in the index, so [`register`] runs after both create and open.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The name under which the tokenizer is registered; part of the index format (changing the rules of this
/// module means a new name and a new index format version).
pub(crate) const TOKENIZER_NAME: &str = "demarche_words_v1";

/// Registers the tokenizer with an index; call after creating or opening one.
pub(crate) fn register(index: &Index) {
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

/// Where the word segments come from.
enum Words<'a> {
    Fast(FastWords<'a, false>),
    /// unicode-segmentation over the whole text: what the fast path must equal.
    #[cfg(test)]
    Unicode(UWordBoundIndices<'a>),
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            words: Words::Fast(FastWords::new(text)),
            token: &mut self.token,
        }
    }
}

impl<'a> Words<'a> {
    /// The next segment that holds a word, with its byte offset.
    fn next_word(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Words::Fast(words) => words.next(),
            #[cfg(test)]
            Words::Unicode(segments) => segments.find(|(_, segment)| is_word(segment)),
        }
    }
}

/// Word segments of any text, cut into runs that are segmented on their own: ASCII runs by
/// [`AsciiWords`], chunks holding a non-ASCII character by unicode-segmentation. With `MARKS`, every
/// segment that is not all whitespace (punctuation too), else only those that hold a word.
///
/// A run ends just after an ASCII whitespace byte and before a character that cannot attach to it (or at
/// the end of the text). UAX #29 always breaks there: space runs and CR LF hold together, and WB4 glues
/// Extend, Format and ZWJ characters to what precedes them, but nothing else joins whitespace to its
/// right; and the rules that look across a character (WB6-WB7, WB11-WB12) need a letter or digit on
/// both sides of it, never whitespace. So each run's words are exactly the whole text's words within it.
struct FastWords<'a, const MARKS: bool> {
    text: &'a str,
    /// Where the next run starts.
    at: usize,
    run: Run<'a, MARKS>,
}

enum Run<'a, const MARKS: bool> {
    Ascii(AsciiWords<'a, MARKS>),
    Unicode {
        base: usize,
        segments: UWordBoundIndices<'a>,
    },
}

impl<'a, const MARKS: bool> FastWords<'a, MARKS> {
    fn new(text: &'a str) -> FastWords<'a, MARKS> {
        FastWords {
            text,
            at: 0,
            run: Run::Ascii(AsciiWords {
                text,
                at: 0,
                end: 0,
            }),
        }
    }

    /// The run that starts at `self.at`, which is a cut, and moves `self.at` past it.
    fn next_run(&mut self) -> Run<'a, MARKS> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let Some(first_wide) = bytes[start..].iter().position(|b| !b.is_ascii()) else {
            self.at = bytes.len();
            return self.ascii(start, bytes.len());
        };
        let first_wide = start + first_wide;
        if let Some(cut) = (start + 1..=first_wide).rev().find(|&c| self.is_cut(c)) {
            self.at = cut;
            return self.ascii(start, cut);
        }
        let end = (first_wide + 1..=bytes.len())
            .find(|&c| self.is_cut(c))
            .unwrap_or(bytes.len());
        self.at = end;
        Run::Unicode {
            base: start,
            segments: self.text[start..end].split_word_bound_indices(),
        }
    }

    /// True when byte offset `c` can end a run: the end of the text, or just after ASCII whitespace and
    /// before a character that cannot attach to it.
    fn is_cut(&self, c: usize) -> bool {
        let bytes = self.text.as_bytes();
        if c == bytes.len() {
            return true;
        }
        if !bytes[c - 1].is_ascii_whitespace() {
            return false;
        }
        match bytes[c] {
            // Space runs and CR LF hold together.
            b if b.is_ascii() => !b.is_ascii_whitespace(),
            // Extend, Format and ZWJ characters attach (WB4); the quotes, dashes and accented Latin
            // letters that fill most non-ASCII text are none of those.
            _ => self.text[c..]
                .chars()
                .next()
                .is_some_and(|ch| matches!(ch, '\u{2010}'..='\u{2027}' | '\u{00c0}'..='\u{024f}')),
        }
    }

    fn ascii(&self, start: usize, end: usize) -> Run<'a, MARKS> {
        Run::Ascii(AsciiWords {
            text: self.text,
            at: start,
            end,
        })
    }
}

impl<'a, const MARKS: bool> Iterator for FastWords<'a, MARKS> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            let found = match &mut self.run {
                Run::Ascii(words) => words.next(),
                Run::Unicode { base, segments } => segments
                    .find(|(_, segment)| {
                        if MARKS {
                            !segment.chars().all(char::is_whitespace)
                        } else {
                            is_word(segment)
                        }
                    })
                    .map(|(at, word)| (*base + at, word)),
            };
            if found.is_some() {
                return found;
            }
            if self.at >= self.text.len() {
                return None;
            }
            self.run = self.next_run();
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

/// The word segments of the ASCII text `text[at..end]`, exactly as UAX #29 (`split_word_bound_indices`)
/// cuts them.
///
/// In ASCII the word-break classes are: letters (ALetter), digits (Numeric), `_` (ExtendNumLet), `:`
/// (MidLetter), `.` and `'` (MidNumLet, Single_Quote), `,` and `;` (MidNum); everything else only forms
/// segments without a letter or digit (runs of spaces, CR LF, single bytes). So a word is a maximal run of
/// letters, digits and `_` (WB5, WB8-WB10, WB13a-b), also joined across one `:` `.` `'` between two letters
/// (WB6-WB7) and one `,` `;` `.` `'` between two digits (WB11-WB12); a run of only `_` is not a word.
/// With `MARKS`, such a run is a segment too, and so is every other byte but whitespace, alone.
struct AsciiWords<'a, const MARKS: bool> {
    text: &'a str,
    /// Where the scan resumes: a segment boundary.
    at: usize,
    /// Where the run ends: a segment boundary, after which no byte is read.
    end: usize,
}

impl<'a, const MARKS: bool> Iterator for AsciiWords<'a, MARKS> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = &self.text.as_bytes()[..self.end];
        let mut i = self.at;
        loop {
            while i < bytes.len() && !is_word_byte(bytes[i]) {
                // Whitespace only ever joins whitespace, and no other ASCII byte joins anything.
                if MARKS && !is_space_byte(bytes[i]) {
                    self.at = i + 1;
                    return Some((i, &self.text[i..i + 1]));
                }
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
            if has_alphanumeric || MARKS {
                self.at = i;
                return Some((start, &self.text[start..i]));
            }
        }
    }
}

/// The ASCII characters with Unicode's White_Space property (`char::is_whitespace`), which
/// `u8::is_ascii_whitespace` differs from by leaving out vertical tab.
fn is_space_byte(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
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

/// Every segment of `text` between UAX #29 word boundaries but those of only whitespace, with its byte
/// offset: words and each punctuation mark, exactly as `split_word_bound_indices` less its spaces, with
/// ASCII runs cut by a byte scan.
pub(crate) fn segments(text: &str) -> impl Iterator<Item = (usize, &str)> {
    FastWords::<true>::new(text)
}

/// The words of `text` as (byte range, normalised word) pairs, in order: what the index sees.
pub(crate) fn words(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut tokenizer = WordTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.offset_from..t.offset_to, t.text.clone()));
    }
    out
}

/// How many words the index holds for `text`: [`words`] without building them.
pub(crate) fn count(text: &str) -> usize {
    let mut tokenizer = WordTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut n = 0;
    while stream.advance() {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every token of `text` as (text, offset_from, offset_to, position), through the fast path when
    /// `fast` and through unicode-segmentation alone otherwise.
    fn tokens(text: &str, fast: bool) -> Vec<(String, usize, usize, usize)> {
        let mut token = Token::default();
        token.reset();
        let words = if fast {
            Words::Fast(FastWords::<false>::new(text))
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

    /// The runs the fast path cuts `text` into, as (text, went through the Unicode tables).
    fn runs(text: &str) -> Vec<(&str, bool)> {
        let mut words = FastWords::<false>::new(text);
        let mut out = Vec::new();
        while words.at < text.len() {
            let start = words.at;
            let unicode = matches!(words.next_run(), Run::Unicode { .. });
            out.push((&text[start..words.at], unicode));
        }
        out
    }

    #[test]
    fn only_chunks_with_non_ascii_characters_take_the_unicode_path() {
        assert_eq!(runs("China's policy"), [("China's policy", false)]);
        assert_eq!(
            runs("the “Belt and Road” plan"),
            [
                ("the ", false),
                ("“Belt ", true),
                ("and ", false),
                ("Road” ", true),
                ("plan", false)
            ]
        );
        // A space before a combining mark is no cut (WB4 attaches the mark to it), nor between spaces.
        assert_eq!(runs("a \u{301}b c"), [("a \u{301}b ", true), ("c", false)]);
        assert_eq!(runs("a  \u{93e} c"), [("a  \u{93e} ", true), ("c", false)]);
    }

    /// Any text, weighted towards the characters the word-break rules treat specially: ASCII word bytes
    /// and separators, letters and quotes outside ASCII, combining and spacing marks, joiners, wide
    /// spaces, CJK, Hebrew, regional indicators and emoji.
    fn any_text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            6 => proptest::sample::select(b"aZ09'.,:;_- \t\n\r".to_vec()).prop_map(char::from),
            4 => proptest::sample::select(vec![
                'é', '’', '“', '”', '\u{301}', '\u{93e}', '\u{200d}', '\u{200b}', '\u{ad}',
                '\u{3000}', '\u{a0}', '中', '文', 'カ', 'א', '״', '\u{1f1eb}', '\u{1f1f7}', '👍',
                '\u{1f3fb}', '·', '٣', '\u{2028}', '\u{85}',
            ]),
            1 => any::<char>(),
        ];
        proptest::collection::vec(c, 0..40).prop_map(|chars| chars.into_iter().collect())
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

    /// Segments with their byte offsets.
    type Segments<'a> = Vec<(usize, &'a str)>;

    /// [`segments`] of `text`, and what it must equal: unicode-segmentation's, spaces left out.
    fn both_segmentations(text: &str) -> (Segments<'_>, Segments<'_>) {
        let unicode = text
            .split_word_bound_indices()
            .filter(|(_, s)| !s.chars().all(char::is_whitespace))
            .collect();
        (segments(text).collect(), unicode)
    }

    #[test]
    fn segments_keep_punctuation_and_drop_spaces() {
        let text = "Mr. Kyu-duk said: \"U.S. 3,000 __ a_\" \x0b\x1c“yes”\r\n";
        let (fast, unicode) = both_segmentations(text);
        assert_eq!(fast, unicode);
        let texts: Vec<&str> = fast.iter().map(|(_, s)| *s).collect();
        assert_eq!(
            texts,
            [
                "Mr", ".", "Kyu", "-", "duk", "said", ":", "\"", "U.S", ".", "3,000", "__", "a_",
                "\"", "\x1c", "“", "yes", "”"
            ]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn ascii_segments_equal_unicode_segments(text in ascii_text()) {
            let (fast, unicode) = both_segmentations(&text);
            prop_assert_eq!(fast, unicode);
        }

        #[test]
        fn segments_equal_unicode_segments_on_any_text(text in any_text()) {
            let (fast, unicode) = both_segmentations(&text);
            prop_assert_eq!(fast, unicode);
        }

        #[test]
        fn ascii_fast_path_equals_unicode_path(text in ascii_text()) {
            prop_assert_eq!(tokens(&text, true), tokens(&text, false));
        }

        #[test]
        fn fast_path_equals_unicode_path_on_any_text(text in any_text()) {
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
